import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { API_METHODS, apiChannel, DESKTOP_CHANNELS } from '../../src/shared/methods'
import { withTempDir } from '../helpers/temp'

const builtMain = join(process.cwd(), 'out', 'main', 'index.js')
const fakes = join(process.cwd(), 'tests', 'main', 'fake-electron')

describe('the built Electron main process (booted against a recording stand-in for electron)', () => {
  it('opens a hardened window, serves every API channel and guards the session', async () => {
    expect(existsSync(builtMain), 'run `npm run build` first').toBe(true)
    await withTempDir(async (dir) => {
      const result = spawnSync(
        process.execPath,
        ['--import', pathToFileURL(join(fakes, 'register.mjs')).href, join(fakes, 'boot.mjs'), pathToFileURL(builtMain).href],
        { env: { ...process.env, FAKE_USER_DATA: dir, HAMTA_LIBRARY: '' }, encoding: 'utf8', timeout: 20_000 }
      )
      expect(result.status, result.stderr).toBe(0)
      const record = JSON.parse(result.stdout)
      expect(record.startError).toBeUndefined()
      expect(record.singleInstance).toBe(true)
      expect(record.windows).toHaveLength(1)
      const { webPreferences } = record.windows[0].options
      expect(webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true })
      expect(webPreferences.preload).toMatch(/out[\\/]preload[\\/]index\.cjs$/)
      expect(existsSync(webPreferences.preload)).toBe(true)
      expect(record.windows[0].loaded.file).toMatch(/out[\\/]renderer[\\/]index\.html$/)
      expect(record.ipcChannels.sort()).toEqual(
        [...API_METHODS.map(apiChannel), DESKTOP_CHANNELS.importWithDialog, DESKTOP_CHANNELS.saveFile, DESKTOP_CHANNELS.saveMemoryTmx].sort()
      )
      // The memory goes, streamed, to the file chosen in the save dialog; another page gets nothing.
      expect(record.saveDialogs.at(-1)).toMatchObject({ defaultPath: 'memory.tmx' })
      expect(record.memoryExport).toMatchObject({ saved: true, units: 1 })
      expect(readFileSync(record.memoryExport.path, 'utf8')).toContain('<seg>Exported through the dialog.</seg>')
      expect(record.strangerExport).toEqual({ saved: false })
      expect(record.guards).toEqual({ blocksExternalNavigation: true, allowsOwnPage: true, newWindow: 'deny' })
      expect(record.permissionHandler).toBe(true)
      expect(record.headers['Content-Security-Policy'][0]).toContain("script-src 'self'")
      expect(record.appEvents).toEqual(expect.arrayContaining(['second-instance', 'web-contents-created', 'before-quit']))
      expect(record.menu).toEqual(expect.arrayContaining(['&File', '&Navigate']))
      // The library was created under the app's data folder.
      expect(existsSync(join(dir, 'library', 'documents'))).toBe(true)
    })
  })
})

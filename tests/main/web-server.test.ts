import { spawnSync } from 'node:child_process'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import type { Server } from 'node:http'
import { afterEach, describe, expect, it } from 'vitest'
import { API_METHODS } from '../../src/shared/methods'
import { createHandlers } from '../../src/main/handlers'
import { LibraryService } from '../../src/main/services/library'
import { createWebServer } from '../../src/main/web-server'
import { SAMPLES_DIR, withTempDir } from '../helpers/temp'

let server: Server | undefined
let library: LibraryService | undefined
afterEach(async () => {
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)))
  await library?.close()
  server = undefined
  library = undefined
})

async function start(dir: string, token = 'secret-token'): Promise<string> {
  library = await LibraryService.open({ libraryDir: join(dir, 'lib'), samplesDir: SAMPLES_DIR })
  const opened = library
  server = createWebServer({
    handlers: createHandlers({ library, mode: 'browser' }),
    token,
    downloads: { memoryTmx: (documentId) => opened.memoryTmx(documentId) }
  })
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}`
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const json = async (response: Response): Promise<any> => response.json()

const call = (base: string, method: string, body: unknown, token?: string): Promise<Response> =>
  fetch(`${base}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { 'x-hamta-token': token } : {}) },
    body: JSON.stringify(body)
  })

describe('browser-mode server', () => {
  it('answers 401 to every API request without the session token', async () => {
    await withTempDir(async (dir) => {
      const base = await start(dir)
      for (const method of API_METHODS) {
        expect((await call(base, method, {})).status).toBe(401)
        expect((await call(base, method, {}, 'wrong-token')).status).toBe(401)
      }
      expect((await fetch(`${base}/api/nothing`)).status).toBe(401)
    })
  })

  it('serves the services with the token, validating input', async () => {
    await withTempDir(async (dir) => {
      const base = await start(dir)
      const token = 'secret-token'
      const samples = await json(await call(base, 'listSamples', {}, token))
      expect(samples.result).toHaveLength(2)
      const imported = await json(await call(base, 'importSample', { sampleId: samples.result[0].id }, token))
      const documentId = imported.result.id
      const saved = await call(base, 'saveTarget', { documentId, rowId: 'r1', target: 'A title' }, token)
      expect(saved.status).toBe(200)
      expect((await json(saved)).result.row.status).toBe('draft')

      const invalid = await call(base, 'saveTarget', { documentId, rowId: 'r1' }, token)
      expect(invalid.status).toBe(400)
      expect((await json(invalid)).error.message).toMatch(/target/)
      const extra = await call(base, 'listDocuments', { evil: true }, token)
      expect(extra.status).toBe(400)
      const unknownRow = await call(base, 'saveTarget', { documentId, rowId: 'r9999', target: 'x' }, token)
      expect((await json(unknownRow)).error.message).toMatch(/r9999/)
      expect((await call(base, 'noSuchMethod', {}, token)).status).toBe(404)
    })
  })

  it('imports base64 files and refuses non-Persian ones with a message', async () => {
    await withTempDir(async (dir) => {
      const base = await start(dir)
      const dataBase64 = Buffer.from('This is English.').toString('base64')
      const response = await call(base, 'importDocument', { fileName: 'en.txt', dataBase64 }, 'secret-token')
      expect(response.status).toBe(400)
      expect((await json(response)).error).toMatchObject({ code: 'not-persian' })
      const list = await json(await call(base, 'listDocuments', {}, 'secret-token'))
      expect(list.result).toEqual([])
    })
  })

  it('refuses requests addressed to another host name', async () => {
    await withTempDir(async (dir) => {
      const base = await start(dir)
      const { request } = await import('node:http')
      const status = await new Promise<number>((resolve, reject) => {
        const req = request(`${base}/`, { headers: { host: 'evil.example' } }, (res) => resolve(res.statusCode ?? 0))
        req.on('error', reject)
        req.end()
      })
      expect(status).toBe(403)
    })
  })

  it('streams the translation memory as a TMX download, with the token only, and refuses an unknown document in words', async () => {
    await withTempDir(async (dir) => {
      const base = await start(dir)
      const token = 'secret-token'
      const { result: sample } = await json(await call(base, 'importSample', { sampleId: '003_1f132d0afecd6292' }, token))
      await call(base, 'saveTarget', { documentId: sample.id, rowId: 'r1', target: 'Emphasis on trilateral cooperation' }, token)
      await call(base, 'setRowStatus', { documentId: sample.id, rowId: 'r1', status: 'translated' }, token)
      expect((await fetch(`${base}/download/memory.tmx`)).status).toBe(401)
      const response = await fetch(`${base}/download/memory.tmx`, { headers: { 'x-hamta-token': token } })
      expect(response.status).toBe(200)
      expect(response.headers.get('content-type')).toBe('application/x-tmx+xml; charset=utf-8')
      expect(response.headers.get('content-disposition')).toBe("attachment; filename*=UTF-8''memory.tmx")
      const text = await response.text()
      // The same file the whole-string export gives, streamed (but for the header's time of export).
      const withoutHeader = (tmx: string) => tmx.replace(/<header [^>]*>/, '<header>')
      expect(withoutHeader(text)).toBe(withoutHeader((await json(await call(base, 'tmExport', {}, token))).result.content))
      expect(text).toContain('<seg>Emphasis on trilateral cooperation</seg>')
      const valid = spawnSync('xmllint', ['--noout', '--dtdvalid', join(process.cwd(), '..', 'shared', 'schemas', 'tmx14.dtd'), '-'], { input: text })
      expect(valid.status, valid.stderr.toString()).toBe(0)
      const one = await fetch(`${base}/download/memory.tmx?documentId=${sample.id}`, { headers: { 'x-hamta-token': token } })
      expect(decodeURIComponent(one.headers.get('content-disposition')!)).toMatch(/\.tmx$/)
      expect(await one.text()).toContain('<seg>Emphasis on trilateral cooperation</seg>')
      const unknown = await fetch(`${base}/download/memory.tmx?documentId=nope`, { headers: { 'x-hamta-token': token } })
      expect(unknown.status).toBe(400)
      expect((await json(unknown)).error.message).toMatch(/nope/)
    })
  })
})

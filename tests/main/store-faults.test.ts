import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { writeDurably, type DurableWrite } from '../../src/main/store/durable-json-file'
import { LibraryService } from '../../src/main/services/library'
import { SAMPLES_DIR, withTempDir } from '../helpers/temp'

const SAMPLE = '003_1f132d0afecd6292'

/** A disk that can be filled and emptied while the library runs. */
function fillableDisk(): { write: DurableWrite; full: (value: boolean) => void; attempts: () => number } {
  let full = false
  let attempts = 0
  return {
    write: async (path, content) => {
      attempts++
      if (full) throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' })
      await writeDurably(path, content)
    },
    full: (value) => (full = value),
    attempts: () => attempts
  }
}

const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

describe('the library when the disk fails', () => {
  it('reports a failed import as failed and never stores it later (no duplicate after a retry)', async () => {
    await withTempDir(async (dir) => {
      const disk = fillableDisk()
      const library = await LibraryService.open({ libraryDir: join(dir, 'lib'), samplesDir: SAMPLES_DIR, write: disk.write, retryMs: 30 })
      disk.full(true)
      await expect(library.importSample(SAMPLE)).rejects.toThrow(/The disk is full.*Nothing was stored\./)
      disk.full(false)
      await wait(200) // several retry periods: nothing may come back
      expect(library.listDocuments()).toEqual([])
      expect((await readdir(join(dir, 'lib', 'documents'))).filter((name) => name.endsWith('.json'))).toEqual([])
      // The user tries again: exactly one document.
      await library.importSample(SAMPLE)
      await library.close()
      const reopened = await LibraryService.open({ libraryDir: join(dir, 'lib'), samplesDir: SAMPLES_DIR })
      expect(reopened.listDocuments()).toHaveLength(1)
      await reopened.close()
    })
  })

  it('keeps settings that could not be saved, shows them meanwhile, and writes them once the disk has room', async () => {
    await withTempDir(async (dir) => {
      const disk = fillableDisk()
      const library = await LibraryService.open({ libraryDir: join(dir, 'lib'), samplesDir: SAMPLES_DIR, write: disk.write, retryMs: 30 })
      disk.full(true)
      await expect(library.updateSettings({ authorName: 'Sara' })).rejects.toThrow(/kept in memory and Hamta keeps trying/)
      expect((await library.settings()).authorName).toBe('Sara')
      const tries = disk.attempts()
      await vi.waitFor(() => expect(disk.attempts()).toBeGreaterThan(tries), { timeout: 5000 }) // really retried
      disk.full(false)
      // Written by the retry alone, however busy the machine.
      await vi.waitFor(async () => expect(JSON.parse(await readFile(join(dir, 'lib', 'settings.json'), 'utf8')).value.authorName).toBe('Sara'), {
        timeout: 5000,
        interval: 20
      })
      await library.close()
      const reopened = await LibraryService.open({ libraryDir: join(dir, 'lib'), samplesDir: SAMPLES_DIR })
      expect((await reopened.settings()).authorName).toBe('Sara')
      await reopened.close()
    })
  })

  it('writes settings kept in memory when the library closes', async () => {
    await withTempDir(async (dir) => {
      const disk = fillableDisk()
      const library = await LibraryService.open({ libraryDir: join(dir, 'lib'), samplesDir: SAMPLES_DIR, write: disk.write, retryMs: 60_000 })
      disk.full(true)
      await expect(library.updateSettings({ authorName: 'Reza' })).rejects.toThrow(/disk is full/)
      disk.full(false)
      await library.close()
      expect(JSON.parse(await readFile(join(dir, 'lib', 'settings.json'), 'utf8')).value.authorName).toBe('Reza')
    })
  })

  it('removes temporary files that a killed write left behind, and nothing else', async () => {
    await withTempDir(async (dir) => {
      const libraryDir = join(dir, 'lib')
      const first = await LibraryService.open({ libraryDir, samplesDir: SAMPLES_DIR })
      const { id } = await first.importSample(SAMPLE)
      await first.close()
      await writeFile(join(libraryDir, 'documents', `${id}.json.3141592653`), '{"half')
      await writeFile(join(libraryDir, 'index.json.27182818'), '')
      await writeFile(join(libraryDir, 'documents', 'notes.txt'), 'mine')
      const second = await LibraryService.open({ libraryDir, samplesDir: SAMPLES_DIR })
      expect((await readdir(join(libraryDir, 'documents'))).sort()).toEqual([`${id}.json`, 'notes.txt'])
      expect(await readdir(libraryDir)).not.toContain('index.json.27182818')
      expect(second.listDocuments()).toHaveLength(1)
      await second.close()
    })
  })
})

describe('imports of damaged text', () => {
  it('tells in the import result that bytes were replaced, and where', async () => {
    await withTempDir(async (dir) => {
      const library = await LibraryService.open({ libraryDir: join(dir, 'lib'), samplesDir: SAMPLES_DIR })
      const bytes = Buffer.from(await readFile(join(SAMPLES_DIR, `${SAMPLE}.txt`)))
      bytes[400] = 0xff
      const summary = await library.importFile('damaged.txt', bytes)
      expect(summary.encodingWarning).toMatch(/^UTF-8 \([12] invalid bytes? replaced with �, at bytes? 399/)
      expect(library.listDocuments()[0].encodingWarning).toBe(summary.encodingWarning)
      const clean = await library.importSample(SAMPLE)
      expect(clean.encodingWarning).toBeUndefined()
      await library.close()
    })
  })
})

import { existsSync } from 'node:fs'
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runImportHere, workerAlignRunner, workerImportRunner, type RunAlign } from '../../src/main/import/import-runner'
import type { ImportJob, ImportStage } from '../../src/main/import/prepare-import'
import { LibraryService } from '../../src/main/services/library'
import { SAMPLES_DIR, withTempDir } from '../helpers/temp'

const workerPath = join(process.cwd(), 'out', 'main', 'import-worker.js')
const samplePath = join(SAMPLES_DIR, '003_1f132d0afecd6292.txt')

async function bigArticle(megabytes: number): Promise<Buffer> {
  const sample = await readFile(samplePath)
  return Buffer.concat(Array.from({ length: Math.ceil((megabytes * 1e6) / sample.length) }, () => sample))
}

function job(bytes: Uint8Array, fileName = 'article.txt'): ImportJob {
  return { source: { fileName, bytes }, id: 'doc1', now: '2026-11-28T00:00:00.000Z', tagIds: {} }
}

describe('imports in a worker thread', () => {
  it('is built', () => {
    expect(existsSync(workerPath), 'run `npm run build` first').toBe(true)
  })

  it('prepares the same document file as an import in this thread, reporting its stages', async () => {
    const bytes = await readFile(samplePath)
    const stages: ImportStage[] = []
    const inWorker = await workerImportRunner({ workerPath })(job(bytes), { onStage: (stage) => stages.push(stage) })
    const here = await runImportHere(job(bytes))
    expect(inWorker.summary).toEqual(here.summary)
    expect(Buffer.from(inWorker.fileBytes).equals(Buffer.from(here.fileBytes))).toBe(true)
    expect(stages).toEqual(['reading', 'segmenting', 'saving'])
  })

  it('passes on the reason a file is refused, in words', async () => {
    await expect(workerImportRunner({ workerPath })(job(Buffer.from('Just English, no Persian at all.'), 'note.txt'))).rejects.toThrow(
      /note\.txt does not look like Persian text/
    )
  })

  it('ends an import that needs more memory than allowed with a clear message, and the app goes on', async () => {
    const runner = workerImportRunner({ workerPath, maxHeapMb: 24 })
    await expect(runner(job(await bigArticle(30), 'huge.txt'))).rejects.toThrow(/huge\.txt needs more memory than Hamta gives one import \(24 MB\)/)
    const small = await runner(job(await readFile(samplePath)))
    expect(small.summary.sentences).toBeGreaterThan(5)
  })

  it('cancels a running import: nothing stored, progress shown meanwhile, the library still usable', async () => {
    await withTempDir(async (dir) => {
      const library = await LibraryService.open({
        libraryDir: join(dir, 'lib'),
        samplesDir: SAMPLES_DIR,
        runImport: workerImportRunner({ workerPath })
      })
      const running = library.importFile('big.txt', await bigArticle(20), 'job-1')
      let seen: string | undefined
      for (let i = 0; i < 200 && seen !== 'segmenting'; i++) {
        await new Promise((resolve) => setTimeout(resolve, 25))
        seen = library.importProgress('job-1')?.stage
      }
      expect(seen).toBe('segmenting')
      expect(library.cancelImport('job-1')).toBe(true)
      await expect(running).rejects.toThrow(/The import of big\.txt was cancelled; nothing was stored/)
      expect(library.importProgress('job-1')).toBeNull()
      expect(library.listDocuments()).toEqual([])
      expect((await readdir(join(dir, 'lib', 'documents'))).filter((name) => name.endsWith('.json'))).toEqual([])
      const { id } = await library.importFile('003.txt', await readFile(samplePath))
      expect((await library.getDocument(id)).rows.length).toBeGreaterThan(5)
      await library.close()
    })
  })

  it('aligns an imported translation with a document in a worker, as in this thread, and refuses to overwrite an edit made meanwhile', async () => {
    await withTempDir(async (dir) => {
      const english = await readFile(join(process.cwd(), '..', 'shared', 'seeds', 'dev-align', '003.en.txt'))
      // Every alignment waits for a go, so the document can be edited while one runs.
      const worker = workerAlignRunner({ workerPath })
      let started: (go: () => void) => void = () => undefined
      const nextAlignment = (): Promise<() => void> => new Promise((resolve) => (started = resolve))
      const held: RunAlign = async (alignJob) => {
        await new Promise<void>((go) => started(go))
        return worker(alignJob)
      }
      const library = await LibraryService.open({ libraryDir: join(dir, 'lib'), samplesDir: SAMPLES_DIR, runAlign: held })
      const here = await LibraryService.open({ libraryDir: join(dir, 'here'), samplesDir: SAMPLES_DIR })
      const { id } = await library.importSample('003_1f132d0afecd6292')
      const { id: hereId } = await here.importSample('003_1f132d0afecd6292')

      let release = nextAlignment()
      const pending = library.importTranslation(id, '003.en.txt', english)
      const go = await release
      const before = await library.getDocument(id)
      await library.saveTarget(id, before.rows[0].id, 'Typed while the translation was being aligned.')
      go()
      await expect(pending).rejects.toThrow(/changed while 003\.en\.txt was being aligned with it; nothing was replaced/)
      expect((await library.getDocument(id)).rows[0].target).toBe('Typed while the translation was being aligned.')

      release = nextAlignment()
      const second = library.importTranslation(id, '003.en.txt', english, true)
      ;(await release)()
      const inWorker = await second
      const inThisThread = await here.importTranslation(hereId, '003.en.txt', english)
      expect(inWorker.document.rows.map((row) => [row.source.map((sentence) => sentence.text), row.target])).toEqual(
        inThisThread.document.rows.map((row) => [row.source.map((sentence) => sentence.text), row.target])
      )
      expect(inWorker.document.rows.filter((row) => row.target).length).toBeGreaterThan(10)
      // A file the worker refuses is refused in words.
      release = nextAlignment()
      const refused = library.importTranslation(id, 'fa.txt', await readFile(samplePath), true)
      ;(await release)()
      await expect(refused).rejects.toThrow(/looks like Persian/)
      await library.close()
      await here.close()
    })
  })
})

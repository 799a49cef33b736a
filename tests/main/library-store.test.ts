import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createDocument, setRowTarget, type HamtaDocument } from '../../src/core/model'
import { validateDocument } from '../../src/core/schema'
import { writeDurably, type DurableWrite } from '../../src/main/store/durable-json-file'
import { LibraryStore } from '../../src/main/store/library-store'
import { DOCUMENT_FILE_VERSION, migrateFile } from '../../src/main/store/migrations'
import { withTempDir } from '../helpers/temp'

const stores: LibraryStore[] = []
afterEach(async () => {
  await Promise.all(stores.splice(0).map((store) => store.close()))
})

async function open(dir: string, options: Partial<Parameters<typeof LibraryStore.open>[0]> = {}): Promise<LibraryStore> {
  const store = await LibraryStore.open({ libraryDir: join(dir, 'lib'), tool: 'a test', lockWaitMs: 300, ...options })
  stores.push(store)
  return store
}

async function closeAll(): Promise<void> {
  await Promise.all(stores.splice(0).map((store) => store.close()))
}

function makeDocument(id: string, sentences = 3): HamtaDocument {
  return createDocument({
    id,
    now: '2026-01-01T00:00:00.000Z',
    fileName: `${id}.txt`,
    encoding: 'UTF-8',
    originalText: `عنوان ${id}`,
    paragraphs: [{ sentences: Array.from({ length: sentences }, (_, i) => `جمله ${i + 1}.`) }]
  })
}

const docPath = (dir: string, id: string): string => join(dir, 'lib', 'documents', `${id}.json`)

describe('LibraryStore', () => {
  it('lets one writer in at a time and says clearly who holds the library', async () => {
    await withTempDir(async (dir) => {
      await open(dir, { tool: 'the Hamta desktop app' })
      await expect(LibraryStore.open({ libraryDir: join(dir, 'lib'), tool: 'hamta import', lockWaitMs: 300 })).rejects.toThrow(
        /in use by the Hamta desktop app \(process \d+, since /
      )
      await closeAll()
      const again = await open(dir)
      expect(again.list()).toEqual([])
    })
  })

  it('takes over a lock left by a process that died', async () => {
    await withTempDir(async (dir) => {
      await mkdir(join(dir, 'lib', 'library.lock'), { recursive: true })
      const { hostname } = await import('node:os')
      await writeFile(
        join(dir, 'lib', 'library.lock', 'owner.json'),
        JSON.stringify({ pid: 2 ** 22 + 12345, host: hostname(), tool: 'a crashed app', since: '' })
      )
      const store = await open(dir)
      expect(store.list()).toEqual([])
    })
  })

  it('rewrites only the edited document and keeps the index small', async () => {
    await withTempDir(async (dir) => {
      const store = await open(dir)
      await store.create(makeDocument('a'))
      await store.create(makeDocument('b'))
      const before = await readFile(docPath(dir, 'b'), 'utf8')
      const indexBefore = await readFile(join(dir, 'lib', 'index.json'), 'utf8')
      // Saving an edit writes the document at once; the list follows a moment later.
      await store.update('a', (doc) => setRowTarget(doc, 'r1', 'One', '2026-01-02T00:00:00.000Z'))
      expect(JSON.parse(await readFile(docPath(dir, 'a'), 'utf8')).document.rows[0].target).toBe('One')
      expect(await readFile(join(dir, 'lib', 'index.json'), 'utf8')).toBe(indexBefore)
      await store.flush()
      const indexAfterFirst = await readFile(join(dir, 'lib', 'index.json'), 'utf8')
      expect(indexAfterFirst).not.toBe(indexBefore)
      expect(JSON.parse(indexAfterFirst).documents.a.progress.draft).toBe(1)
      // A second edit of a draft row changes no counts: the index is not written again.
      await store.update('a', (doc) => setRowTarget(doc, 'r1', 'One more', '2026-01-02T00:00:01.000Z'))
      await store.flush()
      expect(await readFile(join(dir, 'lib', 'index.json'), 'utf8')).toBe(indexAfterFirst)
      expect(await readFile(docPath(dir, 'b'), 'utf8')).toBe(before)
      expect(JSON.parse(await readFile(docPath(dir, 'a'), 'utf8')).document.rows[0].target).toBe('One more')
    })
  })

  it('folds a burst of edits into few writes, each caller told when its edit is on disk', async () => {
    await withTempDir(async (dir) => {
      let writes = 0
      const counting: DurableWrite = async (path, text) => {
        if (path.endsWith('a.json')) writes++
        await writeDurably(path, text)
      }
      const store = await open(dir, { write: counting })
      await store.create(makeDocument('a'))
      writes = 0
      await Promise.all(
        Array.from({ length: 20 }, (_, i) => store.update('a', (doc) => setRowTarget(doc, 'r1', `edit ${i}`, '2026-01-02T00:00:00.000Z')))
      )
      expect(writes).toBeLessThanOrEqual(2)
      expect(JSON.parse(await readFile(docPath(dir, 'a'), 'utf8')).document.rows[0].target).toBe('edit 19')
    })
  })

  it('on a full disk says so, keeps the edit in memory, and saves it once the disk has room', async () => {
    await withTempDir(async (dir) => {
      let diskFull = false
      const write: DurableWrite = async (path, text) => {
        if (diskFull) throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' })
        await writeDurably(path, text)
      }
      const store = await open(dir, { write, retryMs: 50 })
      await store.create(makeDocument('a'))
      const onDisk = await readFile(docPath(dir, 'a'), 'utf8')
      diskFull = true
      await expect(store.update('a', (doc) => setRowTarget(doc, 'r1', 'kept', '2026-01-02T00:00:00.000Z'))).rejects.toThrow(
        /disk is full.*kept in memory/
      )
      expect(await readFile(docPath(dir, 'a'), 'utf8')).toBe(onDisk)
      expect((await store.read('a')).rows[0].target).toBe('kept')
      expect(store.hasUnsavedChanges).toBe(true)
      diskFull = false
      await new Promise((resolve) => setTimeout(resolve, 150))
      await store.flush()
      expect(store.hasUnsavedChanges).toBe(false)
      expect(JSON.parse(await readFile(docPath(dir, 'a'), 'utf8')).document.rows[0].target).toBe('kept')
    })
  })

  it('reports a read-only folder and denied permission in words', async () => {
    await withTempDir(async (dir) => {
      let code = ''
      const write: DurableWrite = async (path, text) => {
        if (code) throw Object.assign(new Error(code), { code })
        await writeDurably(path, text)
      }
      const store = await open(dir, { write, retryMs: 60_000 })
      await store.create(makeDocument('a'))
      code = 'EROFS'
      await expect(store.update('a', (doc) => setRowTarget(doc, 'r1', 'x', 'now'))).rejects.toThrow(/read-only/)
      code = 'EACCES'
      await expect(store.update('a', (doc) => setRowTarget(doc, 'r1', 'y', 'now'))).rejects.toThrow(/Permission denied/)
      code = ''
    })
  })

  it('moves a damaged document aside, restores the newest good backup and says what happened', async () => {
    await withTempDir(async (dir) => {
      const store = await open(dir, { backupPolicy: { minIntervalMs: 0, keepRecent: 5, keepDays: 3 } })
      await store.create(makeDocument('a'))
      await store.update('a', (doc) => setRowTarget(doc, 'r1', 'first', '2026-01-02T00:00:00.000Z'))
      await store.update('a', (doc) => setRowTarget(doc, 'r1', 'second', '2026-01-03T00:00:00.000Z'))
      await closeAll()
      const truncated = (await readFile(docPath(dir, 'a'), 'utf8')).slice(0, 40)
      await writeFile(docPath(dir, 'a'), truncated)

      const reopened = await open(dir)
      const doc = await reopened.read('a')
      // The backup taken before the last save holds the previous save.
      expect(doc.rows[0].target).toBe('first')
      expect(reopened.problems).toHaveLength(1)
      const [problem] = reopened.problems
      expect(problem.message).toMatch(/damaged.*restored from the backup/)
      expect(await readFile(problem.keptAt!, 'utf8')).toBe(truncated)
      expect(validateDocument(JSON.parse(await readFile(docPath(dir, 'a'), 'utf8')).document).ok).toBe(true)
    })
  })

  it('keeps listing the rest when a damaged document has no backup', async () => {
    await withTempDir(async (dir) => {
      const store = await open(dir)
      await store.create(makeDocument('a'))
      await store.create(makeDocument('b'))
      await closeAll()
      await writeFile(docPath(dir, 'b'), '{"schemaVersion":1,"document":{"id":"b","rows":"nope"}}')
      const reopened = await open(dir)
      await reopened.verifyAll()
      expect(reopened.list().map((doc) => doc.id)).toEqual(['a'])
      expect(reopened.problems[0]).toMatchObject({ documentId: 'b', message: expect.stringMatching(/no good backup/) })
      expect(await readdir(join(dir, 'lib', 'damaged'))).toHaveLength(1)
    })
  })

  it('rebuilds a damaged index from the document files, keeping the bad one', async () => {
    await withTempDir(async (dir) => {
      const store = await open(dir)
      await store.create(makeDocument('a'))
      await closeAll()
      await writeFile(join(dir, 'lib', 'index.json'), 'garbage{')
      const reopened = await open(dir)
      expect(reopened.list().map((doc) => doc.id)).toEqual(['a'])
      expect(reopened.problems[0].message).toMatch(/index could not be read/)
      expect(await readFile(reopened.problems[0].keptAt!, 'utf8')).toBe('garbage{')
    })
  })

  it('refuses files from a newer Hamta without touching them', async () => {
    await withTempDir(async (dir) => {
      const store = await open(dir)
      await store.create(makeDocument('a'))
      await closeAll()
      const newer = JSON.stringify({ schemaVersion: 99, document: {} })
      await writeFile(docPath(dir, 'a'), newer)
      const reopened = await open(dir)
      await expect(reopened.read('a')).rejects.toThrow(/newer Hamta/)
      expect(await readFile(docPath(dir, 'a'), 'utf8')).toBe(newer)
    })
  })

  it('refuses ids that would leave the library folder', async () => {
    await withTempDir(async (dir) => {
      const store = await open(dir)
      await expect(store.read('../../etc/passwd')).rejects.toThrow(/not a valid document id/)
      await expect(store.create(makeDocument('../x'))).rejects.toThrow(/not a valid document id/)
    })
  })

  it('rebuilds list entries left stale by a crash from the documents', async () => {
    await withTempDir(async (dir) => {
      const store = await open(dir)
      await store.create(makeDocument('a'))
      await closeAll()
      // As if the process died after saving the document but before the index caught up.
      const stored = JSON.parse(await readFile(docPath(dir, 'a'), 'utf8'))
      stored.document.rows[0] = { ...stored.document.rows[0], target: 'Done', status: 'translated' }
      await writeFile(docPath(dir, 'a'), JSON.stringify(stored))
      const reopened = await open(dir)
      expect(reopened.list()[0].progress.translated).toBe(0)
      await reopened.verifyAll()
      expect(reopened.list()[0].progress.translated).toBe(1)
    })
  })

  it('keeps a bounded set of rotating backups', async () => {
    await withTempDir(async (dir) => {
      const store = await open(dir, { backupPolicy: { minIntervalMs: 0, keepRecent: 3, keepDays: 1 } })
      await store.create(makeDocument('a'))
      for (let i = 0; i < 8; i++) {
        await store.update('a', (doc) => setRowTarget(doc, 'r1', `v${i}`, 'now'))
        await new Promise((resolve) => setTimeout(resolve, 3))
      }
      const backups = await readdir(join(dir, 'lib', 'backups', 'a'))
      expect(backups.length).toBe(3)
    })
  })

  it('loads and saves a 100,000-sentence document', async () => {
    await withTempDir(async (dir) => {
      const store = await open(dir)
      await store.create(makeDocument('big', 100_000))
      await store.update('big', (doc) => setRowTarget(doc, 'r99999', 'near the end', 'now'))
      await closeAll()
      const reopened = await open(dir)
      const doc = await reopened.read('big')
      expect(doc.rows).toHaveLength(100_000)
      expect(doc.rows[99_998].target).toBe('near the end')
    })
  }, 60_000)
})

describe('migrations', () => {
  const steps = {
    1: (file: { schemaVersion: number; [key: string]: unknown }) => ({ ...file, schemaVersion: 2, added: [] }),
    2: (file: { schemaVersion: number; [key: string]: unknown }) => ({ ...file, schemaVersion: 3, renamed: file.old, old: undefined })
  }

  it('runs every step in order from the file’s version to the current one', () => {
    const { file, fromVersion } = migrateFile({ schemaVersion: 1, old: 'x' }, 3, steps)
    expect(fromVersion).toBe(1)
    expect(file).toEqual({ schemaVersion: 3, added: [], renamed: 'x', old: undefined })
    expect(migrateFile({ schemaVersion: 3, kept: true }, 3, steps).file).toEqual({ schemaVersion: 3, kept: true })
  })

  it('refuses files without a version and files from a newer version', () => {
    expect(() => migrateFile({ nothing: true }, 3, steps)).toThrow(/no schema version/)
    expect(() => migrateFile({ schemaVersion: 4 }, 3, steps)).toThrow(/newer Hamta/)
  })

  it('migrates a version-1 file to the current version without losing anything', async () => {
    const fixture = JSON.parse(await readFile(join(process.cwd(), 'tests', 'fixtures', 'library', 'document-v1.json'), 'utf8'))
    const { file, fromVersion } = migrateFile(structuredClone(fixture))
    expect(fromVersion).toBe(1)
    expect(file.schemaVersion).toBe(DOCUMENT_FILE_VERSION)
    const checked = validateDocument((file as unknown as { document: unknown }).document)
    expect(checked.ok).toBe(true)
    if (!checked.ok) return
    expect(checked.document.rows.map((row) => [row.id, row.target, row.status])).toEqual(
      fixture.document.rows.map((row: { id: string; target: string; status: string }) => [row.id, row.target, row.status])
    )
    expect(checked.document.rows[0]).toMatchObject({ tags: [], comments: [], targetSpans: [], source: [{ spans: [] }] })
  })

  it('migrates an old document file on load, keeping the file as it was', async () => {
    await withTempDir(async (dir) => {
      const fixture = await readFile(join(process.cwd(), 'tests', 'fixtures', 'library', 'document-v1.json'), 'utf8')
      await mkdir(join(dir, 'lib', 'documents'), { recursive: true })
      await writeFile(docPath(dir, 'fixture1'), fixture)
      const store = await open(dir)
      expect(store.list().map((doc) => doc.id)).toEqual(['fixture1'])
      expect((await store.read('fixture1')).rows[0].target).toBe('Title')
      expect(JSON.parse(await readFile(docPath(dir, 'fixture1'), 'utf8')).schemaVersion).toBe(DOCUMENT_FILE_VERSION)
      expect(await readFile(join(dir, 'lib', 'migrated', 'fixture1.v1.json'), 'utf8')).toBe(fixture)
    })
  })
})

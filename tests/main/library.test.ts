import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { LibraryService } from '../../src/main/services/library'
import { SAMPLES_DIR, withTempDir } from '../helpers/temp'

const persian = 'عنوان خبر\n\nوزیر کار گفت: همکاری ادامه دارد. وی افزود که دیدار مفید بود.\n'
const bytes = (text: string): Uint8Array => new TextEncoder().encode(text)

const opened: LibraryService[] = []
afterEach(async () => {
  await Promise.all(opened.splice(0).map((library) => library.close()))
})

async function openLibrary(dir: string): Promise<LibraryService> {
  const library = await LibraryService.open({ libraryDir: join(dir, 'library'), samplesDir: SAMPLES_DIR })
  opened.push(library)
  return library
}

describe('LibraryService (real files, real lowdb)', () => {
  it('imports a Persian text and finds it again after reopening', async () => {
    await withTempDir(async (dir) => {
      const library = await openLibrary(dir)
      const summary = await library.importFile('article.txt', bytes(persian))
      expect(summary).toMatchObject({ title: 'عنوان خبر', fileName: 'article.txt' })
      expect(summary.sentences).toBeGreaterThanOrEqual(3)

      await library.close()
      const reopened = await openLibrary(dir)
      expect(reopened.listDocuments().map((doc) => doc.id)).toEqual([summary.id])
      const doc = await reopened.getDocument(summary.id)
      expect(doc.originalText).toBe(persian)
      expect(doc.origin.encoding).toBe('UTF-8')
      await reopened.close()
    })
  })

  it('keeps translations and statuses on disk, one file per document', async () => {
    await withTempDir(async (dir) => {
      const library = await openLibrary(dir)
      const { id } = await library.importFile('a.txt', bytes(persian))
      const other = await library.importFile('b.txt', bytes(persian))
      const update = await library.saveTarget(id, 'r2', 'The labour minister said cooperation continues.')
      expect(update.row.status).toBe('draft')
      expect(update.summary.progress.draft).toBe(1)
      await library.setRowStatus(id, 'r2', 'translated')

      const stored = JSON.parse(await readFile(join(dir, 'library', 'documents', `${id}.json`), 'utf8'))
      expect(stored.schemaVersion).toBe(2)
      expect(stored.document.rows[1]).toMatchObject({ target: 'The labour minister said cooperation continues.', status: 'translated' })
      const untouched = JSON.parse(await readFile(join(dir, 'library', 'documents', `${other.id}.json`), 'utf8'))
      expect(untouched.document.rows.every((row: { target: string }) => row.target === '')).toBe(true)

      await library.close()
      const reopened = await openLibrary(dir)
      expect(reopened.listDocuments().find((doc) => doc.id === id)?.progress.translated).toBe(1)
      await reopened.close()
    })
  })

  it('refuses bad input with a clear message and writes nothing', async () => {
    await withTempDir(async (dir) => {
      const library = await openLibrary(dir)
      await expect(library.importFile('empty.txt', new Uint8Array())).rejects.toThrow('empty.txt is empty')
      await expect(library.importFile('english.txt', bytes('This is an English article. It has two sentences.'))).rejects.toThrow(
        /does not look like Persian/
      )
      await expect(library.importFile('image.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47]))).rejects.toThrow(/image.png is an image/)
      await expect(library.importFile('binary.txt', new Uint8Array([0x00, 0x01, 0x02, 0xd8, 0xb3]))).rejects.toThrow(/binary/)
      expect(library.listDocuments()).toEqual([])
      expect(await readdir(join(dir, 'library', 'documents'))).toEqual([])
    })
  })

  it('imports the bundled sample articles', async () => {
    await withTempDir(async (dir) => {
      const library = await openLibrary(dir)
      const samples = await library.listSampleFiles()
      expect(samples.map((sample) => sample.id).sort()).toEqual(['000_6be2688a1683f03a', '003_1f132d0afecd6292'])
      const summary = await library.importSample('003_1f132d0afecd6292')
      expect(summary.title).toContain('تاکید بر ضرورت تقویت همکاری های سه جانبه')
      await expect(library.importSample('missing')).rejects.toThrow(/no sample/)
    })
  })

  it('exports JSON that holds everything and English text with paragraphs', async () => {
    await withTempDir(async (dir) => {
      const library = await openLibrary(dir)
      const { id } = await library.importFile('a.txt', bytes(persian))
      await library.saveTarget(id, 'r1', 'News title')
      await library.saveTarget(id, 'r2', 'The minister said cooperation continues.')
      const json = await library.exportDocument(id, 'json')
      expect(json.fileName).toBe('عنوان خبر.hamta.json')
      const parsed = JSON.parse(json.content)
      expect(parsed.format).toBe('hamta-document')
      expect(parsed.document).toEqual(await library.getDocument(id))
      const txt = await library.exportDocument(id, 'txt')
      expect(txt.content).toBe('News title\n\nThe minister said cooperation continues.\n')
    })
  })

  it('moves deleted documents to the trash instead of destroying them', async () => {
    await withTempDir(async (dir) => {
      const library = await openLibrary(dir)
      const { id } = await library.importFile('a.txt', bytes(persian))
      await library.deleteDocument(id)
      expect(library.listDocuments()).toEqual([])
      const trash = await readdir(join(dir, 'library', 'trash'))
      expect(trash).toHaveLength(1)
      expect(trash[0].startsWith(id)).toBe(true)
      await expect(library.getDocument(id)).rejects.toThrow(/no document/)

      // And brings it back as it was, listed again; only once.
      const restored = await library.restoreDocument(id)
      expect(restored.id).toBe(id)
      expect(library.listDocuments().map((doc) => doc.id)).toEqual([id])
      expect((await library.getDocument(id)).rows.length).toBeGreaterThan(0)
      expect(await readdir(join(dir, 'library', 'trash'))).toEqual([])
      await expect(library.restoreDocument(id)).rejects.toThrow(/in the library already/)
    })
  })

  it('lists deleted documents, the last deleted first, until they are brought back', async () => {
    await withTempDir(async (dir) => {
      const library = await openLibrary(dir)
      const first = await library.importFile('first.txt', bytes(persian))
      const second = await library.importFile('second.txt', bytes(`خبر دوم\n\n${persian}`))
      expect(await library.listTrash()).toEqual([])
      await library.deleteDocument(first.id)
      await new Promise((resolve) => setTimeout(resolve, 5))
      await library.deleteDocument(second.id)
      const listed = await library.listTrash()
      expect(listed.map((doc) => [doc.id, doc.title, doc.fileName, doc.copies])).toEqual([
        [second.id, 'خبر دوم', 'second.txt', 1],
        [first.id, 'عنوان خبر', 'first.txt', 1]
      ])
      expect(listed[0].sentences).toBe(second.sentences)
      expect(Date.parse(listed[0].deletedAt)).toBeGreaterThan(Date.parse(listed[1].deletedAt))
      expect(Math.abs(Date.parse(listed[1].deletedAt) - Date.now())).toBeLessThan(60_000)

      // Brought back, it leaves the list; deleted again, it is listed again.
      await library.restoreDocument(first.id)
      expect((await library.listTrash()).map((doc) => doc.id)).toEqual([second.id])
      await library.deleteDocument(first.id)
      expect((await library.listTrash()).find((doc) => doc.id === first.id)?.copies).toBe(1)

      // A copy that cannot be read is listed with the reason, not hidden.
      await writeFile(join(dir, 'library', 'trash', 'broken-2026-01-02T03-04-05-678Z.json'), '{"schemaVersion": 2, "docu')
      const broken = (await library.listTrash()).find((doc) => doc.id === 'broken')
      expect(broken).toMatchObject({ deletedAt: '2026-01-02T03:04:05.678Z', problem: expect.stringMatching(/cannot be read.*not valid JSON/) })
    })
  })

  it('reports a damaged document file without losing the rest of the library', async () => {
    await withTempDir(async (dir) => {
      const library = await openLibrary(dir)
      const good = await library.importFile('a.txt', bytes(persian))
      const bad = await library.importFile('b.txt', bytes(persian))
      await library.close()
      await writeFile(join(dir, 'library', 'documents', `${bad.id}.json`), '{"schemaVersion":1,"document":{"id":')
      const reopened = await openLibrary(dir)
      await expect(reopened.getDocument(bad.id)).rejects.toThrow(/damaged/)
      expect((await reopened.getDocument(good.id)).id).toBe(good.id)
      await reopened.close()
    })
  })
})

describe('importing bilingual files and exporting every format', () => {
  it('round-trips a document through XLIFF, TMX and Hamta JSON as new documents', async () => {
    await withTempDir(async (dir) => {
      const library = await LibraryService.open({ libraryDir: join(dir, 'library'), samplesDir: SAMPLES_DIR })
      try {
        const { id } = await library.importSample('003_1f132d0afecd6292')
        await library.saveTarget(id, 'r1', 'Emphasis on trilateral cooperation')
        await library.setRowStatus(id, 'r1', 'approved')
        const original = await library.getDocument(id)
        for (const [format, name] of [
          ['xliff12', 'a.xlf'],
          ['xliff2', 'b.xlf'],
          ['tmx', 'c.tmx'],
          ['json', 'd.hamta.json']
        ] as const) {
          const exported = await library.exportDocument(id, format)
          expect(exported.encoding).toBe('utf8')
          const summary = await library.importFile(name, Buffer.from(exported.content, 'utf8'))
          expect(summary.id).not.toBe(id)
          const copy = await library.getDocument(summary.id)
          expect(
            copy.rows.map((row) => row.source.map((s) => s.text).join(' ')),
            format
          ).toEqual(original.rows.map((row) => row.source.map((s) => s.text).join(' ')))
          expect(copy.rows[0], format).toMatchObject({ target: 'Emphasis on trilateral cooperation', status: 'approved' })
        }
        const json = await library.getDocument(library.listDocuments().find((doc) => doc.fileName === 'd.hamta.json')!.id)
        expect(json.originalText).toBe(original.originalText)
        const docx = await library.exportDocument(id, 'docx', { englishOnly: true })
        expect(docx.encoding).toBe('base64')
        expect(Buffer.from(docx.content, 'base64').subarray(0, 2).toString()).toBe('PK')
        await expect(library.importFile('broken.xlf', Buffer.from('<xliff><file'))).rejects.toThrow(/line/)
      } finally {
        await library.close()
      }
    })
  })
})

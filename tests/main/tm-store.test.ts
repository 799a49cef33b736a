import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { LibraryService } from '../../src/main/services/library'
import { TranslationMemoryService } from '../../src/main/services/translation-memory'
import { validateXml } from '../core/formats/tools'
import { SAMPLES_DIR, withTempDir } from '../helpers/temp'

const FIXTURES = join(process.cwd(), 'tests', 'fixtures', 'tm')
const ZWNJ = '\u200c'
const bytes = (text: string): Uint8Array => new TextEncoder().encode(text)

const opened: Array<{ close: () => Promise<void> }> = []
afterEach(async () => {
  for (const item of opened.splice(0).reverse()) await item.close()
})

async function open(dir: string): Promise<{ library: LibraryService; tm: TranslationMemoryService }> {
  const library = await LibraryService.open({ libraryDir: join(dir, 'library'), samplesDir: SAMPLES_DIR })
  opened.push(library)
  const tm = await TranslationMemoryService.open({ libraryDir: library.libraryDir, documents: library })
  opened.push(tm)
  return { library, tm }
}

async function close(...items: Array<{ close: () => Promise<void> }>): Promise<void> {
  for (const item of items) {
    await item.close()
    opened.splice(opened.indexOf(item), 1)
  }
}

/** A document with one row per sentence (each sentence its own paragraph). */
async function makeDocument(library: LibraryService, sentences: string[], name = 'article.txt'): Promise<{ id: string; rows: string[] }> {
  const summary = await library.importFile(name, bytes(sentences.join('\n\n') + '\n'))
  const doc = await library.getDocument(summary.id)
  expect(doc.rows.map((row) => row.source.map((s) => s.text).join(' '))).toEqual(sentences)
  return { id: summary.id, rows: doc.rows.map((row) => row.id) }
}

async function translate(library: LibraryService, tm: TranslationMemoryService, documentId: string, rowId: string, english: string): Promise<void> {
  await library.saveTarget(documentId, rowId, english)
  await library.setRowStatus(documentId, rowId, 'translated')
  await tm.syncDocument(await library.getDocument(documentId))
}

const ARTICLE = [
  'وزیر امور خارجه ایران امروز با همتای ترکیه در آنکارا دیدار کرد.',
  'دو طرف درباره همکاری‌های اقتصادی گفت‌وگو کردند.',
  'قیمت نفت به ۷۵ دلار رسید.',
  'این دیدار سه ساعت طول کشید.'
]
const ENGLISH = [
  "Iran's foreign minister met his Turkish counterpart in Ankara today.",
  'The two sides discussed economic cooperation.',
  'The oil price reached $75.',
  'The meeting lasted three hours.'
]

describe('translation memory of the library', { timeout: 30_000 }, () => {
  it('holds translated and confirmed rows, follows their changes, and forgets removed documents', async () => {
    await withTempDir(async (dir) => {
      const { library, tm } = await open(dir)
      const doc = await makeDocument(library, ARTICLE)
      await library.saveTarget(doc.id, doc.rows[0], ENGLISH[0]) // a draft: not in the memory yet
      expect(await tm.syncDocument(await library.getDocument(doc.id))).toEqual({ added: 0, removed: 0 })
      expect(await tm.lookup(null, { text: ARTICLE[0] })).toEqual([])

      await library.setRowStatus(doc.id, doc.rows[0], 'translated')
      expect(await tm.syncDocument(await library.getDocument(doc.id))).toEqual({ added: 1, removed: 0 })
      const [match] = await tm.lookup(null, { text: `وزیر امور خارجه ايران امروز با همتاي تركيه در آنکارا ديدار كرد.` })
      expect(match).toMatchObject({ score: 100, source: ARTICLE[0], target: ENGLISH[0], origin: { kind: 'document', name: ARTICLE[0], id: doc.id } })

      // A changed row replaces its old unit; unchanged rows are left alone.
      await translate(library, tm, doc.id, doc.rows[1], ENGLISH[1])
      await translate(library, tm, doc.id, doc.rows[0], 'Today the foreign minister of Iran met his Turkish counterpart in Ankara.')
      const again = await tm.lookup(null, { text: ARTICLE[0] })
      expect(again.map((m) => m.target)).toEqual(['Today the foreign minister of Iran met his Turkish counterpart in Ankara.'])
      expect(tm.documentUnitCount()).toBe(2)

      // Rejected rows leave the memory; confirmed alignments enter it even as drafts.
      await library.setRowStatus(doc.id, doc.rows[1], 'rejected')
      expect(await tm.syncDocument(await library.getDocument(doc.id))).toEqual({ added: 0, removed: 1 })
      await library.edit(doc.id, (current) => ({
        ...current,
        rows: current.rows.map((row) =>
          row.id === doc.rows[2] ? { ...row, target: ENGLISH[2], status: 'draft', alignment: { status: 'confirmed' } } : row
        )
      }))
      expect(await tm.syncDocument(await library.getDocument(doc.id))).toEqual({ added: 1, removed: 0 })

      await library.deleteDocument(doc.id)
      await tm.removeDocument(doc.id)
      expect(tm.documentUnitCount()).toBe(0)
      expect(await tm.lookup(null, { text: ARTICLE[0] })).toEqual([])
    })
  })

  it('reopens from disk and catches up with documents changed while it was closed', async () => {
    await withTempDir(async (dir) => {
      let { library, tm } = await open(dir)
      const doc = await makeDocument(library, ARTICLE)
      await translate(library, tm, doc.id, doc.rows[0], ENGLISH[0])
      const memory = await tm.importMemoryFile(join(FIXTURES, 'omegat36-fa-en-level2.tmx'))
      await tm.setMemoryPenalty(memory.id, 5)
      await close(tm)
      // Changed with no memory open (another tool, an older version of the app).
      await library.saveTarget(doc.id, doc.rows[3], ENGLISH[3])
      await library.setRowStatus(doc.id, doc.rows[3], 'approved')
      await close(library)

      ;({ library, tm } = await open(dir))
      expect(tm.listMemories()).toEqual([
        expect.objectContaining({ id: memory.id, units: 3, penalty: 5, enabled: true, name: 'omegat36-fa-en-level2' })
      ])
      expect((await tm.lookup(null, { text: ARTICLE[3] }))[0]).toMatchObject({ score: 100, target: ENGLISH[3] })
      expect((await tm.lookup(null, { text: ARTICLE[0] }))[0]).toMatchObject({ score: 100, target: ENGLISH[0] })
      expect((await tm.lookup(null, { text: 'نرخ تورم ۲۸٫۴ درصد اعلام شد.' }))[0]).toMatchObject({
        score: 95,
        target: 'Inflation was announced at 28.4 percent.',
        origin: { kind: 'memory', name: 'omegat36-fa-en-level2' }
      })
    })
  })

  it('lists, switches off, penalizes and removes imported memories', async () => {
    await withTempDir(async (dir) => {
      const { library, tm } = await open(dir)
      const first = await tm.importMemory('omegat36-fa-en.tmx', await readFile(join(FIXTURES, 'omegat36-fa-en.tmx')), { name: 'OmegaT project' })
      expect(first).toMatchObject({ name: 'OmegaT project', units: 3, sourceLang: 'FA-IR', targetLang: 'EN-US', enabled: true, penalty: 0 })
      const query = { text: 'قیمت نفت به ۷۵ دلار رسید.' }
      expect((await tm.lookup(null, query))[0]).toMatchObject({
        score: 100,
        target: 'The oil price reached $75.',
        origin: { name: 'OmegaT project' }
      })

      await tm.setMemoryEnabled(first.id, false)
      expect(await tm.lookup(null, query)).toEqual([])
      await tm.setMemoryEnabled(first.id, true)
      await tm.setMemoryPenalty(first.id, 20)
      expect((await tm.lookup(null, query))[0].score).toBe(80)
      expect(await tm.lookup(null, query, { min: 90 })).toEqual([])
      await expect(tm.setMemoryPenalty(first.id, 300)).rejects.toThrow(/0 to 100/)

      await tm.removeMemory(first.id)
      expect(tm.listMemories()).toEqual([])
      expect(await tm.lookup(null, query)).toEqual([])
      expect(await readdir(join(library.libraryDir, 'tm', 'memories'))).toEqual([])
      await expect(tm.importMemory('empty.tmx', bytes('<tmx version="1.4"><header/><body/></tmx>'))).rejects.toThrow(/no translation units/)
      await expect(tm.importMemory('bad.tmx', bytes('<tmx version="1.4"><body><tu>'))).rejects.toThrow(/bad\.tmx: the TMX is not well-formed/)
      expect(await readdir(join(library.libraryDir, 'tm', 'memories'))).toEqual([])
    })
  })

  it('offers the translation just typed to the same sentence later in the document', async () => {
    await withTempDir(async (dir) => {
      const { library, tm } = await open(dir)
      const doc = await makeDocument(library, [ARTICLE[0], ARTICLE[1], `وزیر امور خارجه ايران امروز با همتاي ترکيه در آنکارا ديدار کرد.`])
      await library.saveTarget(doc.id, doc.rows[0], ENGLISH[0]) // only typed: a draft
      await tm.syncDocument(await library.getDocument(doc.id))
      const matches = await tm.lookup(doc.id, { rowId: doc.rows[2] })
      expect(matches).toEqual([
        expect.objectContaining({
          score: 100,
          target: ENGLISH[0],
          repetition: true,
          origin: expect.objectContaining({ kind: 'document', rowId: doc.rows[0] })
        })
      ])
      expect(await tm.autoInsertion(doc.id, doc.rows[2])).toMatchObject({ target: ENGLISH[0] })
      // A row never matches itself (row 2, the same sentence, has no English yet).
      await library.setRowStatus(doc.id, doc.rows[0], 'translated')
      await tm.syncDocument(await library.getDocument(doc.id))
      expect(await tm.lookup(doc.id, { rowId: doc.rows[0] })).toEqual([])
      // Row 2 now finds row 0 both as a repetition and in the memory: listed once.
      const both = await tm.lookup(doc.id, { rowId: doc.rows[2] })
      expect(both).toEqual([expect.objectContaining({ score: 100, target: ENGLISH[0], repetition: true })])
    })
  })

  it('ranks the same sentence with the same neighbours above a bare exact match (101)', async () => {
    await withTempDir(async (dir) => {
      const { library, tm } = await open(dir)
      const old = await makeDocument(library, ARTICLE, 'old.txt')
      for (let i = 0; i < ARTICLE.length; i++) await translate(library, tm, old.id, old.rows[i], ENGLISH[i])
      const elsewhere = await makeDocument(library, ['خبر دیگری است.', ARTICLE[2], 'پایان خبر.'], 'other.txt')
      await translate(library, tm, elsewhere.id, elsewhere.rows[1], 'Oil reached 75 dollars.')
      const fresh = await makeDocument(library, ARTICLE, 'new.txt')
      const matches = await tm.lookup(fresh.id, { rowId: fresh.rows[2] })
      expect(matches.map((m) => [m.score, m.target])).toEqual([
        [101, 'The oil price reached $75.'],
        [100, 'Oil reached 75 dollars.']
      ])
      const byText = await tm.lookup(null, { text: ARTICLE[2], prev: ARTICLE[1], next: ARTICLE[3] })
      expect(byText[0].score).toBe(101)
    })
  })

  it('shows fuzzy matches with differences and adapted numbers', async () => {
    await withTempDir(async (dir) => {
      const { library, tm } = await open(dir)
      const doc = await makeDocument(library, ARTICLE)
      for (let i = 0; i < ARTICLE.length; i++) await translate(library, tm, doc.id, doc.rows[i], ENGLISH[i])
      const [fuzzy] = await tm.lookup(null, { text: 'وزیر امور خارجه ایران دیروز با همتای ترکیه در آنکارا دیدار کرد.' })
      expect(fuzzy.score).toBeGreaterThanOrEqual(88)
      expect(fuzzy.score).toBeLessThan(100)
      expect(fuzzy.diff.filter((part) => part.kind === 'changed')).toEqual([{ kind: 'changed', text: 'امروز' }])
      const [numbers] = await tm.lookup(null, { text: 'قیمت نفت به ۸۲٫۵ دلار رسید.' })
      expect(numbers).toMatchObject({
        score: 99,
        target: 'The oil price reached $75.',
        adaptedTarget: 'The oil price reached $82.5.',
        adaptedNumbers: [{ from: '75', to: '82.5' }]
      })
      expect(await tm.lookup(null, { text: 'هوای تهران امروز بارانی است.' })).toEqual([])
    })
  })

  it('finds words in either language with concordance', async () => {
    await withTempDir(async (dir) => {
      const { library, tm } = await open(dir)
      const doc = await makeDocument(library, ARTICLE)
      for (let i = 0; i < ARTICLE.length; i++) await translate(library, tm, doc.id, doc.rows[i], ENGLISH[i])
      await tm.importMemoryFile(join(FIXTURES, 'omegat36-fa-en.tmx'))
      const persian = await tm.concordance(`همکاری های`)
      expect(persian.units.map((unit) => unit.target)).toEqual([ENGLISH[1]])
      const [unit] = persian.units
      expect(unit.sourceHits.map(([start, end]) => unit.source.slice(start, end))).toEqual([`همکاری${ZWNJ}های`])
      const oil = await tm.concordance('نفت')
      expect(oil.units.map((u) => u.origin.kind)).toEqual(['document', 'memory'])
      const english = await tm.concordance('counterpart')
      expect(english.units.map((u) => u.target)).toEqual([ENGLISH[0], "Iran's foreign minister met his Turkish counterpart today."])
      expect(english.units[0].targetHits.map(([start, end]) => english.units[0].target.slice(start, end))).toEqual(['counterpart'])
      expect((await tm.concordance('inflation percent')).units).toHaveLength(1)
      expect((await tm.concordance('zebra')).units).toEqual([])
    })
  })

  it('pre-translates empty rows as drafts marked as from the memory', async () => {
    await withTempDir(async (dir) => {
      const { library, tm } = await open(dir)
      await tm.importMemoryFile(join(FIXTURES, 'omegat36-fa-en.tmx'))
      const doc = await makeDocument(library, [
        'وزیر امور خارجه ايران امروز با همتاي تركيه ديدار كرد.',
        'قیمت نفت به ۸۰ دلار رسید.',
        'این جمله در حافظه نیست.',
        'نرخ تورم ۲۸٫۴ درصد اعلام شد.'
      ])
      await library.saveTarget(doc.id, doc.rows[3], 'Typed by hand.')
      expect(await tm.pretranslate(doc.id, 100)).toEqual({ filled: 1, rowIds: [doc.rows[0]] })
      let current = await library.getDocument(doc.id)
      expect(current.rows.map((row) => [row.target, row.status])).toEqual([
        ["Iran's foreign minister met his Turkish counterpart today.", 'draft'],
        ['', 'untranslated'],
        ['', 'untranslated'],
        ['Typed by hand.', 'draft']
      ])
      expect(await tm.pretranslate(doc.id, 90)).toEqual({ filled: 1, rowIds: [doc.rows[1]] })
      current = await library.getDocument(doc.id)
      expect(current.rows[1].target).toBe('The oil price reached $80.')
      expect(await tm.memoryDrafts(doc.id)).toEqual({
        [doc.rows[0]]: { target: "Iran's foreign minister met his Turkish counterpart today.", score: 100, origin: 'omegat36-fa-en' },
        [doc.rows[1]]: { target: 'The oil price reached $80.', score: 99, origin: 'omegat36-fa-en' }
      })
      await library.saveTarget(doc.id, doc.rows[0], 'Edited.')
      expect(Object.keys(await tm.memoryDrafts(doc.id))).toEqual([doc.rows[1]])
    })
  })

  it('counts a document into match bands, with repetitions, as a table and CSV', async () => {
    await withTempDir(async (dir) => {
      const { library, tm } = await open(dir)
      const old = await makeDocument(library, ARTICLE, 'old.txt')
      for (let i = 0; i < ARTICLE.length; i++) await translate(library, tm, old.id, old.rows[i], ENGLISH[i])
      const doc = await makeDocument(
        library,
        [
          ARTICLE[0], // 100 (neighbours differ)
          'وزیر امور خارجه ایران دیروز با همتای ترکیه در آنکارا دیدار کرد.', // fuzzy 85–94
          'هوای تهران امروز بارانی است.', // no match
          'هوای تهران امروز بارانی است.', // repetition
          ARTICLE[0] // 100 again: an exact match beats a repetition
        ],
        'new.txt'
      )
      const analysis = await tm.analyze(doc.id)
      const band = (name: string) => analysis.bands.find((b) => b.band === name)!
      expect(band('100')).toMatchObject({ sentences: 2, words: 24 })
      expect(band('85-94')).toMatchObject({ sentences: 1, words: 12 })
      expect(band('no-match')).toMatchObject({ sentences: 1, words: 5 })
      expect(band('repetitions')).toMatchObject({ sentences: 1, words: 5 })
      expect(band('context').sentences).toBe(0)
      expect(analysis.total).toEqual({ sentences: 5, words: 46 })
      // Its own translations do not count for a document.
      const self = await tm.analyze(old.id)
      expect(self.bands.find((b) => b.band === 'no-match')!.sentences).toBe(4)
      const csv = await tm.analysisCsv(doc.id)
      expect(csv.split('\r\n')).toEqual([
        'Band,Sentences,Words',
        'Context match (101%),0,0',
        '100%,2,24',
        '95–99%,0,0',
        '85–94%,1,12',
        '75–84%,0,0',
        '50–74%,0,0',
        'No match,1,5',
        'Repetitions,1,5',
        'Total,5,46',
        ''
      ])
    })
  })

  it('imports a document exported as TMX by Hamta itself', async () => {
    await withTempDir(async (dir) => {
      const { library, tm } = await open(dir)
      const doc = await makeDocument(library, ARTICLE)
      for (let i = 0; i < 3; i++) await translate(library, tm, doc.id, doc.rows[i], ENGLISH[i])
      const exported = await library.exportDocument(doc.id, 'tmx')
      await library.deleteDocument(doc.id)
      await tm.removeDocument(doc.id)
      const memory = await tm.importMemory(exported.fileName, bytes(exported.content))
      expect(memory).toMatchObject({ units: 3, skipped: 1, sourceLang: 'fa', targetLang: 'en' })
      expect((await tm.lookup(null, { text: ARTICLE[1] }))[0]).toMatchObject({ score: 100, target: ENGLISH[1], origin: { kind: 'memory' } })
    })
  })

  it('exports TMX 1.4 that the DTD accepts and that imports back', async () => {
    await withTempDir(async (dir) => {
      const { library, tm } = await open(dir)
      const doc = await makeDocument(library, ARTICLE)
      for (let i = 0; i < ARTICLE.length; i++) await translate(library, tm, doc.id, doc.rows[i], ENGLISH[i])
      await tm.importMemoryFile(join(FIXTURES, 'lisa-ImportTest2A.tmx'))
      const whole = join(dir, 'whole.tmx')
      expect(await tm.exportTmxToFile(whole)).toEqual({ units: 11 })
      const check = validateXml(whole, 'tmx')
      expect(check.stderr).toBe('')
      expect(check.status).toBe(0)
      const part = await tm.exportTmx(doc.id)
      expect(part.fileName).toBe(`${ARTICLE[0]}.tmx`)
      await writeFile(join(dir, 'part.tmx'), part.content)
      expect(validateXml(join(dir, 'part.tmx'), 'tmx').status).toBe(0)
      const back = await tm.importMemory('part.tmx', bytes(part.content))
      expect(back.units).toBe(4)
      const [match] = await tm.lookup(null, { text: ARTICLE[1], prev: ARTICLE[0], next: ARTICLE[2] }, { max: 5 })
      // The exported context props survive the trip: the re-imported unit is a context match too.
      expect(match.score).toBe(101)
    })
  })
})

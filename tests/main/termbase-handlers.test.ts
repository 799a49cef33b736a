import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createHandlers } from '../../src/main/handlers'
import { LibraryService } from '../../src/main/services/library'
import { parseInput } from '../../src/shared/contract'
import { SAMPLES_DIR, withTempDir } from '../helpers/temp'

const opened: LibraryService[] = []
afterEach(async () => {
  await Promise.all(opened.splice(0).map((library) => library.close()))
})

async function setup(dir: string) {
  const library = await LibraryService.open({ libraryDir: join(dir, 'lib'), samplesDir: SAMPLES_DIR, tool: 'test' })
  opened.push(library)
  const api = createHandlers({ library, mode: 'browser' })
  const { id } = await api.importSample({ sampleId: '003_1f132d0afecd6292' })
  return { api, library, documentId: id }
}

describe('termbase and QA through the API handlers', () => {
  it('adds, edits, imports, exports and deletes terms, kept in the library folder', async () => {
    await withTempDir(async (dir) => {
      const { api, library } = await setup(dir)
      const term = await api.addTerm(parseInput('addTerm', { fa: 'رئیس‌جمهور', en: 'president', forbidden: ['chairman'] }))
      expect(await api.updateTerm({ termId: term.id, note: 'head of state' })).toMatchObject({ id: term.id, note: 'head of state' })
      const imported = await api.importTerms({ fileName: 'g.csv', dataBase64: Buffer.from('fa,en\nخط آهن,railway\n').toString('base64') })
      expect(imported).toMatchObject({ added: 1, updated: 0, format: 'csv' })
      expect((await api.getTerms({})).map((t) => t.en)).toEqual(['president', 'railway'])
      const stored = JSON.parse(await readFile(join(library.libraryDir, 'termbase.json'), 'utf8'))
      expect(stored.terms).toHaveLength(2)
      expect((await api.exportTerms({ format: 'tbx' })).content).toContain('<term>railway</term>')
      expect(await api.deleteTerm({ termId: term.id })).toEqual({ deleted: true })
      expect(() => parseInput('addTerm', { fa: '', en: 'x' })).toThrow()
    })
  })

  it('imports a real Persian glossary kept in Excel, then finds its terms', async () => {
    await withTempDir(async (dir) => {
      const { api } = await setup(dir)
      const workbook = await readFile(join(__dirname, '..', 'fixtures', 'terms', 'semnan-english-persian-words.xlsx'))
      const imported = await api.importTerms({ fileName: 'words.xlsx', dataBase64: workbook.toString('base64') })
      expect(imported.format).toBe('xlsx')
      // A row repeating a Persian–English pair updates that term instead of adding another.
      const terms = await api.getTerms({})
      expect(imported.added).toBe(terms.length)
      expect(imported.added + imported.updated + imported.skipped.length).toBe(71_295)
      expect(terms.length).toBeGreaterThan(30_000)
      expect(terms.find((term) => term.fa === 'دايناسور')?.en).toBe('dinosaur')
    })
  }, 60_000)

  it('runs QA on a row or the document, silences a finding for good, and exports a report', async () => {
    await withTempDir(async (dir) => {
      const { api, documentId } = await setup(dir)
      await api.saveTarget({
        documentId,
        rowId: 'r1',
        target: 'Emphasis on the need to strengthen trilateral  economic cooperation between Iran, Turkey and Azerbaijan'
      })
      const whole = await api.runQa({ documentId })
      expect(whole.findings.filter((f) => f.row === 1).map((f) => f.check)).toEqual(['whitespace'])
      expect(whole.counts.untranslated).toBeGreaterThan(5)
      const row = await api.runQa({ documentId, rowIds: ['r1'] })
      expect(row.findings.map((f) => f.id)).toEqual(['whitespace:r1:double'])
      expect(await api.silenceFindings({ documentId, findingIds: ['whitespace:r1:double'], silenced: true })).toEqual({
        silenced: ['whitespace:r1:double']
      })
      expect((await api.runQa({ documentId, rowIds: ['r1'] })).findings[0].silenced).toBe(true)
      const report = await api.exportQaReport({ documentId, format: 'csv' })
      expect(report).toMatchObject({ mimeType: 'text/csv', encoding: 'utf8' })
      expect(report.content).toContain('whitespace')
      expect(await api.updateQaSettings({ spelling: 'en-GB' })).toEqual({ spelling: 'en-GB' })
      expect(await api.getQaSettings({})).toEqual({ spelling: 'en-GB' })
    })
  })

  it('offers names linked in the library as terms', async () => {
    await withTempDir(async (dir) => {
      const { api, documentId } = await setup(dir)
      await api.saveTarget({ documentId, rowId: 'r2', target: 'Mahmoud Vaezi met Ilham Aliyev' })
      const doc = await api.getDocument({ documentId })
      const sentence = doc.rows[1].source[0]
      const start = sentence.text.indexOf('علیاف')
      const palette = await api.getPalette({})
      let update = await api.addSourceSpan({ documentId, rowId: 'r2', sentenceId: sentence.id, start, end: start + 5, tagId: palette[0].id })
      const sourceSpan = update.row.source[0].spans[0]
      const englishStart = 'Mahmoud Vaezi met Ilham '.length
      update = await api.saveTarget({
        documentId,
        rowId: 'r2',
        target: 'Mahmoud Vaezi met Ilham Aliyev',
        targetSpans: [{ tag: palette[0].id, start: englishStart, end: englishStart + 6 }]
      })
      await api.linkSpans({ documentId, rowId: 'r2', sourceSpanId: sourceSpan.id, targetSpanId: update.row.targetSpans[0].id })
      expect(await api.termSuggestions({})).toEqual([{ fa: 'علیاف', en: 'Aliyev' }])
      await api.addTerm({ fa: 'علیاف', en: 'Aliyev' })
      expect(await api.termSuggestions({})).toEqual([])
    })
  })
})

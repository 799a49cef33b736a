import { describe, expect, it } from 'vitest'
import { filterRows, findMatches, lowerSameLength, searchIndex } from '../../../src/core/review/filters'
import { DEFAULT_PALETTE } from '../../../src/core/review/palette'
import { addRowTag, addSourceSpan, applySourceReplacement, setTargetSpans } from '../../../src/core/review/spans'
import { addComment, resolveComment, setReviewStatus } from '../../../src/core/review/comments'
import { setRowTarget, type HamtaDocument } from '../../../src/core/model'
import { deepFreeze, expectSound, later, now, sampleDocument, withRows } from './helpers'

const palette = DEFAULT_PALETTE
const PRESIDENT = /ر[ئی]ی?س[\s\u200c]?جمهور/

function texts(doc: HamtaDocument, text: string, ranges: Array<{ start: number; end: number }>): string[] {
  return ranges.map((range) => text.slice(range.start, range.end))
}

describe('search with the Persian match key', () => {
  it('finds joined, spaced and ZWNJ spellings of رئیس‌جمهور in the real text', () => {
    const doc = sampleDocument()
    const expected = doc.rows.flatMap((row, index) => (PRESIDENT.test(row.source[0].text) ? [index] : []))
    expect(expected).toEqual([1, 2, 4, 6, 8, 9, 11])
    expect(filterRows(doc, { text: 'رئیسجمهور' })).toEqual(expected)
    expect(filterRows(doc, { text: 'رئیس جمهور' })).toEqual(expected)
    expect(filterRows(doc, { text: 'رييس‌جمهور' })).toEqual(expected) // Arabic yeh and ZWNJ in the query

    const r7 = doc.rows[6].source[0].text
    expect(texts(doc, r7, findMatches(r7, 'رئیسجمهور'))).toEqual(['رئیسجمهور', 'رییس جمهور'])
    const r2 = doc.rows[1].source[0].text
    expect(texts(doc, r2, findMatches(r2, 'رئیس‌جمهور'))).toEqual(['رئیسجمهور', 'رئیسجمهور'])
  })

  it('still finds the phrase after a cleanup fix put a ZWNJ in it, and highlights the new spelling', () => {
    const doc = sampleDocument()
    const text = doc.rows[1].source[0].text
    const at = text.indexOf('رئیسجمهور')
    const fixed = expectSound(applySourceReplacement(doc, 'r2', 's2', at, at + 9, 'رئیس\u200cجمهور'))
    const newText = fixed.rows[1].source[0].text
    expect(filterRows(fixed, { text: 'رئیسجمهور' })).toContain(1)
    expect(texts(fixed, newText, findMatches(newText, 'رئیس جمهور'))).toEqual(['رئیس\u200cجمهور', 'رئیسجمهور'])
  })

  it('matches digits in any script and keeps diacritics with their letter', () => {
    const doc = sampleDocument()
    const dated = expectSound(applySourceReplacement(doc, 'r8', 's8', 0, 0, '28 آذر: '))
    expect(filterRows(dated, { text: '۲۸' })).toEqual([7])
    expect(filterRows(dated, { text: '٢٨' })).toEqual([7])
    const text = dated.rows[7].source[0].text
    expect(texts(dated, text, findMatches(text, '۲۸'))).toEqual(['28'])
    const marked = 'سخنان رئیسِ جمهورِ ایران'
    expect(texts(dated, marked, findMatches(marked, 'رئیسجمهور'))).toEqual(['رئیسِ جمهورِ'])
    expect(findMatches(marked, '  ')).toEqual([])
    expect(findMatches(marked, '‌')).toEqual([]) // a ZWNJ alone has no key
  })

  it('searches English case-insensitively, with offsets in the original text', () => {
    const english = 'Ilham Aliyev, President of Azerbaijan, said ALIYEV would visit.'
    const doc = setRowTarget(sampleDocument(), 'r9', english, now)
    expect(filterRows(doc, { text: 'aliyev' })).toEqual([8])
    expect(filterRows(doc, { text: '  President OF  ' })).toEqual([8])
    expect(texts(doc, english, findMatches(english, 'Aliyev', 'en'))).toEqual(['Aliyev', 'ALIYEV'])
    // İ lower-cases to two characters; offsets after it must not drift.
    expect(lowerSameLength('İ Aliyev')).toHaveLength(8)
    expect(findMatches('İ Aliyev', 'aliyev', 'en')).toEqual([{ start: 2, end: 8 }])
    // A Persian query does not match English by accident, and vice versa.
    expect(filterRows(doc, { text: 'Baku' })).toEqual([])
  })
})

describe('row filters', () => {
  function reviewDocument(): HamtaDocument {
    let doc = sampleDocument()
    doc = setRowTarget(doc, 'r1', 'Emphasis on trilateral cooperation.', now)
    doc = setRowTarget(doc, 'r2', 'Vaezi met Ilham Aliyev.', now)
    doc = setRowTarget(doc, 'r3', 'The chief of staff said so.', now)
    doc = setReviewStatus(doc, 'r1', 'approved', { author: 'R', now })
    doc = setReviewStatus(doc, 'r3', 'rejected', { author: 'R', now, reason: 'Too short.' }) // open comment c1
    doc = addComment(doc, 'r4', { author: 'T', text: 'Done?', now })
    doc = resolveComment(doc, 'r4', 'c2', later)
    doc = addRowTag(doc, 'r5', 'person', palette)
    doc = addSourceSpan(doc, { rowId: 'r6', sentenceId: 's6', start: 0, end: 5, tag: 'person' }, palette)
    doc = setTargetSpans(doc, 'r2', [{ id: 'e1', tag: 'person', start: 10, end: 22 }], palette)
    doc = addSourceSpan(doc, { rowId: 'r7', sentenceId: 's7', start: 0, end: 4, tag: 'term' }, palette)
    doc = withRows(doc, {
      0: { alignment: { status: 'auto', confidence: 0.4 } },
      1: { alignment: { status: 'auto', confidence: 0.59 } },
      2: { alignment: { status: 'auto', confidence: 0.6 } },
      3: { alignment: { status: 'flagged' } },
      4: { alignment: { status: 'confirmed' } }
    })
    return deepFreeze(expectSound(doc))
  }

  it('an empty query keeps every row', () => {
    const doc = reviewDocument()
    expect(filterRows(doc, {})).toEqual(doc.rows.map((_, index) => index))
    expect(filterRows(doc, { statuses: [], tags: [], alignment: [], text: '  ' })).toHaveLength(doc.rows.length)
  })

  it('filters by status, tag (row or span, either language), comments, confidence and alignment', () => {
    const doc = reviewDocument()
    expect(filterRows(doc, { statuses: ['draft'] })).toEqual([1])
    expect(filterRows(doc, { statuses: ['approved', 'rejected'] })).toEqual([0, 2])
    expect(filterRows(doc, { tags: ['person'] })).toEqual([1, 4, 5])
    expect(filterRows(doc, { tags: ['person', 'term'] })).toEqual([1, 4, 5, 6])
    expect(filterRows(doc, { tags: ['quote'] })).toEqual([])
    expect(filterRows(doc, { comments: 'open' })).toEqual([2])
    expect(filterRows(doc, { comments: 'resolved' })).toEqual([3])
    expect(filterRows(doc, { comments: 'any' })).toEqual([2, 3])
    expect(filterRows(doc, { comments: 'none' })).toHaveLength(doc.rows.length - 2)
    expect(filterRows(doc, { confidenceBelow: 0.6 })).toEqual([0, 1])
    expect(filterRows(doc, { alignment: ['flagged', 'confirmed'] })).toEqual([3, 4])
    expect(filterRows(doc, { alignment: ['auto'], confidenceBelow: 0.5 })).toEqual([0])
    // Every part must hold.
    expect(filterRows(doc, { statuses: ['untranslated'], tags: ['person'], text: 'رئیس' })).toEqual([4])
    expect(filterRows(doc, { statuses: ['draft', 'untranslated'], tags: ['person'], text: 'رئیس' })).toEqual([1, 4])
    expect(filterRows(doc, { tags: ['person'], text: 'aliyev' })).toEqual([1])
  })

  it('builds the search index once per document version and reuses unchanged rows', () => {
    const doc = reviewDocument()
    const index = searchIndex(doc)
    expect(searchIndex(doc)).toBe(index)
    const edited = setRowTarget(doc, 'r4', 'Azerbaijan and Iran signed.', later)
    const next = searchIndex(edited)
    expect(next).not.toBe(index)
    expect(next.rows[0]).toBe(index.rows[0])
    expect(next.rows[3]).not.toBe(index.rows[3])
    expect(filterRows(edited, { text: 'signed' })).toEqual([3])
    // An index of another version is not used by mistake.
    expect(filterRows(edited, { text: 'signed' }, index)).toEqual([3])
  })

  it('keeps only the rows named by id (the rows with QA findings), with the other parts', () => {
    const doc = reviewDocument()
    expect(filterRows(doc, { rowIds: ['r4', 'r2', 'missing'] })).toEqual([1, 3])
    expect(filterRows(doc, { rowIds: ['r4', 'r2'], tags: ['person'], text: 'aliyev' })).toEqual([1])
    expect(filterRows(doc, { rowIds: [] })).toEqual([])
  })
})

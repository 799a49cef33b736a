import { describe, expect, it } from 'vitest'
import {
  computeProgress,
  createDocument,
  InvalidStatusError,
  RowNotFoundError,
  setRowStatus,
  setRowTarget,
  summarize,
  titleFromText
} from '../../src/core/model'
import { validateDocument } from '../../src/core/schema'

const now = '2026-01-01T00:00:00.000Z'
const later = '2026-01-02T00:00:00.000Z'

function sampleDocument() {
  return createDocument({
    id: 'doc1',
    now,
    fileName: 'a.txt',
    encoding: 'UTF-8',
    originalText: '  عنوان خبر  \n\nجمله اول. جمله دوم.\n\nجمله سوم.',
    paragraphs: [{ sentences: ['عنوان خبر'] }, { sentences: ['جمله اول.', 'جمله دوم.'] }, { sentences: ['جمله سوم.'] }]
  })
}

describe('document model', () => {
  it('takes the title from the first non-empty line, trimmed', () => {
    expect(titleFromText('\n\n   دیدار ویدئو کنفرانسی  \nمتن')).toBe('دیدار ویدئو کنفرانسی')
    expect(titleFromText('x'.repeat(300)).length).toBe(120)
  })

  it('creates one untranslated row per sentence, remembering paragraphs', () => {
    const doc = sampleDocument()
    expect(doc.title).toBe('عنوان خبر')
    expect(doc.rows.map((row) => row.paragraph)).toEqual([0, 1, 1, 2])
    expect(doc.rows.every((row) => row.status === 'untranslated' && row.target === '')).toBe(true)
    expect(new Set(doc.rows.map((row) => row.id)).size).toBe(4)
    expect(validateDocument(doc)).toEqual({ ok: true, document: doc })
  })

  it('makes typed rows drafts, emptied rows untranslated, and reopens edited translated rows', () => {
    let doc = setRowTarget(sampleDocument(), 'r2', 'First sentence.', later)
    expect(doc.rows[1]).toMatchObject({ target: 'First sentence.', status: 'draft', updatedAt: later })
    doc = setRowStatus(doc, 'r2', 'translated', later)
    expect(doc.rows[1].status).toBe('translated')
    expect(setRowTarget(doc, 'r2', 'First sentence.', later).rows[1].status).toBe('translated')
    expect(setRowTarget(doc, 'r2', 'The first sentence.', later).rows[1].status).toBe('draft')
    expect(setRowTarget(doc, 'r2', '   ', later).rows[1].status).toBe('untranslated')
  })

  it('does not change the document it was given', () => {
    const doc = sampleDocument()
    const copy = structuredClone(doc)
    setRowTarget(doc, 'r1', 'Title', later)
    expect(doc).toEqual(copy)
  })

  it('refuses unknown rows and translated status without text', () => {
    expect(() => setRowTarget(sampleDocument(), 'nope', 'x', later)).toThrow(RowNotFoundError)
    expect(() => setRowStatus(sampleDocument(), 'r1', 'translated', later)).toThrow(InvalidStatusError)
  })

  it('counts progress by status', () => {
    let doc = setRowTarget(sampleDocument(), 'r1', 'News title', later)
    doc = setRowStatus(setRowTarget(doc, 'r2', 'One.', later), 'r2', 'translated', later)
    expect(computeProgress(doc.rows)).toEqual({
      total: 4,
      untranslated: 2,
      draft: 1,
      translated: 1,
      reviewed: 0,
      approved: 0,
      rejected: 0,
      ratio: 0.25
    })
    doc = setRowStatus(doc, 'r1', 'approved', later)
    expect(computeProgress(doc.rows)).toMatchObject({ draft: 0, translated: 1, approved: 1, ratio: 0.5 })
    expect(summarize(doc)).toMatchObject({ id: 'doc1', sentences: 4, rows: 4, title: 'عنوان خبر' })
  })

  it('rejects damaged documents with the failing field named', () => {
    const doc = sampleDocument() as unknown as Record<string, unknown>
    const result = validateDocument({ ...doc, rows: [{ id: 'r1' }] })
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.problem).toMatch(/^rows\.0\./)
  })
})

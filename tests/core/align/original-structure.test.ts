/**
 * Rows of a kept original (XLIFF units, Word sentences) are where the translation is saved back:
 * alignment edits that would regroup them are refused with the reason; the status edit and
 * splitting a Persian sentence inside its row still work and the save-back stays right.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { alignTranslation, editAlignment } from '../../../src/core/align/document-alignment'
import { originalDocxToDocument, parseOriginalDocx } from '../../../src/core/formats/docx-original'
import { originalXliffToDocument, parseOriginalXliff, writeOriginalXliff } from '../../../src/core/formats/xliff-original'
import type { HamtaDocument } from '../../../src/core/model'
import { mergeSourceSentenceWithNext, splitSourceSentence } from '../../../src/core/review/spans'
import { persianDocx } from '../../fixtures/formats/persian-docx'

const NOW = '2025-01-01T00:00:00.000Z'
const XLIFF = readFileSync(join(__dirname, '..', '..', 'fixtures', 'xliff', 'persian-article.xlf'))

function xliffDocument(): HamtaDocument {
  return originalXliffToDocument(parseOriginalXliff(XLIFF), {
    id: 'd1',
    now: NOW,
    fileName: 'persian-article.xlf',
    original: { path: 'originals/d1.xlf', sha256: 'x' }
  })
}

describe('alignment edits on rows of a kept original', () => {
  it('refuses merging, splitting and moving sentences of XLIFF rows, naming the unit', () => {
    const doc = xliffDocument()
    const [first, second] = doc.rows
    expect(() => editAlignment(doc, { kind: 'mergeWithNext', rowId: first.id }, NOW)).toThrow(
      new RegExp(
        `Row 1 is unit “${first.unitId!.replace(/[[\]().*+?^$|\\]/g, '\\$&')}” of the original XLIFF file, which is saved back unit by unit: its sentences cannot be merged`
      )
    )
    expect(() => editAlignment(doc, { kind: 'splitRow', rowId: first.id, sourceCount: 1, targetCount: 0 }, NOW)).toThrow(/cannot be split/)
    expect(() => editAlignment(doc, { kind: 'moveSentence', rowId: second.id, side: 'source', direction: 'previous' }, NOW)).toThrow(
      /cannot be moved between rows/
    )
    expect(() => editAlignment(doc, { kind: 'detachSentence', rowId: first.id, side: 'source', which: 'last' }, NOW)).toThrow(/cannot be split/)
    // A sentence merge across rows is a row merge first.
    expect(() => mergeSourceSentenceWithNext(doc, first.id, first.source[0].id, NOW)).toThrow(/saved back unit by unit/)
    expect(() => alignTranslation(doc, 'Ministers meet. Talks go on.', NOW)).toThrow(/keeps the rows of its original XLIFF file/)
    // Confirming a row changes no structure.
    const confirmed = editAlignment(doc, { kind: 'setAlignmentStatus', rowId: first.id, status: 'flagged' }, NOW)
    expect(confirmed.rows[0]).toMatchObject({ unitId: first.unitId, alignment: { status: 'flagged' } })
    expect(confirmed.rows).toHaveLength(doc.rows.length)
  })

  it('splitting a Persian sentence inside its row, and merging it back, leave the save-back right', () => {
    const doc = xliffDocument()
    const row = doc.rows[0]
    const text = row.source[0].text
    const cut = text.indexOf(' ', Math.floor(text.length / 2))
    let edited = splitSourceSentence(doc, row.id, row.source[0].id, cut, NOW)
    expect(edited.rows[0].source).toHaveLength(2)
    edited = {
      ...edited,
      rows: edited.rows.map((r, k) => (k === 0 ? { ...r, target: 'Ministers meet in Tehran', status: 'translated' as const } : r))
    }
    const back = parseOriginalXliff(writeOriginalXliff(edited, XLIFF).bytes)
    expect(back.segments[0]).toMatchObject({ unitId: row.unitId, target: 'Ministers meet in Tehran' })
    expect(back.segments.slice(1).every((segment, k) => segment.target === parseOriginalXliff(XLIFF).segments[k + 1].target)).toBe(true)
    const merged = mergeSourceSentenceWithNext(edited, row.id, edited.rows[0].source[0].id, NOW)
    expect(merged.rows[0].source.map((sentence) => sentence.text)).toEqual([text])
  })

  it('refuses merging two sentences of a Word paragraph, in Word terms', async () => {
    const bytes = await persianDocx()
    const doc = originalDocxToDocument(await parseOriginalDocx('report.docx', bytes), {
      id: 'd2',
      now: NOW,
      fileName: 'report.docx',
      original: { path: 'originals/d2.docx', sha256: 'x' }
    })
    expect(() => editAlignment(doc, { kind: 'mergeWithNext', rowId: doc.rows[1].id }, NOW)).toThrow(
      /Row 2 is a sentence of a paragraph of the original Word document, which is saved back sentence by sentence: its sentences cannot be merged/
    )
  })
})

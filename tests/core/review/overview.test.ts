import { describe, expect, it } from 'vitest'
import { documentOverview, LOW_CONFIDENCE } from '../../../src/core/review/overview'
import { DEFAULT_PALETTE, deleteTag } from '../../../src/core/review/palette'
import { addRowTag, addSourceSpan, setTargetSpans } from '../../../src/core/review/spans'
import { addComment, resolveComment, setReviewStatus } from '../../../src/core/review/comments'
import { setRowTarget } from '../../../src/core/model'
import { deepFreeze, expectSound, now, sampleDocument, withRows } from './helpers'

const palette = DEFAULT_PALETTE

describe('document overview', () => {
  it('counts statuses, tags, comments and alignment of a reviewed document', () => {
    let doc = sampleDocument()
    for (const [id, english] of [
      ['r1', 'Title.'],
      ['r2', 'Vaezi met Ilham Aliyev.'],
      ['r3', 'Three.'],
      ['r4', 'Four.'],
      ['r5', 'Five.']
    ] as const) {
      doc = setRowTarget(doc, id, english, now)
    }
    doc = setReviewStatus(doc, 'r1', 'approved', { author: 'R', now })
    doc = setReviewStatus(doc, 'r2', 'reviewed', { author: 'R', now })
    doc = setReviewStatus(doc, 'r3', 'translated', { author: 'R', now })
    doc = setReviewStatus(doc, 'r4', 'rejected', { author: 'R', now, reason: 'No.' }) // c1, open
    doc = addComment(doc, 'r4', { author: 'T', text: 'Fixed?', now }) // c2, open
    doc = addComment(doc, 'r6', { author: 'T', text: 'Odd line.', now }) // c3
    doc = resolveComment(doc, 'r6', 'c3', now)
    doc = addRowTag(doc, 'r2', 'person', palette)
    doc = addRowTag(doc, 'r3', 'needs-review', palette)
    doc = addSourceSpan(doc, { rowId: 'r2', sentenceId: 's2', start: 0, end: 8, tag: 'person' }, palette)
    doc = addSourceSpan(doc, { rowId: 'r2', sentenceId: 's2', start: 10, end: 14, tag: 'person' }, palette)
    doc = addSourceSpan(doc, { rowId: 'r5', sentenceId: 's5', start: 0, end: 4, tag: 'term' }, palette)
    doc = setTargetSpans(doc, 'r2', [{ id: 'e1', tag: 'person', start: 10, end: 22 }], palette)
    doc = withRows(doc, {
      0: { alignment: { status: 'auto', confidence: 0.9 } },
      1: { alignment: { status: 'auto', confidence: LOW_CONFIDENCE - 0.01 } },
      2: { alignment: { status: 'flagged', confidence: 0.2 } },
      3: { alignment: { status: 'confirmed' } },
      4: { alignment: { status: 'auto', confidence: LOW_CONFIDENCE } },
      // A tag the palette does not know (deleted from the library after tagging).
      6: { tags: ['legacy'] }
    })
    doc = deepFreeze(expectSound(doc))

    const overview = documentOverview(doc, palette)
    expect(overview.rows).toBe(13)
    expect(overview.sentences).toBe(13)
    expect(overview.byStatus).toEqual({ untranslated: 8, draft: 1, translated: 1, reviewed: 1, approved: 1, rejected: 1 })
    expect(overview.progress.ratio).toBeCloseTo(3 / 13)
    expect(overview.reviewRatio).toBeCloseTo(2 / 13)
    expect(overview.approvedRatio).toBeCloseTo(1 / 13)
    expect(overview.comments).toEqual({ open: 2, resolved: 1, rowsWithOpen: 1 })
    expect(overview.alignment).toEqual({ auto: 3, confirmed: 1, flagged: 1, unaligned: 8, lowConfidence: 2 })

    const byId = new Map(overview.tags.map((tag) => [tag.id, tag]))
    expect(overview.tags.map((tag) => tag.id)).toEqual([...palette.map((tag) => tag.id), 'legacy'])
    expect(byId.get('person')).toEqual({
      id: 'person',
      name: 'Person',
      color: '#0072b2',
      inPalette: true,
      rows: 1,
      sourceSpans: 2,
      targetSpans: 1,
      rowsUsing: 1
    })
    expect(byId.get('term')).toMatchObject({ rows: 0, sourceSpans: 1, targetSpans: 0, rowsUsing: 1 })
    expect(byId.get('needs-review')).toMatchObject({ rows: 1, sourceSpans: 0, rowsUsing: 1 })
    expect(byId.get('quote')).toMatchObject({ rows: 0, sourceSpans: 0, targetSpans: 0, rowsUsing: 0 })
    expect(byId.get('legacy')).toEqual({
      id: 'legacy',
      name: 'legacy',
      color: null,
      inPalette: false,
      rows: 1,
      sourceSpans: 0,
      targetSpans: 0,
      rowsUsing: 1
    })

    // With the tag gone from the palette, its uses are still reported.
    const without = documentOverview(doc, deleteTag(palette, 'term'))
    expect(without.tags.find((tag) => tag.id === 'term')).toMatchObject({ inPalette: false, sourceSpans: 1 })
  })

  it('an empty document has zero ratios', () => {
    const doc = deepFreeze({ ...sampleDocument(), rows: [] })
    const overview = documentOverview(doc, palette)
    expect(overview.progress.ratio).toBe(0)
    expect(overview.reviewRatio).toBe(0)
    expect(overview.alignment).toEqual({ auto: 0, confirmed: 0, flagged: 0, unaligned: 0, lowConfidence: 0 })
  })
})

/**
 * A document at a glance: how far translation and review have come, which tags are used where,
 * open comments and how sure the alignment is.
 */
import { computeProgress, type HamtaDocument, type Progress, type RowStatus } from '../model'
import type { TagPalette } from './palette'

/** Aligner confidence below which a row is worth a second look. */
export const LOW_CONFIDENCE = 0.6

export interface TagCount {
  id: string
  name: string
  color: string | null
  /** False for a tag the document uses but the palette no longer has. */
  inPalette: boolean
  /** Row-level tags. */
  rows: number
  sourceSpans: number
  targetSpans: number
  /** Rows that carry the tag anywhere (row tag or span): what a tag filter would show. */
  rowsUsing: number
}

export interface DocumentOverview {
  rows: number
  sentences: number
  /** Counts by status and the share of rows done (translated, reviewed or approved). */
  progress: Progress
  byStatus: Record<RowStatus, number>
  /** Share of rows reviewed or approved, 0..1. */
  reviewRatio: number
  /** Share of rows approved, 0..1. */
  approvedRatio: number
  /** Palette tags in palette order (used or not), then tags the palette lacks. */
  tags: TagCount[]
  comments: { open: number; resolved: number; rowsWithOpen: number }
  alignment: { auto: number; confirmed: number; flagged: number; unaligned: number; lowConfidence: number }
}

export function documentOverview(doc: HamtaDocument, palette: TagPalette): DocumentOverview {
  const progress = computeProgress(doc.rows)
  const counts = new Map<string, TagCount>()
  for (const tag of palette) {
    counts.set(tag.id, { id: tag.id, name: tag.name, color: tag.color, inPalette: true, rows: 0, sourceSpans: 0, targetSpans: 0, rowsUsing: 0 })
  }
  const countFor = (id: string): TagCount => {
    let count = counts.get(id)
    if (!count) {
      count = { id, name: id, color: null, inPalette: false, rows: 0, sourceSpans: 0, targetSpans: 0, rowsUsing: 0 }
      counts.set(id, count)
    }
    return count
  }
  const comments = { open: 0, resolved: 0, rowsWithOpen: 0 }
  const alignment = { auto: 0, confirmed: 0, flagged: 0, unaligned: 0, lowConfidence: 0 }
  let sentences = 0
  for (const row of doc.rows) {
    sentences += row.source.length
    const using = new Set<string>()
    for (const tag of row.tags) {
      countFor(tag).rows += 1
      using.add(tag)
    }
    for (const sentence of row.source) {
      for (const span of sentence.spans) {
        countFor(span.tag).sourceSpans += 1
        using.add(span.tag)
      }
    }
    for (const span of row.targetSpans) {
      countFor(span.tag).targetSpans += 1
      using.add(span.tag)
    }
    for (const tag of using) countFor(tag).rowsUsing += 1
    let open = 0
    for (const comment of row.comments) {
      if (comment.resolved) comments.resolved += 1
      else open += 1
    }
    comments.open += open
    if (open > 0) comments.rowsWithOpen += 1
    if (row.alignment) {
      alignment[row.alignment.status] += 1
      if (row.alignment.confidence !== undefined && row.alignment.confidence < LOW_CONFIDENCE) alignment.lowConfidence += 1
    } else {
      alignment.unaligned += 1
    }
  }
  const total = doc.rows.length
  const { untranslated, draft, translated, reviewed, approved, rejected } = progress
  return {
    rows: total,
    sentences,
    progress,
    byStatus: { untranslated, draft, translated, reviewed, approved, rejected },
    reviewRatio: total === 0 ? 0 : (reviewed + approved) / total,
    approvedRatio: total === 0 ? 0 : approved / total,
    tags: [...counts.values()],
    comments,
    alignment
  }
}

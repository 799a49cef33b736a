/**
 * Shared plumbing for the review functions: finding and replacing a row without mutating the
 * document, and fresh deterministic ids.
 */
import { UserError } from '../errors'
import type { HamtaDocument, Row, SpanTag } from '../model'

export function rowIndexOf(doc: HamtaDocument, rowId: string): number {
  const index = doc.rows.findIndex((row) => row.id === rowId)
  if (index < 0) throw new UserError(`Row ${rowId} does not exist in this document.`, 'not-found')
  return index
}

export function findRow(doc: HamtaDocument, rowId: string): Row {
  return doc.rows[rowIndexOf(doc, rowId)]
}

/**
 * Replaces one row with what `change` returns. When `change` returns the very same row the
 * document is returned unchanged, so callers (and React) can tell that nothing happened.
 * `now`, when given, stamps the changed row and the document.
 */
export function updateRow(doc: HamtaDocument, rowId: string, now: string | undefined, change: (row: Row) => Row): HamtaDocument {
  const index = rowIndexOf(doc, rowId)
  const before = doc.rows[index]
  const after = change(before)
  if (after === before) return doc
  const rows = doc.rows.slice()
  rows[index] = now === undefined ? after : { ...after, updatedAt: now }
  return now === undefined ? { ...doc, rows } : { ...doc, rows, updatedAt: now }
}

/** Every span of a row: those of its Persian sentences and those of its English text. */
export function rowSpans(row: Row): SpanTag[] {
  const spans: SpanTag[] = []
  for (const sentence of row.source) spans.push(...sentence.spans)
  spans.push(...row.targetSpans)
  return spans
}

/**
 * `${prefix}${n}` with n one more than the highest number already used with that prefix, so ids
 * stay unique across the document even after rows and sentences merge.
 */
export function nextId(taken: Iterable<string>, prefix: string): string {
  let highest = 0
  for (const id of taken) {
    if (!id.startsWith(prefix)) continue
    const rest = id.slice(prefix.length)
    if (/^\d+$/.test(rest)) highest = Math.max(highest, Number(rest))
  }
  return `${prefix}${highest + 1}`
}

/** Ids of all spans in the document (Persian and English). */
export function documentSpanIds(doc: HamtaDocument): Set<string> {
  const ids = new Set<string>()
  for (const row of doc.rows) for (const span of rowSpans(row)) ids.add(span.id)
  return ids
}

/** Removes `link` from the spans whose partner is in `gone`; returns the same array when none changes. */
export function dropLinksTo(spans: SpanTag[], gone: ReadonlySet<string>): SpanTag[] {
  if (gone.size === 0 || !spans.some((span) => span.link !== undefined && gone.has(span.link))) return spans
  return spans.map((span) => (span.link !== undefined && gone.has(span.link) ? withoutLink(span) : span))
}

export function withoutLink(span: SpanTag): SpanTag {
  const { link: _link, ...rest } = span
  return rest
}

export function requireText(value: string, what: string): string {
  const text = value.trim()
  if (!text) throw new UserError(`${what} cannot be empty.`, 'empty')
  return text
}

/**
 * Span tags and row tags, and how Persian spans follow their sentence through edits.
 *
 * Persian spans are offsets into one sentence's text, so every change to that text (cleanup
 * fixes, splits, merges) goes through here and moves the spans with it. A span whose text is
 * deleted disappears, and so does the link its partner on the English side had to it: there are
 * never spans without text nor links without a partner.
 *
 * English spans belong to the editor (marks that follow the text as it is typed); the editor hands
 * them over with `setTargetSpans`. Links are made and broken only by `linkSpans`/`unlinkSpan`.
 */
import { editAlignment } from '../align/document-alignment'
import { UserError } from '../errors'
import type { HamtaDocument, Row, SourceSentence, SpanTag } from '../model'
import { statusAfterEdit } from '../model'
import type { TagPalette } from './palette'
import { documentSpanIds, dropLinksTo, findRow, nextId, rowIndexOf, rowSpans, updateRow, withoutLink } from './rows'

/** Prefix of generated span ids (`span1`, `span2`, …), shared by both languages. */
export const SPAN_ID_PREFIX = 'span'

/** A span id not used anywhere in the document. */
export function nextSpanId(doc: HamtaDocument): string {
  return nextId(documentSpanIds(doc), SPAN_ID_PREFIX)
}

function checkTag(palette: TagPalette, tag: string): void {
  if (!palette.some((definition) => definition.id === tag)) {
    throw new UserError(`The tag ${tag} is not in the tag palette.`, 'unknown-tag')
  }
}

function checkRange(length: number, start: number, end: number, where: string): void {
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > length || start > end) {
    throw new UserError(`The span ${start}–${end} is outside ${where} (${length} characters).`, 'invalid-span')
  }
}

/** Narrows a selection to exclude white space at its ends ("select, then tag" is rarely exact). */
function trimRange(text: string, start: number, end: number): [number, number] {
  while (start < end && /\s/.test(text[start])) start++
  while (end > start && /\s/.test(text[end - 1])) end--
  return [start, end]
}

function sortSpans<T extends { start: number; end: number }>(spans: readonly T[]): T[] {
  return spans.slice().sort((a, b) => a.start - b.start || a.end - b.end)
}

function sameSpans(a: readonly SpanTag[], b: readonly SpanTag[]): boolean {
  return (
    a.length === b.length &&
    a.every(
      (span, k) => span.id === b[k].id && span.tag === b[k].tag && span.start === b[k].start && span.end === b[k].end && span.link === b[k].link
    )
  )
}

function findSentence(row: Row, sentenceId: string): number {
  const index = row.source.findIndex((sentence) => sentence.id === sentenceId)
  if (index < 0) throw new UserError(`Sentence ${sentenceId} is not in row ${row.id}.`, 'not-found')
  return index
}

function replaceSentence(row: Row, index: number, sentence: SourceSentence): Row {
  const source = row.source.slice()
  source[index] = sentence
  return { ...row, source }
}

/** The row with every link to one of `gone` removed, on both sides. */
function dropRowLinks(row: Row, gone: ReadonlySet<string>): Row {
  if (gone.size === 0) return row
  const targetSpans = dropLinksTo(row.targetSpans, gone)
  let sourceChanged = false
  const source = row.source.map((sentence) => {
    const spans = dropLinksTo(sentence.spans, gone)
    if (spans === sentence.spans) return sentence
    sourceChanged = true
    return { ...sentence, spans }
  })
  if (targetSpans === row.targetSpans && !sourceChanged) return row
  return { ...row, source, targetSpans }
}

function checkFreshId(doc: HamtaDocument, id: string | undefined): string {
  if (id === undefined) return nextSpanId(doc)
  if (!id.trim()) throw new UserError('A span id cannot be empty.', 'empty')
  if (documentSpanIds(doc).has(id)) throw new UserError(`There is already a span with id ${id}.`, 'duplicate-id')
  return id
}

// ---------------------------------------------------------------------------------------------
// Row tags

export function addRowTag(doc: HamtaDocument, rowId: string, tagId: string, palette: TagPalette, now?: string): HamtaDocument {
  checkTag(palette, tagId)
  return updateRow(doc, rowId, now, (row) => (row.tags.includes(tagId) ? row : { ...row, tags: [...row.tags, tagId] }))
}

export function removeRowTag(doc: HamtaDocument, rowId: string, tagId: string, now?: string): HamtaDocument {
  return updateRow(doc, rowId, now, (row) => (row.tags.includes(tagId) ? { ...row, tags: row.tags.filter((tag) => tag !== tagId) } : row))
}

export function toggleRowTag(doc: HamtaDocument, rowId: string, tagId: string, palette: TagPalette, now?: string): HamtaDocument {
  return findRow(doc, rowId).tags.includes(tagId) ? removeRowTag(doc, rowId, tagId, now) : addRowTag(doc, rowId, tagId, palette, now)
}

// ---------------------------------------------------------------------------------------------
// Adding and removing spans

export interface NewSourceSpan {
  rowId: string
  sentenceId: string
  start: number
  end: number
  tag: string
  /** Injected id; by default the next free `spanN`. */
  id?: string
}

/** Tags a stretch of a Persian sentence. White space at the ends of the selection is left out. */
export function addSourceSpan(doc: HamtaDocument, input: NewSourceSpan, palette: TagPalette, now?: string): HamtaDocument {
  checkTag(palette, input.tag)
  const row = findRow(doc, input.rowId)
  const index = findSentence(row, input.sentenceId)
  const sentence = row.source[index]
  checkRange(sentence.text.length, input.start, input.end, `sentence ${sentence.id}`)
  const [start, end] = trimRange(sentence.text, input.start, input.end)
  if (start === end) throw new UserError('Select some text to tag.', 'empty')
  if (sentence.spans.some((span) => span.tag === input.tag && span.start === start && span.end === end)) {
    throw new UserError('This text already has this tag.', 'duplicate-span')
  }
  const id = checkFreshId(doc, input.id)
  const spans = sortSpans([...sentence.spans, { id, tag: input.tag, start, end }])
  return updateRow(doc, input.rowId, now, (current) => replaceSentence(current, index, { ...sentence, spans }))
}

export interface NewTargetSpan {
  rowId: string
  start: number
  end: number
  tag: string
  id?: string
}

/** Tags a stretch of a row's English (for a read-only pane; the editor uses `setTargetSpans`). */
export function addTargetSpan(doc: HamtaDocument, input: NewTargetSpan, palette: TagPalette, now?: string): HamtaDocument {
  checkTag(palette, input.tag)
  const row = findRow(doc, input.rowId)
  checkRange(row.target.length, input.start, input.end, `the English of row ${row.id}`)
  const [start, end] = trimRange(row.target, input.start, input.end)
  if (start === end) throw new UserError('Select some text to tag.', 'empty')
  if (row.targetSpans.some((span) => span.tag === input.tag && span.start === start && span.end === end)) {
    throw new UserError('This text already has this tag.', 'duplicate-span')
  }
  const id = checkFreshId(doc, input.id)
  return updateRow(doc, input.rowId, now, (current) => ({
    ...current,
    targetSpans: sortSpans([...current.targetSpans, { id, tag: input.tag, start, end }])
  }))
}

/** Removes a span (Persian or English) of a row, and its partner's link to it. */
export function removeSpan(doc: HamtaDocument, rowId: string, spanId: string, now?: string): HamtaDocument {
  const row = findRow(doc, rowId)
  if (!rowSpans(row).some((span) => span.id === spanId)) throw new UserError(`Row ${rowId} has no span ${spanId}.`, 'not-found')
  const gone = new Set([spanId])
  return updateRow(doc, rowId, now, (current) =>
    dropRowLinks(
      {
        ...current,
        source: current.source.map((sentence) =>
          sentence.spans.some((span) => span.id === spanId) ? { ...sentence, spans: sentence.spans.filter((span) => span.id !== spanId) } : sentence
        ),
        targetSpans: current.targetSpans.filter((span) => span.id !== spanId)
      },
      gone
    )
  )
}

export function removeSourceSpan(doc: HamtaDocument, rowId: string, spanId: string, now?: string): HamtaDocument {
  const row = findRow(doc, rowId)
  if (!row.source.some((sentence) => sentence.spans.some((span) => span.id === spanId))) {
    throw new UserError(`Row ${rowId} has no Persian span ${spanId}.`, 'not-found')
  }
  return removeSpan(doc, rowId, spanId, now)
}

export function removeTargetSpan(doc: HamtaDocument, rowId: string, spanId: string, now?: string): HamtaDocument {
  if (!findRow(doc, rowId).targetSpans.some((span) => span.id === spanId)) {
    throw new UserError(`Row ${rowId} has no English span ${spanId}.`, 'not-found')
  }
  return removeSpan(doc, rowId, spanId, now)
}

// ---------------------------------------------------------------------------------------------
// English spans from the editor

export interface TargetSpanInput {
  /** Missing, duplicated or clashing ids get a fresh one (copy and paste duplicates marks). */
  id?: string
  tag: string
  start: number
  end: number
  /** Ignored: the link is read from the Persian partner, which the editor does not change. */
  link?: string
}

function targetSpansFor(
  doc: HamtaDocument,
  row: Row,
  target: string,
  spans: readonly TargetSpanInput[],
  palette: TagPalette
): { spans: SpanTag[]; row: Row } {
  const taken = new Set<string>()
  for (const other of doc.rows) for (const span of other === row ? row.source.flatMap((s) => s.spans) : rowSpans(other)) taken.add(span.id)
  const partnerOf = new Map<string, string>()
  for (const sentence of row.source)
    for (const span of sentence.spans) if (span.link !== undefined && !partnerOf.has(span.link)) partnerOf.set(span.link, span.id)

  for (const span of spans) {
    checkTag(palette, span.tag)
    checkRange(target.length, span.start, span.end, `the English of row ${row.id}`)
  }
  const kept: SpanTag[] = []
  const seen = new Set<string>()
  const pending: TargetSpanInput[] = []
  for (const span of sortSpans(spans.filter((span) => span.end > span.start))) {
    const key = `${span.tag}\u0000${span.start}\u0000${span.end}`
    if (seen.has(key)) continue // the same mark twice: keep one
    seen.add(key)
    pending.push(span)
  }
  // Which span keeps an id that several carry (a pasted copy of a mark): the one most like the
  // span stored under that id (same tag, nearest start), else the first. It keeps the link too.
  const stored = new Map(row.targetSpans.map((span) => [span.id, span]))
  const owner = new Map<string, number>()
  const distance = (span: TargetSpanInput, id: string): number => {
    const previous = stored.get(id)
    if (!previous) return 0
    return (previous.tag === span.tag ? 0 : 1e9) + Math.abs(previous.start - span.start)
  }
  pending.forEach((span, index) => {
    if (!span.id || taken.has(span.id)) return
    const current = owner.get(span.id)
    if (current === undefined || distance(span, span.id) < distance(pending[current], span.id)) owner.set(span.id, index)
  })
  // Claim the kept ids first, so a fresh id never takes one that a later span keeps.
  // Fresh ids also avoid the row's current English ids: a new mark must not inherit the link of
  // one that was just deleted.
  const claimed = new Set([...taken, ...stored.keys(), ...owner.keys()])
  const ids = pending.map((span, index) => (span.id && owner.get(span.id) === index ? span.id : undefined))
  pending.forEach((span, index) => {
    const id = ids[index] ?? nextId(claimed, SPAN_ID_PREFIX)
    claimed.add(id)
    const result: SpanTag = { id, tag: span.tag, start: span.start, end: span.end }
    const partner = partnerOf.get(id)
    if (partner !== undefined) result.link = partner
    kept.push(result)
  })
  const present = new Set(kept.map((span) => span.id))
  const gone = new Set(row.targetSpans.map((span) => span.id).filter((id) => !present.has(id)))
  // Persian spans linked to an English id that is not there (any more) lose the link.
  for (const englishId of partnerOf.keys()) if (!present.has(englishId)) gone.add(englishId)
  return { spans: kept, row: dropRowLinks(row, gone) }
}

/**
 * Sets the English spans of a row as the editor has them. Spans must lie within the row's
 * English and use a tag from the palette; empty spans (their text was deleted) are dropped,
 * and Persian spans linked to a dropped span lose their link.
 */
export function setTargetSpans(
  doc: HamtaDocument,
  rowId: string,
  spans: readonly TargetSpanInput[],
  palette: TagPalette,
  now?: string
): HamtaDocument {
  const row = findRow(doc, rowId)
  const result = targetSpansFor(doc, row, row.target, spans, palette)
  if (result.row === row && sameSpans(result.spans, row.targetSpans)) return doc
  return updateRow(doc, rowId, now, () => ({ ...result.row, targetSpans: result.spans }))
}

/** Sets a row's English and its spans in one step, with the status an edit gives (`statusAfterEdit`). */
export function setTargetWithSpans(
  doc: HamtaDocument,
  rowId: string,
  target: string,
  spans: readonly TargetSpanInput[],
  palette: TagPalette,
  now: string
): HamtaDocument {
  const row = findRow(doc, rowId)
  const result = targetSpansFor(doc, row, target, spans, palette)
  return updateRow(doc, rowId, now, () => ({ ...result.row, target, status: statusAfterEdit(row, target), targetSpans: result.spans }))
}

// ---------------------------------------------------------------------------------------------
// Links

/**
 * Links a Persian span with an English span of the same row (a name and its transliteration).
 * A link is one-to-one: earlier partners of either span lose theirs.
 */
export function linkSpans(doc: HamtaDocument, rowId: string, sourceSpanId: string, targetSpanId: string, now?: string): HamtaDocument {
  const row = findRow(doc, rowId)
  const persian = row.source.flatMap((sentence) => sentence.spans).find((span) => span.id === sourceSpanId)
  if (!persian) throw new UserError(`Row ${rowId} has no Persian span ${sourceSpanId}.`, 'not-found')
  const english = row.targetSpans.find((span) => span.id === targetSpanId)
  if (!english) throw new UserError(`Row ${rowId} has no English span ${targetSpanId}.`, 'not-found')
  if (persian.link === targetSpanId && english.link === sourceSpanId) return doc
  const unlinked = dropRowLinks(row, new Set([sourceSpanId, targetSpanId]))
  return updateRow(doc, rowId, now, () => ({
    ...unlinked,
    source: unlinked.source.map((sentence) =>
      sentence.spans.some((span) => span.id === sourceSpanId)
        ? { ...sentence, spans: sentence.spans.map((span) => (span.id === sourceSpanId ? { ...span, link: targetSpanId } : span)) }
        : sentence
    ),
    targetSpans: unlinked.targetSpans.map((span) => (span.id === targetSpanId ? { ...span, link: sourceSpanId } : span))
  }))
}

/** Breaks the link of a span (either side), on both ends. */
export function unlinkSpan(doc: HamtaDocument, rowId: string, spanId: string, now?: string): HamtaDocument {
  const row = findRow(doc, rowId)
  const span = rowSpans(row).find((candidate) => candidate.id === spanId)
  if (!span) throw new UserError(`Row ${rowId} has no span ${spanId}.`, 'not-found')
  const ends = new Set([spanId])
  if (span.link !== undefined) ends.add(span.link)
  const clear = (spans: SpanTag[]): SpanTag[] =>
    spans.some((candidate) => ends.has(candidate.id) && candidate.link !== undefined) || spans.some((candidate) => candidate.link === spanId)
      ? spans.map((candidate) => (ends.has(candidate.id) || candidate.link === spanId ? withoutLink(candidate) : candidate))
      : spans
  return updateRow(doc, rowId, now, (current) => {
    const targetSpans = clear(current.targetSpans)
    const source = current.source.map((sentence) => {
      const spans = clear(sentence.spans)
      return spans === sentence.spans ? sentence : { ...sentence, spans }
    })
    const changed = targetSpans !== current.targetSpans || source.some((sentence, index) => sentence !== current.source[index])
    return changed ? { ...current, source, targetSpans } : current
  })
}

/**
 * Clears links whose partner is not on the other side of the same row (after alignment edits
 * moved a sentence away from its English, say). Returns the same document when all links hold.
 */
export function pruneDanglingLinks(doc: HamtaDocument, now?: string): HamtaDocument {
  let changed = false
  const rows = doc.rows.map((row) => {
    const persian = new Map(row.source.flatMap((sentence) => sentence.spans).map((span) => [span.id, span]))
    const english = new Map(row.targetSpans.map((span) => [span.id, span]))
    const bad = new Set<string>()
    for (const span of persian.values()) if (span.link !== undefined && english.get(span.link)?.link !== span.id) bad.add(span.link)
    for (const span of english.values()) if (span.link !== undefined && persian.get(span.link)?.link !== span.id) bad.add(span.link)
    if (bad.size === 0) return row
    changed = true
    const fixed = dropRowLinks(row, bad)
    return now === undefined ? fixed : { ...fixed, updatedAt: now }
  })
  return changed ? { ...doc, rows, ...(now !== undefined ? { updatedAt: now } : {}) } : doc
}

// ---------------------------------------------------------------------------------------------
// Spans through text edits

/** A replacement of `start..end` (old offsets) by text of length `insertedLength`. */
export interface TextChange {
  start: number
  end: number
  insertedLength: number
}

/**
 * Moves spans through a text replacement. Spans before the change stay; spans after it move by
 * the change in length; a span containing the change grows or shrinks with it; a span partly
 * inside keeps its untouched part (plus as much of the replacement as it lost, at most); a span
 * entirely inside the replaced text is mapped into the replacement, and disappears when nothing
 * of it is left. Insertions at a span's edge go outside it.
 */
export function shiftSpans(spans: readonly SpanTag[], change: TextChange): SpanTag[] {
  const { start: cs, end: ce, insertedLength: inserted } = change
  if (!Number.isInteger(cs) || !Number.isInteger(ce) || !Number.isInteger(inserted) || cs < 0 || ce < cs || inserted < 0) {
    throw new Error(`Invalid text change ${cs}–${ce} (+${inserted}).`)
  }
  const delta = inserted - (ce - cs)
  const result: SpanTag[] = []
  for (const span of spans) {
    const { start, end } = span
    if (end <= cs) {
      result.push(span)
      continue
    }
    if (start >= ce) {
      result.push(delta === 0 ? span : { ...span, start: start + delta, end: end + delta })
      continue
    }
    let newStart: number
    let newEnd: number
    if (start <= cs) {
      newStart = start
      newEnd = end >= ce ? end + delta : cs + Math.min(end - cs, inserted)
    } else if (end >= ce) {
      newStart = Math.max(cs, start + delta)
      newEnd = end + delta
    } else {
      // Entirely inside the replaced text: keep its place relative to the start of the change.
      newStart = cs + Math.min(start - cs, inserted)
      newEnd = cs + Math.min(end - cs, inserted)
    }
    if (newEnd > newStart) result.push(newStart === start && newEnd === end ? span : { ...span, start: newStart, end: newEnd })
  }
  return result
}

/**
 * The smallest change equivalent to replacing `start..end` of `text` with `replacement`: the
 * common beginning and end are left out, so a fix that rewrites a whole word (ي → ی, a joined
 * ZWNJ) touches only the characters that differ and spans on the rest of the word stay put.
 */
export function minimalChange(text: string, start: number, end: number, replacement: string): TextChange {
  const removed = text.slice(start, end)
  let prefix = 0
  const limit = Math.min(removed.length, replacement.length)
  while (prefix < limit && removed.charCodeAt(prefix) === replacement.charCodeAt(prefix)) prefix++
  let suffix = 0
  while (suffix < limit - prefix && removed.charCodeAt(removed.length - 1 - suffix) === replacement.charCodeAt(replacement.length - 1 - suffix)) {
    suffix++
  }
  return { start: start + prefix, end: end - suffix, insertedLength: replacement.length - prefix - suffix }
}

function spanIdsGone(before: readonly SpanTag[], after: readonly SpanTag[]): Set<string> {
  const kept = new Set(after.map((span) => span.id))
  return new Set(before.filter((span) => !kept.has(span.id)).map((span) => span.id))
}

export interface SourceFix {
  start: number
  end: number
  replacement: string
  /** When given, the fix is skipped unless the sentence still has this text there. */
  original?: string
}

/**
 * Applies text fixes to one Persian sentence (offsets into the sentence as it is now), moving
 * its spans. Like `applyFixes`, stale fixes and fixes overlapping an earlier one are skipped.
 */
export function applySourceFixes(doc: HamtaDocument, rowId: string, sentenceId: string, fixes: readonly SourceFix[], now?: string): HamtaDocument {
  const row = findRow(doc, rowId)
  const index = findSentence(row, sentenceId)
  const sentence = row.source[index]
  const ordered = [...fixes].sort((a, b) => a.start - b.start || a.end - b.end)
  const accepted: SourceFix[] = []
  let position = 0
  for (const fix of ordered) {
    if (!Number.isInteger(fix.start) || !Number.isInteger(fix.end) || fix.start < position || fix.end < fix.start || fix.end > sentence.text.length)
      continue
    if (fix.original !== undefined && sentence.text.slice(fix.start, fix.end) !== fix.original) continue
    accepted.push(fix)
    position = fix.end
  }
  if (accepted.length === 0) return doc
  let text = sentence.text
  let spans: SpanTag[] = sentence.spans
  // Right to left: each fix's offsets are still those of the text it was proposed for.
  for (let k = accepted.length - 1; k >= 0; k--) {
    const fix = accepted[k]
    spans = shiftSpans(spans, minimalChange(text, fix.start, fix.end, fix.replacement))
    text = text.slice(0, fix.start) + fix.replacement + text.slice(fix.end)
  }
  if (text === sentence.text) return doc
  const gone = spanIdsGone(sentence.spans, spans)
  return updateRow(doc, rowId, now, (current) => dropRowLinks(replaceSentence(current, index, { ...sentence, text, spans }), gone))
}

/** Replaces `start..end` of a Persian sentence with `replacement`, moving its spans. */
export function applySourceReplacement(
  doc: HamtaDocument,
  rowId: string,
  sentenceId: string,
  start: number,
  end: number,
  replacement: string,
  now?: string
): HamtaDocument {
  const row = findRow(doc, rowId)
  const sentence = row.source[findSentence(row, sentenceId)]
  checkRange(sentence.text.length, start, end, `sentence ${sentenceId}`)
  return applySourceFixes(doc, rowId, sentenceId, [{ start, end, replacement }], now)
}

// ---------------------------------------------------------------------------------------------
// Splitting and merging sentences

function isBlank(char: string): boolean {
  return /\s/.test(char)
}

/** `${id}.2`, or `.3`, … : the first suffix no sentence of the document has. */
function splitSentenceId(doc: HamtaDocument, id: string): string {
  const taken = new Set(doc.rows.flatMap((row) => row.source.map((sentence) => sentence.id)))
  for (let n = 2; ; n++) if (!taken.has(`${id}.${n}`)) return `${id}.${n}`
}

/**
 * Splits a Persian sentence in two at `offset`; white space around the cut is dropped (merging
 * puts one space back). Spans go with the part they are in; a span across the cut becomes two
 * spans with the same tag, the first keeping the id and the link. The new sentence follows the
 * old one in the same row, with id `${id}.2` (or the next free suffix).
 */
export function splitSourceSentence(doc: HamtaDocument, rowId: string, sentenceId: string, offset: number, now?: string): HamtaDocument {
  const row = findRow(doc, rowId)
  const index = findSentence(row, sentenceId)
  const sentence = row.source[index]
  const text = sentence.text
  if (!Number.isInteger(offset) || offset <= 0 || offset >= text.length) {
    throw new UserError(`Cannot split sentence ${sentenceId} at ${offset}: the cut must fall inside it.`, 'invalid-split')
  }
  let cutStart = offset
  while (cutStart > 0 && isBlank(text[cutStart - 1])) cutStart--
  let cutEnd = offset
  while (cutEnd < text.length && isBlank(text[cutEnd])) cutEnd++
  if (cutStart === 0 || cutEnd === text.length) {
    throw new UserError('Both parts of a split sentence need some text.', 'invalid-split')
  }
  const taken = documentSpanIds(doc)
  const first: SpanTag[] = []
  const second: SpanTag[] = []
  for (const span of sentence.spans) {
    const head = span.start < cutStart ? { start: span.start, end: Math.min(span.end, cutStart) } : null
    const tail = span.end > cutEnd ? { start: Math.max(span.start, cutEnd) - cutEnd, end: span.end - cutEnd } : null
    if (head && tail) {
      first.push({ ...span, ...head })
      const id = nextId(taken, SPAN_ID_PREFIX)
      taken.add(id)
      second.push({ id, tag: span.tag, ...tail })
    } else if (head) {
      first.push({ ...span, ...head })
    } else if (tail) {
      second.push({ ...span, ...tail })
    }
  }
  const gone = spanIdsGone(sentence.spans, [...first, ...second])
  const parts: SourceSentence[] = [
    { ...sentence, text: text.slice(0, cutStart), spans: first },
    { id: splitSentenceId(doc, sentence.id), text: text.slice(cutEnd), spans: second }
  ]
  return updateRow(doc, rowId, now, (current) =>
    dropRowLinks({ ...current, source: [...current.source.slice(0, index), ...parts, ...current.source.slice(index + 1)] }, gone)
  )
}

function joinSentences(first: SourceSentence, second: SourceSentence): SourceSentence {
  const joiner = first.text && second.text ? ' ' : ''
  const shift = first.text.length + joiner.length
  return {
    ...first,
    text: first.text + joiner + second.text,
    spans: [...first.spans, ...second.spans.map((span) => ({ ...span, start: span.start + shift, end: span.end + shift }))]
  }
}

/**
 * After a row merge through the alignment, puts back the other rows as they were: rebuilding
 * rows from an alignment re-joins their English sentences with single spaces and gives rows
 * that were never aligned an alignment status, neither of which a sentence merge should do.
 * The merged row keeps no alignment status when neither of its rows had one.
 */
function keepUntouchedRows(before: HamtaDocument, after: HamtaDocument, mergedId: string, absorbed: Row): HamtaDocument {
  const old = new Map(before.rows.map((row) => [row.id, row]))
  const first = old.get(mergedId)
  const rows = after.rows.map((row) => {
    if (row.id !== mergedId) return old.get(row.id) ?? row
    if (first && !first.alignment && !absorbed.alignment) {
      const { alignment: _alignment, ...rest } = row
      return rest
    }
    return row
  })
  return { ...after, rows }
}

/**
 * Merges a Persian sentence with the one after it, joined by a space. When the sentence is the
 * last of its row, the next row's first sentence is meant: the two rows merge first (as the
 * alignment edit does, carrying English, tags and comments), then the sentences. The merged
 * sentence keeps the first one's id; spans of the second move by the first's length plus one.
 */
export function mergeSourceSentenceWithNext(doc: HamtaDocument, rowId: string, sentenceId: string, now: string): HamtaDocument {
  const rowIndex = rowIndexOf(doc, rowId)
  const row = doc.rows[rowIndex]
  const index = findSentence(row, sentenceId)
  let current = doc
  if (index === row.source.length - 1) {
    const nextRow = doc.rows[rowIndex + 1]
    if (!nextRow) throw new UserError('This is the last sentence of the document; there is nothing to merge it with.', 'invalid-merge')
    if (nextRow.source.length === 0) {
      throw new UserError('The next row has no Persian sentence; merge the rows first.', 'invalid-merge')
    }
    current = keepUntouchedRows(doc, editAlignment(doc, { kind: 'mergeWithNext', rowId }, now), rowId, nextRow)
  }
  const merged = findRow(current, rowId)
  const at = findSentence(merged, sentenceId)
  const joined = joinSentences(merged.source[at], merged.source[at + 1])
  return updateRow(current, rowId, now, (target) => ({
    ...target,
    source: [...target.source.slice(0, at), joined, ...target.source.slice(at + 2)]
  }))
}

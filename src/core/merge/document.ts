/**
 * Three-way merge of a Hamta document: the version both sides started from (base), ours and
 * theirs. Rows are matched by id; inside a row each part (English, status, tags, spans, comment
 * thread, Persian sentences) merges on its own, so edits to different parts of one row never
 * collide. The same part changed differently on both sides becomes a conflict record on the row,
 * which keeps ours until someone chooses; theirs is kept in the record. Nothing is dropped: a row
 * one side deleted survives if the other side changed it.
 */
import type { Comment, ConflictField, ConflictSide, HamtaDocument, Row, RowConflict, SourceSentence, SpanTag } from '../model'
import { nextId } from '../review/rows'
import { COMMENT_ID_PREFIX } from '../review/comments'
import { SPAN_ID_PREFIX } from '../review/spans'
import { canonicalJson, later, merge3, mergeById, mergeSet, same, stableHash } from './values'

/** Who stands behind each side, for the conflict records. */
export interface MergeContext {
  oursAuthor: string
  theirsAuthor: string
  now: string
}

/** A conflict this merge found (new ones only, not those the sides already carried). */
export interface FoundConflict {
  rowId: string
  /** Position of the row in the merged document, counted from 1. */
  row: number
  field: ConflictField
  key?: string
  conflictId: string
}

export interface DocumentMergeResult {
  document: HamtaDocument
  conflicts: FoundConflict[]
}

/** Marks ids given to theirs' items that collided with ours'; replaced by fresh ids before returning. */
const RENAMED = '\u0000renamed'

type SideName = 'ours' | 'theirs'

interface RowMergeState {
  ctx: MergeContext
  found: Array<Omit<FoundConflict, 'row'>>
}

function side(row: Row, value: unknown, author: string, extra: Partial<ConflictSide> = {}): ConflictSide {
  return { value: value === undefined ? null : value, ...extra, author, at: row.updatedAt }
}

function conflictRecord(
  state: RowMergeState,
  rowId: string,
  field: ConflictField,
  key: string | undefined,
  base: unknown,
  ours: ConflictSide,
  theirs: ConflictSide
): RowConflict {
  // The id depends only on what collided, so merging the same histories again finds the same record.
  const id = `x${stableHash(canonicalJson([rowId, field, key ?? '', ours.value, theirs.value]))}`
  const record: RowConflict = { id, field, ours, theirs, detectedAt: state.ctx.now }
  if (key !== undefined) record.key = key
  if (base !== undefined) record.base = base
  state.found.push({ rowId, field, key, conflictId: id })
  return record
}

/** Keeps ours for one scalar field of a row, recording a conflict when theirs differs too. */
function mergeField<K extends keyof Row>(
  state: RowMergeState,
  conflicts: RowConflict[],
  field: K & ConflictField,
  base: Row | undefined,
  ours: Row,
  theirs: Row
): Row[K] {
  const merged = merge3(base?.[field], ours[field], theirs[field])
  if (merged.ok) return merged.value
  conflicts.push(
    conflictRecord(
      state,
      ours.id,
      field,
      undefined,
      base?.[field],
      side(ours, ours[field], state.ctx.oursAuthor),
      side(theirs, theirs[field], state.ctx.theirsAuthor)
    )
  )
  return ours[field]
}

function renamedSpan(span: SpanTag): SpanTag {
  return { ...span, id: `${span.id}${RENAMED}` }
}

function mergeSpans(base: readonly SpanTag[] | undefined, ours: readonly SpanTag[], theirs: readonly SpanTag[]): SpanTag[] {
  // A span both sides moved differently keeps ours: spans are marks on text, not content.
  return mergeById(base, ours, theirs, { both: (_base, mine) => mine, renamed: renamedSpan })
}

function mergeSource(state: RowMergeState, conflicts: RowConflict[], base: Row | undefined, ours: Row, theirs: Row): SourceSentence[] {
  const ids = (row: Row): string => row.source.map((sentence) => sentence.id).join('\u0001')
  if (ids(ours) === ids(theirs)) {
    // The same sentences on both sides: each sentence's text and spans merge on their own.
    const baseById = new Map((base?.source ?? []).map((sentence) => [sentence.id, sentence]))
    return ours.source.map((sentence, index) => {
      const original = baseById.get(sentence.id)
      const other = theirs.source[index]
      let text = sentence.text
      const mergedText = merge3(original?.text, sentence.text, other.text)
      if (mergedText.ok) text = mergedText.value
      else {
        conflicts.push(
          conflictRecord(
            state,
            ours.id,
            'source',
            sentence.id,
            original?.text,
            side(ours, sentence.text, state.ctx.oursAuthor),
            side(theirs, other.text, state.ctx.theirsAuthor)
          )
        )
      }
      return { ...sentence, text, spans: mergeSpans(original?.spans, sentence.spans, other.spans) }
    })
  }
  const merged = merge3(base?.source, ours.source, theirs.source)
  if (merged.ok) return merged.value
  conflicts.push(
    conflictRecord(
      state,
      ours.id,
      'source',
      undefined,
      base?.source,
      side(ours, ours.source, state.ctx.oursAuthor),
      side(theirs, theirs.source, state.ctx.theirsAuthor)
    )
  )
  return ours.source
}

function mergeComments(state: RowMergeState, conflicts: RowConflict[], base: Row | undefined, ours: Row, theirs: Row): Comment[] {
  const merged = mergeById(base?.comments, ours.comments, theirs.comments, {
    renamed: (comment) => ({ ...comment, id: `${comment.id}${RENAMED}` }),
    both: (original, mine, other) => {
      const result: Comment = { ...mine }
      const text = merge3(original?.text, mine.text, other.text)
      if (!text.ok) {
        conflicts.push(
          conflictRecord(
            state,
            ours.id,
            'comment',
            mine.id,
            original?.text,
            side(ours, mine.text, state.ctx.oursAuthor),
            side(theirs, other.text, state.ctx.theirsAuthor)
          )
        )
      }
      // A thread resolved on either side stays resolved: reopening is rare and easy to redo.
      const resolved = merge3(original?.resolved, mine.resolved, other.resolved)
      result.resolved = resolved.ok ? resolved.value : true
      if (result.resolved) {
        const at = [mine.resolvedAt, other.resolvedAt].filter((value): value is string => !!value).sort()
        if (mine.resolved && mine.resolvedAt) result.resolvedAt = mine.resolvedAt
        else if (at.length > 0) result.resolvedAt = at[at.length - 1]
      } else delete result.resolvedAt
      return result
    }
  })
  return merged.sort((a, b) => (a.createdAt === b.createdAt ? 0 : a.createdAt < b.createdAt ? -1 : 1))
}

function withoutConflicts(row: Row): Row {
  const { conflicts: _conflicts, ...rest } = row
  return rest
}

function mergeRow(state: RowMergeState, base: Row | undefined, ours: Row, theirs: Row): Row {
  if (same(ours, theirs)) return ours
  if (base && same(base, theirs)) return ours
  if (base && same(base, ours)) return theirs
  const found: RowConflict[] = []
  const targetMerge = merge3(base?.target, ours.target, theirs.target)
  let target = ours.target
  let targetSpans: SpanTag[]
  if (targetMerge.ok) {
    target = targetMerge.value
    targetSpans = mergeSpans(base?.targetSpans, ours.targetSpans, theirs.targetSpans)
  } else {
    // Spans belong to their text: ours keeps its own; theirs travel in the record with their text.
    targetSpans = ours.targetSpans
    found.push(
      conflictRecord(
        state,
        ours.id,
        'target',
        undefined,
        base?.target,
        side(ours, ours.target, state.ctx.oursAuthor, { spans: ours.targetSpans }),
        side(theirs, theirs.target, state.ctx.theirsAuthor, { spans: theirs.targetSpans })
      )
    )
  }
  const merged: Row = {
    ...ours,
    paragraph: mergeField(state, found, 'paragraph', base, ours, theirs),
    source: mergeSource(state, found, base, ours, theirs),
    target,
    status: mergeField(state, found, 'status', base, ours, theirs),
    tags: mergeSet(base?.tags, ours.tags, theirs.tags),
    targetSpans: clampSpans(targetSpans, target.length),
    comments: mergeComments(state, found, base, ours, theirs),
    updatedAt: later(ours.updatedAt, theirs.updatedAt)
  }
  const alignment = mergeField(state, found, 'alignment', base, ours, theirs)
  if (alignment === undefined) delete merged.alignment
  else merged.alignment = alignment
  const doNotTranslate = mergeField(state, found, 'doNotTranslate', base, ours, theirs)
  if (doNotTranslate === undefined) delete merged.doNotTranslate
  else merged.doNotTranslate = doNotTranslate
  return setConflicts(merged, [...mergeById<RowConflict>(base?.conflicts, ours.conflicts ?? [], theirs.conflicts ?? [], keepOurs), ...found])
}

const keepOurs = { both: <T>(_base: T | undefined, mine: T): T => mine, renamed: <T>(item: T): T => item }

/** Spans kept from a side whose English was replaced must still point inside the text. */
function clampSpans(spans: SpanTag[], length: number): SpanTag[] {
  if (spans.every((span) => span.end <= length)) return spans
  return spans.map((span) =>
    span.end <= length
      ? span
      : { ...span, start: Math.min(span.start, length), end: Math.max(Math.min(span.end, length), Math.min(span.start, length)) }
  )
}

function setConflicts(row: Row, conflicts: RowConflict[]): Row {
  const unique = new Map<string, RowConflict>()
  for (const conflict of conflicts) if (!unique.has(conflict.id)) unique.set(conflict.id, conflict)
  const next = withoutConflicts(row)
  if (unique.size > 0) next.conflicts = [...unique.values()]
  return next
}

/** A row one side deleted and the other changed: kept, with the deletion as the other version. */
function survivingRow(state: RowMergeState, kept: Row, keptBy: SideName): Row {
  const ctx = state.ctx
  const row = withoutConflicts(kept)
  const present = side(kept, row, keptBy === 'ours' ? ctx.oursAuthor : ctx.theirsAuthor)
  const deleted: ConflictSide = { value: null, author: keptBy === 'ours' ? ctx.theirsAuthor : ctx.oursAuthor, at: ctx.now }
  const record =
    keptBy === 'ours'
      ? conflictRecord(state, kept.id, 'row', undefined, undefined, present, deleted)
      : conflictRecord(state, kept.id, 'row', undefined, undefined, deleted, present)
  return setConflicts(kept, [...(kept.conflicts ?? []), record])
}

function mergeRows(state: RowMergeState, base: readonly Row[] | undefined, ours: readonly Row[], theirs: readonly Row[]): Row[] {
  const baseById = new Map((base ?? []).map((row) => [row.id, row]))
  const theirsById = new Map(theirs.map((row) => [row.id, row]))
  const oursById = new Map(ours.map((row) => [row.id, row]))
  const result: Row[] = []
  const placed = new Map<string, number>()
  const after = new Map<string, Row[]>()
  for (const row of ours) {
    const original = baseById.get(row.id)
    const other = theirsById.get(row.id)
    if (other) {
      const sameSentences = canonicalJson(row.source.map((s) => s.id)) === canonicalJson(other.source.map((s) => s.id))
      if (!original && !sameSentences) {
        // Both sides made a new row under the same id for different sentences: two rows.
        result.push(row)
        const list = after.get(row.id) ?? []
        list.push({ ...other, id: `${other.id}${RENAMED}` })
        after.set(row.id, list)
        continue
      }
      result.push(mergeRow(state, original, row, other))
    } else if (!original) result.push(row)
    else if (!same(original, row)) result.push(survivingRow(state, row, 'ours'))
    // else: theirs deleted a row ours left alone.
  }
  for (const [id, rows] of after) {
    const index = result.findIndex((row) => row.id === id)
    result.splice(index + 1, 0, ...rows)
  }
  result.forEach((row, index) => placed.set(row.id, index))
  // Theirs' new rows (and rows ours deleted but theirs changed) go after their nearest predecessor in theirs.
  let anchor: string | undefined
  const inserts: Array<{ anchor: string | undefined; row: Row }> = []
  for (const row of theirs) {
    if (oursById.has(row.id)) {
      anchor = row.id
      continue
    }
    const original = baseById.get(row.id)
    if (original && same(original, row)) continue
    inserts.push({ anchor, row: original ? survivingRow(state, row, 'theirs') : row })
    anchor = row.id
  }
  if (inserts.length === 0) return result
  const output: Row[] = []
  const byAnchor = new Map<string | undefined, Row[]>()
  const chained = new Set(inserts.map((insert) => insert.row.id))
  for (const insert of inserts) {
    // Inserts that follow another insert hang off that one, keeping theirs' order.
    const key = insert.anchor !== undefined && (placed.has(insert.anchor) || chained.has(insert.anchor)) ? insert.anchor : undefined
    const list = byAnchor.get(key) ?? []
    list.push(insert.row)
    byAnchor.set(key, list)
  }
  const emit = (row: Row): void => {
    output.push(row)
    for (const next of byAnchor.get(row.id) ?? []) emit(next)
  }
  for (const row of byAnchor.get(undefined) ?? []) emit(row)
  for (const row of result) emit(row)
  return output
}

/** Fresh ids for items renamed on collision and for ids two rows now share (spans and comments are numbered per document). */
function settleIds(rows: Row[]): Row[] {
  const rowIds = new Set<string>()
  const spanIds = new Set<string>()
  const commentIds = new Set<string>()
  for (const row of rows) {
    if (!row.id.endsWith(RENAMED)) rowIds.add(row.id)
    for (const comment of row.comments) if (!comment.id.endsWith(RENAMED)) commentIds.add(comment.id)
    for (const span of [...row.targetSpans, ...row.source.flatMap((sentence) => sentence.spans)]) if (!span.id.endsWith(RENAMED)) spanIds.add(span.id)
  }
  const seenSpans = new Set<string>()
  const seenComments = new Set<string>()
  const seenRows = new Set<string>()
  return rows.map((row) => {
    let next = row
    if (row.id.endsWith(RENAMED) || seenRows.has(row.id)) {
      const stem = row.id.endsWith(RENAMED) ? row.id.slice(0, -RENAMED.length) : row.id
      let n = 2
      while (rowIds.has(`${stem}-${n}`)) n++
      next = { ...next, id: `${stem}-${n}` }
      rowIds.add(next.id)
    }
    seenRows.add(next.id)
    // Keyed by the id the side gave the span, which is what its partner's link names.
    const renamedSpans = new Map<string, string>()
    const fixSpan = (span: SpanTag): SpanTag => {
      if (!span.id.endsWith(RENAMED) && !seenSpans.has(span.id)) {
        seenSpans.add(span.id)
        return span
      }
      const fresh = nextId(spanIds, SPAN_ID_PREFIX)
      spanIds.add(fresh)
      seenSpans.add(fresh)
      renamedSpans.set(span.id.endsWith(RENAMED) ? span.id.slice(0, -RENAMED.length) : span.id, fresh)
      return { ...span, id: fresh }
    }
    const source = next.source.map((sentence) => ({ ...sentence, spans: sentence.spans.map(fixSpan) }))
    const targetSpans = next.targetSpans.map(fixSpan)
    const comments = next.comments.map((comment) => {
      if (!comment.id.endsWith(RENAMED) && !seenComments.has(comment.id)) {
        seenComments.add(comment.id)
        return comment
      }
      const fresh = nextId(commentIds, COMMENT_ID_PREFIX)
      commentIds.add(fresh)
      seenComments.add(fresh)
      return { ...comment, id: fresh }
    })
    if (renamedSpans.size === 0 && comments.every((comment, i) => comment === next.comments[i])) return next
    // Links stay within a row (a Persian name and its English), so renaming there is enough.
    const relink = (span: SpanTag): SpanTag => (span.link && renamedSpans.has(span.link) ? { ...span, link: renamedSpans.get(span.link) } : span)
    return {
      ...next,
      source: source.map((sentence) => ({ ...sentence, spans: sentence.spans.map(relink) })),
      targetSpans: targetSpans.map(relink),
      comments
    }
  })
}

/**
 * Merges two versions of a document from the version they share. `base` is undefined when the
 * document was created on both sides independently (then every difference is a conflict).
 */
export function mergeDocument(base: HamtaDocument | undefined, ours: HamtaDocument, theirs: HamtaDocument, ctx: MergeContext): DocumentMergeResult {
  if (same(ours, theirs) || (base && same(base, theirs))) return { document: ours, conflicts: [] }
  if (base && same(base, ours)) return { document: theirs, conflicts: [] }
  const state: RowMergeState = { ctx, found: [] }
  const rows = settleIds(mergeRows(state, base?.rows, ours.rows, theirs.rows))
  const pick = <K extends keyof HamtaDocument>(key: K): HamtaDocument[K] => {
    // Document-wide facts (title, origin) rarely change; ours wins a collision, theirs is in history.
    const merged = merge3(base?.[key], ours[key], theirs[key])
    return merged.ok ? merged.value : ours[key]
  }
  const document: HamtaDocument = {
    ...ours,
    schemaVersion: Math.max(ours.schemaVersion, theirs.schemaVersion),
    title: pick('title'),
    createdAt: pick('createdAt'),
    origin: pick('origin'),
    originalText: pick('originalText'),
    updatedAt: later(ours.updatedAt, theirs.updatedAt),
    rows
  }
  const dismissed = mergeSet(base?.dismissedCleanup, ours.dismissedCleanup ?? [], theirs.dismissedCleanup ?? [])
  if (dismissed.length > 0 || ours.dismissedCleanup || theirs.dismissedCleanup) document.dismissedCleanup = dismissed
  const position = new Map(rows.map((row, index) => [row.id, index + 1]))
  const conflicts: FoundConflict[] = []
  for (const found of state.found) {
    // A record whose row was renamed on collision is found by its id.
    const row = rows.find((candidate) => candidate.conflicts?.some((record) => record.id === found.conflictId))
    if (!row) continue
    conflicts.push({ ...found, rowId: row.id, row: position.get(row.id)! })
  }
  return { document, conflicts }
}

/** Every open conflict of a document, with the row's position counted from 1. */
export function openConflicts(doc: HamtaDocument): FoundConflict[] {
  const list: FoundConflict[] = []
  doc.rows.forEach((row, index) => {
    for (const record of row.conflicts ?? []) {
      list.push({ rowId: row.id, row: index + 1, field: record.field, key: record.key, conflictId: record.id })
    }
  })
  return list
}

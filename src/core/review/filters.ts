/**
 * Row filters for the review panes and search across both languages. Persian is compared by
 * match key (letter variants, digits, ZWNJ, diacritics and spacing do not matter), English
 * case-insensitively. The per-row keys are computed once per row object and cached, so filtering
 * a new version of a document only recomputes the rows that changed.
 */
import { numberMismatch } from './number-check'
import { isArabicMark } from '../text/chars'
import { matchKey, matchKeyWithOffsets } from '../text/normalize'
import type { AlignmentStatus, HamtaDocument, Row, RowStatus } from '../model'

export type CommentFilter = 'open' | 'resolved' | 'none' | 'any'

export interface RowQuery {
  /** Rows with one of these statuses. */
  statuses?: RowStatus[]
  /** Rows carrying one of these tags, as a row tag or on a span in either language. */
  tags?: string[]
  /**
   * `open`: at least one unresolved comment; `resolved`: at least one resolved comment;
   * `none`: no comments; `any`: at least one comment.
   */
  comments?: CommentFilter
  /** Rows whose aligner confidence is below this (rows without a confidence never match). */
  confidenceBelow?: number
  /** Rows with one of these alignment statuses (rows never aligned have none and never match). */
  alignment?: AlignmentStatus[]
  /** Text in either language. */
  text?: string
  /** Rows whose English numbers differ from the Persian ones. */
  numbersDiffer?: boolean
  /** Only these rows, by id (the rows with QA findings, say). */
  rowIds?: readonly string[]
}

/** What search needs of a row, derived once per row object. */
export interface RowSearchKeys {
  /** Match key of each Persian sentence. */
  source: string[]
  /** The English, lower-cased with offsets unchanged. */
  target: string
  /** Every tag on the row: row tags and span tags of both languages. */
  tags: ReadonlySet<string>
}

export interface SearchIndex {
  doc: HamtaDocument
  rows: RowSearchKeys[]
}

const rowKeys = new WeakMap<Row, RowSearchKeys>()
const indexes = new WeakMap<HamtaDocument, SearchIndex>()

/**
 * Lower case with the same length as the input, so offsets found in it are offsets in the
 * original (a few characters, such as İ, lower-case to two).
 */
export function lowerSameLength(text: string): string {
  const lower = text.toLowerCase()
  if (lower.length === text.length) return lower
  let out = ''
  for (let i = 0; i < text.length; i++) {
    const char = text[i].toLowerCase()
    out += char.length === 1 ? char : text[i]
  }
  return out
}

function keysOf(row: Row): RowSearchKeys {
  let keys = rowKeys.get(row)
  if (!keys) {
    const tags = new Set(row.tags)
    for (const sentence of row.source) for (const span of sentence.spans) tags.add(span.tag)
    for (const span of row.targetSpans) tags.add(span.tag)
    keys = { source: row.source.map((sentence) => matchKey(sentence.text)), target: lowerSameLength(row.target), tags }
    rowKeys.set(row, keys)
  }
  return keys
}

/** The search index of a document version (cached: documents are never changed in place). */
export function searchIndex(doc: HamtaDocument): SearchIndex {
  let index = indexes.get(doc)
  if (!index) {
    index = { doc, rows: doc.rows.map(keysOf) }
    indexes.set(doc, index)
  }
  return index
}

interface PreparedText {
  key: string
  lower: string
}

function prepareText(text: string | undefined): PreparedText | null {
  const trimmed = (text ?? '').trim()
  if (!trimmed) return null
  return { key: matchKey(trimmed), lower: lowerSameLength(trimmed) }
}

function textMatches(keys: RowSearchKeys, text: PreparedText): boolean {
  if (text.key && keys.source.some((key) => key.includes(text.key))) return true
  return keys.target.includes(text.lower)
}

function commentsMatch(row: Row, filter: CommentFilter): boolean {
  switch (filter) {
    case 'open':
      return row.comments.some((comment) => !comment.resolved)
    case 'resolved':
      return row.comments.some((comment) => comment.resolved)
    case 'none':
      return row.comments.length === 0
    case 'any':
      return row.comments.length > 0
  }
}

/** Indices of the rows that satisfy every part of the query (an empty query keeps all rows). */
export function filterRows(doc: HamtaDocument, query: RowQuery, index: SearchIndex = searchIndex(doc)): number[] {
  if (index.doc !== doc) index = searchIndex(doc)
  const statuses = query.statuses && query.statuses.length > 0 ? new Set(query.statuses) : null
  const tags = query.tags && query.tags.length > 0 ? query.tags : null
  const alignment = query.alignment && query.alignment.length > 0 ? new Set(query.alignment) : null
  const text = prepareText(query.text)
  const rowIds = query.rowIds ? new Set(query.rowIds) : null
  const result: number[] = []
  doc.rows.forEach((row, rowIndex) => {
    if (rowIds && !rowIds.has(row.id)) return
    if (statuses && !statuses.has(row.status)) return
    if (query.comments && !commentsMatch(row, query.comments)) return
    if (query.confidenceBelow !== undefined) {
      const confidence = row.alignment?.confidence
      if (confidence === undefined || !(confidence < query.confidenceBelow)) return
    }
    if (alignment && (!row.alignment || !alignment.has(row.alignment.status))) return
    if (query.numbersDiffer && numberMismatch(row) === null) return
    const keys = index.rows[rowIndex]
    if (tags && !tags.some((tag) => keys.tags.has(tag))) return
    if (text && !textMatches(keys, text)) return
    result.push(rowIndex)
  })
  return result
}

export interface MatchRange {
  start: number
  end: number
}

/**
 * Where `query` occurs in `text`, as ranges of the original text to highlight. `fa` compares
 * match keys (so `رئیسجمهور` highlights `رئیس‌جمهور` and `رئیس جمهور`, `۲۸` highlights `28`);
 * `en` compares case-insensitively. Matches do not overlap.
 */
export function findMatches(text: string, query: string, language: 'fa' | 'en' = 'fa'): MatchRange[] {
  const ranges: MatchRange[] = []
  if (language === 'en') {
    const needle = lowerSameLength(query.trim())
    if (!needle) return ranges
    const haystack = lowerSameLength(text)
    for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + needle.length)) {
      ranges.push({ start: at, end: at + needle.length })
    }
    return ranges
  }
  const needle = matchKey(query)
  if (!needle) return ranges
  const { key, offsets } = matchKeyWithOffsets(text)
  for (let at = key.indexOf(needle); at >= 0; at = key.indexOf(needle, at + needle.length)) {
    const start = offsets[at]
    let end = offsets[at + needle.length - 1] + 1
    // Diacritics on the last letter belong to it.
    while (end < text.length && isArabicMark(text.charCodeAt(end))) end++
    // One original character can give two key characters (ﻻ → لا): do not start inside the previous match.
    if (ranges.length > 0 && start < ranges[ranges.length - 1].end) continue
    ranges.push({ start, end })
  }
  return ranges
}

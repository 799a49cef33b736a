/**
 * Hamta's document model: a Persian source split into sentences, grouped into rows (alignment
 * beads) that each carry the English translation and a workflow status.
 *
 * Everything here is pure: functions take a document and return a new one, so the same code
 * serves the app, the browser mode, the command line and the tests.
 */

import type { InlineCode } from './formats/inline-codes'

export const DOCUMENT_SCHEMA_VERSION = 2

/** Translation and review workflow of a row, in the order work usually moves through it. */
export const ROW_STATUSES = ['untranslated', 'draft', 'translated', 'reviewed', 'approved', 'rejected'] as const
export type RowStatus = (typeof ROW_STATUSES)[number]

/** How statuses read to people, in the app and in exported documents. */
export const ROW_STATUS_LABEL: Record<RowStatus, string> = {
  untranslated: 'Untranslated',
  draft: 'Draft',
  translated: 'Translated',
  reviewed: 'Reviewed',
  approved: 'Approved',
  rejected: 'Rejected'
}

/** Statuses that count as done for progress. */
export const DONE_STATUSES: ReadonlySet<RowStatus> = new Set(['translated', 'reviewed', 'approved'])

/** How a row's pairing of sentences came about: the aligner's proposal, or a reviewer's decision. */
export const ALIGNMENT_STATUSES = ['auto', 'confirmed', 'flagged'] as const
export type AlignmentStatus = (typeof ALIGNMENT_STATUSES)[number]

export interface RowAlignment {
  status: AlignmentStatus
  /** The aligner's confidence in 0..1, while the row is as the aligner made it. */
  confidence?: number
}

/** A tagged span of text: offsets into a sentence (Persian) or into the row's English text. */
export interface SpanTag {
  id: string
  tag: string
  start: number
  end: number
  /** Id of the span on the other side tagged together with this one (a name and its transliteration). */
  link?: string
}

export interface Comment {
  id: string
  author: string
  text: string
  createdAt: string
  resolved: boolean
  resolvedAt?: string
}

export interface SourceSentence {
  id: string
  /** Sentence text as shown to the user (wrapped lines joined with one space). */
  text: string
  /** Tagged spans, stored with the sentence so they move wherever it moves. */
  spans: SpanTag[]
}

/** One aligned row (a bead): 0..n Persian sentences and the English text that translates them. */
export interface Row {
  id: string
  /** Index of the source paragraph the row starts in; plain-text export keeps paragraphs. */
  paragraph: number
  source: SourceSentence[]
  target: string
  status: RowStatus
  /** Present when the English came from an existing translation that was aligned. */
  alignment?: RowAlignment
  /** Tags of the whole row. */
  tags: string[]
  /** Tagged spans of the English text. */
  targetSpans: SpanTag[]
  comments: Comment[]
  /** Not part of the article (agency boilerplate, say): left untranslated and out of progress. */
  doNotTranslate?: boolean
  updatedAt: string
  /** Changes from a team sync that collided with this row's own; absent when there are none. */
  conflicts?: RowConflict[]
  /** Where the row sits in the original file it was imported from (XLIFF unit and segment, Word paragraph). */
  unitId?: string
  fileId?: string
  segmentId?: string
  /** The original file marks the row not translatable: shown, never edited. */
  locked?: boolean
  /** Inline codes of the row's text, each one private-use character in source and target (see formats/inline-codes). */
  codes?: InlineCode[]
}

/** Parts of a row a team sync merges on their own; a collision in one of them is a conflict. */
export const CONFLICT_FIELDS = ['target', 'status', 'paragraph', 'source', 'alignment', 'doNotTranslate', 'targetSpans', 'comment', 'row'] as const
export type ConflictField = (typeof CONFLICT_FIELDS)[number]

/** One side of a conflict: the value it holds, who made it and when. */
export interface ConflictSide {
  /** The field's value on that side (for `row`, the whole row, or null where it was deleted). */
  value: unknown
  /** With a `target` conflict: that side's spans of its English. */
  spans?: SpanTag[]
  author: string
  at: string
}

/**
 * The same part of a row changed differently on two machines. The row keeps `ours` until
 * someone chooses; the record keeps both versions so nothing is lost meanwhile.
 */
export interface RowConflict {
  id: string
  field: ConflictField
  /** Which sentence (for `source`) or comment (for `comment`) the conflict is about. */
  key?: string
  base?: unknown
  ours: ConflictSide
  theirs: ConflictSide
  detectedAt: string
}

export interface DocumentOrigin {
  fileName: string
  encoding: string
  importedAt: string
  /** The imported file, kept unchanged in the library so the translation can be saved back into it. */
  original?: OriginalFile
}

/** Formats Hamta can give back as the file it was given. */
export const ORIGINAL_FORMATS = ['xliff12', 'xliff2', 'docx'] as const
export type OriginalFormat = (typeof ORIGINAL_FORMATS)[number]

export interface OriginalFile {
  format: OriginalFormat
  /** Path of the kept bytes inside the library folder (`originals/<id>.xlf`). */
  path: string
  /** SHA-256 of the kept bytes, hex, so a replaced or damaged copy is noticed. */
  sha256: string
}

export interface HamtaDocument {
  schemaVersion: number
  id: string
  title: string
  sourceLang: 'fa'
  targetLang: 'en'
  createdAt: string
  updatedAt: string
  origin: DocumentOrigin
  /** The imported text, byte-for-byte decoded; never changed after import. */
  originalText: string
  rows: Row[]
  /** Cleanup proposals the user turned down, so they are not proposed again. */
  dismissedCleanup?: string[]
}

export interface Progress {
  total: number
  untranslated: number
  draft: number
  translated: number
  reviewed: number
  approved: number
  rejected: number
  /** Share of rows done (translated, reviewed or approved), 0..1. */
  ratio: number
}

export interface DocumentSummary {
  id: string
  title: string
  sentences: number
  rows: number
  progress: Progress
  createdAt: string
  updatedAt: string
  fileName: string
  /** How the file was decoded, when that needs the user's attention (bytes that were not valid text). */
  encodingWarning?: string
}

/** A deleted document waiting in the library's trash folder, as the trash browser lists it (its newest copy). */
export interface TrashedDocument {
  id: string
  title: string
  sentences: number
  fileName: string
  deletedAt: string
  /** Copies of it in the trash (deleted, restored and deleted again); restoring brings the newest. */
  copies: number
  /** Why the newest copy cannot be brought back, if it cannot. */
  problem?: string
}

export interface SegmentedParagraph {
  sentences: string[]
}

export interface NewDocumentInput {
  id: string
  now: string
  fileName: string
  encoding: string
  originalText: string
  paragraphs: SegmentedParagraph[]
}

/** The title is the first non-empty line of the source, trimmed and kept short enough to list. */
export function titleFromText(text: string, maxLength = 120): string {
  // Line by line from the start: splitting a 100 MB text into all its lines to read the first costs
  // a million strings.
  let firstLine = ''
  const lineBreak = /\r\n|\r|\n/g
  for (let start = 0; start <= text.length;) {
    const found = lineBreak.exec(text)
    const end = found ? found.index : text.length
    const line = text.slice(start, end)
    if (line.trim().length > 0) {
      // A title is short; a text without line breaks should not be copied whole to make one.
      firstLine = line.length > 4096 ? line.trimStart().slice(0, 4096) : line
      break
    }
    if (!found) break
    start = lineBreak.lastIndex
  }
  const title = firstLine.trim().replace(/\s+/g, ' ')
  return title.length > maxLength ? `${title.slice(0, maxLength - 1)}…` : title
}

export function newRow(id: string, paragraph: number, source: SourceSentence[], target: string, now: string): Row {
  return {
    id,
    paragraph,
    source,
    target,
    status: target.trim() ? 'draft' : 'untranslated',
    tags: [],
    targetSpans: [],
    comments: [],
    updatedAt: now
  }
}

export function createDocument(input: NewDocumentInput): HamtaDocument {
  const rows: Row[] = []
  let sentenceNumber = 0
  input.paragraphs.forEach((paragraph, paragraphIndex) => {
    for (const text of paragraph.sentences) {
      sentenceNumber += 1
      rows.push(newRow(`r${sentenceNumber}`, paragraphIndex, [{ id: `s${sentenceNumber}`, text, spans: [] }], '', input.now))
    }
  })
  return {
    schemaVersion: DOCUMENT_SCHEMA_VERSION,
    id: input.id,
    title: titleFromText(input.originalText),
    sourceLang: 'fa',
    targetLang: 'en',
    createdAt: input.now,
    updatedAt: input.now,
    origin: { fileName: input.fileName, encoding: input.encoding, importedAt: input.now },
    originalText: input.originalText,
    rows
  }
}

export function computeProgress(rows: readonly Row[]): Progress {
  const progress: Progress = { total: 0, untranslated: 0, draft: 0, translated: 0, reviewed: 0, approved: 0, rejected: 0, ratio: 0 }
  let done = 0
  for (const row of rows) {
    // Rows marked not for translation (boilerplate) are no work left to do.
    if (row.doNotTranslate) continue
    progress.total += 1
    progress[row.status] += 1
    if (DONE_STATUSES.has(row.status)) done += 1
  }
  progress.ratio = progress.total === 0 ? 0 : done / progress.total
  return progress
}

export function summarize(doc: HamtaDocument): DocumentSummary {
  return {
    id: doc.id,
    title: doc.title,
    sentences: doc.rows.reduce((count, row) => count + row.source.length, 0),
    rows: doc.rows.length,
    progress: computeProgress(doc.rows),
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
    fileName: doc.origin.fileName,
    ...(doc.origin.encoding?.includes('\uFFFD') ? { encodingWarning: doc.origin.encoding } : {})
  }
}

export class RowNotFoundError extends Error {
  constructor(readonly rowId: string) {
    super(`Row ${rowId} does not exist in this document.`)
  }
}

function replaceRow(doc: HamtaDocument, rowId: string, now: string, change: (row: Row) => Row): HamtaDocument {
  const index = doc.rows.findIndex((row) => row.id === rowId)
  if (index < 0) throw new RowNotFoundError(rowId)
  const rows = doc.rows.slice()
  rows[index] = { ...change(doc.rows[index]), updatedAt: now }
  return { ...doc, rows, updatedAt: now }
}

/**
 * Status that follows from editing a row's translation: text makes a row a draft, an emptied row
 * is untranslated again, and changing a finished or reviewed row reopens it as a draft.
 */
export function statusAfterEdit(previous: Row, target: string): RowStatus {
  if (target.trim().length === 0) return 'untranslated'
  if (previous.target === target && previous.status !== 'untranslated') return previous.status
  return 'draft'
}

export function setRowTarget(doc: HamtaDocument, rowId: string, target: string, now: string): HamtaDocument {
  return replaceRow(doc, rowId, now, (row) => ({ ...row, target, status: statusAfterEdit(row, target) }))
}

export class InvalidStatusError extends Error {}

export function setRowStatus(doc: HamtaDocument, rowId: string, status: RowStatus, now: string): HamtaDocument {
  return replaceRow(doc, rowId, now, (row) => {
    if (status !== 'untranslated' && row.target.trim().length === 0) {
      throw new InvalidStatusError(`A row without an English translation cannot be marked ${status}.`)
    }
    return { ...row, status }
  })
}

/**
 * Options every writer takes, the unit selection they imply, and the small record that carries
 * what a format has no field for (sentence boundaries, tag spans, comment authors and dates), so
 * Hamta's own exports re-import losslessly.
 */
import { ROW_STATUS_LABEL } from '../model'
import {
  ALIGNMENT_STATUSES,
  UNIT_STATUSES,
  sideText,
  type AlignmentStatus,
  type BilingualComment,
  type BilingualDocument,
  type BilingualTag,
  type BilingualUnit,
  type UnitStatus
} from './bilingual'

export interface ExportOptions {
  /** Only units whose status is `approved`. Default false. */
  approvedOnly?: boolean
  /** Write comments (notes). Default true. */
  includeComments?: boolean
  /** Keep units without an English translation. Default true. */
  includeUntranslated?: boolean
  /** DOCX: English text only instead of the bilingual table. Default false. */
  englishOnly?: boolean
  /** DOCX and HTML: add a status column. Default true. */
  statusColumn?: boolean
  /** CSV and TSV: write cells that start with = + - @ as they are, not made text with a leading `'`. Default false. */
  rawCells?: boolean
  /** HTML: the Persian font (Vazirmatn's Arabic subset, WOFF2, base64), embedded so the page needs no font installed. */
  persianFontWoff2Base64?: string
  /** Timestamp written into headers and the Hamta JSON; default: now. */
  now?: string
  /** Called as units are written, for progress bars. */
  onProgress?: (done: number, total: number) => void
}

export function hasTarget(unit: BilingualUnit): boolean {
  return sideText(unit.target).trim().length > 0
}

/** The units a writer should write, with comments dropped when they are not wanted. */
export function selectUnits(doc: BilingualDocument, options: ExportOptions = {}): BilingualUnit[] {
  return doc.units
    .filter((unit) => !options.approvedOnly || unit.status === 'approved')
    .filter((unit) => options.includeUntranslated !== false || hasTarget(unit))
    .map((unit) => (options.includeComments === false && unit.comments.length > 0 ? { ...unit, comments: [] } : unit))
}

/** Reports progress every few units, not on each, so a progress bar costs nothing. */
export function progressReporter(options: ExportOptions, total: number): (done: number) => void {
  const step = Math.max(1, Math.floor(total / 100))
  return (done) => {
    if (options.onProgress && (done % step === 0 || done === total)) options.onProgress(done, total)
  }
}

export function isUnitStatus(value: string | undefined): value is UnitStatus {
  return value !== undefined && (UNIT_STATUSES as readonly string[]).includes(value)
}

export function isAlignmentStatus(value: string | undefined): value is AlignmentStatus {
  return value !== undefined && (ALIGNMENT_STATUSES as readonly string[]).includes(value)
}

/** Parses a confidence written by a writer; anything outside 0..1 is ignored. */
export function parseConfidence(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined
  const number = Number(value)
  return Number.isFinite(number) && number >= 0 && number <= 1 ? number : undefined
}

export function parseParagraph(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d+$/.test(value.trim())) return undefined
  return Number(value)
}

/** Status labels shown to people (DOCX, HTML, Markdown, CSV): lower case inside tables. */
export const STATUS_LABELS: Record<UnitStatus, string> = Object.fromEntries(
  Object.entries(ROW_STATUS_LABEL).map(([status, label]) => [status, label.toLowerCase()])
) as Record<UnitStatus, string>

/** How a tag reads in one line: `Person`, or `Person: "Ilham Aliyev"` for a span. */
export function tagLabel(tag: BilingualTag): string {
  return tag.text ? `${tag.name}: “${tag.text}”` : tag.name
}

export function commentLabel(comment: BilingualComment): string {
  const author = comment.author.trim()
  return `${author ? `${author}: ` : ''}${comment.text}${comment.resolved ? ' (resolved)' : ''}`
}

// ---------------------------------------------------------------------------------------------
// The detail record (TMX and XLIFF 1.2)

/**
 * What a TMX or XLIFF 1.2 file cannot say in its own fields, as JSON in one `prop`/`context`.
 * A reader uses each part only when it still matches what the file says in the standard fields
 * (the joined sentences equal the segment, the tag names and comment texts are the same), so
 * edits made in another tool win over stale detail.
 */
export interface UnitDetail {
  source?: string[]
  target?: string[]
  tags?: BilingualTag[]
  comments?: BilingualComment[]
}

export function unitDetail(unit: BilingualUnit): UnitDetail | undefined {
  const detail: UnitDetail = {}
  if (unit.source.length > 1) detail.source = unit.source
  if (unit.target.length > 1) detail.target = unit.target
  // Tags that are more than a name (a span, a colour, an id or link) need the detail to come back whole.
  if (unit.tags.some((tag) => Object.keys(tag).some((key) => key !== 'name' && key !== 'side') || tag.side !== 'unit')) {
    detail.tags = unit.tags
  }
  if (unit.comments.length > 0) detail.comments = unit.comments
  return Object.keys(detail).length > 0 ? detail : undefined
}

export function parseUnitDetail(text: string | undefined): UnitDetail {
  if (!text) return {}
  try {
    const value = JSON.parse(text) as unknown
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as UnitDetail) : {}
  } catch {
    return {}
  }
}

const isStringArray = (value: unknown): value is string[] => Array.isArray(value) && value.every((item) => typeof item === 'string')

/** The sentences of a side: the detail's, when they join to the segment text; else the segment. */
export function sentencesOf(segment: string, detailSentences: unknown): string[] {
  if (isStringArray(detailSentences) && detailSentences.length > 0 && sideText(detailSentences) === segment) return detailSentences
  const text = segment.trim()
  return text ? [text] : []
}

/** Tags: the detail's full tags when their names are the ones the file lists; else plain unit tags. */
export function mergeTags(names: string[], detailTags: unknown): BilingualTag[] {
  if (Array.isArray(detailTags) && detailTags.length === names.length && detailTags.every((tag, k) => isTag(tag) && tag.name === names[k])) {
    return detailTags as BilingualTag[]
  }
  return names.map((name) => ({ name, side: 'unit' as const }))
}

function isTag(value: unknown): value is BilingualTag {
  const tag = value as BilingualTag
  return Boolean(tag) && typeof tag.name === 'string' && (tag.side === 'source' || tag.side === 'target' || tag.side === 'unit')
}

/** Comments: each note's text, with author, date and resolution from the detail when its text matches. */
export function mergeComments(notes: Array<{ text: string; author?: string }>, detailComments: unknown): BilingualComment[] {
  const details = Array.isArray(detailComments) ? (detailComments as Partial<BilingualComment>[]) : []
  return notes.map((note, k) => {
    const detail = details[k]
    if (detail && detail.text === note.text) {
      return {
        author: typeof detail.author === 'string' ? detail.author : (note.author ?? ''),
        createdAt: typeof detail.createdAt === 'string' ? detail.createdAt : '',
        text: note.text,
        resolved: detail.resolved === true
      }
    }
    return { author: note.author ?? '', createdAt: '', text: note.text, resolved: false }
  })
}

/** A language code reduced to its primary subtag, lower case: `fa-IR`, `FA`, `fa_IR` → `fa`. */
export function primaryLanguage(code: string | undefined): string {
  return (code ?? '').trim().split(/[-_]/)[0].toLowerCase()
}

/** Sets the aligner fields a reader found (as text) on a unit, ignoring values that do not parse. */
export function applyUnitExtras(unit: BilingualUnit, extras: { confidence?: string; alignment?: string; paragraph?: string }): BilingualUnit {
  const confidence = parseConfidence(extras.confidence)
  const paragraph = parseParagraph(extras.paragraph)
  if (confidence !== undefined) unit.confidence = confidence
  if (isAlignmentStatus(extras.alignment)) unit.alignment = extras.alignment
  if (paragraph !== undefined) unit.paragraph = paragraph
  return unit
}

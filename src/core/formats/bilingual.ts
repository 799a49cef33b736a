/**
 * The neutral bilingual document every interchange format is written from and read into:
 * one unit per alignment bead, with its Persian and English sentences, status, tags and
 * comments. Writers never see Hamta's storage model, so formats stay independent of it.
 */
import { createDocument, type HamtaDocument, type Row } from '../model'

export const UNIT_STATUSES = ['untranslated', 'draft', 'translated', 'reviewed', 'approved', 'rejected'] as const
export type UnitStatus = (typeof UNIT_STATUSES)[number]

export const ALIGNMENT_STATUSES = ['auto', 'confirmed', 'flagged'] as const
export type AlignmentStatus = (typeof ALIGNMENT_STATUSES)[number]

export interface BilingualTag {
  /** Tag name from the palette, e.g. "Person". */
  name: string
  color?: string
  /** Where the tag sits: a span of the Persian or English text, or the whole unit. */
  side: 'source' | 'target' | 'unit'
  /** Character offsets into the side's text (sentences joined with one space), for spans. */
  start?: number
  end?: number
  /** The tagged text, for readers that cannot use offsets. */
  text?: string
}

export interface BilingualComment {
  author: string
  createdAt: string
  text: string
  resolved: boolean
}

export interface BilingualUnit {
  id: string
  source: string[]
  target: string[]
  status: UnitStatus
  /** Aligner confidence in 0..1 when the unit was aligned automatically. */
  confidence?: number
  alignment?: AlignmentStatus
  /** Index of the source paragraph the unit starts in, so text exports keep paragraphs. */
  paragraph?: number
  tags: BilingualTag[]
  comments: BilingualComment[]
}

export interface BilingualDocument {
  id?: string
  title: string
  sourceLang: string
  targetLang: string
  createdAt?: string
  units: BilingualUnit[]
}

/** Joins a side's sentences the way every format shows them in one cell or segment. */
export function sideText(sentences: readonly string[]): string {
  return sentences.join(' ')
}

function rowToUnit(row: Row): BilingualUnit {
  const target = row.target.trim()
  return {
    id: row.id,
    source: row.source.map((sentence) => sentence.text),
    target: target ? [target] : [],
    status: row.status,
    paragraph: row.paragraph,
    tags: [],
    comments: []
  }
}

export function toBilingual(doc: HamtaDocument): BilingualDocument {
  return {
    id: doc.id,
    title: doc.title,
    sourceLang: doc.sourceLang,
    targetLang: doc.targetLang,
    createdAt: doc.createdAt,
    units: doc.rows.map(rowToUnit)
  }
}

/** Statuses Hamta's rows can hold today; richer review states fold into the nearest one. */
function rowStatus(status: UnitStatus, hasTarget: boolean): Row['status'] {
  if (!hasTarget) return 'untranslated'
  if (status === 'untranslated' || status === 'draft' || status === 'rejected') return 'draft'
  return 'translated'
}

/** Builds a Hamta document from a bilingual one (an imported XLIFF or TMX, or an alignment). */
export function fromBilingual(
  bilingual: BilingualDocument,
  options: { id: string; now: string; fileName: string; encoding?: string }
): HamtaDocument {
  const originalText = [bilingual.title, ...bilingual.units.map((unit) => sideText(unit.source))].join('\n')
  const base = createDocument({
    id: options.id,
    now: options.now,
    fileName: options.fileName,
    encoding: options.encoding ?? 'UTF-8',
    originalText,
    paragraphs: []
  })
  let sentence = 0
  const rows: Row[] = bilingual.units.map((unit, index) => {
    const target = sideText(unit.target)
    return {
      id: `r${index + 1}`,
      paragraph: unit.paragraph ?? index,
      source: unit.source.map((text) => ({ id: `s${++sentence}`, text })),
      target,
      status: rowStatus(unit.status, target.trim().length > 0),
      updatedAt: options.now
    }
  })
  return { ...base, title: bilingual.title || base.title, rows }
}

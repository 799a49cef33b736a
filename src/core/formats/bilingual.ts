/**
 * The neutral bilingual document every interchange format is written from and read into:
 * one unit per alignment bead, with its Persian and English sentences, status, tags and
 * comments. Writers never see Hamta's storage model, so formats stay independent of it.
 */
import { createDocument, newRow, type HamtaDocument, type Row, type SourceSentence } from '../model'

import { ALIGNMENT_STATUSES, ROW_STATUSES, type AlignmentStatus, type RowStatus } from '../model'

/** A unit's workflow status is a row's status. */
export const UNIT_STATUSES = ROW_STATUSES
export type UnitStatus = RowStatus
export { ALIGNMENT_STATUSES, type AlignmentStatus }

export interface BilingualTag {
  /** Stable id of a span tag, so links between spans survive a round trip. */
  id?: string
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
  /** Id of the span on the other side tagged together with this one. */
  link?: string
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

/** Where each sentence starts when a side's sentences are joined with one space. */
function sentenceOffsets(sentences: readonly { text: string }[]): number[] {
  const offsets: number[] = []
  let position = 0
  for (const sentence of sentences) {
    offsets.push(position)
    position += sentence.text.length + 1
  }
  return offsets
}

function rowToUnit(row: Row, tagName: (id: string) => string): BilingualUnit {
  const target = row.target.trim()
  const offsets = sentenceOffsets(row.source)
  const sourceText = sideText(row.source.map((sentence) => sentence.text))
  const tags: BilingualTag[] = [
    ...row.tags.map((id) => ({ name: tagName(id), side: 'unit' as const })),
    ...row.source.flatMap((sentence, index) =>
      sentence.spans.map((span) => ({
        id: span.id,
        name: tagName(span.tag),
        side: 'source' as const,
        start: offsets[index] + span.start,
        end: offsets[index] + span.end,
        text: sourceText.slice(offsets[index] + span.start, offsets[index] + span.end),
        ...(span.link ? { link: span.link } : {})
      }))
    ),
    ...row.targetSpans.map((span) => ({
      id: span.id,
      name: tagName(span.tag),
      side: 'target' as const,
      start: span.start,
      end: span.end,
      text: row.target.slice(span.start, span.end),
      ...(span.link ? { link: span.link } : {})
    }))
  ]
  return {
    id: row.id,
    source: row.source.map((sentence) => sentence.text),
    target: target ? [target] : [],
    status: row.status,
    ...(row.alignment?.confidence !== undefined ? { confidence: row.alignment.confidence } : {}),
    ...(row.alignment ? { alignment: row.alignment.status } : {}),
    paragraph: row.paragraph,
    tags,
    comments: row.comments.map(({ author, createdAt, text, resolved }) => ({ author, createdAt, text, resolved }))
  }
}

/** `tagName` turns the tag ids stored in documents into the names other tools should see. */
export function toBilingual(doc: HamtaDocument, tagName: (id: string) => string = (id) => id): BilingualDocument {
  return {
    id: doc.id,
    title: doc.title,
    sourceLang: doc.sourceLang,
    targetLang: doc.targetLang,
    createdAt: doc.createdAt,
    units: doc.rows.map((row) => rowToUnit(row, tagName))
  }
}

function unitToRow(unit: BilingualUnit, index: number, now: string, nextSentenceId: () => string, tagId: (name: string) => string): Row {
  const target = sideText(unit.target)
  const sentences: SourceSentence[] = unit.source.map((text) => ({ id: nextSentenceId(), text, spans: [] }))
  const offsets = sentenceOffsets(sentences)
  const row: Row = {
    ...newRow(unit.id && /^[A-Za-z0-9_-]+$/.test(unit.id) ? unit.id : `r${index + 1}`, unit.paragraph ?? index, sentences, target, now),
    status: target.trim() ? unit.status : 'untranslated',
    comments: unit.comments.map((comment, n) => ({ id: `c${index + 1}-${n + 1}`, ...comment }))
  }
  if (unit.alignment || unit.confidence !== undefined) {
    row.alignment = { status: unit.alignment ?? 'auto', ...(unit.confidence !== undefined ? { confidence: unit.confidence } : {}) }
  }
  unit.tags.forEach((tag, n) => {
    const id = tag.id ?? `t${index + 1}-${n + 1}`
    const link = tag.link ? { link: tag.link } : {}
    const tagRef = tagId(tag.name)
    if (tag.side === 'unit' || tag.start === undefined || tag.end === undefined) {
      if (!row.tags.includes(tagRef)) row.tags.push(tagRef)
    } else if (tag.side === 'target') {
      row.targetSpans.push({ id, tag: tagRef, start: tag.start, end: tag.end, ...link })
    } else {
      // A source span belongs to the sentence it starts in.
      let sentence = offsets.length - 1
      while (sentence > 0 && offsets[sentence] > tag.start) sentence--
      const base = offsets[sentence] ?? 0
      sentences[sentence]?.spans.push({ id, tag: tagRef, start: tag.start - base, end: tag.end - base, ...link })
    }
  })
  return row
}

/** Builds a Hamta document from a bilingual one (an imported XLIFF or TMX, or an alignment). */
export function fromBilingual(
  bilingual: BilingualDocument,
  options: { id: string; now: string; fileName: string; encoding?: string; tagId?: (name: string) => string }
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
  const seen = new Set<string>()
  const rows = bilingual.units.map((unit, index) => {
    const row = unitToRow(unit, index, options.now, () => `s${++sentence}`, options.tagId ?? ((name) => name))
    // Row ids must be unique even when the file repeats or lacks unit ids.
    if (seen.has(row.id)) row.id = `r${index + 1}-${seen.size}`
    seen.add(row.id)
    return row
  })
  return { ...base, title: bilingual.title || base.title, rows }
}

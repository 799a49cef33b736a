/**
 * Alignment over Hamta documents: a document's rows are the beads of an alignment between its
 * Persian sentences and the sentences of its English text. These functions turn a document into
 * an `AlignedText`, run the aligner or a bead edit on it, and bring the result back into rows,
 * carrying translations, tags and comments with their sentences so nothing is dropped.
 */
import { reshapingRefusal } from './original-rows'
import { UserError } from '../errors'
import { newRow, type HamtaDocument, type Row, type RowStatus, type SourceSentence, type SpanTag } from '../model'
import { segmentEnglish, segmentEnglishParagraphs } from '../text/english-segmenter'
import { alignSentences, paragraphStartsOf, type AlignOptions } from './aligner'
import {
  AlignmentEditError,
  detachSentence,
  mergeBeads,
  moveSentence,
  setBeadStatus,
  splitBead,
  type AlignedText,
  type Bead,
  type BeadStatus,
  type Side
} from './model'

/** A document seen as an alignment, with what is needed to rebuild its rows. */
export interface DocumentAlignment {
  aligned: AlignedText
  /** Persian sentence objects by source index (they carry ids and span tags). */
  sourceSentences: SourceSentence[]
  /** English span tags by target sentence index, with offsets relative to that sentence. */
  targetSpans: SpanTag[][]
  /** The row each source and target sentence came from. */
  sourceRow: string[]
  targetRow: string[]
  /** The beads as the document had them, to tell which rows an edit left alone. */
  originalBeads: Bead[]
}

/** Splits a row's English into sentences and finds where each starts in the text. */
function englishSentencesWithOffsets(text: string): Array<{ text: string; start: number }> {
  const sentences: Array<{ text: string; start: number }> = []
  let from = 0
  for (const sentence of segmentEnglish(text)) {
    const start = text.indexOf(sentence, from)
    const at = start < 0 ? from : start
    sentences.push({ text: sentence, start: at })
    from = at + sentence.length
  }
  return sentences
}

export function documentToAlignment(doc: HamtaDocument): DocumentAlignment {
  const source: string[] = []
  const target: string[] = []
  const sourceSentences: SourceSentence[] = []
  const targetSpans: SpanTag[][] = []
  const sourceRow: string[] = []
  const targetRow: string[] = []
  const beads: Bead[] = doc.rows.map((row) => {
    const src = row.source.map((sentence) => {
      sourceSentences.push(sentence)
      sourceRow.push(row.id)
      return source.push(sentence.text) - 1
    })
    const englishSentences = englishSentencesWithOffsets(row.target)
    const tgt = englishSentences.map((sentence, index) => {
      const end = index + 1 < englishSentences.length ? englishSentences[index + 1].start : row.target.length
      targetSpans.push(
        row.targetSpans
          .filter((span) => span.start >= sentence.start && span.start < Math.max(end, sentence.start + 1))
          .map((span) => ({ ...span, start: span.start - sentence.start, end: Math.min(span.end, end) - sentence.start }))
      )
      targetRow.push(row.id)
      return target.push(sentence.text) - 1
    })
    return {
      id: row.id,
      src,
      tgt,
      status: row.alignment?.status ?? 'confirmed',
      ...(row.alignment?.confidence !== undefined ? { confidence: row.alignment.confidence } : {})
    }
  })
  return { aligned: { source, target, beads }, sourceSentences, targetSpans, sourceRow, targetRow, originalBeads: beads }
}

/**
 * What goes between English sentences joined in one row: a space where the text still splits
 * into as many sentences, else a line break, else a blank line. A heading without a final stop
 * joined to the next sentence by a space would read as one sentence, and splitting the row again
 * could not give it back: the boundary has to survive in the text.
 */
function separatorAfter(text: string, count: number, next: string): string {
  for (const separator of [' ', '\n']) if (segmentEnglish(`${text}${separator}${next}`).length === count + 1) return separator
  return '\n\n'
}

function joinTarget(indices: number[], alignment: DocumentAlignment): { text: string; spans: SpanTag[] } {
  let text = ''
  const spans: SpanTag[] = []
  indices.forEach((index, count) => {
    if (count > 0) text += separatorAfter(text, count, alignment.aligned.target[index])
    const offset = text.length
    text += alignment.aligned.target[index]
    for (const span of alignment.targetSpans[index] ?? []) spans.push({ ...span, start: span.start + offset, end: span.end + offset })
  })
  return { text, spans }
}

/** The workflow status a re-paired row keeps: finished work stays finished while it has English. */
function statusFor(previous: Row | undefined, target: string, fallback: RowStatus): RowStatus {
  if (!target.trim()) return 'untranslated'
  if (previous && (previous.target === target || previous.status !== 'untranslated')) return previous.status
  return fallback
}

/**
 * Rebuilds the rows from an alignment of the same sentences. Rows keep their ids, statuses, tags
 * and comments where their bead survives; the tags and comments of a row whose bead vanished
 * (merged away) go to the row that now holds its first sentence, and a new row (split off)
 * takes the row tags of the row its first sentence came from.
 */
export function alignmentToDocument(
  doc: HamtaDocument,
  alignment: DocumentAlignment,
  aligned: AlignedText,
  now: string,
  options: { newRowStatus?: RowStatus } = {}
): HamtaDocument {
  if (aligned.source.length !== alignment.sourceSentences.length) {
    throw new Error('Sentences were added or removed outside the alignment; rows cannot be rebuilt.')
  }
  const oldRows = new Map(doc.rows.map((row) => [row.id, row]))
  const oldBeads = new Map(alignment.originalBeads.map((bead) => [bead.id, bead]))
  const paragraphOfRow = new Map(doc.rows.map((row) => [row.id, row.paragraph]))
  let lastParagraph = 0
  const rows: Row[] = aligned.beads.map((bead) => {
    const previous = oldRows.get(bead.id)
    // A row the edit did not touch comes back exactly as it was (its English spacing included).
    if (previous && sameBead(oldBeads.get(bead.id), bead)) {
      lastParagraph = previous.paragraph
      return previous
    }
    const { text: target, spans } = joinTarget(bead.tgt, alignment)
    const firstSourceRow = bead.src.length > 0 ? alignment.sourceRow[bead.src[0]] : undefined
    const paragraph = previous?.paragraph ?? (firstSourceRow !== undefined ? paragraphOfRow.get(firstSourceRow) : undefined) ?? lastParagraph
    lastParagraph = paragraph
    const origin = previous ?? oldRows.get(firstSourceRow ?? alignment.targetRow[bead.tgt[0]] ?? '')
    // A row split off keeps the row tags of the row its sentences came from ("needs review" is
    // true of both halves); the comment thread stays with the row it was written on.
    const base = previous ? { ...previous } : { ...newRow(bead.id, paragraph, [], '', now), tags: [...(origin?.tags ?? [])] }
    const row: Row = {
      ...base,
      paragraph,
      source: bead.src.map((index) => alignment.sourceSentences[index]),
      target,
      targetSpans: spans,
      status: statusFor(previous, target, origin && origin.status !== 'untranslated' ? origin.status : (options.newRowStatus ?? 'draft')),
      alignment: { status: bead.status, ...(bead.confidence !== undefined ? { confidence: bead.confidence } : {}) },
      updatedAt: previous && previous.target === target && sameSentences(previous, bead, alignment) ? previous.updatedAt : now
    }
    return row
  })

  // Carry the row-level data of vanished rows to where their sentences went.
  const survivors = new Map(rows.map((row) => [row.id, row]))
  const rowOfSource = new Map<number, Row>()
  const rowOfTarget = new Map<number, Row>()
  aligned.beads.forEach((bead, index) => {
    bead.src.forEach((k) => rowOfSource.set(k, rows[index]))
    bead.tgt.forEach((k) => rowOfTarget.set(k, rows[index]))
  })
  for (const old of doc.rows) {
    if (survivors.has(old.id) || (old.tags.length === 0 && old.comments.length === 0)) continue
    const firstSource = alignment.sourceRow.indexOf(old.id)
    const firstTarget = alignment.targetRow.indexOf(old.id)
    const heir =
      (firstSource >= 0 ? rowOfSource.get(firstSource) : undefined) ?? (firstTarget >= 0 ? rowOfTarget.get(firstTarget) : undefined) ?? rows[0]
    if (!heir) continue
    heir.tags = [...new Set([...heir.tags, ...old.tags])]
    heir.comments = [...heir.comments, ...old.comments]
  }
  return { ...doc, rows, updatedAt: now }
}

function sameBead(before: Bead | undefined, after: Bead): boolean {
  return (
    before !== undefined &&
    before.status === after.status &&
    before.confidence === after.confidence &&
    before.src.length === after.src.length &&
    before.tgt.length === after.tgt.length &&
    before.src.every((k, i) => after.src[i] === k) &&
    before.tgt.every((k, i) => after.tgt[i] === k)
  )
}

function sameSentences(previous: Row, bead: Bead, alignment: DocumentAlignment): boolean {
  return previous.source.length === bead.src.length && previous.source.every((sentence, i) => alignment.sourceSentences[bead.src[i]] === sentence)
}

/** Where paragraphs begin among the document's Persian sentences and the translation's English ones. */
function paragraphStarts(doc: HamtaDocument, english: ReadonlyArray<{ sentences: readonly string[] }>): { source: number[]; target: number[] } {
  return {
    source: paragraphStartsOf(doc.rows.flatMap((row) => row.source.map(() => row.paragraph))),
    target: paragraphStartsOf(english.flatMap((paragraph, index) => paragraph.sentences.map(() => index)))
  }
}

/**
 * Aligns an English translation with the document's Persian sentences, replacing the English it
 * had. Every row becomes an automatic bead with the aligner's confidence.
 */
export function alignTranslation(
  doc: HamtaDocument,
  englishText: string,
  now: string,
  options: AlignOptions & { englishSentences?: string[] } = {}
): HamtaDocument {
  const kept = doc.rows.find((row) => row.unitId !== undefined)
  if (kept) {
    throw new UserError(
      `“${doc.title}” keeps the rows of its original ${originalKind(doc)}, which is saved back row by row; aligning a translation would regroup its rows. Translate it row by row, or pre-translate it from the memory.`,
      'original-structure'
    )
  }
  const englishParagraphs = options.englishSentences ? [{ sentences: options.englishSentences }] : segmentEnglishParagraphs(englishText)
  const english = englishParagraphs.flatMap((paragraph) => paragraph.sentences)
  if (english.length === 0) throw new UserError('The English translation has no sentences.', 'empty')
  const current = documentToAlignment(doc)
  const result = alignSentences(current.aligned.source, english, { ...options, paragraphs: paragraphStarts(doc, englishParagraphs) })
  const rowStarts = new Set(current.aligned.beads.map((old) => old.src[0]))
  const aligned: AlignedText = {
    source: current.aligned.source,
    target: english,
    beads: result.beads.map((bead, index) => ({
      // Keep the row ids of rows whose first sentence starts a bead, so links into the document hold.
      id: bead.src.length > 0 && rowStarts.has(bead.src[0]) ? current.sourceRow[bead.src[0]] : `a${index + 1}`,
      src: bead.src,
      tgt: bead.tgt,
      status: 'auto' as BeadStatus,
      confidence: Math.round(bead.confidence * 1000) / 1000
    }))
  }
  // Ids must stay unique: a row id can start only one bead.
  const seen = new Set<string>()
  for (const bead of aligned.beads) {
    if (seen.has(bead.id)) bead.id = `a${seen.size + 1}-${bead.src[0] ?? bead.tgt[0]}`
    seen.add(bead.id)
  }
  const fresh: DocumentAlignment = { ...current, aligned, targetSpans: english.map(() => []), targetRow: english.map(() => ''), originalBeads: [] }
  const cleared: HamtaDocument = {
    ...doc,
    rows: doc.rows.map((row) => ({ ...row, target: '', targetSpans: [], status: 'untranslated' as RowStatus }))
  }
  return alignmentToDocument(cleared, fresh, aligned, now, { newRowStatus: 'translated' })
}

export type AlignmentEdit =
  | { kind: 'mergeWithNext'; rowId: string }
  | { kind: 'splitRow'; rowId: string; sourceCount: number; targetCount: number }
  | { kind: 'moveSentence'; rowId: string; side: Side; direction: 'previous' | 'next' }
  | { kind: 'detachSentence'; rowId: string; side: Side; which: 'first' | 'last' }
  | { kind: 'setAlignmentStatus'; rowId: string; status: BeadStatus }

/** Rows an edit reshapes wait for the reviewer: only `setAlignmentStatus` confirms a pairing. */
const RESHAPED: { status: BeadStatus } = { status: 'auto' }

/**
 * Applies one reviewer's edit to the document's alignment. `moveSentence` moves the first
 * sentence of the side to the previous row, or the last one to the next row. The rows an edit
 * reshapes become unconfirmed (without the aligner's confidence, which no longer applies).
 */
export function editAlignment(doc: HamtaDocument, edit: AlignmentEdit, now: string): HamtaDocument {
  const alignment = documentToAlignment(doc)
  const { aligned } = alignment
  const index = aligned.beads.findIndex((bead) => bead.id === edit.rowId)
  if (index < 0) throw new UserError(`Row ${edit.rowId} does not exist in this document.`, 'not-found')
  const bead = aligned.beads[index]
  if (edit.kind !== 'setAlignmentStatus') refuseReshapingOriginal(doc, index, edit)
  const sideOf = (side: Side): number[] => (side === 'source' ? bead.src : bead.tgt)
  let next: AlignedText
  try {
    switch (edit.kind) {
      case 'mergeWithNext':
        next = mergeBeads(aligned, index, RESHAPED)
        break
      case 'splitRow':
        next = splitBead(aligned, index, edit.sourceCount, edit.targetCount, RESHAPED)
        break
      case 'moveSentence': {
        const own = sideOf(edit.side)
        if (own.length === 0)
          throw new AlignmentEditError(`Row ${index + 1} has no ${edit.side === 'source' ? 'Persian' : 'English'} sentence to move.`)
        next = moveSentence(aligned, edit.side, edit.direction === 'previous' ? own[0] : own[own.length - 1], edit.direction, RESHAPED)
        break
      }
      case 'detachSentence': {
        const own = sideOf(edit.side)
        if (own.length === 0) throw new AlignmentEditError(`Row ${index + 1} has no ${edit.side === 'source' ? 'Persian' : 'English'} sentence.`)
        next = detachSentence(aligned, edit.side, edit.which === 'first' ? own[0] : own[own.length - 1], RESHAPED)
        break
      }
      case 'setAlignmentStatus':
        next = setBeadStatus(aligned, index, edit.status)
        break
    }
  } catch (error) {
    if (error instanceof AlignmentEditError) throw new UserError(error.message, 'invalid-edit')
    throw error
  }
  return alignmentToDocument(doc, alignment, next, now)
}

/** What a document's kept original is, for messages. */
function originalKind(doc: HamtaDocument): string {
  return doc.origin.original?.format === 'docx' ? 'Word document' : 'XLIFF file'
}

/** Refuses an edit that would break the kept original saved back (see original-rows.ts). */
function refuseReshapingOriginal(doc: HamtaDocument, index: number, edit: Exclude<AlignmentEdit, { kind: 'setAlignmentStatus' }>): void {
  const refusal = reshapingRefusal(doc, index, edit)
  if (refusal) throw new UserError(refusal, 'original-structure')
}

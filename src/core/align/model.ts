/**
 * The alignment model: source (Persian) and target (English) sentences grouped into beads.
 *
 * An `AlignedText` holds both sentence arrays and the beads together, because editing sentences
 * (split, merge) renumbers the indices the beads hold; keeping them in one value lets every edit
 * change both consistently. All edits are pure: they return a new `AlignedText` and never modify
 * their input. None drops a sentence: a bead emptied by an edit is removed, but its sentences
 * have moved elsewhere first.
 *
 * Invariant (`validateAlignment`): reading the beads in order and concatenating their `src`
 * lists gives 0, 1, …, source.length − 1 exactly, and likewise for `tgt`; no bead is empty.
 * This implies each bead covers a contiguous run of sentences on each side.
 *
 * Beads an edit creates or reshapes get the status given in the options (by default
 * `confirmed`: the reviewer decided them) and lose their automatic confidence.
 */

export const BEAD_STATUSES = ['auto', 'confirmed', 'flagged'] as const
export type BeadStatus = (typeof BEAD_STATUSES)[number]

export interface Bead {
  id: string
  /** Source sentence indices, ascending and contiguous. */
  src: number[]
  /** Target sentence indices, ascending and contiguous. */
  tgt: number[]
  status: BeadStatus
  /** How sure the aligner was, 0..1; only on beads it made and nobody has edited since. */
  confidence?: number
}

export interface AlignedText {
  source: string[]
  target: string[]
  beads: Bead[]
}

export type Side = 'source' | 'target'

export interface EditOptions {
  /** Status of the beads the edit creates or changes. Default: `confirmed`. */
  status?: BeadStatus
}

/** An edit that does not make sense for the alignment it was given (bad index, nothing to move). */
export class AlignmentEditError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'AlignmentEditError'
  }
}

// ---------------------------------------------------------------------------------------------
// Construction and validation

/** A bead id not used yet in the alignment: `b` followed by one more than the highest number. */
export function freshBeadId(beads: readonly Bead[], taken: ReadonlySet<string> = new Set()): string {
  let highest = -1
  for (const bead of beads) {
    const match = /^b(\d+)$/.exec(bead.id)
    if (match) highest = Math.max(highest, Number(match[1]))
  }
  for (const id of taken) {
    const match = /^b(\d+)$/.exec(id)
    if (match) highest = Math.max(highest, Number(match[1]))
  }
  return `b${highest + 1}`
}

/** Builds an aligned text from automatic beads (e.g. the aligner's output). */
export function createAlignedText(
  source: string[],
  target: string[],
  beads: ReadonlyArray<{ src: readonly number[]; tgt: readonly number[]; confidence?: number }>
): AlignedText {
  return {
    source: [...source],
    target: [...target],
    beads: beads.map((bead, index) => ({
      id: `b${index}`,
      src: [...bead.src],
      tgt: [...bead.tgt],
      status: 'auto' as const,
      ...(bead.confidence === undefined ? {} : { confidence: bead.confidence })
    }))
  }
}

/** Every problem with the alignment, as readable sentences; empty when it is valid. */
export function alignmentProblems(text: AlignedText): string[] {
  const problems: string[] = []
  const ids = new Set<string>()
  let nextSource = 0
  let nextTarget = 0
  text.beads.forEach((bead, index) => {
    if (ids.has(bead.id)) problems.push(`bead ${index} repeats the id ${bead.id}`)
    ids.add(bead.id)
    if (bead.src.length === 0 && bead.tgt.length === 0) problems.push(`bead ${index} has no sentences`)
    if (!BEAD_STATUSES.includes(bead.status)) problems.push(`bead ${index} has an unknown status ${String(bead.status)}`)
    if (bead.confidence !== undefined && !(bead.confidence >= 0 && bead.confidence <= 1)) {
      problems.push(`bead ${index} has a confidence outside 0..1`)
    }
    for (const s of bead.src) {
      if (s !== nextSource) problems.push(`bead ${index} has source sentence ${s} where ${nextSource} was expected`)
      nextSource = s + 1
    }
    for (const t of bead.tgt) {
      if (t !== nextTarget) problems.push(`bead ${index} has target sentence ${t} where ${nextTarget} was expected`)
      nextTarget = t + 1
    }
  })
  if (nextSource !== text.source.length) problems.push(`the beads cover ${nextSource} of ${text.source.length} source sentences`)
  if (nextTarget !== text.target.length) problems.push(`the beads cover ${nextTarget} of ${text.target.length} target sentences`)
  return problems
}

export interface ValidationResult {
  valid: boolean
  problems: string[]
}

/** Checks the invariant: every sentence of both sides in exactly one bead, in order. */
export function validateAlignment(text: AlignedText): ValidationResult {
  const problems = alignmentProblems(text)
  return { valid: problems.length === 0, problems }
}

// ---------------------------------------------------------------------------------------------
// Helpers

function indicesOf(bead: Bead, side: Side): number[] {
  return side === 'source' ? bead.src : bead.tgt
}

function checkBeadIndex(text: AlignedText, index: number): void {
  if (!Number.isInteger(index) || index < 0 || index >= text.beads.length) {
    throw new AlignmentEditError(`There is no bead ${index}.`)
  }
}

function sentencesOf(text: AlignedText, side: Side): string[] {
  return side === 'source' ? text.source : text.target
}

function checkSentenceIndex(text: AlignedText, side: Side, index: number): void {
  if (!Number.isInteger(index) || index < 0 || index >= sentencesOf(text, side).length) {
    throw new AlignmentEditError(`There is no ${side} sentence ${index}.`)
  }
}

/** Index of the bead holding a sentence. */
export function beadIndexOf(text: AlignedText, side: Side, sentence: number): number {
  checkSentenceIndex(text, side, sentence)
  // Beads are in sentence order on each side: binary search on the beads' first index would be
  // faster, but beads with no sentence on this side make a linear scan simpler and safe.
  return text.beads.findIndex((bead) => indicesOf(bead, side).includes(sentence))
}

function edited(bead: Omit<Bead, 'status' | 'confidence'>, options: EditOptions): Bead {
  return { id: bead.id, src: bead.src, tgt: bead.tgt, status: options.status ?? 'confirmed' }
}

function withBeads(text: AlignedText, beads: Bead[]): AlignedText {
  return { source: text.source, target: text.target, beads }
}

// ---------------------------------------------------------------------------------------------
// Bead edits

/** Sets the status of one bead (confirming keeps the confidence for the record). */
export function setBeadStatus(text: AlignedText, beadIndex: number, status: BeadStatus): AlignedText {
  checkBeadIndex(text, beadIndex)
  if (!BEAD_STATUSES.includes(status)) throw new AlignmentEditError(`Unknown status ${String(status)}.`)
  return withBeads(
    text,
    text.beads.map((bead, index) => (index === beadIndex ? { ...bead, status } : bead))
  )
}

/** Merges bead `beadIndex` with the bead after it. */
export function mergeBeads(text: AlignedText, beadIndex: number, options: EditOptions = {}): AlignedText {
  checkBeadIndex(text, beadIndex)
  if (beadIndex + 1 >= text.beads.length) throw new AlignmentEditError('The last bead has no next bead to merge with.')
  const first = text.beads[beadIndex]
  const second = text.beads[beadIndex + 1]
  const merged = edited({ id: first.id, src: [...first.src, ...second.src], tgt: [...first.tgt, ...second.tgt] }, options)
  return withBeads(text, [...text.beads.slice(0, beadIndex), merged, ...text.beads.slice(beadIndex + 2)])
}

/**
 * Splits a bead in two: the first keeps its first `sourceCount` source and `targetCount` target
 * sentences, the second gets the rest. Both parts must keep at least one sentence.
 */
export function splitBead(text: AlignedText, beadIndex: number, sourceCount: number, targetCount: number, options: EditOptions = {}): AlignedText {
  checkBeadIndex(text, beadIndex)
  const bead = text.beads[beadIndex]
  if (!Number.isInteger(sourceCount) || sourceCount < 0 || sourceCount > bead.src.length) {
    throw new AlignmentEditError(`Bead ${beadIndex} has ${bead.src.length} source sentences; cannot keep ${sourceCount}.`)
  }
  if (!Number.isInteger(targetCount) || targetCount < 0 || targetCount > bead.tgt.length) {
    throw new AlignmentEditError(`Bead ${beadIndex} has ${bead.tgt.length} target sentences; cannot keep ${targetCount}.`)
  }
  if (sourceCount + targetCount === 0 || sourceCount + targetCount === bead.src.length + bead.tgt.length) {
    throw new AlignmentEditError('Both parts of a split bead must keep at least one sentence.')
  }
  const first = edited({ id: bead.id, src: bead.src.slice(0, sourceCount), tgt: bead.tgt.slice(0, targetCount) }, options)
  const second = edited({ id: freshBeadId(text.beads), src: bead.src.slice(sourceCount), tgt: bead.tgt.slice(targetCount) }, options)
  return withBeads(text, [...text.beads.slice(0, beadIndex), first, second, ...text.beads.slice(beadIndex + 1)])
}

/**
 * Moves a sentence into the previous or next bead. Only the first sentence of its side in a bead
 * can move to the previous bead, and only the last to the next one; anything else would break
 * the order. A bead left with no sentences disappears.
 */
export function moveSentence(
  text: AlignedText,
  side: Side,
  sentence: number,
  direction: 'previous' | 'next',
  options: EditOptions = {}
): AlignedText {
  const from = beadIndexOf(text, side, sentence)
  const to = direction === 'previous' ? from - 1 : from + 1
  if (to < 0 || to >= text.beads.length) {
    throw new AlignmentEditError(`There is no ${direction} bead to move ${side} sentence ${sentence} to.`)
  }
  const own = indicesOf(text.beads[from], side)
  if (direction === 'previous' ? own[0] !== sentence : own[own.length - 1] !== sentence) {
    throw new AlignmentEditError(
      direction === 'previous'
        ? `Only the first ${side} sentence of a bead can move to the previous bead.`
        : `Only the last ${side} sentence of a bead can move to the next bead.`
    )
  }
  const beads = text.beads.map((bead, index) => {
    if (index === from) {
      const rest = indicesOf(bead, side).filter((k) => k !== sentence)
      return edited({ id: bead.id, src: side === 'source' ? rest : bead.src, tgt: side === 'target' ? rest : bead.tgt }, options)
    }
    if (index === to) {
      const own = indicesOf(bead, side)
      const grown = direction === 'previous' ? [...own, sentence] : [sentence, ...own]
      return edited({ id: bead.id, src: side === 'source' ? grown : bead.src, tgt: side === 'target' ? grown : bead.tgt }, options)
    }
    return bead
  })
  return withBeads(
    text,
    beads.filter((bead) => bead.src.length + bead.tgt.length > 0)
  )
}

/**
 * Puts a sentence in a bead of its own (1:0 for source, 0:1 for target), before its bead when it
 * is the first of its side there, after it when it is the last. A sentence in the middle of a
 * bead cannot be detached without reordering: split the bead first.
 */
export function detachSentence(text: AlignedText, side: Side, sentence: number, options: EditOptions = {}): AlignedText {
  const index = beadIndexOf(text, side, sentence)
  const bead = text.beads[index]
  const own = indicesOf(bead, side)
  const otherCount = side === 'source' ? bead.tgt.length : bead.src.length
  if (own.length === 1 && otherCount === 0) return text
  const isFirst = own[0] === sentence
  const isLast = own[own.length - 1] === sentence
  if (!isFirst && !isLast) {
    throw new AlignmentEditError(`Source or target sentences in the middle of a bead cannot be detached; split the bead first.`)
  }
  const rest = own.filter((k) => k !== sentence)
  const remaining = edited({ id: bead.id, src: side === 'source' ? rest : bead.src, tgt: side === 'target' ? rest : bead.tgt }, options)
  const alone = edited({ id: freshBeadId(text.beads), src: side === 'source' ? [sentence] : [], tgt: side === 'target' ? [sentence] : [] }, options)
  // A 1:1 bead's only source sentence is both first and last: the detached one goes after the
  // remainder, so the partner keeps its place.
  const pieces = isLast ? [remaining, alone] : [alone, remaining]
  return withBeads(text, [...text.beads.slice(0, index), ...pieces.filter((b) => b.src.length + b.tgt.length > 0), ...text.beads.slice(index + 1)])
}

// ---------------------------------------------------------------------------------------------
// Sentence edits (renumber the side they change)

function renumber(beads: Bead[], side: Side, shift: (k: number) => number): Bead[] {
  return beads.map((bead) => (side === 'source' ? { ...bead, src: bead.src.map(shift) } : { ...bead, tgt: bead.tgt.map(shift) }))
}

function withSentences(text: AlignedText, side: Side, sentences: string[], beads: Bead[]): AlignedText {
  return side === 'source' ? { source: sentences, target: text.target, beads } : { source: text.source, target: sentences, beads }
}

/**
 * Splits a sentence at a character offset into two sentences, which stay in the same bead.
 * White space at the cut is trimmed; both halves must keep some text. Later sentences of that
 * side move up by one index.
 */
export function splitSentence(text: AlignedText, side: Side, sentence: number, offset: number, options: EditOptions = {}): AlignedText {
  checkSentenceIndex(text, side, sentence)
  const sentences = sentencesOf(text, side)
  const whole = sentences[sentence]
  const left = whole.slice(0, offset).trimEnd()
  const right = whole.slice(offset).trimStart()
  if (!Number.isInteger(offset) || left.length === 0 || right.length === 0) {
    throw new AlignmentEditError(`Cannot split ${side} sentence ${sentence} at ${offset}: both parts need text.`)
  }
  const index = beadIndexOf(text, side, sentence)
  const shifted = renumber(text.beads, side, (k) => (k > sentence ? k + 1 : k))
  shifted[index] = edited(
    (() => {
      const bead = shifted[index]
      const own = indicesOf(bead, side)
      const at = own.indexOf(sentence)
      const grown = [...own.slice(0, at + 1), sentence + 1, ...own.slice(at + 1)]
      return { id: bead.id, src: side === 'source' ? grown : bead.src, tgt: side === 'target' ? grown : bead.tgt }
    })(),
    options
  )
  const nextSentences = [...sentences.slice(0, sentence), left, right, ...sentences.slice(sentence + 1)]
  return withSentences(text, side, nextSentences, shifted)
}

/**
 * Merges a sentence with the next one on the same side, joined by `separator` (one space by
 * default). If they were in different beads, those beads and any between them become one bead:
 * the translations of both halves now belong to one sentence. Later sentences move down by one.
 */
export function mergeSentences(text: AlignedText, side: Side, sentence: number, options: EditOptions & { separator?: string } = {}): AlignedText {
  checkSentenceIndex(text, side, sentence)
  const sentences = sentencesOf(text, side)
  if (sentence + 1 >= sentences.length) throw new AlignmentEditError(`The last ${side} sentence has no next sentence to merge with.`)
  const first = beadIndexOf(text, side, sentence)
  const last = beadIndexOf(text, side, sentence + 1)
  const group = text.beads.slice(first, last + 1)
  const mergedBead: Bead = edited({ id: group[0].id, src: group.flatMap((bead) => bead.src), tgt: group.flatMap((bead) => bead.tgt) }, options)
  const beads = renumber([...text.beads.slice(0, first), mergedBead, ...text.beads.slice(last + 1)], side, (k) => (k > sentence ? k - 1 : k)).map(
    (bead, index) => {
      if (index !== first) return bead
      // Sentence+1 became sentence: drop the duplicate index.
      const own = indicesOf(bead, side).filter((k, at, all) => at === 0 || all[at - 1] !== k)
      return side === 'source' ? { ...bead, src: own } : { ...bead, tgt: own }
    }
  )
  const separator = options.separator ?? ' '
  const joined = `${sentences[sentence].trimEnd()}${separator}${sentences[sentence + 1].trimStart()}`
  const nextSentences = [...sentences.slice(0, sentence), joined, ...sentences.slice(sentence + 2)]
  return withSentences(text, side, nextSentences, beads)
}

/** Source and target texts of a bead, in order. */
export function beadTexts(text: AlignedText, beadIndex: number): { source: string[]; target: string[] } {
  checkBeadIndex(text, beadIndex)
  const bead = text.beads[beadIndex]
  return { source: bead.src.map((k) => text.source[k]), target: bead.tgt.map((k) => text.target[k]) }
}

// The real parallel-text development set (read from /work/shared/align-real-dev, never copied
// into the project: its licence does not fit). Shared by the benchmark and the hunalign script.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { segmentEnglishParagraphs } from '../src/core/text/english-segmenter'
import { segmentParagraphs } from '../src/core/text/segment'

export const REAL_ALIGN_FOLDER =
  process.env.HAMTA_ALIGN_REAL ??
  [join(process.cwd(), '..', 'shared', 'align-real-dev/'), '/work/shared/align-real-dev/'].find((folder) => existsSync(folder)) ??
  '../shared/align-real-dev/'
export const VARIANTS = ['clean', 'merge', 'delete', 'both'] as const
export const SIZES = [1000, 10000, 20000] as const

export interface RealBead {
  src: number[]
  tgt: number[]
}

export interface RealDocument {
  name: string
  source: string[]
  target: string[]
  gold: RealBead[]
}

export function realSetPresent(): boolean {
  return existsSync(`${REAL_ALIGN_FOLDER}docs/clean/doc00.gold.json`) && existsSync(`${REAL_ALIGN_FOLDER}scale-homog/10000.gold.json`)
}

function lines(path: string): string[] {
  // One unit per line; an empty line is still a unit, so nothing is filtered out.
  const text = readFileSync(path, 'utf8').replace(/\r/g, '')
  const out = text.split('\n')
  if (out[out.length - 1] === '') out.pop()
  return out
}

function load(name: string, stem: string): RealDocument {
  return {
    name,
    source: lines(`${stem}.fa`),
    target: lines(`${stem}.en`),
    gold: (JSON.parse(readFileSync(`${stem}.gold.json`, 'utf8')) as { beads: RealBead[] }).beads
  }
}

/** The ten documents of one variant. */
export function variantDocuments(variant: (typeof VARIANTS)[number]): RealDocument[] {
  const out: RealDocument[] = []
  for (let k = 0; existsSync(`${REAL_ALIGN_FOLDER}docs/${variant}/doc${String(k).padStart(2, '0')}.gold.json`); k++) {
    const stem = `${REAL_ALIGN_FOLDER}docs/${variant}/doc${String(k).padStart(2, '0')}`
    out.push(load(`${variant}/doc${String(k).padStart(2, '0')}`, stem))
  }
  return out
}

/**
 * A book-scale document of variant "both": 1,000 and 10,000 units as given, 20,000 as the
 * 10,000-unit document twice (the join is a change of translators, as inside it).
 */
export function scaleDocument(size: (typeof SIZES)[number]): RealDocument {
  if (size !== 20000) return load(`both/${size}`, `${REAL_ALIGN_FOLDER}scale-homog/${size}`)
  const half = load('both/10000', `${REAL_ALIGN_FOLDER}scale-homog/10000`)
  const n = half.source.length
  const m = half.target.length
  return {
    name: 'both/20000',
    source: [...half.source, ...half.source],
    target: [...half.target, ...half.target],
    gold: [...half.gold, ...half.gold.map((bead) => ({ src: bead.src.map((k) => k + n), tgt: bead.tgt.map((k) => k + m) }))]
  }
}

/**
 * Recall of the gold 1:0 / 0:1 beads: found exactly, and, of those missed, how many a reviewer is
 * pointed to (a bead holding the left-out sentence or its neighbour on that side falls below
 * `lowConfidence`).
 */
export function omissionRecall(
  predicted: ReadonlyArray<RealBead & { confidence?: number }>,
  gold: readonly RealBead[],
  lowConfidence = 0
): { found: number; flagged: number; total: number } {
  const keys = new Set(predicted.filter((b) => b.src.length === 0 || b.tgt.length === 0).map((b) => `${b.src.join(',')}|${b.tgt.join(',')}`))
  const lowSource = new Set<number>()
  const lowTarget = new Set<number>()
  for (const bead of predicted) {
    if ((bead.confidence ?? 1) >= lowConfidence) continue
    bead.src.forEach((k) => lowSource.add(k))
    bead.tgt.forEach((k) => lowTarget.add(k))
  }
  const near = (low: Set<number>, k: number) => low.has(k - 1) || low.has(k) || low.has(k + 1)
  let found = 0
  let flagged = 0
  let total = 0
  for (const bead of gold) {
    if (bead.src.length > 0 && bead.tgt.length > 0) continue
    total++
    if (keys.has(`${bead.src.join(',')}|${bead.tgt.join(',')}`)) found++
    else if (bead.src.length > 0 ? near(lowSource, bead.src[0]) : near(lowTarget, bead.tgt[0])) flagged++
  }
  return { found, flagged, total }
}

/**
 * A document as the app meets it: each side's units are paragraphs of text, segmented into
 * sentences by Hamta's segmenters (a unit often becomes several sentences, more on one side than
 * the other). `sourceUnit[k]` is the unit sentence k comes from; `paragraphs` are the sentences that
 * begin a unit.
 */
export interface SentenceDocument {
  source: string[]
  target: string[]
  sourceUnit: number[]
  targetUnit: number[]
  paragraphs: { source: number[]; target: number[] }
}

export function sentenceDocument(doc: RealDocument): SentenceDocument {
  const out: SentenceDocument = { source: [], target: [], sourceUnit: [], targetUnit: [], paragraphs: { source: [], target: [] } }
  const add = (sentences: string[], unit: number, side: 'source' | 'target') => {
    if (sentences.length === 0) return
    out.paragraphs[side].push(out[side].length)
    for (const sentence of sentences) {
      out[side].push(sentence)
      out[side === 'source' ? 'sourceUnit' : 'targetUnit'].push(unit)
    }
  }
  doc.source.forEach((unit, k) =>
    add(
      segmentParagraphs(unit).flatMap((paragraph) => paragraph.sentences),
      k,
      'source'
    )
  )
  doc.target.forEach((unit, k) =>
    add(
      segmentEnglishParagraphs(unit).flatMap((paragraph) => paragraph.sentences),
      k,
      'target'
    )
  )
  return out
}

/**
 * Sentence alignment scored against the unit gold: the share of paired beads whose sentences all
 * come from one gold bead (a finer pairing inside a gold bead counts as right), and of the
 * one-sided beads, how many hold a sentence the gold leaves out.
 */
export function sentenceScore(
  beads: ReadonlyArray<RealBead>,
  doc: RealDocument,
  sentences: SentenceDocument
): { withinGold: number; paired: number; oneSided: number; leftOut: number } {
  const goldOfSource = new Map<number, number>()
  const goldOfTarget = new Map<number, number>()
  doc.gold.forEach((bead, k) => {
    bead.src.forEach((unit) => goldOfSource.set(unit, k))
    bead.tgt.forEach((unit) => goldOfTarget.set(unit, k))
  })
  let withinGold = 0
  let paired = 0
  let oneSided = 0
  let leftOut = 0
  for (const bead of beads) {
    const golds = new Set([
      ...bead.src.map((k) => goldOfSource.get(sentences.sourceUnit[k])),
      ...bead.tgt.map((k) => goldOfTarget.get(sentences.targetUnit[k]))
    ])
    if (bead.src.length > 0 && bead.tgt.length > 0) {
      paired++
      if (golds.size === 1) withinGold++
      continue
    }
    oneSided++
    const gold = doc.gold[[...golds][0] ?? -1]
    if (gold && (gold.src.length === 0 || gold.tgt.length === 0)) leftOut++
  }
  return { withinGold: withinGold / Math.max(1, paired), paired, oneSided, leftOut }
}

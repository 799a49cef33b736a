/**
 * Alignment quality against a gold alignment.
 *
 * Strict (bead) F1: a predicted bead counts only if a gold bead has exactly the same source and
 * target sentences. 1:0 and 0:1 beads count like any other.
 *
 * Lax (link) F1: each bead is turned into links — every (source, target) pair it contains; a
 * 1:0 bead gives the link (s, none) and a 0:1 bead (none, t). Precision and recall are taken over
 * these links, so a bead that is partly right earns partial credit (for example predicting
 * [0]:[0] and [1]:[0] against gold [0,1]:[0] gets both links right but no bead right).
 */

export interface BeadLike {
  src: readonly number[]
  tgt: readonly number[]
}

export interface Score {
  precision: number
  recall: number
  f1: number
  /** Items (beads or links) predicted, in the gold, and in both. */
  predicted: number
  gold: number
  correct: number
}

function score(predicted: Set<string>, gold: Set<string>): Score {
  let correct = 0
  for (const item of predicted) if (gold.has(item)) correct++
  // Two empty alignments agree perfectly.
  const precision = predicted.size === 0 ? (gold.size === 0 ? 1 : 0) : correct / predicted.size
  const recall = gold.size === 0 ? (predicted.size === 0 ? 1 : 0) : correct / gold.size
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall)
  return { precision, recall, f1, predicted: predicted.size, gold: gold.size, correct }
}

function beadKey(bead: BeadLike): string {
  return `${bead.src.join(',')}|${bead.tgt.join(',')}`
}

function links(beads: readonly BeadLike[]): Set<string> {
  const out = new Set<string>()
  for (const bead of beads) {
    if (bead.tgt.length === 0) for (const s of bead.src) out.add(`${s}-`)
    else if (bead.src.length === 0) for (const t of bead.tgt) out.add(`-${t}`)
    else for (const s of bead.src) for (const t of bead.tgt) out.add(`${s}-${t}`)
  }
  return out
}

/** Exact-bead precision, recall and F1. */
export function strictScore(predicted: readonly BeadLike[], gold: readonly BeadLike[]): Score {
  return score(new Set(predicted.map(beadKey)), new Set(gold.map(beadKey)))
}

/** Sentence-link precision, recall and F1 (see the file comment). */
export function laxScore(predicted: readonly BeadLike[], gold: readonly BeadLike[]): Score {
  return score(links(predicted), links(gold))
}

export function strictF1(predicted: readonly BeadLike[], gold: readonly BeadLike[]): number {
  return strictScore(predicted, gold).f1
}

export function laxF1(predicted: readonly BeadLike[], gold: readonly BeadLike[]): number {
  return laxScore(predicted, gold).f1
}

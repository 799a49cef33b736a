/**
 * Word-level fuzzy score. The distance is an edit distance over tokens, weighted (a word or number
 * costs 4, punctuation 1), with one more free step: two or three tokens on one side equal to one
 * token on the other when their keys join up (رئیس جمهور = رئیس‌جمهور). The score is
 * 100 × (1 − distance / larger total weight), so one changed word in a ten-word sentence scores
 * about 90, and only equal keys score 100.
 *
 * The cost of the full alignment is O(n·m) in tokens; a caller that only wants scores above a bar
 * passes `maxCost`, and rows whose every cell is already past it end the work early.
 */

export interface TokenSeq {
  /** Token identities: equal numbers are equal keys. */
  ids: ArrayLike<number>
  weights: ArrayLike<number>
  /** Key of token i, for joins; only asked for words. */
  key(i: number): string
  /** 1 where token i is a number (only read with `numbersAlike`). */
  numbers?: ArrayLike<number>
}

export const Step = { Same: 0, Substitute: 1, Delete: 2, Insert: 3, Join: 4 } as const
export type Step = (typeof Step)[keyof typeof Step]

/** One step of an alignment: tokens [aStart, aEnd) of the query against [bStart, bEnd) of the match. */
export interface AlignStep {
  step: Step
  aStart: number
  aEnd: number
  bStart: number
  bEnd: number
}

export interface Alignment {
  cost: number
  /** The larger of the two total weights: the score's denominator. */
  total: number
  steps?: AlignStep[]
}

const BACK_DIAG = 1
const BACK_UP = 2 // delete a[i-1]
const BACK_LEFT = 3 // insert b[j-1]
// Joins: BACK_JOIN_A + k means a[i-k..i) joined = b[j-1]; BACK_JOIN_B + k means a[i-1] = b[j-k..j) joined.
const BACK_JOIN_A = 8
const BACK_JOIN_B = 16

function totalWeight(weights: ArrayLike<number>): number {
  let sum = 0
  for (let i = 0; i < weights.length; i++) sum += weights[i]
  return sum
}

/** True when the keys of seq[from..to) written together are `whole`. */
function joinsTo(seq: TokenSeq, from: number, to: number, whole: string): boolean {
  let length = 0
  for (let k = from; k < to; k++) {
    if (seq.weights[k] === 1) return false // punctuation never joins
    length += seq.key(k).length
  }
  if (length !== whole.length) return false
  let at = 0
  for (let k = from; k < to; k++) {
    const part = seq.key(k)
    if (!whole.startsWith(part, at)) return false
    at += part.length
  }
  return true
}

/** Largest alignment table computed (16 MB); longer pairs are scored without one. */
const MAX_CELLS = 4_000_000

/** Weight of the tokens two sequences share, counted as a multiset. */
function sharedWeight(a: TokenSeq, b: TokenSeq): number {
  const counts = new Map<number, number>()
  for (let i = 0; i < a.ids.length; i++) counts.set(a.ids[i], (counts.get(a.ids[i]) ?? 0) + a.weights[i])
  let shared = 0
  for (let j = 0; j < b.ids.length; j++) {
    const left = counts.get(b.ids[j]) ?? 0
    if (left >= b.weights[j]) {
      counts.set(b.ids[j], left - b.weights[j])
      shared += b.weights[j]
    }
  }
  return shared
}

let scratchCost = new Int32Array(0)
let scratchBack = new Uint8Array(0)

/**
 * Aligns query `a` with match `b`. Returns the cost (Infinity when above `maxCost`) and, with
 * `withSteps`, the steps from the start of both sequences to their end. With `numbersAlike`, one
 * number for another costs nothing: candidate search ranks matches whose numbers can be adapted
 * as the near-exact matches they become.
 */
export function align(a: TokenSeq, b: TokenSeq, options: { maxCost?: number; withSteps?: boolean; numbersAlike?: boolean } = {}): Alignment {
  const n = a.ids.length
  const m = b.ids.length
  const total = Math.max(totalWeight(a.weights), totalWeight(b.weights))
  const maxCost = options.maxCost ?? Infinity
  const width = m + 1
  const cells = (n + 1) * width
  if (cells > MAX_CELLS) {
    // Paragraph-sized units: the order-free bound stands in for the alignment (no steps).
    const cost = total - sharedWeight(a, b)
    return { cost: cost > maxCost ? Infinity : cost, total }
  }
  if (scratchCost.length < cells) scratchCost = new Int32Array(Math.max(cells, scratchCost.length * 2))
  const withSteps = options.withSteps ?? false
  if (withSteps && scratchBack.length < cells) scratchBack = new Uint8Array(Math.max(cells, scratchBack.length * 2))
  const cost = scratchCost
  const back = scratchBack
  const numbersA = options.numbersAlike ? a.numbers : undefined
  const numbersB = options.numbersAlike ? b.numbers : undefined
  cost[0] = 0
  for (let j = 1; j <= m; j++) {
    cost[j] = cost[j - 1] + b.weights[j - 1]
    if (withSteps) back[j] = BACK_LEFT
  }
  for (let i = 1; i <= n; i++) {
    const row = i * width
    const previous = row - width
    const wa = a.weights[i - 1]
    const ida = a.ids[i - 1]
    cost[row] = cost[previous] + wa
    if (withSteps) back[row] = BACK_UP
    let rowMin = cost[row]
    for (let j = 1; j <= m; j++) {
      const wb = b.weights[j - 1]
      let best: number
      let how: number
      if (ida === b.ids[j - 1]) {
        best = cost[previous + j - 1]
        how = BACK_DIAG
      } else if (numbersA && numbersB && numbersA[i - 1] === 1 && numbersB[j - 1] === 1) {
        best = cost[previous + j - 1]
        how = BACK_DIAG
      } else {
        best = cost[previous + j - 1] + (wa > wb ? wa : wb)
        how = BACK_DIAG
      }
      const up = cost[previous + j] + wa
      if (up < best) {
        best = up
        how = BACK_UP
      }
      const left = cost[row + j - 1] + wb
      if (left < best) {
        best = left
        how = BACK_LEFT
      }
      if (best > 0 && ida !== b.ids[j - 1] && wa !== 1 && wb !== 1) {
        // Joins of two or three words against one (spacing variants of compounds).
        const keyB = b.key(j - 1)
        for (let k = 2; k <= 3 && k <= i; k++) {
          const candidate = cost[(i - k) * width + j - 1]
          if (candidate < best && joinsTo(a, i - k, i, keyB)) {
            best = candidate
            how = BACK_JOIN_A + k
          }
        }
        const keyA = a.key(i - 1)
        for (let k = 2; k <= 3 && k <= j; k++) {
          const candidate = cost[previous + j - k]
          if (candidate < best && joinsTo(b, j - k, j, keyA)) {
            best = candidate
            how = BACK_JOIN_B + k
          }
        }
      }
      cost[row + j] = best
      if (withSteps) back[row + j] = how
      if (best < rowMin) rowMin = best
    }
    // Every path to the end passes through this row: nothing below maxCost is left.
    if (rowMin > maxCost) return { cost: Infinity, total }
  }
  const result = cost[n * width + m]
  if (result > maxCost) return { cost: Infinity, total }
  if (!withSteps) return { cost: result, total }
  const steps: AlignStep[] = []
  let i = n
  let j = m
  while (i > 0 || j > 0) {
    const how = back[i * width + j]
    if (how === BACK_DIAG) {
      steps.push({ step: a.ids[i - 1] === b.ids[j - 1] ? Step.Same : Step.Substitute, aStart: i - 1, aEnd: i, bStart: j - 1, bEnd: j })
      i--
      j--
    } else if (how === BACK_UP) {
      steps.push({ step: Step.Delete, aStart: i - 1, aEnd: i, bStart: j, bEnd: j })
      i--
    } else if (how === BACK_LEFT) {
      steps.push({ step: Step.Insert, aStart: i, aEnd: i, bStart: j - 1, bEnd: j })
      j--
    } else if (how >= BACK_JOIN_B) {
      const k = how - BACK_JOIN_B
      steps.push({ step: Step.Join, aStart: i - 1, aEnd: i, bStart: j - k, bEnd: j })
      i--
      j -= k
    } else {
      const k = how - BACK_JOIN_A
      steps.push({ step: Step.Join, aStart: i - k, aEnd: i, bStart: j - 1, bEnd: j })
      i -= k
      j--
    }
  }
  steps.reverse()
  return { cost: result, total, steps }
}

/** Score 0..100 from an alignment: 100 only for no difference at all, else at most 99. */
export function scoreOf(alignment: Pick<Alignment, 'cost' | 'total'>): number {
  if (alignment.cost === 0) return 100
  if (!Number.isFinite(alignment.cost) || alignment.total === 0) return 0
  return Math.max(0, Math.min(99, Math.floor(100 * (1 - alignment.cost / alignment.total) + 1e-9)))
}

/** Largest cost that still reaches `minScore` against the given total weight. */
export function maxCostFor(minScore: number, total: number): number {
  if (minScore >= 100) return 0
  return Math.floor(total * (1 - minScore / 100) + 1e-9)
}

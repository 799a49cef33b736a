/**
 * Sentence aligner: dynamic programming over bead types, Gale–Church length model, anchors
 * shared by the two languages, searched in a band around the length diagonal.
 *
 * Cost of a bead (in nats, lower is better):
 *   -log P(bead type)                         priors: 1:1 by far the most likely
 *   -log P(|δ|) two-tailed normal             δ = (lt − c·ls) / sqrt(s² · (ls + lt/c) / 2)
 *   − Σ weights of anchors shared by both sides of the bead (capped)
 *   + a bonus/penalty for sentences that look like boilerplate (kept out of translated beads)
 * where ls/lt are character counts (no white space) of the bead's source and target sentences,
 * c the target/source length ratio and s² its variance per character. c and s² are learned from
 * the pair itself: a first pass with c = total ratio and a default s², then a second pass with
 * both re-estimated from the beads the first pass found.
 *
 * Confidence: the posterior probability, under this model, that the bead is part of the
 * alignment, summed over every path in the band (forward–backward in log space, costs read as
 * negative log-likelihoods). A bead every competing path agrees on scores near 1; where moving a
 * boundary costs little, the probability is shared between the alternatives and the score drops.
 *
 * Band: row i (source position) only considers target positions within ±w of the point where
 * the cumulative target length matches the cumulative source length. Time and memory are
 * O((n + m) · w). If the best path touches the edge of the band, w is doubled and the search
 * repeated, so a band that is too narrow cannot silently force a wrong alignment.
 */
import { buildAnchors, type AnchorTable, type GlossaryPair } from './anchors'

export interface AlignOptions {
  /** Term pairs known to translate each other (names, glossary entries). */
  glossary?: GlossaryPair[]
  /** Initial half-width of the band, in sentences. Default: 24. */
  bandWidth?: number
  /** Re-estimate the length ratio and its variance from a first pass. Default: true. */
  learnLengthModel?: boolean
}

export interface AlignedBead {
  src: number[]
  tgt: number[]
  /** Posterior probability of this bead, 0..1. */
  confidence: number
}

export interface AlignmentResult {
  beads: AlignedBead[]
  /** The length model used in the final pass. */
  ratio: number
  variance: number
  /** The band half-width the final pass used. */
  bandWidth: number
}

/** Bead shapes the search considers: [source sentences, target sentences, prior probability]. */
export const BEAD_TYPES: ReadonlyArray<readonly [number, number, number]> = [
  [1, 1, 0.86],
  [1, 2, 0.045],
  [2, 1, 0.045],
  [1, 0, 0.01],
  [0, 1, 0.01],
  [2, 2, 0.008],
  [1, 3, 0.006],
  [3, 1, 0.006]
]

/** Variance of the target length per source character before anything is learned. */
const DEFAULT_VARIANCE = 8
/** How many beads' worth of weight the default variance keeps against the learned one. */
const VARIANCE_PRIOR_STRENGTH = 8
const MAX_ANCHOR_REWARD = 9
const BOILERPLATE_BONUS = 6

// ---------------------------------------------------------------------------------------------
// Length model

/**
 * -log of the two-tailed normal probability P(|Z| ≥ |δ|) = erfc(|δ|/√2), computed in log space
 * (Numerical Recipes' erfc approximation, accurate to 1.2e-7) so large δ do not underflow.
 */
export function lengthCost(delta: number): number {
  const z = Math.abs(delta) / Math.SQRT2
  const t = 1 / (1 + 0.5 * z)
  const logErfc =
    Math.log(t) -
    z * z -
    1.26551223 +
    t *
      (1.00002368 +
        t *
          (0.37409196 +
            t * (0.09678418 + t * (-0.18628806 + t * (0.27886187 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))))
  return -logErfc
}

/** Character count without white space or ZWNJ: spacing conventions differ between the languages. */
export function sentenceLength(sentence: string): number {
  let length = 0
  for (let i = 0; i < sentence.length; i++) {
    const code = sentence.charCodeAt(i)
    if (code === 32 || code === 9 || code === 10 || code === 13 || code === 0x200c || code === 0xa0) continue
    length++
  }
  return length
}

/**
 * Lines that are not content to be translated: agency end markers, bylines of codes, lines
 * without a letter. Translators usually leave them out, so they should land in 1:0 / 0:1 beads
 * instead of being swallowed by a neighbour.
 */
const BOILERPLATE = [
  /^[\s/*\-–—#.=_]*انتهای\s*(?:پیام|خبر)[\s/*\-–—#.]*$/u,
  /^[\s/*\-–—]*(?:کد\s*خبر|شناسه\s*خبر|خبر\s*شماره)\s*[:：]?\s*[\d۰-۹٠-٩]*[\s/*\-–—]*$/u,
  /^[\s/*\-–—#.]*(?:end of (?:message|report|story)|ends)[\s/*\-–—#.]*$/iu
]

export function looksLikeBoilerplate(sentence: string): boolean {
  if (!/\p{L}/u.test(sentence)) return true
  return BOILERPLATE.some((pattern) => pattern.test(sentence.trim()))
}

// ---------------------------------------------------------------------------------------------
// Band

interface Band {
  w: number
  lo: Int32Array
  hi: Int32Array
  /** Start of row i in the flat cell arrays. */
  rowStart: Int32Array
  cells: number
}

/**
 * The band follows the length diagonal: for source position i, the target position whose
 * cumulative length is closest to cumS[i]·(total target / total source).
 */
function buildBand(cumS: Float64Array, cumT: Float64Array, n: number, m: number, w: number): Band {
  const lo = new Int32Array(n + 1)
  const hi = new Int32Array(n + 1)
  const rowStart = new Int32Array(n + 2)
  const scale = cumS[n] > 0 ? cumT[m] / cumS[n] : 1
  let j = 0
  let cells = 0
  for (let i = 0; i <= n; i++) {
    const goal = i === n ? cumT[m] : cumS[i] * scale
    while (j < m && Math.abs(cumT[j + 1] - goal) <= Math.abs(cumT[j] - goal)) j++
    // Keep the sentence-count diagonal inside too, for texts where lengths say little.
    const byCount = n === 0 ? m : Math.round((i * m) / n)
    let low = Math.min(j, byCount) - w
    let high = Math.max(j, byCount) + w
    if (i === n) high = m
    if (i === 0) low = 0
    low = Math.max(0, Math.min(low, m))
    high = Math.min(m, Math.max(high, 0))
    if (i > 0 && low < lo[i - 1]) low = lo[i - 1]
    lo[i] = low
    hi[i] = high
    rowStart[i] = cells
    cells += high - low + 1
  }
  rowStart[n + 1] = cells
  return { w, lo, hi, rowStart, cells }
}

// ---------------------------------------------------------------------------------------------
// Search

interface Model {
  n: number
  m: number
  cumS: Float64Array
  cumT: Float64Array
  anchors: AnchorTable
  sourceBoiler: Uint8Array
  targetBoiler: Uint8Array
  ratio: number
  variance: number
  priorCost: Float64Array
}

interface SearchResult {
  beads: AlignedBead[]
  touchedEdge: boolean
}

const TYPE_COUNT = BEAD_TYPES.length
const DS = Int32Array.from(BEAD_TYPES.map((type) => type[0]))
const DT = Int32Array.from(BEAD_TYPES.map((type) => type[1]))

function sharedAnchorWeight(anchors: AnchorTable, s0: number, s1: number, t0: number, t1: number, used: Uint8Array): number {
  const { ids: sIds, offsets: sOff } = anchors.source
  const { ids: tIds, offsets: tOff } = anchors.target
  const a0 = sOff[s0]
  const a1 = sOff[s1]
  const b0 = tOff[t0]
  const b1 = tOff[t1]
  if (a0 === a1 || b0 === b1) return 0
  const size = b1 - b0
  for (let k = 0; k < size; k++) used[k] = 0
  let weight = 0
  for (let a = a0; a < a1; a++) {
    const id = sIds[a]
    for (let b = b0; b < b1; b++) {
      if (used[b - b0] === 0 && tIds[b] === id) {
        used[b - b0] = 1
        weight += anchors.weights[id]
        break
      }
    }
  }
  return weight > MAX_ANCHOR_REWARD ? MAX_ANCHOR_REWARD : weight
}

function beadCost(model: Model, type: number, i: number, j: number, used: Uint8Array): number {
  const ds = DS[type]
  const dt = DT[type]
  const s0 = i - ds
  const t0 = j - dt
  const ls = model.cumS[i] - model.cumS[s0]
  const lt = model.cumT[j] - model.cumT[t0]
  let cost = model.priorCost[type]
  // The length model only compares the two sides of a bead. Applied to a 1:0 bead it would make
  // leaving out a long sentence nearly impossible, and the search would glue it to a neighbour.
  if (ds > 0 && dt > 0) {
    const mean = (ls + lt / model.ratio) / 2
    cost += lengthCost((lt - model.ratio * ls) / Math.sqrt(model.variance * mean))
  }
  cost -= sharedAnchorWeight(model.anchors, s0, i, t0, j, used)
  // Boilerplate belongs alone: cheap as a 1:0 / 0:1 bead, expensive inside a translated bead.
  let boiler = 0
  for (let s = s0; s < i; s++) boiler += model.sourceBoiler[s]
  for (let t = t0; t < j; t++) boiler += model.targetBoiler[t]
  if (boiler > 0) cost += ds + dt === 1 ? -BOILERPLATE_BONUS : BOILERPLATE_BONUS * boiler
  return cost
}

function logAddExp(a: number, b: number): number {
  // Works on negative log values: returns -log(exp(-a) + exp(-b)).
  if (a === Infinity) return b
  if (b === Infinity) return a
  return a < b ? a - Math.log1p(Math.exp(a - b)) : b - Math.log1p(Math.exp(b - a))
}

function search(model: Model, band: Band): SearchResult {
  const { n, m } = model
  const { lo, hi, rowStart, cells } = band
  const best = new Float64Array(cells).fill(Infinity)
  const back = new Int8Array(cells).fill(-1)
  const forward = new Float64Array(cells).fill(Infinity)
  // Every bead's cost is kept (one float per cell and type) so the backward pass need not redo it.
  const costs = new Float32Array(cells * TYPE_COUNT).fill(Infinity)
  // Scratch marks for the anchors of up to three target sentences (48 anchors each at most).
  const used = new Uint8Array(256)

  best[0] = 0
  forward[0] = 0
  for (let i = 0; i <= n; i++) {
    const rowLo = lo[i]
    const rowHi = hi[i]
    const base = rowStart[i]
    for (let j = rowLo; j <= rowHi; j++) {
      const cell = base + j - rowLo
      if (i === 0 && j === 0) continue
      let bestCost = Infinity
      let bestType = -1
      let total = Infinity
      for (let type = 0; type < TYPE_COUNT; type++) {
        const pi = i - DS[type]
        const pj = j - DT[type]
        if (pi < 0 || pj < 0 || pj < lo[pi] || pj > hi[pi]) continue
        const prev = rowStart[pi] + pj - lo[pi]
        if (forward[prev] === Infinity) continue
        const cost = beadCost(model, type, i, j, used)
        costs[cell * TYPE_COUNT + type] = cost
        const viaBest = best[prev] + cost
        if (viaBest < bestCost) {
          bestCost = viaBest
          bestType = type
        }
        total = logAddExp(total, forward[prev] + cost)
      }
      best[cell] = bestCost
      back[cell] = bestType
      forward[cell] = total
    }
  }

  // Backward pass: backward[cell] = -log Σ over paths from the cell to the end.
  const backward = new Float64Array(cells).fill(Infinity)
  backward[rowStart[n] + m - lo[n]] = 0
  for (let i = n; i >= 0; i--) {
    const rowLo = lo[i]
    for (let j = hi[i]; j >= rowLo; j--) {
      const cell = rowStart[i] + j - rowLo
      const after = backward[cell]
      if (after === Infinity) continue
      for (let type = 0; type < TYPE_COUNT; type++) {
        const cost = costs[cell * TYPE_COUNT + type]
        if (cost === Infinity) continue
        const pi = i - DS[type]
        const pj = j - DT[type]
        const prev = rowStart[pi] + pj - lo[pi]
        backward[prev] = logAddExp(backward[prev], after + cost)
      }
    }
  }

  const endCell = rowStart[n] + m - lo[n]
  if (best[endCell] === Infinity) return { beads: [], touchedEdge: true }
  const logZ = forward[endCell]
  const beads: AlignedBead[] = []
  let touchedEdge = false
  let i = n
  let j = m
  while (i > 0 || j > 0) {
    const cell = rowStart[i] + j - lo[i]
    if ((j === lo[i] && lo[i] > 0) || (j === hi[i] && hi[i] < m)) touchedEdge = true
    const type = back[cell]
    const pi = i - DS[type]
    const pj = j - DT[type]
    const prev = rowStart[pi] + pj - lo[pi]
    const posterior = Math.exp(-(forward[prev] + costs[cell * TYPE_COUNT + type] + backward[cell] - logZ))
    beads.push({
      src: range(pi, i),
      tgt: range(pj, j),
      confidence: Math.min(1, Math.max(0, posterior))
    })
    i = pi
    j = pj
  }
  beads.reverse()
  return { beads, touchedEdge }
}

function range(from: number, to: number): number[] {
  const out: number[] = []
  for (let k = from; k < to; k++) out.push(k)
  return out
}

function cumulative(lengths: number[]): Float64Array {
  const out = new Float64Array(lengths.length + 1)
  for (let k = 0; k < lengths.length; k++) out[k + 1] = out[k] + lengths[k]
  return out
}

function alignWithBandWidening(model: Model, initialWidth: number): { beads: AlignedBead[]; bandWidth: number } {
  let w = Math.max(2, initialWidth)
  const widest = Math.max(model.n, model.m) + 1
  for (;;) {
    const band = buildBand(model.cumS, model.cumT, model.n, model.m, w)
    const result = search(model, band)
    if (!result.touchedEdge || w >= widest) return { beads: result.beads, bandWidth: w }
    w = Math.min(widest, w * 2)
  }
}

/**
 * Re-estimates the length ratio and its per-character variance from the non-empty beads of a
 * first alignment; the variance is blended with the default so a short text cannot make the
 * model overconfident.
 */
function learnLengthModel(model: Model, beads: AlignedBead[]): { ratio: number; variance: number } {
  let sumS = 0
  let sumT = 0
  const paired: Array<[number, number]> = []
  for (const bead of beads) {
    // Learn only from beads the first pass was sure of: its mistakes would bias the ratio.
    if (bead.src.length === 0 || bead.tgt.length === 0 || bead.confidence < 0.5) continue
    const ls = model.cumS[bead.src[bead.src.length - 1] + 1] - model.cumS[bead.src[0]]
    const lt = model.cumT[bead.tgt[bead.tgt.length - 1] + 1] - model.cumT[bead.tgt[0]]
    if (ls === 0 || lt === 0) continue
    sumS += ls
    sumT += lt
    paired.push([ls, lt])
  }
  if (paired.length < 3 || sumS === 0) return { ratio: model.ratio, variance: model.variance }
  const ratio = sumT / sumS
  // Median of δ² with unit variance; the median of a χ²(1) variable is 0.455.
  const squared = paired.map(([ls, lt]) => (lt - ratio * ls) ** 2 / ((ls + lt / ratio) / 2)).sort((a, b) => a - b)
  const median = squared[Math.floor(squared.length / 2)]
  const estimate = Math.min(60, Math.max(1, median / 0.455))
  const count = paired.length
  const variance = (VARIANCE_PRIOR_STRENGTH * DEFAULT_VARIANCE + count * estimate) / (VARIANCE_PRIOR_STRENGTH + count)
  return { ratio, variance }
}

/** Aligns source (Persian) sentences with target (English) sentences. */
export function alignSentences(source: string[], target: string[], options: AlignOptions = {}): AlignmentResult {
  const n = source.length
  const m = target.length
  const bandWidth = options.bandWidth ?? 24
  if (n === 0 || m === 0) {
    const beads: AlignedBead[] = [
      ...source.map((_, k) => ({ src: [k], tgt: [], confidence: 1 })),
      ...target.map((_, k) => ({ src: [], tgt: [k], confidence: 1 }))
    ]
    return { beads, ratio: 1, variance: DEFAULT_VARIANCE, bandWidth: 0 }
  }
  const cumS = cumulative(source.map(sentenceLength))
  const cumT = cumulative(target.map(sentenceLength))
  const model: Model = {
    n,
    m,
    cumS,
    cumT,
    anchors: buildAnchors(source, target, options.glossary),
    sourceBoiler: Uint8Array.from(source.map((sentence) => (looksLikeBoilerplate(sentence) ? 1 : 0))),
    targetBoiler: Uint8Array.from(target.map((sentence) => (looksLikeBoilerplate(sentence) ? 1 : 0))),
    ratio: cumS[n] > 0 && cumT[m] > 0 ? cumT[m] / cumS[n] : 1,
    variance: DEFAULT_VARIANCE,
    priorCost: Float64Array.from(BEAD_TYPES.map((type) => -Math.log(type[2])))
  }
  let result = alignWithBandWidening(model, bandWidth)
  if (options.learnLengthModel !== false) {
    const learned = learnLengthModel(model, result.beads)
    model.ratio = learned.ratio
    model.variance = learned.variance
    result = alignWithBandWidening(model, result.bandWidth)
  }
  return { beads: result.beads, ratio: model.ratio, variance: model.variance, bandWidth: result.bandWidth }
}

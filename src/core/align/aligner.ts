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
 * Band: row i (source position) only considers target positions within ±w of a centre path. The
 * first pass's centre is where the cumulative target length matches the cumulative source length
 * scaled by the local length ratio (measured in windows, so a change of translator along the text
 * does not pull it away); the second pass's is the first pass's path, with a narrower w. Where the
 * best path touches the band's edge, the band is moved onto that path and widened near the touch
 * only, and the search repeated, so a band that is too narrow cannot silently force a wrong
 * alignment and one bad stretch does not widen the band for the whole text. Time and memory are
 * O((n + m) · w).
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
  /** The widest band half-width the final pass used. */
  bandWidth: number
  /** Cells the final pass searched: grows with the text's length, not its square. */
  cells: number
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
/**
 * Limits of the band's growth: beyond them the path is trusted to be near enough, and cost stays
 * linear in the length of the text whatever it holds.
 */
const MAX_WIDTH = 256
const MAX_ROUNDS = 6
/** Half-width of the second pass's band around the first pass's path. */
const REFINE_WIDTH = 8
/** Sentences on each side of a position that its local length ratio is measured over. */
const RATIO_WINDOW = 40
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
  lo: Int32Array
  hi: Int32Array
  /** Start of row i in the flat cell arrays. */
  rowStart: Int32Array
  cells: number
}

/** A band of half-width width[i] around a centre given as a range [from[i], to[i]] per row. */
function bandAround(from: Int32Array, to: Int32Array, width: Int32Array, n: number, m: number): Band {
  const lo = new Int32Array(n + 1)
  const hi = new Int32Array(n + 1)
  const rowStart = new Int32Array(n + 2)
  let cells = 0
  for (let i = 0; i <= n; i++) {
    let low = i === 0 ? 0 : Math.max(0, Math.min(m, from[i] - width[i]))
    let high = i === n ? m : Math.min(m, Math.max(0, to[i] + width[i]))
    // Rows must overlap their neighbours for a path to exist from corner to corner.
    if (i > 0 && low < lo[i - 1]) low = lo[i - 1]
    if (i > 0 && low > hi[i - 1] + 3) low = hi[i - 1]
    if (high < low) high = low
    lo[i] = low
    hi[i] = high
    rowStart[i] = cells
    cells += high - low + 1
  }
  // Walking back, keep each row reaching the next one's start.
  for (let i = n - 1; i >= 0; i--) if (hi[i] < lo[i + 1] - 3) hi[i] = lo[i + 1]
  cells = 0
  for (let i = 0; i <= n; i++) {
    rowStart[i] = cells
    cells += hi[i] - lo[i] + 1
  }
  rowStart[n + 1] = cells
  return { lo, hi, rowStart, cells }
}

/**
 * The first pass's centre: where the cumulative target length matches the cumulative source
 * length scaled by the local length ratio, measured in windows along the sentence-count diagonal
 * (good enough locally, and unlike one global ratio it follows a change of translator).
 */
function lengthDiagonal(cumS: Float64Array, cumT: Float64Array, n: number, m: number): Int32Array {
  const ratio = localRatioAlongCounts(cumS, cumT, n, m)
  const expected = new Float64Array(n + 1)
  for (let i = 0; i < n; i++) expected[i + 1] = expected[i] + (cumS[i + 1] - cumS[i]) * ratio[i]
  const scale = expected[n] > 0 ? cumT[m] / expected[n] : 1
  const centre = new Int32Array(n + 1)
  let j = 0
  for (let i = 0; i <= n; i++) {
    const goal = i === n ? cumT[m] : expected[i] * scale
    while (j < m && Math.abs(cumT[j + 1] - goal) <= Math.abs(cumT[j] - goal)) j++
    centre[i] = i === n ? m : j
  }
  return centre
}

function localRatioAlongCounts(cumS: Float64Array, cumT: Float64Array, n: number, m: number): Float64Array {
  const global = cumS[n] > 0 && cumT[m] > 0 ? cumT[m] / cumS[n] : 1
  const out = new Float64Array(n + 1)
  for (let i = 0; i <= n; i++) {
    const a = Math.max(0, i - RATIO_WINDOW)
    const b = Math.min(n, i + RATIO_WINDOW)
    const ja = Math.round((a * m) / n)
    const jb = Math.round((b * m) / n)
    const ls = cumS[b] - cumS[a]
    const lt = cumT[jb] - cumT[ja]
    out[i] = ls > 0 && lt > 0 ? lt / ls : global
  }
  return out
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
  /** Rows where the best path touched the band's edge. */
  touched: number[]
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

/**
 * Best path (Viterbi) in the band, then, unless the caller will search again because the path
 * touched the band's edge, the posterior of each of its beads (forward–backward).
 */
function search(model: Model, band: Band, mayRetry: boolean): SearchResult {
  const { n, m } = model
  const { lo, hi, rowStart, cells } = band
  const best = new Float64Array(cells).fill(Infinity)
  const back = new Int8Array(cells).fill(-1)
  // Every bead's cost is kept (one float per cell and type) so the other passes need not redo it.
  const costs = new Float32Array(cells * TYPE_COUNT).fill(Infinity)
  // Scratch marks for the anchors of up to three target sentences (48 anchors each at most).
  const used = new Uint8Array(256)

  best[0] = 0
  for (let i = 0; i <= n; i++) {
    const rowLo = lo[i]
    const rowHi = hi[i]
    const base = rowStart[i]
    for (let j = rowLo; j <= rowHi; j++) {
      const cell = base + j - rowLo
      if (i === 0 && j === 0) continue
      let bestCost = Infinity
      let bestType = -1
      for (let type = 0; type < TYPE_COUNT; type++) {
        const pi = i - DS[type]
        const pj = j - DT[type]
        if (pi < 0 || pj < 0 || pj < lo[pi] || pj > hi[pi]) continue
        const prev = rowStart[pi] + pj - lo[pi]
        if (best[prev] === Infinity) continue
        const cost = beadCost(model, type, i, j, used)
        costs[cell * TYPE_COUNT + type] = cost
        const viaBest = best[prev] + cost
        if (viaBest < bestCost) {
          bestCost = viaBest
          bestType = type
        }
      }
      best[cell] = bestCost
      back[cell] = bestType
    }
  }

  const endCell = rowStart[n] + m - lo[n]
  if (best[endCell] === Infinity) return { beads: [], touched: [n] }
  const beads: AlignedBead[] = []
  const beadCells: number[] = []
  const beadTypes: number[] = []
  const touched: number[] = []
  let i = n
  let j = m
  while (i > 0 || j > 0) {
    const cell = rowStart[i] + j - lo[i]
    if ((j === lo[i] && lo[i] > 0) || (j === hi[i] && hi[i] < m)) touched.push(i)
    const type = back[cell]
    const pi = i - DS[type]
    const pj = j - DT[type]
    beads.push({ src: range(pi, i), tgt: range(pj, j), confidence: 0 })
    beadCells.push(cell)
    beadTypes.push(type)
    i = pi
    j = pj
  }
  beads.reverse()
  beadCells.reverse()
  beadTypes.reverse()
  if (touched.length > 0 && mayRetry) return { beads, touched }

  // Forward: forward[cell] = -log Σ over paths from the start to the cell.
  const forward = new Float64Array(cells).fill(Infinity)
  const terms = new Float64Array(TYPE_COUNT)
  forward[0] = 0
  for (let i = 0; i <= n; i++) {
    const rowLo = lo[i]
    const base = rowStart[i]
    for (let j = rowLo; j <= hi[i]; j++) {
      const cell = base + j - rowLo
      if (i === 0 && j === 0) continue
      let count = 0
      let low = Infinity
      for (let type = 0; type < TYPE_COUNT; type++) {
        const cost = costs[cell * TYPE_COUNT + type]
        if (cost === Infinity) continue
        const pi = i - DS[type]
        const value = forward[rowStart[pi] + j - DT[type] - lo[pi]] + cost
        if (value === Infinity) continue
        terms[count++] = value
        if (value < low) low = value
      }
      forward[cell] = logSum(terms, count, low)
    }
  }
  // Backward: backward[cell] = -log Σ over paths from the cell to the end.
  const backward = new Float64Array(cells).fill(Infinity)
  backward[endCell] = 0
  for (let i = n; i >= 0; i--) {
    const rowLo = lo[i]
    for (let j = hi[i]; j >= rowLo; j--) {
      const cell = rowStart[i] + j - rowLo
      if (cell === endCell) continue
      let count = 0
      let low = Infinity
      for (let type = 0; type < TYPE_COUNT; type++) {
        const ni = i + DS[type]
        const nj = j + DT[type]
        if (ni > n || nj < lo[ni] || nj > hi[ni]) continue
        const next = rowStart[ni] + nj - lo[ni]
        const cost = costs[next * TYPE_COUNT + type]
        if (cost === Infinity || backward[next] === Infinity) continue
        const value = backward[next] + cost
        terms[count++] = value
        if (value < low) low = value
      }
      backward[cell] = logSum(terms, count, low)
    }
  }
  const logZ = forward[endCell]
  beads.forEach((bead, k) => {
    const cell = beadCells[k]
    const type = beadTypes[k]
    const pi = bead.src.length > 0 ? bead.src[0] : cellRow(band, cell)
    const pj = bead.tgt.length > 0 ? bead.tgt[0] : cell - rowStart[cellRow(band, cell)] + lo[cellRow(band, cell)]
    const prev = rowStart[pi] + pj - lo[pi]
    const posterior = Math.exp(-(forward[prev] + costs[cell * TYPE_COUNT + type] + backward[cell] - logZ))
    bead.confidence = Math.min(1, Math.max(0, posterior))
  })
  return { beads, touched }
}

/** -log Σ exp(-terms[k]) for the first `count` terms, `low` being their minimum. */
function logSum(terms: Float64Array, count: number, low: number): number {
  if (count === 0) return Infinity
  if (count === 1) return low
  let sum = 0
  for (let k = 0; k < count; k++) {
    const gap = terms[k] - low
    if (gap < 40) sum += Math.exp(-gap)
  }
  return low - Math.log(sum)
}

/** The row of a flat cell index (binary search over the row starts). */
function cellRow(band: Band, cell: number): number {
  let a = 0
  let b = band.lo.length - 1
  while (a < b) {
    const middle = (a + b + 1) >> 1
    if (band.rowStart[middle] <= cell) a = middle
    else b = middle - 1
  }
  return a
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

/** The target range each row of a path covers. */
function pathRanges(beads: AlignedBead[], n: number): { from: Int32Array; to: Int32Array } {
  const from = new Int32Array(n + 1).fill(2 ** 30)
  const to = new Int32Array(n + 1).fill(-1)
  let i = 0
  let j = 0
  const mark = (r: number, a: number, b: number) => {
    if (a < from[r]) from[r] = a
    if (b > to[r]) to[r] = b
  }
  mark(0, 0, 0)
  for (const bead of beads) {
    const i1 = i + bead.src.length
    const j1 = j + bead.tgt.length
    for (let r = i; r <= i1; r++) mark(r, r === i1 && r !== i ? j1 : j, r === i ? (i1 === i ? j1 : j) : j1)
    i = i1
    j = j1
  }
  return { from, to }
}

function bandWidthOf(width: Int32Array): number {
  let widest = 0
  for (const w of width) if (w > widest) widest = w
  return widest
}

/**
 * Searches around a centre; where the best path touches the band's edge, moves the band onto the
 * path and doubles its width near the touch, until the path stays inside.
 */
function alignAround(
  model: Model,
  centre: { from: Int32Array; to: Int32Array },
  initialWidth: number
): { beads: AlignedBead[]; bandWidth: number; cells: number } {
  const { n, m } = model
  const widest = Math.max(n, m) + 1
  const width = new Int32Array(n + 1).fill(Math.max(2, initialWidth))
  let { from, to } = centre
  for (let round = 0; ; round++) {
    const band = bandAround(from, to, width, n, m)
    const result = search(model, band, round < MAX_ROUNDS && bandWidthOf(width) < widest)
    let bandWidth = 0
    for (let r = 0; r <= n; r++) if (width[r] > bandWidth) bandWidth = width[r]
    if (result.touched.length === 0 || bandWidth >= widest || round >= MAX_ROUNDS) return { beads: result.beads, bandWidth, cells: band.cells }
    if (result.beads.length > 0) ({ from, to } = pathRanges(result.beads, n))
    const before = width.slice()
    for (const r of result.touched) {
      const grown = Math.min(MAX_WIDTH, widest, before[r] * 2)
      const reach = grown * 4
      for (let k = Math.max(0, r - reach); k <= Math.min(n, r + reach); k++) if (width[k] < grown) width[k] = grown
    }
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
    return { beads, ratio: 1, variance: DEFAULT_VARIANCE, bandWidth: 0, cells: 0 }
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
  const diagonal = lengthDiagonal(cumS, cumT, n, m)
  let result = alignAround(model, { from: diagonal, to: diagonal }, bandWidth)
  if (options.learnLengthModel !== false) {
    const learned = learnLengthModel(model, result.beads)
    model.ratio = learned.ratio
    model.variance = learned.variance
    // The first path is close: a narrow band around it, widened where the path leaves it.
    result = alignAround(model, pathRanges(result.beads, n), Math.min(result.bandWidth, REFINE_WIDTH))
  }
  return { beads: result.beads, ratio: model.ratio, variance: model.variance, bandWidth: result.bandWidth, cells: result.cells }
}

/**
 * Sentence aligner: dynamic programming over bead types with a Gale–Church length model,
 * anchors shared by the two languages and lexical evidence (word pairs from a dictionary passed
 * in and from the text itself), searched in a narrow band around a coarse path.
 *
 * Cost of a bead (in nats, lower is better):
 *   -log P(bead type)                         priors: 1:1 by far the most likely
 *   -log P(|δ|) two-tailed normal             δ = (lt − c·ls) / sqrt(s² · (ls + lt/c) / 2)
 *   − Σ weights of anchors shared by both sides of the bead (capped)
 *   − λ · Σ lexical evidence of each (source, target) sentence pair in the bead
 *   + a bonus/penalty for sentences that look like boilerplate (kept out of translated beads)
 * where ls/lt are character counts (no white space, bracketed glosses at half) of the bead's sentences,
 * c the local target/source length ratio (translators and chapters differ, so it is measured
 * around each position, not over the whole text) and s² its variance per character.
 *
 * Passes: the first uses lengths and anchors only, in a band around the diagonal that the local
 * length ratio predicts. Its path gives the local ratio, and the beads it is sure of give word
 * pairs (see lexicon.ts); the second pass, with everything, searches a narrow band around the
 * first path. Each pass costs O((n + m) · w) time and memory.
 *
 * Band: row i (source position) considers target positions within ±w of the centre path. Where
 * the best path touches the band's edge, the band is moved onto that path and widened there
 * and the search repeated, so a band that is too narrow cannot silently force a wrong alignment,
 * and one bad stretch does not widen the band for the whole text.
 *
 * Confidence: the posterior probability, under this model, that the bead is part of the
 * alignment, summed over every path in the band (forward–backward in log space, costs read as
 * negative log-likelihoods). A bead every competing path agrees on scores near 1; where moving a
 * boundary costs little, the probability is shared between the alternatives and the score drops.
 */
import { buildAnchors, type AnchorTable, type GlossaryPair, type SideAnchors } from './anchors'
import type { DictionaryPair } from './lexicon'
import {
  buildLexicon,
  forEachEnglishStem,
  givenPairs,
  indexDictionary,
  indexWords,
  learnPairs,
  PairCoverage,
  bitCount,
  forEachPersianStem,
  type DictionaryIndex,
  type Lexicon
} from './lexicon'

export type { DictionaryIndex, DictionaryPair } from './lexicon'

export interface AlignOptions {
  /** Term pairs known to translate each other (names, glossary entries). */
  glossary?: GlossaryPair[]
  /** Persian → English word pairs (a termbase, a translation memory, confirmed rows). */
  dictionary?: readonly DictionaryPair[]
  /** A general word list, prepared once (indexDictionary): Hamta's own, see resources/dictionary. */
  wordList?: DictionaryIndex
  /** Initial half-width of the band, in sentences. Default: 24 for the first pass. */
  bandWidth?: number
  /** Re-estimate the local length ratio and learn word pairs from a first pass. Default: true. */
  learnLengthModel?: boolean
  /**
   * Indices of the sentences that begin a paragraph, on each side. Paragraphs are aligned first
   * and the sentence search starts around that path (see paragraphCentre).
   */
  paragraphs?: { source: readonly number[]; target: readonly number[] }
}

export interface AlignedBead {
  src: number[]
  tgt: number[]
  /** Posterior probability of this bead, 0..1. */
  confidence: number
}

export interface AlignmentResult {
  beads: AlignedBead[]
  /** The length model used in the final pass (the mean of the local ratios). */
  ratio: number
  variance: number
  /** The widest band half-width the final pass used. */
  bandWidth: number
  /** Cells the final pass searched: grows with the text's length, not its square. */
  cells: number
  /** Cells the lengths-only first pass searched, over all its rounds (the widest band). */
  firstPassCells: number
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

/** Variance of the target length per source character. */
const DEFAULT_VARIANCE = 8
const MAX_ANCHOR_REWARD = 9
const BOILERPLATE_BONUS = 6
/** Cost of each sentence in a merged bead whose numbers the other side lacks (strandedNumbers). */
const STRANDED_NUMBER_COST = 3
/**
 * Limits of the band's growth: beyond them the path is trusted to be near enough, and cost stays
 * linear in the length of the text whatever it holds.
 */
const MAX_WIDTH = 256
const MAX_ROUNDS = 6
/**
 * Half-width of the later passes' band around the path before (widened where the path reaches
 * its edge). On the real parallel text (the development documents, 1,000 to 20,000 units) 2 finds
 * the same beads as 4 did, with confidences as informative (log loss 0.051 before, 0.048), and
 * the density pass at 10,000 units searches 48,000 cells instead of 86,000.
 */
const REFINE_WIDTH = 2
/** A band of more cells than this many bands of REFINE_WIDTH is wide (see alignAround). */
const WIDE_BAND_CELLS = 1.25
/**
 * Beads this sure keep a band of SURE_WIDTH in the next pass (see refineWidths). On real text
 * (10,000 and 20,000 units and the development documents) strict F1 and the share of wrong beads
 * below the low-confidence mark stay the same, and the word passes search half the cells.
 */
const SURE_BEAD = 0.99
const SURE_WIDTH = 1
/** Sentences on each side of a position that its local length ratio is measured over. */
const RATIO_WINDOW = 40
/**
 * How much the lexical evidence counts against the length model: word pairs learned from a few
 * hundred beads are noisy, from thousands they are reliable. The weight rises from 0.5 at 1,000
 * training beads to 1 at 8,000 (on real text: 10,000 units 0.923 -> 0.935 strict F1, 20,000
 * 0.897 -> 0.907; at 1,000 units and below a weight of 1 lost 0.03).
 */
function lexicalWeight(trainingBeads: number): number {
  return 0.5 + 0.5 * Math.min(1, Math.max(0, Math.log2(trainingBeads / 1000) / 3))
}
/** Passes with word evidence after the first. */
const LEXICAL_PASSES = 2
/** Beads of expected counts the default bead priors weigh as. */
const PRIOR_STRENGTH = 20
/** The length model's spread and wide share before anything is learned. */
const INITIAL_SIGMA = 0.2
const WIDE_SHARE = 0.1
/** Below this many source sentences the lexical model is not used (see alignSentences). */
const SHORT_TEXT = 58
/**
 * The model counts lengths, anchors and words as independent evidence, so its posteriors come out
 * too sure: a wrong bead in a run shifted by one often scores 0.9. The final pass's posteriors
 * are tempered (bead costs × 0.6 in the forward–backward sums; the path is unchanged). On real
 * parallel text (the development documents, 1,000 and 10,000 units) 0.7 gives the lowest log
 * loss (0.046), but only 46% of the wrong beads fall below the 0.6 that flags a row; 0.6 flags
 * 54% of them and 1.2% of the right ones (log loss 0.051), 0.5 60% and 1.7%.
 */
const POSTERIOR_SHARPNESS = 0.6
/** Dictionary pairs a text must hold for the dictionary to be used (see alignSentences). */
const MIN_GIVEN_PAIRS = 20
/** Beads at least this sure in the first pass teach word pairs. */
const LEARN_CONFIDENCE = 0.8

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

const LENGTH_TABLE_RANGE = 16
const LENGTH_TABLE_STEPS = 128
/** lengthCost on a grid of |δ| (interpolated error below 1e-5): the lengths-only pass calls it millions of times. */
const LENGTH_TABLE = Float64Array.from({ length: LENGTH_TABLE_RANGE * LENGTH_TABLE_STEPS + 2 }, (_, k) => lengthCost(k / LENGTH_TABLE_STEPS))

export function tabulatedLengthCost(delta: number): number {
  const at = (delta < 0 ? -delta : delta) * LENGTH_TABLE_STEPS
  if (at >= LENGTH_TABLE_RANGE * LENGTH_TABLE_STEPS) return lengthCost(delta)
  const k = at | 0
  return LENGTH_TABLE[k] + (at - k) * (LENGTH_TABLE[k + 1] - LENGTH_TABLE[k])
}

/**
 * What text in brackets or parentheses counts for in a sentence's length. Translators put their
 * explanations there ("the Kafarah (disbelievers in Allah …)", "[ابلاغ]"), often on one side only,
 * so counted in full they make a sentence look twice as long as its translation. On real parallel
 * text counting them at half raised strict F1 from 0.985 to 1.000 on clean text and from 0.858 to
 * 0.903 with merges and left-out units (0 and 0.25 scored within 0.01 of 0.5).
 */
const BRACKETED_SHARE = 0.5

/**
 * Character count without white space or ZWNJ (spacing conventions differ between the
 * languages), bracketed text counted at BRACKETED_SHARE and the brackets not at all.
 */
export function sentenceLength(sentence: string): number {
  let length = 0
  let depth = 0
  for (let i = 0; i < sentence.length; i++) {
    const code = sentence.charCodeAt(i)
    if (code === 32 || code === 9 || code === 10 || code === 13 || code === 0x200c || code === 0xa0) continue
    if (code === 40 || code === 91) depth++
    else if (code === 41 || code === 93) depth = depth > 0 ? depth - 1 : 0
    else length += depth > 0 ? BRACKETED_SHARE : 1
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

/**
 * The length model as densities, so that beads of every shape are compared on one scale. The
 * target is generated from the source: a target sentence is either generated from source
 * sentences (log length ratio x = log((lt + k) / (c · (ls + k))) drawn from a normal with a
 * wide component for translators' additions) or on its own (log length drawn from the text's
 * distribution of target lengths); both pay for the length in characters (the Jacobian), and a
 * bead generating several target sentences pays for where the breaks fall. Source sentences
 * are given, so leaving one out costs only its prior: no length can make that impossible.
 */
export interface LengthModel {
  /** Spread of the log length ratio of a translated bead. */
  sigma: number
  /** Share of beads drawn from the wide component (sigma × WIDE_FACTOR). */
  wide: number
  /** Mean and spread of log(lt + k) over all target sentences. */
  targetMean: number
  targetSpread: number
}

const LENGTH_SMOOTHING = 10
const WIDE_FACTOR = 3
/** Gale and Church's variance per character (8 for the lengths) as a variance of the log ratio. */
const PER_CHARACTER = 4
const LOG_ROOT_TWO_PI = 0.5 * Math.log(2 * Math.PI)

/** -log density of the length mixture at z = x / σ, in units of σ (add log σ for x). */
function mixtureCost(z: number, model: LengthModel): number {
  const narrow = Math.log(1 - model.wide) - (z * z) / 2
  const wide = Math.log(model.wide) - Math.log(WIDE_FACTOR) - (z * z) / (2 * WIDE_FACTOR * WIDE_FACTOR)
  const top = narrow > wide ? narrow : wide
  return LOG_ROOT_TWO_PI - (top + Math.log(Math.exp(narrow - top) + Math.exp(wide - top)))
}

/**
 * Spread of the log length ratio for a bead of `mean` characters: the translator's own share
 * (sigma, the same at every length) plus counting noise that shrinks with length (Gale and
 * Church's variance per character, in log terms).
 */
function spread(model: LengthModel, mean: number): number {
  return Math.sqrt(model.sigma * model.sigma + PER_CHARACTER / (mean + LENGTH_SMOOTHING))
}

/** -log density of a target sentence's length when no source sentence generated it. */
function unpairedTerm(model: LengthModel, lt: number): number {
  const y = Math.log(lt + LENGTH_SMOOTHING)
  const z = (y - model.targetMean) / model.targetSpread
  return LOG_ROOT_TWO_PI + Math.log(model.targetSpread) + (z * z) / 2 + y
}

function targetLengthModel(cumT: Float64Array, m: number): { targetMean: number; targetSpread: number } {
  let sum = 0
  let squares = 0
  for (let t = 0; t < m; t++) {
    const y = Math.log(cumT[t + 1] - cumT[t] + LENGTH_SMOOTHING)
    sum += y
    squares += y * y
  }
  const mean = sum / m
  return { targetMean: mean, targetSpread: Math.max(0.25, Math.sqrt(Math.max(0, squares / m - mean * mean))) }
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

/** The sentences that begin a paragraph (AlignOptions.paragraphs), from each sentence's paragraph. */
export function paragraphStartsOf(paragraphOfSentence: readonly number[]): number[] {
  return paragraphOfSentence.flatMap((paragraph, k) => (k === 0 || paragraphOfSentence[k - 1] !== paragraph ? [k] : []))
}

/**
 * A long text without paragraphs is first placed in blocks of a few sentences a side, as if they
 * were paragraphs (see paragraphCentre): the blocks' path is never far off, so the sentence
 * search starts in a narrow band around it instead of ±24 sentences around the length diagonal,
 * which drifts where the length ratio changes. At 10,000 real units the first pass searched
 * 201,000 cells instead of 583,000 (every bead the same).
 */
const BLOCK_TEXT = 1000
const BLOCK_SENTENCES = 8
/** Half-width of the block search (in blocks) and of the sentence search around it (in sentences). */
const BLOCK_BAND = 6

/** Starts of as many blocks on each side, of BLOCK_SENTENCES sentences or more. */
function blockStarts(n: number, m: number): { source: number[]; target: number[] } {
  const count = Math.max(1, Math.floor(Math.min(n, m) / BLOCK_SENTENCES))
  return {
    source: range(0, count).map((k) => Math.round((k * n) / count)),
    target: range(0, count).map((k) => Math.round((k * m) / count))
  }
}

/** Fewest paragraphs on each side, and the most one side may have per paragraph of the other, for a paragraph pass. */
const MIN_PARAGRAPHS = 8
const MAX_PARAGRAPH_RATIO = 1.5

/** Sorted, distinct paragraph starts within 0 … count − 1, beginning with 0. */
function paragraphStarts(starts: readonly number[], count: number): number[] {
  const kept = [...new Set([0, ...starts.filter((start) => Number.isInteger(start) && start > 0 && start < count)])]
  return kept.sort((a, b) => a - b)
}

/**
 * The first pass's centre from the paragraphs. Translators segment sentences their own way: in one
 * book 13,627 Persian sentences stand against 17,820 English ones, and the English is longer in one
 * half than in the other, so the sentence counts and the lengths both put the path up to 250
 * sentences from where it is, too far for the band to find it. Paragraphs are kept far more often
 * one for one (a verse, a news paragraph): a lengths-and-anchors pass over whole paragraphs places
 * them, and the sentence search starts within the paragraphs it pairs. Texts with few paragraphs,
 * or paragraphs split very differently on the two sides, keep the length diagonal (null).
 */
function paragraphCentre(
  model: Model,
  given: { source: readonly number[]; target: readonly number[] },
  bandWidth: number
): { from: Int32Array; to: Int32Array } | null {
  const { n, m } = model
  const sourceStarts = paragraphStarts(given.source, n)
  const targetStarts = paragraphStarts(given.target, m)
  const p = sourceStarts.length
  const q = targetStarts.length
  if (p < MIN_PARAGRAPHS || q < MIN_PARAGRAPHS || Math.max(p / q, q / p) > MAX_PARAGRAPH_RATIO) return null
  const at = (cum: Float64Array, starts: number[], count: number) => Float64Array.from([...starts.map((start) => cum[start]), cum[count]])
  const anchorsAt = (side: SideAnchors, starts: number[], count: number): SideAnchors => ({
    ids: side.ids,
    offsets: Int32Array.from([...starts.map((start) => side.offsets[start]), side.offsets[count]])
  })
  const cumS = at(model.cumS, sourceStarts, n)
  const cumT = at(model.cumT, targetStarts, m)
  // Built like the sentences' model (same fields in the same order): code the engine optimized
  // for one is not thrown away when the other arrives.
  const anchors: AnchorTable = {
    source: anchorsAt(model.anchors.source, sourceStarts, n),
    target: anchorsAt(model.anchors.target, targetStarts, m),
    weights: model.anchors.weights,
    names: model.anchors.names
  }
  const paragraphs = newModel(p, q, cumS, cumT, anchors, model.numberAnchor, new Uint8Array(p), new Uint8Array(q), model.length.sigma)
  const diagonal = lengthDiagonal(cumS, cumT, p, q)
  const { beads } = alignAround(paragraphs, { from: diagonal, to: diagonal }, bandWidth, false, true)
  if (beads.length === 0) return null
  // Each paragraph bead as one bead of its sentences: the band covers the sentences it pairs.
  const sentences = (starts: number[], count: number, k: number) => (k + 1 < starts.length ? starts[k + 1] : count) - starts[k]
  const spans = beads.map((bead) => ({
    src: range(
      0,
      bead.src.reduce((sum, k) => sum + sentences(sourceStarts, n, k), 0)
    ),
    tgt: range(
      0,
      bead.tgt.reduce((sum, k) => sum + sentences(targetStarts, m, k), 0)
    ),
    confidence: 0
  }))
  return pathRanges(spans, n)
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

/**
 * The local ratio along a path: target length over source length of the path's 1:1 beads within
 * a window of rows. Left-out sentences and the beads the first pass glued them into are not
 * counted: in a short text two of them bias the ratio enough (1.3 read as 1.08) that gluing a
 * left-out sentence to a neighbour fits the lengths better than leaving it out.
 */
function localRatioAlongPath(cumS: Float64Array, cumT: Float64Array, n: number, beads: AlignedBead[]): Float64Array {
  // Paired source and target length up to each source row (a bead's target spread over its rows).
  const pairedS = new Float64Array(n + 1)
  const pairedT = new Float64Array(n + 1)
  let i = 0
  let j = 0
  for (const bead of beads) {
    const i1 = i + bead.src.length
    const j1 = j + bead.tgt.length
    const paired = bead.src.length === 1 && bead.tgt.length === 1
    const ls = cumS[i1] - cumS[i]
    const lt = cumT[j1] - cumT[j]
    for (let r = i + 1; r <= i1; r++) {
      pairedS[r] = pairedS[r - 1] + (paired ? cumS[r] - cumS[r - 1] : 0)
      pairedT[r] = pairedT[i] + (paired && ls > 0 ? (lt * (cumS[r] - cumS[i])) / ls : 0)
    }
    i = i1
    j = j1
  }
  const global =
    pairedS[n] > 0 && pairedT[n] > 0 ? pairedT[n] / pairedS[n] : cumS[n] > 0 && cumT[cumT.length - 1] > 0 ? cumT[cumT.length - 1] / cumS[n] : 1
  const out = new Float64Array(n + 1)
  for (let r = 0; r <= n; r++) {
    const a = Math.max(0, r - RATIO_WINDOW)
    const b = Math.min(n, r + RATIO_WINDOW)
    const ls = pairedS[b] - pairedS[a]
    const lt = pairedT[b] - pairedT[a]
    out[r] = ls > 0 && lt > 0 ? lt / ls : global
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
  /** Weight of each anchor id (names one side holds far more often count less, see anchors.ts). */
  anchorWeights: Float64Array
  /** 1 for anchors that are numbers. */
  numberAnchor: Uint8Array
  /** Sentences holding a number anchor before each sentence, on each side (prefix counts). */
  numbered: { source: Int32Array; target: Int32Array }
  sourceBoiler: Uint8Array
  targetBoiler: Uint8Array
  /** Local target/source length ratio at each source position. */
  ratio: Float64Array
  length: LengthModel
  priorCost: Float64Array
  lexicon: Lexicon | null
  /**
   * Coverage model: a word of a sentence finds a partner in its translation with probability
   * `hit`, and in an unrelated sentence of w words with probability 1 − (1 − chance)^w.
   */
  coverage: { hit: number; chance: number }
  /** Per-text tables derived from the above (see prepare). */
  fast: Fast
  /** The first pass's cost: Gale and Church's length model and anchors only. */
  firstPass: boolean
  /** Factor on bead costs in the forward–backward sums only (see POSTERIOR_SHARPNESS). */
  sharpness: number
  /** See lexicalWeight. */
  lexicalWeight: number
}

/** Values the search reads in its inner loop, computed once per pass. */
interface Fast {
  /** log(length + k) of each sentence, and of the runs of 2 and 3 ending at each position. */
  logS: Float64Array
  logT: Float64Array
  logS2: Float64Array
  logS3: Float64Array
  logT2: Float64Array
  logT3: Float64Array
  /** Where the breaks between 2 and 3 target sentences may fall (lengthTerm's breaks). */
  breaks2: Float64Array
  breaks3: Float64Array
  logRatio: Float64Array
  /** Cost of each target sentence on its own (unpairedTerm). */
  unpaired: Float64Array
  /** mixtureCost on a grid over [-MIX_RANGE, MIX_RANGE]. */
  mix: Float64Array
  boilerS: Int32Array
  boilerT: Int32Array
  /** Coverage log-ratios for a covering side of w words: hit and miss terms. */
  coverHit: Float64Array
  coverMiss: Float64Array
}

/**
 * A model for the lengths-only pass over n × m units (sentences, or paragraphs and blocks, see
 * paragraphCentre). Every model is made here, its fields in one order and of one kind each
 * (a number field a double from the start, `fast` never null): the engine optimizes the search for
 * the objects it has seen, and a model of another shape made it start over.
 */
function newModel(
  n: number,
  m: number,
  cumS: Float64Array,
  cumT: Float64Array,
  anchors: AnchorTable,
  numberAnchor: Uint8Array,
  sourceBoiler: Uint8Array,
  targetBoiler: Uint8Array,
  sigma: number
): Model {
  const { targetMean, targetSpread } = targetLengthModel(cumT, m)
  const model: Model = {
    n,
    m,
    cumS,
    cumT,
    anchors,
    anchorWeights: anchors.weights,
    numberAnchor,
    numbered: { source: numberedBefore(anchors.source, numberAnchor), target: numberedBefore(anchors.target, numberAnchor) },
    sourceBoiler,
    targetBoiler,
    ratio: localRatioAlongCounts(cumS, cumT, n, m),
    length: { sigma, wide: WIDE_SHARE, targetMean, targetSpread },
    priorCost: Float64Array.from(BEAD_TYPES.map((type) => -Math.log(type[2]))),
    lexicon: null,
    coverage: { hit: 0.5, chance: 0.01 },
    fast: NO_TABLES,
    firstPass: true,
    sharpness: POSTERIOR_SHARPNESS,
    lexicalWeight: lexicalWeight(0)
  }
  model.sharpness = 1
  return model
}

const NO_NUMBERS = new Float64Array(0)
const NO_COUNTS = new Int32Array(0)
/** `fast` until prepare makes the tables (the same fields, so the same shape). */
const NO_TABLES: Fast = fastTables(
  NO_NUMBERS,
  NO_NUMBERS,
  NO_NUMBERS,
  NO_NUMBERS,
  NO_NUMBERS,
  NO_NUMBERS,
  NO_NUMBERS,
  NO_NUMBERS,
  NO_NUMBERS,
  NO_NUMBERS,
  NO_NUMBERS,
  NO_COUNTS,
  NO_COUNTS,
  NO_NUMBERS,
  NO_NUMBERS
)

function fastTables(
  logS: Float64Array,
  logT: Float64Array,
  logS2: Float64Array,
  logS3: Float64Array,
  logT2: Float64Array,
  logT3: Float64Array,
  breaks2: Float64Array,
  breaks3: Float64Array,
  logRatio: Float64Array,
  unpaired: Float64Array,
  mix: Float64Array,
  boilerS: Int32Array,
  boilerT: Int32Array,
  coverHit: Float64Array,
  coverMiss: Float64Array
): Fast {
  return { logS, logT, logS2, logS3, logT2, logT3, breaks2, breaks3, logRatio, unpaired, mix, boilerS, boilerT, coverHit, coverMiss }
}

const MIX_RANGE = 20
const MIX_STEPS = 512

function prepare(model: Model): void {
  const { n, m, cumS, cumT, length } = model
  const logS = new Float64Array(n)
  for (let s = 0; s < n; s++) logS[s] = Math.log(cumS[s + 1] - cumS[s] + LENGTH_SMOOTHING)
  const logT = new Float64Array(m)
  const unpaired = new Float64Array(m)
  for (let t = 0; t < m; t++) {
    logT[t] = Math.log(cumT[t + 1] - cumT[t] + LENGTH_SMOOTHING)
    unpaired[t] = unpairedTerm(length, cumT[t + 1] - cumT[t])
  }
  const logRatio = new Float64Array(n + 1)
  for (let i = 0; i <= n; i++) logRatio[i] = Math.log(model.ratio[i])
  const runs = (cum: Float64Array, count: number, span: number, f: (length: number) => number) => {
    const out = new Float64Array(count + 1)
    for (let e = span; e <= count; e++) out[e] = f(cum[e] - cum[e - span])
    return out
  }
  const logOf = (length: number) => Math.log(length + LENGTH_SMOOTHING)
  const logS2 = runs(cumS, n, 2, logOf)
  const logS3 = runs(cumS, n, 3, logOf)
  const logT2 = runs(cumT, m, 2, logOf)
  const logT3 = runs(cumT, m, 3, logOf)
  const breaks2 = runs(cumT, m, 2, (length) => Math.log(length + 1))
  const breaks3 = runs(cumT, m, 3, (length) => 2 * Math.log(length + 1) - Math.LN2)
  const mix = new Float64Array(2 * MIX_RANGE * MIX_STEPS + 2)
  for (let k = 0; k < mix.length; k++) mix[k] = mixtureCost(k / MIX_STEPS - MIX_RANGE, length)
  const boilerS = new Int32Array(n + 1)
  for (let s = 0; s < n; s++) boilerS[s + 1] = boilerS[s] + model.sourceBoiler[s]
  const boilerT = new Int32Array(m + 1)
  for (let t = 0; t < m; t++) boilerT[t + 1] = boilerT[t] + model.targetBoiler[t]
  const coverHit = new Float64Array(COVER_TABLE)
  const coverMiss = new Float64Array(COVER_TABLE)
  coverageTables(model.coverage, coverHit, coverMiss)
  model.fast = fastTables(logS, logT, logS2, logS3, logT2, logT3, breaks2, breaks3, logRatio, unpaired, mix, boilerS, boilerT, coverHit, coverMiss)
}

const COVER_TABLE = 1024

/** Coverage log-ratios for a covering side of w words (a function of its own, see pairScores). */
function coverageTables({ hit, chance }: { hit: number; chance: number }, coverHit: Float64Array, coverMiss: Float64Array): void {
  for (let w = 0; w < COVER_TABLE; w++) {
    const p0 = Math.min(1 - Math.pow(1 - chance, w), hit - 0.05)
    coverHit[w] = Math.log(hit / p0)
    coverMiss[w] = Math.log((1 - hit) / (1 - p0))
  }
}

/** mixtureCost(z) from the grid, interpolated; exact outside it. */
function mixCost(model: Model, z: number): number {
  const at = (z + MIX_RANGE) * MIX_STEPS
  if (at < 0 || at >= 2 * MIX_RANGE * MIX_STEPS) return mixtureCost(z, model.length)
  const k = at | 0
  const table = model.fast.mix
  return table[k] + (at - k) * (table[k + 1] - table[k])
}

/** Lexical evidence of the sentence pairs a band can put in one bead, row by row. */
interface PairScores {
  from: Int32Array
  to: Int32Array
  start: Int32Array
  /** Covered words of t (high 16 bits) and of s (low 16 bits) for each pair. */
  cover: Int32Array
  /** Which words they are, MASK_INTS numbers a pair (see PairCoverage). */
  masks: Int32Array
}

const MASK_INTS = 4

/** A search of the same model in an earlier band: its bead costs hold (Infinity: not computed). */
interface Earlier {
  band: Band
  costs: Float32Array
  /** Bead types per cell in costs (ROUTE_TYPES or TYPE_COUNT). */
  stride: number
  /** Its word scores (the same lexicon): a retry reuses the sentence pairs it scored. */
  scores: PairScores | null
}

interface SearchResult {
  /** Bead types per cell in costs. */
  stride: number
  scores: PairScores | null
  /** Bead costs per cell and type, for a wider search of the same model to reuse. */
  costs: Float32Array
  beads: AlignedBead[]
  /** Rows where the best path touched the band's edge. */
  touched: number[]
  /** Expected number of beads of each type over all paths (for learning the priors). */
  expected: Float64Array
}

const TYPE_COUNT = BEAD_TYPES.length
const DS = Int32Array.from(BEAD_TYPES.map((type) => type[0]))
const DT = Int32Array.from(BEAD_TYPES.map((type) => type[1]))
const MAX_SPAN = 3
/** The bead shapes a route-finding search tries: the first five of BEAD_TYPES. */
const ROUTE_TYPES = 5

function sharedAnchorWeight(model: Model, s0: number, s1: number, t0: number, t1: number, used: Uint8Array): number {
  const { anchors } = model
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
        weight += model.anchorWeights[id]
        break
      }
    }
  }
  return weight > MAX_ANCHOR_REWARD ? MAX_ANCHOR_REWARD : weight
}

/**
 * Sentences of a merged bead whose numbers all go unmatched on the other side: a year or a sum
 * that the other side lacks says the sentence belongs elsewhere (left out, or in a neighbour).
 */
function strandedNumbers(model: Model, s0: number, s1: number, t0: number, t1: number): number {
  const { anchors, numberAnchor, numbered } = model
  // Most beads hold no sentence with a number: two subtractions instead of a scan.
  if (numbered.source[s1] === numbered.source[s0] && numbered.target[t1] === numbered.target[t0]) return 0
  return (
    strandedOn(anchors.source, anchors.target, numberAnchor, s0, s1, t0, t1) +
    strandedOn(anchors.target, anchors.source, numberAnchor, t0, t1, s0, s1)
  )
}

function numberedBefore(side: { ids: ArrayLike<number>; offsets: ArrayLike<number> }, numberAnchor: Uint8Array): Int32Array {
  const sentences = side.offsets.length - 1
  const before = new Int32Array(sentences + 1)
  for (let k = 0; k < sentences; k++) {
    let has = 0
    for (let a = side.offsets[k]; a < side.offsets[k + 1]; a++) if (numberAnchor[side.ids[a]] === 1) has = 1
    before[k + 1] = before[k] + has
  }
  return before
}

function strandedOn(
  side: { ids: ArrayLike<number>; offsets: ArrayLike<number> },
  other: { ids: ArrayLike<number>; offsets: ArrayLike<number> },
  numberAnchor: Uint8Array,
  k0: number,
  k1: number,
  o0: number,
  o1: number
): number {
  let stranded = 0
  for (let k = k0; k < k1; k++) {
    let numbers = 0
    let matched = false
    for (let a = side.offsets[k]; a < side.offsets[k + 1] && !matched; a++) {
      const id = side.ids[a]
      if (numberAnchor[id] === 0) continue
      numbers++
      for (let b = other.offsets[o0]; b < other.offsets[o1]; b++) {
        if (other.ids[b] === id) {
          matched = true
          break
        }
      }
    }
    if (numbers > 0 && !matched) stranded++
  }
  return stranded
}

/**
 * The coverage of every sentence pair a band's beads can hold (see coverageEvidence). Its loops
 * are functions of their own, returning typed arrays (see scoredTargets): a loop compiled while
 * it runs loses its code on reaching a line that had not run before, and this runs every pass.
 */
function pairScores(model: Model, band: Band, earlier: PairScores | null): PairScores | null {
  const { lexicon, n } = model
  if (!lexicon || lexicon.size === 0) return null
  const from = new Int32Array(n)
  const to = new Int32Array(n)
  const start = scoredTargets(model, band, from, to)
  const cover = new Int32Array(start[n])
  const masks = new Int32Array(start[n] * MASK_INTS)
  scorePairs(model, lexicon, earlier, from, to, start, cover, masks)
  return { from, to, start, cover, masks }
}

/** The targets [from[s], to[s]] each source sentence s can pair with in the band; their rows' starts. */
function scoredTargets(model: Model, band: Band, from: Int32Array, to: Int32Array): Int32Array {
  const { n, m } = model
  const start = new Int32Array(n + 1)
  for (let s = 0; s < n; s++) {
    // Source sentence s ends in rows s+1 … s+3; the beads there reach back up to 3 targets.
    from[s] = Math.max(0, band.lo[s + 1] - MAX_SPAN)
    to[s] = Math.min(m - 1, band.hi[Math.min(n, s + MAX_SPAN)] - 1)
    start[s + 1] = start[s] + Math.max(0, to[s] - from[s] + 1)
  }
  return start
}

function scorePairs(
  model: Model,
  lexicon: Lexicon,
  earlier: PairScores | null,
  from: Int32Array,
  to: Int32Array,
  start: Int32Array,
  cover: Int32Array,
  masks: Int32Array
): void {
  const { n } = model
  const coverage = new PairCoverage(lexicon)
  for (let s = 0; s < n; s++) {
    if (earlier && from[s] >= earlier.from[s] && to[s] <= earlier.to[s]) {
      // Scored already by the search this one widens.
      const at = earlier.start[s] + from[s] - earlier.from[s]
      const count = to[s] - from[s] + 1
      cover.set(earlier.cover.subarray(at, at + count), start[s])
      masks.set(earlier.masks.subarray(at * MASK_INTS, (at + count) * MASK_INTS), start[s] * MASK_INTS)
      continue
    }
    coverage.select(s)
    for (let t = from[s]; t <= to[s]; t++) {
      const at = start[s] + t - from[s]
      cover[at] = coverage.of(t, masks, at * MASK_INTS)
    }
  }
}

/**
 * Lexical evidence of a bead as coverage: for each sentence, how many of its words find a
 * partner on the other side of the bead, against how many would by chance. Words left without a
 * partner count against the bead, so taking in an unrelated neighbour costs instead of paying.
 */
function coverageEvidence(model: Model, scores: PairScores, s0: number, s1: number, t0: number, t1: number): number {
  const lexicon = model.lexicon!
  const { coverHit, coverMiss } = model.fast
  const sourceWordsOf = lexicon.source.words
  const targetWordsOf = lexicon.target.words
  const { from, to, start, cover, masks } = scores
  let sourceWords = 0
  for (let s = s0; s < s1; s++) sourceWords += sourceWordsOf[s]
  let targetWords = 0
  for (let t = t0; t < t1; t++) targetWords += targetWordsOf[t]
  if (sourceWords >= COVER_TABLE) sourceWords = COVER_TABLE - 1
  if (targetWords >= COVER_TABLE) targetWords = COVER_TABLE - 1
  let sum = 0
  if (s1 - s0 === 1 && t1 - t0 === 1) {
    // One pair: its counts as they are.
    if (sourceWords === 0 || targetWords === 0) return 0
    const inBand = t0 >= from[s0] && t0 <= to[s0]
    const packed = inBand ? cover[start[s0] + t0 - from[s0]] : 0
    const wordsT = targetWordsOf[t0]
    const wordsS = sourceWordsOf[s0]
    const coveredT = Math.min(wordsT, packed >>> 16)
    const coveredS = Math.min(wordsS, packed & 0xffff)
    return (
      (coveredT * coverHit[sourceWords] +
        (wordsT - coveredT) * coverMiss[sourceWords] +
        coveredS * coverHit[targetWords] +
        (wordsS - coveredS) * coverMiss[targetWords]) /
      2
    )
  }
  // Several sentences on a side: a word covered from two of them counts once (the union of the
  // masks), so a neighbour that only repeats words the bead already covers adds nothing but its
  // uncovered words. Summed counts let a left-out sentence that shares a few words with its
  // neighbour's translation pass as half of a merge.
  if (sourceWords > 0) {
    for (let t = t0; t < t1; t++) {
      const words = targetWordsOf[t]
      if (words === 0) continue
      let low = 0
      let high = 0
      let beyondMasks = 0
      for (let s = s0; s < s1; s++) {
        if (t < from[s] || t > to[s]) continue
        const at = start[s] + t - from[s]
        const m = at * MASK_INTS
        low |= masks[m]
        high |= masks[m + 1]
        beyondMasks += (cover[at] >>> 16) - bitCount(masks[m]) - bitCount(masks[m + 1])
      }
      let covered = bitCount(low) + bitCount(high) + beyondMasks
      if (covered > words) covered = words
      sum += covered * coverHit[sourceWords] + (words - covered) * coverMiss[sourceWords]
    }
  }
  if (targetWords > 0) {
    for (let s = s0; s < s1; s++) {
      const words = sourceWordsOf[s]
      if (words === 0) continue
      let low = 0
      let high = 0
      let beyondMasks = 0
      const f = from[s]
      const g = to[s]
      const base = start[s] - f
      for (let t = t0; t < t1; t++) {
        if (t < f || t > g) continue
        const m = (base + t) * MASK_INTS
        low |= masks[m + 2]
        high |= masks[m + 3]
        beyondMasks += (cover[base + t] & 0xffff) - bitCount(masks[m + 2]) - bitCount(masks[m + 3])
      }
      let covered = bitCount(low) + bitCount(high) + beyondMasks
      if (covered > words) covered = words
      sum += covered * coverHit[targetWords] + (words - covered) * coverMiss[targetWords]
    }
  }
  return sum / 2
}

/**
 * Beads the coverage model is fitted on at most: on the real parallel text 3,000 give the same
 * beads as all of them (the development documents, 1,000 and 10,000 units, compared bead by bead;
 * confidences by 0.008 at most), in a third of the time at 10,000 units.
 */
const COVERAGE_FIT_BEADS = 3000

/** Fits the coverage model on a pass's 1:1 beads (hits) and on sentences two rows off (chance). */
function fitCoverage(lexicon: Lexicon, beads: AlignedBead[], m: number): { hit: number; chance: number } {
  const coverage = new PairCoverage(lexicon)
  let hits = 1
  let tries = 2
  let chanceHits = 1
  let chanceTries = 10
  // Two rates need no more than a few thousand beads, taken evenly over a long text.
  const step = Math.max(1, Math.floor(beads.length / COVERAGE_FIT_BEADS))
  let seen = 0
  for (const bead of beads) {
    if (bead.src.length !== 1 || bead.tgt.length !== 1) continue
    if (seen++ % step !== 0) continue
    const s = bead.src[0]
    const t = bead.tgt[0]
    const ws = lexicon.source.words[s]
    const wt = lexicon.target.words[t]
    coverage.select(s)
    const own = coverage.of(t)
    hits += (own >>> 16) + (own & 0xffff)
    tries += ws + wt
    for (const other of [t - 2, t + 2]) {
      if (other < 0 || other >= m) continue
      const wo = lexicon.target.words[other]
      const off = coverage.of(other)
      chanceHits += (off >>> 16) + (off & 0xffff)
      chanceTries += wo * ws * 2
    }
  }
  return { hit: Math.min(0.95, hits / tries), chance: chanceHits / chanceTries }
}

function beadCost(model: Model, scores: PairScores | null, type: number, i: number, j: number, used: Uint8Array): number {
  return model.firstPass ? routeCost(model, type, i, j, used) : densityCost(model, scores, type, i, j, used)
}

/**
 * Gale and Church's model, for the lengths-only pass: a left-out sentence costs its prior only,
 * and a glued one a mismatch that grows with its length, whatever the local ratio's error.
 */
function routeCost(model: Model, type: number, i: number, j: number, used: Uint8Array): number {
  const ds = DS[type]
  const dt = DT[type]
  const s0 = i - ds
  const t0 = j - dt
  let cost = model.priorCost[type]
  if (ds > 0 && dt > 0) {
    const ls = model.cumS[i] - model.cumS[s0]
    const lt = model.cumT[j] - model.cumT[t0]
    const ratio = model.ratio[s0]
    cost += tabulatedLengthCost((lt - ratio * ls) / Math.sqrt(DEFAULT_VARIANCE * ((ls + lt / ratio) / 2)))
    if (model.anchors.source.offsets[s0] !== model.anchors.source.offsets[i] && model.anchors.target.offsets[t0] !== model.anchors.target.offsets[j])
      cost -= sharedAnchorWeight(model, s0, i, t0, j, used)
    if (ds + dt > 2) cost += STRANDED_NUMBER_COST * strandedNumbers(model, s0, i, t0, j)
  }
  return cost + boilerplateCost(model.fast, ds, dt, i, j)
}

/** The density length model (see LengthModel), anchors and word evidence, for the later passes. */
function densityCost(model: Model, scores: PairScores | null, type: number, i: number, j: number, used: Uint8Array): number {
  const ds = DS[type]
  const dt = DT[type]
  const s0 = i - ds
  const t0 = j - dt
  const fast = model.fast
  let cost = model.priorCost[type]
  if (ds > 0 && dt > 0) {
    // From precomputed logarithms.
    const logT = dt === 1 ? fast.logT[t0] : dt === 2 ? fast.logT2[j] : fast.logT3[j]
    const breaks = dt === 1 ? 0 : dt === 2 ? fast.breaks2[j] : fast.breaks3[j]
    const logS = ds === 1 ? fast.logS[s0] : ds === 2 ? fast.logS2[i] : fast.logS3[i]
    const sigma = spread(model.length, (model.cumS[i] - model.cumS[s0] + (model.cumT[j] - model.cumT[t0]) / model.ratio[s0]) / 2)
    cost += mixCost(model, (logT - fast.logRatio[s0] - logS) / sigma) + Math.log(sigma) + logT + breaks
    if (model.anchors.source.offsets[s0] !== model.anchors.source.offsets[i] && model.anchors.target.offsets[t0] !== model.anchors.target.offsets[j])
      cost -= sharedAnchorWeight(model, s0, i, t0, j, used)
    if (scores) cost -= model.lexicalWeight * coverageEvidence(model, scores, s0, i, t0, j)
  } else if (dt > 0) {
    cost += fast.unpaired[t0]
  }
  return cost + boilerplateCost(fast, ds, dt, i, j)
}

/** Boilerplate belongs alone: cheap as a 1:0 / 0:1 bead, expensive inside a translated bead. */
function boilerplateCost(fast: Fast, ds: number, dt: number, i: number, j: number): number {
  const boiler = fast.boilerS[i] - fast.boilerS[i - ds] + fast.boilerT[j] - fast.boilerT[j - dt]
  if (boiler === 0) return 0
  return ds + dt === 1 ? -BOILERPLATE_BONUS : BOILERPLATE_BONUS * boiler
}

/**
 * Best path (Viterbi) in the band, then, unless the caller will search again because the path
 * touched the band's edge, the posterior of each of its beads (forward–backward). Each stage is a
 * function of its own: the engine optimizes a hot loop while it runs, and a function holding
 * several would be thrown back to the interpreter each time a later loop first runs.
 */
function search(model: Model, band: Band, mayRetry: boolean, wantExpected: boolean, earlier: Earlier | null = null, pathOnly = false): SearchResult {
  // A path-only search of the lengths-only pass finds the route; the passes after it place the
  // rarer shapes (2:2, 1:3, 3:1) in their band around it. A third less work where the band is widest.
  const stride = pathOnly && model.firstPass ? ROUTE_TYPES : TYPE_COUNT
  // The lengths-only pass reads no word evidence, even when a dictionary gave some.
  const scores = model.firstPass ? null : pairScores(model, band, earlier?.scores ?? null)
  // Every bead's cost is kept (one float per cell and type) so the other passes need not redo it.
  // Only the types searched are kept: the route search of a long text needs 5 of 8 per cell.
  const costs = new Float32Array(band.cells * stride).fill(Infinity)
  if (earlier) copyEarlierCosts(model.n, band, costs, stride, earlier)
  // Back pointers filled in place: a function that returns a new object after its loop lost its
  // optimized code on first reaching that line (the loop was compiled before the line had run).
  const back = new Int8Array(band.cells).fill(-1)
  const best = viterbi(model, band, costs, stride, scores, back)
  const endCell = band.rowStart[model.n] + model.m - band.lo[model.n]
  const expected = new Float64Array(TYPE_COUNT)
  if (best[endCell] === Infinity) return { costs, stride, scores, beads: [], touched: [model.n], expected }
  const { beads, beadCells, beadTypes, touched } = traceBack(model, band, back)
  if ((touched.length > 0 && mayRetry) || pathOnly) return { costs, stride, scores, beads, touched, expected }

  const forward = forwardSums(model.n, band, costs, model.sharpness)
  const backward = backwardSums(model.n, band, costs, model.sharpness, endCell)
  const logZ = forward[endCell]
  const { rowStart, lo } = band
  beads.forEach((bead, k) => {
    const cell = beadCells[k]
    const type = beadTypes[k]
    const pi = bead.src.length > 0 ? bead.src[0] : cellRow(band, cell)
    const pj = bead.tgt.length > 0 ? bead.tgt[0] : cell - rowStart[cellRow(band, cell)] + lo[cellRow(band, cell)]
    const prev = rowStart[pi] + pj - lo[pi]
    const posterior = Math.exp(-(forward[prev] + costs[cell * TYPE_COUNT + type] * model.sharpness + backward[cell] - logZ))
    bead.confidence = Math.min(1, Math.max(0, posterior))
  })
  if (wantExpected) expectedCounts(model.n, band, costs, forward, backward, logZ, expected)
  return { costs, stride, scores, beads, touched, expected }
}

/**
 * The earlier band's costs are copied over first, row by row where the bands overlap (one block
 * copy a row when both keep the same bead types): a retry of a wide band is mostly this.
 */
function copyEarlierCosts(n: number, band: Band, costs: Float32Array, stride: number, earlier: Earlier): void {
  const { lo, hi, rowStart } = band
  const { lo: knownLo, hi: knownHi, rowStart: knownStart } = earlier.band
  const known = earlier.stride
  for (let i = 0; i <= n; i++) {
    const a = Math.max(lo[i], knownLo[i])
    const b = Math.min(hi[i], knownHi[i])
    if (a > b) continue
    const from = (knownStart[i] + a - knownLo[i]) * known
    const to = (rowStart[i] + a - lo[i]) * stride
    if (known === stride) costs.set(earlier.costs.subarray(from, from + (b - a + 1) * stride), to)
    else
      for (let k = 0; k <= b - a; k++)
        for (let type = 0; type < Math.min(known, stride); type++) costs[to + k * stride + type] = earlier.costs[from + k * known + type]
  }
}

/** The most anchors three consecutive rows of a side hold (48 a sentence at most, more in paragraphs). */
function widestAnchorSpan(side: SideAnchors): number {
  const { offsets } = side
  let widest = 256
  for (let k = 0; k + 3 < offsets.length; k++) if (offsets[k + 3] - offsets[k] > widest) widest = offsets[k + 3] - offsets[k]
  return widest
}

/** The bead type that adds a target sentence in the same row (0:1): the one type not from a row above. */
const SAME_ROW_TYPE = BEAD_TYPES.findIndex((type) => type[0] === 0)

/**
 * Cheapest cost to each cell, and in `back` the bead type that reaches it there (costs filled as
 * needed).
 * Row by row, one type at a time over the cells it can reach (its bounds computed once a row, not
 * tested in every cell); the type from the same row comes last, cell after cell. Ties go to the
 * earliest type, as in a loop over the types of each cell.
 */
function viterbi(model: Model, band: Band, costs: Float32Array, stride: number, scores: PairScores | null, back: Int8Array): Float64Array {
  const { n } = model
  const { lo, hi, rowStart, cells } = band
  const best = new Float64Array(cells).fill(Infinity)
  // Scratch marks for the anchors of up to three target sentences (or paragraphs, see paragraphCentre).
  const used = new Uint8Array(widestAnchorSpan(model.anchors.target))
  best[0] = 0
  for (let i = 0; i <= n; i++) {
    const rowLo = lo[i]
    const rowHi = hi[i]
    const base = rowStart[i] - rowLo
    for (let type = 0; type < stride; type++) {
      const pi = i - DS[type]
      if (type === SAME_ROW_TYPE || pi < 0) continue
      const dt = DT[type]
      const from = Math.max(rowLo, lo[pi] + dt)
      const to = Math.min(rowHi, hi[pi] + dt)
      // prev = the cell (pi, j - dt)
      const prevBase = rowStart[pi] - lo[pi] - dt
      for (let j = from; j <= to; j++) {
        const before = best[prevBase + j]
        if (before === Infinity) continue
        const cell = base + j
        const at = cell * stride + type
        let cost = costs[at]
        if (cost === Infinity) cost = costs[at] = beadCost(model, scores, type, i, j, used)
        if (before + cost < best[cell]) {
          best[cell] = before + cost
          back[cell] = type
        }
      }
    }
    if (SAME_ROW_TYPE >= stride) continue
    for (let j = rowLo + 1; j <= rowHi; j++) {
      const cell = base + j
      const before = best[cell - 1]
      if (before === Infinity) continue
      const at = cell * stride + SAME_ROW_TYPE
      let cost = costs[at]
      if (cost === Infinity) cost = costs[at] = beadCost(model, scores, SAME_ROW_TYPE, i, j, used)
      const via = before + cost
      if (via < best[cell] || (via === best[cell] && back[cell] > SAME_ROW_TYPE)) {
        best[cell] = via
        back[cell] = SAME_ROW_TYPE
      }
    }
  }
  return best
}

/** The best path's beads from the back pointers, and the rows where it touched the band's edge. */
function traceBack(model: Model, band: Band, back: Int8Array): { beads: AlignedBead[]; beadCells: number[]; beadTypes: number[]; touched: number[] } {
  const { n, m } = model
  const { lo, hi, rowStart } = band
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
  return { beads, beadCells, beadTypes, touched }
}

/** forward[cell] = -log Σ over paths from the start to the cell. */
function forwardSums(n: number, band: Band, costs: Float32Array, sharpness: number): Float64Array {
  const { lo, hi, rowStart, cells } = band
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
        const cost = costs[cell * TYPE_COUNT + type] * sharpness
        if (cost === Infinity) continue
        const pi = i - DS[type]
        const pj = j - DT[type]
        // Costs copied from an earlier band may lead from outside this one.
        if (pi < 0 || pj < lo[pi] || pj > hi[pi]) continue
        const value = forward[rowStart[pi] + pj - lo[pi]] + cost
        if (value === Infinity) continue
        terms[count++] = value
        if (value < low) low = value
      }
      forward[cell] = logSum(terms, count, low)
    }
  }
  return forward
}

/** backward[cell] = -log Σ over paths from the cell to the end. */
function backwardSums(n: number, band: Band, costs: Float32Array, sharpness: number, endCell: number): Float64Array {
  const { lo, hi, rowStart, cells } = band
  const backward = new Float64Array(cells).fill(Infinity)
  const terms = new Float64Array(TYPE_COUNT)
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
        const cost = costs[next * TYPE_COUNT + type] * sharpness
        if (cost === Infinity || backward[next] === Infinity) continue
        const value = backward[next] + cost
        terms[count++] = value
        if (value < low) low = value
      }
      backward[cell] = logSum(terms, count, low)
    }
  }
  return backward
}

/** Expected number of beads of each type over all paths, added into `expected`. */
function expectedCounts(
  n: number,
  band: Band,
  costs: Float32Array,
  forward: Float64Array,
  backward: Float64Array,
  logZ: number,
  expected: Float64Array
): void {
  const { lo, hi, rowStart } = band
  for (let i = 0; i <= n; i++) {
    const rowLo = lo[i]
    for (let j = rowLo; j <= hi[i]; j++) {
      const cell = rowStart[i] + j - rowLo
      const after = backward[cell]
      if (after === Infinity) continue
      for (let type = 0; type < TYPE_COUNT; type++) {
        const cost = costs[cell * TYPE_COUNT + type]
        if (cost === Infinity) continue
        const pi = i - DS[type]
        const pj = j - DT[type]
        if (pi < 0 || pj < lo[pi] || pj > hi[pi]) continue
        const logP = logZ - forward[rowStart[pi] + pj - lo[pi]] - cost - after
        if (logP > -30) expected[type] += Math.exp(logP)
      }
    }
  }
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
  initialWidth: number | Int32Array,
  wantExpected = false,
  pathOnly = false
): { beads: AlignedBead[]; bandWidth: number; expected: Float64Array; cells: number; searched: number } {
  const { n, m } = model
  const widest = Math.max(n, m) + 1
  const width = typeof initialWidth === 'number' ? new Int32Array(n + 1).fill(Math.max(2, initialWidth)) : initialWidth.slice()
  let { from, to } = centre
  // The model does not change between rounds: its tables are made once, and a wider band reuses
  // the cells already costed.
  prepare(model)
  let earlier: Earlier | null = null
  let searched = 0
  for (let round = 0; ; round++) {
    const band = bandAround(from, to, width, n, m)
    searched += band.cells
    // A band much wider than the refining passes' finds the path only; the posteriors are summed
    // in a band of REFINE_WIDTH around it (the path is the best there too), a third of the cells.
    // A band widened in a few places only is not: a second search would cost more than it saves
    // (and a band of REFINE_WIDTH everywhere loses what refineWidths narrowed).
    const wide = band.cells > WIDE_BAND_CELLS * (n + 1) * (2 * REFINE_WIDTH + 1)
    const result = search(model, band, round < MAX_ROUNDS && bandWidthOf(width) < widest, wantExpected, earlier, wide || pathOnly)
    earlier = { band, costs: result.costs, stride: result.stride, scores: result.scores }
    let bandWidth = 0
    for (let r = 0; r <= n; r++) if (width[r] > bandWidth) bandWidth = width[r]
    if (result.touched.length === 0 || bandWidth >= widest || round >= MAX_ROUNDS) {
      if (!wide || pathOnly || result.beads.length === 0)
        return { beads: result.beads, bandWidth, expected: result.expected, cells: band.cells, searched }
      const path = pathRanges(result.beads, n)
      const narrow = bandAround(path.from, path.to, new Int32Array(n + 1).fill(REFINE_WIDTH), n, m)
      const final = search(model, narrow, false, wantExpected, earlier)
      return { beads: final.beads, bandWidth, expected: final.expected, cells: band.cells, searched: searched + narrow.cells }
    }
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
 * Half-widths for a refining pass around a path: rows inside beads the pass before was all but
 * sure of get a narrower band (they seldom move, and a move that reaches the edge widens it).
 */
function refineWidths(beads: AlignedBead[], n: number, widest: number): Int32Array {
  const width = new Int32Array(n + 1).fill(widest)
  let i = 0
  for (const bead of beads) {
    const i1 = i + bead.src.length
    if (bead.confidence >= SURE_BEAD) for (let r = i + 1; r <= i1; r++) width[r] = Math.min(widest, SURE_WIDTH)
    i = i1
  }
  return width
}

/**
 * Bead-type priors from the expected counts of a pass, smoothed towards the defaults: a text with
 * many left-out sentences makes 1:0 / 0:1 beads cheaper, a clean one makes them dearer.
 */
function learnPriors(expected: Float64Array): Float64Array {
  let total = 0
  for (const count of expected) total += count
  return Float64Array.from(BEAD_TYPES.map((type, k) => -Math.log((expected[k] + PRIOR_STRENGTH * type[2]) / (total + PRIOR_STRENGTH))))
}

/** Spread of the log length ratio over a pass's 1:1 beads (robust: median absolute value). */
function learnSpread(model: Model, beads: AlignedBead[]): number {
  const residuals: number[] = []
  for (const bead of beads) {
    if (bead.src.length !== 1 || bead.tgt.length !== 1) continue
    const s = bead.src[0]
    const t = bead.tgt[0]
    const ls = model.cumS[s + 1] - model.cumS[s]
    const lt = model.cumT[t + 1] - model.cumT[t]
    const x = Math.log((lt + LENGTH_SMOOTHING) / (model.ratio[s] * (ls + LENGTH_SMOOTHING)))
    // The translator's share: what is left once counting noise at this length is taken out.
    residuals.push(Math.sqrt(Math.max(0, x * x - PER_CHARACTER / ((ls + lt / model.ratio[s]) / 2 + LENGTH_SMOOTHING))))
  }
  if (residuals.length < 3) return model.length.sigma
  residuals.sort((a, b) => a - b)
  const estimate = 1.4826 * residuals[residuals.length >> 1]
  const strength = 20
  return (strength * model.length.sigma + residuals.length * estimate) / (strength + residuals.length)
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
    return { beads, ratio: 1, variance: DEFAULT_VARIANCE, bandWidth: 0, cells: 0, firstPassCells: 0 }
  }
  const cumS = cumulative(source.map(sentenceLength))
  const cumT = cumulative(target.map(sentenceLength))
  const anchors = buildAnchors(source, target, options.glossary)
  const numberAnchor = Uint8Array.from(anchors.names, (name) => (name.startsWith('number:') ? 1 : 0))
  const sourceBoiler = Uint8Array.from(source.map((sentence) => (looksLikeBoilerplate(sentence) ? 1 : 0)))
  const targetBoiler = Uint8Array.from(target.map((sentence) => (looksLikeBoilerplate(sentence) ? 1 : 0)))
  const model = newModel(n, m, cumS, cumT, anchors, numberAnchor, sourceBoiler, targetBoiler, INITIAL_SIGMA)
  const sourceWords = indexWords(source, forEachPersianStem)
  const targetWords = indexWords(target, forEachEnglishStem)
  const dictionaries = [...(options.dictionary?.length ? [indexDictionary(options.dictionary)] : []), ...(options.wordList ? [options.wordList] : [])]
  const found = dictionaries.length > 0 ? givenPairs(dictionaries, sourceWords, targetWords) : null
  // A few pairs (a small termbase) say too little to leave the lengths-only model of a short text.
  const given = found && found.s.length >= MIN_GIVEN_PAIRS ? found : null
  if (given) model.lexicon = buildLexicon([given], sourceWords, targetWords)

  const diagonal = lengthDiagonal(cumS, cumT, n, m)
  const fromParagraphs = options.paragraphs ? paragraphCentre(model, options.paragraphs, bandWidth) : null
  const fromBlocks = !fromParagraphs && Math.min(n, m) >= BLOCK_TEXT ? paragraphCentre(model, blockStarts(n, m), BLOCK_BAND) : null
  const centre = fromParagraphs ?? fromBlocks ?? { from: diagonal, to: diagonal }
  // When passes follow, the first finds the path only: its posteriors would not be used.
  const learning = options.learnLengthModel !== false
  let result = alignAround(model, centre, fromBlocks ? BLOCK_BAND : bandWidth, !learning, learning)
  const firstPassCells = result.searched
  // A short text (a news article) teaches too few word pairs and priors to outweigh what the
  // length model says about a left-out sentence: it keeps the first pass's model.
  model.firstPass = n < SHORT_TEXT && !given
  if (model.firstPass && options.learnLengthModel !== false) {
    model.ratio = localRatioAlongPath(cumS, cumT, n, result.beads)
    model.sharpness = POSTERIOR_SHARPNESS
    result = alignAround(model, pathRanges(result.beads, n), Math.min(result.bandWidth, REFINE_WIDTH))
  } else if (options.learnLengthModel !== false) {
    model.ratio = localRatioAlongPath(cumS, cumT, n, result.beads)
    // Gale and Church's lengths found the path (robust where the ratio is not known yet, as over
    // an untranslated stretch); the density model, with the ratio learned along that path, now
    // places the beads near it, and its expected counts teach the priors.
    result = alignAround(model, pathRanges(result.beads, n), Math.min(result.bandWidth, REFINE_WIDTH), true)
    model.priorCost = learnPriors(result.expected)
    model.length.sigma = learnSpread(model, result.beads)
    for (let pass = 0; pass < LEXICAL_PASSES; pass++) {
      if (pass === LEXICAL_PASSES - 1) model.sharpness = POSTERIOR_SHARPNESS
      const sure = result.beads.filter((bead) => bead.confidence >= LEARN_CONFIDENCE && bead.src.length > 0 && bead.tgt.length > 0)
      const learned = learnPairs(sure, sourceWords, targetWords)
      model.lexicalWeight = lexicalWeight(sure.length)
      model.lexicon = buildLexicon(given ? [given, learned.pairs] : [learned.pairs], sourceWords, targetWords, learned.training)
      model.coverage = fitCoverage(model.lexicon, result.beads, m)
      // Each pass but the last teaches the priors again: the word evidence finds left-out
      // sentences the lengths glued to a neighbour, and the priors should follow.
      const relearn = pass < LEXICAL_PASSES - 1
      result = alignAround(model, pathRanges(result.beads, n), refineWidths(result.beads, n, Math.min(result.bandWidth, REFINE_WIDTH)), relearn)
      if (relearn) model.priorCost = learnPriors(result.expected)
    }
  }
  let ratioSum = 0
  for (let i = 0; i < n; i++) ratioSum += model.ratio[i]
  return {
    beads: result.beads,
    ratio: ratioSum / n,
    variance: model.length.sigma ** 2,
    bandWidth: result.bandWidth,
    cells: result.cells,
    firstPassCells
  }
}

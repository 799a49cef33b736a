/**
 * Fuzzy search in one segment, without reading any text.
 *
 * 1. Exact matches come from the whole-sentence hash.
 * 2. A unit scoring s or more shares at least s% of the larger weight with the sentence (every
 *    unshared token costs at least its weight). So a candidate must hold one of the sentence's
 *    rarest tokens, enough of them that the commoner rest cannot reach s% alone: only those
 *    tokens' postings are read (prefix filtering), with some slack for compounds written apart.
 * 3. Candidates are ranked by that shared-weight bound and scored in that order; scoring stops
 *    when the bound falls below the worst score kept (branch and bound), and each alignment stops
 *    once its cost passes what the worst kept score allows.
 */
import { align, maxCostFor, scoreOf, type TokenSeq } from './score'
import { keyOfVocab, vocabKey, type TmSegment } from './segment'
import { hashKeys, TokenKind, tokenWeight, type Token } from './tokenize'

/** Points of score below the minimum still sent to scoring: joins can make up for unshared tokens. */
const JOIN_SLACK = 10
/** Most alignments computed for one sentence in one segment (bounds worst cases: thousands of near-equal candidates). */
const MAX_ALIGNMENTS = 3000
/**
 * Most postings read for one sentence in one segment. The rarest words are read first, so the
 * budget only ever cuts common words; it bounds the time a low threshold (50%) can take.
 */
export const MAX_POSTINGS = 150_000

export interface SegmentQuery {
  tokens: readonly Token[]
  /** Hash of the whole sentence (hashKeys of the tokens). */
  hash: number
  /** Context hashes of the sentence's neighbours; 0 when unknown. */
  prevHash: number
  nextHash: number
}

export function segmentQuery(tokens: readonly Token[], prevHash = 0, nextHash = 0): SegmentQuery {
  return { tokens, hash: hashKeys(tokens), prevHash, nextHash }
}

export interface SegmentHit {
  slot: number
  /** 0..100, or 101 for a context match. */
  score: number
}

export interface SearchOptions {
  /** Lowest score to return (before any penalty). */
  minScore: number
  /** How many hits to keep, best first. */
  limit: number
  /** Units never to return (the row the sentence is in). */
  exclude?: (slot: number) => boolean
  /** Most postings to read (default MAX_POSTINGS); lower for bulk work such as analyses. */
  maxPostings?: number
}

interface Scratch {
  stamp: Uint32Array
  stampValue: number
  queryWeight: Int32Array
  used: Int32Array
  usedBy: Int32Array
  /** Weight of each query token (by vocabulary id), set for the query's ids only. */
  tokenWeight: Uint8Array
  /** Number of the last candidate counted; grows across searches so usedBy never needs clearing. */
  serial: number
}

const scratches = new WeakMap<TmSegment, Scratch>()

function scratchFor(segment: TmSegment): Scratch {
  let scratch = scratches.get(segment)
  if (!scratch || scratch.stamp.length < segment.slots || scratch.queryWeight.length < segment.vocab.length) {
    scratch = {
      stamp: new Uint32Array(Math.max(segment.slots, 16)),
      stampValue: 0,
      queryWeight: new Int32Array(Math.max(segment.vocab.length, 16)),
      used: new Int32Array(Math.max(segment.vocab.length, 16)),
      usedBy: new Int32Array(Math.max(segment.vocab.length, 16)),
      tokenWeight: new Uint8Array(Math.max(segment.vocab.length, 16)),
      serial: 0
    }
    scratches.set(segment, scratch)
  }
  return scratch
}

/** Keeps the best `limit` hits; `worst` is the score a new hit must beat once full. */
class TopHits {
  readonly hits: SegmentHit[] = []
  constructor(private readonly limit: number) {}
  get full(): boolean {
    return this.hits.length >= this.limit
  }
  get worst(): number {
    return this.hits.length === 0 ? -1 : this.hits[this.hits.length - 1].score
  }
  add(hit: SegmentHit): void {
    if (this.full && hit.score <= this.worst) return
    let at = this.hits.length
    while (at > 0 && this.hits[at - 1].score < hit.score) at--
    this.hits.splice(at, 0, hit)
    if (this.hits.length > this.limit) this.hits.pop()
  }
}

export function searchSegment(segment: TmSegment, query: SegmentQuery, options: SearchOptions): SegmentHit[] {
  const top = new TopHits(Math.max(1, options.limit))
  const tokens = query.tokens
  if (tokens.length === 0 || segment.slots === 0) return []
  const scratch = scratchFor(segment)
  // The sentence as this segment's ids; words it does not know get ids of their own below zero.
  const n = tokens.length
  const queryIds = new Int32Array(n)
  const queryWeights = new Uint8Array(n)
  const queryNumbers = new Uint8Array(n)
  let queryTotal = 0
  let queryNumberCount = 0
  for (let i = 0; i < n; i++) {
    const id = segment.vocabIds.get(vocabKey(tokens[i]))
    queryIds[i] = id === undefined ? -1 - i : id
    queryWeights[i] = tokenWeight(tokens[i].kind)
    queryTotal += queryWeights[i]
    if (tokens[i].kind === TokenKind.Number) {
      queryNumbers[i] = 1
      queryNumberCount++
    }
  }
  for (let i = 0; i < n; i++) {
    if (queryIds[i] >= 0) continue
    // The same unknown word twice must still be equal to itself.
    for (let k = 0; k < i; k++) {
      if (queryIds[k] < 0 && tokens[k].key === tokens[i].key && tokens[k].kind === tokens[i].kind) {
        queryIds[i] = queryIds[k]
        break
      }
    }
  }
  const querySeq: TokenSeq = { ids: queryIds, weights: queryWeights, key: (i) => tokens[i].key, numbers: queryNumbers }
  let candidateWeights = new Uint8Array(64)
  let candidateNumbers = new Uint8Array(64)
  const unitSeq = (slot: number): TokenSeq => {
    const start = segment.tokenStart[slot]
    const end = segment.tokenEnd[slot]
    const ids = segment.tokens.subarray(start, end)
    if (candidateWeights.length < ids.length) candidateWeights = new Uint8Array(ids.length * 2)
    if (candidateNumbers.length < ids.length) candidateNumbers = new Uint8Array(ids.length * 2)
    const weights = candidateWeights.subarray(0, ids.length)
    const numbers = candidateNumbers.subarray(0, ids.length)
    for (let k = 0; k < ids.length; k++) {
      weights[k] = segment.punct[ids[k]] === 1 ? 1 : 4
      numbers[k] = segment.numeric[ids[k]]
    }
    return { ids, weights, key: (k) => keyOfVocab(segment.vocab[ids[k]]), numbers }
  }
  const scored = new Set<number>()
  const score = (slot: number, floor: number): void => {
    if (scored.has(slot)) return
    scored.add(slot)
    const seq = unitSeq(slot)
    const total = Math.max(queryTotal, segment.unitWeight[slot])
    const alignment = align(querySeq, seq, { maxCost: maxCostFor(floor, total), numbersAlike: true })
    let value = scoreOf(alignment)
    if (value < floor || !Number.isFinite(alignment.cost)) return
    if (
      value === 100 &&
      query.prevHash !== 0 &&
      query.nextHash !== 0 &&
      segment.prevHash[slot] === query.prevHash &&
      segment.nextHash[slot] === query.nextHash
    ) {
      value = 101
    }
    top.add({ slot, score: value })
  }
  const usable = (slot: number): boolean => segment.alive(slot) && !(options.exclude && options.exclude(slot))
  const floor = (): number => Math.max(options.minScore, top.full ? top.worst + 1 : 0)

  // 1. Exact matches.
  for (const slot of segment.exact(query.hash)) if (usable(slot)) score(slot, 100)
  // Only an exact sentence scores 100 or more, and the hash has found every one.
  if ((top.full && top.worst >= 100) || options.minScore >= 100) return top.hits

  // 2. Candidates from the rarest tokens. Numbers match any number (they are adapted), so they
  // never narrow the candidates and always count as possibly shared.
  const distinct = new Map<number, number>()
  for (let i = 0; i < n; i++) {
    if (queryIds[i] >= 0 && queryNumbers[i] === 0) distinct.set(queryIds[i], (distinct.get(queryIds[i]) ?? 0) + queryWeights[i])
  }
  const minShare = Math.max(0, options.minScore - JOIN_SLACK) / 100
  const needed = minShare * queryTotal
  const byRarity = [...distinct.keys()].sort((x, y) => segment.frequency(x) - segment.frequency(y))
  let rest = queryNumberCount * 4
  for (const weight of distinct.values()) rest += weight
  const prefix: number[] = []
  let postings = 0
  for (const id of byRarity) {
    if (rest < needed && prefix.length > 0) break
    // Past the budget only very common words are left; a unit sharing nothing but those with
    // the sentence is given up rather than reading most of the memory.
    if (prefix.length > 0 && postings + segment.frequency(id) > (options.maxPostings ?? MAX_POSTINGS)) break
    prefix.push(id)
    postings += segment.frequency(id)
    rest -= distinct.get(id)!
  }
  if (prefix.length === 0) return top.hits
  scratch.stampValue = (scratch.stampValue + 1) >>> 0
  if (scratch.stampValue === 0) {
    scratch.stamp.fill(0)
    scratch.stampValue = 1
  }
  const stamp = scratch.stamp
  const stampValue = scratch.stampValue
  let candidates = new Int32Array(Math.min(segment.slots, postings))
  let candidateCount = 0
  for (const id of prefix) {
    const list = segment.postingList(id)
    for (let k = 0; k < list.length; k++) {
      const slot = list[k]
      if (stamp[slot] === stampValue) continue
      stamp[slot] = stampValue
      candidates[candidateCount++] = slot
    }
  }
  // In file order the units' tokens are read front to back, not at random.
  candidates = candidates.subarray(0, candidateCount).sort()

  // 3. Bound each candidate by its shared weight, then score the best bounds first.
  const queryWeight = scratch.queryWeight
  const used = scratch.used
  const usedBy = scratch.usedBy
  if (scratch.serial + candidateCount >= 0x7fffffff) {
    usedBy.fill(0)
    scratch.serial = 0
  }
  let serial = scratch.serial
  for (const [id, weight] of distinct) queryWeight[id] = weight
  const minWeight = minShare * queryTotal
  const maxWeight = minShare > 0 ? queryTotal / minShare : Infinity
  const bounded: Array<{ slot: number; bound: number }> = []
  // The arrays in locals: this loop runs over up to MAX_POSTINGS units.
  const unitWeight = segment.unitWeight
  const tokenStart = segment.tokenStart
  const tokenEnd = segment.tokenEnd
  const unitTokens = segment.tokens
  const unitNumbers = segment.unitNumbers
  const tokenWeights = scratch.tokenWeight
  for (const id of distinct.keys()) tokenWeights[id] = segment.punct[id] === 1 ? 1 : 4
  const lowestBound = options.minScore - JOIN_SLACK
  for (let c = 0; c < candidateCount; c++) {
    const slot = candidates[c]
    const weight = unitWeight[slot]
    if (weight < minWeight || weight > maxWeight || !usable(slot)) continue
    serial++
    let shared = 0
    const end = tokenEnd[slot]
    for (let k = tokenStart[slot]; k < end; k++) {
      const id = unitTokens[k]
      const available = queryWeight[id]
      if (available === 0) continue
      const w = tokenWeights[id]
      // usedBy tells whose count `used` holds, so nothing needs clearing between candidates.
      if (usedBy[id] !== serial) {
        usedBy[id] = serial
        used[id] = 0
      }
      if (used[id] + w <= available) {
        used[id] += w
        shared += w
      }
    }
    shared += Math.min(unitNumbers[slot], queryNumberCount) * 4
    const bound = shared / Math.max(queryTotal, weight)
    if (bound * 100 >= lowestBound) bounded.push({ slot, bound })
  }
  scratch.serial = serial
  for (const id of distinct.keys()) queryWeight[id] = 0
  bounded.sort((x, y) => y.bound - x.bound)
  let budget = MAX_ALIGNMENTS
  for (const { slot, bound } of bounded) {
    const needs = floor()
    if (bound * 100 + JOIN_SLACK < needs || budget-- === 0) break
    score(slot, needs)
  }
  return top.hits
}

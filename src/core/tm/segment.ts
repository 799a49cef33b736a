/**
 * The candidate index of a translation memory, in segments: one frozen segment per imported
 * memory file (typed arrays, written once, reloaded without work) and one dynamic segment for the
 * rows of the library's documents (changed row by row).
 *
 * Each unit is its source tokens as vocabulary ids. Postings (token → units) find candidates; a
 * sorted table of whole-sentence hashes finds exact matches at once; hashes of the neighbouring
 * sentences tell context matches.
 */
import { englishWords, TokenKind, tokenWeight, type Token } from './tokenize'

/** Everything a frozen segment holds; also its file layout (see tm-store). */
export interface SegmentData {
  count: number
  vocab: string[]
  /** Per vocabulary id: 1 for punctuation (weight 1), else 0 (weight 4). */
  punct: Uint8Array
  /** Unit i's tokens are tokens[tokenStart[i] .. tokenStart[i + 1]). */
  tokenStart: Uint32Array
  tokens: Int32Array
  /** Total weight of each unit's tokens. */
  unitWeight: Uint32Array
  keyHash: Uint32Array
  prevHash: Uint32Array
  nextHash: Uint32Array
  /** Units sorted by keyHash. */
  exactOrder: Uint32Array
  /** Units containing vocabulary id v: postings[postStart[v] .. postStart[v + 1]), ascending. */
  postStart: Uint32Array
  postings: Int32Array
  /** English words (lower case) and their postings, for concordance. */
  targetVocab: string[]
  targetPostStart: Uint32Array
  targetPostings: Int32Array
}

// ---------------------------------------------------------------------------------------------
// Growable typed arrays

class GrowableInt32 {
  data: Int32Array
  length = 0
  constructor(capacity = 1024) {
    this.data = new Int32Array(capacity)
  }
  push(value: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2)
      next.set(this.data)
      this.data = next
    }
    this.data[this.length++] = value
  }
  view(): Int32Array {
    return this.data.subarray(0, this.length)
  }
}

class GrowableUint32 {
  data: Uint32Array
  length = 0
  constructor(capacity = 1024) {
    this.data = new Uint32Array(capacity)
  }
  push(value: number): void {
    if (this.length === this.data.length) {
      const next = new Uint32Array(this.data.length * 2)
      next.set(this.data)
      this.data = next
    }
    this.data[this.length++] = value
  }
  view(): Uint32Array {
    return this.data.subarray(0, this.length)
  }
}

function growUint32(array: Uint32Array, size: number): Uint32Array {
  if (array.length >= size) return array
  const next = new Uint32Array(Math.max(size, array.length * 2))
  next.set(array)
  return next
}

function growUint8(array: Uint8Array, size: number): Uint8Array {
  if (array.length >= size) return array
  const next = new Uint8Array(Math.max(size, array.length * 2))
  next.set(array)
  return next
}

/** True for the key of a number token (digits, `.` and `,` only, starting with a digit). */
export function isNumberKey(key: string): boolean {
  const first = key.charCodeAt(0)
  if (!(first >= 0x30 && first <= 0x39)) return false
  for (let i = 1; i < key.length; i++) {
    const code = key.charCodeAt(i)
    if (!((code >= 0x30 && code <= 0x39) || code === 0x2e || code === 0x2c)) return false
  }
  return true
}

/** Key of a token in the vocabulary: punctuation apart from words. */
export function vocabKey(token: Token): string {
  return token.kind === TokenKind.Punct ? `\u0001${token.key}` : token.key
}

/** The token key of a vocabulary entry (what joins compare). */
export function keyOfVocab(entry: string): string {
  return entry.charCodeAt(0) === 1 ? entry.slice(1) : entry
}

/** Unit ids sorted by hash (LSD radix sort, four byte passes). */
export function sortByHash(hash: Uint32Array, count: number): Uint32Array {
  let order = new Uint32Array(count)
  for (let i = 0; i < count; i++) order[i] = i
  let other = new Uint32Array(count)
  const buckets = new Uint32Array(256)
  for (let shift = 0; shift < 32; shift += 8) {
    buckets.fill(0)
    for (let i = 0; i < count; i++) buckets[(hash[order[i]] >>> shift) & 255]++
    let sum = 0
    for (let b = 0; b < 256; b++) {
      const c = buckets[b]
      buckets[b] = sum
      sum += c
    }
    for (let i = 0; i < count; i++) {
      const unit = order[i]
      other[buckets[(hash[unit] >>> shift) & 255]++] = unit
    }
    const swap = order
    order = other
    other = swap
  }
  return order
}

/** Postings of a list of units' token lists: for each id, the units (ascending, once each). */
function buildPostings(
  count: number,
  vocabSize: number,
  tokenStart: ArrayLike<number>,
  tokens: ArrayLike<number>
): { postStart: Uint32Array; postings: Int32Array } {
  const df = new Uint32Array(vocabSize + 1)
  const lastUnit = new Int32Array(vocabSize).fill(-1)
  for (let unit = 0; unit < count; unit++) {
    for (let k = tokenStart[unit]; k < tokenStart[unit + 1]; k++) {
      const id = tokens[k]
      if (lastUnit[id] !== unit) {
        lastUnit[id] = unit
        df[id]++
      }
    }
  }
  const postStart = new Uint32Array(vocabSize + 1)
  let sum = 0
  for (let id = 0; id < vocabSize; id++) {
    postStart[id] = sum
    sum += df[id]
  }
  postStart[vocabSize] = sum
  const postings = new Int32Array(sum)
  const fill = postStart.slice(0, vocabSize)
  lastUnit.fill(-1)
  for (let unit = 0; unit < count; unit++) {
    for (let k = tokenStart[unit]; k < tokenStart[unit + 1]; k++) {
      const id = tokens[k]
      if (lastUnit[id] !== unit) {
        lastUnit[id] = unit
        postings[fill[id]++] = unit
      }
    }
  }
  return { postStart, postings }
}

// ---------------------------------------------------------------------------------------------
// Segments

/** What the search needs from a segment; frozen and dynamic segments lay it out the same way. */
export abstract class TmSegment {
  abstract readonly slots: number
  abstract vocabIds: Map<string, number>
  abstract vocab: string[]
  abstract punct: Uint8Array
  /** Per vocabulary id: 1 for a number. */
  abstract numeric: Uint8Array
  /** Per unit: how many of its tokens are numbers. */
  abstract unitNumbers: Uint8Array
  abstract tokenStart: Uint32Array
  abstract tokenEnd: Uint32Array
  abstract tokens: Int32Array
  abstract unitWeight: Uint32Array
  abstract keyHash: Uint32Array
  abstract prevHash: Uint32Array
  abstract nextHash: Uint32Array
  abstract alive(slot: number): boolean
  /** Number of units containing the token (an upper bound where removed units linger). */
  abstract frequency(id: number): number
  /** Units containing the token, ascending (possibly removed ones: check `alive`). */
  abstract postingList(id: number): ArrayLike<number>
  /** Units whose whole-sentence hash is `hash`. */
  abstract exact(hash: number): number[]
}

export class FrozenSegment extends TmSegment {
  readonly slots: number
  vocabIds: Map<string, number>
  vocab: string[]
  punct: Uint8Array
  numeric: Uint8Array
  unitNumbers: Uint8Array
  tokenStart: Uint32Array
  tokenEnd: Uint32Array
  tokens: Int32Array
  unitWeight: Uint32Array
  keyHash: Uint32Array
  prevHash: Uint32Array
  nextHash: Uint32Array
  private readonly data: SegmentData

  constructor(data: SegmentData) {
    super()
    this.data = data
    this.slots = data.count
    this.vocab = data.vocab
    this.vocabIds = new Map()
    for (let id = 0; id < data.vocab.length; id++) this.vocabIds.set(data.vocab[id], id)
    this.punct = data.punct
    this.numeric = new Uint8Array(data.vocab.length)
    for (let id = 0; id < data.vocab.length; id++) if (data.punct[id] === 0 && isNumberKey(data.vocab[id])) this.numeric[id] = 1
    this.tokenStart = data.tokenStart
    this.tokenEnd = data.tokenStart.subarray(1)
    this.unitNumbers = new Uint8Array(data.count)
    for (let unit = 0; unit < data.count; unit++) {
      let numbers = 0
      for (let k = data.tokenStart[unit]; k < data.tokenStart[unit + 1]; k++) numbers += this.numeric[data.tokens[k]]
      this.unitNumbers[unit] = Math.min(255, numbers)
    }
    this.tokens = data.tokens
    this.unitWeight = data.unitWeight
    this.keyHash = data.keyHash
    this.prevHash = data.prevHash
    this.nextHash = data.nextHash
  }

  alive(): boolean {
    return true
  }

  frequency(id: number): number {
    return this.data.postStart[id + 1] - this.data.postStart[id]
  }

  postingList(id: number): Int32Array {
    return this.data.postings.subarray(this.data.postStart[id], this.data.postStart[id + 1])
  }

  exact(hash: number): number[] {
    const { exactOrder, keyHash } = this.data
    let low = 0
    let high = exactOrder.length
    while (low < high) {
      const mid = (low + high) >>> 1
      if (keyHash[exactOrder[mid]] < hash) low = mid + 1
      else high = mid
    }
    const found: number[] = []
    for (let k = low; k < exactOrder.length && keyHash[exactOrder[k]] === hash; k++) found.push(exactOrder[k])
    return found
  }

  /**
   * Vocabulary ids for concordance: Persian (source) words whose key contains `word`, English
   * (target) words starting with it.
   */
  wordIds(word: string, side: 'source' | 'target'): number[] {
    const ids: number[] = []
    if (side === 'source') {
      for (let id = 0; id < this.vocab.length; id++) if (this.punct[id] === 0 && keyOfVocab(this.vocab[id]).includes(word)) ids.push(id)
    } else {
      const vocab = this.data.targetVocab
      for (let id = 0; id < vocab.length; id++) if (vocab[id].startsWith(word)) ids.push(id)
    }
    return ids
  }

  /** How many postings the ids have together (a unit may be counted more than once). */
  postingCount(ids: readonly number[], side: 'source' | 'target'): number {
    const start = side === 'source' ? this.data.postStart : this.data.targetPostStart
    let sum = 0
    for (const id of ids) sum += start[id + 1] - start[id]
    return sum
  }

  /** Units holding any of the ids, one id after another (a unit may come more than once). */
  *unitsWith(ids: readonly number[], side: 'source' | 'target'): Generator<number> {
    const start = side === 'source' ? this.data.postStart : this.data.targetPostStart
    const postings = side === 'source' ? this.data.postings : this.data.targetPostings
    for (const id of ids) for (let k = start[id]; k < start[id + 1]; k++) yield postings[k]
  }
}

/**
 * Collects units while a memory file is read, then lays them out as a frozen segment. Memory use
 * is the tokens as 32-bit ids plus a vocabulary; the text stays in the file.
 */
export class SegmentBuilder {
  private readonly vocabIds = new Map<string, number>()
  private readonly vocab: string[] = []
  private punct: Uint8Array = new Uint8Array(1024)
  private readonly tokenStart = new GrowableUint32()
  private readonly tokens = new GrowableInt32(1 << 16)
  private readonly unitWeight = new GrowableUint32()
  private readonly keyHash = new GrowableUint32()
  private readonly prevHash = new GrowableUint32()
  private readonly nextHash = new GrowableUint32()
  private readonly targetVocabIds = new Map<string, number>()
  private readonly targetVocab: string[] = []
  private readonly targetStart = new GrowableUint32()
  private readonly targetTokens = new GrowableInt32(1 << 16)
  count = 0

  constructor() {
    this.tokenStart.push(0)
    this.targetStart.push(0)
  }

  add(unit: { tokens: readonly Token[]; keyHash: number; prevHash: number; nextHash: number; target: string }): void {
    let weight = 0
    for (const token of unit.tokens) {
      const key = vocabKey(token)
      let id = this.vocabIds.get(key)
      if (id === undefined) {
        id = this.vocab.length
        this.vocab.push(key)
        this.vocabIds.set(key, id)
        this.punct = growUint8(this.punct, id + 1)
        this.punct[id] = token.kind === TokenKind.Punct ? 1 : 0
      }
      this.tokens.push(id)
      weight += tokenWeight(token.kind)
    }
    this.tokenStart.push(this.tokens.length)
    this.unitWeight.push(weight)
    this.keyHash.push(unit.keyHash)
    this.prevHash.push(unit.prevHash)
    this.nextHash.push(unit.nextHash)
    for (const word of englishWords(unit.target)) {
      let id = this.targetVocabIds.get(word.key)
      if (id === undefined) {
        id = this.targetVocab.length
        this.targetVocab.push(word.key)
        this.targetVocabIds.set(word.key, id)
      }
      this.targetTokens.push(id)
    }
    this.targetStart.push(this.targetTokens.length)
    this.count++
  }

  finish(): SegmentData {
    const count = this.count
    const tokenStart = this.tokenStart.view().slice()
    const tokens = this.tokens.view().slice()
    const { postStart, postings } = buildPostings(count, this.vocab.length, tokenStart, tokens)
    const target = buildPostings(count, this.targetVocab.length, this.targetStart.view(), this.targetTokens.view())
    const keyHash = this.keyHash.view().slice()
    return {
      count,
      vocab: this.vocab,
      punct: this.punct.slice(0, this.vocab.length),
      tokenStart,
      tokens,
      unitWeight: this.unitWeight.view().slice(),
      keyHash,
      prevHash: this.prevHash.view().slice(),
      nextHash: this.nextHash.view().slice(),
      exactOrder: sortByHash(keyHash, count),
      postStart,
      postings,
      targetVocab: this.targetVocab,
      targetPostStart: target.postStart,
      targetPostings: target.postings
    }
  }
}

/**
 * Units that change one at a time (the library's rows). Slots are reused after removal; tokens
 * go to the end of a pool that is packed again when half of it is stale; postings keep stale
 * entries until they outnumber live ones, and the search checks each candidate anyway.
 */
export class DynamicSegment extends TmSegment {
  vocabIds = new Map<string, number>()
  vocab: string[] = []
  punct: Uint8Array = new Uint8Array(256)
  numeric: Uint8Array = new Uint8Array(256)
  unitNumbers: Uint8Array = new Uint8Array(256)
  tokenStart: Uint32Array = new Uint32Array(256)
  tokenEnd: Uint32Array = new Uint32Array(256)
  tokens: Int32Array = new Int32Array(4096)
  unitWeight: Uint32Array = new Uint32Array(256)
  keyHash: Uint32Array = new Uint32Array(256)
  prevHash: Uint32Array = new Uint32Array(256)
  nextHash: Uint32Array = new Uint32Array(256)
  private live: Uint8Array = new Uint8Array(256)
  private postings: number[][] = []
  private pool = 0
  private liveTokens = 0
  private stalePostings = 0
  private livePostings = 0
  private readonly free: number[] = []
  private exactMap = new Map<number, number[]>()
  slots = 0
  size = 0

  alive(slot: number): boolean {
    return this.live[slot] === 1
  }

  frequency(id: number): number {
    return this.postings[id]?.length ?? 0
  }

  postingList(id: number): number[] {
    return this.postings[id] ?? []
  }

  exact(hash: number): number[] {
    return this.exactMap.get(hash) ?? []
  }

  private ensureSlots(size: number): void {
    if (this.live.length >= size) return
    this.live = growUint8(this.live, size)
    this.unitNumbers = growUint8(this.unitNumbers, size)
    this.tokenStart = growUint32(this.tokenStart, size)
    this.tokenEnd = growUint32(this.tokenEnd, size)
    this.unitWeight = growUint32(this.unitWeight, size)
    this.keyHash = growUint32(this.keyHash, size)
    this.prevHash = growUint32(this.prevHash, size)
    this.nextHash = growUint32(this.nextHash, size)
  }

  /** Adds a unit and returns its slot. */
  add(tokens: readonly Token[], keyHash: number, prevHash: number, nextHash: number): number {
    const slot = this.free.length > 0 ? this.free.pop()! : this.slots++
    this.ensureSlots(this.slots)
    if (this.pool + tokens.length > this.tokens.length) {
      if (this.pool - this.liveTokens > this.liveTokens) this.packTokens()
      if (this.pool + tokens.length > this.tokens.length) {
        const next = new Int32Array(Math.max(this.tokens.length * 2, this.pool + tokens.length))
        next.set(this.tokens.subarray(0, this.pool))
        this.tokens = next
      }
    }
    this.tokenStart[slot] = this.pool
    let weight = 0
    const seen = new Set<number>()
    for (const token of tokens) {
      const key = vocabKey(token)
      let id = this.vocabIds.get(key)
      if (id === undefined) {
        id = this.vocab.length
        this.vocab.push(key)
        this.vocabIds.set(key, id)
        this.punct = growUint8(this.punct, id + 1)
        this.punct[id] = token.kind === TokenKind.Punct ? 1 : 0
        this.numeric = growUint8(this.numeric, id + 1)
        this.numeric[id] = token.kind === TokenKind.Number ? 1 : 0
        this.postings.push([])
      }
      this.tokens[this.pool++] = id
      weight += tokenWeight(token.kind)
      if (!seen.has(id)) {
        seen.add(id)
        this.postings[id].push(slot)
        this.livePostings++
      }
    }
    this.tokenEnd[slot] = this.pool
    let numbers = 0
    for (const token of tokens) if (token.kind === TokenKind.Number) numbers++
    this.unitNumbers[slot] = Math.min(255, numbers)
    this.liveTokens += tokens.length
    this.unitWeight[slot] = weight
    this.keyHash[slot] = keyHash
    this.prevHash[slot] = prevHash
    this.nextHash[slot] = nextHash
    this.live[slot] = 1
    const bucket = this.exactMap.get(keyHash)
    if (bucket) bucket.push(slot)
    else this.exactMap.set(keyHash, [slot])
    this.size++
    return slot
  }

  remove(slot: number): void {
    if (this.live[slot] !== 1) return
    this.live[slot] = 0
    const tokens = this.tokenEnd[slot] - this.tokenStart[slot]
    this.liveTokens -= tokens
    const distinct = new Set(this.tokens.subarray(this.tokenStart[slot], this.tokenEnd[slot])).size
    this.livePostings -= distinct
    this.stalePostings += distinct
    const bucket = this.exactMap.get(this.keyHash[slot])
    if (bucket) {
      const at = bucket.indexOf(slot)
      if (at >= 0) bucket.splice(at, 1)
      if (bucket.length === 0) this.exactMap.delete(this.keyHash[slot])
    }
    this.free.push(slot)
    this.size--
    if (this.stalePostings > this.livePostings + 1024) this.rebuildPostings()
  }

  private packTokens(): void {
    const next = new Int32Array(Math.max(this.tokens.length, this.liveTokens * 2 + 1024))
    let at = 0
    for (let slot = 0; slot < this.slots; slot++) {
      if (this.live[slot] !== 1) continue
      const start = this.tokenStart[slot]
      const end = this.tokenEnd[slot]
      next.set(this.tokens.subarray(start, end), at)
      this.tokenStart[slot] = at
      at += end - start
      this.tokenEnd[slot] = at
    }
    this.tokens = next
    this.pool = at
  }

  private rebuildPostings(): void {
    for (const list of this.postings) list.length = 0
    let count = 0
    for (let slot = 0; slot < this.slots; slot++) {
      if (this.live[slot] !== 1) continue
      const seen = new Set<number>()
      for (let k = this.tokenStart[slot]; k < this.tokenEnd[slot]; k++) {
        const id = this.tokens[k]
        if (seen.has(id)) continue
        seen.add(id)
        this.postings[id].push(slot)
        count++
      }
    }
    this.livePostings = count
    this.stalePostings = 0
  }
}

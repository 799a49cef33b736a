/**
 * Lexical evidence for the aligner: which Persian words translate which English words.
 *
 * Words are cut to a short prefix on both sides, a crude stemmer: English inflections mostly fall
 * after it, and a Persian word first loses one common ending (see persianStem).
 * A dictionary comes from three places: pairs passed in (a termbase, a translation memory, the
 * library's confirmed rows, see `learnDictionary`), the general word list Hamta ships (see
 * indexDictionary), and pairs learned from the text being aligned (co-occurrence in the beads a
 * first pass is sure of, as hunalign's -realign does).
 *
 * A learned pair has a weight, the log of how much more often the two words meet in sentences
 * that translate each other than in sentences paired at random; weak pairs are not kept, and each
 * word keeps the partners it is most surely associated with (Dunning's G²). The aligner reads the pairs as coverage (see coverageEvidence in aligner.ts): how many
 * words of each sentence find a partner on the other side of a bead, against how many would by
 * chance, so a bead never gains just by being bigger.
 */
/** A Persian word (or short term) and an English word known to translate it. */
export interface DictionaryPair {
  source: string
  target: string
}

/** Characters of a word kept as its stem. */
const STEM_LENGTH = 5
/** Weight of a pair given in a dictionary (nats). */
const GIVEN_WEIGHT = 2.5
/** A learned pair's weight is capped: a handful of co-occurrences proves little more than this. */
const MAX_LEARNED_WEIGHT = 4
/** Pairs must meet at least this many times and this much above chance (nats) to be kept. */
const MIN_PAIR_COUNT = 2
const MIN_PAIR_WEIGHT = 1
/** Words in more than this share of the sentences are function words: too common to tell. */
const MAX_WORD_SHARE = 0.25
/** Each word keeps its few strongest partners only. */
const PARTNERS_PER_WORD = 3
const LEAVE_ONE_OUT_FACTOR = Math.exp(MIN_PAIR_WEIGHT)

/** Persian letters unified as for glossary matching (see persianMatchKey), spaces kept. */
const NEEDS_NORMALIZING = /[يىكۀةأإٱؤ\u064B-\u065F\u0670\u0640]/

function normalizePersian(text: string): string {
  // Most sentences hold none of these: one test instead of six replacements.
  if (!NEEDS_NORMALIZING.test(text)) return text
  return text
    .replace(/[يى]/g, 'ی')
    .replace(/ك/g, 'ک')
    .replace(/[ۀة]/g, 'ه')
    .replace(/[أإٱ]/g, 'ا')
    .replace(/ؤ/g, 'و')
    .replace(/[\u064B-\u065F\u0670\u0640]/g, '')
}

const LETTER_OR_MARK = /^[\p{L}\p{M}]$/u
/** Whether each BMP character is a letter or mark (1) or not (2); 0 until first asked. */
const letterClass = new Uint8Array(0x10000)

/** Code units of the letter or mark at `at` (2 outside the BMP), 0 if it is neither. */
function letterOrMarkWidth(text: string, at: number): number {
  const code = text.charCodeAt(at)
  if (code < 0x80) return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) ? 1 : 0
  if (code >= 0xd800 && code <= 0xdbff && at + 1 < text.length) return LETTER_OR_MARK.test(text.slice(at, at + 2)) ? 2 : 0
  if (letterClass[code] === 0) letterClass[code] = LETTER_OR_MARK.test(text[at]) ? 1 : 2
  return letterClass[code] === 1 ? 1 : 0
}

/**
 * Persian word stems of a sentence: runs of letters and marks (ZWNJ splits words: it separates
 * suffixes). A loop over the characters, not a regular expression's matches: a book has
 * hundreds of thousands of words, and the match objects cost three times the scan.
 */
export function persianStems(sentence: string): string[] {
  const out: string[] = []
  forEachPersianStem(sentence, (text, start, end) => out.push(text.slice(start, end)))
  return out
}

/** Visits each stem of a sentence as text[start, end) of a text made from it (see indexWords). */
export type StemVisitor = (sentence: string, visit: (text: string, start: number, end: number) => void) => void

export const forEachPersianStem: StemVisitor = (sentence, visit) =>
  forEachPersianWord(sentence, (text, start, end) => visit(text, start, persianStemEnd(text, start, end)))

/** Each word of two letters or more of a sentence, normalized: text[start, end). */
function forEachPersianWord(sentence: string, visit: (text: string, start: number, end: number) => void): void {
  const text = normalizePersian(sentence)
  const end = text.length
  let at = 0
  while (at < end) {
    let width = letterOrMarkWidth(text, at)
    if (width === 0) {
      at++
      continue
    }
    const start = at
    while (width > 0) {
      at += width
      width = at < end ? letterOrMarkWidth(text, at) : 0
    }
    if (at - start >= 2) visit(text, start, at)
  }
}

/**
 * Endings cut before a Persian word is cut to its stem length, longest first where one ends
 * another: plural ها / ان / ات, comparative تر / ترین, verb endings, pronoun endings ش / م / ت,
 * ezafe and indefinite ی. Written without a ZWNJ (as often in real text) they fall inside the
 * first five letters and hide the stem: کافران and کافر, کتابش and کتاب did not match. Crude (a
 * stem's own last letter may go: نعمت gives نعم), but on the real parallel text strict F1 on the
 * "delete" variant rose from 0.973 to 0.980 and its 1:0 / 0:1 recall from 0.69 to 0.76.
 */
const PERSIAN_ENDINGS = ['ترین', 'هایی', 'های', 'ها', 'تر', 'ان', 'ات', 'ند', 'ید', 'یم', 'ست', 'ش', 'م', 'ت', 'ی', 'ه']
/** A word keeps at least this many letters: دست, جهان and زمان keep their endings. */
const MIN_PERSIAN_STEM = 3

/** The endings by their last letter, longest first as in PERSIAN_ENDINGS: one lookup a word. */
const ENDINGS_BY_LAST = new Map<number, string[]>()
for (const ending of PERSIAN_ENDINGS) {
  const last = ending.charCodeAt(ending.length - 1)
  ENDINGS_BY_LAST.set(last, [...(ENDINGS_BY_LAST.get(last) ?? []), ending])
}

/** Where the stem of the Persian word text[start, end) ends: one ending cut, then the first letters. */
function persianStemEnd(text: string, start: number, end: number): number {
  for (const ending of ENDINGS_BY_LAST.get(text.charCodeAt(end - 1)) ?? []) {
    if (end - start - ending.length >= MIN_PERSIAN_STEM && text.endsWith(ending, end)) {
      end -= ending.length
      break
    }
  }
  return Math.min(end, start + STEM_LENGTH)
}

/** English word stems of a sentence: runs of a-z once lower-cased ("John's" gives "john"). */
export function englishStems(sentence: string): string[] {
  const out: string[] = []
  forEachEnglishStem(sentence, (text, start, end) => out.push(text.slice(start, end)))
  return out
}

export const forEachEnglishStem: StemVisitor = (sentence, visit) => {
  const text = sentence.toLowerCase()
  const end = text.length
  let at = 0
  while (at < end) {
    const start = at
    while (at < end && isLowerAscii(text.charCodeAt(at))) at++
    if (at - start >= 2) visit(text, start, Math.min(at, start + STEM_LENGTH))
    if (at === start) at++
  }
}

function isLowerAscii(code: number): boolean {
  return code >= 0x61 && code <= 0x7a
}

/** Words of one side as ids, each sentence's ids sorted and unique (compressed rows). */
export interface SideWords {
  ids: Int32Array
  offsets: Int32Array
  vocabulary: Map<string, number>
}

export function indexWords(sentences: string[], forEachStem: StemVisitor): SideWords {
  const table = new StemTable()
  const offsets = new Int32Array(sentences.length + 1)
  let ids = new Int32Array(Math.max(16, sentences.length * 16))
  // Duplicates dropped with a mark per word instead of a Set per sentence (fewer allocations).
  let seen = new Int32Array(1024).fill(-1)
  let at = 0
  let sentence = 0
  const add = (text: string, start: number, end: number): void => {
    const id = table.id(text, start, end)
    if (id >= seen.length) {
      const grown = new Int32Array(seen.length * 2).fill(-1)
      grown.set(seen)
      seen = grown
    }
    if (seen[id] === sentence) return
    seen[id] = sentence
    if (at === ids.length) {
      const grown = new Int32Array(ids.length * 2)
      grown.set(ids)
      ids = grown
    }
    ids[at++] = id
  }
  for (; sentence < sentences.length; sentence++) {
    const rowStart = at
    forEachStem(sentences[sentence], add)
    sortRange(ids, rowStart, at)
    offsets[sentence + 1] = at
  }
  return { ids: ids.slice(0, at), offsets, vocabulary: new Map(table.words.map((word, id) => [word, id])) }
}

/**
 * Ids of stems read straight from their sentence, without a string made for each occurrence: a
 * book has half a million words and some ten thousand distinct stems (open addressing, FNV-1a).
 */
class StemTable {
  readonly words: string[] = []
  private slots = new Int32Array(1 << 12).fill(-1)
  private hashes = new Int32Array(1 << 12)

  id(text: string, start: number, end: number): number {
    let hash = 0x811c9dc5 | 0
    for (let k = start; k < end; k++) hash = Math.imul(hash ^ text.charCodeAt(k), 0x01000193)
    const mask = this.slots.length - 1
    let at = hash & mask
    for (let id = this.slots[at]; id !== -1; id = this.slots[at]) {
      if (this.hashes[at] === hash && sameText(this.words[id], text, start, end)) return id
      at = (at + 1) & mask
    }
    const id = this.words.length
    this.words.push(text.slice(start, end))
    this.slots[at] = id
    this.hashes[at] = hash
    if (this.words.length * 2 > this.slots.length) this.grow()
    return id
  }

  private grow(): void {
    const slots = this.slots
    const hashes = this.hashes
    this.slots = new Int32Array(slots.length * 2).fill(-1)
    this.hashes = new Int32Array(slots.length * 2)
    const mask = this.slots.length - 1
    for (let k = 0; k < slots.length; k++) {
      if (slots[k] === -1) continue
      let at = hashes[k] & mask
      while (this.slots[at] !== -1) at = (at + 1) & mask
      this.slots[at] = slots[k]
      this.hashes[at] = hashes[k]
    }
  }
}

function sameText(word: string, text: string, start: number, end: number): boolean {
  if (word.length !== end - start) return false
  for (let k = 0; k < word.length; k++) if (word.charCodeAt(k) !== text.charCodeAt(start + k)) return false
  return true
}

/**
 * The pairs in force for one alignment: each source sentence holds the ids of every pair whose
 * Persian word it contains; each sentence on either side lists its words that take part in a pair.
 */
export interface Lexicon {
  source: LexiconSourceSide
  target: LexiconSide
  /** Weight of each pair with all the evidence counted. */
  weights: Float64Array
  pairTarget: Int32Array
  pairSource: Int32Array
  /** Beads that taught each pair; 0 for pairs given in a dictionary (fixed weight). */
  counts: Int32Array
  training: Training | null
  /**
   * Whether each learned pair still counts with the bead of the sentence being scored taken out,
   * when that bead's target holds the pair's English word (keepWith) or not (keepApart):
   * computed once here instead of a logarithm per scored sentence pair.
   */
  keepWith: Uint8Array
  keepApart: Uint8Array
  size: number
}

export interface LexiconSide {
  /** Words of each sentence that take part in some pair: those that can show a translation. */
  words: Int32Array
  /** Those words themselves (compressed rows); a word's place in its row is its slot. */
  wordIds: Int32Array
  wordOffsets: Int32Array
}

export interface LexiconSourceSide extends LexiconSide {
  /** The pair ids of each sentence's words (compressed rows). */
  ids: Int32Array
  offsets: Int32Array
  /**
   * For each entry of `ids`, the slot of the pair's Persian word in its sentence (at most
   * MASKED_WORDS are told apart), so the words a bead covers can be unioned.
   */
  slots: Uint8Array
}

/** Words of a sentence told apart in coverage masks (two 32-bit halves); later ones are counted only. */
export const MASKED_WORDS = 64

/** What the learned pairs were counted over, to take one bead's own share back out. */
export interface Training {
  beads: number
  sourceDf: Int32Array
  targetDf: Int32Array
  /** Training bead holding each source sentence, or -1. */
  beadOfSource: Int32Array
  /** Target words of each training bead, sorted (compressed rows). */
  targetWords: Int32Array
  targetOffsets: Int32Array
}

export interface PairList {
  s: number[]
  t: number[]
  w: number[]
  count: number[]
}

/**
 * A dictionary prepared for the aligner: the English stems each Persian stem translates to. A
 * large word list is prepared once (indexDictionary) and then costs each alignment a lookup per
 * word of the text instead of a pass over the list.
 */
export interface DictionaryIndex {
  bySource: Map<string, string[]>
  pairs: number
  /** A pair is used only if neither word is in more than this share of a text's sentences. */
  maxWordShare: number
}

/**
 * For a general word list: words in more than one sentence in twenty of a text tell little about
 * which sentence translates which, and such a list's phrases pair every word with "in", "of",
 * "از". On the real parallel text, with the list Hamta ships, 25% left so many chance matches
 * that clean text lost 0.03 strict F1; 5% gained on every variant.
 */
export const GENERAL_WORD_SHARE = 0.05

/**
 * Prepares a dictionary (a term of several words uses its first Persian word). A dictionary made
 * for the text's subject (a termbase, the library's own pairs) is used whatever its words'
 * frequency; a general word list should pass GENERAL_WORD_SHARE.
 */
export function indexDictionary(dictionary: readonly DictionaryPair[], maxWordShare = 1): DictionaryIndex {
  const index = emptyDictionaryIndex(maxWordShare)
  for (const pair of dictionary) addToDictionaryIndex(index, pair.source, pair.target)
  return index
}

export function emptyDictionaryIndex(maxWordShare = 1): DictionaryIndex {
  return { bySource: new Map(), pairs: 0, maxWordShare }
}

/** Adds one pair to a dictionary being prepared. */
export function addToDictionaryIndex(index: DictionaryIndex, persian: string, english: string): void {
  const source = persianStems(persian)[0]
  if (!source) return
  let targets = index.bySource.get(source)
  if (!targets) index.bySource.set(source, (targets = []))
  for (const stem of englishStems(english)) {
    if (targets.includes(stem)) continue
    targets.push(stem)
    index.pairs++
  }
}

/** Marks the words of a side in more than `share` of its sentences (none for a share of 1). */
function commonWords(side: SideWords, share: number): Uint8Array {
  if (share >= 1) return new Uint8Array(side.vocabulary.size)
  const df = countOf(side.ids, side.vocabulary.size)
  const limit = Math.max(4, share * (side.offsets.length - 1))
  return Uint8Array.from(df, (count) => (count > limit ? 1 : 0))
}

/** Pairs from dictionaries, on the words of this text (neither word common in it). */
export function givenPairs(dictionaries: readonly DictionaryIndex[], source: SideWords, target: SideWords): PairList {
  const out: PairList = { s: [], t: [], w: [], count: [] }
  const seen = new Set<number>()
  const width = target.vocabulary.size + 1
  for (const dictionary of dictionaries) {
    const commonSource = commonWords(source, dictionary.maxWordShare)
    const commonTarget = commonWords(target, dictionary.maxWordShare)
    for (const [word, s] of source.vocabulary) {
      if (commonSource[s] === 1) continue
      for (const stem of dictionary.bySource.get(word) ?? []) {
        const t = target.vocabulary.get(stem)
        if (t === undefined || commonTarget[t] === 1 || seen.has(s * width + t)) continue
        seen.add(s * width + t)
        out.s.push(s)
        out.t.push(t)
        out.w.push(GIVEN_WEIGHT)
        out.count.push(0)
      }
    }
  }
  return out
}

function pairWeight(count: number, beads: number, sourceDf: number, targetDf: number): number {
  if (count < 1 || sourceDf < 1 || targetDf < 1) return 0
  const weight = Math.log(((count - 0.5) * beads) / (sourceDf * targetDf))
  return weight < MIN_PAIR_WEIGHT ? 0 : Math.min(MAX_LEARNED_WEIGHT, weight)
}

/**
 * Learns word pairs from beads believed to be translations: pointwise mutual information of
 * the two words appearing in the same bead, with the count discounted so chance meetings of
 * rare words do not look like translations; each word keeps its partners of highest G² (see
 * logLikelihoodRatio). When a sentence is scored later, its own bead's
 * share of the counts is taken out (see PairCoverage): otherwise the pairs would reward exactly
 * what the first pass paired, right or wrong.
 */
export function learnPairs(
  beads: ReadonlyArray<{ src: readonly number[]; tgt: readonly number[] }>,
  source: SideWords,
  target: SideWords
): { pairs: PairList; training: Training } {
  const pairs: PairList = { s: [], t: [], w: [], count: [] }
  const count = beads.length
  const sourceDf = new Int32Array(source.vocabulary.size)
  const targetDf = new Int32Array(target.vocabulary.size)
  const sourceRows = beadRows(
    source,
    beads.map((bead) => bead.src)
  )
  const targetRows = beadRows(
    target,
    beads.map((bead) => bead.tgt)
  )
  const beadOfSource = new Int32Array(source.offsets.length - 1).fill(-1)
  beads.forEach((bead, b) => bead.src.forEach((k) => (beadOfSource[k] = b)))
  const targetOffsets = targetRows.offsets
  const targetWords = targetRows.ids
  const training: Training = { beads: count, sourceDf, targetDf, beadOfSource, targetWords, targetOffsets }
  if (count < 4) return { pairs, training }
  addCounts(sourceRows.ids, sourceDf)
  addCounts(targetWords, targetDf)
  const common = Math.max(4, MAX_WORD_SHARE * count)
  // Each phase is a function of its own, so the engine optimizes each loop once (see search).
  const { postingStart, postings } = sourcePostings(sourceRows, sourceDf, common)
  const { pairableStart, pairable } = pairableTargets(targetRows, targetDf, common)
  const candidates = countCandidates(postingStart, postings, pairableStart, pairable, sourceDf, targetDf, count)
  selectPairs(candidates, sourceDf, targetDf, count, pairs)
  return { pairs, training }
}

/** How often each id in 0 … size − 1 occurs. */
function countOf(ids: Int32Array, size: number): Int32Array {
  return addCounts(ids, new Int32Array(size))
}

function addCounts(ids: Int32Array, counts: Int32Array): Int32Array {
  for (let k = 0; k < ids.length; k++) counts[ids[k]]++
  return counts
}

/**
 * Beads of each source word neither rare nor too common (postings). This phase and the next
 * keep each loop in a function of its own returning a typed array: a loop compiled while it runs
 * loses its code on reaching a line that had not run before (see search).
 */
function sourcePostings(
  rows: { ids: Int32Array; offsets: Int32Array },
  sourceDf: Int32Array,
  common: number
): { postingStart: Int32Array; postings: Int32Array } {
  const postingStart = postingStarts(sourceDf, common)
  return { postingStart, postings: postingsFrom(rows, sourceDf, common, postingStart) }
}

function postingStarts(sourceDf: Int32Array, common: number): Int32Array {
  const postingStart = new Int32Array(sourceDf.length + 1)
  for (let f = 0; f < sourceDf.length; f++)
    postingStart[f + 1] = postingStart[f] + (sourceDf[f] >= MIN_PAIR_COUNT && sourceDf[f] <= common ? sourceDf[f] : 0)
  return postingStart
}

function postingsFrom(rows: { ids: Int32Array; offsets: Int32Array }, sourceDf: Int32Array, common: number, postingStart: Int32Array): Int32Array {
  const count = rows.offsets.length - 1
  const postings = new Int32Array(postingStart[sourceDf.length])
  const fill = postingStart.slice(0, sourceDf.length)
  for (let b = 0; b < count; b++) {
    for (let a = rows.offsets[b]; a < rows.offsets[b + 1]; a++) {
      const f = rows.ids[a]
      if (sourceDf[f] >= MIN_PAIR_COUNT && sourceDf[f] <= common) postings[fill[f]++] = b
    }
  }
  return postings
}

/**
 * Each bead's target words that can pair (neither rare nor too common), so the counting loop, the
 * heart of the learning, skips nothing.
 */
function pairableTargets(
  rows: { ids: Int32Array; offsets: Int32Array },
  targetDf: Int32Array,
  common: number
): { pairableStart: Int32Array; pairable: Int32Array } {
  const usable = usableTargets(targetDf, common)
  const pairableStart = pairableStarts(rows, usable)
  return { pairableStart, pairable: pairableFrom(rows, usable, pairableStart) }
}

function usableTargets(targetDf: Int32Array, common: number): Uint8Array {
  const usable = new Uint8Array(targetDf.length)
  for (let e = 0; e < usable.length; e++) usable[e] = targetDf[e] >= MIN_PAIR_COUNT && targetDf[e] <= common ? 1 : 0
  return usable
}

function pairableStarts(rows: { ids: Int32Array; offsets: Int32Array }, usable: Uint8Array): Int32Array {
  const count = rows.offsets.length - 1
  const pairableStart = new Int32Array(count + 1)
  for (let b = 0; b < count; b++) {
    let kept = 0
    for (let a = rows.offsets[b]; a < rows.offsets[b + 1]; a++) kept += usable[rows.ids[a]]
    pairableStart[b + 1] = pairableStart[b] + kept
  }
  return pairableStart
}

function pairableFrom(rows: { ids: Int32Array; offsets: Int32Array }, usable: Uint8Array, pairableStart: Int32Array): Int32Array {
  const count = rows.offsets.length - 1
  const pairable = new Int32Array(pairableStart[count])
  for (let b = 0, at = 0; b < count; b++) {
    for (let a = rows.offsets[b]; a < rows.offsets[b + 1]; a++) if (usable[rows.ids[a]] === 1) pairable[at++] = rows.ids[a]
  }
  return pairable
}

/** Word pairs meeting often enough, and above chance, to be candidates (see learnPairs). */
function countCandidates(
  postingStart: Int32Array,
  postings: Int32Array,
  pairableStart: Int32Array,
  pairable: Int32Array,
  sourceDf: Int32Array,
  targetDf: Int32Array,
  count: number
): CandidateBuffer {
  const together = new Int32Array(targetDf.length)
  const touched = new Int32Array(targetDf.length)
  // A book gives hundreds of thousands of candidates: typed buffers, not arrays of numbers.
  const candidates = new CandidateBuffer()
  const xLogX = xLogXTable(count)
  for (let f = 0; f < sourceDf.length; f++) {
    if (postingStart[f] === postingStart[f + 1]) continue
    let touchedCount = 0
    for (let k = postingStart[f]; k < postingStart[f + 1]; k++) {
      const b = postings[k]
      for (let a = pairableStart[b]; a < pairableStart[b + 1]; a++) {
        const e = pairable[a]
        if (together[e]++ === 0) touched[touchedCount++] = e
      }
    }
    for (let k = 0; k < touchedCount; k++) {
      const e = touched[k]
      const c = together[e]
      together[e] = 0
      if (c < MIN_PAIR_COUNT) continue
      // Kept if it would still count with one of its beads taken out.
      // pairWeight(c - 1, count - 1, sourceDf[f] - 1, targetDf[e] - 1) > 0, without its logarithm.
      if (c >= 2 && (c - 1.5) * (count - 1) >= LEAVE_ONE_OUT_FACTOR * (sourceDf[f] - 1) * (targetDf[e] - 1) && sourceDf[f] > 1 && targetDf[e] > 1) {
        candidates.add(f, e, logLikelihoodRatio(c, sourceDf[f], targetDf[e], count, xLogX), c)
      }
    }
  }
  return candidates
}

/**
 * Dunning's log-likelihood ratio (G²) of two words meeting `together` times in `beads` beads, one
 * in `sourceDf` of them and the other in `targetDf`: how surely they are associated, which grows
 * with the evidence. Pointwise mutual information (the pair's weight) instead rewards rare words:
 * two meetings of a word found twice score as high as two hundred of a word found in three
 * hundred verses, so common content words (کافر, پیامبر, آخرت) kept chance partners and no
 * translation. Ranked by G², and with each word's words counted once in a merged bead (see
 * coverageEvidence), strict F1 at 10,000 real units rose from 0.973 to 0.981 and 1:0 / 0:1
 * recall from 0.76 to 0.86.
 */
function logLikelihoodRatio(together: number, sourceDf: number, targetDf: number, beads: number, xLogX: Float64Array): number {
  return (
    2 *
    (xLogX[together] +
      xLogX[sourceDf - together] +
      xLogX[targetDf - together] +
      xLogX[beads - sourceDf - targetDf + together] +
      xLogX[beads] -
      xLogX[sourceDf] -
      xLogX[beads - sourceDf] -
      xLogX[targetDf] -
      xLogX[beads - targetDf])
  )
}

/** x·ln x for every count up to `limit`: a book has hundreds of thousands of candidate pairs. */
function xLogXTable(limit: number): Float64Array {
  return Float64Array.from({ length: limit + 1 }, (_, x) => (x > 0 ? x * Math.log(x) : 0))
}

/**
 * Most surely associated first (see logLikelihoodRatio; equal strengths in the order found); a
 * word takes part in a few pairs at most.
 */
function selectPairs(candidates: CandidateBuffer, sourceDf: Int32Array, targetDf: Int32Array, beads: number, pairs: PairList): void {
  const sourceUsed = new Int32Array(sourceDf.length)
  const targetUsed = new Int32Array(targetDf.length)
  const { source: candidateSource, target: candidateTarget, count: candidateCount } = candidates
  // strongestFirst sorts numbers in [0, MAX_LEARNED_WEIGHT]: scaled in place (a book has
  // hundreds of thousands of candidates).
  const strength = candidates.strength.subarray(0, candidates.size)
  scaleInPlace(strength, MAX_LEARNED_WEIGHT)
  const order = strongestFirst(strength)
  for (let at = 0; at < order.length; at++) {
    const k = order[at]
    const s = candidateSource[k]
    const t = candidateTarget[k]
    if (sourceUsed[s] >= PARTNERS_PER_WORD || targetUsed[t] >= PARTNERS_PER_WORD) continue
    sourceUsed[s]++
    targetUsed[t]++
    pairs.s.push(s)
    pairs.t.push(t)
    pairs.w.push(pairWeight(candidateCount[k], beads, sourceDf[s], targetDf[t]))
    pairs.count.push(candidateCount[k])
  }
}

/** Scales non-negative values so the largest is `top` (negatives become 0). */
function scaleInPlace(values: Float64Array, top: number): void {
  const strongest = largest(values)
  if (strongest > 0) for (let k = 0; k < values.length; k++) values[k] = (Math.max(0, values[k]) / strongest) * top
}

function largest(values: Float64Array): number {
  let most = 0
  for (let k = 0; k < values.length; k++) if (values[k] > most) most = values[k]
  return most
}

/**
 * Sorts array[from, to) in place. The rows sorted here hold a few dozen numbers each and there are
 * tens of thousands of them: an insertion sort in place costs less than a typed-array view and a
 * sort call per row.
 */
function sortRange(array: Int32Array | Float64Array, from: number, to: number): void {
  if (to - from > 32) {
    array.subarray(from, to).sort()
    return
  }
  for (let k = from + 1; k < to; k++) {
    const value = array[k]
    let at = k - 1
    while (at >= from && array[at] > value) {
      array[at + 1] = array[at]
      at--
    }
    array[at + 1] = value
  }
}

/** Candidate pairs in growable typed arrays. */
class CandidateBuffer {
  size = 0
  source = new Int32Array(1024)
  target = new Int32Array(1024)
  strength = new Float64Array(1024)
  count = new Int32Array(1024)

  add(source: number, target: number, strength: number, count: number): void {
    if (this.size === this.source.length) this.grow()
    const k = this.size++
    this.source[k] = source
    this.target[k] = target
    this.strength[k] = strength
    this.count[k] = count
  }

  private grow(): void {
    const capacity = this.source.length * 2
    const widen = <T extends Int32Array | Float64Array>(old: T, fresh: T): T => {
      fresh.set(old)
      return fresh
    }
    this.source = widen(this.source, new Int32Array(capacity))
    this.target = widen(this.target, new Int32Array(capacity))
    this.strength = widen(this.strength, new Float64Array(capacity))
    this.count = widen(this.count, new Int32Array(capacity))
  }
}

const ORDER_BITS = 2 ** 21
const WEIGHT_STEPS = 2 ** 30
const BUCKETS = 65536
const STEPS_PER_BUCKET = (MAX_LEARNED_WEIGHT * WEIGHT_STEPS) / BUCKETS

/**
 * Indices of `weights` (each in [0, MAX_LEARNED_WEIGHT]) strongest first, ties in index order:
 * one number per candidate, weight above and index below, sorted as numbers, which is many times
 * faster than sorting pairs with a comparator (hundreds of thousands of candidates in a book).
 */
export function strongestFirst(weights: ArrayLike<number>): Int32Array {
  if (weights.length >= ORDER_BITS) {
    return Int32Array.from(Array.from({ length: weights.length }, (_, k) => k).sort((a, b) => weights[b] - weights[a] || a - b))
  }
  // The keys are first spread into coarse weight buckets (a stable counting pass), then each
  // bucket is sorted alone: the same order as one sort of all keys, in a third of the time.
  // Each loop a function of its own (see sourcePostings).
  const size = weights.length
  const steps = new Float64Array(size)
  const bucketOf = new Int32Array(size)
  const bucketStart = startsOf(bucketSizes(weights, steps, bucketOf))
  const keys = bucketKeys(steps, bucketOf, bucketStart)
  sortBuckets(keys, bucketStart)
  return orderOfKeys(keys)
}

/** Each weight's step and bucket; how many fall in each bucket. */
function bucketSizes(weights: ArrayLike<number>, steps: Float64Array, bucketOf: Int32Array): Int32Array {
  const sizes = new Int32Array(BUCKETS)
  for (let k = 0; k < weights.length; k++) {
    const step = Math.floor((MAX_LEARNED_WEIGHT - weights[k]) * WEIGHT_STEPS)
    steps[k] = step
    const bucket = Math.min(BUCKETS - 1, Math.floor(step / STEPS_PER_BUCKET))
    bucketOf[k] = bucket
    sizes[bucket]++
  }
  return sizes
}

/** Sort keys (step, then index) placed bucket by bucket. */
function bucketKeys(steps: Float64Array, bucketOf: Int32Array, bucketStart: Int32Array): Float64Array {
  const keys = new Float64Array(steps.length)
  const fill = bucketStart.slice(0, BUCKETS)
  for (let k = 0; k < steps.length; k++) keys[fill[bucketOf[k]]++] = steps[k] * ORDER_BITS + k
  return keys
}

function sortBuckets(keys: Float64Array, bucketStart: Int32Array): void {
  for (let b = 0; b < BUCKETS; b++) sortRange(keys, bucketStart[b], bucketStart[b + 1])
}

function orderOfKeys(keys: Float64Array): Int32Array {
  const order = new Int32Array(keys.length)
  for (let k = 0; k < keys.length; k++) order[k] = keys[k] % ORDER_BITS
  return order
}

/** The distinct words of each bead (sentences of one side) as compressed rows, each sorted. */
function beadRows(side: SideWords, beads: ReadonlyArray<readonly number[]>): { ids: Int32Array; offsets: Int32Array } {
  const offsets = startsOf(wordsPerBead(side, beads))
  const ids = new Int32Array(offsets[beads.length])
  const end = fillBeadRows(side, beads, offsets, ids)
  // Words shared by sentences of one bead were counted twice above: the rows end earlier.
  return { ids: end === ids.length ? ids : ids.slice(0, end), offsets }
}

/** Words of each bead's sentences, counted with repeats (an upper bound of its distinct words). */
function wordsPerBead(side: SideWords, beads: ReadonlyArray<readonly number[]>): Int32Array {
  const sizes = new Int32Array(beads.length)
  for (let b = 0; b < beads.length; b++) for (const k of beads[b]) sizes[b] += side.offsets[k + 1] - side.offsets[k]
  return sizes
}

/** Fills each bead's distinct words, sorted, and moves `offsets` to the rows' true ends; returns the end. */
function fillBeadRows(side: SideWords, beads: ReadonlyArray<readonly number[]>, offsets: Int32Array, ids: Int32Array): number {
  const seen = new Int32Array(side.vocabulary.size).fill(-1)
  let at = 0
  for (let b = 0; b < beads.length; b++) {
    const start = at
    for (const k of beads[b]) {
      for (let a = side.offsets[k]; a < side.offsets[k + 1]; a++) {
        const id = side.ids[a]
        if (seen[id] === b) continue
        seen[id] = b
        ids[at++] = id
      }
    }
    // One sentence's words are sorted already; several are merged by a sort.
    if (beads[b].length > 1) sortRange(ids, start, at)
    offsets[b + 1] = at
  }
  return at
}

/**
 * How many of each sentence's words take part in a pair. This and pairedWordIds are functions of
 * their own, as each loop of buildLexicon: the engine optimizes a loop while it runs, and code
 * made for the first of several loops in one function is thrown away when the next one starts.
 */
function pairedPerSentence(side: SideWords, paired: Uint8Array): Int32Array {
  const sentences = side.offsets.length - 1
  const words = new Int32Array(sentences)
  for (let k = 0; k < sentences; k++) for (let a = side.offsets[k]; a < side.offsets[k + 1]; a++) words[k] += paired[side.ids[a]]
  return words
}

/** The indices of `keys` grouped by key, in rows starting at `starts` (in order within a row). */
function rowsInOrder(keys: Int32Array, starts: Int32Array): Int32Array {
  const rows = new Int32Array(keys.length)
  const fill = starts.slice(0, starts.length - 1)
  for (let k = 0; k < keys.length; k++) rows[fill[keys[k]]++] = k
  return rows
}

/** How many pairs each sentence's words take part in. */
function pairsPerSentence(side: LexiconSide, wordStart: Int32Array): Int32Array {
  const sentences = side.words.length
  const sizes = new Int32Array(sentences)
  for (let k = 0; k < sentences; k++)
    for (let a = side.wordOffsets[k]; a < side.wordOffsets[k + 1]; a++) sizes[k] += wordStart[side.wordIds[a] + 1] - wordStart[side.wordIds[a]]
  return sizes
}

/** Each sentence's pairs (ids) and the slot of the pair's word in its sentence (slots). */
function fillSentencePairs(
  side: LexiconSide,
  wordStart: Int32Array,
  wordPairs: Int32Array,
  offsets: Int32Array,
  ids: Int32Array,
  slots: Uint8Array
): void {
  for (let k = 0; k < side.words.length; k++) {
    let at = offsets[k]
    for (let a = side.wordOffsets[k]; a < side.wordOffsets[k + 1]; a++) {
      const w = side.wordIds[a]
      const slot = Math.min(a - side.wordOffsets[k], MASKED_WORDS)
      for (let b = wordStart[w]; b < wordStart[w + 1]; b++) {
        slots[at] = slot
        ids[at++] = wordPairs[b]
      }
    }
  }
}

/** Row starts for rows of these sizes. */
function startsOf(sizes: Int32Array): Int32Array {
  const starts = new Int32Array(sizes.length + 1)
  for (let k = 0; k < sizes.length; k++) starts[k + 1] = starts[k] + sizes[k]
  return starts
}

/** Each sentence's words that take part in a pair, in rows starting at wordOffsets. */
function pairedWordIds(side: SideWords, paired: Uint8Array, wordOffsets: Int32Array): Int32Array {
  const sentences = side.offsets.length - 1
  const wordIds = new Int32Array(wordOffsets[sentences])
  for (let k = 0, at = 0; k < sentences; k++)
    for (let a = side.offsets[k]; a < side.offsets[k + 1]; a++) if (paired[side.ids[a]] === 1) wordIds[at++] = side.ids[a]
  return wordIds
}

/** Puts pair lists together and turns them into per-sentence pair ids. */
export function buildLexicon(lists: PairList[], source: SideWords, target: SideWords, training: Training | null = null): Lexicon {
  const weights: number[] = []
  const pairT: number[] = []
  const pairS: number[] = []
  const counts: number[] = []
  const seen = new Map<number, number>()
  const width = target.vocabulary.size + 1
  for (const list of lists) {
    for (let k = 0; k < list.s.length; k++) {
      const key = list.s[k] * width + list.t[k]
      const existing = seen.get(key)
      if (existing !== undefined) {
        // A pair both given and learned keeps the given (fixed) weight if that is higher.
        if (list.w[k] > weights[existing]) {
          weights[existing] = list.w[k]
          counts[existing] = list.count[k]
        }
        continue
      }
      const id = weights.length
      seen.set(key, id)
      weights.push(list.w[k])
      counts.push(list.count[k])
      pairS.push(list.s[k])
      pairT.push(list.t[k])
    }
  }
  // Each side's words that take part in a pair; the source side also the pair ids of each
  // sentence's words (read against the target's words, see PairCoverage).
  const sideWords = (side: SideWords, paired: Uint8Array): LexiconSide => {
    const words = pairedPerSentence(side, paired)
    const wordOffsets = startsOf(words)
    return { words, wordIds: pairedWordIds(side, paired, wordOffsets), wordOffsets }
  }
  const pairedWords = (side: SideWords, pairWord: readonly number[]): Uint8Array => {
    const paired = new Uint8Array(side.vocabulary.size)
    for (const w of pairWord) paired[w] = 1
    return paired
  }
  const sourceSide = (): LexiconSourceSide => {
    const base = sideWords(source, pairedWords(source, pairS))
    // Pairs of each word in compressed rows (counted, then filled in pair order).
    const pairSource = Int32Array.from(pairS)
    const wordStart = startsOf(countOf(pairSource, source.vocabulary.size))
    const wordPairs = rowsInOrder(pairSource, wordStart)
    const offsets = startsOf(pairsPerSentence(base, wordStart))
    const ids = new Int32Array(offsets[offsets.length - 1])
    const slots = new Uint8Array(ids.length)
    fillSentencePairs(base, wordStart, wordPairs, offsets, ids, slots)
    return { words: base.words, wordIds: base.wordIds, wordOffsets: base.wordOffsets, ids, offsets, slots }
  }
  const keepWith = new Uint8Array(weights.length).fill(1)
  const keepApart = new Uint8Array(weights.length).fill(1)
  if (training) {
    for (let p = 0; p < weights.length; p++) {
      if (counts[p] === 0) continue
      const sourceDf = training.sourceDf[pairS[p]] - 1
      const targetDf = training.targetDf[pairT[p]]
      keepWith[p] = pairWeight(counts[p] - 1, training.beads - 1, sourceDf, targetDf - 1) > 0 ? 1 : 0
      keepApart[p] = pairWeight(counts[p], training.beads - 1, sourceDf, targetDf) > 0 ? 1 : 0
    }
  }
  return {
    source: sourceSide(),
    target: sideWords(target, pairedWords(target, pairT)),
    keepWith,
    keepApart,
    weights: Float64Array.from(weights),
    pairSource: Int32Array.from(pairS),
    pairTarget: Int32Array.from(pairT),
    counts: Int32Array.from(counts),
    training,
    size: weights.length
  }
}

/**
 * A dictionary learned from rows a reviewer confirmed (or a translation memory): the same
 * co-occurrence statistics as the aligner's own learning, over many documents. Pass the result
 * as `dictionary` when aligning.
 */
export function learnDictionary(pairs: ReadonlyArray<{ source: string; target: string }>, limit = 50_000): DictionaryPair[] {
  const source = indexWords(
    pairs.map((pair) => pair.source),
    forEachPersianStem
  )
  const target = indexWords(
    pairs.map((pair) => pair.target),
    forEachEnglishStem
  )
  const learned = learnPairs(
    pairs.map((_, k) => ({ src: [k], tgt: [k] })),
    source,
    target
  ).pairs
  const kept = { s: learned.s.slice(0, limit), t: learned.t.slice(0, limit) }
  // Each Persian stem kept, as a word of the rows that has it: a stem is not always its own stem
  // (طلایی gives طلای, and طلای would give طلا), and the dictionary is stemmed again when used.
  // The rows are read again only until every stem has its word (the common ones come early).
  const sourceWords: Array<string | undefined> = []
  for (const s of kept.s) sourceWords[s] = ''
  let missing = new Set(kept.s).size
  for (let k = 0; k < pairs.length && missing > 0; k++)
    forEachPersianWord(pairs[k].source, (text, start, end) => {
      const id = source.vocabulary.get(text.slice(start, persianStemEnd(text, start, end)))
      if (id === undefined || sourceWords[id] !== '') return
      sourceWords[id] = text.slice(start, end)
      missing--
    })
  const targetWords: string[] = []
  for (const [word, id] of target.vocabulary) targetWords[id] = word
  return kept.s.map((s, k) => ({ source: sourceWords[s] as string, target: targetWords[kept.t[k]] }))
}

/**
 * Which words of a sentence pair translate each other: how many words of t have a partner in s
 * (high 16 bits of `of`'s answer) and how many words of s have one in t (low 16 bits), each
 * learned pair counted without the training bead that holds s (otherwise the pairs would reward
 * exactly what the pass before paired). With `masks`, which ones: at `maskAt`, t's words (two
 * 32-bit halves of slots, see LexiconSide), then s's.
 *
 * One source sentence at a time: `select(s)`, then `of(t)` for the dozen target sentences it is
 * scored against. `select` marks, for each English word, which of s's words take it as a partner;
 * `of` then reads t's words once each. (A common English word has a dozen partners in a word list:
 * reading every pair of t's words cost ten times more; this is the aligner's innermost loop.) A
 * sentence with more words than the masks hold is read pair by pair instead.
 */
export class PairCoverage {
  /** For each English word: the source sentence that marked it, and which of its words pair with it. */
  private readonly partnerOf: Int32Array
  private readonly partnerLow: Int32Array
  private readonly partnerHigh: Int32Array
  /** Target words of s's own training bead, marked with s. */
  private readonly ownMarks: Int32Array
  /** Scratch for reading pair by pair: stamps per target word (t's words, covered ones) and source word. */
  private readonly inTarget: Int32Array
  private readonly slotInTarget: Int32Array
  private readonly coveredTarget: Int32Array
  private readonly coveredSource: Int32Array
  private stamp = 0
  private source = -1
  private byWord = false

  constructor(
    private readonly lexicon: Lexicon,
    /** Read every sentence pair by pair (the two readings agree; tests compare them). */
    private readonly pairByPair = false
  ) {
    const targetWords = lexicon.pairTarget.reduce((a, b) => Math.max(a, b), -1) + 1
    const sourceWords = lexicon.pairSource.reduce((a, b) => Math.max(a, b), -1) + 1
    this.partnerOf = new Int32Array(targetWords).fill(-1)
    this.partnerLow = new Int32Array(targetWords)
    this.partnerHigh = new Int32Array(targetWords)
    this.ownMarks = new Int32Array(lexicon.training?.targetDf.length ?? 0).fill(-1)
    this.inTarget = new Int32Array(targetWords)
    this.slotInTarget = new Int32Array(targetWords)
    this.coveredTarget = new Int32Array(targetWords)
    this.coveredSource = new Int32Array(sourceWords)
  }

  select(s: number): void {
    this.source = s
    const { lexicon } = this
    const training = lexicon.training
    const own = training ? training.beadOfSource[s] : -1
    if (training && own >= 0)
      for (let a = training.targetOffsets[own]; a < training.targetOffsets[own + 1]; a++) this.ownMarks[training.targetWords[a]] = s
    this.byWord = !this.pairByPair && lexicon.source.words[s] <= MASKED_WORDS
    if (!this.byWord) return
    const { ids, offsets, slots } = lexicon.source
    const { pairTarget, keepWith, keepApart } = lexicon
    const { partnerOf, partnerLow, partnerHigh, ownMarks } = this
    // The check of `counts`, inlined: this loop runs over every pair of every sentence each pass.
    const leaveOut = own >= 0
    for (let x = offsets[s]; x < offsets[s + 1]; x++) {
      const p = ids[x]
      const word = pairTarget[p]
      if (leaveOut && (ownMarks[word] === s ? keepWith[p] : keepApart[p]) !== 1) continue
      if (partnerOf[word] !== s) {
        partnerOf[word] = s
        partnerLow[word] = 0
        partnerHigh[word] = 0
      }
      const slot = slots[x]
      if (slot < 32) partnerLow[word] |= 1 << slot
      else partnerHigh[word] |= 1 << (slot - 32)
    }
  }

  of(t: number, masks: Int32Array | null = null, maskAt = 0): number {
    return this.byWord ? this.byWords(t, masks, maskAt) : this.byPairs(t, masks, maskAt)
  }

  /** Whether pair p (its English word `word`) counts for the selected sentence: see the class. */
  private counts(p: number, word: number): boolean {
    const { lexicon, source } = this
    const training = lexicon.training
    if (training === null || training.beadOfSource[source] < 0) return true
    return (this.ownMarks[word] === source ? lexicon.keepWith[p] : lexicon.keepApart[p]) === 1
  }

  private byWords(t: number, masks: Int32Array | null, maskAt: number): number {
    const { wordIds, wordOffsets } = this.lexicon.target
    const { partnerOf, partnerLow, partnerHigh, source } = this
    let coveredT = 0
    let targetLow = 0
    let targetHigh = 0
    let sourceLow = 0
    let sourceHigh = 0
    const first = wordOffsets[t]
    const end = wordOffsets[t + 1]
    for (let k = first; k < end; k++) {
      const word = wordIds[k]
      if (partnerOf[word] !== source) continue
      coveredT++
      const slot = k - first
      if (slot < 32) targetLow |= 1 << slot
      else if (slot < MASKED_WORDS) targetHigh |= 1 << (slot - 32)
      sourceLow |= partnerLow[word]
      sourceHigh |= partnerHigh[word]
    }
    if (masks) writeMasks(masks, maskAt, targetLow, targetHigh, sourceLow, sourceHigh)
    return (Math.min(coveredT, 0xffff) << 16) | (bitCount(sourceLow) + bitCount(sourceHigh))
  }

  private byPairs(t: number, masks: Int32Array | null, maskAt: number): number {
    const { lexicon, inTarget, slotInTarget, coveredTarget, coveredSource } = this
    const { wordIds, wordOffsets } = lexicon.target
    const stamp = ++this.stamp
    for (let k = wordOffsets[t]; k < wordOffsets[t + 1]; k++) {
      inTarget[wordIds[k]] = stamp
      slotInTarget[wordIds[k]] = k - wordOffsets[t]
    }
    const { ids, offsets, slots } = lexicon.source
    let coveredT = 0
    let coveredS = 0
    let targetLow = 0
    let targetHigh = 0
    let sourceLow = 0
    let sourceHigh = 0
    for (let x = offsets[this.source]; x < offsets[this.source + 1]; x++) {
      const p = ids[x]
      const word = lexicon.pairTarget[p]
      if (inTarget[word] !== stamp || !this.counts(p, word)) continue
      if (coveredTarget[word] !== stamp) {
        coveredTarget[word] = stamp
        coveredT++
        const slot = slotInTarget[word]
        if (slot < 32) targetLow |= 1 << slot
        else if (slot < MASKED_WORDS) targetHigh |= 1 << (slot - 32)
      }
      const sourceWord = lexicon.pairSource[p]
      if (coveredSource[sourceWord] !== stamp) {
        coveredSource[sourceWord] = stamp
        coveredS++
        const slot = slots[x]
        if (slot < 32) sourceLow |= 1 << slot
        else if (slot < MASKED_WORDS) sourceHigh |= 1 << (slot - 32)
      }
    }
    if (masks) writeMasks(masks, maskAt, targetLow, targetHigh, sourceLow, sourceHigh)
    return (Math.min(coveredT, 0xffff) << 16) | Math.min(coveredS, 0xffff)
  }
}

function writeMasks(masks: Int32Array, at: number, targetLow: number, targetHigh: number, sourceLow: number, sourceHigh: number): void {
  masks[at] = targetLow
  masks[at + 1] = targetHigh
  masks[at + 2] = sourceLow
  masks[at + 3] = sourceHigh
}

/** Set bits of a 32-bit number. */
export function bitCount(x: number): number {
  x -= (x >>> 1) & 0x55555555
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333)
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff
}

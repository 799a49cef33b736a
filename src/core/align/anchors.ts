/**
 * Anchors: small pieces of evidence that a Persian sentence and an English sentence translate
 * each other because both contain the same thing — a number (in any digit system), a Latin word
 * or URL kept in the Persian text, a name transliterated from one script to the other (see
 * transliteration.ts), a question or exclamation mark, a quotation, a heading, or a glossary /
 * name pair supplied by the caller.
 *
 * Each anchor is interned to an integer id so the aligner's inner loop only compares ints.
 */

export type AnchorKind = 'number' | 'latin' | 'url' | 'question' | 'exclamation' | 'quote' | 'heading' | 'glossary' | 'name'

/** A term pair the caller knows translates one to the other, e.g. a person's name. */
export interface GlossaryPair {
  source: string
  target: string
}

/**
 * How much one shared anchor of each kind lowers a bead's cost (in nats). Numbers, Latin words,
 * URLs and glossary terms rarely coincide by chance; punctuation and quotes often do.
 */
export const ANCHOR_WEIGHTS: Record<AnchorKind, number> = {
  number: 3,
  latin: 3,
  url: 4,
  glossary: 2.5,
  name: 2,
  question: 2,
  exclamation: 1.5,
  quote: 0.5,
  heading: 2
}

/** At most this many anchors are kept per sentence, so tables of figures cannot stall the search. */
const MAX_ANCHORS_PER_SENTENCE = 48

// ---------------------------------------------------------------------------------------------
// Numbers

const DIGIT = '0-9\u06F0-\u06F9\u0660-\u0669'

/** Persian (۰-۹) and Arabic-Indic (٠-٩) digits to ASCII. */
export function toAsciiDigits(text: string): string {
  let out = ''
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code >= 0x06f0 && code <= 0x06f9) out += String.fromCharCode(code - 0x06f0 + 48)
    else if (code >= 0x0660 && code <= 0x0669) out += String.fromCharCode(code - 0x0660 + 48)
    else out += text[i]
  }
  return out
}

/**
 * Reads one number token (already in ASCII digits) as a value, or null for things that are not
 * one quantity (dates such as 1399/05/12, version strings).
 * `٫` is the Persian decimal separator and `٬` the thousands separator; in ASCII text a comma
 * followed by groups of exactly three digits is a thousands separator, a single `.` a decimal
 * point; in Persian text a single `/` between digits is commonly typed as a decimal point.
 */
export function parseNumberToken(token: string): number | null {
  let text = token
    .replace(/\u066C/g, '')
    .replace(/'/g, '')
    .replace(/\u066B/g, '.')
  const slashes = (text.match(/\//g) ?? []).length
  if (slashes > 1) return null
  if (slashes === 1) {
    if (text.includes('.') || text.includes(',')) return null
    text = text.replace('/', '.')
  }
  if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(text)) text = text.replace(/,/g, '')
  else if (/^\d{1,3}(\.\d{3}){2,}$/.test(text)) text = text.replace(/\./g, '')
  else if (text.includes(',')) {
    // "3,5" (decimal comma) or a list like "1,2": take it as a decimal only when there is one comma.
    if ((text.match(/,/g) ?? []).length !== 1) return null
    text = text.replace(',', '.')
  }
  if ((text.match(/\./g) ?? []).length > 1) return null
  const value = Number(text)
  return Number.isFinite(value) ? value : null
}

const SCALE_WORDS: Record<string, number> = {
  thousand: 1e3,
  million: 1e6,
  billion: 1e9,
  trillion: 1e12,
  هزار: 1e3,
  میلیون: 1e6,
  میلیارد: 1e9,
  تریلیون: 1e12,
  بیلیون: 1e9
}

/** Number words that stand in for digits before a scale word ("one million", "یک میلیارد"). */
const SMALL_NUMBER_WORDS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  hundred: 100,
  a: 1,
  یک: 1,
  دو: 2,
  سه: 3,
  چهار: 4,
  پنج: 5,
  شش: 6,
  هفت: 7,
  هشت: 8,
  نه: 9,
  ده: 10,
  صد: 100,
  یکصد: 100,
  دویست: 200,
  سیصد: 300,
  پانصد: 500
}

/**
 * Number words that count as numbers on their own. "one"/"یک" are left out (both also serve as
 * an article or pronoun), and so is "نه" (also "no").
 */
const STANDALONE_NUMBER_WORDS: Record<string, number> = {
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  hundred: 100,
  دو: 2,
  سه: 3,
  چهار: 4,
  پنج: 5,
  شش: 6,
  هفت: 7,
  هشت: 8,
  ده: 10,
  یازده: 11,
  دوازده: 12,
  بیست: 20,
  سی: 30,
  چهل: 40,
  پنجاه: 50,
  صد: 100,
  یکصد: 100
}

const WORD_OR_NUMBER = new RegExp(`[${DIGIT}]+(?:[.,\u066B\u066C/'][${DIGIT}]+)*|[\\p{L}\\p{M}\u200C]+`, 'gu')

/**
 * What can make a number: digits, a number word standing on its own, or a small number word
 * before a scale word ("one million"). Tested with ZWNJ taken out, as the tokens are. Whole words
 * only ("ten" in "often", "ده" in "شده"), and "one", "یک", "نه" alone do not send a sentence
 * through the tokeniser: they are common words and never a number by themselves.
 */
const wordAlternatives = (words: Iterable<string>): string => wordTrie([...new Set(words)])
/**
 * Words as a regular expression shaped like a trie (t(?:wo|en|h(?:ree|irty))…): a list of
 * alternatives is tried one by one at every position of every sentence, the trie once a letter.
 */
function wordTrie(words: string[]): string {
  const byFirst = new Map<string, string[]>()
  let endsHere = false
  for (const word of words) {
    if (word === '') endsHere = true
    else byFirst.set(word[0], [...(byFirst.get(word[0]) ?? []), word.slice(1)])
  }
  if (byFirst.size === 0) return ''
  const branches = [...byFirst].map(([first, rests]) => escapeRegExp(first) + wordTrie(rests))
  if (branches.length === 1 && !endsHere) return branches[0]
  return `(?:${branches.join('|')})${endsHere ? '?' : ''}`
}

// The word's start is checked by hand: a lookbehind at every position made this test a third of
// the anchors' time on long texts.
const NUMBER_CANDIDATE = new RegExp(
  `[${DIGIT}]|(?:(?:${wordAlternatives(Object.keys(STANDALONE_NUMBER_WORDS))})|(?:${wordAlternatives(
    Object.keys(SMALL_NUMBER_WORDS)
  )})\\s+(?:${wordAlternatives(Object.keys(SCALE_WORDS))}))(?![\\p{L}\\p{M}])`,
  'giu'
)
const LETTER_OR_MARK = /[\p{L}\p{M}]/u
// Maps, not the object literals: those answer "constructor" or "toString" as well.
const STANDALONE_WORDS = new Map(Object.entries(STANDALONE_NUMBER_WORDS))
const SMALL_WORDS = new Map(Object.entries(SMALL_NUMBER_WORDS))
const SCALE = new Map(Object.entries(SCALE_WORDS))
const STARTS_WITH_DIGIT = new RegExp(`^[${DIGIT}]`)

function mayHoldNumber(text: string): boolean {
  NUMBER_CANDIDATE.lastIndex = 0
  for (let match = NUMBER_CANDIDATE.exec(text); match; match = NUMBER_CANDIDATE.exec(text)) {
    if (STARTS_WITH_DIGIT.test(match[0]) || match.index === 0 || !LETTER_OR_MARK.test(text[match.index - 1])) return true
    NUMBER_CANDIDATE.lastIndex = match.index + 1
  }
  return false
}

/** Keeps numbers comparable across the two texts: rounded so float noise cannot break a match. */
function numberKey(value: number): string {
  return String(Math.round(value * 1e6) / 1e6)
}

/**
 * Every quantity in a sentence, as canonical strings. A number followed by a scale word is
 * multiplied out (`۲۸٫۴ میلیارد` and `28.4 billion` both give 28400000000), and Persian compounds
 * joined by `و` add up (`یک میلیارد و ۲۰۰ میلیون` gives 1200000000, like `1.2 billion`).
 */
export function extractNumbers(sentence: string): string[] {
  // Most sentences hold neither digits nor number words: one test instead of tokenising them.
  if (!mayHoldNumber(sentence.includes('\u200C') ? sentence.replace(/\u200C/g, '') : sentence)) return []
  const tokens: Array<{ text: string; isNumber: boolean }> = []
  for (const match of sentence.matchAll(WORD_OR_NUMBER)) {
    const text = match[0]
    const isNumber = /^[0-9\u06F0-\u06F9\u0660-\u0669]/.test(text)
    tokens.push({ text: isNumber ? toAsciiDigits(text) : text.toLowerCase().replace(/\u200C/g, ''), isNumber })
  }
  const values: string[] = []
  let i = 0
  while (i < tokens.length) {
    const token = tokens[i]
    let value: number | null = null
    if (token.isNumber) value = parseNumberToken(token.text)
    else if (SMALL_WORDS.has(token.text) && SCALE.has(tokens[i + 1]?.text ?? '')) {
      value = SMALL_WORDS.get(token.text)!
    } else if (STANDALONE_WORDS.has(token.text)) {
      // "سی و سه" / "thirty-three" style compounds are left to the digits; a lone word counts.
      values.push(numberKey(STANDALONE_WORDS.get(token.text)!))
      i++
      continue
    }
    if (value === null) {
      i++
      continue
    }
    let total = 0
    let current = value
    let j = i + 1
    let scaled = false
    // Fold "N scale (و M scale)*" into one quantity.
    for (;;) {
      const scale = SCALE.get(tokens[j]?.text ?? '')
      if (scale === undefined) break
      current *= scale
      scaled = true
      j++
      const joiner = tokens[j]?.text
      const next = tokens[j + 1]
      if ((joiner === 'و' || joiner === 'and') && next) {
        const nextValue = next.isNumber ? parseNumberToken(next.text) : (SMALL_WORDS.get(next.text) ?? null)
        if (nextValue !== null && SCALE.has(tokens[j + 2]?.text ?? '')) {
          total += current
          current = nextValue
          j += 2
          continue
        }
      }
      break
    }
    total += current
    if (token.isNumber || scaled) values.push(numberKey(total))
    i = scaled ? j : i + 1
  }
  return values
}

// ---------------------------------------------------------------------------------------------
// Latin words and URLs

const URL_PATTERN =
  /\b(?:https?:\/\/|www\.)[^\s<>"«»()]+|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|ir|info|io|gov|edu|int)\b(?:\/[^\s<>"«»()]*)?/giu
const LATIN_WORD = /[A-Za-z][A-Za-z0-9]*(?:[-'’][A-Za-z0-9]+)*/g

export function normalizeUrl(url: string): string {
  return url
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/^www\./, '')
    .replace(/[.,;:!?]+$/, '')
    .replace(/\/+$/, '')
}

/** What every URL or e-mail address the pattern finds contains; a cheap test before it. */
const MAY_HOLD_URL = /www\.|:\/\/|@|\.(?:com|org|net|ir|info|io|gov|edu|int)\b/i

export function extractUrls(sentence: string): string[] {
  if (!MAY_HOLD_URL.test(sentence)) return []
  return [...sentence.matchAll(URL_PATTERN)].map((match) => normalizeUrl(match[0]))
}

/** Latin-script words, lower-cased, outside URLs. Single letters are too common to be evidence. */
export function extractLatinWords(sentence: string): string[] {
  const withoutUrls = MAY_HOLD_URL.test(sentence) ? sentence.replace(URL_PATTERN, ' ') : sentence
  const words: string[] = []
  for (const match of withoutUrls.matchAll(LATIN_WORD)) {
    if (match[0].length >= 2) words.push(match[0].toLowerCase().replace(/’/g, "'"))
  }
  return words
}

// ---------------------------------------------------------------------------------------------
// Punctuation

function count(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0
}

export function countQuestions(sentence: string): number {
  return count(sentence, /[?؟]+/g)
}

export function countExclamations(sentence: string): number {
  return count(sentence, /!+/g)
}

/** Whether the sentence quotes someone: a pair of guillemets or quotation marks. */
/**
 * A heading: a line with letters that does not end like a sentence (no final . ! ? ؟ … or :).
 * Translations keep headings as headings, so this pairs them across the texts.
 */
export function looksLikeHeading(sentence: string): boolean {
  const trimmed = sentence.trim().replace(/["'»”’)\]]+$/u, '')
  return /\p{L}/u.test(trimmed) && !/[.!?؟…:;؛]$/u.test(trimmed)
}

export function hasQuotation(sentence: string): boolean {
  return /«[^»]+»|“[^”]+”|"[^"]+"/u.test(sentence)
}

// ---------------------------------------------------------------------------------------------
// Glossary

/**
 * A match key for Persian terms: Arabic variants of letters unified, digits in ASCII, tatweel and
 * diacritics dropped, and spaces and ZWNJ removed so `رئیسجمهور`, `رئیس جمهور` and
 * `رئیس‌جمهور` all match.
 */
export function persianMatchKey(text: string): string {
  return toAsciiDigits(text)
    .replace(/[يى]/g, 'ی')
    .replace(/ك/g, 'ک')
    .replace(/ۀ/g, 'ه')
    .replace(/ة/g, 'ه')
    .replace(/[أإٱ]/g, 'ا')
    .replace(/ؤ/g, 'و')
    .replace(/[\u064B-\u065F\u0670\u0640]/g, '')
    .replace(/[\s\u200C\u200D]+/g, '')
    .toLowerCase()
}

/** English match key: lower case, single spaces, curly apostrophes straightened. */
export function englishMatchKey(text: string): string {
  return text.toLowerCase().replace(/[’‘]/g, "'").replace(/\s+/g, ' ').trim()
}

/**
 * Finds glossary terms in texts fast: terms are bucketed by their first two characters, so a
 * scan costs one map lookup per character rather than one comparison per term.
 */
class TermIndex {
  private readonly buckets = new Map<string, Array<{ key: string; entry: number }>>()

  constructor(keys: Array<string | null>) {
    keys.forEach((key, entry) => {
      if (!key || key.length < 2) return
      const head = key.slice(0, 2)
      const bucket = this.buckets.get(head)
      if (bucket) bucket.push({ key, entry })
      else this.buckets.set(head, [{ key, entry }])
    })
  }

  /** Entries whose key occurs in `text`; `atBoundary` can reject matches inside longer words. */
  find(text: string, atBoundary?: (start: number, end: number) => boolean): number[] {
    const found: number[] = []
    if (this.buckets.size === 0) return found
    for (let i = 0; i + 1 < text.length; i++) {
      const bucket = this.buckets.get(text.slice(i, i + 2))
      if (!bucket) continue
      for (const { key, entry } of bucket) {
        if (text.startsWith(key, i) && (!atBoundary || atBoundary(i, i + key.length))) found.push(entry)
      }
    }
    return found
  }
}

const WORD_CHAR = /[\p{L}\p{N}]/u

function englishBoundary(text: string) {
  return (start: number, end: number) => (start === 0 || !WORD_CHAR.test(text[start - 1])) && (end >= text.length || !WORD_CHAR.test(text[end]))
}

// ---------------------------------------------------------------------------------------------
// Interning

/** Anchors of all sentences of one side, in compressed rows: sentence k owns ids[offsets[k]..offsets[k+1]). */
export interface SideAnchors {
  ids: Int32Array
  offsets: Int32Array
}

export interface AnchorTable {
  source: SideAnchors
  target: SideAnchors
  /** Weight of each anchor id. */
  weights: Float64Array
  /** Readable name of each anchor id, e.g. `number:28.4` (for debugging and explanations). */
  names: string[]
}

class Interner {
  readonly ids = new Map<string, number>()
  readonly names: string[] = []
  readonly weights: number[] = []

  intern(kind: AnchorKind, value: string): number {
    const name = `${kind}:${value}`
    let id = this.ids.get(name)
    if (id === undefined) {
      id = this.names.length
      this.ids.set(name, id)
      this.names.push(name)
      this.weights.push(ANCHOR_WEIGHTS[kind])
    }
    return id
  }

  hasKind(kind: AnchorKind): boolean {
    return this.names.some((name) => name.startsWith(`${kind}:`))
  }

  lookup(kind: AnchorKind, value: string): number | undefined {
    return this.ids.get(`${kind}:${value}`)
  }
}

function pack(rows: number[][]): SideAnchors {
  const offsets = new Int32Array(rows.length + 1)
  let total = 0
  rows.forEach((row, k) => {
    total += Math.min(row.length, MAX_ANCHORS_PER_SENTENCE)
    offsets[k + 1] = total
  })
  const ids = new Int32Array(total)
  rows.forEach((row, k) => ids.set(row.slice(0, MAX_ANCHORS_PER_SENTENCE), offsets[k]))
  return { ids, offsets }
}

function repeat(id: number, times: number, into: number[]): void {
  for (let i = 0; i < times; i++) into.push(id)
}

import { englishNameSkeletons, persianWordSkeletons, skeletonKey } from './transliteration'
import { escapeRegExp } from '../terms/persian-forms'

/**
 * A name occurs about as often in a text as in its translation; a skeleton that one side holds
 * far more often is a common word that happens to share a name's consonants (دیگر and "Decree"),
 * so its weight shrinks with the imbalance.
 */
function discountUnevenNames(interner: Interner, sourceRows: number[][], targetRows: number[][], weights: Float64Array): void {
  const inSource = new Float64Array(weights.length)
  const inTarget = new Float64Array(weights.length)
  for (const row of sourceRows) for (const id of new Set(row)) inSource[id]++
  for (const row of targetRows) for (const id of new Set(row)) inTarget[id]++
  interner.names.forEach((name, id) => {
    if (!name.startsWith('name:')) return
    const high = Math.max(inSource[id], inTarget[id])
    weights[id] *= high > 0 ? Math.min(inSource[id], inTarget[id]) / high : 0
  })
}

/**
 * Builds the anchors of both sides. Persian-side Latin words and URLs define which English words
 * count: every English word is Latin, so only those that also occur in the Persian text are
 * anchors. Numbers, punctuation and glossary terms are anchors on both sides.
 */
export function buildAnchors(source: string[], target: string[], glossary: GlossaryPair[] = []): AnchorTable {
  const interner = new Interner()
  const sourceGlossary = new TermIndex(glossary.map((pair) => persianMatchKey(pair.source) || null))
  const targetGlossary = new TermIndex(glossary.map((pair) => englishMatchKey(pair.target) || null))

  // Transliterated names: only skeletons of capitalised English words are looked for in Persian.
  const targetNames = englishNameSkeletons(target)
  const namesInTarget = new Set(targetNames.flat().map(skeletonKey))
  const sourceRows = source.map((sentence) => {
    const row: number[] = []
    if (namesInTarget.size > 0)
      for (const skeleton of new Set(persianWordSkeletons(sentence, namesInTarget))) row.push(interner.intern('name', skeleton))
    for (const value of extractNumbers(sentence)) row.push(interner.intern('number', value))
    for (const url of extractUrls(sentence)) row.push(interner.intern('url', url))
    for (const word of extractLatinWords(sentence)) row.push(interner.intern('latin', word))
    repeat(interner.intern('question', '?'), countQuestions(sentence), row)
    repeat(interner.intern('exclamation', '!'), countExclamations(sentence), row)
    if (hasQuotation(sentence)) row.push(interner.intern('quote', '"'))
    if (looksLikeHeading(sentence)) row.push(interner.intern('heading', 'title'))
    // Without a glossary the match key is not needed (it is a tenth of the anchors' time).
    if (glossary.length > 0)
      for (const entry of new Set(sourceGlossary.find(persianMatchKey(sentence)))) row.push(interner.intern('glossary', String(entry)))
    return row
  })

  // Every English word is a Latin word: look them up only if the Persian kept some.
  const persianHasLatin = interner.hasKind('latin')
  const targetRows = target.map((sentence, k) => {
    const row: number[] = []
    for (const skeleton of new Set(targetNames[k])) {
      const id = interner.lookup('name', skeleton)
      if (id !== undefined) row.push(id)
    }
    for (const value of extractNumbers(sentence)) row.push(interner.intern('number', value))
    const urls = extractUrls(sentence)
    for (const url of urls) {
      const id = interner.lookup('url', url)
      if (id !== undefined) row.push(id)
    }
    if (persianHasLatin) {
      for (const word of extractLatinWords(sentence)) {
        const id = interner.lookup('latin', word)
        if (id !== undefined) row.push(id)
      }
    }
    repeat(interner.intern('question', '?'), countQuestions(sentence), row)
    repeat(interner.intern('exclamation', '!'), countExclamations(sentence), row)
    if (hasQuotation(sentence)) row.push(interner.intern('quote', '"'))
    if (looksLikeHeading(sentence)) row.push(interner.intern('heading', 'title'))
    if (glossary.length > 0) {
      const key = englishMatchKey(sentence)
      for (const entry of new Set(targetGlossary.find(key, englishBoundary(key)))) row.push(interner.intern('glossary', String(entry)))
    }
    return row
  })

  const weights = Float64Array.from(interner.weights)
  discountUnevenNames(interner, sourceRows, targetRows, weights)
  return {
    source: pack(sourceRows),
    target: pack(targetRows),
    weights,
    names: interner.names
  }
}

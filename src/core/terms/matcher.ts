/**
 * Finds termbase terms in Persian text however they are written: with or without ZWNJ or space
 * (رئیس‌جمهور, رئیسجمهور, رئیس جمهور), in Arabic letter forms (رييس), with plural, possessive,
 * comparative and ezafe suffixes (همکاری‌های, منطقه‌ای, بزرگ‌ترین, آقای), and verbal terms in
 * any person and tense (امضا کردن: امضا می‌کنند, امضا نکرد, امضا خواهد کرد, امضا شد).
 *
 * Each term becomes one sticky regular expression over the text's key stream (see
 * persian-forms.ts). Terms are bucketed by their first two key letters, so a scan tries only the
 * few terms that could start at each word.
 */
import { matchKey } from '../text/normalize'
import type { Term } from './model'
import { DETACHED_SUFFIX, NOUN_SUFFIX, TOKEN_END, escapeRegExp, looseWord, verbPattern, verbStems } from './persian-forms'

export interface TermHit {
  /** Offsets into the text: the whole words the term occupies, suffixes included. */
  start: number
  end: number
  text: string
  /** Every term written this way (synonym entries, several English renderings). */
  terms: Term[]
  /**
   * True when the only suffix is ی/یی/ای: the form may be an adjective made from the term
   * (ایرانی from ایران), whose English is often a derived word (Iranian).
   */
  derived: boolean
}

interface Token {
  start: number
  end: number
  key: string
}

const TOKEN = /[\p{L}\p{M}\p{N}\u200C\u0640]+/gu
const GAP_IS_SPACE = /^[\s\u200C]*$/

/** Keys of words seen lately: a document repeats its words, and keys cost a pass per letter. */
const keyCache = new Map<string, string>()

function wordKey(word: string): string {
  let key = keyCache.get(word)
  if (key === undefined) {
    key = matchKey(word)
    if (keyCache.size >= 50_000) keyCache.clear()
    keyCache.set(word, key)
  }
  return key
}

/** Tokens of a text with their match keys. */
function tokenize(text: string): Token[] {
  const tokens: Token[] = []
  TOKEN.lastIndex = 0
  for (let match = TOKEN.exec(text); match; match = TOKEN.exec(text)) {
    const key = wordKey(match[0])
    if (key) tokens.push({ start: match.index, end: match.index + match[0].length, key })
  }
  return tokens
}

interface Stream {
  text: string
  tokens: Token[]
  /** Where each token's key starts in the stream. */
  starts: number[]
}

function buildStream(text: string, tokens: Token[]): Stream {
  let stream = ''
  const starts: number[] = []
  tokens.forEach((token, index) => {
    if (index > 0) {
      const from = tokens[index - 1].end
      // One space, the usual gap, needs no test.
      stream += (token.start - from === 1 && text.charCodeAt(from) === 0x20) || GAP_IS_SPACE.test(text.slice(from, token.start)) ? ' ' : '|'
    }
    starts.push(stream.length)
    stream += token.key
  })
  return { text: stream, tokens, starts }
}

/** Terms are bucketed by this many first letters of their key (shorter terms by all of theirs). */
const HEAD_LENGTH = 3
/**
 * A term whose first word is longer is bucketed by up to this many of its letters: a termbase of
 * tens of thousands of terms would otherwise try hundreds of patterns at every common head.
 */
const MAX_HEAD_LENGTH = 5

/** The first `length` letters of the stream at `at`, skipping spaces, never past punctuation. */
function streamHead(stream: string, at: number, length: number): string {
  let head = ''
  for (let i = at; i < stream.length && head.length < length; i++) {
    const char = stream[i]
    if (char === '|') break
    if (char !== ' ') head += char
  }
  return head
}

interface CompiledTerm {
  /** First letters of the term's key (see HEAD_LENGTH), or '' to be tried at every word (verb-only terms). */
  head: string
  /** A verb-only term's past and present stems: every form holds one of them, so a text without either is skipped. */
  stems?: string[]
  /** The pattern's source; compiled the first time a text reaches the term (most terms never are). */
  source: string
  pattern: RegExp | null
  terms: Term[]
  verbal: boolean
}

/** The stream form of a term, or null for a term with nothing to match. */
export function termPattern(fa: string): { source: string; head: string; verbal: boolean; stems?: string[] } | null {
  const tokens = tokenize(fa)
  if (tokens.length === 0) return null
  const last = tokens[tokens.length - 1]
  const stems = verbStems(last.key)
  const nounTokens = stems ? tokens.slice(0, -1) : tokens
  let source = ''
  nounTokens.forEach((token, index) => {
    if (index > 0) {
      const gap = fa.slice(nounTokens[index - 1].end, token.start)
      const previous = nounTokens[index - 1].key
      // Ezafe after a vowel is written as a letter: آقای, دانشجوی, خانه‌ی.
      const ezafe = /[اوه]$/.test(previous) ? '(?:ی)?' : ''
      source += /^[\s\u200C]*$/.test(gap) ? `${ezafe} ?` : `${ezafe}[ |]?`
    }
    const isLast = index === nounTokens.length - 1
    if (isLast && !stems && token.key.length > 2 && token.key.endsWith('ه')) {
      // نماینده → نمایندگان: the final ه becomes گ before the plural.
      source += `${looseWord(token.key.slice(0, -1))} ?(?:ه|گ ?ان)`
    } else source += looseWord(token.key)
  })
  if (stems) {
    let verb = verbPattern(stems)
    // A compound verb with کردن is passive with شدن: امضا کرد / امضا شد.
    if (nounTokens.length > 0 && last.key === 'کردن') verb = `(?:${verb}|${verbPattern(verbStems('شدن')!)})`
    source += nounTokens.length > 0 ? ` ?${verb}${TOKEN_END}` : `${verb}${TOKEN_END}`
  } else {
    source += `(${NOUN_SUFFIX})${TOKEN_END}(?: (${DETACHED_SUFFIX})${TOKEN_END})?`
  }
  const key = nounTokens.map((token) => token.key).join('')
  if (nounTokens.length > 0 && key.length < 2) return null
  if (nounTokens.length === 0) return { source, head: '', verbal: true, stems: [stems!.past, stems!.present] }
  return { source, head: key.slice(0, headLength(nounTokens[0].key, key, nounTokens.length === 1 && !stems)), verbal: stems !== null }
}

/**
 * How many letters of a term's key it is bucketed by: those of its first word the pattern holds
 * literally, at most MAX_HEAD_LENGTH (a last word's final ه may become گ, نمایندگان), and never
 * fewer than HEAD_LENGTH where the key has them.
 */
function headLength(firstWord: string, key: string, firstIsLast: boolean): number {
  const literal = firstIsLast && firstWord.length > 2 && firstWord.endsWith('ه') ? firstWord.length - 1 : firstWord.length
  return Math.max(Math.min(HEAD_LENGTH, key.length), Math.min(MAX_HEAD_LENGTH, literal))
}

export class TermMatcher {
  private readonly byHead = new Map<string, CompiledTerm[]>()
  private readonly everywhere: CompiledTerm[] = []
  readonly size: number

  constructor(terms: readonly Term[]) {
    const compiled = new Map<string, CompiledTerm>()
    for (const term of terms) {
      const form = termPattern(term.fa)
      if (!form) continue
      const existing = compiled.get(form.source)
      if (existing) {
        existing.terms.push(term)
        continue
      }
      const entry: CompiledTerm = { head: form.head, source: form.source, pattern: null, terms: [term], verbal: form.verbal, stems: form.stems }
      compiled.set(form.source, entry)
      if (!form.head) this.everywhere.push(entry)
      else {
        const bucket = this.byHead.get(form.head)
        if (bucket) bucket.push(entry)
        else this.byHead.set(form.head, [entry])
      }
    }
    this.size = compiled.size
  }

  /** Term hits in a text, left to right, never overlapping; the longest wins where two start together. */
  find(text: string): TermHit[] {
    if (this.size === 0 || !text) return []
    const tokens = tokenize(text)
    if (tokens.length === 0) return []
    const stream = buildStream(text, tokens)
    const hits: TermHit[] = []
    // Verb-only terms have no head to bucket them by: only those whose stems the text holds are tried.
    const joined = stream.text.replace(/ /g, '')
    const verbs = this.everywhere.filter((entry) => !entry.stems || entry.stems.some((stem) => joined.includes(stem)))
    let t = 0
    while (t < tokens.length) {
      const at = stream.starts[t]
      const head = streamHead(stream.text, at, MAX_HEAD_LENGTH)
      let best: { length: number; entry: CompiledTerm; suffix: string } | null = null
      // Longer heads first: of two terms matching the same words, the one written out in full
      // (آسمان "sky") wins over a shorter one with a suffix (آسم "asthma" + ان).
      const lists: Array<CompiledTerm[] | undefined> = []
      for (let length = Math.min(head.length, MAX_HEAD_LENGTH); length >= 2; length--) lists.push(this.byHead.get(head.slice(0, length)))
      lists.push(verbs)
      for (const list of lists) {
        if (!list) continue
        for (const entry of list) {
          const pattern = (entry.pattern ??= new RegExp(entry.source, 'y'))
          pattern.lastIndex = at
          const match = pattern.exec(stream.text)
          if (match && (!best || match[0].length > best.length))
            best = { length: match[0].length, entry, suffix: (match[1] ?? '') + (match[2] ?? '') }
        }
      }
      if (!best) {
        t++
        continue
      }
      const endInStream = at + best.length
      let last = t
      while (last + 1 < tokens.length && stream.starts[last + 1] < endInStream) last++
      const start = tokens[t].start
      const end = tokens[last].end
      hits.push({
        start,
        end,
        text: text.slice(start, end),
        terms: best.entry.terms,
        derived: !best.entry.verbal && /^(?:ی|یی|ای)$/.test(best.suffix)
      })
      t = last + 1
    }
    return hits
  }
}

// ---------------------------------------------------------------------------------------------
// English

const ENGLISH_WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?|[^\s\p{L}\p{N}]/gu

/** A regular expression for an English word with its inflections (s, es, 's, ed, ing; y → ies). */
function inflectedWord(word: string): string {
  const lower = word.toLowerCase()
  if (!/^[a-z]+$/.test(lower) || lower.length < 3) return escapeRegExp(word)
  if (/[^aeiou]y$/.test(lower)) return `${escapeRegExp(word.slice(0, -1))}(?:y|ies|ied|ying)`
  if (lower.endsWith('e')) return `${escapeRegExp(word.slice(0, -1))}(?:e|es|ed|ing|e['’]s)`
  const doubled = /[^aeiou][aeiou][bdgklmnprt]$/.test(lower) ? `(?:${escapeRegExp(word.slice(-1))}(?:ed|ing))?` : ''
  return `${escapeRegExp(word)}${doubled}(?:s|es|ed|ing|['’]s|s['’])?`
}

/**
 * A matcher for an English term in English text: case-insensitive, whole words, inflections of
 * each word allowed, hyphen or space between words. With `derived`, the last word may go on
 * (Iran → Iranian, Azerbaijan → Azerbaijani).
 */
export function englishTermPattern(term: string, derived = false): RegExp {
  // Hyphens and dashes between words are allowed by the joiner, whichever the text uses.
  const words = (term.match(ENGLISH_WORD) ?? []).filter((word) => !/^[-‐–—]$/.test(word))
  const parts = words.map((word, index) => {
    const isLast = index === words.length - 1
    if (/^[^\p{L}\p{N}]$/u.test(word)) return escapeRegExp(word)
    return isLast && derived ? `${escapeRegExp(word)}\\p{L}*` : inflectedWord(word)
  })
  return new RegExp(`(?<![\\p{L}\\p{N}])${parts.join('[\\s\\-‐–]*')}(?![\\p{L}\\p{N}])`, 'iu')
}

const englishPatterns = new Map<string, RegExp>()

/** Whether an English text uses a term (cached per term, the same terms are asked about often). */
export function englishHasTerm(text: string, term: string, derived = false): boolean {
  const cacheKey = `${derived ? '1' : '0'}${term}`
  let pattern = englishPatterns.get(cacheKey)
  if (!pattern) {
    if (englishPatterns.size > 20_000) englishPatterns.clear()
    pattern = englishTermPattern(term, derived)
    englishPatterns.set(cacheKey, pattern)
  }
  return pattern.test(text)
}

/** Where an English text uses a term, or null. */
export function findEnglishTerm(text: string, term: string): { start: number; end: number } | null {
  const match = englishTermPattern(term).exec(text)
  return match ? { start: match.index, end: match.index + match[0].length } : null
}

let lastShared: { signature: string; matcher: TermMatcher } | null = null

/**
 * One matcher for the same terms, however many lists hold them (the grid's and the Terms tab's
 * each come from their own request): building it for a termbase of tens of thousands of terms
 * takes a second.
 */
export function sharedMatcher(terms: readonly Term[]): TermMatcher {
  let signature = String(terms.length)
  for (const term of terms) signature += `|${term.id}:${term.updatedAt}`
  if (lastShared?.signature !== signature) lastShared = { signature, matcher: new TermMatcher(terms) }
  return lastShared.matcher
}

/**
 * Tokens for translation-memory matching. Each token carries the match key of its text (the same
 * folding as `matchKey`: letter forms, digits, diacritics, tatweel, ZWNJ), so two spellings a
 * reader sees as the same word give the same token. Spacing variants of one word are made one
 * token here: ZWNJ never splits a word, a free-standing verb prefix (می، نمی) joins the word after
 * it, and a free-standing plural or comparative suffix (ها، های، تر، ترین…) joins the word before
 * it. Compounds written apart (رئیس جمهور) stay two tokens; the scorer treats them as equal to the
 * joined spelling.
 */
import { isDigit, isLetter, isSpace } from '../text/chars'
import { matchKey } from '../text/normalize'

/** What a token is: a word, a number, or one punctuation character. */
export const TokenKind = { Word: 0, Number: 1, Punct: 2 } as const
export type TokenKind = (typeof TokenKind)[keyof typeof TokenKind]

/** Words and numbers weigh 4, punctuation 1: a changed comma is not a changed word. */
export const WORD_WEIGHT = 4
export const PUNCT_WEIGHT = 1

export interface Token {
  /** Match key of the token (numbers: ASCII digits, `.` decimal point, no group separators). */
  key: string
  /** Offsets of the token's text in the original string. */
  start: number
  end: number
  kind: TokenKind
}

export function tokenWeight(kind: TokenKind): number {
  return kind === TokenKind.Punct ? PUNCT_WEIGHT : WORD_WEIGHT
}

// ---------------------------------------------------------------------------------------------
// Character table: the match key of every UTF-16 unit, computed once from `matchKey` itself so
// that token keys can never drift from the search key.

let keyTable: string[] | null = null

function table(): string[] {
  if (keyTable) return keyTable
  const built = new Array<string>(0x10000)
  for (let code = 0; code < 0x10000; code++) {
    // Lone surrogates are kept as they are; pairs are handled by the caller.
    built[code] = code >= 0xd800 && code <= 0xdfff ? String.fromCharCode(code) : matchKey(String.fromCharCode(code))
  }
  keyTable = built
  return built
}

/** Character classes; Silent: joiners, marks, tatweel, direction marks (inside words, no key). */
const CharClass = { Space: 0, Silent: 1, Letter: 2, Digit: 3, Other: 4 } as const

let classTable: Uint8Array | null = null

function classes(): Uint8Array {
  if (classTable) return classTable
  const keys = table()
  const built = new Uint8Array(0x10000)
  for (let code = 0; code < 0x10000; code++) {
    if (isSpace(code) || code === 0x0a || code === 0x0d || code === 0x2028 || code === 0x2029 || code === 0x85) built[code] = CharClass.Space
    else if (isDigit(code)) built[code] = CharClass.Digit
    else if (isLetter(code) || (code >= 0x300 && code <= 0x36f)) built[code] = CharClass.Letter
    else if (keys[code] === '' || code === 0x200c) built[code] = CharClass.Silent
    else built[code] = CharClass.Other
  }
  classTable = built
  return built
}

// ---------------------------------------------------------------------------------------------
// Spacing variants

/** Verb prefixes that belong to the next word (می‌شود، می شود، میشود are one word). */
const PREFIXES = new Set(['می', 'نمی'])
/** Suffixes that belong to the word before them whatever it ends with. */
const SUFFIXES = new Set(['ها', 'های', 'هایی', 'هایم', 'هایت', 'هایش', 'هایمان', 'هایتان', 'هایشان', 'تر', 'ترین'])
/** Suffixes that belong to the word before them when it ends in ه (خانه ای، رفته اند). */
const AFTER_HEH = new Set(['ای', 'ام', 'ات', 'اش', 'ایم', 'اید', 'اند'])

function isPersianKey(key: string): boolean {
  const code = key.charCodeAt(0)
  return code >= 0x600 && code <= 0x6ff
}

/** Could the key be a prefix or suffix? (Cheap test before the set lookups: they are all short.) */
function mayJoin(token: Token): boolean {
  if (token.kind !== TokenKind.Word || token.key.length > 6) return false
  const first = token.key.charCodeAt(0)
  // م ن ه ت ا: the first letters of every prefix and suffix above
  if (first !== 0x645 && first !== 0x646 && first !== 0x647 && first !== 0x62a && first !== 0x627) return false
  return PREFIXES.has(token.key) || SUFFIXES.has(token.key) || AFTER_HEH.has(token.key)
}

function joinSpacingVariants(tokens: Token[]): Token[] {
  let changed = false
  for (const token of tokens) {
    if (mayJoin(token)) {
      changed = true
      break
    }
  }
  if (!changed) return tokens
  const out: Token[] = []
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]
    const next = tokens[i + 1]
    if (token.kind === TokenKind.Word && PREFIXES.has(token.key) && next && next.kind === TokenKind.Word && isPersianKey(next.key)) {
      out.push({ key: token.key + next.key, start: token.start, end: next.end, kind: TokenKind.Word })
      i++
      continue
    }
    const previous = out[out.length - 1]
    if (
      token.kind === TokenKind.Word &&
      previous &&
      previous.kind === TokenKind.Word &&
      isPersianKey(previous.key) &&
      (SUFFIXES.has(token.key) || (AFTER_HEH.has(token.key) && previous.key.endsWith('ه')))
    ) {
      out[out.length - 1] = { key: previous.key + token.key, start: previous.start, end: token.end, kind: TokenKind.Word }
      continue
    }
    out.push(token)
  }
  return out
}

// ---------------------------------------------------------------------------------------------
// Tokenizing

function isNumberSeparator(code: number): boolean {
  // . , and the Persian decimal and thousands separators ٫ ٬
  return code === 0x2e || code === 0x2c || code === 0x66b || code === 0x66c
}

function isApostrophe(code: number): boolean {
  return code === 0x27 || code === 0x2019
}

/** Number key: ASCII digits, `.` for the decimal point, group separators dropped. */
function numberKey(text: string, start: number, end: number): string {
  let key = ''
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i)
    if (code >= 0x30 && code <= 0x39) key += String.fromCharCode(code)
    else if (code >= 0x6f0 && code <= 0x6f9) key += String.fromCharCode(code - 0x6f0 + 0x30)
    else if (code >= 0x660 && code <= 0x669) key += String.fromCharCode(code - 0x660 + 0x30)
    else if (code === 0x2e || code === 0x66b) key += '.'
    else if (code === 0x2c || code === 0x66c) {
      // A group separator is followed by exactly three digits; any other comma stays.
      let digits = 0
      let k = i + 1
      while (k < end && isDigit(text.charCodeAt(k))) {
        digits++
        k++
      }
      if (digits !== 3) key += ','
    }
  }
  return key
}

/**
 * Key of a word. Most words are their own key: then the key is a slice of the text, a flat
 * string that hashes fast (a key built letter by letter is a rope that must be flattened first).
 */
function wordKey(text: string, start: number, end: number, keys: string[]): string {
  let k = start
  for (; k < end; k++) {
    const code = text.charCodeAt(k)
    const key = keys[code]
    if (key.length !== 1 || key.charCodeAt(0) !== code) break
  }
  if (k === end) return text.slice(start, end)
  const codes: number[] = []
  for (let j = start; j < k; j++) codes.push(text.charCodeAt(j))
  for (; k < end; k++) {
    const key = keys[text.charCodeAt(k)]
    for (let c = 0; c < key.length; c++) codes.push(key.charCodeAt(c))
  }
  return String.fromCharCode(...codes)
}

/**
 * Splits a sentence into tokens with match keys. Runs of letters (with ZWNJ, marks, tatweel and
 * digits inside) are words; runs of digits with `.,٫٬` between digits are numbers; every other
 * visible character is a punctuation token of its own.
 */
export function tokenize(text: string): Token[] {
  const keys = table()
  const cls = classes()
  const tokens: Token[] = []
  const length = text.length
  let i = 0
  while (i < length) {
    const code = text.charCodeAt(i)
    const kind = cls[code]
    if (kind === CharClass.Space) {
      i++
      continue
    }
    if (kind === CharClass.Other && code >= 0xd800 && code <= 0xdbff && i + 1 < length) {
      // A character outside the BMP (emoji, mathematical letters): one token, as it is.
      const pair = text.slice(i, i + 2)
      const letter = /\p{L}/u.test(pair)
      let end = i + 2
      if (letter) {
        while (end + 1 < length && text.charCodeAt(end) >= 0xd800 && text.charCodeAt(end) <= 0xdbff && /\p{L}/u.test(text.slice(end, end + 2)))
          end += 2
      }
      tokens.push({ key: text.slice(i, end), start: i, end, kind: letter ? TokenKind.Word : TokenKind.Punct })
      i = end
      continue
    }
    if (kind === CharClass.Other) {
      tokens.push({ key: keys[code] || text[i], start: i, end: i + 1, kind: TokenKind.Punct })
      i++
      continue
    }
    // A word or a number: letters, digits, silent characters, apostrophes between letters and
    // separators between digits.
    const start = i
    let letters = kind === CharClass.Letter
    let silentOnly = kind === CharClass.Silent
    i++
    while (i < length) {
      const c = text.charCodeAt(i)
      const k = cls[c]
      if (k === CharClass.Letter) {
        letters = true
        silentOnly = false
        i++
      } else if (k === CharClass.Digit) {
        silentOnly = false
        i++
      } else if (k === CharClass.Silent) {
        i++
      } else if (
        k === CharClass.Other &&
        i + 1 < length &&
        ((isNumberSeparator(c) && isDigit(text.charCodeAt(i - 1)) && isDigit(text.charCodeAt(i + 1))) ||
          (isApostrophe(c) && cls[text.charCodeAt(i - 1)] === CharClass.Letter && cls[text.charCodeAt(i + 1)] === CharClass.Letter))
      ) {
        i++
      } else break
    }
    if (silentOnly) continue // stray joiners or marks between spaces carry nothing
    if (!letters) {
      tokens.push({ key: numberKey(text, start, i), start, end: i, kind: TokenKind.Number })
      continue
    }
    tokens.push({ key: wordKey(text, start, i, keys), start, end: i, kind: TokenKind.Word })
  }
  return joinSpacingVariants(tokens)
}

/** Words (and numbers) in a sentence, as analyses count them: punctuation is not a word. */
export function countWords(tokens: readonly Token[]): number {
  let count = 0
  for (const token of tokens) if (token.kind !== TokenKind.Punct) count++
  return count
}

// ---------------------------------------------------------------------------------------------
// Hashes

/** FNV-1a over the token keys one after another; never 0, which means "unknown". */
export function hashKeys(keys: readonly string[] | readonly Token[]): number {
  let hash = 0x811c9dc5
  for (const item of keys) {
    const key = typeof item === 'string' ? item : item.key
    for (let i = 0; i < key.length; i++) {
      hash ^= key.charCodeAt(i)
      hash = Math.imul(hash, 0x01000193)
    }
  }
  return hash >>> 0 || 1
}

/**
 * Hash of a sentence as a neighbour (context). The empty string stands for the start or end of a
 * document, which is a context too; undefined (not known) gives 0, which never matches.
 */
export function contextHash(text: string | undefined): number {
  if (text === undefined) return 0
  return hashKeys(tokenize(text))
}

// ---------------------------------------------------------------------------------------------
// English words (the target side of concordance)

export interface EnglishWord {
  key: string
  start: number
  end: number
}

function isWordCode(code: number, cls: Uint8Array): boolean {
  return cls[code] === CharClass.Letter || cls[code] === CharClass.Digit
}

/** Words of an English text (letters and digits, with apostrophes inside), lower-cased. */
export function englishWords(text: string): EnglishWord[] {
  const cls = classes()
  const words: EnglishWord[] = []
  const length = text.length
  let i = 0
  while (i < length) {
    if (!isWordCode(text.charCodeAt(i), cls)) {
      i++
      continue
    }
    const start = i
    while (i < length) {
      const code = text.charCodeAt(i)
      if (isWordCode(code, cls)) i++
      else if (
        isApostrophe(code) &&
        i + 1 < length &&
        cls[text.charCodeAt(i + 1)] === CharClass.Letter &&
        cls[text.charCodeAt(i - 1)] === CharClass.Letter
      )
        i++
      else break
    }
    words.push({ key: text.slice(start, i).toLowerCase(), start, end: i })
  }
  return words
}

/** True when the text has letters of the Arabic script (Persian), which decides the concordance side. */
export function hasPersianLetters(text: string): boolean {
  return /[\u0600-\u06ff\ufb50-\ufdff\ufe70-\ufefc]/.test(text)
}

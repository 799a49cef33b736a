/**
 * Persian normalization in two separate roles:
 *
 * - `matchKey`: a comparison key for search, translation memory, glossary and QA. The user never
 *   sees it; it only decides whether two spellings are the same text.
 * - Fix proposals: changes to the text itself (Arabic letter forms, missing ZWNJ, missing spaces)
 *   that the user reviews and accepts. Nothing here changes text on its own; `applyFixes` applies
 *   the proposals the user accepted.
 */

import { ZWNJ, ZWNJ_CODE, isArabicMark, isDigit, isNonJoiningLetter, isSpace } from './chars'
import type { Lexicon, LexiconForm } from './lexicon'
import { splitLines } from './segment'

// ---------------------------------------------------------------------------------------------
// Match key

/** Letters folded together in the match key (spelling variants of the same letter). */
const KEY_LETTERS: Record<string, string> = {
  ي: 'ی',
  ى: 'ی',
  ئ: 'ی',
  ې: 'ی',
  ێ: 'ی',
  ك: 'ک',
  ڪ: 'ک',
  ۀ: 'ه',
  ة: 'ه',
  ە: 'ه',
  ھ: 'ه',
  ہ: 'ه',
  أ: 'ا',
  إ: 'ا',
  ٱ: 'ا',
  آ: 'ا',
  ؤ: 'و',
  '٫': '.',
  '٬': ',',
  '،': ',',
  '؛': ';',
  '؟': '?',
  '«': '"',
  '»': '"',
  '“': '"',
  '”': '"'
}

/** Characters with no weight in a comparison: joiners, direction marks, tatweel, soft hyphen. */
function ignoredInKey(code: number): boolean {
  return (
    code === ZWNJ_CODE ||
    code === 0x200d ||
    code === 0x200e ||
    code === 0x200f ||
    code === 0x640 ||
    code === 0xad ||
    code === 0x61c ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069) ||
    code === 0xfeff ||
    isArabicMark(code)
  )
}

function digitValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30
  if (code >= 0x6f0 && code <= 0x6f9) return code - 0x6f0
  return code - 0x660
}

function isPresentationForm(code: number): boolean {
  return (code >= 0xfb50 && code <= 0xfdff) || (code >= 0xfe70 && code <= 0xfeff)
}

export interface KeyWithOffsets {
  key: string
  /** For each character of the key, the offset in the original text it came from. */
  offsets: number[]
}

function buildKey(text: string, withOffsets: boolean): KeyWithOffsets {
  let key = ''
  const offsets: number[] = []
  const push = (part: string, offset: number): void => {
    key += part
    if (withOffsets) for (let k = 0; k < part.length; k++) offsets.push(offset)
  }
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (ignoredInKey(code) || isSpace(code) || code === 0x0a || code === 0x0d) continue
    if (isDigit(code)) {
      push(String.fromCharCode(0x30 + digitValue(code)), i)
      continue
    }
    const char = text[i]
    const folded = KEY_LETTERS[char]
    if (folded !== undefined) {
      push(folded, i)
      continue
    }
    if (isPresentationForm(code)) {
      // Presentation forms (from PDFs and old fonts) decompose to ordinary letters.
      const base = char.normalize('NFKC')
      for (const part of base) {
        const partCode = part.charCodeAt(0)
        if (ignoredInKey(partCode) || isSpace(partCode)) continue
        push(KEY_LETTERS[part] ?? part, i)
      }
      continue
    }
    if (code >= 0x41 && code <= 0x5a) {
      push(String.fromCharCode(code + 32), i)
      continue
    }
    if (code >= 0xc0 && code < 0x600) {
      push(char.toLowerCase(), i)
      continue
    }
    push(char, i)
  }
  return { key, offsets }
}

/**
 * Comparison key: Arabic letter forms → Persian (ي ى ئ → ی, ك → ک, ۀ ة → ه, أ إ آ → ا, ؤ → و),
 * every digit → ASCII (٫ → .), Persian punctuation → ASCII, diacritics, tatweel, ZWNJ and
 * direction marks dropped, Latin lower-cased, and all white space removed, so that spacing
 * variants (`رئیسجمهور`, `رئیس‌جمهور`, `رئیس جمهور`) compare equal.
 */
export function matchKey(text: string): string {
  return buildKey(text, false).key
}

/** The match key plus, for each key character, where it came from (to highlight search hits). */
export function matchKeyWithOffsets(text: string): KeyWithOffsets {
  return buildKey(text, true)
}

/** True when `needle` occurs in `haystack` once both are reduced to match keys. */
export function keyIncludes(haystack: string, needle: string): boolean {
  const key = matchKey(needle)
  return key.length > 0 && matchKey(haystack).includes(key)
}

// ---------------------------------------------------------------------------------------------
// Letter forms (a safe fix)

const PERSIAN_LETTERS: Record<string, string> = { ي: 'ی', ى: 'ی', ك: 'ک', ڪ: 'ک', ە: 'ه', ھ: 'ه' }

function needsLetterFix(code: number): boolean {
  return (
    code === 0x64a ||
    code === 0x649 ||
    code === 0x643 ||
    code === 0x6aa ||
    code === 0x6d5 ||
    code === 0x6be ||
    (code >= 0x660 && code <= 0x669) ||
    isPresentationForm(code)
  )
}

/**
 * Arabic letter forms → the Persian ones (ي ى → ی, ك → ک), presentation forms → ordinary
 * letters, Arabic-Indic digits → Persian digits. Leaves ة أ ؤ ئ ۀ alone: they are correct Persian
 * spellings of some words.
 */
export function persianLetters(text: string): string {
  let i = 0
  while (i < text.length && !needsLetterFix(text.charCodeAt(i))) i++
  if (i === text.length) return text
  let out = text.slice(0, i)
  for (; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (!needsLetterFix(code)) {
      out += text[i]
    } else if (code >= 0x660 && code <= 0x669) {
      out += String.fromCharCode(code - 0x660 + 0x6f0)
    } else if (isPresentationForm(code)) {
      // U+FEFF is a byte-order mark, not a letter: keep it out of the text.
      if (code === 0xfeff) continue
      out += Array.from(text[i].normalize('NFKC'), (part) => PERSIAN_LETTERS[part] ?? part).join('')
    } else {
      out += PERSIAN_LETTERS[text[i]]
    }
  }
  return out
}

// ---------------------------------------------------------------------------------------------
// Fix proposals

export type FixKind = 'arabic-letters' | 'missing-zwnj' | 'missing-space'

export interface FixProposal {
  /** Stable within one proposal run: kind and start offset. */
  id: string
  kind: FixKind
  /** 1-based line and column (UTF-16 units) of the start. */
  line: number
  column: number
  /** Offsets into the text the proposals were made for. */
  start: number
  end: number
  original: string
  replacement: string
  message: string
}

/** Suffixes that standard spelling separates with ZWNJ whenever they are written on. */
const ZWNJ_SUFFIXES = new Set(['ها', 'های', 'هایی', 'هایم', 'هایت', 'هایش', 'هایمان', 'هایتان', 'هایشان', 'هاست', 'تر', 'ترین', 'ترها', 'ترهای'])
/** Suffixes that take ZWNJ after a final ه (خانه‌ای, کرده‌ام, رفته‌اند). */
const AFTER_HEH_SUFFIXES = new Set(['ای', 'ام', 'ات', 'اش', 'ایم', 'اید', 'اند', 'ی'])
/** Verb prefixes written with ZWNJ. */
const VERB_PREFIXES = new Set(['می', 'نمی'])
/** Joined verb forms that are other verbs than the می/نمی reading (نمیرید "do not die"). */
const KEEP_JOINED = new Set(['نمیرید', 'میرید', 'نمیرد', 'نمیرم', 'نمیری', 'نمیریم', 'نمیرند'])
/**
 * Short function words: two of them side by side are two words, even when the lexicon happens to
 * list the pair as a compound.
 */
const FUNCTION_WORDS = new Set([
  'و',
  'در',
  'به',
  'از',
  'با',
  'برای',
  'که',
  'را',
  'تا',
  'این',
  'آن',
  'یک',
  'دو',
  'سه',
  'هر',
  'چه',
  'نه',
  'هم',
  'بر',
  'اگر',
  'یا',
  'اما',
  'ولی',
  'چون',
  'پس',
  'بی',
  'همه',
  'خود',
  'شد',
  'است',
  'بود',
  'کرد',
  'شده',
  'کرده',
  'دیگر',
  'باید',
  'نیز',
  'ما',
  'من',
  'او',
  'وی'
])

const TOKEN = /[\p{L}\p{M}\u200C\u0640]+/gu
const ARABIC_INDIC_DIGITS = /[\u0660-\u0669]+/g

interface Token {
  text: string
  /** Letters unified, ZWNJ removed: what the lexicon is searched with. */
  bare: string
  start: number
  end: number
  persian: boolean
}

function stripZwnj(text: string): string {
  return text.includes(ZWNJ) ? text.split(ZWNJ).join('') : text
}

function isPersianWord(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code === ZWNJ_CODE) continue
    if (!((code >= 0x620 && code <= 0x64a) || (code >= 0x671 && code <= 0x6d5) || isPresentationForm(code))) return false
  }
  return true
}

function tokenize(text: string, from: number, to: number): Token[] {
  const tokens: Token[] = []
  const slice = text.slice(from, to)
  TOKEN.lastIndex = 0
  for (let match = TOKEN.exec(slice); match; match = TOKEN.exec(slice)) {
    const word = match[0]
    const persian = isPersianWord(word)
    tokens.push({
      text: word,
      bare: persian ? stripZwnj(persianLetters(word)) : word,
      start: from + match.index,
      end: from + match.index + word.length,
      persian
    })
  }
  return tokens
}

interface Reading {
  form: string
  isEntry: boolean
  /** Text before the last ZWNJ, without ZWNJ. */
  stem: string
  /** Text after the last ZWNJ. */
  suffix: string
}

function zwnjReadings(forms: LexiconForm[]): Reading[] {
  const readings = new Map<string, Reading>()
  for (const candidate of forms) {
    if (!candidate.form.includes(ZWNJ)) continue
    const existing = readings.get(candidate.form)
    if (existing) {
      existing.isEntry ||= candidate.isEntry
      continue
    }
    const last = candidate.form.lastIndexOf(ZWNJ)
    readings.set(candidate.form, {
      form: candidate.form,
      isEntry: candidate.isEntry,
      stem: stripZwnj(candidate.form.slice(0, last)),
      suffix: candidate.form.slice(last + 1)
    })
  }
  return [...readings.values()]
}

function isSafeSuffix(reading: Reading): boolean {
  return ZWNJ_SUFFIXES.has(reading.suffix) || (AFTER_HEH_SUFFIXES.has(reading.suffix) && reading.stem.endsWith('ه'))
}

/** Document vocabulary: how often each bare word stands on its own in the text. */
type Vocabulary = Map<string, number>

/**
 * The ZWNJ spelling of a word written without it, or null when the word is fine as it is or
 * the lexicon cannot tell which spelling is meant.
 */
function zwnjRepair(lexicon: Lexicon, bare: string, vocabulary: Vocabulary): string | null {
  const forms = lexicon.formsOf(bare)
  const readings = zwnjReadings(forms)
  if (readings.length === 0) return null
  const joinedEntry = forms.some((candidate) => candidate.isEntry && candidate.form === bare)
  const joinedValid = joinedEntry || forms.some((candidate) => candidate.form === bare)
  const score = (reading: Reading): number =>
    (reading.isEntry ? 4 : 0) + ((vocabulary.get(reading.stem) ?? 0) > 0 ? 2 : 0) + (isSafeSuffix(reading) ? 1 : 0)
  let best: Reading | null = null
  let bestScore = -1
  let tie = false
  for (const reading of readings) {
    const value = score(reading)
    if (value > bestScore) {
      best = reading
      bestScore = value
      tie = false
    } else if (value === bestScore) {
      tie = true
    }
  }
  if (!best || tie) return null
  const stemInText = (vocabulary.get(best.stem) ?? 0) > 0
  if (joinedEntry) {
    // The joined spelling is a word of its own (تجربیات, منتها): change it only for a plural or
    // comparative suffix on a stem this very text uses, and never when both spellings are listed.
    if (best.isEntry) {
      // Verb forms listed both ways (میگوید, می‌گوید): the standard spelling has ZWNJ. A joined
      // entry that takes suffixes is a word of its own (میدانی "of the field", میخانه).
      const verbVariant = VERB_PREFIXES.has(best.stem) && !lexicon.entryHasFlags(bare) && !KEEP_JOINED.has(bare)
      return verbVariant ? best.form : null
    }
    return ZWNJ_SUFFIXES.has(best.suffix) && stemInText ? best.form : null
  }
  if (joinedValid && !best.isEntry && !stemInText) {
    // The lexicon accepts the joined spelling too (مرزهای = مرز + های). Only its own ZWNJ twin
    // (same stem, suffix split off) is a safe change; another reading (مرزه + ای) is a guess.
    const joinedStems = new Set(forms.filter((candidate) => candidate.form === bare).map((candidate) => stripZwnj(candidate.entry)))
    if (!joinedStems.has(best.stem) || !isSafeSuffix(best)) return null
  }
  return best.form
}

/** Past stems and past participles: the word minus its ending, plus ن, is an infinitive. */
function isVerbForm(lexicon: Lexicon, word: string): boolean {
  const base = word.endsWith('ه') ? word.slice(0, -1) : word
  const stem = base.startsWith('ن') && base.length > 3 ? [base, base.slice(1)] : [base]
  return stem.some((candidate) => (candidate.endsWith('د') || candidate.endsWith('ت')) && lexicon.isEntry(`${candidate}ن`))
}

/** True when `form` has a ZWNJ right after its first `length` letters (ZWNJ not counted). */
function zwnjAtBareOffset(form: string, length: number): boolean {
  let seen = 0
  for (let i = 0; i < form.length; i++) {
    if (seen === length) return form.charCodeAt(i) === ZWNJ_CODE
    if (form.charCodeAt(i) !== ZWNJ_CODE) seen++
  }
  return false
}

/** ZWNJ spelling for two words written apart (`همکاری های`, `می کنند`, `رئیس جمهور`), or null. */
function joinRepair(lexicon: Lexicon, left: Token, right: Token, previous: Token | undefined, textBetweenPrevious: string): string | null {
  if (!left.persian || !right.persian) return null
  const forms = lexicon
    .formsOf(left.bare + right.bare)
    .filter((candidate) => candidate.form.includes(ZWNJ) && zwnjAtBareOffset(candidate.form, left.bare.length))
  if (forms.length === 0) return null
  const distinct = [...new Set(forms.map((candidate) => candidate.form))]
  if (distinct.length !== 1) return null
  const form = distinct[0]
  const rightWord = right.bare
  if (ZWNJ_SUFFIXES.has(rightWord)) return form
  if (AFTER_HEH_SUFFIXES.has(rightWord) && rightWord !== 'ی' && left.bare.endsWith('ه')) return form
  if (VERB_PREFIXES.has(left.bare)) {
    // "ماه می" and "۱۵ می" are the month May, not the verb prefix.
    if (previous && previous.bare === 'ماه' && /^\s+$/.test(textBetweenPrevious)) return null
    if (/[0-9۰-۹٠-٩]\s*$/.test(textBetweenPrevious)) return null
    return form
  }
  if (FUNCTION_WORDS.has(left.bare) || FUNCTION_WORDS.has(rightWord)) return null
  if (left.bare.length < 2 || rightWord.length < 2) return null
  // A verb after a noun is a compound verb phrase (گسترش یافته، اظهار کرد), written apart.
  if (isVerbForm(lexicon, rightWord)) return null
  // A compound the lexicon lists as one word (the junction lies inside a dictionary entry).
  const compound = forms.some((candidate) => candidate.entry.includes(ZWNJ) && zwnjAtBareOffset(candidate.entry, left.bare.length))
  return compound ? form : null
}

function knownWord(lexicon: Lexicon, bare: string, vocabulary: Vocabulary): boolean {
  return (vocabulary.get(bare) ?? 0) >= 2 || lexicon.formsOf(bare).length > 0
}

/**
 * Two words glued without a space (`دوکشور`, `کرونابهره`). Only after a letter that does not
 * join the next one (ا د ذ ر ز ژ و), where a missing space is invisible and so goes unnoticed,
 * and only when exactly one split gives two known words.
 */
function splitRepair(lexicon: Lexicon, token: Token, vocabulary: Vocabulary): [string, string] | null {
  const bare = token.bare
  if (!token.persian || bare.length < 4 || token.text.includes(ZWNJ)) return null
  if ((vocabulary.get(bare) ?? 0) >= 2 || lexicon.formsOf(bare).length > 0) return null
  let found: [string, string] | null = null
  for (let k = 1; k < bare.length - 1; k++) {
    if (!isNonJoiningLetter(bare.charCodeAt(k - 1))) continue
    const left = bare.slice(0, k)
    const right = bare.slice(k)
    if (ZWNJ_SUFFIXES.has(right) || AFTER_HEH_SUFFIXES.has(right) || VERB_PREFIXES.has(left)) continue
    if (left === 'و') {
      if (right.length < 3 || !lexicon.formsOf(right).some((candidate) => candidate.form === right)) continue
    } else if (left.length < 2 || right.length < 2 || !knownWord(lexicon, left, vocabulary) || !knownWord(lexicon, right, vocabulary)) {
      continue
    }
    if (found) return null // more than one way to split: not sure
    found = [left, right]
  }
  return found
}

export interface ProposeOptions {
  /** Lexicon for ZWNJ and spacing fixes; without it only letter forms are proposed. */
  lexicon?: Lexicon | null
}

/** Counts of bare Persian words in the text, to tell the lexicon what this document talks about. */
function vocabularyOf(text: string): Vocabulary {
  const vocabulary: Vocabulary = new Map()
  for (const token of tokenize(text, 0, text.length)) {
    if (!token.persian) continue
    vocabulary.set(token.bare, (vocabulary.get(token.bare) ?? 0) + 1)
  }
  return vocabulary
}

/**
 * Proposes the safe fixes for a text, left to right, never overlapping and never across a line
 * break. Letter forms need no lexicon; ZWNJ and spacing need `options.lexicon`.
 */
export function proposeFixes(text: string, options: ProposeOptions = {}): FixProposal[] {
  const lexicon = options.lexicon ?? null
  const fixes: FixProposal[] = []
  const vocabulary = lexicon ? vocabularyOf(text) : new Map<string, number>()
  const repairs = new Map<string, string | null>()
  const add = (kind: FixKind, lineNumber: number, lineStart: number, start: number, end: number, replacement: string, message: string): void => {
    fixes.push({
      id: `${kind}:${start}`,
      kind,
      line: lineNumber,
      column: start - lineStart + 1,
      start,
      end,
      original: text.slice(start, end),
      replacement,
      message
    })
  }
  for (const line of splitLines(text)) {
    const tokens = tokenize(text, line.start, line.end)
    let coveredUntil = line.start
    for (let t = 0; t < tokens.length; t++) {
      const token = tokens[t]
      if (token.start < coveredUntil) continue
      const letters = token.persian ? persianLetters(token.text) : token.text
      if (lexicon && token.persian) {
        const next = tokens[t + 1]
        const between = next ? text.slice(token.end, next.start) : ''
        if (next && between.length > 0 && /^[ \t\u00a0]+$/.test(between)) {
          const previous = tokens[t - 1]
          const joined = joinRepair(
            lexicon,
            token,
            next,
            previous,
            previous ? text.slice(previous.end, token.start) : text.slice(line.start, token.start)
          )
          if (joined) {
            add(
              'missing-zwnj',
              line.number,
              line.start,
              token.start,
              next.end,
              joined,
              `Two parts of one word are written apart; join them with a zero-width non-joiner: ${joined}`
            )
            coveredUntil = next.end
            continue
          }
        }
        if (!token.text.includes(ZWNJ)) {
          // Words repeat a lot in a document: decide each spelling once.
          let repaired = repairs.get(token.bare)
          if (repaired === undefined) {
            repaired = zwnjRepair(lexicon, token.bare, vocabulary)
            repairs.set(token.bare, repaired)
          }
          if (repaired && repaired !== token.text) {
            add('missing-zwnj', line.number, line.start, token.start, token.end, repaired, `Missing zero-width non-joiner: ${repaired}`)
            coveredUntil = token.end
            continue
          }
          const split = splitRepair(lexicon, token, vocabulary)
          if (split) {
            const replacement = `${split[0]} ${split[1]}`
            add('missing-space', line.number, line.start, token.start, token.end, replacement, `Missing space between two words: ${replacement}`)
            coveredUntil = token.end
            continue
          }
        }
      }
      if (letters !== token.text) {
        add('arabic-letters', line.number, line.start, token.start, token.end, letters, `Arabic letter forms; the Persian spelling is ${letters}`)
        coveredUntil = token.end
      }
    }
    const lineText = text.slice(line.start, line.end)
    ARABIC_INDIC_DIGITS.lastIndex = 0
    for (let match = ARABIC_INDIC_DIGITS.exec(lineText); match; match = ARABIC_INDIC_DIGITS.exec(lineText)) {
      const start = line.start + match.index
      const replacement = persianLetters(match[0])
      add(
        'arabic-letters',
        line.number,
        line.start,
        start,
        start + match[0].length,
        replacement,
        `Arabic-Indic digits; the Persian digits are ${replacement}`
      )
    }
  }
  fixes.sort((a, b) => a.start - b.start)
  return fixes
}

/**
 * Applies accepted fixes. Fixes whose original text no longer matches, or that overlap one
 * already applied, are skipped, so applying a stale or partial selection is safe.
 */
export function applyFixes(text: string, fixes: readonly FixProposal[]): string {
  const ordered = [...fixes].sort((a, b) => a.start - b.start || a.end - b.end)
  let out = ''
  let position = 0
  for (const fix of ordered) {
    if (fix.start < position || fix.end > text.length) continue
    if (text.slice(fix.start, fix.end) !== fix.original) continue
    out += text.slice(position, fix.start) + fix.replacement
    position = fix.end
  }
  return out + text.slice(position)
}

/**
 * The text with every safe fix applied. Fixes can enable each other (`کرونابهره مند` needs the
 * space first, then the ZWNJ), so proposals are repeated a few rounds until nothing changes.
 * Line breaks are never added or removed.
 */
export function normalizeText(text: string, lexicon: Lexicon | null): string {
  let current = text
  for (let round = 0; round < 4; round++) {
    const fixes = proposeFixes(current, { lexicon })
    if (fixes.length === 0) break
    const next = applyFixes(current, fixes)
    if (next === current) break
    current = next
  }
  return current
}

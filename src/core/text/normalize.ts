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
  /**
   * True for a fix of a class that is right almost always on real news (measured in
   * bench/cleanup-precision.ts); false for one a reviewer should look at before accepting.
   */
  certain: boolean
}

/** Suffixes that standard spelling separates with ZWNJ whenever they are written on. */
const ZWNJ_SUFFIXES = new Set([
  'ها',
  'های',
  'هایی',
  'هایم',
  'هایت',
  'هایش',
  'هایمان',
  'هایتان',
  'هایشان',
  'هاست',
  'تر',
  'ترین',
  'ترها',
  'ترهای',
  'ترینها',
  'ترینهای'
])
/** The plural suffix and what follows it, longest first (for stem + suffix readings). */
const PLURAL_SUFFIXES = ['هایشان', 'هایتان', 'هایمان', 'هایش', 'هایت', 'هایم', 'هایی', 'هاست', 'های', 'ها']
/** Suffixes that take ZWNJ after a final ه (خانه‌ای, کرده‌ام, رفته‌اند). */
const AFTER_HEH_SUFFIXES = new Set(['ای', 'ام', 'ات', 'اش', 'ایم', 'اید', 'اند', 'ی'])
/** Verb prefixes written with ZWNJ. */
const VERB_PREFIXES = new Set(['می', 'نمی'])
/** Joined verb forms that are other verbs than the می/نمی reading (نمیرید "do not die"). */
const KEEP_JOINED = new Set(['نمیرید', 'میرید', 'نمیرد', 'نمیرم', 'نمیری', 'نمیریم', 'نمیرند'])
/**
 * Second halves that only occur inside compounds (سرمایه‌گذاری, خصوصی‌سازی, آسیب‌پذیر): a phrase
 * ending in one is a compound written apart. Any other pair of words the lexicon lists as a
 * compound (تبدیل‌شدن, پیش‌رو) is also an ordinary phrase, and is left as written.
 */
const COMPOUND_HEADS = new Set([
  'مند',
  'بینی',
  'جمهور',
  'جمهوری',
  'وزیر',
  'انداز',
  'اندازهای',
  'اندرکاران',
  'مدیره',
  'رئیسه',
  'طور',
  'گونه',
  'گذاری',
  'گذار',
  'گذاران',
  'سازی',
  'سازان',
  'پذیر',
  'پذیری',
  'ناپذیر',
  'آمیز',
  'گیری',
  'گیران',
  'زنی',
  'کشی',
  'ریزی',
  'پروری',
  'بینانه',
  'انگیز',
  'کننده',
  'کنندگان',
  'دهنده',
  'دهندگان',
  'شناسی',
  'شناسان',
  'اندازی',
  'پردازی',
  'رسانی',
  'یابی',
  'خواهی',
  'گرایی',
  'نشین',
  'نشینی',
  'آوری',
  'مندی',
  'مندان',
  'وری'
])
/** First halves that only start compounds (هیچ‌کس, نایب‌رئیس, نیمه‌نهایی). */
const COMPOUND_STARTS = new Set(['هیچ', 'نایب', 'نیمه'])
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
/**
 * Two-letter words that are common enough to be one half of a glued pair (`هستندتا`, `رسمابه`).
 * Other two-letter halves (گو، کو، پا، نا) are far more often pieces of a name or loanword.
 */
const SHORT_SPLIT_WORDS = new Set(['تا', 'به', 'از', 'در', 'با', 'را', 'که', 'هم', 'هر', 'دو', 'یا', 'سه', 'ده', 'صد', 'نه', 'او', 'ما'])
/** Words that are glued to the next one so often that the split is a safe fix: و and counting words. */
const GLUE_LEFT = new Set(['و', 'دو', 'سه', 'چهار', 'پنج', 'شش', 'هفت', 'هشت', 'ده', 'صد', 'هزار', 'چند', 'هر', 'تا', 'از', 'در', 'با', 'را'])
/** Preverbs of compound verbs (درآمدن, بازگشتن), written on the verb and on its future auxiliary. */
const PREVERBS = new Set(['در', 'باز', 'بر', 'فرا', 'ور', 'وا', 'فرو'])
/**
 * Arabic function words: several in one line mean an Arabic quotation, where و is written on the
 * next word and spelling is not Persian's to fix.
 */
const ARABIC_WORDS = new Set([
  'فی',
  'الذی',
  'التی',
  'هذا',
  'هذه',
  'ذلک',
  'لم',
  'ثم',
  'انه',
  'یکون',
  'فهو',
  'وهو',
  'هو',
  'کان',
  'لان',
  'اذا',
  'فان',
  'وان',
  'عن',
  'مع',
  'علیه',
  'فیه',
  'منه'
])
const ARABIC_SPELLINGS = new Set(['على', 'إلى', 'الى', 'حتى', 'وعلى', 'فى'])
/** A half of a glued pair must be at least this common in news (per ~1.1M words) to count as evidence. */
const SPLIT_PART_MIN_COUNT = 40
/** A glued token seen this often in news is a word in use (a name, a loanword), not two words. */
const JOINED_IN_USE_COUNT = 2

const TOKEN = /[\p{L}\p{M}\u200C\u0640]+/gu
const ARABIC_INDIC_DIGITS = /[\u0660-\u0669]+/g

interface Token {
  text: string
  /** Letters unified, ZWNJ, diacritics and tatweel removed: what the lexicon is searched with. */
  bare: string
  start: number
  end: number
  persian: boolean
}

function stripZwnj(text: string): string {
  return text.includes(ZWNJ) ? text.split(ZWNJ).join('') : text
}

/** Diacritics and tatweel carry no spelling decision: كِتاب is looked up as کتاب. */
function isSilent(code: number): boolean {
  return isArabicMark(code) || code === 0x640 || code === ZWNJ_CODE
}

function bareOf(word: string): string {
  const letters = persianLetters(word)
  let out = ''
  for (let i = 0; i < letters.length; i++) if (!isSilent(letters.charCodeAt(i))) out += letters[i]
  return out
}

function isPersianWord(text: string): boolean {
  let letters = 0
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (isSilent(code)) continue
    if (!((code >= 0x620 && code <= 0x64a) || (code >= 0x671 && code <= 0x6d5) || isPresentationForm(code))) return false
    letters++
  }
  return letters > 0
}

/** A line with several Arabic function words (فی, الذی, هذا …) is an Arabic quotation, not Persian. */
function arabicQuotation(tokens: readonly Token[]): boolean {
  let hits = 0
  for (const token of tokens) {
    // على إلى حتى with alef maksura, and إ, are Arabic spellings Persian does not use.
    if (ARABIC_WORDS.has(token.bare) || ARABIC_SPELLINGS.has(token.text) || token.text.startsWith('إ')) hits++
  }
  return hits >= 3 || (hits >= 2 && tokens.length <= 12)
}

/** Two or more diacritics: a vowelled Arabic quotation (عَلَیهَا), whose spelling is not Persian's to fix. */
function fullyVowelled(word: string): boolean {
  let marks = 0
  for (let i = 0; i < word.length; i++) if (isArabicMark(word.charCodeAt(i)) && ++marks >= 2) return true
  return false
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
      bare: persian ? bareOf(word) : word,
      start: from + match.index,
      end: from + match.index + word.length,
      persian
    })
  }
  return tokens
}

/**
 * The text as written (its letters made Persian, its diacritics kept) with ZWNJ and spaces as in
 * `form`, the lexicon's spelling of the same letters. Falls back to `form` when the letters differ.
 */
function respell(original: string, form: string): string {
  const source = persianLetters(original)
  let out = ''
  let j = 0
  const skipGaps = (): void => {
    while (j < source.length && (source.charCodeAt(j) === ZWNJ_CODE || source.charCodeAt(j) === 0x640 || isSpace(source.charCodeAt(j)))) j++
  }
  for (const char of form) {
    skipGaps()
    if (char === ZWNJ) {
      out += ZWNJ
      continue
    }
    if (source[j] !== char) return form
    out += source[j++]
    while (j < source.length && isArabicMark(source.charCodeAt(j))) out += source[j++]
  }
  skipGaps()
  return j === source.length ? out : form
}

/** Offset in `text` just after its first `letters` letters (ZWNJ, diacritics and tatweel not counted). */
function offsetAfterLetters(text: string, letters: number): number {
  let seen = 0
  for (let i = 0; i < text.length; i++) {
    if (isSilent(text.charCodeAt(i))) continue
    if (seen === letters) return i
    seen++
  }
  return text.length
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

/** A spelling to propose and whether its class is reliable enough to accept unseen. */
interface Repair {
  form: string
  certain: boolean
}

/** The lexicon's spelling of a dictionary entry with these letters, or null. */
function entrySpelling(lexicon: Lexicon, bare: string): string | null {
  const entries = lexicon.formsOf(bare).filter((candidate) => candidate.isEntry)
  // Where the lexicon lists both (کلانشهر, کلان‌شهر), the ZWNJ spelling is the standard one.
  return (entries.find((candidate) => candidate.form.includes(ZWNJ)) ?? entries[0])?.form ?? null
}

/** Past stems: the word plus ن is an infinitive (کرد, رفت, خرید). */
function isPastStem(lexicon: Lexicon, word: string): boolean {
  return (word.endsWith('د') || word.endsWith('ت')) && lexicon.isEntry(`${word}ن`)
}

/** تنهایمان is تنها + یمان: the stem's plural is itself a joined word in use (تنها "only"). */
function joinedPluralInUse(lexicon: Lexicon, stem: string): boolean {
  const plain = lexicon.frequency.count(`${stem}ها`)
  return plain >= 50 && plain > 5 * lexicon.frequency.count(`${stem}${ZWNJ}ها`)
}

/**
 * The plural reading of a word that ends in ها (مردهای = مرد + های, not مرده + ای; روزهای = روز +
 * های even when روزه occurs in the text). Undefined when the word is not stem + plural suffix;
 * null when it is and needs no change (after a non-joining letter the joined spelling is right)
 * or when a verb reading competes (کردهایم).
 */
function pluralRepair(lexicon: Lexicon, bare: string): Repair | null | undefined {
  for (const suffix of PLURAL_SUFFIXES) {
    if (!bare.endsWith(suffix) || bare.length < suffix.length + 2) continue
    const stem = bare.slice(0, bare.length - suffix.length)
    // منهای is "minus", not من + های.
    if (FUNCTION_WORDS.has(stem)) return undefined
    const spelling = entrySpelling(lexicon, stem)
    if (!spelling) continue
    if (isPastStem(lexicon, stem)) return null
    if (joinedPluralInUse(lexicon, stem)) return null
    // مردهای: مرد + های or مرده + ای. News counts pick the reading whose word is far more common
    // (روز over روزه, منطقه over منطق); between words of similar use, a reviewer decides.
    const hehReading = AFTER_HEH_SUFFIXES.has(suffix.slice(1)) && lexicon.isEntry(`${stem}ه`)
    let competing = hehReading
    if (competing) {
      const stemCount = lexicon.frequency.countBare(stem)
      const hehCount = lexicon.frequency.countBare(`${stem}ه`)
      if (hehCount > 3 * stemCount) return undefined
      if (stemCount > 3 * hehCount) competing = false
    }
    // After a non-joining letter the joined spelling is right as it is (مردهای, روزهای).
    if (isNonJoiningLetter(stem.charCodeAt(stem.length - 1))) {
      if (hehReading) return null
      // The stem itself needs its ZWNJ (کلانشهرها → کلان‌شهرها).
      return spelling.includes(ZWNJ) ? { form: `${spelling}${suffix}`, certain: true } : undefined
    }
    return { form: `${spelling}${ZWNJ}${suffix}`, certain: !competing }
  }
  return undefined
}

/**
 * The ZWNJ spelling of a word written without it, or null when the word is fine as it is or
 * the lexicon cannot tell which spelling is meant.
 */
function zwnjRepair(lexicon: Lexicon, bare: string, vocabulary: Vocabulary): Repair | null {
  const forms = lexicon.formsOf(bare)
  const readings = zwnjReadings(forms)
  if (readings.length === 0) return null
  const joinedEntry = forms.some((candidate) => candidate.isEntry && candidate.form === bare)
  const joinedValid = joinedEntry || forms.some((candidate) => candidate.form === bare)
  if (!joinedEntry) {
    const plural = pluralRepair(lexicon, bare)
    if (plural !== undefined) return plural
  }
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
  const verbPrefix = VERB_PREFIXES.has(best.stem)
  const stemInText = (vocabulary.get(best.stem) ?? 0) > 0
  if (joinedEntry) {
    // The joined spelling is a word of its own (تنها, تجربیات, منتها). Only verb forms listed both
    // ways (میگوید, می‌گوید) change: the standard spelling has ZWNJ. A joined entry that takes
    // suffixes is a word of its own (میدانی "of the field", میخانه).
    const verbVariant = verbPrefix && !lexicon.entryHasFlags(bare) && !KEEP_JOINED.has(bare)
    if (verbVariant) return { form: best.form, certain: true }
    // Plurals and comparatives the lexicon also lists joined (اتوبوسها, سریعتر) take ZWNJ, unless
    // news writes the joined word far more than the ZWNJ one: then it is a word (تنها, بیشتر).
    if (!ZWNJ_SUFFIXES.has(best.suffix) || FUNCTION_WORDS.has(best.stem) || !lexicon.isEntry(best.stem)) return null
    // A joined plural entry (منتها "however") changes only when this text uses its stem.
    if (PLURAL_SUFFIXES.includes(best.suffix) && (!stemInText || joinedPluralInUse(lexicon, best.stem))) return null
    const joinedCount = lexicon.frequency.count(bare)
    return joinedCount >= 50 && joinedCount > 5 * lexicon.frequency.count(best.form) ? null : { form: best.form, certain: true }
  }
  if (joinedValid && !best.isEntry && !stemInText) {
    // The lexicon accepts the joined spelling too (مرزهای = مرز + های). Only its own ZWNJ twin
    // (same stem, suffix split off) is a safe change; another reading (مرزه + ای) is a guess.
    const joinedStems = new Set(forms.filter((candidate) => candidate.form === bare).map((candidate) => stripZwnj(candidate.entry)))
    if (!joinedStems.has(best.stem) || !isSafeSuffix(best)) return null
  }
  const frequency = lexicon.frequency
  if (!verbPrefix && !isSafeSuffix(best)) {
    // A joined spelling news uses far more than the ZWNJ one is a word in use (the name سیدی,
    // not سی‌دی).
    const joinedCount = frequency.count(bare)
    if (joinedCount >= 5 && joinedCount > 2 * frequency.count(best.form)) return null
  }
  // Compound entries (رئیس‌جمهور) are right as often as names written joined (رئیسعلی) allow: review.
  return { form: best.form, certain: verbPrefix || (isSafeSuffix(best) && !joinedValid) }
}

/** Past stems and past participles: the word minus its ending, plus ن, is an infinitive. */
function isVerbForm(lexicon: Lexicon, word: string): boolean {
  const base = word.endsWith('ه') ? word.slice(0, -1) : word
  const stem = base.startsWith('ن') && base.length > 3 ? [base, base.slice(1)] : [base]
  return stem.some((candidate) => (candidate.endsWith('د') || candidate.endsWith('ت')) && lexicon.isEntry(`${candidate}ن`))
}

/** Infinitives (شدن, کردن, داشتن): the head of a verb phrase, never the end of a compound noun. */
function isInfinitive(lexicon: Lexicon, word: string): boolean {
  if (!word.endsWith('ن') || !lexicon.isEntry(word)) return false
  const stem = word.slice(0, -1)
  return stem.endsWith('د') || stem.endsWith('ت')
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

/** True when the word stands on its own: a lexicon word, or common in news. */
function standsAlone(lexicon: Lexicon, bare: string): boolean {
  // Not news counts: news writes many bound halves apart (بین المللی), so they look like words there.
  return lexicon.formsOf(bare).length > 0
}

/** The word's letters made Persian, diacritics and tatweel dropped, its own ZWNJs kept (not trailing ones). */
function bareSpelling(word: string): string {
  const letters = persianLetters(word)
  let out = ''
  for (let i = 0; i < letters.length; i++) {
    const code = letters.charCodeAt(i)
    if (!isArabicMark(code) && code !== 0x640) out += letters[i]
  }
  return out.replace(/^\u200c+|\u200c+$/gu, '')
}

/**
 * Spelling for two words written apart that are one word (`همکاری های`, `می کنند`, `کار ها`,
 * `بین المللی`), or null. Replacements keep the text's own letters and diacritics.
 */
function joinRepair(lexicon: Lexicon, left: Token, right: Token, previous: Token | undefined, textBetweenPrevious: string): Repair | null {
  if (!left.persian || !right.persian) return null
  const rightWord = right.bare
  const joinedBare = left.bare + rightWord
  const leftEndsOpen = isNonJoiningLetter(left.bare.charCodeAt(left.bare.length - 1))
  if (ZWNJ_SUFFIXES.has(rightWord) || rightWord === 'تری') {
    const plural = PLURAL_SUFFIXES.includes(rightWord)
    if (left.bare.length < 2 || (!plural && FUNCTION_WORDS.has(left.bare))) return null
    // The lexicon knows the whole word; else the word before is one (بزرگ‌ترین ها, بعد تر), which
    // for a plural is as good, and for a comparative worth a look (تر is also "wet").
    const whole = lexicon.formsOf(joinedBare).length > 0
    // تری is also a name (سمت تری): only where the lexicon knows the comparative.
    if (!whole && (rightWord === 'تری' || !lexicon.formsOf(left.bare).some((candidate) => candidate.isEntry || candidate.form.includes(ZWNJ))))
      return null
    // After ا د ذ ر ز ژ و the suffix is written straight on (کارها, بعدتر); else with ZWNJ.
    const form = bareSpelling(left.text) + (leftEndsOpen ? '' : ZWNJ) + rightWord
    return { form, certain: whole || plural }
  }
  const forms = lexicon.formsOf(joinedBare).filter((candidate) => candidate.form.includes(ZWNJ) && zwnjAtBareOffset(candidate.form, left.bare.length))
  if (forms.length === 0) return null
  const distinct = [...new Set(forms.map((candidate) => candidate.form))]
  if (distinct.length !== 1) return null
  const form = distinct[0]
  if (AFTER_HEH_SUFFIXES.has(rightWord) && rightWord !== 'ی' && left.bare.endsWith('ه')) return { form, certain: true }
  if (VERB_PREFIXES.has(left.bare)) {
    // "ماه می" and "۱۵ می" are the month May, not the verb prefix.
    if (previous && previous.bare === 'ماه' && /^\s+$/.test(textBetweenPrevious)) return null
    if (/[0-9۰-۹٠-٩]\s*$/.test(textBetweenPrevious)) return null
    return { form, certain: true }
  }
  // A ZWNJ typed next to the space (تازه‌ وارد): the writer meant one word.
  if (left.text.endsWith(ZWNJ) || right.text.startsWith(ZWNJ)) return { form, certain: true }
  if (FUNCTION_WORDS.has(left.bare) || FUNCTION_WORDS.has(rightWord)) return null
  if (left.bare.length < 2 || rightWord.length < 2) return null
  // A verb after a noun is a compound verb phrase (گسترش یافته، اظهار کرد، تبدیل شدن), written apart.
  if (isVerbForm(lexicon, rightWord) || isInfinitive(lexicon, rightWord)) return null
  // A compound the lexicon lists as one word (the junction lies inside a dictionary entry) ...
  const compound = forms.some((candidate) => candidate.entry.includes(ZWNJ) && zwnjAtBareOffset(candidate.entry, left.bare.length))
  if (!compound) return null
  // ... is joined only when a half cannot stand alone (بین المللی) or the second half exists only
  // in compounds (سرمایه گذاری); otherwise the two words are as likely a phrase (پیش رو).
  const bound = !standsAlone(lexicon, left.bare) || !standsAlone(lexicon, rightWord)
  return bound || COMPOUND_HEADS.has(rightWord) || COMPOUND_STARTS.has(left.bare) ? { form, certain: false } : null
}

function knownWord(lexicon: Lexicon, bare: string, vocabulary: Vocabulary): boolean {
  return (vocabulary.get(bare) ?? 0) >= 2 || lexicon.formsOf(bare).length > 0
}

/** Common in news, or repeated in this very text as a word the lexicon knows. */
function frequentWord(lexicon: Lexicon, bare: string, vocabulary: Vocabulary): boolean {
  if (lexicon.frequency.countBare(bare) >= SPLIT_PART_MIN_COUNT) return true
  return (vocabulary.get(bare) ?? 0) >= 3 && lexicon.formsOf(bare).length > 0
}

interface Split {
  /** Letters before the missing space. */
  at: number
  certain: boolean
}

/**
 * Two words glued without a space (`دوکشور`, `کرونابهره`). Only after a letter that does not
 * join the next one (ا د ذ ر ز ژ و), where a missing space is invisible and so goes unnoticed,
 * and only on strong evidence: the glued token is unknown to the lexicon, rare in news and not
 * repeated in the text (names and loanwords in Persian letters are none of these), both halves
 * are common words, and there is exactly one such split.
 */
function splitRepair(lexicon: Lexicon, token: Token, vocabulary: Vocabulary): Split | null {
  const bare = token.bare
  if (!token.persian || bare.length < 4 || token.text.includes(ZWNJ)) return null
  if ((vocabulary.get(bare) ?? 0) >= 2 || lexicon.formsOf(bare).length > 0) return null
  if (lexicon.frequency.countBare(bare) >= JOINED_IN_USE_COUNT) return null
  let found: Split | null = null
  for (let k = 1; k < bare.length - 1; k++) {
    if (!isNonJoiningLetter(bare.charCodeAt(k - 1))) continue
    const left = bare.slice(0, k)
    const right = bare.slice(k)
    if (ZWNJ_SUFFIXES.has(right) || AFTER_HEH_SUFFIXES.has(right) || VERB_PREFIXES.has(left)) continue
    // درخواهد آمد, بازخواهد گشت: a preverb on the future auxiliary, written joined.
    if (PREVERBS.has(left) && /^ن?خواه/u.test(right)) continue
    let common = true
    if (left === 'و') {
      if (right.length < 3 || !lexicon.formsOf(right).some((candidate) => candidate.form === right)) continue
      // A dictionary word of four letters or more after و (وکشتار) is likely enough to show for review.
      common = frequentWord(lexicon, right, vocabulary)
      if (!common && (right.length < 4 || !lexicon.isEntry(right))) continue
    } else {
      if (left.length < 2 || right.length < 2) continue
      if ((left.length === 2 && !SHORT_SPLIT_WORDS.has(left)) || (right.length === 2 && !SHORT_SPLIT_WORDS.has(right))) continue
      if (!knownWord(lexicon, left, vocabulary) || !knownWord(lexicon, right, vocabulary)) continue
      if (!frequentWord(lexicon, left, vocabulary) || !frequentWord(lexicon, right, vocabulary)) continue
    }
    if (found) return null // more than one way to split: not sure
    found = { at: k, certain: common && GLUE_LEFT.has(left) }
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
  const repairs = new Map<string, Repair | null>()
  const add = (
    kind: FixKind,
    lineNumber: number,
    lineStart: number,
    start: number,
    end: number,
    replacement: string,
    message: string,
    certain: boolean
  ): void => {
    fixes.push({
      id: `${kind}:${start}`,
      kind,
      line: lineNumber,
      column: start - lineStart + 1,
      start,
      end,
      original: text.slice(start, end),
      replacement,
      message,
      certain
    })
  }
  for (const line of splitLines(text)) {
    const tokens = tokenize(text, line.start, line.end)
    let coveredUntil = line.start
    const arabic = arabicQuotation(tokens)
    for (let t = 0; t < tokens.length; t++) {
      const token = tokens[t]
      if (token.start < coveredUntil) continue
      const letters = token.persian ? persianLetters(token.text) : token.text
      if (lexicon && token.persian && !arabic && !fullyVowelled(token.text)) {
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
            const replacement = respell(text.slice(token.start, next.end), joined.form)
            add(
              'missing-zwnj',
              line.number,
              line.start,
              token.start,
              next.end,
              replacement,
              joined.form.includes(ZWNJ)
                ? `Two parts of one word are written apart; join them with a zero-width non-joiner: ${replacement}`
                : `A suffix is written apart; after this letter it is written on: ${replacement}`,
              joined.certain
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
          const replacement = repaired ? respell(token.text, repaired.form) : null
          if (repaired && replacement && replacement !== token.text) {
            add(
              'missing-zwnj',
              line.number,
              line.start,
              token.start,
              token.end,
              replacement,
              `Missing zero-width non-joiner: ${replacement}`,
              repaired.certain
            )
            coveredUntil = token.end
            continue
          }
          const split = splitRepair(lexicon, token, vocabulary)
          if (split) {
            const at = offsetAfterLetters(token.text, split.at)
            const replacement = `${persianLetters(token.text.slice(0, at))} ${persianLetters(token.text.slice(at))}`
            add(
              'missing-space',
              line.number,
              line.start,
              token.start,
              token.end,
              replacement,
              `Missing space between two words: ${replacement}`,
              split.certain
            )
            coveredUntil = token.end
            continue
          }
        }
      }
      if (letters !== token.text && !fullyVowelled(token.text)) {
        add(
          'arabic-letters',
          line.number,
          line.start,
          token.start,
          token.end,
          letters,
          `Arabic letter forms; the Persian spelling is ${letters}`,
          true
        )
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
        `Arabic-Indic digits; the Persian digits are ${replacement}`,
        true
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

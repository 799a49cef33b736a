/**
 * Quantities in a Persian sentence and in its English translation, compared the way a reviewer
 * would: any digits, `٫` decimals, number words (`یک میلیارد و ۲۰۰ میلیون` = 1.2 billion,
 * `سی و سه` = 33, `thirty-three`), scale words, Solar Hijri years and their Gregorian years.
 *
 * Some numbers are optional: they count when the other side has them and are no error when it
 * does not. Ordinals (سی و سومین ↔ 33rd or thirty-third), number words inside other words
 * (سه جانبه ↔ trilateral, دوکشور), English dates (May 11, where the Persian date is the date
 * check's business) and words that imply a number (both, bilateral, twice).
 */
import { toGregorian as jalaaliToGregorian } from 'jalaali-js'
import { parseNumberToken, toAsciiDigits } from '../align/anchors'
import { findEnglishDates, findPersianDates } from './dates'

export interface Quantities {
  required: number[]
  optional: number[]
  /**
   * Lone number words (دو کشور, "the two sides"): a translation may say them once for several
   * mentions, or add one to restate what the Persian implies. Reported only when the value is
   * nowhere on the other side (a Persian one) or when the row has a real conflict (an English one).
   */
  soft?: number[]
}

/** Keeps values comparable: rounded so float noise cannot break a match (same as the aligner's key). */
export function numberKey(value: number): string {
  return String(Math.round(value * 1e6) / 1e6)
}

// ---------------------------------------------------------------------------------------------
// Persian

const PERSIAN_UNITS: Record<string, number> = {
  یک: 1,
  دو: 2,
  سه: 3,
  چهار: 4,
  پنج: 5,
  شش: 6,
  شیش: 6,
  هفت: 7,
  هشت: 8,
  نه: 9,
  ده: 10,
  یازده: 11,
  دوازده: 12,
  سیزده: 13,
  چهارده: 14,
  پانزده: 15,
  پونزده: 15,
  شانزده: 16,
  هفده: 17,
  هجده: 18,
  هیجده: 18,
  نوزده: 19,
  بیست: 20,
  سی: 30,
  چهل: 40,
  پنجاه: 50,
  شصت: 60,
  هفتاد: 70,
  هشتاد: 80,
  نود: 90,
  صد: 100,
  یکصد: 100,
  دویست: 200,
  سیصد: 300,
  چهارصد: 400,
  پانصد: 500,
  ششصد: 600,
  هفتصد: 700,
  هشتصد: 800,
  نهصد: 900
}

const PERSIAN_SCALES: Record<string, number> = { هزار: 1e3, میلیون: 1e6, میلیارد: 1e9, بیلیون: 1e9, تریلیون: 1e12 }

/** Ordinals: every number word + م / مین (سه → سوم), and اول / نخست. */
const PERSIAN_ORDINALS: Record<string, number> = (() => {
  const table: Record<string, number> = { اول: 1, اولین: 1, نخست: 1, نخستین: 1, یکم: 1, سوم: 3, سومین: 3 }
  for (const [word, value] of Object.entries({ ...PERSIAN_UNITS, ...PERSIAN_SCALES })) {
    if (word === 'سه' || word === 'یک') continue
    table[`${word}م`] = value
    table[`${word}مین`] = value
  }
  return table
})()

/** Words after a number word that make one adjective with it (سه جانبه "trilateral", دو طرفه "two-way"). */
const COMPOUND_AFTER_NUMBER = /^(?:جانبه|جانبی|طرفه|گانه|قلو|وجهی|ضلعی|بعدی|ساله|روزه|ماهه|هفته‌ای|درصدی|نفره)/

/** Weekdays are written with number words (پنج شنبه "Thursday"). */
const WEEKDAY = /^شنبه/
const GLUED_NUMBER = /^(دو|سه|چهار|پنج|شش|هفت|هشت)(.{3,})$/

// Without the u flag: the same classes, spelt out, run several times faster on every sentence.
const PERSIAN_TOKEN = /[0-9\u06F0-\u06F9\u0660-\u0669]+(?:[.,\u066B\u066C/'][0-9\u06F0-\u06F9\u0660-\u0669]+)*|[A-Za-z\u00C0-\u024F\u0620-\u064A\u064B-\u065F\u066E-\u06D5\u06FA-\u06FF\uFB50-\uFDFF\uFE70-\uFEFC\u200C]+|[^\s]/g
/** Whether a Persian text can hold a number at all: digits, or a number word somewhere in it. */
const PERSIAN_NUMBERISH = new RegExp(`[0-9\u06F0-\u06F9\u0660-\u0669]|${['یک', 'دو', 'سه', 'چهار', 'پنج', 'شش', 'شیش', 'هفت', 'هشت', 'نه', 'ده', 'سی', 'بیست', 'چهل', 'پنجاه', 'شصت', 'هفتاد', 'هشتاد', 'نود', 'صد', 'هزار', 'میلیون', 'میلیارد', 'بیلیون', 'تریلیون', 'اول', 'نخست', 'سوم', 'دهم', 'زده', 'نوزده', 'هفده', 'هجده', 'هیجده'].map((word) => word.replace(/ی/g, '[یيى]').replace(/ک/g, '[کك]')).join('|')}`)

interface Token {
  text: string
  start: number
  end: number
  /** A digit token, in ASCII digits. */
  digits?: string
  /** Its value as a number or a Persian number word (not scales or ordinals), once read. */
  value?: number | null
}



function persianTokens(text: string): Token[] {
  const tokens: Token[] = []
  PERSIAN_TOKEN.lastIndex = 0
  for (let match = PERSIAN_TOKEN.exec(text); match; match = PERSIAN_TOKEN.exec(text)) {
    const raw = match[0]
    const code = raw.charCodeAt(0)
    const isNumber = (code >= 0x30 && code <= 0x39) || (code >= 0x6f0 && code <= 0x6f9) || (code >= 0x660 && code <= 0x669)
    tokens.push({
      text: isNumber ? raw : /[\u200Cيىك]/.test(raw) ? raw.replace(/\u200C/g, '').replace(/[يى]/g, 'ی').replace(/ك/g, 'ک') : raw,
      start: match.index,
      end: match.index + raw.length,
      digits: isNumber ? toAsciiDigits(raw) : undefined
    })
  }
  return tokens
}

function persianValue(token: Token | undefined): number | null {
  if (!token) return null
  if (token.value === undefined) token.value = token.digits !== undefined ? parseNumberToken(token.digits) : (PERSIAN_UNITS_MAP.get(token.text) ?? null)
  return token.value
}

/** The power of ten of a component's lowest non-zero digit: 30 → 10, 300 → 100, 3 → 1. */
function place(value: number): number {
  let p = 1
  while (value % (p * 10) === 0 && value !== 0 && p < 1e12) p *= 10
  return p
}

interface Phrase {
  value: number
  end: number
  ordinal: boolean
  /** Made of one word only (no digits, no scale). */
  loneWord: string | null
}

/**
 * Reads a number phrase starting at token i: digits or number words, scale words, and parts
 * joined by و in descending order (یک میلیارد و ۲۰۰ میلیون, سی و سه, دو هزار و پانصد,
 * یک و نیم میلیون). Null when token i does not start one.
 */
function readPersianPhrase(tokens: Token[], i: number): Phrase | null {
  let total = 0
  let group = 0
  let lastComponent = 0
  let lastScale = Infinity
  let ordinal = false
  let parts = 0
  let afterAnd = false
  let j = i
  let end = i
  for (;;) {
    const token = tokens[j]
    if (!token) break
    const value = persianValue(token)
    const scale = PERSIAN_SCALES_MAP.get(token.text)
    const ordinalValue = PERSIAN_ORDINALS_MAP.get(token.text)
    // Parts of one number are joined by و (سی و سه); two numbers side by side are two numbers.
    if (value !== null && (parts === 0 || afterAnd)) {
      group += value
      lastComponent = value
      parts++
      afterAnd = false
      j++
      end = j
      continue
    }
    if (scale !== undefined && scale < lastScale && (group > 0 || parts === 0 || afterAnd)) {
      total += (group || 1) * scale
      lastScale = scale
      group = 0
      lastComponent = 0
      parts++
      afterAnd = false
      j++
      end = j
      continue
    }
    if (ordinalValue !== undefined && (parts === 0 || afterAnd)) {
      group += ordinalValue
      ordinal = true
      parts++
      j++
      end = j
      break
    }
    if (token.text === 'و' && parts > 0) {
      const next = tokens[j + 1]
      if (next?.text === 'نیم') {
        group += 0.5
        j += 2
        end = j
        continue
      }
      const nextValue = persianValue(next)
      const nextScale = PERSIAN_SCALES_MAP.get(next?.text)
      const nextOrdinal = PERSIAN_ORDINALS_MAP.get(next?.text)
      const fits =
        (nextValue !== null && (group === 0 ? nextValue < lastScale : nextValue < place(lastComponent))) ||
        (nextOrdinal !== undefined && (group === 0 ? nextOrdinal < lastScale : nextOrdinal < place(lastComponent))) ||
        (nextScale !== undefined && nextScale < lastScale && group === 0)
      if (!fits) break
      afterAnd = true
      j++
      continue
    }
    break
  }
  if (parts === 0) return null
  const single = end - i === 1 && tokens[i].digits === undefined
  return { value: total + group, end, ordinal, loneWord: single ? tokens[i].text : null }
}

/** Spans of Hijri dates in a Persian text (the date check compares them; numbers leave them alone). */
function persianDateSpans(text: string): Array<[number, number]> {
  return findPersianDates(text).map((date) => [date.start, date.end])
}

function inSpans(spans: Array<[number, number]>, start: number): boolean {
  return spans.some(([from, to]) => start >= from && start < to)
}

export function persianQuantities(text: string): Quantities {
  const required: number[] = []
  const optional: number[] = []
  const soft: number[] = []
  if (!PERSIAN_NUMBERISH.test(text)) return { required, optional, soft }
  const tokens = persianTokens(text)
  const dates = persianDateSpans(text)
  let i = 0
  while (i < tokens.length) {
    const token = tokens[i]
    if (inSpans(dates, token.start)) {
      i++
      continue
    }
    const phrase = readPersianPhrase(tokens, i)
    if (!phrase) {
      // A number word glued to the next word (دوکشور, سه‌جانبه written as one): maybe a number.
      const glued = GLUED_NUMBER.exec(token.text)
      if (glued && token.digits === undefined) {
        if (!WEEKDAY.test(glued[2])) optional.push(PERSIAN_UNITS_MAP.get(glued[1])!)
      }
      i++
      continue
    }
    const next = tokens[phrase.end]
    const nextText = next && next.start - tokens[phrase.end - 1].end <= 1 ? next.text : ''
    if (phrase.loneWord && WEEKDAY.test(nextText)) {
      i = phrase.end + 1
      continue
    }
    if (phrase.loneWord === 'یک' || phrase.loneWord === 'نه') {
      // "a"/"one" and "no": too often not a number at all.
      i = phrase.end
      continue
    }
    if (phrase.ordinal || COMPOUND_AFTER_NUMBER.test(nextText)) optional.push(phrase.value)
    else if (phrase.loneWord) soft.push(phrase.value)
    else required.push(phrase.value)
    i = phrase.end
  }
  return { required, optional, soft }
}

// ---------------------------------------------------------------------------------------------
// English

const ENGLISH_UNITS: Record<string, number> = {
  zero: 0,
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
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
  hundred: 100
}
const ENGLISH_SCALES: Record<string, number> = { thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12, bn: 1e9, mn: 1e6, m: 1e6 }
const ENGLISH_ORDINALS: Record<string, number> = {
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
  tenth: 10,
  eleventh: 11,
  twelfth: 12,
  thirteenth: 13,
  fourteenth: 14,
  fifteenth: 15,
  sixteenth: 16,
  seventeenth: 17,
  eighteenth: 18,
  nineteenth: 19,
  twentieth: 20,
  thirtieth: 30,
  fortieth: 40,
  fiftieth: 50,
  hundredth: 100,
  thousandth: 1000
}
/** Words that stand for a number without saying it. */
const ENGLISH_IMPLIED: Record<string, number> = {
  both: 2,
  bilateral: 2,
  twofold: 2,
  double: 2,
  dual: 2,
  twin: 2,
  pair: 2,
  twice: 2,
  trilateral: 3,
  tripartite: 3,
  threefold: 3,
  triple: 3,
  thrice: 3,
  quadrilateral: 4,
  fourfold: 4,
  dozen: 12,
  half: 0.5,
  decade: 10
}

const ENGLISH_TOKEN = /[0-9]+(?:[.,'][0-9]+)*|[A-Za-z]+|[^\s]/g
/** Whether an English text can hold a number: digits or a number word. */
const ENGLISH_NUMBERISH = new RegExp(
  `[0-9]|\\b(?:${[...Object.keys(ENGLISH_UNITS), ...Object.keys(ENGLISH_SCALES), ...Object.keys(ENGLISH_ORDINALS), ...Object.keys(ENGLISH_IMPLIED)].join('|')})\\b`,
  'i'
)

export function englishQuantities(text: string): Quantities {
  const required: number[] = []
  const optional: number[] = []
  const soft: number[] = []
  if (!ENGLISH_NUMBERISH.test(text)) return { required, optional, soft }
  const dates = findEnglishDates(text).map((date): [number, number] => [date.start, date.end])
  const tokens: Token[] = []
  ENGLISH_TOKEN.lastIndex = 0
  for (let match = ENGLISH_TOKEN.exec(text); match; match = ENGLISH_TOKEN.exec(text)) {
    const raw = match[0]
    const code = raw.charCodeAt(0)
    const isNumber = code >= 0x30 && code <= 0x39
    tokens.push({ text: isNumber ? raw : raw.toLowerCase(), start: match.index, end: match.index + raw.length, digits: isNumber ? raw : undefined })
  }
  let i = 0
  while (i < tokens.length) {
    const token = tokens[i]
    if (inSpans(dates, token.start)) {
      if (token.digits !== undefined) {
        const value = parseNumberToken(token.digits)
        if (value !== null) optional.push(value)
      }
      i++
      continue
    }
    const implied = ENGLISH_IMPLIED_MAP.get(token.text)
    if (implied !== undefined) {
      optional.push(implied)
      i++
      continue
    }
    // Number phrase: (digits | words joined by - or "and") followed by scale words.
    let total = 0
    let group = 0
    let parts = 0
    let ordinal = false
    let j = i
    let lastScale = Infinity
    for (;;) {
      const current = tokens[j]
      if (!current) break
      if (current.digits !== undefined && parts === 0) {
        const value = parseNumberToken(current.digits)
        if (value === null) break
        group = value
        parts++
        j++
        // 12th, 33rd: digits with an ordinal ending.
        if (/^(st|nd|rd|th)$/.test(tokens[j]?.text ?? '') && tokens[j].start === current.end) j++
        continue
      }
      const unit = current.digits === undefined ? ENGLISH_UNITS_MAP.get(current.text) : undefined
      const scale = ENGLISH_SCALES_MAP.get(current.text)
      const ordinalValue = ENGLISH_ORDINALS_MAP.get(current.text)
      if (unit !== undefined && current.digits === undefined && (parts === 0 || tokens[j - 1]?.text === '-' || group === 0 || group >= 20)) {
        if (unit === 100 && group > 0 && group < 10) group *= 100
        else group += unit
        parts++
        j++
        continue
      }
      if (ordinalValue !== undefined && current.digits === undefined) {
        group += ordinalValue
        ordinal = true
        parts++
        j++
        break
      }
      if (scale !== undefined && scale < lastScale && (parts > 0 || (tokens[j - 1]?.text === 'a' && j === i + 1))) {
        if (current.text === 'm' && tokens[j - 1]?.end !== current.start) break
        total += (group || 1) * scale
        group = 0
        lastScale = scale
        parts++
        j++
        continue
      }
      if (current.text === 'a' && parts === 0 && ENGLISH_SCALES_MAP.get(tokens[j + 1]?.text) !== undefined) {
        group = 1
        parts++
        j++
        continue
      }
      if ((current.text === '-' || current.text === 'and') && parts > 0 && tokens[j + 1] && (ENGLISH_UNITS_MAP.get(tokens[j + 1].text) ?? ENGLISH_ORDINALS_MAP.get(tokens[j + 1].text)) !== undefined) {
        j++
        continue
      }
      break
    }
    if (parts === 0) {
      i++
      continue
    }
    const value = total + group
    const single = j - i === 1 && token.digits === undefined
    if (single && (token.text === 'one' || token.text === 'a')) {
      // "one of", "a": not a quantity to check.
    } else if (ordinal) optional.push(value)
    else if (single) soft.push(value)
    else required.push(value)
    i = Math.max(j, i + 1)
  }
  return { required, optional, soft }
}

// ---------------------------------------------------------------------------------------------
// Comparison

export interface NumberComparison {
  /** Values the Persian has and the English lacks, as canonical strings ("1200000000"). */
  missingInEnglish: string[]
  /** Values the English has and the Persian lacks. */
  extraInEnglish: string[]
}

function takeFrom(pool: Map<string, number>, key: string): boolean {
  const count = pool.get(key) ?? 0
  if (count === 0) return false
  pool.set(key, count - 1)
  return true
}

function pool(values: number[]): Map<string, number> {
  const counts = new Map<string, number>()
  for (const value of values) counts.set(numberKey(value), (counts.get(numberKey(value)) ?? 0) + 1)
  return counts
}

/** Gregorian years a Solar Hijri year overlaps (1403 → 2024, 2025). */
function gregorianYears(year: number): number[] {
  if (!Number.isInteger(year) || year < 1300 || year > 1499) return []
  const start = jalaaliToGregorian(year, 1, 1).gy
  return [start, start + 1]
}

/** Compares the quantities of the two sides; empty lists when they agree. */
export function compareQuantities(persian: Quantities, english: Quantities): NumberComparison {
  const englishRequired = pool([...english.required, ...(english.soft ?? [])])
  const englishOptional = pool(english.optional)
  const englishSoft = new Set((english.soft ?? []).map(numberKey))
  const englishAny = new Set([...english.required, ...english.optional, ...(english.soft ?? [])].map(numberKey))
  const persianSoft = new Set((persian.soft ?? []).map(numberKey))
  const persianAny = new Set([...persian.required, ...persian.optional, ...(persian.soft ?? [])].map(numberKey))
  const missing: number[] = []
  const pending: number[] = []
  // Exact values first, so a Hijri year does not take a Gregorian year another number needs.
  for (const value of [...persian.required, ...(persian.soft ?? [])]) {
    if (!takeFrom(englishRequired, numberKey(value))) pending.push(value)
  }
  for (const value of pending) {
    const key = numberKey(value)
    if (takeFrom(englishOptional, key)) continue
    const years = gregorianYears(value).map(numberKey)
    if (years.some((year) => takeFrom(englishRequired, year) || takeFrom(englishOptional, year))) continue
    if (persianSoft.has(key) && englishAny.has(key)) continue
    missing.push(value)
  }
  const persianOptional = pool(persian.optional)
  const extra: string[] = []
  for (const [key, count] of englishRequired) {
    for (let k = 0; k < count; k++) {
      if (takeFrom(persianOptional, key)) continue
      if (englishSoft.has(key) && (persianAny.has(key) || missing.length === 0)) continue
      extra.push(key)
    }
  }
  return { missingInEnglish: missing.map(numberKey), extraInEnglish: extra }
}

export function compareNumbers(persian: string, english: string): NumberComparison {
  return compareQuantities(persianQuantities(persian), englishQuantities(english))
}

// Maps, not objects: faster, and a word like "constructor" cannot find Object's own property.
const ENGLISH_IMPLIED_MAP = new Map(Object.entries(ENGLISH_IMPLIED))
const ENGLISH_ORDINALS_MAP = new Map(Object.entries(ENGLISH_ORDINALS))
const ENGLISH_SCALES_MAP = new Map(Object.entries(ENGLISH_SCALES))
const ENGLISH_UNITS_MAP = new Map(Object.entries(ENGLISH_UNITS))
const PERSIAN_ORDINALS_MAP = new Map(Object.entries(PERSIAN_ORDINALS))
const PERSIAN_SCALES_MAP = new Map(Object.entries(PERSIAN_SCALES))
const PERSIAN_UNITS_MAP = new Map(Object.entries(PERSIAN_UNITS))

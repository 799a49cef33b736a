/**
 * Dates in news text. Persian reports use the Solar Hijri calendar (۲۵ آبان ۱۴۰۳, ۱۴۰۳/۸/۲۵);
 * their English needs the Gregorian date (15 November 2024) or an explicit Solar Hijri one
 * (25 Aban 1403). Conversion is jalaali-js's, never arithmetic of our own.
 */
import { isValidJalaaliDate, jalaaliMonthLength, toGregorian as jalaaliToGregorian } from 'jalaali-js'
import { toAsciiDigits } from '../align/anchors'

/** Solar Hijri months as written in Persian (ي/ك variants are folded before matching). */
export const HIJRI_MONTHS_FA = ['فروردین', 'اردیبهشت', 'خرداد', 'تیر', 'مرداد', 'شهریور', 'مهر', 'آبان', 'آذر', 'دی', 'بهمن', 'اسفند']

/** Their usual English transliterations, the first one the one Hamta writes. */
export const HIJRI_MONTHS_EN: string[][] = [
  ['Farvardin'],
  ['Ordibehesht'],
  ['Khordad'],
  ['Tir'],
  ['Mordad', 'Amordad'],
  ['Shahrivar'],
  ['Mehr'],
  ['Aban'],
  ['Azar'],
  ['Dey', 'Dei'],
  ['Bahman'],
  ['Esfand', 'Espand']
]

export const GREGORIAN_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']

export interface PersianDate {
  start: number
  end: number
  text: string
  /** Solar Hijri year, when the date gives one. */
  year?: number
  month: number
  /** Day of the month, when the date gives one (آبان ۱۴۰۳ has none). */
  day?: number
}

export interface GregorianDate {
  year: number
  month: number
  day: number
}

const D = '[0-9\u06F0-\u06F9\u0660-\u0669]'
const MONTH_ALTERNATION = HIJRI_MONTHS_FA.map((month) => month.replace(/ی/g, '[یيى]').replace(/آ/g, '[آا]')).join('|')
// Found by the month name first (no Unicode flag, no leading optional group): a scan per
// sentence then costs little. The day before and the year after are read around it.
const MONTH_NAME = new RegExp(`(?<![\u0620-\u06FF])(${MONTH_ALTERNATION})(?:[\\s\u200C]*ماه)?(?![\u0620-\u06FF])`, 'g')
/** ۲۵ (ام) before the month; the day needs digits, so تیر "arrow" and مهر "seal" alone are never dates. */
const DAY_BEFORE = new RegExp(`(?<![0-9\u06F0-\u06F9\u0660-\u0669])(${D}{1,2})(?:[\\s\u200C]*(?:ام|م))?[\\s\u200C]+$`)
/** (سال) ۱۴۰۳ after the month. */
const YEAR_AFTER = new RegExp(`^[\\s\u200C]+(?:سال[\\s\u200C]+)?(${D}{4})(?![0-9\u06F0-\u06F9\u0660-\u0669])`)
/** ۱۴۰۳/۸/۲۵ or ۲۵/۸/۱۴۰۳ (also with - or .): the year is recognizable as 13xx or 14xx. */
const NUMERIC_DATE = new RegExp(`(?<![0-9\u06F0-\u06F9\u0660-\u0669/.-])(?:(1[34]${D}{2}|[\u06F1\u0661][\u06F3\u06F4\u0663\u0664]${D}{2})([/.-])(${D}{1,2})\\2(${D}{1,2})|(${D}{1,2})([/.-])(${D}{1,2})\\6(1[34]${D}{2}|[\u06F1\u0661][\u06F3\u06F4\u0663\u0664]${D}{2}))(?![0-9\u06F0-\u06F9\u0660-\u0669/])`, 'g')
const NUMERIC_HINT = new RegExp(`${D}[/.-]${D}`)

/** The last few texts asked about: the number and date checks ask about the same row in turn. */
function memo<T>(compute: (text: string) => T): (text: string) => T {
  const cache = new Map<string, T>()
  return (text) => {
    const cached = cache.get(text)
    if (cached !== undefined) return cached
    const value = compute(text)
    if (cache.size >= 8) cache.delete(cache.keys().next().value as string)
    cache.set(text, value)
    return value
  }
}

function monthIndex(name: string): number {
  const folded = name.replace(/[يى]/g, 'ی').replace(/ا(?=بان|ذر)/, 'آ')
  return HIJRI_MONTHS_FA.indexOf(folded) + 1
}

/** Solar Hijri dates in a Persian text; only valid dates (day 1–31 in a month that has it). */
export const findPersianDates = memo((text: string): PersianDate[] => {
  const found: PersianDate[] = []
  MONTH_NAME.lastIndex = 0
  for (let match = MONTH_NAME.exec(text); match; match = MONTH_NAME.exec(text)) {
    const before = DAY_BEFORE.exec(text.slice(Math.max(0, match.index - 12), match.index))
    const afterEnd = match.index + match[0].length
    const after = YEAR_AFTER.exec(text.slice(afterEnd, afterEnd + 16))
    if (!before && !after) continue
    const month = monthIndex(match[1])
    const day = before ? Number(toAsciiDigits(before[1])) : undefined
    const year = after ? Number(toAsciiDigits(after[1])) : undefined
    if (month < 1 || (day !== undefined && (day < 1 || day > 31))) continue
    if (year !== undefined && (year < 1200 || year > 1600)) continue
    if (year !== undefined && day !== undefined && !isValidJalaaliDate(year, month, day)) continue
    const start = before ? match.index - before[0].length : match.index
    const end = after ? afterEnd + after[0].length : afterEnd
    found.push({ start, end, text: text.slice(start, end), year, month, day })
  }
  if (NUMERIC_HINT.test(text)) {
    NUMERIC_DATE.lastIndex = 0
    for (let match = NUMERIC_DATE.exec(text); match; match = NUMERIC_DATE.exec(text)) {
      const ymd = match[1] !== undefined
      const year = Number(toAsciiDigits(ymd ? match[1] : match[8]))
      const month = Number(toAsciiDigits(ymd ? match[3] : match[7]))
      const day = Number(toAsciiDigits(ymd ? match[4] : match[5]))
      if (!isValidJalaaliDate(year, month, day)) continue
      const start = match.index
      if (found.some((date) => start < date.end && start + match![0].length > date.start)) continue
      found.push({ start, end: start + match[0].length, text: match[0], year, month, day })
    }
  }
  return found.sort((a, b) => a.start - b.start)
})

export function toGregorian(year: number, month: number, day: number): GregorianDate {
  const { gy, gm, gd } = jalaaliToGregorian(year, month, day)
  return { year: gy, month: gm, day: gd }
}

/**
 * Gregorian dates a Persian date can be. With a year, one; a day and month without a year fall
 * on the same Gregorian day give or take one (leap years), so the dates of recent years are all
 * accepted.
 */
export function gregorianCandidates(date: PersianDate, around = 1403): GregorianDate[] {
  if (date.day === undefined) return []
  if (date.year !== undefined) return [toGregorian(date.year, date.month, date.day)]
  const seen = new Map<string, GregorianDate>()
  for (let year = around - 4; year <= around + 4; year++) {
    if (!isValidJalaaliDate(year, date.month, date.day)) continue
    const converted = toGregorian(year, date.month, date.day)
    seen.set(`${converted.month}-${converted.day}`, { ...converted, year: NaN })
  }
  return [...seen.values()]
}

/** "15 November 2024" (or without the year when the Persian gives none). */
export function formatGregorian(date: GregorianDate): string {
  return `${date.day} ${GREGORIAN_MONTHS[date.month - 1]}${Number.isNaN(date.year) ? '' : ` ${date.year}`}`
}

/** The Persian date in English as a Solar Hijri date: "25 Aban 1403". */
export function formatHijri(date: PersianDate): string {
  return [date.day, HIJRI_MONTHS_EN[date.month - 1][0], date.year].filter((part) => part !== undefined).join(' ')
}

/** The English form to insert for a Persian date: Gregorian when it can be known, else Solar Hijri. */
export function englishForPersianDate(date: PersianDate): string {
  if (date.day !== undefined && date.year !== undefined) return formatGregorian(toGregorian(date.year, date.month, date.day))
  if (date.day === undefined && date.year !== undefined) {
    // A month and year: the Solar Hijri month overlaps two Gregorian months.
    const first = toGregorian(date.year, date.month, 1)
    const last = toGregorian(date.year, date.month, jalaaliMonthLength(date.year, date.month))
    const names = first.month === last.month ? GREGORIAN_MONTHS[first.month - 1] : `${GREGORIAN_MONTHS[first.month - 1]}–${GREGORIAN_MONTHS[last.month - 1]}`
    return `${HIJRI_MONTHS_EN[date.month - 1][0]} ${date.year} (${names} ${first.year === last.year ? first.year : `${first.year}–${last.year}`})`
  }
  return formatHijri(date)
}

// ---------------------------------------------------------------------------------------------
// English

export interface EnglishDate {
  start: number
  end: number
  text: string
  calendar: 'gregorian' | 'hijri'
  year?: number
  month: number
  day?: number
  /** How it was written, to write a correction the same way. */
  style: 'day-month' | 'month-day' | 'iso' | 'month-year'
}

const GREGORIAN_NAMES: Array<[RegExp, number]> = GREGORIAN_MONTHS.map((name, index) => [
  new RegExp(`^(?:${name}|${name.slice(0, 3)}${name === 'September' ? '|Sept' : ''})\\.?$`, 'i'),
  index + 1
])

function monthOf(word: string): { calendar: 'gregorian' | 'hijri'; month: number } | null {
  for (const [pattern, month] of GREGORIAN_NAMES) if (pattern.test(word)) return { calendar: 'gregorian', month }
  const lower = word.toLowerCase()
  const hijri = HIJRI_MONTHS_EN.findIndex((names) => names.some((name) => name.toLowerCase() === lower))
  return hijri >= 0 ? { calendar: 'hijri', month: hijri + 1 } : null
}

const MONTH_WORD =
  '(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?|Farvardin|Ordibehesht|Khordad|Tir|A?mordad|Shahrivar|Mehr|Aban|Azar|Dey|Dei|Bahman|E[sp]fand|Espand)\\.?'
const DAY = '(\\d{1,2})(?:st|nd|rd|th)?'
const YEAR = '(\\d{4})'
const ENGLISH_DATE = new RegExp(
  [
    `\\b${DAY}\\s+(?:of\\s+)?(${MONTH_WORD})(?:,?\\s+${YEAR})?(?![\\w])`,
    `\\b(${MONTH_WORD})\\s+${DAY}(?:,?\\s+${YEAR})?(?![\\w])`,
    `\\b(\\d{4})-(\\d{2})-(\\d{2})\\b`,
    `\\b(${MONTH_WORD})\\s+${YEAR}(?![\\w])`
  ].join('|'),
  'g'
)

const ENGLISH_MONTH_HINT = /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|farvardin|ordibehesht|khordad|tir|a?mordad|shahrivar|mehr|aban|azar|dey|dei|bahman|esfand|espand)|\d{4}-\d\d-\d\d/i

/** Dates written in an English text: Gregorian or Solar Hijri (transliterated month names). */
export const findEnglishDates = memo((text: string): EnglishDate[] => {
  const found: EnglishDate[] = []
  if (!ENGLISH_MONTH_HINT.test(text)) return found
  for (const match of text.matchAll(ENGLISH_DATE)) {
    const base = { start: match.index!, end: match.index! + match[0].length, text: match[0] }
    if (match[1] !== undefined) {
      const month = monthOf(match[2])
      if (month) found.push({ ...base, ...month, day: Number(match[1]), year: match[3] ? Number(match[3]) : undefined, style: 'day-month' })
    } else if (match[4] !== undefined) {
      const month = monthOf(match[4])
      if (month) found.push({ ...base, ...month, day: Number(match[5]), year: match[6] ? Number(match[6]) : undefined, style: 'month-day' })
    } else if (match[7] !== undefined) {
      found.push({ ...base, calendar: 'gregorian', year: Number(match[7]), month: Number(match[8]), day: Number(match[9]), style: 'iso' })
    } else if (match[10] !== undefined) {
      const month = monthOf(match[10])
      if (month) found.push({ ...base, ...month, year: Number(match[11]), style: 'month-year' })
    }
  }
  // "May" and "March" are words too: a month name counts only with a day or a year beside it,
  // which the patterns already require; days must be days.
  return found.filter((date) => date.day === undefined || (date.day >= 1 && date.day <= 31))
})

/** A Gregorian date written in the style of an English date found in the text. */
export function formatLike(style: EnglishDate['style'], date: GregorianDate, withYear: boolean): string {
  const month = GREGORIAN_MONTHS[date.month - 1]
  const year = withYear && !Number.isNaN(date.year) ? date.year : undefined
  if (style === 'iso' && year !== undefined) return `${year}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`
  if (style === 'month-day') return `${month} ${date.day}${year !== undefined ? `, ${year}` : ''}`
  return `${date.day} ${month}${year !== undefined ? ` ${year}` : ''}`
}

/**
 * Placeables: the parts of a Persian sentence whose English is known without translating them —
 * numbers (any digits, ٫ decimals, number words with scales), Solar Hijri dates with their
 * Gregorian date, web and e-mail addresses, and names kept in Latin script. The editor offers
 * them for insertion in their English form.
 */
import { toAsciiDigits, parseNumberToken } from '../align/anchors'
import { englishForPersianDate, findPersianDates } from './dates'

export type PlaceableKind = 'number' | 'date' | 'url' | 'email' | 'latin'

export interface Placeable {
  kind: PlaceableKind
  start: number
  end: number
  /** The Persian as written. */
  source: string
  /** What to insert in the English. */
  english: string
}

const D = '[0-9\u06F0-\u06F9\u0660-\u0669]'
const SCALE: Record<string, [number, string]> = {
  هزار: [1e3, 'thousand'],
  میلیون: [1e6, 'million'],
  میلیارد: [1e9, 'billion'],
  بیلیون: [1e9, 'billion'],
  تریلیون: [1e12, 'trillion']
}
const WORD_VALUES: Record<string, number> = { یک: 1, دو: 2, سه: 3, چهار: 4, پنج: 5, شش: 6, هفت: 7, هشت: 8, نه: 9, ده: 10, صد: 100, یکصد: 100 }
const NUMBER = new RegExp(
  `(?:(${D}+(?:[.,\u066B\u066C/][${D.slice(1, -1)}]+)*)|(${Object.keys(WORD_VALUES).join('|')}))(?=[\\s\\u200C]+(?:${Object.keys(SCALE).join('|')}))` +
    `(?:[\\s\\u200C]+(?:${Object.keys(SCALE).join('|')}))(?:[\\s\\u200C]+و[\\s\\u200C]+(?:${D}+|${Object.keys(WORD_VALUES).join('|')})[\\s\\u200C]+(?:${Object.keys(SCALE).join('|')}))*` +
    `|${D}+(?:[.,\u066B\u066C/]${D}+)*(?:[\\s\\u200C]*[٪%]|[\\s\\u200C]+درصد)?`,
  'gu'
)
const URL = /\b(?:https?:\/\/|www\.)[^\s<>"«»()]+[^\s<>"«»().,;:!?]|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|ir|info|io|gov|edu|int)\b(?:\/[^\s<>"«»()]*[^\s<>"«»().,;:!?])?/giu
const EMAIL = /\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b/gu
const LATIN = /[A-Za-z][A-Za-z0-9]*(?:[-'’ .][A-Za-z0-9]+)*/g

/** A number as English writes it: 1,200; 28.4; 1.2 billion; 20%. */
function englishNumber(value: number): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: 6 })
}

function scaled(value: number): string {
  for (const [limit, word] of [
    [1e12, 'trillion'],
    [1e9, 'billion'],
    [1e6, 'million']
  ] as Array<[number, string]>) {
    if (value >= limit) return `${englishNumber(value / limit)} ${word}`
  }
  return englishNumber(value)
}

function numberPlaceable(text: string): string | null {
  const words = text.split(/[\s\u200C]+/)
  if (words.some((word) => SCALE[word])) {
    let total = 0
    let current = 0
    for (const word of words) {
      if (word === 'و') continue
      const scale = SCALE[word]
      if (scale) {
        total += (current || 1) * scale[0]
        current = 0
      } else current = WORD_VALUES[word] ?? parseNumberToken(toAsciiDigits(word)) ?? 0
    }
    return scaled(total + current)
  }
  const percent = /[٪%]|درصد/.test(text)
  const digits = toAsciiDigits(text.replace(/[٪%]|درصد/g, '').trim())
  const value = parseNumberToken(digits)
  if (value === null) return digits.replace(/\u066B/g, '.')
  // Years and codes (1403, 2024) stay as written; other integers get thousands separators.
  const english = /^\d{4}$/.test(digits) ? digits : englishNumber(value)
  return percent ? `${english}%` : english
}

function overlaps(taken: Placeable[], start: number, end: number): boolean {
  return taken.some((placeable) => start < placeable.end && end > placeable.start)
}

/** Placeables of a Persian text, in reading order. */
export function findPlaceables(text: string): Placeable[] {
  const found: Placeable[] = []
  const add = (kind: PlaceableKind, start: number, source: string, english: string | null): void => {
    if (english === null || overlaps(found, start, start + source.length)) return
    found.push({ kind, start, end: start + source.length, source, english })
  }
  for (const match of text.matchAll(EMAIL)) add('email', match.index!, match[0], match[0])
  for (const match of text.matchAll(URL)) add('url', match.index!, match[0], match[0])
  for (const date of findPersianDates(text)) add('date', date.start, date.text.trim(), englishForPersianDate(date))
  for (const match of text.matchAll(NUMBER)) add('number', match.index!, match[0], numberPlaceable(match[0]))
  for (const match of text.matchAll(LATIN)) {
    const name = match[0].replace(/[ .]+$/, '')
    add('latin', match.index!, name, name)
  }
  return found.sort((a, b) => a.start - b.start)
}

/**
 * `length`: the English is far longer or shorter than the Persian predicts. The prediction is
 * the document's own ratio of English to Persian characters (its median row), so a terse or a
 * wordy translator is not flagged everywhere; only rows well off it by a factor are.
 */
import type { RowCheck } from '../finding'

/** English characters per Persian character in news translations, before a document has enough rows of its own. */
export const DEFAULT_LENGTH_RATIO = 1.15
/** Rows shorter than this (on the longer side) vary too much to judge. */
const MIN_CHARS = 40
/** How far off the prediction a row may be before it is reported. */
export const LENGTH_FACTOR = 2

export function measuredLength(text: string): number {
  return text.trim().length
}

export const lengthCheck: RowCheck = {
  name: 'length',
  run({ source, target }, { lengthRatio }) {
    const persian = measuredLength(source)
    const english = measuredLength(target)
    if (english === 0 || persian === 0 || Math.max(persian * lengthRatio, english) < MIN_CHARS) return []
    const expected = persian * lengthRatio
    const ratio = english / expected
    if (ratio > LENGTH_FACTOR) {
      return [{ subject: 'long', message: `The English is ${ratio.toFixed(1)} times as long as the Persian predicts (${english} characters for about ${Math.round(expected)}).` }]
    }
    if (ratio < 1 / LENGTH_FACTOR) {
      return [{ subject: 'short', message: `The English is much shorter than the Persian predicts (${english} characters for about ${Math.round(expected)}); is something left out?` }]
    }
    return []
  }
}

/** The document's ratio: median over rows long enough to say something, else the default. */
export function documentLengthRatio(pairs: Array<{ source: string; target: string }>): number {
  const ratios: number[] = []
  for (const { source, target } of pairs) {
    const persian = measuredLength(source)
    const english = measuredLength(target)
    if (persian >= MIN_CHARS && english >= MIN_CHARS / 2) ratios.push(english / persian)
  }
  if (ratios.length < 8) return DEFAULT_LENGTH_RATIO
  ratios.sort((a, b) => a - b)
  return ratios[Math.floor(ratios.length / 2)]
}

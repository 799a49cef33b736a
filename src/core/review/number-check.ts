import type { Row } from '../model'
import { compareNumbers } from '../qa/numbers'

export interface NumberMismatch {
  /** Numbers the Persian has and the English lacks, as values ("1200000000"). */
  missingInEnglish: string[]
  /** Numbers the English has and the Persian lacks. */
  extraInEnglish: string[]
}

/**
 * Compares the numbers of a row's two sides, whatever digits or number words they are written
 * in (`یک میلیارد و ۲۰۰ میلیون` is 1.2 billion, `۲۸٫۴` is 28.4), with the QA number check's
 * exceptions (ordinals, سه جانبه ↔ trilateral, Solar Hijri years and dates). Null when they agree
 * or when there is no English to check yet.
 */
export function numberMismatch(row: Row): NumberMismatch | null {
  if (!row.target.trim() || row.doNotTranslate) return null
  const { missingInEnglish, extraInEnglish } = compareNumbers(row.source.map((sentence) => sentence.text).join(' '), row.target)
  return missingInEnglish.length + extraInEnglish.length === 0 ? null : { missingInEnglish, extraInEnglish }
}

/** A number value as people read it: 1200000000 → "1,200,000,000". */
export function formatNumberValue(value: string): string {
  const number = Number(value)
  return Number.isFinite(number) ? number.toLocaleString('en', { maximumFractionDigits: 6 }) : value
}

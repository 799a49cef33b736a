import { extractNumbers } from '../align/anchors'
import type { Row } from '../model'

export interface NumberMismatch {
  /** Numbers the Persian has and the English lacks, as values ("1200000000"). */
  missingInEnglish: string[]
  /** Numbers the English has and the Persian lacks. */
  extraInEnglish: string[]
}

function countValues(values: string[]): Map<string, number> {
  const counts = new Map<string, number>()
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1)
  return counts
}

function minus(a: Map<string, number>, b: Map<string, number>): string[] {
  const left: string[] = []
  for (const [value, count] of a) for (let i = b.get(value) ?? 0; i < count; i++) left.push(value)
  return left
}

/**
 * Compares the numbers of a row's two sides, whatever digits or number words they are written
 * in (`یک میلیارد و ۲۰۰ میلیون` is 1.2 billion, `۲۸٫۴` is 28.4). Null when they agree or when
 * there is no English to check yet.
 */
export function numberMismatch(row: Row): NumberMismatch | null {
  if (!row.target.trim() || row.doNotTranslate) return null
  const persian = countValues(row.source.flatMap((sentence) => extractNumbers(sentence.text)))
  const english = countValues(extractNumbers(row.target))
  const missingInEnglish = minus(persian, english)
  const extraInEnglish = minus(english, persian)
  return missingInEnglish.length + extraInEnglish.length === 0 ? null : { missingInEnglish, extraInEnglish }
}

/** A number value as people read it: 1200000000 → "1,200,000,000". */
export function formatNumberValue(value: string): string {
  const number = Number(value)
  return Number.isFinite(number) ? number.toLocaleString('en', { maximumFractionDigits: 6 }) : value
}

/**
 * What quality assurance reports: findings, each tied to a row, with a message and, where the
 * correction is obvious, the row's English with it applied.
 */
import type { Row } from '../model'
import type { TermMatcher } from '../terms/matcher'

/** The checks, in the order the QA panel and reports list them. */
export const QA_CHECKS = ['number', 'date', 'term', 'untranslated', 'inconsistent', 'punctuation', 'whitespace', 'url', 'placeholder', 'length', 'spelling'] as const
export type QaCheckName = (typeof QA_CHECKS)[number]

export const QA_CHECK_LABEL: Record<QaCheckName, string> = {
  number: 'Numbers',
  date: 'Dates',
  term: 'Terms',
  untranslated: 'Untranslated',
  inconsistent: 'Inconsistent',
  punctuation: 'Punctuation',
  whitespace: 'Spaces',
  url: 'Links and e-mails',
  placeholder: 'Tags and placeholders',
  length: 'Length',
  spelling: 'Spelling'
}

export function isQaCheck(value: unknown): value is QaCheckName {
  return typeof value === 'string' && (QA_CHECKS as readonly string[]).includes(value)
}

export interface QaFix {
  /** What the fix does, for its button ("Use “president”"). */
  label: string
  /** The row's English with the fix applied. */
  target: string
}

export interface Finding {
  /**
   * Stable name of this finding (check, row and what it is about), so "not an error" stays
   * said when the row is checked again.
   */
  id: string
  check: QaCheckName
  /** Row number, counted from 1. */
  row: number
  rowId: string
  message: string
  fix?: QaFix
  /** Marked "not an error" by the user. */
  silenced?: boolean
}

/** What a row check returns: the runner adds the row and the id. */
export interface RowFinding {
  /** What the finding is about, unique within the row and check ("28400000000", "term:t12"). */
  subject: string
  message: string
  fix?: QaFix
}

/** Something that knows English words: nspell, or a fake in tests. */
export interface Speller {
  correct(word: string): boolean
  suggest(word: string): string[]
}

export interface RowInput {
  row: Row
  /** The row's Persian sentences joined by a space. */
  source: string
  target: string
}

export interface QaContext {
  terms: TermMatcher | null
  speller: Speller | null
  /** English characters per Persian character that this document's translations show. */
  lengthRatio: number
}

export interface RowCheck {
  name: QaCheckName
  run(input: RowInput, context: QaContext): RowFinding[]
}

export function findingId(check: QaCheckName, rowId: string, subject: string): string {
  return `${check}:${rowId}:${subject}`
}

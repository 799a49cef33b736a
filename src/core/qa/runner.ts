/**
 * Runs the QA checks on a document (or some of its rows) and gathers their findings, row by row
 * and in the order of QA_CHECKS. Findings the user marked "not an error" come back marked as
 * such, so the panel can hide them and a report can leave them out.
 */
import type { HamtaDocument } from '../model'
import { TermMatcher } from '../terms/matcher'
import type { Term } from '../terms/model'
import { dateCheck } from './checks/date'
import { findInconsistencies, type LibraryTranslations } from './checks/inconsistent'
import { documentLengthRatio, lengthCheck } from './checks/length'
import { numberCheck } from './checks/number'
import { placeholderCheck } from './checks/placeholder'
import { punctuationCheck } from './checks/punctuation'
import { spellingCheck } from './checks/spelling'
import { termCheck } from './checks/term'
import { untranslatedCheck } from './checks/untranslated'
import { urlCheck } from './checks/url'
import { whitespaceCheck } from './checks/whitespace'
import { QA_CHECKS, findingId, type Finding, type QaCheckName, type QaContext, type RowCheck, type RowInput, type Speller } from './finding'

/** Row checks in report order; `inconsistent` works across rows and runs separately. */
const ROW_CHECKS: RowCheck[] = [numberCheck, dateCheck, termCheck, untranslatedCheck, punctuationCheck, whitespaceCheck, urlCheck, placeholderCheck, lengthCheck, spellingCheck]

export interface QaOptions {
  /** The termbase, as terms or an already built matcher. */
  terms?: readonly Term[] | TermMatcher | null
  /** Translations elsewhere in the library, for `inconsistent`. */
  library?: LibraryTranslations | null
  /** English dictionary for `spelling`; without one the check finds nothing. */
  speller?: Speller | null
  /** Which checks to run (all by default). */
  checks?: readonly QaCheckName[]
  /** Only these rows (a row just confirmed); the whole document still informs `inconsistent`. */
  rowIds?: readonly string[]
  /** Ids of findings marked "not an error". */
  silenced?: Iterable<string>
}

export interface QaReport {
  findings: Finding[]
  /** Findings per check, not counting silenced ones. */
  counts: Record<QaCheckName, number>
  silenced: number
  rowsChecked: number
}

export function rowInput(row: HamtaDocument['rows'][number]): RowInput {
  return { row, source: row.source.map((sentence) => sentence.text).join(' '), target: row.target }
}

export function runQa(doc: HamtaDocument, options: QaOptions = {}): QaReport {
  const wanted = new Set(options.checks ?? QA_CHECKS)
  const only = options.rowIds ? new Set(options.rowIds) : null
  const silenced = new Set(options.silenced ?? [])
  const matcher = options.terms instanceof TermMatcher ? options.terms : options.terms?.length ? new TermMatcher(options.terms) : null
  const inputs = doc.rows.map((row, index) => ({ ...rowInput(row), number: index + 1 }))
  const context: QaContext = {
    terms: matcher,
    speller: options.speller ?? null,
    lengthRatio: wanted.has('length') ? documentLengthRatio(inputs.filter((input) => input.target && !input.row.doNotTranslate)) : 1
  }
  const inconsistencies = wanted.has('inconsistent') ? findInconsistencies(inputs, options.library ?? null) : new Map()
  const findings: Finding[] = []
  const counts = Object.fromEntries(QA_CHECKS.map((check) => [check, 0])) as Record<QaCheckName, number>
  let silencedCount = 0
  let rowsChecked = 0
  const push = (check: QaCheckName, input: (typeof inputs)[number], subject: string, message: string, fix?: Finding['fix']): void => {
    const id = findingId(check, input.row.id, subject)
    const finding: Finding = { id, check, row: input.number, rowId: input.row.id, message }
    if (fix && fix.target !== input.target) finding.fix = fix
    if (silenced.has(id)) {
      finding.silenced = true
      silencedCount++
    } else counts[check]++
    findings.push(finding)
  }
  for (const input of inputs) {
    if (input.row.doNotTranslate || (only && !only.has(input.row.id))) continue
    rowsChecked++
    const empty = !input.target.trim()
    for (const check of ROW_CHECKS) {
      if (!wanted.has(check.name) || (empty && check.name !== 'untranslated')) continue
      for (const found of check.run(input, context)) push(check.name, input, found.subject, found.message, found.fix)
      if (check.name === 'untranslated') {
        for (const found of inconsistencies.get(input.row.id) ?? []) push('inconsistent', input, found.subject, found.message, found.fix)
      }
    }
    if (!wanted.has('untranslated')) for (const found of inconsistencies.get(input.row.id) ?? []) push('inconsistent', input, found.subject, found.message, found.fix)
  }
  return { findings, counts, silenced: silencedCount, rowsChecked }
}

/**
 * Glossaries as CSV or TSV, the way translators keep them in spreadsheets: a header row naming
 * the columns (`fa` and `en`, other columns optional, in any order), then one term per row.
 * Several English renderings in one cell are separated by `;` or `|`.
 */
import { UserError } from '../errors'
import { BOM, neutralizeFormula, quoteField } from '../formats/delimited'
import { isTermStatus, type Term, type TermInput, type TermStatus } from './model'

type Field = 'fa' | 'en' | 'alternatives' | 'forbidden' | 'status' | 'domain' | 'note'

/** Column names accepted for each field (lower case, spaces and punctuation ignored). */
const HEADER_NAMES: Record<Field, string[]> = {
  fa: ['fa', 'persian', 'farsi', 'source', 'sourceterm', 'fair', 'faterm', 'persianword', 'persianterm', 'farsiword', 'farsiterm', 'فارسی', 'اصطلاح'],
  en: ['en', 'english', 'target', 'targetterm', 'enus', 'engb', 'enterm', 'englishword', 'englishterm', 'انگلیسی', 'معادل'],
  alternatives: ['alternatives', 'alternative', 'synonyms', 'variants', 'admitted', 'enalternatives'],
  forbidden: ['forbidden', 'forbiddenvariants', 'donotuse', 'deprecated', 'prohibited', 'avoid'],
  status: ['status', 'administrativestatus'],
  domain: ['domain', 'subject', 'subjectfield', 'category', 'field'],
  note: ['note', 'notes', 'comment', 'comments', 'definition', 'description', 'توضیح']
}

function headerKey(cell: string): string {
  return cell
    .replace(/^\ufeff/, '')
    .toLowerCase()
    .replace(/[\s_\-.()]/g, '')
}

/** RFC 4180 fields: quoted fields may hold the separator, doubled quotes and line breaks. */
export function parseDelimited(text: string, separator: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0
  for (; i < text.length; i++) {
    const char = text[i]
    if (quoted) {
      if (char === '"') {
        if (text[i + 1] === '"') {
          field += '"'
          i++
        } else quoted = false
      } else field += char
      continue
    }
    if (char === '"' && field.trim() === '') {
      quoted = true
      field = ''
    } else if (char === separator) {
      row.push(field)
      field = ''
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++
      row.push(field)
      rows.push(row)
      row = []
      field = ''
    } else field += char
  }
  if (field !== '' || row.length > 0) {
    row.push(field)
    rows.push(row)
  }
  return rows.filter((cells) => cells.some((cell) => cell.trim() !== ''))
}

/** Tab if the first line has one; else `;` when it outnumbers `,` (spreadsheets in many locales); else `,`. */
export function detectSeparator(text: string): string {
  const firstLine = text.slice(0, text.search(/\r|\n|$/))
  if (firstLine.includes('\t')) return '\t'
  const semicolons = firstLine.split(';').length
  const commas = firstLine.split(',').length
  return semicolons > commas ? ';' : ','
}

function splitList(cell: string | undefined): string[] {
  return (cell ?? '')
    .split(/[;|]/)
    .map((part) => part.trim())
    .filter(Boolean)
}

function statusFrom(cell: string | undefined): TermStatus | undefined {
  const text = (cell ?? '').trim().toLowerCase()
  if (!text) return undefined
  if (isTermStatus(text)) return text
  if (text.startsWith('prefer')) return 'preferred'
  if (text.startsWith('admit') || text === 'allowed' || text === 'ok') return 'admitted'
  if (text.startsWith('deprecat') || text.startsWith('forbid') || text.startsWith('supersed')) return 'deprecated'
  return undefined
}

const PERSIAN = /[\u0600-\u06ff]/
const LATIN = /[A-Za-z]/

export interface DelimitedReadResult {
  terms: TermInput[]
  /** Rows left out, with their line in the file (header is line 1) and why. */
  skipped: Array<{ line: number; reason: string }>
}

/**
 * Reads a CSV or TSV glossary. A header row must name the `fa` and `en` columns (or one of
 * their usual names); a two-column sheet without a header, Persian then English, is read too.
 */
export function readDelimitedTerms(text: string, fileName = 'the file'): DelimitedReadResult {
  return readTermRows(parseDelimited(text, detectSeparator(text)), fileName)
}

/** Terms from the rows of a sheet (CSV, TSV or a workbook's first sheet), read as readDelimitedTerms says. */
export function readTermRows(rows: string[][], fileName = 'the file'): DelimitedReadResult {
  if (rows.length === 0) throw new UserError(`${fileName} has no rows.`, 'empty')
  const columns = new Map<Field, number>()
  rows[0].forEach((cell, index) => {
    const key = headerKey(cell)
    for (const [field, names] of Object.entries(HEADER_NAMES) as Array<[Field, string[]]>) {
      if (!columns.has(field) && names.includes(key)) columns.set(field, index)
    }
  })
  let body = rows.slice(1)
  let firstLine = 2
  if (!columns.has('fa') || !columns.has('en')) {
    const [a, b] = rows[0]
    if (rows[0].length >= 2 && PERSIAN.test(a ?? '') && LATIN.test(b ?? '') && !PERSIAN.test(b ?? '')) {
      columns.set('fa', 0)
      columns.set('en', 1)
      body = rows
      firstLine = 1
    } else {
      throw new UserError(
        `${fileName}: the first row must name the columns, with one called "fa" (the Persian term) and one called "en" (the English); found ${rows[0]
          .map((cell) => JSON.stringify(cell.trim()))
          .join(', ')}.`,
        'invalid-glossary'
      )
    }
  }
  const cell = (row: string[], field: Field): string | undefined => {
    const index = columns.get(field)
    const value = index === undefined ? undefined : row[index]?.trim()
    // A cell written with a leading ' so spreadsheets would not run it as a formula.
    return value && /^'[=+\-@]/.test(value) ? value.slice(1) : value
  }
  const terms: TermInput[] = []
  const skipped: DelimitedReadResult['skipped'] = []
  body.forEach((row, index) => {
    const line = firstLine + index
    const fa = cell(row, 'fa') ?? ''
    const english = splitList(cell(row, 'en'))
    if (!fa) return void skipped.push({ line, reason: 'no Persian term' })
    if (english.length === 0) return void skipped.push({ line, reason: `no English for ${fa}` })
    const statusCell = cell(row, 'status')
    const status = statusFrom(statusCell)
    if (statusCell && !status) return void skipped.push({ line, reason: `unknown status "${statusCell}" (use preferred, admitted or deprecated)` })
    terms.push({
      fa,
      en: english[0],
      alternatives: [...english.slice(1), ...splitList(cell(row, 'alternatives'))],
      forbidden: splitList(cell(row, 'forbidden')),
      status,
      domain: cell(row, 'domain') || undefined,
      note: cell(row, 'note') || undefined
    })
  })
  return { terms, skipped }
}

export const TERM_COLUMNS = ['fa', 'en', 'alternatives', 'forbidden', 'status', 'domain', 'note'] as const

/** The termbase as CSV or TSV with a header row, readable by `readDelimitedTerms` and by spreadsheets. */
export function writeDelimitedTerms(terms: readonly Term[], separator: ',' | '\t' = ','): string {
  const lines = [TERM_COLUMNS.join(separator)]
  for (const term of terms) {
    const cells = [term.fa, term.en, term.alternatives.join('; '), term.forbidden.join('; '), term.status, term.domain ?? '', term.note ?? '']
    lines.push(cells.map((value) => quoteField(neutralizeFormula(value), separator)).join(separator))
  }
  return BOM + lines.join('\r\n') + '\r\n'
}

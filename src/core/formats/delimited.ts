/**
 * CSV and TSV: one row per unit (id, Persian, English, status, tags, comments), UTF-8 with a byte
 * order mark so spreadsheet programs read Persian, CRLF between rows (RFC 4180).
 *
 * A field is quoted when it holds the separator, a quote, a line break or edge spaces, with quotes
 * doubled; TSV uses the same quoting, which is what LibreOffice and Excel read back.
 *
 * Cells that a spreadsheet would run as a formula are neutralised as OWASP advises for CSV
 * injection: a cell that starts with = + - @ tab or carriage return gets a leading `'`, which makes
 * Excel and LibreOffice read it as text. This applies to number-like cells (`-3.5`, `+98 21 …`)
 * too: these columns hold sentences, names and notes, never figures to compute with, and a
 * leading sign is exactly how `-2+3+cmd|' /C calc'!A0` sneaks past a "looks like a number" test.
 * `rawCells` writes every cell as it is, for tools that read the file as data, not as a sheet.
 */
import { sideText, type BilingualDocument } from './bilingual'
import { commentLabel, progressReporter, selectUnits, type ExportOptions } from './options'

export const BOM = '\ufeff'
export const DELIMITED_HEADER = ['id', 'persian', 'english', 'status', 'tags', 'comments'] as const

export function quoteField(value: string, separator: ',' | '\t'): string {
  const needsQuotes = value.includes(separator) || /["\r\n]/.test(value) || /^\s|\s$/.test(value)
  return needsQuotes ? `"${value.replace(/"/g, '""')}"` : value
}

/** What makes Excel, LibreOffice or Google Sheets read a cell as a formula (OWASP's list). */
const FORMULA_START = /^[=+\-@\t\r]/

/** A cell a spreadsheet would run as a formula, made text with a leading `'`; other cells as they are. */
export function neutralizeFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value
}

function writeDelimited(doc: BilingualDocument, separator: ',' | '\t', options: ExportOptions): string {
  const units = selectUnits(doc, options)
  const report = progressReporter(options, units.length)
  const rows = [DELIMITED_HEADER.join(separator)]
  units.forEach((unit, index) => {
    const fields = [
      unit.id,
      sideText(unit.source),
      sideText(unit.target),
      unit.status,
      unit.tags.map((tag) => tag.name).join('; '),
      unit.comments.map(commentLabel).join('\n')
    ]
    rows.push(fields.map((field) => quoteField(options.rawCells ? field : neutralizeFormula(field), separator)).join(separator))
    report(index + 1)
  })
  return BOM + rows.join('\r\n') + '\r\n'
}

export function writeCsv(doc: BilingualDocument, options: ExportOptions = {}): string {
  return writeDelimited(doc, ',', options)
}

export function writeTsv(doc: BilingualDocument, options: ExportOptions = {}): string {
  return writeDelimited(doc, '\t', options)
}

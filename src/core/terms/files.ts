/** Termbase files: which reader a file needs, and the formats Hamta writes. */
import { UserError } from '../errors'
import { decodeTextFile } from '../text/decode'
import { readDelimitedTerms, readTermRows, writeDelimitedTerms } from './delimited'
import type { Term, TermInput } from './model'
import { readTbx, writeTbx } from './tbx'
import { readXlsxRows } from './xlsx'

export type TermFileFormat = 'tbx' | 'csv' | 'tsv'

export interface TermFileContents {
  format: TermFileFormat | 'xlsx'
  terms: TermInput[]
  /** What was left out, in words ("line 4: no English for …", "2 concepts without Persian or English"). */
  skipped: string[]
}

function looksLikeXml(bytes: Uint8Array): boolean {
  const head = new TextDecoder('utf-8')
    .decode(bytes.subarray(0, 400))
    .replace(/^\ufeff/, '')
    .replace(/\u0000/g, '')
    .trimStart()
  return head.startsWith('<')
}

/** A zip package (an .xlsx workbook) starts with a local file header. */
function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes.length > 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 3 && bytes[3] === 4
}

/** Reads a TBX, CSV, TSV or Excel (.xlsx) termbase file, chosen by its name and, failing that, by its content. */
export function readTermFile(bytes: Uint8Array, fileName: string): TermFileContents {
  const extension = fileName.toLowerCase().split('.').pop() ?? ''
  if (extension === 'xlsx' || looksLikeZip(bytes)) {
    const { terms, skipped } = readTermRows(readXlsxRows(bytes, fileName), fileName)
    return { format: 'xlsx', terms, skipped: skipped.map((entry) => `row ${entry.line}: ${entry.reason}`) }
  }
  if (extension === 'xls') {
    throw new UserError(
      `${fileName} is an old Excel workbook (.xls); save it from Excel or LibreOffice as .xlsx or CSV and import that.`,
      'unsupported'
    )
  }
  if (extension === 'tbx' || extension === 'xml' || (!['csv', 'tsv', 'tab', 'txt'].includes(extension) && looksLikeXml(bytes))) {
    const { terms, skipped } = readTbx(bytes, fileName)
    return {
      format: 'tbx',
      terms,
      skipped: skipped > 0 ? [`${skipped} ${skipped === 1 ? 'concept' : 'concepts'} without a Persian or an English term`] : []
    }
  }
  if (bytes.length === 0) throw new UserError(`${fileName} is empty.`, 'empty')
  const { text } = decodeTextFile(bytes, fileName)
  const { terms, skipped } = readDelimitedTerms(text, fileName)
  return {
    format: text.slice(0, text.search(/\r|\n|$/)).includes('\t') ? 'tsv' : 'csv',
    terms,
    skipped: skipped.map((entry) => `line ${entry.line}: ${entry.reason}`)
  }
}

export function termFileFormat(fileName: string): TermFileFormat {
  const extension = fileName.toLowerCase().split('.').pop() ?? ''
  if (extension === 'csv') return 'csv'
  if (extension === 'tsv' || extension === 'tab' || extension === 'txt') return 'tsv'
  return 'tbx'
}

export function writeTermFile(terms: readonly Term[], format: TermFileFormat): { content: string; mimeType: string } {
  if (format === 'csv') return { content: writeDelimitedTerms(terms, ','), mimeType: 'text/csv' }
  if (format === 'tsv') return { content: writeDelimitedTerms(terms, '\t'), mimeType: 'text/tab-separated-values' }
  return { content: writeTbx(terms), mimeType: 'application/x-tbx+xml' }
}

/**
 * Every export format by its `--format` name: the writer, the file extension and the MIME type.
 * All writers take the same neutral BilingualDocument and the same options.
 */
import type { HamtaDocument } from '../model'
import type { BilingualDocument } from './bilingual'
import { writeCsv, writeTsv } from './delimited'
import { writeDocx } from './docx'
import { exportBaseName } from './export'
import { writeHamtaJson } from './hamta-json'
import { writeHtml } from './html'
import { writeMarkdown } from './markdown'
import type { ExportOptions } from './options'
import { writeEnglishText } from './plaintext'
import { writeTmx } from './tmx'
import { writeXliff12 } from './xliff12'
import { writeXliff2 } from './xliff2'

export const EXPORT_FORMATS = ['tmx', 'xliff12', 'xliff2', 'docx', 'html', 'md', 'csv', 'tsv', 'json', 'txt'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]

export interface FormatWriter {
  name: ExportFormat
  /** Shown in the export dialog. */
  label: string
  /** With the dot. */
  extension: string
  mimeType: string
  /** Options the format uses, so a dialog shows only those. */
  options: ReadonlyArray<'approvedOnly' | 'includeComments' | 'includeUntranslated' | 'englishOnly' | 'statusColumn'>
  write(doc: BilingualDocument, options?: ExportOptions): Promise<string | Uint8Array>
}

const FILTERS = ['approvedOnly', 'includeComments', 'includeUntranslated'] as const

export const FORMAT_WRITERS: Record<ExportFormat, FormatWriter> = {
  tmx: { name: 'tmx', label: 'TMX 1.4b translation memory', extension: '.tmx', mimeType: 'application/x-tmx+xml', options: FILTERS, write: async (doc, options) => writeTmx(doc, options) },
  xliff12: { name: 'xliff12', label: 'XLIFF 1.2', extension: '.xlf', mimeType: 'application/xliff+xml', options: FILTERS, write: async (doc, options) => writeXliff12(doc, options) },
  xliff2: { name: 'xliff2', label: 'XLIFF 2.1', extension: '.xlf', mimeType: 'application/xliff+xml', options: FILTERS, write: async (doc, options) => writeXliff2(doc, options) },
  docx: {
    name: 'docx',
    label: 'Word document (bilingual table)',
    extension: '.docx',
    mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    options: [...FILTERS, 'englishOnly', 'statusColumn'],
    write: (doc, options) => writeDocx(doc, options)
  },
  html: { name: 'html', label: 'Web page (side by side)', extension: '.html', mimeType: 'text/html;charset=utf-8', options: [...FILTERS, 'statusColumn'], write: async (doc, options) => writeHtml(doc, options) },
  md: { name: 'md', label: 'Markdown (bilingual)', extension: '.md', mimeType: 'text/markdown;charset=utf-8', options: FILTERS, write: async (doc, options) => writeMarkdown(doc, options) },
  csv: { name: 'csv', label: 'CSV spreadsheet', extension: '.csv', mimeType: 'text/csv;charset=utf-8', options: FILTERS, write: async (doc, options) => writeCsv(doc, options) },
  tsv: { name: 'tsv', label: 'TSV spreadsheet', extension: '.tsv', mimeType: 'text/tab-separated-values;charset=utf-8', options: FILTERS, write: async (doc, options) => writeTsv(doc, options) },
  json: { name: 'json', label: 'Hamta document (JSON)', extension: '.hamta.json', mimeType: 'application/json', options: ['approvedOnly', 'includeUntranslated'], write: async (doc, options) => writeHamtaJson(doc, options) },
  txt: { name: 'txt', label: 'English text', extension: '.en.txt', mimeType: 'text/plain;charset=utf-8', options: ['approvedOnly'], write: async (doc, options) => writeEnglishText(doc, options) }
}

export function isExportFormat(name: string): name is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(name)
}

export function writerFor(name: string): FormatWriter | undefined {
  return isExportFormat(name) ? FORMAT_WRITERS[name] : undefined
}

export interface BilingualExport {
  fileName: string
  mimeType: string
  content: string | Uint8Array
}

/** Writes a document in a format, with a suggested file name made from its title. */
export async function exportBilingual(doc: BilingualDocument, format: ExportFormat, options: ExportOptions = {}): Promise<BilingualExport> {
  const writer = FORMAT_WRITERS[format]
  // exportBaseName reads only the title and the id.
  const base = exportBaseName({ title: doc.title, id: doc.id ?? 'document' } as HamtaDocument)
  return { fileName: `${base}${writer.extension}`, mimeType: writer.mimeType, content: await writer.write(doc, options) }
}

export type { ExportOptions } from './options'
export { readInterchange, INTERCHANGE_EXTENSIONS } from './reader'

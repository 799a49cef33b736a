/**
 * Every export format by its `--format` name: the writer, the file extension and the MIME type.
 * All writers take the same neutral BilingualDocument and the same options.
 */
import { UserError } from '../errors'
import type { HamtaDocument } from '../model'
import type { BilingualDocument } from './bilingual'
import { writeCsv, writeTsv } from './delimited'
import { writeDocx } from './docx'
import { exportBaseName } from './export'
import { writeHamtaJson } from './hamta-json'
import { writeHtml } from './html'
import { writeMarkdown } from './markdown'
import { EXPORT_FORMATS, FORMAT_CATALOG, type ExportFormat, type FormatInfo } from './catalog'
import type { ExportOptions } from './options'
import { writeEnglishText } from './plaintext'
import { writeTmx } from './tmx'
import { writeXliff12 } from './xliff12'
import { writeXliff2 } from './xliff2'

export { EXPORT_FORMATS, type ExportFormat } from './catalog'

export interface FormatWriter extends FormatInfo {
  write(doc: BilingualDocument, options?: ExportOptions): Promise<string | Uint8Array>
}

const WRITERS: Record<ExportFormat, FormatWriter['write']> = {
  // Needs the kept original file, which a bilingual document does not carry: see original.ts.
  original: async () => {
    throw new UserError('The original format is written from the document and its kept original file, not from a bilingual export.', 'no-original')
  },
  tmx: async (doc, options) => writeTmx(doc, options),
  xliff12: async (doc, options) => writeXliff12(doc, options),
  xliff2: async (doc, options) => writeXliff2(doc, options),
  docx: (doc, options) => writeDocx(doc, options),
  html: async (doc, options) => writeHtml(doc, options),
  md: async (doc, options) => writeMarkdown(doc, options),
  csv: async (doc, options) => writeCsv(doc, options),
  tsv: async (doc, options) => writeTsv(doc, options),
  json: async (doc, options) => writeHamtaJson(doc, options),
  txt: async (doc, options) => writeEnglishText(doc, options)
}

export const FORMAT_WRITERS = Object.fromEntries(EXPORT_FORMATS.map((name) => [name, { ...FORMAT_CATALOG[name], write: WRITERS[name] }])) as Record<
  ExportFormat,
  FormatWriter
>

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

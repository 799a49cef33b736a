import { extname } from 'node:path'
import { UserError } from '../errors'
import { protectedWordFile, readDocx } from './docx'
import { readHtml } from './html'
import { formatBytes, formatLimit, MAX_IMPORT_BYTES } from './limits'
import { readMarkdown } from './markdown'
import { readPdf } from './pdf'
import { readPlainText } from './txt'
import type { ImportFormat, ImportedText, ReadOptions } from './types'

export type { ImportFormat, ImportedText, ReadOptions } from './types'

const EXTENSIONS: Record<string, ImportFormat> = {
  '.txt': 'txt',
  '.text': 'txt',
  '': 'txt',
  '.md': 'md',
  '.markdown': 'md',
  '.html': 'html',
  '.htm': 'html',
  '.xhtml': 'html',
  '.docx': 'docx',
  '.pdf': 'pdf'
}

/** File extensions Hamta imports, for open dialogs. */
export const IMPORT_EXTENSIONS = Object.keys(EXTENSIONS).filter((extension) => extension !== '')

const READERS: Record<ImportFormat, (fileName: string, bytes: Uint8Array, options: ReadOptions) => Promise<ImportedText>> = {
  txt: readPlainText,
  md: readMarkdown,
  html: readHtml,
  docx: readDocx,
  pdf: readPdf
}

const startsWith = (bytes: Uint8Array, ...prefix: number[]): boolean => prefix.every((byte, index) => bytes[index] === byte)

/** What the first bytes say a file is, whatever its name. */
function sniff(bytes: Uint8Array): 'pdf' | 'zip' | 'image' | 'ole' | null {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 1024)).toString('latin1')
  if (head.trimStart().startsWith('%PDF-')) return 'pdf'
  if (startsWith(bytes, 0x50, 0x4b, 0x03, 0x04) || startsWith(bytes, 0x50, 0x4b, 0x05, 0x06)) return 'zip'
  if (startsWith(bytes, 0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)) return 'ole'
  if (
    startsWith(bytes, 0x89, 0x50, 0x4e, 0x47) || // PNG
    startsWith(bytes, 0xff, 0xd8, 0xff) || // JPEG
    startsWith(bytes, 0x47, 0x49, 0x46, 0x38) || // GIF
    (startsWith(bytes, 0x52, 0x49, 0x46, 0x46) && startsWith(bytes.subarray(8), 0x57, 0x45, 0x42, 0x50)) || // WebP
    startsWith(bytes, 0x49, 0x49, 0x2a, 0x00) ||
    startsWith(bytes, 0x4d, 0x4d, 0x00, 0x2a) || // TIFF
    (startsWith(bytes, 0x42, 0x4d) && bytes.length > 26 && bytes[14] >= 12 && bytes[15] === 0) // BMP
  ) {
    return 'image'
  }
  return null
}

function looksLikeHtml(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 1024))
    .toString('latin1')
    .replace(/^\uFEFF|^\xEF\xBB\xBF/, '')
    .trimStart()
    .toLowerCase()
  return head.startsWith('<!doctype html') || head.startsWith('<html')
}

const unsupported = (name: string, extension: string): UserError =>
  new UserError(`${name}: Hamta cannot import ${extension} files; save it as .docx or .txt.`, 'unsupported-format')

/** Chooses a reader from the extension and the file's first bytes; the bytes win when they disagree. */
function chooseFormat(name: string, bytes: Uint8Array): { format: ImportFormat; note?: string } {
  const extension = extname(name).toLowerCase()
  const byName = EXTENSIONS[extension] as ImportFormat | undefined
  const kind = sniff(bytes)
  if (kind === 'image') {
    throw new UserError(
      `${name} is an image; Hamta cannot read text from images. Import the article as .docx, .pdf with text, or .txt.`,
      'unsupported-format'
    )
  }
  if (kind === 'pdf') {
    return { format: 'pdf', note: byName && byName !== 'pdf' ? `${name} is a PDF despite its name; read as PDF` : undefined }
  }
  if (kind === 'zip') {
    if (byName === 'docx') return { format: 'docx' }
    if (extension === '') return { format: 'docx', note: `${name} is a zip file; read as a Word document` }
    if (!byName) throw unsupported(name, extension)
    throw new UserError(
      `${name} is a compressed (zip) file, not ${byName === 'pdf' ? 'a PDF' : 'text'}. If it is a Word document, rename it to .docx.`,
      'unsupported-format'
    )
  }
  if (kind === 'ole') {
    // Word keeps a password-protected .docx in the same container as a .doc.
    if (byName === 'docx') throw protectedWordFile(name)
    throw new UserError(`${name} is an old-style Office document (.doc); Hamta cannot import those. Save it as .docx or .txt.`, 'unsupported-format')
  }
  if (!byName) throw unsupported(name, extension)
  if (byName === 'txt' && extension === '' && looksLikeHtml(bytes)) return { format: 'html' }
  if (byName === 'docx') throw new UserError(`${name} is not a Word document (it is not a .docx zip package) or it is damaged.`, 'broken-file')
  if (byName === 'pdf') throw new UserError(`${name} is not a PDF file (it does not start with %PDF) or it is damaged.`, 'broken-file')
  return { format: byName }
}

/**
 * Reads a document of any supported format (plain text, Markdown, HTML, Word .docx, PDF) into
 * plain Persian text: paragraphs separated by blank lines, titles on their own line. Problems
 * with the file are reported as a UserError whose message names the file.
 */
export async function readDocument(fileName: string, bytes: Uint8Array, options: ReadOptions = {}): Promise<ImportedText> {
  const name = fileName.split(/[\\/]/).pop() || fileName
  if (bytes.length === 0) throw new UserError(`${name} is empty.`, 'empty')
  if (bytes.length > MAX_IMPORT_BYTES) {
    throw new UserError(`${name} is ${formatBytes(bytes.length)}; Hamta imports files of up to ${formatLimit(MAX_IMPORT_BYTES)}.`, 'too-large')
  }
  const { format, note } = chooseFormat(name, bytes)
  options.onProgress?.(0)
  let result: ImportedText
  try {
    result = await READERS[format](name, bytes, options)
  } catch (error) {
    if (error instanceof UserError) throw error
    if (error instanceof Error && error.name === 'UserError') throw error
    // Parsers fail in their own words; the user gets one clear sentence instead.
    throw new UserError(`${name} cannot be read as ${format.toUpperCase()}: the file is damaged or not what its name says.`, 'broken-file')
  }
  if (result.text.trim().length === 0) throw new UserError(`${name} has no text in it.`, 'empty')
  if (note) result.notes.unshift(note)
  options.onProgress?.(1)
  return result
}

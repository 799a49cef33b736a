import mammoth from 'mammoth'
import { UserError } from '../errors'
import { blocksFromDom, parseFragment } from './dom-text'
import { formatBytes, formatLimit, MAX_DOCX_UNPACKED_BYTES, MAX_DOCX_XML_BYTES, MAX_ZIP_RATIO, ZIP_RATIO_MIN_BYTES } from './limits'
import { joinBlocks, type ImportedText, type ReadOptions } from './types'
import { checkEntrySize, readZipDirectory, type ZipEntry } from './zip'

const damaged = (fileName: string, detail: string): UserError =>
  new UserError(`${fileName} cannot be read: ${detail}. Open it in Word or LibreOffice and save it again as .docx.`, 'broken-file')

/** What a .docx that is an OLE compound file gets told: Word protected it with a password, or it is a .doc renamed. */
export function protectedWordFile(fileName: string): UserError {
  return new UserError(
    `${fileName} cannot be read: it is protected with a password, or it is an older Word file (.doc) named .docx. In Word, remove the password (File → Info → Protect Document) or save it as a .docx, then import it again.`,
    'protected-file'
  )
}

/** The signature of an OLE compound file: Word keeps a password-protected .docx (and every .doc) in one. */
const COMPOUND_FILE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]

function isCompoundFile(bytes: Uint8Array): boolean {
  return COMPOUND_FILE.every((byte, k) => bytes[k] === byte)
}

/** Parts the Word reader never unpacks (our image converter does not read images). */
const BINARY_PART = /^word\/(media|embeddings)\/|\.(png|jpe?g|gif|bmp|tiff?|emf|wmf|svg|wdp|bin|odttf|ttf)$/i

/**
 * Judges the package by its zip directory before anything is unpacked: too much in all, too much
 * XML to read, or a part packed impossibly small (a zip bomb) is refused. Then every part is
 * unpacked once, uncounted and unkept, to make sure none holds more than the directory says.
 */
export async function checkPackage(fileName: string, bytes: Uint8Array): Promise<void> {
  let entries: ZipEntry[]
  try {
    entries = readZipDirectory(bytes)
  } catch {
    if (isCompoundFile(bytes)) throw protectedWordFile(fileName)
    throw damaged(fileName, 'it is not a Word document or it is damaged')
  }
  let total = 0
  let xml = 0
  for (const entry of entries) {
    total += entry.uncompressedSize
    if (!BINARY_PART.test(entry.name)) xml += entry.uncompressedSize
  }
  if (total > MAX_DOCX_UNPACKED_BYTES) {
    throw new UserError(
      `${fileName} expands to ${formatBytes(total)} when unpacked; Hamta reads Word files of up to ${formatLimit(MAX_DOCX_UNPACKED_BYTES)} unpacked.`,
      'too-large'
    )
  }
  if (xml > MAX_DOCX_XML_BYTES) {
    throw new UserError(
      `${fileName} expands to ${formatBytes(xml)} of XML; Hamta reads Word files with up to ${formatLimit(MAX_DOCX_XML_BYTES)} of it (some thousands of pages). Split the document, or save it as .txt.`,
      'too-large'
    )
  }
  for (const entry of entries) {
    if (entry.uncompressedSize >= ZIP_RATIO_MIN_BYTES && entry.uncompressedSize > MAX_ZIP_RATIO * Math.max(1, entry.compressedSize)) {
      throw new UserError(
        `${fileName} is a zip bomb: its part ${entry.name} is packed ${Math.round(entry.uncompressedSize / Math.max(1, entry.compressedSize))} times smaller than its ${formatBytes(entry.uncompressedSize)}, which no real Word file is. Hamta refuses to unpack it.`,
        'zip-bomb'
      )
    }
  }
  for (const entry of entries) {
    try {
      await checkEntrySize(bytes, entry)
    } catch {
      throw damaged(fileName, `it is damaged (its part ${entry.name} does not unpack to the size its zip directory gives)`)
    }
  }
}

/**
 * A Word document to text. mammoth's HTML keeps what the plain-text route loses: headings as
 * headings and list items as items; the HTML is then read like a web page.
 */
export async function readDocx(fileName: string, bytes: Uint8Array, options: ReadOptions = {}): Promise<ImportedText> {
  await checkPackage(fileName, bytes)
  let html: string
  let warnings: number
  try {
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length) },
      // Images carry no text to translate; without this mammoth inlines each one as base64.
      { convertImage: mammoth.images.imgElement(async () => ({ src: '' })) }
    )
    html = result.value
    warnings = result.messages.filter((message) => message.type === 'warning' || message.type === 'error').length
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    const detail = /main document part|end of central directory|zip/i.test(reason) ? 'it is not a Word document or it is damaged' : 'it is damaged'
    throw damaged(fileName, detail)
  }
  options.onProgress?.(0.7)
  const blocks = blocksFromDom(parseFragment(html))
  const headings = blocks.filter((block) => block.kind === 'heading').length
  const items = blocks.filter((block) => block.kind === 'item').length
  const notes = [`read Word document: ${headings} headings, ${blocks.length - headings - items} paragraphs, ${items} list items`]
  if (warnings > 0) notes.push(`${warnings} formatting features were not understood and were left out (text is kept)`)
  return { text: joinBlocks(blocks), format: 'docx', notes }
}

import mammoth from 'mammoth'
import { UserError } from '../errors'
import { blocksFromDom, parseFragment } from './dom-text'
import { joinBlocks, type ImportedText, type ReadOptions } from './types'

/**
 * A Word document to text. mammoth's HTML keeps what the plain-text route loses: headings as
 * headings and list items as items; the HTML is then read like a web page.
 */
export async function readDocx(fileName: string, bytes: Uint8Array, options: ReadOptions = {}): Promise<ImportedText> {
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
    throw new UserError(`${fileName} cannot be read: ${detail}. Open it in Word or LibreOffice and save it again as .docx.`, 'broken-file')
  }
  options.onProgress?.(0.7)
  const blocks = blocksFromDom(parseFragment(html))
  const headings = blocks.filter((block) => block.kind === 'heading').length
  const items = blocks.filter((block) => block.kind === 'item').length
  const notes = [`read Word document: ${headings} headings, ${blocks.length - headings - items} paragraphs, ${items} list items`]
  if (warnings > 0) notes.push(`${warnings} formatting features were not understood and were left out (text is kept)`)
  return { text: joinBlocks(blocks), format: 'docx', notes }
}

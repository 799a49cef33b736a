import { Readability } from '@mozilla/readability'
import iconv from 'iconv-lite'
import { UserError } from '../errors'
import { decodeTextFile } from '../text/decode'
import { blocksFromDom, parseDocument, type DomNode } from './dom-text'
import { joinBlocks, type ImportedText, type ReadOptions, type TextBlock } from './types'

/** The charset a page declares in <meta charset> or <meta http-equiv="Content-Type">, within its first bytes. */
export function declaredCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 4096)).toString('latin1')
  const match = /<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head)
  return match ? match[1].toLowerCase() : null
}

const UTF8_LABELS = new Set(['utf-8', 'utf8', 'unicode-1-1-utf-8'])
const BINARY_CONTROL = /[\u0000-\u0008\u000e-\u001f]/

/** Decodes the page in the charset it declares; UTF-8 and undeclared pages go through decodeTextFile. */
export function decodeHtml(bytes: Uint8Array, fileName: string): { text: string; encoding: string; note: string } {
  const charset = declaredCharset(bytes)
  const hasBom = (bytes[0] === 0xef && bytes[1] === 0xbb) || (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)
  if (charset && !UTF8_LABELS.has(charset) && !hasBom) {
    // Browsers read iso-8859-1 and us-ascii as windows-1252; iconv-lite knows most other labels.
    const label = charset === 'iso-8859-1' || charset === 'us-ascii' || charset === 'latin1' ? 'windows-1252' : charset
    if (iconv.encodingExists(label)) {
      if (bytes.length === 0) throw new UserError(`${fileName} is empty.`, 'empty')
      const text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length), label)
      if (BINARY_CONTROL.test(text.slice(0, 65536))) throw new UserError(`${fileName} looks like a binary file, not a web page.`, 'not-text')
      return { text, encoding: charset, note: `decoded as ${charset}, as the page declares` }
    }
    const decoded = decodeTextFile(bytes, fileName)
    return { ...decoded, note: `the page declares the unknown charset "${charset}"; decoded as ${decoded.encoding}` }
  }
  const decoded = decodeTextFile(bytes, fileName)
  return { ...decoded, note: `decoded as ${decoded.encoding}` }
}

const collapse = (text: string): string => text.replace(/\s+/g, ' ').trim()

/** Readability drops the headline from the content; put it back, preferring the page's own <h1>. */
function headline(title: string | null | undefined, originalHeadings: string[], firstBlock: string | undefined): string | null {
  const wanted = collapse(title ?? '')
  const heading = originalHeadings.find((text) => text.length > 0 && (wanted.includes(text) || text.includes(wanted))) ?? (wanted || null)
  if (!heading) return null
  if (firstBlock && collapse(firstBlock).startsWith(heading)) return null
  return heading
}

/** Fewer letters than this in Readability's article means it did not find the article. */
const MIN_ARTICLE_LETTERS = 80

const LETTER = /\p{L}/u

/**
 * Whether the blocks hold at least `wanted` letters. Counts only that far: matching every letter
 * of a large page into an array took gigabytes.
 */
function hasLetters(blocks: TextBlock[], wanted: number): boolean {
  let found = 0
  for (const block of blocks) {
    for (const char of block.text) {
      if (LETTER.test(char) && ++found >= wanted) return true
    }
  }
  return false
}

/**
 * A web page to its article text: Readability picks the article (no scripts, styles, navigation,
 * ads); when it finds none, the body is read with page furniture skipped.
 */
export async function readHtml(fileName: string, bytes: Uint8Array, options: ReadOptions = {}): Promise<ImportedText> {
  const decoded = decodeHtml(bytes, fileName)
  options.onProgress?.(0.2)
  const notes = [decoded.note]
  const html = decoded.text.replace(/^\uFEFF/, '')

  // One parsed page at a time: a parsed page takes several times the HTML in memory, and most
  // pages never need the second parse the body fallback reads (Readability changes the page).
  let headings: string[] = []
  let blocks: TextBlock[] = []
  let title: string | null | undefined
  try {
    const forReadability = parseDocument(html)
    headings = Array.from(forReadability.querySelectorAll('h1')).map((element) => collapse(element.textContent ?? ''))
    const article = new Readability(forReadability as never, { charThreshold: 200, serializer: (node: unknown) => node }).parse()
    if (article?.content) {
      blocks = blocksFromDom(article.content as DomNode)
      title = article.title
    }
  } catch {
    blocks = [] // Readability gives up on some malformed pages; the body fallback still works
  }
  options.onProgress?.(0.8)

  if (hasLetters(blocks, MIN_ARTICLE_LETTERS)) {
    const heading = headline(title, headings, blocks[0]?.text)
    if (heading) blocks.unshift({ kind: 'heading', text: heading })
    notes.push('kept the article text only (Readability); scripts, styles, navigation and other page parts left out')
  } else {
    const page = parseDocument(html)
    blocks = blocksFromDom(page.body ?? page.documentElement, { skipFurniture: true })
    notes.push('no article found; read the page body without scripts, styles, navigation, headers, footers and ads')
  }
  return { text: joinBlocks(blocks), format: 'html', encoding: decoded.encoding, notes }
}

import { UserError } from '../errors'

export interface DecodedText {
  text: string
  encoding: string
}

const UTF8_BOM = [0xef, 0xbb, 0xbf]

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((byte, index) => bytes[index] === byte)
}

/** Control characters other than tab, newline, carriage return and form feed mean binary data. */
function looksBinary(text: string): boolean {
  let control = 0
  const sample = text.length > 65536 ? text.slice(0, 65536) : text
  for (let i = 0; i < sample.length; i++) {
    const code = sample.charCodeAt(i)
    if (code === 0) return true
    if (code < 32 && code !== 9 && code !== 10 && code !== 13 && code !== 12) control++
  }
  return control > sample.length * 0.01
}

/**
 * Decodes an imported text file. UTF-8 (with or without BOM) and UTF-16 with a BOM are read;
 * anything that is not valid text is refused with a message that says so.
 */
export function decodeTextFile(bytes: Uint8Array, fileName: string): DecodedText {
  if (bytes.length === 0) throw new UserError(`${fileName} is empty.`, 'empty')
  let decoded: DecodedText
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    decoded = { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'UTF-16LE' }
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    decoded = { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'UTF-16BE' }
  } else {
    const withBom = startsWith(bytes, UTF8_BOM)
    try {
      const text = new TextDecoder('utf-8', { fatal: true }).decode(withBom ? bytes.subarray(3) : bytes)
      decoded = { text, encoding: withBom ? 'UTF-8 with BOM' : 'UTF-8' }
    } catch {
      throw new UserError(`${fileName} is not a UTF-8 text file (it may be binary or in another encoding).`, 'not-text')
    }
  }
  if (looksBinary(decoded.text)) throw new UserError(`${fileName} looks like a binary file, not text.`, 'not-text')
  return decoded
}

const PERSIAN_LETTER = /[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]/gu
const ANY_LETTER = /\p{L}/gu

/** Share of letters that are in the Arabic script (Persian is written in it). */
export function persianLetterShare(text: string): number {
  const letters = text.match(ANY_LETTER)?.length ?? 0
  if (letters === 0) return 0
  return (text.match(PERSIAN_LETTER)?.length ?? 0) / letters
}

/** Refuses text with no content or with too few Persian letters to be a Persian article. */
export function assertPersianText(text: string, fileName: string): void {
  if (text.trim().length === 0) throw new UserError(`${fileName} has no text in it.`, 'empty')
  if (persianLetterShare(text) < 0.5) {
    throw new UserError(`${fileName} does not look like Persian text: most of its letters are not Persian.`, 'not-persian')
  }
}

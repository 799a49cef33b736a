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
 * Recognizes UTF-16 without a byte-order mark from its byte pattern: in Persian or Latin text the
 * high byte of almost every code unit is 0x00 (ASCII, spaces, digits), 0x06 (Arabic script) or
 * 0x20 (ZWNJ, dashes, quotes), while the low byte is rarely zero.
 */
function utf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  if (bytes.length < 4 || bytes.length % 2 !== 0) return null
  const pairs = Math.min(bytes.length, 65536) >> 1
  const typicalHigh = (byte: number): boolean => byte === 0x00 || byte === 0x06 || byte === 0x20 || byte === 0xfb || byte === 0xfe
  let leHigh = 0
  let leLowZero = 0
  let beHigh = 0
  let beLowZero = 0
  for (let k = 0; k < pairs; k++) {
    const first = bytes[2 * k]
    const second = bytes[2 * k + 1]
    if (typicalHigh(second)) leHigh++
    if (first === 0) leLowZero++
    if (typicalHigh(first)) beHigh++
    if (second === 0) beLowZero++
  }
  if (leHigh >= pairs * 0.95 && leLowZero <= pairs * 0.05) return 'utf-16le'
  if (beHigh >= pairs * 0.95 && beLowZero <= pairs * 0.05) return 'utf-16be'
  return null
}

/** Old Persian files are often in Windows-1256; accepted only if the result reads as Persian. */
function decodeWindows1256(bytes: Uint8Array): string | null {
  let text: string
  try {
    text = new TextDecoder('windows-1256').decode(bytes)
  } catch {
    return null // a runtime without this legacy encoding
  }
  if (looksBinary(text) || persianLetterShare(text) < 0.5) return null
  return text
}

/**
 * Decodes an imported text file: UTF-8 (with or without BOM), UTF-16 LE/BE (with a BOM, or
 * recognized from its byte pattern), and Windows-1256. Anything that is not valid text is refused
 * with a message that says so.
 */
interface NodeBuffer {
  isUtf8?: (bytes: Uint8Array) => boolean
  from(bytes: ArrayBufferLike, offset: number, length: number): { toString(encoding: 'utf8'): string }
}

/**
 * UTF-8 that must be valid. Node's Buffer checks and decodes several times faster than its
 * TextDecoder on large files; elsewhere (the page) TextDecoder does the same job.
 */
function decodeUtf8Strict(bytes: Uint8Array): string {
  const buffer = (globalThis as { Buffer?: NodeBuffer }).Buffer
  if (buffer?.isUtf8) {
    if (!buffer.isUtf8(bytes)) throw new TypeError('invalid UTF-8')
    return buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8')
  }
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
}

export function decodeTextFile(bytes: Uint8Array, fileName: string): DecodedText {
  if (bytes.length === 0) throw new UserError(`${fileName} is empty.`, 'empty')
  let decoded: DecodedText
  const utf16 = utf16WithoutBom(bytes)
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    decoded = { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'UTF-16LE' }
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    decoded = { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'UTF-16BE' }
  } else if (utf16) {
    decoded = { text: new TextDecoder(utf16).decode(bytes), encoding: utf16 === 'utf-16le' ? 'UTF-16LE (no BOM)' : 'UTF-16BE (no BOM)' }
  } else {
    const withBom = startsWith(bytes, UTF8_BOM)
    try {
      const text = decodeUtf8Strict(withBom ? bytes.subarray(3) : bytes)
      decoded = { text, encoding: withBom ? 'UTF-8 with BOM' : 'UTF-8' }
    } catch {
      const legacy = decodeWindows1256(bytes)
      if (legacy === null) {
        throw new UserError(`${fileName} is not a UTF-8 text file (it may be binary or in another encoding).`, 'not-text')
      }
      decoded = { text: legacy, encoding: 'Windows-1256' }
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

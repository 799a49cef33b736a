import { UserError } from '../errors'

export interface DecodedText {
  text: string
  /** How the bytes were read, for people: `UTF-8`, `Windows-1256`, or `UTF-8 (3 invalid bytes replaced with �, …)`. */
  encoding: string
  /** Set when the file was read as UTF-8 although some of its bytes are not valid UTF-8. */
  invalidBytes?: InvalidBytes
  /** What went wrong while decoding, one sentence each, for the user to see; absent when nothing did. */
  warnings?: string[]
}

/** Bytes that are not valid UTF-8 in a file read as UTF-8; each invalid sequence became one U+FFFD. */
export interface InvalidBytes {
  /** Bytes that belong to invalid sequences. */
  count: number
  /** Invalid sequences, that is replacement characters put into the text. */
  sequences: number
  /** Byte offsets (from 0, from the start of the file) of the first few invalid sequences. */
  offsets: number[]
  /** 1-based line numbers of those same sequences. */
  lines: number[]
  /** The file ends in the middle of a character: it was probably cut short. */
  truncated: boolean
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

/** Node's validity check (simdutf, milliseconds for 100 MB), where this runs under Node; not in the page. */
const nodeIsUtf8 = (
  globalThis as { process?: { getBuiltinModule?: (id: string) => { isUtf8?: (bytes: Uint8Array) => boolean } | undefined } }
).process?.getBuiltinModule?.('node:buffer')?.isUtf8

/** Valid UTF-8 as text, or null, in one pass over valid input either way. */
function decodeValidUtf8(bytes: Uint8Array): string | null {
  if (nodeIsUtf8) return nodeIsUtf8(bytes) ? new TextDecoder('utf-8').decode(bytes) : null
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return null
  }
}

/** Offsets and lines are kept for this many invalid sequences; the rest are only counted. */
const REPORTED_OFFSETS = 5

interface Utf8Scan extends InvalidBytes {
  /** Complete, valid sequences of two to four bytes (every non-ASCII character). */
  multibyte: number
}

/**
 * Finds the invalid sequences in UTF-8 the way the WHATWG decoder replaces them: a lead byte and
 * the continuation bytes that fit it form one sequence; a byte that breaks it off is read again as
 * the start of the next. Runs only on files that failed the fast validity check.
 */
function scanUtf8(bytes: Uint8Array, base: number): Utf8Scan {
  const scan: Utf8Scan = { count: 0, sequences: 0, offsets: [], lines: [], truncated: false, multibyte: 0 }
  let line = 1
  const invalid = (start: number, length: number): void => {
    scan.count += length
    scan.sequences += 1
    if (scan.offsets.length < REPORTED_OFFSETS) {
      scan.offsets.push(base + start)
      scan.lines.push(line)
    }
  }
  const n = bytes.length
  let i = 0
  while (i < n) {
    const lead = bytes[i]
    if (lead < 0x80) {
      if (lead === 0x0a) line++
      i++
      continue
    }
    let need: number
    let lower = 0x80
    let upper = 0xbf
    if (lead >= 0xc2 && lead <= 0xdf) need = 1
    else if (lead >= 0xe0 && lead <= 0xef) {
      need = 2
      if (lead === 0xe0) lower = 0xa0
      else if (lead === 0xed) upper = 0x9f // no UTF-16 surrogates
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      need = 3
      if (lead === 0xf0) lower = 0x90
      else if (lead === 0xf4) upper = 0x8f // nothing above U+10FFFF
    } else {
      invalid(i, 1) // a stray continuation byte, or a byte UTF-8 never uses
      i++
      continue
    }
    let j = i + 1
    let complete = true
    for (let k = 0; k < need; k++, j++) {
      if (j >= n) {
        scan.truncated = true
        complete = false
        break
      }
      const next = bytes[j]
      if (next < (k === 0 ? lower : 0x80) || next > (k === 0 ? upper : 0xbf)) {
        complete = false
        break
      }
    }
    if (complete) scan.multibyte++
    else invalid(i, j - i)
    i = j
  }
  return scan
}

/**
 * When a file that is not valid UTF-8 is still read as UTF-8: when its valid multibyte
 * characters outnumber its invalid sequences at least this many times over. Persian UTF-8 has a
 * valid two-byte sequence for nearly every letter, so a few damaged bytes, or a character cut off
 * by a truncated download, leave it far above the bar. In Windows-1256 almost every Persian letter
 * starts an invalid sequence and only chance pairs happen to be valid, so it stays far below.
 */
const MULTIBYTE_PER_INVALID = 4

/** "1,204, 5,880 and 9,113" */
function listNumbers(values: number[]): string {
  const words = values.map((value) => value.toLocaleString('en-US'))
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`
}

function plural(count: number, word: string): string {
  return `${count.toLocaleString('en-US')} ${word}${count === 1 ? '' : 's'}`
}

/** Where the invalid bytes are: "at bytes 1,204 and 5,880", "the first at bytes …" when there are more. */
function invalidPlaces(report: InvalidBytes, withLines: boolean): string {
  const first = report.sequences > report.offsets.length ? 'the first ' : ''
  const at = `${first}at ${report.offsets.length === 1 ? 'byte' : 'bytes'} ${listNumbers(report.offsets)}`
  if (!withLines) return at
  const lines = [...new Set(report.lines)]
  return `${at}; ${lines.length === 1 ? 'line' : 'lines'} ${listNumbers(lines)}`
}

/** The sentence the user sees, e.g. "3 bytes that are not valid UTF-8 (at bytes 1,204, 5,880 and 9,113; lines 4, 20 and 31) were replaced with �." */
export function describeInvalidBytes(report: InvalidBytes): string {
  const bytes = report.count === 1 ? '1 byte that is not valid UTF-8' : `${plural(report.count, 'byte')} that are not valid UTF-8`
  const replaced =
    report.sequences === report.count
      ? `${report.count === 1 ? 'was' : 'were'} replaced with �`
      : `were replaced with ${plural(report.sequences, '�')}`.replace('�s', '�')
  const cut = report.truncated ? ' The file ends in the middle of a character, so it may have been cut short.' : ''
  return `${bytes} (${invalidPlaces(report, true)}) ${replaced}.${cut}`
}

/** The encoding as stored with a document: "UTF-8 (3 invalid bytes replaced with �, at bytes 1,204, 5,880 and 9,113)". */
function lossyLabel(encoding: string, report: InvalidBytes): string {
  const cut = report.truncated ? '; the file ends mid-character' : ''
  return `${encoding} (${plural(report.count, 'invalid byte')} replaced with �, ${invalidPlaces(report, false)}${cut})`
}

/** Whether an encoding label (as stored in a document's origin) says bytes were replaced. */
export function hasReplacedBytes(encoding: string): boolean {
  return /\(\d[\d,]* invalid bytes? replaced with �/.test(encoding)
}

/**
 * Decodes an imported text file: UTF-8 (with or without BOM), UTF-16 LE/BE (with a BOM, or
 * recognized from its byte pattern), and Windows-1256. UTF-8 with a few bad bytes stays UTF-8:
 * the bad bytes become U+FFFD and are reported (see MULTIBYTE_PER_INVALID for where the line is
 * drawn). Anything that is not valid text is refused with a message that says so.
 */
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
    const body = withBom ? bytes.subarray(3) : bytes
    const encoding = withBom ? 'UTF-8 with BOM' : 'UTF-8'
    const valid = decodeValidUtf8(body)
    if (valid !== null) {
      decoded = { text: valid, encoding }
    } else {
      const { multibyte, ...report } = scanUtf8(body, withBom ? 3 : 0)
      if (multibyte >= MULTIBYTE_PER_INVALID * report.sequences) {
        // The WHATWG decoder puts one U+FFFD for each invalid sequence, as scanUtf8 counts them.
        decoded = {
          text: new TextDecoder('utf-8').decode(body),
          encoding: lossyLabel(encoding, report),
          invalidBytes: report,
          warnings: [describeInvalidBytes(report)]
        }
      } else {
        const legacy = decodeWindows1256(bytes)
        if (legacy === null) {
          throw new UserError(`${fileName} is not a UTF-8 text file (it may be binary or in another encoding).`, 'not-text')
        }
        decoded = { text: legacy, encoding: 'Windows-1256' }
      }
    }
  }
  if (looksBinary(decoded.text)) throw new UserError(`${fileName} looks like a binary file, not text.`, 'not-text')
  return decoded
}

const PERSIAN_LETTER = /[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]/u
const ANY_LETTER = /\p{L}/u
const IS_LETTER = 1
const IS_ARABIC_SCRIPT = 2

/**
 * What each UTF-16 code unit is, built once: a regular expression match over a whole file makes
 * an array entry per letter, which takes seconds on tens of megabytes; a table lookup does not.
 */
let codeUnitKinds: Uint8Array | undefined
function kinds(): Uint8Array {
  if (!codeUnitKinds) {
    codeUnitKinds = new Uint8Array(0x10000)
    for (let code = 0; code < 0x10000; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue // surrogates: judged as whole code points
      const char = String.fromCharCode(code)
      codeUnitKinds[code] = (ANY_LETTER.test(char) ? IS_LETTER : 0) | (PERSIAN_LETTER.test(char) ? IS_ARABIC_SCRIPT : 0)
    }
  }
  return codeUnitKinds
}

/** Share of letters that are in the Arabic script (Persian is written in it). */
export function persianLetterShare(text: string): number {
  const table = kinds()
  let letters = 0
  let arabic = 0
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      // Letters beyond the first plane (historic scripts, some CJK) are rare; none are Arabic script.
      const point = text.codePointAt(i)!
      if (point > 0xffff) {
        if (ANY_LETTER.test(String.fromCodePoint(point))) letters++
        i++
        continue
      }
    }
    const kind = table[code]
    letters += kind & IS_LETTER
    arabic += kind >> 1
  }
  return letters === 0 ? 0 : arabic / letters
}

/** Refuses text with no content or with too few Persian letters to be a Persian article. */
export function assertPersianText(text: string, fileName: string): void {
  if (text.trim().length === 0) throw new UserError(`${fileName} has no text in it.`, 'empty')
  if (persianLetterShare(text) < 0.5) {
    throw new UserError(`${fileName} does not look like Persian text: most of its letters are not Persian.`, 'not-persian')
  }
}

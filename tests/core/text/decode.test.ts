import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { titleFromText } from '../../../src/core/model'
import { decodeTextFile } from '../../../src/core/text/decode'
import { segmentText } from '../../../src/core/text/segment'
import { expectedSentences, readSample, SAMPLE_000 } from './samples'

const persian = 'سلام دنیا، این یک متن فارسی است.\nخط دوم: کتاب «خوب» ۱۲۳.'

function utf16(text: string, bigEndian: boolean): Uint8Array {
  const bytes = new Uint8Array(text.length * 2)
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    bytes[2 * i + (bigEndian ? 1 : 0)] = code & 0xff
    bytes[2 * i + (bigEndian ? 0 : 1)] = code >> 8
  }
  return bytes
}

// Windows-1256 bytes for "سلام دنیا، این متن فارسی است."
const WINDOWS_1256 = new Uint8Array([
  0xd3, 0xe1, 0xc7, 0xe3, 0x20, 0xcf, 0xe4, 0xed, 0xc7, 0xa1, 0x20, 0xc7, 0xed, 0xe4, 0x20, 0xe3, 0xca, 0xe4, 0x20, 0xdd, 0xc7, 0xd1, 0xd3, 0xed,
  0x20, 0xc7, 0xd3, 0xca, 0x2e
])

describe('decodeTextFile', () => {
  it('reads UTF-8 with and without BOM', () => {
    const bytes = new TextEncoder().encode(persian)
    expect(decodeTextFile(bytes, 'a.txt')).toEqual({ text: persian, encoding: 'UTF-8' })
    expect(decodeTextFile(new Uint8Array([0xef, 0xbb, 0xbf, ...bytes]), 'a.txt')).toEqual({ text: persian, encoding: 'UTF-8 with BOM' })
  })

  it('reads UTF-16 with a BOM and recognizes it without one', () => {
    expect(decodeTextFile(new Uint8Array([0xff, 0xfe, ...utf16(persian, false)]), 'a.txt')).toEqual({ text: persian, encoding: 'UTF-16LE' })
    expect(decodeTextFile(new Uint8Array([0xfe, 0xff, ...utf16(persian, true)]), 'a.txt')).toEqual({ text: persian, encoding: 'UTF-16BE' })
    expect(decodeTextFile(utf16(persian, false), 'a.txt')).toEqual({ text: persian, encoding: 'UTF-16LE (no BOM)' })
    expect(decodeTextFile(utf16(persian, true), 'a.txt')).toEqual({ text: persian, encoding: 'UTF-16BE (no BOM)' })
  })

  it('reads Windows-1256', () => {
    // Windows-1256 has only the Arabic ي; decoding is faithful and the letter fix proposes ی.
    expect(decodeTextFile(WINDOWS_1256, 'old.txt')).toEqual({ text: 'سلام دنيا، اين متن فارسي است.', encoding: 'Windows-1256' })
  })

  it('refuses empty and binary input', () => {
    expect(() => decodeTextFile(new Uint8Array(), 'e.txt')).toThrow(/empty/)
    const binary = new Uint8Array(512).map((_, i) => (i * 37 + 11) % 256)
    expect(() => decodeTextFile(binary, 'b.bin')).toThrow(/not a UTF-8 text file|binary/)
    expect(() => decodeTextFile(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00]), 'z.zip')).toThrow(/binary|not a UTF-8/)
  })
})

describe('decodeTextFile on damaged UTF-8 and legacy encodings (real samples)', () => {
  const clean = readSample(SAMPLE_000)
  const cleanBytes = new Uint8Array(Buffer.from(clean, 'utf8'))
  const sentenceCount = (text: string): number => segmentText(text).sentences.length
  const cleanCount = sentenceCount(clean)

  /** Byte offsets of the second byte of `count` Persian letters spread over the body (not the title line). */
  function letterContinuationOffsets(count: number): number[] {
    const letters: number[] = []
    let offset = 0
    const bodyStart = clean.indexOf('\n') + 1
    for (const char of clean) {
      const length = Buffer.byteLength(char)
      if (offset >= Buffer.byteLength(clean.slice(0, bodyStart)) && length === 2 && /\p{L}/u.test(char)) letters.push(offset + 1)
      offset += length
    }
    const step = Math.floor(letters.length / count)
    return Array.from({ length: count }, (_, k) => letters[k * step])
  }

  /** The sample with the continuation byte of some letters changed to "x": each leaves one invalid lead byte. */
  function damaged(count: number): { bytes: Uint8Array; offsets: number[] } {
    const bytes = cleanBytes.slice()
    const offsets = letterContinuationOffsets(count)
    for (const at of offsets) bytes[at] = 0x78
    return { bytes, offsets: offsets.map((at) => at - 1) }
  }

  it('reads valid UTF-8 without warnings', () => {
    const decoded = decodeTextFile(cleanBytes, SAMPLE_000)
    expect(decoded).toEqual({ text: clean, encoding: 'UTF-8' })
    expect(cleanCount).toBe(expectedSentences()[SAMPLE_000].length)
  })

  it('reads UTF-8 with one bad byte as UTF-8, with a U+FFFD and a warning saying where', () => {
    const { bytes, offsets } = damaged(1)
    const decoded = decodeTextFile(bytes, SAMPLE_000)
    expect(decoded.text.split('\ufffd')).toHaveLength(2)
    expect(titleFromText(decoded.text)).toBe(titleFromText(clean))
    expect(sentenceCount(decoded.text)).toBe(cleanCount)
    expect(decoded.invalidBytes).toMatchObject({ count: 1, sequences: 1, offsets, truncated: false })
    const line = clean.slice(0, Buffer.from(clean).subarray(0, offsets[0]).toString().length).split('\n').length
    expect(decoded.invalidBytes!.lines).toEqual([line])
    const at = offsets[0].toLocaleString('en-US')
    expect(decoded.warnings).toEqual([`1 byte that is not valid UTF-8 (at byte ${at}; line ${line}) was replaced with �.`])
    expect(decoded.encoding).toBe(`UTF-8 (1 invalid byte replaced with �, at byte ${at})`)
  })

  it('reads UTF-8 with 100 bad bytes as UTF-8: same sentences, title intact, first places listed', () => {
    const { bytes, offsets } = damaged(100)
    const decoded = decodeTextFile(bytes, SAMPLE_000)
    expect(decoded.text.split('\ufffd')).toHaveLength(101)
    expect(titleFromText(decoded.text)).toBe(titleFromText(clean))
    expect(sentenceCount(decoded.text)).toBe(cleanCount)
    expect(decoded.invalidBytes).toMatchObject({ count: 100, sequences: 100, offsets: offsets.slice(0, 5), truncated: false })
    expect(decoded.warnings![0]).toMatch(
      /^100 bytes that are not valid UTF-8 \(the first at bytes [\d,]+, [\d,]+, [\d,]+, [\d,]+ and [\d,]+; lines? [\d, and]+\) were replaced with �\.$/
    )
    expect(decoded.encoding).toMatch(/^UTF-8 \(100 invalid bytes replaced with �, the first at bytes /)
    // Still so with a BOM: offsets count from the start of the file.
    const withBom = decodeTextFile(new Uint8Array([0xef, 0xbb, 0xbf, ...bytes]), SAMPLE_000)
    expect(withBom.text).toBe(decoded.text)
    expect(withBom.invalidBytes!.offsets).toEqual(offsets.slice(0, 5).map((at) => at + 3))
    expect(withBom.encoding).toMatch(/^UTF-8 with BOM \(100 invalid bytes/)
  })

  it('reads UTF-8 cut in the middle of a character as one bad sequence at the end', () => {
    const lastLetter = clean.search(/\p{L}[^\p{L}]*$/u)
    const end = Buffer.byteLength(clean.slice(0, lastLetter)) + 1 // one byte into a two-byte letter
    const decoded = decodeTextFile(cleanBytes.subarray(0, end), SAMPLE_000)
    expect(decoded.text).toBe(`${clean.slice(0, lastLetter)}\ufffd`)
    expect(decoded.invalidBytes).toMatchObject({ count: 1, sequences: 1, offsets: [end - 1], truncated: true })
    expect(decoded.warnings![0]).toMatch(/ends in the middle of a character, so it may have been cut short\.$/)
    expect(sentenceCount(decoded.text)).toBe(cleanCount)

    // A three-byte character (ZWNJ) cut after two bytes: two bytes, one replacement.
    const zwnj = new Uint8Array([...Buffer.from('سلام دنیا، این کتاب‌ها', 'utf8').subarray(0, -7), 0xe2, 0x80])
    const cut = decodeTextFile(zwnj, 'cut.txt')
    expect(cut.text.endsWith('\ufffd')).toBe(true)
    expect(cut.invalidBytes).toMatchObject({ count: 2, sequences: 1, truncated: true })
    expect(cut.warnings![0]).toMatch(/^2 bytes that are not valid UTF-8 \(at byte [\d,]+; line 1\) were replaced with 1 �\./)
  })

  it('still reads real Windows-1256, where UTF-8 fails nearly everywhere', () => {
    // Windows-1256 has no Persian yeh or digits; the Arabic yeh and ASCII digits stand in for them in such files.
    const text = clean.replace(/ی/g, 'ي').replace(/[۰-۹]/g, (digit) => String(digit.charCodeAt(0) - 0x6f0))
    const bytes = new Uint8Array(iconv.encode(text, 'windows-1256'))
    const decoded = decodeTextFile(bytes, 'old.txt')
    expect(decoded).toEqual({ text, encoding: 'Windows-1256' })
    expect(sentenceCount(decoded.text)).toBe(cleanCount)
  })

  it('reads the sample in UTF-16 with and without a BOM', () => {
    const le = new Uint8Array(Buffer.from(clean, 'utf16le'))
    const be = new Uint8Array(le.length)
    for (let k = 0; k < le.length; k += 2) [be[k], be[k + 1]] = [le[k + 1], le[k]]
    expect(decodeTextFile(new Uint8Array([0xff, 0xfe, ...le]), 'a.txt')).toEqual({ text: clean, encoding: 'UTF-16LE' })
    expect(decodeTextFile(new Uint8Array([0xfe, 0xff, ...be]), 'a.txt')).toEqual({ text: clean, encoding: 'UTF-16BE' })
    expect(decodeTextFile(le, 'a.txt')).toEqual({ text: clean, encoding: 'UTF-16LE (no BOM)' })
    expect(decodeTextFile(be, 'a.txt')).toEqual({ text: clean, encoding: 'UTF-16BE (no BOM)' })
  })
})

import { describe, expect, it } from 'vitest'
import { decodeTextFile } from '../../../src/core/text/decode'

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

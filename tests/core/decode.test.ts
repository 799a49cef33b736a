import { describe, expect, it } from 'vitest'
import { assertPersianText, decodeTextFile, persianLetterShare } from '../../src/core/text/decode'

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text)

describe('decoding imported text', () => {
  it('reads UTF-8 with and without a BOM', () => {
    expect(decodeTextFile(utf8('سلام'), 'a.txt')).toEqual({ text: 'سلام', encoding: 'UTF-8' })
    expect(decodeTextFile(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('سلام')]), 'a.txt')).toEqual({ text: 'سلام', encoding: 'UTF-8 with BOM' })
  })

  it('reads UTF-16 with a byte order mark', () => {
    const le = new Uint8Array([0xff, 0xfe, ...new Uint8Array(Buffer.from('سلام', 'utf16le'))])
    expect(decodeTextFile(le, 'a.txt')).toEqual({ text: 'سلام', encoding: 'UTF-16LE' })
  })

  it('refuses empty and binary files with a message naming the file', () => {
    expect(() => decodeTextFile(new Uint8Array(), 'empty.txt')).toThrow(/empty\.txt is empty/)
    expect(() => decodeTextFile(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0xff]), 'x.docx')).toThrow(/x\.docx/)
    expect(() => decodeTextFile(utf8('abc\u0000def'), 'nul.txt')).toThrow(/binary/)
  })

  it('tells Persian text from other text', () => {
    expect(persianLetterShare('سلام دنیا')).toBe(1)
    expect(persianLetterShare('hello')).toBe(0)
    expect(() => assertPersianText('Just an English sentence.', 'en.txt')).toThrow(/does not look like Persian/)
    expect(() => assertPersianText('  \n ', 'blank.txt')).toThrow(/no text/)
    expect(() => assertPersianText('وزیر کار با Sahil Babayev دیدار کرد', 'mixed.txt')).not.toThrow()
  })
})

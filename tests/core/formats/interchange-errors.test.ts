/** Errors reading XLIFF and TMX name the file, and the line where the XML goes wrong. */
import { describe, expect, it } from 'vitest'
import { isUserError } from '../../../src/core/errors'
import { readInterchange } from '../../../src/core/formats/index'
import { writeTmx } from '../../../src/core/formats/tmx'
import { writeXliff12 } from '../../../src/core/formats/xliff12'
import { sampleDocument } from '../../fixtures/formats/sample'

function errorOf(read: () => unknown): Error & { code?: string } {
  try {
    read()
  } catch (error) {
    expect(isUserError(error)).toBe(true)
    return error as Error
  }
  throw new Error('expected the read to fail')
}

describe('interchange read errors', () => {
  it('name the file and the line of malformed XLIFF', () => {
    const text = writeXliff12(sampleDocument())
    const broken = text.replace('</source>', '</target>')
    const line = broken.split('\n').findIndex((row) => row.includes('</target>')) + 1
    const error = errorOf(() => readInterchange(broken, { fileName: 'client.xlf' }))
    expect(error.message).toMatch(/^client\.xlf: line \d+/)
    expect(Number(/line (\d+)/.exec(error.message)![1])).toBe(line)
  })

  it('name the file of a TMX cut short, of bytes that are not UTF-8, and of a wrong root', () => {
    const tmx = writeTmx(sampleDocument())
    expect(errorOf(() => readInterchange(tmx.slice(0, tmx.length / 2), { fileName: 'cut.tmx' })).message).toMatch(/^cut\.tmx: line \d+/)
    expect(errorOf(() => readInterchange(new Uint8Array([0x3c, 0x61, 0x3e, 0xff, 0x3c, 0x2f, 0x61, 0x3e]), { fileName: 'bad.tmx' })).message).toMatch(
      /^bad\.tmx: .*not valid UTF-8/
    )
    expect(errorOf(() => readInterchange('<html/>', { fileName: 'page.xlf' })).message).toMatch(/^page\.xlf: .*neither TMX nor XLIFF/)
  })
})

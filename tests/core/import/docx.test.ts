import { describe, expect, it } from 'vitest'
import { readDocument } from '../../../src/core/import'
import { expectedDocxText, makeSampleDocx, sample003 } from './fixtures'

describe('reading a Word document', () => {
  it('keeps headings, paragraphs and list items of a Persian article', async () => {
    const result = await readDocument('article.docx', await makeSampleDocx())
    expect(result.format).toBe('docx')
    expect(result.text).toBe(expectedDocxText())
    expect(result.text.split('\n\n')[0]).toBe(sample003().title)
    expect(result.notes.join('\n')).toMatch(/2 headings, \d+ paragraphs, 4 list items/)
  })

  it('refuses a damaged .docx with a clear message', async () => {
    const good = await makeSampleDocx()
    const truncated = good.slice(0, Math.floor(good.length / 2))
    await expect(readDocument('article.docx', truncated)).rejects.toThrow(/article\.docx cannot be read: .*save it again as \.docx/)
    const junk = new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...new TextEncoder().encode('not really a zip file')])
    await expect(readDocument('junk.docx', junk)).rejects.toThrow(/junk\.docx cannot be read/)
  })

  it('refuses a .docx that is not a zip package', async () => {
    await expect(readDocument('plain.docx', new TextEncoder().encode('سلام دنیا'))).rejects.toThrow(/plain\.docx is not a Word document/)
  })
})

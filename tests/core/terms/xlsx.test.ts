import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { rewriteZip } from '../../../src/core/import/zip'
import { readTermFile } from '../../../src/core/terms/files'
import { readXlsxRows } from '../../../src/core/terms/xlsx'

const fixture = (name: string): Uint8Array => readFileSync(join(__dirname, '..', '..', 'fixtures', 'terms', name))

describe('Excel workbooks (.xlsx) made by Excel', () => {
  it('reads shared strings by their index, not their order', () => {
    // Excel stored "Cell A2" first among the shared strings.
    expect(readXlsxRows(fixture('okapi-columns.xlsx'), 'columns.xlsx')).toEqual([
      ['Cell A1', 'Cell B1'],
      ['Cell A2', 'Cell B2']
    ])
  })

  it('joins the runs of rich text into one cell', () => {
    expect(readXlsxRows(fixture('okapi-Formattings.xlsx'), 'Formattings.xlsx')[0]).toEqual(['This is a bold formatting'])
  })

  it('reads the first of several sheets, with numbers and the cached value of a formula', () => {
    const rows = readXlsxRows(fixture('okapi-clarifiable-part-ar.xlsx'), 'clarifiable.xlsx')
    expect(rows).toHaveLength(10)
    expect(rows[0]).toEqual(['Lorem', '111'])
    // B10 is =SUM(B1:B9).
    expect(rows[9]).toEqual(['at', '4995'])
  })

  it('says which columns it needs when the first row does not name them', () => {
    expect(() => readTermFile(fixture('okapi-columns.xlsx'), 'columns.xlsx')).toThrow(/first row must name the columns.*"Cell A1", "Cell B1"/)
  })
})

describe('a real Persian glossary kept in Excel', () => {
  it('imports all 71,295 rows, its columns named EnglishWord and PersianWord in that order', () => {
    const contents = readTermFile(fixture('semnan-english-persian-words.xlsx'), 'words.xlsx')
    expect(contents.format).toBe('xlsx')
    expect(contents.terms).toHaveLength(71_295)
    expect(contents.skipped).toEqual([])
    expect(contents.terms[0]).toMatchObject({ fa: 'کمي', en: 'a few' })
    expect(contents.terms.find((term) => term.en === 'dinosaur')?.fa).toBe('دايناسور')
  })
})

describe('workbooks that cannot be read', () => {
  it('refuses a sheet packed impossibly small without unpacking it', () => {
    const xml = `<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>${'a'.repeat(30_000_000)}</t></si></sst>`
    const bomb = rewriteZip(fixture('okapi-columns.xlsx'), new Map([['xl/sharedStrings.xml', new TextEncoder().encode(xml)]]))
    // 30 MB packed into some 30 KB: more than Excel's own compression ever gives.
    expect(bomb.length).toBeLessThan(80_000)
    expect(() => readXlsxRows(bomb, 'bomb.xlsx')).toThrow(/bomb\.xlsx is a zip bomb: its part xl\/sharedStrings\.xml/)
  })

  it('says what to do with an old .xls workbook and a file that is not a workbook', () => {
    expect(() => readTermFile(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 1, 2, 3]), 'old.xls')).toThrow(
      /old Excel workbook \(\.xls\); save it .* as \.xlsx or CSV/
    )
    expect(() => readTermFile(new TextEncoder().encode('PK\u0003\u0004 not really a zip'), 'fake.xlsx')).toThrow(
      /fake\.xlsx cannot be read as an Excel workbook: it is not a zip package/
    )
  })
})

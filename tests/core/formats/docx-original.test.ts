/**
 * Word files both ways: a Persian .docx (made with the `docx` package: heading, bold, italic, link,
 * list, table, footnote, and in one test a header and footer) is read into rows with formatting as inline codes, translated here, saved
 * back, and the result read by two independent readers (mammoth, and LibreOffice to PDF with
 * pdftotext). Parts other than the text parts come back byte for byte.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import JSZip from 'jszip'
import mammoth from 'mammoth'
import { afterAll, describe, expect, it } from 'vitest'
import { originalDocxToDocument, parseOriginalDocx, writeOriginalDocx } from '../../../src/core/formats/docx-original'
import { codeChar, codesIn, withoutCodes } from '../../../src/core/formats/inline-codes'
import type { HamtaDocument } from '../../../src/core/model'
import { validateDocument } from '../../../src/core/schema'
import { readImport } from '../../../src/main/import/prepare-import'
import { PERSIAN_DOCX_TEXT, persianDocx } from '../../fixtures/formats/persian-docx'
import { run } from './tools'

const folder = mkdtempSync(join(tmpdir(), 'hamta-docx-original-'))
afterAll(() => rmSync(folder, { recursive: true, force: true }))
const NOW = '2025-01-01T00:00:00.000Z'
const c = codeChar

/** English for each row, by part, paragraph and sentence; codes placed as a translator would. */
const ENGLISH: Record<string, string> = {
  'word/document.xml p0 0': "Report on Iran's exports",
  'word/document.xml p1 0': `Iran's non-oil exports rose ${c(0)}twelve percent${c(1)}.${c(2)}`,
  'word/document.xml p1 1': `The ${c(0)}Ministry of Economy${c(1)} announced the news.`,
  'word/document.xml p2 0': `The full report is on the ${c(0)}ministry's website${c(1)}.`,
  'word/document.xml p3 0': 'Oil and gas',
  'word/document.xml p4 0': 'Handmade carpets',
  'word/document.xml p5 0': 'Goods',
  'word/document.xml p6 0': 'Share',
  'word/document.xml p7 0': 'Pistachios',
  'word/document.xml p8 0': 'ten percent',
  'word/document.xml p9 0': 'End of the report.',
  'word/footnotes.xml p0 0': 'The source of these figures is Iran customs.'
}

async function imported(bytes: Uint8Array): Promise<HamtaDocument> {
  const parsed = await parseOriginalDocx('report.docx', bytes)
  return originalDocxToDocument(parsed, { id: 'd1', now: NOW, fileName: 'report.docx', original: { path: 'originals/d1.docx', sha256: 'x' } })
}

function translate(doc: HamtaDocument, english: Record<string, string> = ENGLISH): HamtaDocument {
  return {
    ...doc,
    rows: doc.rows.map((row) => {
      const target = english[`${row.fileId} ${row.unitId} ${row.segmentId}`]
      return target ? { ...row, target, status: 'translated' } : row
    })
  }
}

/** LibreOffice converts `file` in the test folder (to `pdf` or `docx`); the converted file's path. */
function libreOffice(file: string, to: 'pdf' | 'docx', outdir = folder): string {
  const profile = `file://${join(folder, 'lo-profile')}`
  const conversion = run('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', to, '--outdir', outdir, file], {
    timeoutMs: 180_000
  })
  expect(conversion.status, conversion.stderr).toBe(0)
  return join(
    outdir,
    file
      .split('/')
      .pop()!
      .replace(/\.docx$/, `.${to}`)
  )
}

/** The text LibreOffice prints on the pages of a Word file. */
function printedText(bytes: Uint8Array, name: string): string {
  const docx = join(folder, name)
  writeFileSync(docx, bytes)
  return run('pdftotext', ['-layout', libreOffice(docx, 'pdf'), '-']).stdout
}

async function parts(bytes: Uint8Array): Promise<Map<string, Uint8Array>> {
  const zip = await JSZip.loadAsync(bytes)
  const out = new Map<string, Uint8Array>()
  for (const name of Object.keys(zip.files)) if (!zip.files[name].dir) out.set(name, await zip.files[name].async('uint8array'))
  return out
}

describe('Word documents in their original format', () => {
  it('reads one row per sentence with formatting, links and footnote references as inline codes', async () => {
    const doc = await imported(await persianDocx())
    expect(validateDocument(doc).ok).toBe(true)
    expect(doc.title).toBe(PERSIAN_DOCX_TEXT.heading)
    expect(doc.origin.original).toMatchObject({ format: 'docx', path: 'originals/d1.docx' })
    expect(doc.rows.map((row) => `${row.fileId} ${row.unitId} ${row.segmentId}`)).toEqual(Object.keys(ENGLISH))
    const [, bold, italic, link] = doc.rows
    expect(bold.codes?.map((code) => [code.kind, code.label])).toEqual([
      ['open', '<b>'],
      ['close', '</b>'],
      ['standalone', 'footnote 1']
    ])
    // The bold words sit between their codes; the footnote reference follows the full stop.
    expect(bold.source[0].text).toBe(`صادرات غیرنفتی ایران ${c(0)}${PERSIAN_DOCX_TEXT.bold}${c(1)} افزایش یافت.${c(2)}`)
    expect(italic.codes?.map((code) => code.label)).toEqual(['<i>', '</i>'])
    expect(link.codes?.map((code) => code.label)).toEqual(['<a https://example.com/report>', '</a>'])
    expect(withoutCodes(link.source[0].text)).toContain(PERSIAN_DOCX_TEXT.link)
    expect(doc.rows.at(-1)!.source[0].text).toBe(PERSIAN_DOCX_TEXT.footnote)
    expect(doc.originalText).toContain(PERSIAN_DOCX_TEXT.footnote)
  })

  it('a document without English comes back as the original, byte for byte', async () => {
    const original = await persianDocx()
    const doc = await imported(original)
    expect(Buffer.from(await writeOriginalDocx(doc, original)).equals(Buffer.from(original))).toBe(true)
  })

  it('saves the English back: structure and formatting kept, left to right, other parts unchanged; mammoth and LibreOffice read it', async () => {
    const original = await persianDocx()
    const out = await writeOriginalDocx(translate(await imported(original)), original)
    const before = await parts(original)
    const after = await parts(out)
    expect([...after.keys()]).toEqual([...before.keys()])
    for (const [name, bytes] of before) {
      if (name === 'word/document.xml' || name === 'word/footnotes.xml') continue
      expect(Buffer.from(after.get(name)!).equals(Buffer.from(bytes)), name).toBe(true)
    }
    const xml = Buffer.from(after.get('word/document.xml')!).toString('utf8')
    expect(xml).not.toMatch(/<w:bidi\/>|<w:rtl\/>|<w:bidiVisual/)
    expect(xml).toContain('<w:bidi w:val="0"/>')
    expect(xml).toContain('<w:lang w:val="en-US"/>')
    // Heading style, list numbering and the footnote reference are where they were.
    expect(xml).toMatch(/<w:pStyle w:val="Heading1"\/><w:bidi w:val="0"\/>/)
    expect(xml.match(/<w:numPr>/g)).toHaveLength(2)
    expect(xml).toContain('<w:footnoteReference w:id="1"/>')
    expect(xml).not.toMatch(/[\u0600-\u06ff]/)
    expect(Buffer.from(after.get('word/footnotes.xml')!).toString('utf8')).toContain('The source of these figures is Iran customs.')

    const html = (await mammoth.convertToHtml({ buffer: Buffer.from(out) })).value
    expect(html).toContain("<h1>Report on Iran's exports</h1>")
    expect(html).toContain('<strong>twelve percent</strong>')
    expect(html).toContain('<em>Ministry of Economy</em>')
    expect(html).toContain(`<a href="https://example.com/report">ministry's website</a>`)
    expect(html).toContain('<ul><li>Oil and gas</li><li>Handmade carpets</li></ul>')
    expect(html).toMatch(
      /<table><tr><td><p>Goods<\/p><\/td><td><p>Share<\/p><\/td><\/tr><tr><td><p>Pistachios<\/p><\/td><td><p>ten percent<\/p><\/td><\/tr><\/table>/
    )
    expect(html).toMatch(/<li id="footnote-1"><p>[^<]*The source of these figures is Iran customs\./)
    expect(html).not.toMatch(/[\u0600-\u06ff]/)

    const docx = join(folder, 'report.docx')
    writeFileSync(docx, out)
    const profile = `file://${join(folder, 'lo-profile')}`
    const conversion = run('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', folder, docx], {
      timeoutMs: 180_000
    })
    expect(conversion.status, conversion.stderr).toBe(0)
    const text = run('pdftotext', ['-layout', join(folder, 'report.pdf'), '-']).stdout
    for (const phrase of [
      "Report on Iran's exports",
      "Iran's non-oil exports rose twelve percent.",
      'The Ministry of Economy announced the news.',
      "ministry's website",
      'Oil and gas',
      'Pistachios',
      'The source of these figures is Iran customs.'
    ]) {
      expect(text).toContain(phrase)
    }
    // Table not mirrored: the first column is on the left now.
    const line = text.split('\n').find((candidate) => candidate.includes('Pistachios'))!
    expect(line.indexOf('Pistachios')).toBeLessThan(line.indexOf('ten percent'))
  }, 200_000)

  it('keeps the Persian of sentences without English, and puts back a footnote reference the English lost', async () => {
    const original = await persianDocx()
    const out = await writeOriginalDocx(
      translate(await imported(original), { 'word/document.xml p1 0': `Iran's non-oil exports rose ${c(0)}twelve percent${c(1)}.` }),
      original
    )
    const xml = Buffer.from((await parts(out)).get('word/document.xml')!).toString('utf8')
    const paragraph = xml.match(/<w:p>(?:(?!<\/w:p>).)*non-oil(?:(?!<\/w:p>).)*<\/w:p>/)![0]
    expect(paragraph).toContain('<w:footnoteReference w:id="1"/>')
    // The second sentence is still Persian, right to left in its runs.
    expect(paragraph).toContain(PERSIAN_DOCX_TEXT.italic)
    expect(paragraph).toMatch(/<w:rtl\/>/)
    // Untranslated paragraphs are untouched.
    expect(xml).toContain(
      `<w:pPr><w:bidi/></w:pPr><w:r><w:rPr><w:rFonts w:cs="Vazirmatn"/><w:rtl/><w:lang w:bidi="fa-IR"/></w:rPr><w:t xml:space="preserve">گزارش کامل در </w:t></w:r>`
    )
    const html = (await mammoth.convertToHtml({ buffer: Buffer.from(out) })).value
    expect(html).toContain('<strong>twelve percent</strong>')
  })

  it('reads headers and footers after the body and notes, and saves their English back; LibreOffice prints it on the page', async () => {
    const original = await persianDocx({ headerAndFooter: true })
    const doc = await imported(original)
    const keys = doc.rows.map((row) => `${row.fileId} ${row.unitId} ${row.segmentId}`)
    // The body first (the title still comes from it), then the header and footer parts.
    expect(doc.title).toBe(PERSIAN_DOCX_TEXT.heading)
    expect(keys.slice(0, Object.keys(ENGLISH).length)).toEqual(Object.keys(ENGLISH))
    const header = doc.rows.find((row) => row.source[0].text === PERSIAN_DOCX_TEXT.header)!
    const footer = doc.rows.find((row) => row.source[0].text === PERSIAN_DOCX_TEXT.footer)!
    expect(header.fileId).toMatch(/^word\/header\d*\.xml$/)
    expect(footer.fileId).toMatch(/^word\/footer\d*\.xml$/)
    expect(keys.indexOf(`${footer.fileId} ${footer.unitId} ${footer.segmentId}`)).toBe(keys.length - 1)

    const english = {
      ...ENGLISH,
      [`${header.fileId} ${header.unitId} ${header.segmentId}`]: 'Sample News Agency',
      [`${footer.fileId} ${footer.unitId} ${footer.segmentId}`]: 'All rights reserved.'
    }
    const out = await writeOriginalDocx(translate(doc, english), original)
    const after = await parts(out)
    const headerXml = Buffer.from(after.get(header.fileId!)!).toString('utf8')
    expect(headerXml).toContain('Sample News Agency')
    expect(headerXml).not.toMatch(/[\u0600-\u06ff]|<w:rtl\/>|<w:bidi\/>/)
    expect(Buffer.from(after.get(footer.fileId!)!).toString('utf8')).toContain('All rights reserved.')
    const valid = run('xmllint', ['--noout', '-'], { input: headerXml })
    expect(valid.status, valid.stderr).toBe(0)

    const text = printedText(out, 'with-header.docx')
    expect(text).toContain('Sample News Agency')
    expect(text).toContain('All rights reserved.')
    expect(text).not.toMatch(/[\u0600-\u06ff]/)
  }, 200_000)

  it('reads a text box after the paragraph it is anchored in and saves its English back, in the form the docx package writes and in the one LibreOffice writes', async () => {
    const original = await persianDocx({ textBox: true })
    const doc = await imported(original)
    const keys = doc.rows.map((row) => `${row.fileId} ${row.unitId} ${row.segmentId}`)
    // The flow's paragraphs keep their ids; the text box's sentences follow its paragraph.
    expect(keys.slice(0, Object.keys(ENGLISH).length - 1)).toEqual(Object.keys(ENGLISH).slice(0, -1))
    expect(keys.slice(keys.indexOf('word/document.xml p9 0'), keys.indexOf('word/document.xml p9 0') + 3)).toEqual([
      'word/document.xml p9 0',
      'word/document.xml p9.b0 0',
      'word/document.xml p9.b0 1'
    ])
    expect(doc.rows.filter((row) => row.unitId === 'p9.b0').map((row) => row.source[0].text)).toEqual(PERSIAN_DOCX_TEXT.textBox)

    const boxEnglish = ['Pistachio exports doubled.', 'The figure is unprecedented.']
    const english: Record<string, string> = { ...ENGLISH, 'word/document.xml p9.b0 0': boxEnglish[0], 'word/document.xml p9.b0 1': boxEnglish[1] }
    const out = await writeOriginalDocx(translate(doc, english), original)
    const xml = Buffer.from((await parts(out)).get('word/document.xml')!).toString('utf8')
    expect(xml).toMatch(new RegExp(`<w:txbxContent><w:p><w:pPr>(?:(?!</w:p>).)*${boxEnglish[0]}(?:(?!</w:p>).)*${boxEnglish[1]}`))
    expect(xml).not.toMatch(/[\u0600-\u06ff]/)
    expect(run('xmllint', ['--noout', '-'], { input: xml }).status).toBe(0)
    const printed = printedText(out, 'text-box.docx')
    expect(printed).toContain(boxEnglish[0])
    expect(printed).not.toMatch(/[\u0600-\u06ff]/)

    // LibreOffice writes the text box as a drawing (mc:Choice) with an empty mc:Fallback.
    const persian = join(folder, 'text-box-persian.docx')
    writeFileSync(persian, original)
    const converted = new Uint8Array(readFileSync(libreOffice(persian, 'docx', join(folder, 'lo'))))
    const convertedXml = Buffer.from((await parts(converted)).get('word/document.xml')!).toString('utf8')
    expect(convertedXml).toMatch(/<mc:Choice[^>]*>(?:(?!<\/mc:Choice>).)*<w:txbxContent>/)
    const fromLibreOffice = await imported(converted)
    // LibreOffice splits sentences into runs of its own; the rows are the same sentences.
    const byPersian = new Map(doc.rows.map((row) => [row.source[0].text, english[`${row.fileId} ${row.unitId} ${row.segmentId}`]]))
    expect(fromLibreOffice.rows.filter((row) => row.source[0].text === PERSIAN_DOCX_TEXT.textBox[0])).toHaveLength(1)
    const translated = {
      ...fromLibreOffice,
      rows: fromLibreOffice.rows.map((row) => ({ ...row, target: byPersian.get(withoutCodes(row.source[0].text)) ?? '' }))
    }
    expect(translated.rows.filter((row) => row.target).length).toBeGreaterThanOrEqual(boxEnglish.length + 8)
    const printedBack = printedText(await writeOriginalDocx(translated, converted), 'text-box-lo.docx')
    expect(printedBack).toContain(boxEnglish[0])
    expect(printedBack).toContain(boxEnglish[1])
  }, 300_000)

  it('a text box Word wrote twice (drawing and older copy) is read once and both are written; a real Word file', async () => {
    // A résumé template made by Word (Apache POI's test data, see the fixture's README).
    const original = new Uint8Array(readFileSync(join(__dirname, '../../fixtures/formats/word-files/60316.docx')))
    const parsed = await parseOriginalDocx('60316.docx', original)
    const doc = originalDocxToDocument(parsed, { id: 'd2', now: NOW, fileName: '60316.docx', original: { path: 'originals/d2.docx', sha256: 'x' } })
    const keys = doc.rows.map((row) => `${row.fileId} ${row.unitId} ${row.segmentId}`)
    expect(new Set(keys).size).toBe(keys.length)
    const boxRows = doc.rows.filter((row) => row.fileId === 'word/document.xml' && row.unitId!.startsWith('p0.b'))
    expect(boxRows.map((row) => row.source[0].text)).toEqual(
      expect.arrayContaining(['[Telephone]', '[Email]', '[Website]', '[Address 1][Address 2][City, ST ZIP Code]'])
    )
    expect(parsed.parts[0].paragraphs.filter((paragraph) => paragraph.copy).length).toBe(boxRows.length)

    const english = { ...doc, rows: doc.rows.map((row) => ({ ...row, target: `Translated ${row.unitId} ${row.segmentId}` })) }
    const out = await writeOriginalDocx(english, original)
    const xml = Buffer.from((await parts(out)).get('word/document.xml')!).toString('utf8')
    expect(run('xmllint', ['--noout', '-'], { input: xml }).status).toBe(0)
    for (const row of boxRows) expect(xml.split(`>Translated ${row.unitId} 0<`).length - 1, row.unitId).toBe(2)
    // The name's control is bound to the author property: unbound, or the reader puts the author back.
    expect(xml).not.toContain('ns0:creator')
    // "[Telephone]" and the like were the template's placeholders: the English is text now.
    expect(xml).not.toContain('showingPlcHdr')
    const printed = printedText(out, 'word-text-boxes.docx')
    // The name box is narrow: "Translated" breaks over two lines there.
    expect(printed).toContain('p0.b0 0')
    expect(printed).toContain('Translated p0.b4 0')
    expect(printed).not.toContain('[Telephone]')
    expect(printed).not.toContain('Allison')
  }, 300_000)

  it('codes moved or dropped by the translator still give a valid file', async () => {
    const original = await persianDocx()
    const doc = await imported(original)
    const weird = translate(doc, {
      // Closing before opening, a link left open, a code twice.
      'word/document.xml p1 1': `The ${c(1)}Ministry${c(0)} of Economy announced${c(0)} it.`,
      'word/document.xml p2 0': `See ${c(0)}the website.`
    })
    const out = await writeOriginalDocx(weird, original)
    const xml = Buffer.from((await parts(out)).get('word/document.xml')!).toString('utf8')
    const result = run('xmllint', ['--noout', '-'], { input: xml })
    expect(result.status, result.stderr).toBe(0)
    const html = (await mammoth.convertToHtml({ buffer: Buffer.from(out) })).value
    expect(html).toContain('<a href="https://example.com/report">the website.</a>')
    expect(codesIn(weird.rows[2].target)).toEqual([1, 0, 0])
  })

  it('the import refuses what is not a Persian Word document, in words, and keeps nothing', async () => {
    const job = (fileName: string, bytes: Uint8Array) => ({ source: { fileName, bytes }, id: 'd9', now: NOW, tagIds: {} })
    const noDocument = new JSZip()
    noDocument.file('[Content_Types].xml', '<Types/>')
    const kept: { original?: { path: string; bytes: Uint8Array } } = {}
    await expect(readImport(job('sheet.docx', await noDocument.generateAsync({ type: 'uint8array' })), undefined, [], kept)).rejects.toThrow(
      /sheet\.docx cannot be read: it has no word\/document\.xml/
    )
    await expect(readImport(job('broken.docx', new Uint8Array([0x50, 0x4b, 3, 4, 9, 9, 9])))).rejects.toThrow(/broken\.docx cannot be read/)
    // A password-protected file made by Word (Apache POI's test data): said so, not "damaged".
    const locked = new Uint8Array(readFileSync(join(__dirname, '../../fixtures/formats/word-files/bug53475-password-is-pass.docx')))
    await expect(readImport(job('locked.docx', locked))).rejects.toThrow(/locked\.docx cannot be read: it is protected with a password/)
    const english = await JSZip.loadAsync(await persianDocx())
    const xml = await english.file('word/document.xml')!.async('string')
    english.file('word/document.xml', xml.replace(/[\u0600-\u06ff\u200c]+/g, 'English'))
    const footnotes = await english.file('word/footnotes.xml')!.async('string')
    english.file('word/footnotes.xml', footnotes.replace(/[\u0600-\u06ff\u200c]+/g, 'English'))
    await expect(readImport(job('english.docx', await english.generateAsync({ type: 'uint8array' })), undefined, [], kept)).rejects.toThrow(
      /does not look like Persian/
    )
    expect(kept.original).toBeUndefined()
    // A Persian one is read the new way, its original kept for the save-back.
    const document = await readImport(job('report.docx', await persianDocx()), undefined, [], kept)
    expect(document.origin.original?.format).toBe('docx')
    expect(kept.original).toMatchObject({ path: 'originals/d9.docx' })
  })
})

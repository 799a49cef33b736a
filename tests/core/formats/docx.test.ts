/**
 * DOCX: the bilingual table read by two independent readers (LibreOffice converting to PDF, and
 * mammoth), the right-to-left markup checked in the XML, and one page rendered to PNG in
 * test-results/formats/ for a person to look at. LibreOffice is slow: one conversion only.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import JSZip from 'jszip'
import mammoth from 'mammoth'
import { afterAll, describe, expect, it } from 'vitest'
import { writeDocx } from '../../../src/core/formats/docx'
import { NOW, sampleDocument } from '../../fixtures/formats/sample'
import { run } from './tools'

const folder = mkdtempSync(join(tmpdir(), 'hamta-docx-'))
afterAll(() => rmSync(folder, { recursive: true, force: true }))
const RESULTS = resolve('test-results', 'formats')

async function documentXml(bytes: Uint8Array): Promise<string> {
  const zip = await JSZip.loadAsync(bytes)
  return zip.file('word/document.xml')!.async('string')
}

/** Persian words as pdftotext gives them: without the bidi control marks it adds. */
function plain(text: string): string {
  return text.replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
}

describe('DOCX', () => {
  it('marks Persian paragraphs bidi with rtl runs in a Persian font, English bidi off, table not mirrored', async () => {
    const xml = await documentXml(await writeDocx(sampleDocument(), { now: NOW }))
    expect(xml).toContain('<w:bidiVisual w:val="off"/>')
    const paragraphs = xml.match(/<w:p>.*?<\/w:p>/g) ?? []
    // Persian paragraphs: those whose text starts in Persian (English ones may quote a Persian tag).
    const persian = paragraphs.filter((p) => /^[\u0600-\u06ff]/.test(p.replace(/<[^>]+>/g, '')))
    const english = paragraphs.filter((p) => p.includes('exports rose 12 percent'))
    expect(persian.length).toBeGreaterThanOrEqual(7)
    for (const p of persian) {
      expect(p).toMatch(/<w:bidi\/>/)
      expect(p).toMatch(/<w:rtl\/>/)
      expect(p).toMatch(/w:cs="Vazirmatn"/)
      expect(p).toMatch(/<w:lang [^>]*w:bidi="fa-IR"/)
      expect(p).not.toMatch(/<w:jc /)
    }
    expect(english).toHaveLength(1)
    expect(english[0]).toMatch(/<w:bidi w:val="false"\/>/)
    expect(english[0]).not.toMatch(/<w:rtl\/>/)
  })

  it('has a status column by choice and an English-only variant', async () => {
    const withStatus = await mammoth.extractRawText({ buffer: Buffer.from(await writeDocx(sampleDocument())) })
    expect(withStatus.value).toContain('Status')
    const without = await mammoth.extractRawText({ buffer: Buffer.from(await writeDocx(sampleDocument(), { statusColumn: false })) })
    expect(without.value).not.toContain('Status')
    const english = await mammoth.extractRawText({ buffer: Buffer.from(await writeDocx(sampleDocument(), { englishOnly: true })) })
    expect(english.value).toContain("Iran's exports rose 12 percent. Ilham Aliyev came to Tehran and met the president.")
    expect(english.value).toContain('The end.')
    expect(english.value.replace(/صادرات ایران در سال گذشته/, '')).not.toMatch(/[\u0600-\u06ff]/)
    expect(english.value).not.toContain('not translated')
  })

  it('mammoth reads both languages, the title and the escaped-looking text as plain text', async () => {
    const result = await mammoth.convertToHtml({ buffer: Buffer.from(await writeDocx(sampleDocument(), { now: NOW })) })
    expect(result.value).toContain('<table>')
    expect(result.value).toContain('صادرات ایران در سال گذشته')
    expect(result.value).toContain('الهام علیاف به تهران آمد. او با رئیس‌جمهور دیدار کرد.')
    expect(result.value).toContain('Ilham Aliyev came to Tehran and met the president.')
    expect(result.value).toContain('Experts said &lt;script&gt;alert("x")&lt;/script&gt; &amp; imports')
    expect(result.value).toContain('Comment: Maryam: Checked against the source')
  })

  it('LibreOffice converts it to PDF with both languages present; page 1 rendered for a look', async () => {
    const docx = join(folder, 'bilingual.docx')
    writeFileSync(docx, await writeDocx(sampleDocument(), { now: NOW }))
    const profile = `file://${join(folder, 'lo-profile')}`
    const conversion = run('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', folder, docx], {
      timeoutMs: 180_000
    })
    expect(conversion.status, conversion.stderr).toBe(0)
    const pdf = join(folder, 'bilingual.pdf')
    const text = plain(run('pdftotext', ['-layout', pdf, '-']).stdout)
    for (const word of ['صادرات', 'ایران', 'علیاف', 'رئیس‌جمهور', 'کارشناسان', 'پایان']) expect(text).toContain(word)
    for (const phrase of ["Iran's exports rose 12 percent.", 'Ilham Aliyev came to Tehran and', 'The end.', 'Persian', 'English', 'Status']) {
      expect(text).toContain(phrase)
    }
    // Columns not mirrored: on each line the Persian cell comes before (left of) the English one.
    const line = text.split('\n').find((candidate) => candidate.includes("Iran's exports"))!
    expect(line.indexOf('صادرات')).toBeGreaterThanOrEqual(0)
    expect(line.indexOf('صادرات')).toBeLessThan(line.indexOf("Iran's exports"))
    mkdirSync(RESULTS, { recursive: true })
    const render = run('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', pdf, join(RESULTS, 'bilingual-docx')])
    expect(render.status, render.stderr).toBe(0)
    expect(readdirSync(RESULTS).some((name) => name.startsWith('bilingual-docx') && name.endsWith('.png'))).toBe(true)
  }, 200_000)
})

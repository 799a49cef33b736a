/** HTML, Markdown, CSV/TSV, English text and Hamta JSON, and the format registry. */
import { describe, expect, it } from 'vitest'
import { fromBilingual, toBilingual } from '../../../src/core/formats/bilingual'
import { BOM, quoteField, writeCsv, writeTsv } from '../../../src/core/formats/delimited'
import { writeHamtaJson } from '../../../src/core/formats/hamta-json'
import { escapeHtml, writeHtml } from '../../../src/core/formats/html'
import { EXPORT_FORMATS, FORMAT_WRITERS, exportBilingual, writerFor } from '../../../src/core/formats/index'
import { writeMarkdown } from '../../../src/core/formats/markdown'
import { writeEnglishText } from '../../../src/core/formats/plaintext'
import { validateDocument } from '../../../src/core/schema'
import { NOW, sampleDocument } from '../../fixtures/formats/sample'

const BILINGUAL_FORMATS = EXPORT_FORMATS.filter((name) => name !== 'original')

/** A small RFC 4180 reader, to check that what the writer quotes reads back as written. */
function parseDelimited(text: string, separator: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let k = 0; k < text.length; k++) {
    const char = text[k]
    if (quoted) {
      if (char === '"' && text[k + 1] === '"') {
        field += '"'
        k++
      } else if (char === '"') quoted = false
      else field += char
    } else if (char === '"' && field === '') quoted = true
    else if (char === separator) {
      row.push(field)
      field = ''
    } else if (char === '\r' && text[k + 1] === '\n') {
      row.push(field)
      rows.push(row)
      row = []
      field = ''
      k++
    } else field += char
  }
  if (field || row.length) rows.push([...row, field])
  return rows
}

describe('HTML', () => {
  const html = writeHtml(sampleDocument())

  it('escapes every text: a sentence with <script> and & comes out escaped', () => {
    expect(html).not.toMatch(/<script>/i)
    expect(html).toContain('Experts said &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; imports')
    expect(html).toContain('Use &lt;b&gt;bold&lt;/b&gt; &amp; check')
    expect(html).not.toContain('<b>bold')
    expect(escapeHtml(`<a href="x" onclick='y'>&amp;</a>`)).toBe('&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;')
  })

  it('escapes the title and tags too', () => {
    const doc = { ...sampleDocument(), title: '</title><script>bad()</script>' }
    doc.units[1].tags = [{ name: '<img src=x onerror=alert(1)>', side: 'unit' }]
    const page = writeHtml(doc)
    expect(page).not.toMatch(/<script>|<img/)
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;')
  })

  it('is self-contained, side by side, with Persian cells marked rtl/fa and a named font with fallbacks', () => {
    expect(html).toMatch(/^<!DOCTYPE html>/)
    expect(html).not.toMatch(/<link|<script|src=|@import|url\(/i)
    expect(html).toContain('<td class="fa" dir="rtl" lang="fa">صادرات ایران ۱۲ درصد افزایش یافت.')
    expect(html).toMatch(/td\.fa \{ font-family: Vazirmatn, [^;]*sans-serif;/)
    expect(html).toContain('@media print')
    expect(html).toContain('<bdi class="tag" dir="auto">Person: “Ilham Aliyev”</bdi>')
    expect((html.match(/<tr id=/g) ?? []).length).toBe(6)
    expect(html).toContain('<th>Status</th>')
    expect(writeHtml(sampleDocument(), { statusColumn: false })).not.toContain('<th>Status</th>')
  })

  it('carries its Persian font when given one, as a data URL only (no fetch)', () => {
    const page = writeHtml(sampleDocument(), { persianFontWoff2Base64: 'd09GMgABAAA=' })
    expect(page).toContain('@font-face { font-family: Vazirmatn;')
    expect(page).toContain("src: url(data:font/woff2;base64,d09GMgABAAA=) format('woff2')")
    expect(page).not.toMatch(/<link|<script|@import|url\(http/i)
    // Anything but base64 is refused rather than written into the style sheet.
    expect(writeHtml(sampleDocument(), { persianFontWoff2Base64: "x'); } body { color: red" })).not.toContain('@font-face')
  })

  it('applies the options', () => {
    expect((writeHtml(sampleDocument(), { approvedOnly: true }).match(/<tr id=/g) ?? []).length).toBe(1)
    expect((writeHtml(sampleDocument(), { includeUntranslated: false }).match(/<tr id=/g) ?? []).length).toBe(5)
    expect(writeHtml(sampleDocument(), { includeComments: false })).not.toContain('class="comments"')
  })
})

describe('CSV and TSV', () => {
  it('starts with a UTF-8 BOM and has a header and one row per unit', () => {
    for (const text of [writeCsv(sampleDocument()), writeTsv(sampleDocument())]) {
      expect(text.startsWith(BOM)).toBe(true)
      expect(new TextEncoder().encode(text).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]))
    }
    const rows = parseDelimited(writeCsv(sampleDocument()).slice(1), ',')
    expect(rows[0]).toEqual(['id', 'persian', 'english', 'status', 'tags', 'comments'])
    expect(rows).toHaveLength(7)
  })

  it('quotes commas, quotes and line breaks so they read back exactly', () => {
    const doc = sampleDocument()
    for (const [writer, separator] of [
      [writeCsv, ','],
      [writeTsv, '\t']
    ] as const) {
      const rows = parseDelimited(writer(doc).slice(1), separator)
      const unit = rows[3]
      expect(unit[0]).toBe('r3')
      expect(unit[1]).toBe(doc.units[2].source[0])
      expect(unit[2]).toBe('Experts said <script>alert("x")</script> & imports were $28.4 billion, "a record". Prices rose.')
      expect(unit[3]).toBe('draft')
      expect(unit[5]).toBe('Two lines:\nfirst, then "second"\nAli, editor: Use <b>bold</b> & check')
      expect(rows[2][4]).toBe('Person; Politics')
      expect(rows.every((row) => row.length === 6)).toBe(true)
    }
    expect(writeCsv(doc)).toContain('"Experts said <script>alert(""x"")</script> & imports were $28.4 billion, ""a record"". Prices rose."')
    expect(quoteField('a\tb', '\t')).toBe('"a\tb"')
    expect(quoteField('a,b', '\t')).toBe('a,b')
    expect(quoteField(' padded', ',')).toBe('" padded"')
  })

  it('leaves comments out with includeComments false', () => {
    const rows = parseDelimited(writeCsv(sampleDocument(), { includeComments: false }).slice(1), ',')
    expect(rows.slice(1).every((row) => row[5] === '')).toBe(true)
  })
})

describe('Markdown', () => {
  it('writes the title, each unit with Persian quoted and English below, escaped', () => {
    const md = writeMarkdown(sampleDocument())
    expect(md.startsWith('# صادرات ایران در سال گذشته\n')).toBe(true)
    expect(md).toContain('> صادرات ایران ۱۲ درصد افزایش یافت.')
    expect(md).toContain("Iran's exports rose 12 percent.")
    expect(md).toContain('Experts said \\<script\\>alert("x")\\</script\\> \\& imports')
    expect(md).toContain('*(not translated)*')
    expect(md).toContain('### 2 · reviewed · tags: Person: “Ilham Aliyev”, Politics')
    expect(md).toContain('- Two lines: first, then "second"')
  })
})

describe('English text', () => {
  it('keeps paragraphs and leaves out untranslated units', () => {
    expect(writeEnglishText(sampleDocument())).toBe(
      "Iran's exports rose 12 percent. Ilham Aliyev came to Tehran and met the president.\n\n" +
        'Experts said <script>alert("x")</script> & imports were $28.4 billion, "a record". Prices rose.\n\n' +
        'The translation was rejected.\n\nThe end.\n'
    )
    expect(writeEnglishText(sampleDocument(), { approvedOnly: true })).toBe("Iran's exports rose 12 percent.\n")
  })
})

describe('Hamta JSON', () => {
  it('writes a document Hamta reloads, with the rows of the bilingual document', () => {
    const text = writeHamtaJson(sampleDocument(), { now: NOW })
    const parsed = JSON.parse(text)
    expect(parsed.format).toBe('hamta-document')
    const result = validateDocument(parsed.document)
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.document.id).toBe('doc-42')
    expect(result.document.title).toBe('صادرات ایران در سال گذشته')
    expect(result.document.rows.map((row) => row.status)).toEqual(sampleDocument().units.map((unit) => unit.status))
    expect(result.document.rows[2].comments.map((comment) => comment.text)).toEqual(sampleDocument().units[2].comments.map((comment) => comment.text))
    expect(result.document.rows[1].source.map((sentence) => sentence.text)).toEqual(sampleDocument().units[1].source)
  })

  it('round-trips a Hamta document through the bilingual model', () => {
    const hamta = fromBilingual(sampleDocument(), { id: 'd1', now: NOW, fileName: 'a.txt' })
    const again = JSON.parse(writeHamtaJson(toBilingual(hamta), { now: NOW })).document
    expect(again.rows).toEqual(hamta.rows)
  })
})

describe('format registry', () => {
  it('has a writer, an extension and a MIME type for every --format name', async () => {
    expect([...EXPORT_FORMATS].sort()).toEqual(['csv', 'docx', 'html', 'json', 'md', 'original', 'tmx', 'tsv', 'txt', 'xliff12', 'xliff2'])
    // `original` is written from the document and its kept file (tests/core/formats/xliff-original.test.ts).
    for (const name of BILINGUAL_FORMATS) {
      const writer = writerFor(name)!
      expect(writer.name).toBe(name)
      expect(writer.extension).toMatch(/^\.[a-z0-9.]+$/)
      expect(writer.mimeType).toMatch(/^[a-z]+\/[a-z.+-]+/)
      const content = await writer.write(sampleDocument(), { now: NOW })
      expect(content.length).toBeGreaterThan(0)
    }
    // Two formats never download under the same name (XLIFF 1.2 and 2.1 once did).
    const extensions = BILINGUAL_FORMATS.map((name) => writerFor(name)!.extension)
    expect(new Set(extensions).size).toBe(extensions.length)
    expect(writerFor('pdf')).toBeUndefined()
    expect(FORMAT_WRITERS.docx.mimeType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
    const result = await exportBilingual(sampleDocument(), 'xliff2', { now: NOW })
    expect(result.fileName).toBe('صادرات ایران در سال گذشته.xliff21.xlf')
  })

  it('reports progress up to the total', async () => {
    for (const name of BILINGUAL_FORMATS) {
      const calls: Array<[number, number]> = []
      await FORMAT_WRITERS[name].write(sampleDocument(), { now: NOW, onProgress: (done, total) => calls.push([done, total]) })
      expect(calls.at(-1), name).toEqual([6, 6])
    }
  })
})

// Builders for the import tests and the import bench: real DOCX, HTML and PDF files made from the
// sample articles.
import { execFile } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import { AlignmentType, Document, HeadingLevel, LevelFormat, Packer, Paragraph, TextRun } from 'docx'

const ROOT = fileURLToPath(new URL('../../..', import.meta.url))
const SAMPLES = join(ROOT, 'resources', 'samples')
const FONTS = join(ROOT, 'node_modules', '@fontsource-variable', 'vazirmatn', 'files')
export const CHROMIUM = '/usr/bin/chromium'

export const collapse = (text: string): string => text.replace(/\s+/g, ' ').trim()

export function sampleText(name: string): string {
  return readFileSync(join(SAMPLES, name), 'utf8')
}

/** Sample 000 as paragraphs (blank-line separated, wrapped lines joined). */
export function sample000Paragraphs(): string[] {
  return sampleText('000_6be2688a1683f03a.txt')
    .split(/\n\s*\n/)
    .map(collapse)
    .filter((paragraph) => paragraph.length > 0)
}

/** Sample 003: one paragraph per line; the first line and the short line in the middle are headings. */
export function sample003(): { title: string; subheading: string; paragraphs: string[]; all: string[] } {
  const lines = sampleText('003_1f132d0afecd6292.txt')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
  const subheading = lines.find((line) => line.startsWith('تاکید بر احداث'))!
  return { title: lines[0], subheading, paragraphs: lines.slice(1).filter((line) => line !== subheading), all: lines }
}

export const escapeHtml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

/** A page set in Vazirmatn (loaded from the installed font files) for printing to PDF. */
export function vazirmatnPage(bodyHtml: string): string {
  const font = (file: string): string => pathToFileURL(join(FONTS, file)).href
  return `<!doctype html>
<html lang="fa" dir="rtl"><head><meta charset="utf-8"><title>نمونه</title>
<style>
@font-face { font-family: Vazirmatn; src: url(${font('vazirmatn-arabic-wght-normal.woff2')}) format('woff2'); unicode-range: U+0600-06FF, U+0750-077F, U+200C-200F, U+2010-2011, U+204F, U+2E41, U+FB50-FDFF, U+FE70-FEFF; }
@font-face { font-family: Vazirmatn; src: url(${font('vazirmatn-latin-wght-normal.woff2')}) format('woff2'); }
body { font-family: Vazirmatn; font-size: 12pt; line-height: 1.7; margin: 2cm; }
</style></head><body>${bodyHtml}</body></html>`
}

/** Prints an HTML file to PDF with Chromium; fails (does not skip) when Chromium is missing. */
export async function printToPdf(htmlPath: string, pdfPath: string, profileDir: string): Promise<void> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is needed to make the test PDF and was not found at ${CHROMIUM}`)
  await promisify(execFile)(
    CHROMIUM,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--user-data-dir=${profileDir}`,
      `--print-to-pdf=${pdfPath}`,
      '--no-pdf-header-footer',
      pathToFileURL(htmlPath).href
    ],
    { timeout: 90_000 }
  )
  if (!existsSync(pdfPath)) throw new Error(`Chromium did not write ${pdfPath}`)
}

/** The PDF test page: sample 000's headline, sub-headline and long paragraph, and a mixed-script paragraph. */
export const MIXED_PARAGRAPH =
  'ساحل بابایف (Sahil Babayev) گفت: حجم تجارت دو کشور به ۲۸٫۴ میلیارد دلار و رشد آن به 12.5 درصد رسید؛ «همکاری» ادامه دارد.'

export function pdfSourceParagraphs(): string[] {
  const [title, , subheading, , paragraph] = sample000Paragraphs()
  return [title, subheading, paragraph, MIXED_PARAGRAPH]
}

export async function makeSamplePdf(dir: string): Promise<string> {
  const [title, subheading, paragraph, mixed] = pdfSourceParagraphs()
  const htmlPath = join(dir, 'sample-000.html')
  await writeFile(
    htmlPath,
    vazirmatnPage(`<h1>${escapeHtml(title)}</h1><h2>${escapeHtml(subheading)}</h2><p>${escapeHtml(paragraph)}</p><p>${escapeHtml(mixed)}</p>`)
  )
  const pdfPath = join(dir, 'sample-000.pdf')
  await printToPdf(htmlPath, pdfPath, join(dir, 'chromium-profile'))
  return pdfPath
}

export const BULLETS = ['همکاری سه جانبه اقتصادی', 'احداث کارخانه خودروسازی']
export const NUMBERED = ['راه آهن رشت - آستارا', 'کریدور شمال - جنوب']

/** A Word document of sample 003: headings, body paragraphs (right-to-left), a bulleted and a numbered list. */
export async function makeSampleDocx(): Promise<Uint8Array> {
  const { title, subheading, paragraphs } = sample003()
  const body = (text: string): Paragraph => new Paragraph({ bidirectional: true, children: [new TextRun({ text, rightToLeft: true })] })
  const middle = Math.ceil(paragraphs.length / 2)
  const document = new Document({
    numbering: {
      config: [{ reference: 'numbered', levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.START }] }]
    },
    sections: [
      {
        children: [
          new Paragraph({ heading: HeadingLevel.HEADING_1, bidirectional: true, children: [new TextRun({ text: title, rightToLeft: true })] }),
          ...paragraphs.slice(0, middle).map(body),
          new Paragraph({ heading: HeadingLevel.HEADING_2, bidirectional: true, children: [new TextRun({ text: subheading, rightToLeft: true })] }),
          ...paragraphs.slice(middle).map(body),
          ...BULLETS.map(
            (text) => new Paragraph({ bullet: { level: 0 }, bidirectional: true, children: [new TextRun({ text, rightToLeft: true })] })
          ),
          ...NUMBERED.map(
            (text) =>
              new Paragraph({
                numbering: { reference: 'numbered', level: 0 },
                bidirectional: true,
                children: [new TextRun({ text, rightToLeft: true })]
              })
          )
        ]
      }
    ]
  })
  return new Uint8Array(await Packer.toBuffer(document))
}

/** The text a DOCX made by makeSampleDocx should import as. */
export function expectedDocxText(): string {
  const { title, subheading, paragraphs } = sample003()
  const middle = Math.ceil(paragraphs.length / 2)
  return [
    title,
    ...paragraphs.slice(0, middle),
    subheading,
    ...paragraphs.slice(middle),
    [...BULLETS.map((text) => `• ${text}`), ...NUMBERED.map((text, index) => `${index + 1}. ${text}`)].join('\n')
  ].join('\n\n')
}

import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readDocument } from '../../../src/core/import'
import { extractPdfLines } from '../../../src/core/import/pdf'
import { collapse, makeSamplePdf, pdfSourceParagraphs } from './fixtures'

// One Chromium print per run (it takes a second or two); a missing Chromium fails these tests.
let dir: string
let pdf: Uint8Array

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hamta-import-pdf-'))
  pdf = new Uint8Array(await readFile(await makeSamplePdf(dir)))
}, 120_000)

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true })
})

const source = (): string => collapse(pdfSourceParagraphs().join(' '))

describe('reading a Persian PDF printed by Chromium in Vazirmatn', () => {
  it('gives every paragraph back word for word, in reading order', async () => {
    const progress: number[] = []
    const result = await readDocument('sample-000.pdf', pdf, { onProgress: (fraction) => progress.push(fraction) })
    expect(result.format).toBe('pdf')
    const paragraphs = result.text.split('\n\n').map(collapse)
    expect(paragraphs).toEqual(pdfSourceParagraphs().map(collapse))
    expect(result.notes.join('\n')).toMatch(/rebuilt \d+ right-to-left lines from PDF positions/)
    expect(progress.at(-1)).toBe(1)
    expect(progress).toEqual([...progress].sort((a, b) => a - b))
  })

  it('rebuilds each line in reading order, never with its word groups reversed', async () => {
    const pages = await extractPdfLines('sample-000.pdf', pdf)
    const lines = pages.flat().filter((line) => line.rtl)
    const text = source()
    expect(pages.length).toBeGreaterThanOrEqual(1)
    expect(lines.length).toBeGreaterThan(10) // the long paragraph really is set on many lines
    for (const line of lines) {
      const words = collapse(line.text).split(' ')
      // The first eight words appear in the same order as in the source ...
      expect(text).toContain(words.slice(0, 8).join(' '))
      // ... and so does the whole line, while its word order reversed does not.
      expect(text).toContain(words.join(' '))
      if (words.length >= 4) expect(text).not.toContain([...words].reverse().join(' '))
    }
  })

  it('keeps Latin names and numbers inside a Persian line in their own order', async () => {
    const result = await readDocument('sample-000.pdf', pdf)
    expect(result.text).toContain('(Sahil Babayev)')
    expect(result.text).toContain('۲۸٫۴ میلیارد')
    expect(result.text).toContain('12.5 درصد')
    expect(result.text).toContain('«همکاری»')
  })

  it('turns presentation forms into ordinary letters', async () => {
    const result = await readDocument('sample-000.pdf', pdf)
    expect(result.text).not.toMatch(/[\uFB50-\uFDFF\uFE70-\uFEFF]/)
  })

  it('refuses a damaged PDF with a clear message', async () => {
    const truncated = new TextEncoder().encode('%PDF-1.7\n1 0 obj << /Type /Catalog >>\ngarbage')
    await expect(readDocument('broken.pdf', truncated)).rejects.toThrow(/broken\.pdf cannot be read: it is not a PDF or it is damaged/)
  })
})

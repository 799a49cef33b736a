import { UserError } from '../errors'
import { buildLines, buildParagraphs, type PdfLine, type PositionedItem } from './pdf-layout'
import { countPresentationForms, unifyPresentationForms, yieldToEventLoop, type ImportedText, type ReadOptions } from './types'

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs')

let pdfjsLoading: Promise<PdfJs> | undefined

/**
 * Loads pdf.js for Node. With its worker module registered on globalThis.pdfjsWorker, pdf.js runs
 * the worker's code in this thread instead of importing a worker file by path, which also keeps
 * working after bundling.
 */
function loadPdfJs(): Promise<PdfJs> {
  pdfjsLoading ??= (async () => {
    const worker = await import('pdfjs-dist/legacy/build/pdf.worker.mjs')
    ;(globalThis as { pdfjsWorker?: unknown }).pdfjsWorker ??= worker
    return import('pdfjs-dist/legacy/build/pdf.mjs')
  })()
  return pdfjsLoading
}

interface RawTextItem {
  str?: string
  transform?: number[]
  width?: number
  height?: number
}

function positioned(item: RawTextItem): PositionedItem | null {
  if (typeof item.str !== 'string' || !item.transform) return null
  const [a, b, c, d, x, y] = item.transform
  // Only horizontal text is laid out; rotated items keep their place in the stream order.
  const size = Math.hypot(c, d) || Math.hypot(a, b) || item.height || 0
  return { str: item.str, x, y, width: item.width ?? 0, size: item.str.trim().length > 0 ? size : 0 }
}

const ENDS_PARAGRAPH = /[.!?؟…:»"”)]$/u

async function openPdf(fileName: string, bytes: Uint8Array) {
  const pdfjs = await loadPdfJs()
  // pdf.js takes ownership of the buffer it is given; the caller's bytes stay untouched.
  const data = new Uint8Array(bytes)
  const task = pdfjs.getDocument({ data, isEvalSupported: false, disableFontFace: true, useSystemFonts: false, stopAtErrors: false, verbosity: 0 })
  try {
    return await task.promise
  } catch (error) {
    await task.destroy().catch(() => {})
    const name = error instanceof Error ? error.name : ''
    if (name === 'PasswordException') {
      throw new UserError(`${fileName} is protected by a password; remove the protection and import it again.`, 'broken-file')
    }
    throw new UserError(`${fileName} cannot be read: it is not a PDF or it is damaged.`, 'broken-file')
  }
}

type PdfDocument = Awaited<ReturnType<typeof openPdf>>

async function pageLines(document: PdfDocument, pageNumber: number): Promise<PdfLine[]> {
  const page = await document.getPage(pageNumber)
  try {
    const content = await page.getTextContent()
    const items = (content.items as RawTextItem[]).map(positioned).filter((item): item is PositionedItem => item !== null)
    return buildLines(items)
  } finally {
    page.cleanup()
  }
}

/** The rebuilt lines of every page, top to bottom, in reading order (presentation forms unified). */
export async function extractPdfLines(fileName: string, bytes: Uint8Array): Promise<PdfLine[][]> {
  const document = await openPdf(fileName, bytes)
  try {
    const pages: PdfLine[][] = []
    for (let pageNumber = 1; pageNumber <= document.numPages; pageNumber++) {
      pages.push((await pageLines(document, pageNumber)).map((line) => ({ ...line, text: unifyPresentationForms(line.text) })))
    }
    return pages
  } finally {
    await document.destroy()
  }
}

/**
 * A PDF's text layer to paragraphs, with right-to-left lines rebuilt from item positions so words
 * come out in reading order.
 */
export async function readPdf(fileName: string, bytes: Uint8Array, options: ReadOptions = {}): Promise<ImportedText> {
  const document = await openPdf(fileName, bytes)
  try {
    const paragraphs: string[] = []
    let lineCount = 0
    let rtlLines = 0
    let presentationForms = 0
    for (let pageNumber = 1; pageNumber <= document.numPages; pageNumber++) {
      const lines = await pageLines(document, pageNumber)
      lineCount += lines.length
      rtlLines += lines.filter((line) => line.rtl).length
      const pageParagraphs = buildParagraphs(lines).map((paragraph) => {
        presentationForms += countPresentationForms(paragraph)
        return unifyPresentationForms(paragraph).replace(/\uFEFF/g, '')
      })
      // A paragraph that breaks off at the foot of a page continues at the top of the next.
      if (pageParagraphs.length > 0 && paragraphs.length > 0 && !ENDS_PARAGRAPH.test(paragraphs[paragraphs.length - 1])) {
        paragraphs[paragraphs.length - 1] += ' ' + pageParagraphs.shift()
      }
      paragraphs.push(...pageParagraphs)
      options.onProgress?.(pageNumber / document.numPages)
      await yieldToEventLoop()
    }
    const text = paragraphs.join('\n\n')
    if (text.trim().length === 0) {
      throw new UserError(`${fileName} has no text layer (it may be a scanned image); Hamta cannot read text from images.`, 'empty')
    }
    const notes = [`read ${document.numPages} PDF page${document.numPages === 1 ? '' : 's'}: ${lineCount} lines in ${paragraphs.length} paragraphs`]
    if (rtlLines > 0) notes.push(`rebuilt ${rtlLines} right-to-left lines from PDF positions`)
    if (presentationForms > 0) notes.push(`replaced ${presentationForms} Arabic presentation forms with ordinary letters`)
    return { text, format: 'pdf', notes }
  } finally {
    await document.destroy()
  }
}

/** English text only, one paragraph per source paragraph, paragraphs separated by a blank line. */
import { sideText, type BilingualDocument } from './bilingual'
import { selectUnits, type ExportOptions } from './options'

export function englishParagraphs(doc: BilingualDocument, options: ExportOptions = {}): string[] {
  const paragraphs: string[][] = []
  let current: number | undefined
  for (const unit of selectUnits(doc, options)) {
    // Units without a paragraph index continue the paragraph before them.
    const paragraph = unit.paragraph ?? current ?? 0
    if (paragraph !== current || paragraphs.length === 0) paragraphs.push([])
    current = paragraph
    const text = sideText(unit.target).trim()
    if (text) paragraphs[paragraphs.length - 1].push(text)
  }
  return paragraphs.filter((sentences) => sentences.length > 0).map((sentences) => sentences.join(' '))
}

export function writeEnglishText(doc: BilingualDocument, options: ExportOptions = {}): string {
  const paragraphs = englishParagraphs(doc, options)
  const total = selectUnits(doc, options).length
  options.onProgress?.(total, total)
  return paragraphs.length > 0 ? `${paragraphs.join('\n\n')}\n` : ''
}

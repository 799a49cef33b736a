export type ImportFormat = 'txt' | 'md' | 'html' | 'docx' | 'pdf'

/** A document read into plain text: paragraphs separated by blank lines, titles on their own line. */
export interface ImportedText {
  text: string
  format: ImportFormat
  /** The character encoding the bytes were decoded from, for formats that have one. */
  encoding?: string
  /** What the reader did to the document, in words a translator understands. */
  notes: string[]
}

export interface ReadOptions {
  /** Called with a fraction from 0 to 1 as reading proceeds. */
  onProgress?: (fraction: number) => void
}

/** Gives the event loop a turn, so a long import does not block other work in the process. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve))
}

/**
 * Joins blocks into the import text: paragraphs separated by a blank line; consecutive list items
 * stay on adjacent lines so they read as one list.
 */
export function joinBlocks(blocks: TextBlock[]): string {
  let text = ''
  let previous: TextBlock | undefined
  for (const block of blocks) {
    const content = block.text.trimEnd()
    if (content.trim().length === 0) continue
    if (previous) text += previous.kind === 'item' && block.kind === 'item' ? '\n' : '\n\n'
    text += content
    previous = block
  }
  return text
}

export interface TextBlock {
  kind: 'paragraph' | 'heading' | 'item'
  text: string
}

/** Arabic presentation forms (what PDFs and old files carry) to the ordinary letters. */
const PRESENTATION_FORM = /[\uFB50-\uFDFF\uFE70-\uFEFE]+/gu

export function unifyPresentationForms(text: string): string {
  return text.replace(PRESENTATION_FORM, (forms) => forms.normalize('NFKC'))
}

export function countPresentationForms(text: string): number {
  return text.match(PRESENTATION_FORM)?.reduce((sum, run) => sum + run.length, 0) ?? 0
}

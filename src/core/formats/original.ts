/**
 * Export → Original format: the file the document was imported from, with the translation in it
 * (an XLIFF from another tool, a Word document). Needs the kept original's bytes.
 */
import { UserError } from '../errors'
import type { HamtaDocument } from '../model'
import { writeOriginalXliff } from './xliff-original'

export interface OriginalExport {
  fileName: string
  mimeType: string
  content: Uint8Array
}

const MIME: Record<string, string> = {
  xliff12: 'application/xliff+xml',
  xliff2: 'application/xliff+xml',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
}

export function hasOriginal(doc: HamtaDocument): boolean {
  return doc.origin.original !== undefined
}

/** Says, in words, why a document cannot be saved in its original format. */
export function noOriginal(doc: HamtaDocument): UserError {
  return new UserError(
    `“${doc.title}” was not imported from an XLIFF or Word file that Hamta keeps, so there is no original format to save it in; choose another export format.`,
    'no-original'
  )
}

export async function renderOriginal(doc: HamtaDocument, original: Uint8Array): Promise<OriginalExport> {
  const kept = doc.origin.original
  if (!kept) throw noOriginal(doc)
  const fileName = doc.origin.fileName
  if (kept.format === 'docx') {
    const { writeOriginalDocx } = await import('./docx-original')
    return { fileName, mimeType: MIME.docx, content: await writeOriginalDocx(doc, original) }
  }
  return { fileName, mimeType: MIME[kept.format], content: writeOriginalXliff(doc, original, { fileName }).bytes }
}

import type { HamtaDocument } from '../model'

export interface ExportResult {
  fileName: string
  mimeType: string
  content: string
}

/** A file name made from the title: safe on every file system, still readable. */
export function exportBaseName(doc: HamtaDocument): string {
  const cleaned = doc.title
    .replace(/[\\/:*?"<>|\u0000-\u001f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 80)
    .trim()
  return cleaned || doc.id
}

/** The whole document, as stored: everything Hamta knows about it, reloadable. */
export function exportJson(doc: HamtaDocument): ExportResult {
  return {
    fileName: `${exportBaseName(doc)}.hamta.json`,
    mimeType: 'application/json',
    content: JSON.stringify({ format: 'hamta-document', document: doc }, null, 2) + '\n'
  }
}

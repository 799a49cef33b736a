/**
 * Which rows of a document the memory holds: those with English that is done (translated,
 * reviewed, approved) or whose pairing a reviewer confirmed, never rejected rows, rows marked not
 * for translation, or rows without Persian.
 */
import { DONE_STATUSES, type HamtaDocument, type Row } from '../model'

export interface DocumentUnit {
  rowId: string
  source: string
  target: string
  /** Source of the previous and next row; '' at the start or end of the document. */
  prev: string
  next: string
  /** When the row last changed. */
  date: string
}

export function rowSource(row: Row): string {
  return row.source.map((sentence) => sentence.text).join(' ')
}

export function isMemoryRow(row: Row): boolean {
  if (row.doNotTranslate || row.source.length === 0 || row.target.trim().length === 0) return false
  if (row.status === 'rejected') return false
  return DONE_STATUSES.has(row.status) || row.alignment?.status === 'confirmed'
}

export function documentUnits(doc: HamtaDocument): DocumentUnit[] {
  const units: DocumentUnit[] = []
  doc.rows.forEach((row, index) => {
    if (!isMemoryRow(row)) return
    const source = rowSource(row)
    if (!source.trim()) return
    units.push({
      rowId: row.id,
      source,
      target: row.target,
      prev: index > 0 ? rowSource(doc.rows[index - 1]) : '',
      next: index + 1 < doc.rows.length ? rowSource(doc.rows[index + 1]) : '',
      date: row.updatedAt
    })
  })
  return units
}

export function sameUnit(a: DocumentUnit, b: DocumentUnit): boolean {
  return a.source === b.source && a.target === b.target && a.prev === b.prev && a.next === b.next && a.date === b.date
}

/** Resolving a conflict a team sync left on a row: one click picks a side's version. */
import { UserError } from '../errors'
import {
  ROW_STATUSES,
  type Comment,
  type HamtaDocument,
  type Row,
  type RowConflict,
  type RowStatus,
  type SourceSentence,
  type SpanTag
} from '../model'

export type ConflictChoice = 'ours' | 'theirs'

function applySide(row: Row, record: RowConflict, choice: ConflictChoice): Row | null {
  const chosen = record[choice]
  const value = chosen.value
  switch (record.field) {
    case 'target':
      return { ...row, target: String(value ?? ''), targetSpans: (chosen.spans as SpanTag[] | undefined) ?? row.targetSpans }
    case 'status':
      return ROW_STATUSES.includes(value as RowStatus) ? { ...row, status: value as RowStatus } : row
    case 'paragraph':
      return typeof value === 'number' ? { ...row, paragraph: value } : row
    case 'alignment': {
      const next = { ...row }
      if (value === null || value === undefined) delete next.alignment
      else next.alignment = value as Row['alignment']
      return next
    }
    case 'doNotTranslate': {
      const next = { ...row }
      if (value === null || value === undefined) delete next.doNotTranslate
      else next.doNotTranslate = Boolean(value)
      return next
    }
    case 'targetSpans':
      return Array.isArray(value) ? { ...row, targetSpans: value as SpanTag[] } : row
    case 'source':
      if (record.key === undefined) return Array.isArray(value) ? { ...row, source: value as SourceSentence[] } : row
      return { ...row, source: row.source.map((sentence) => (sentence.id === record.key ? { ...sentence, text: String(value ?? '') } : sentence)) }
    case 'comment':
      return {
        ...row,
        comments: row.comments.map((comment: Comment) => (comment.id === record.key ? { ...comment, text: String(value ?? '') } : comment))
      }
    case 'row': {
      // A side that deleted the row wins by deleting it; a side that kept it restores its version.
      if (value === null || value === undefined) return null
      const kept = value as Row
      return { ...kept, id: row.id, conflicts: row.conflicts }
    }
  }
}

/**
 * Takes one side of a conflict: the row gets that side's value and the conflict (with any older
 * ones on the same part of the row) is closed. Choosing the side that deleted a row deletes it.
 */
export function resolveConflict(doc: HamtaDocument, rowId: string, conflictId: string, choice: ConflictChoice, now: string): HamtaDocument {
  const index = doc.rows.findIndex((row) => row.id === rowId)
  if (index < 0) throw new UserError(`Row ${rowId} does not exist in this document.`, 'not-found')
  const row = doc.rows[index]
  const record = row.conflicts?.find((conflict) => conflict.id === conflictId)
  if (!record) throw new UserError(`Row ${rowId} has no conflict ${conflictId}.`, 'not-found')
  const changed = applySide(row, record, choice)
  const rows = doc.rows.slice()
  if (changed === null) rows.splice(index, 1)
  else {
    const remaining = (changed.conflicts ?? []).filter((conflict) => !(conflict.field === record.field && conflict.key === record.key))
    const next: Row = { ...changed, updatedAt: now }
    if (remaining.length > 0) next.conflicts = remaining
    else delete next.conflicts
    rows[index] = next
  }
  return { ...doc, rows, updatedAt: now }
}

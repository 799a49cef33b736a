/**
 * One undo history per document, for every edit in the order it was made: typing, statuses,
 * tags and comments, cleanup fixes, sentence and alignment edits. Typing is saved a few times a
 * second, so the saves of one row's English follow each other into a single step until another
 * edit (or another row) comes between; typing a row back to what it was removes its step.
 *
 * Pure: each function takes a history and returns a new one. States are whole documents, which
 * share every unchanged row with their neighbours, so a step costs one array of row references.
 */
import { canRedo, canUndo, commit, createHistory, redo, undo, type History } from '../align/history'
import type { HamtaDocument, Row } from '../model'

export interface DocumentHistory {
  states: History<HamtaDocument>
  /** The row whose typing the newest step holds, while further typing there joins it. */
  typingRow?: string
}

export interface HistoryFlags {
  canUndo: boolean
  canRedo: boolean
}

/** Past states kept per document; the oldest are forgotten beyond it. */
export const DOCUMENT_HISTORY_LIMIT = 200

export function startHistory(document: HamtaDocument): DocumentHistory {
  return { states: createHistory(document) }
}

/**
 * The history to record into for the document as stored: a history whose present is not that
 * document (changed by a team sync, restored from a backup) describes another text and starts over.
 */
export function historyFor(history: DocumentHistory | undefined, stored: HamtaDocument): DocumentHistory {
  return history && history.states.present === stored ? history : startHistory(stored)
}

function sameEnglish(a: Row | undefined, b: Row | undefined): boolean {
  return !!a && !!b && a.target === b.target && JSON.stringify(a.targetSpans) === JSON.stringify(b.targetSpans)
}

/**
 * Records a new state. With `typingRow`, a save of that row's English joins the step of the save
 * before it, so undo takes back a row's typing at once rather than keystroke by keystroke.
 */
export function record(history: DocumentHistory, next: HamtaDocument, options: { typingRow?: string } = {}): DocumentHistory {
  const { states } = history
  if (next === states.present) return history
  const rowId = options.typingRow
  if (rowId && history.typingRow === rowId && states.past.length > 0) {
    const before = states.past[states.past.length - 1]
    const find = (doc: HamtaDocument): Row | undefined => doc.rows.find((row) => row.id === rowId)
    // Typed back to what it was (the editor's own undo): the step has nothing left to undo.
    if (sameEnglish(find(before), find(next)) && before.rows.length === next.rows.length) {
      return { states: { past: states.past.slice(0, -1), present: next, future: [] } }
    }
    return { states: { past: states.past, present: next, future: [] }, typingRow: rowId }
  }
  return { states: commit(states, next, DOCUMENT_HISTORY_LIMIT), ...(rowId ? { typingRow: rowId } : {}) }
}

export function undoStep(history: DocumentHistory): DocumentHistory {
  return { states: undo(history.states) }
}

export function redoStep(history: DocumentHistory): DocumentHistory {
  return { states: redo(history.states) }
}

export function flagsOf(history: DocumentHistory | undefined): HistoryFlags {
  return history ? { canUndo: canUndo(history.states), canRedo: canRedo(history.states) } : { canUndo: false, canRedo: false }
}

import { useCallback, useEffect } from 'react'
import type { Row } from '../../../../core/model'
import { numberMismatch } from '../../../../core/review/number-check'
import type { TagDefinition } from '../../../../core/review/palette'
import type { HamtaApi } from '../../../../shared/contract'
import { actionFor, shortcutOf, type EditorAction, type KeyBindings } from './shortcuts'
import type { useAlignmentEdits } from './useAlignmentEdits'
import type { DocumentSession } from './useDocumentSession'

interface EditorCommandsOptions {
  api: HamtaApi
  documentId: string
  session: DocumentSession
  alignment: ReturnType<typeof useAlignmentEdits>
  /** Whether the filter shows a row: moving skips the rows it hides. */
  rowMatches: (index: number) => boolean
  aligned: boolean
  reviewing: boolean
  palette: TagDefinition[]
  applyTag: (tagId: string) => void
  openSplit: () => void
  openReject: () => void
  /** Puts match n (from 1) of the translation memory into the active row's English. */
  insertMatch: (n: number) => void
  /** Searches the memory for the selected words, or opens the search. */
  searchConcordance: () => void
  /** After a row is confirmed (its repetitions take its English). */
  onConfirmed?: (rowId: string) => void
  /** Adds a term from the Persian and English selected. */
  addTerm?: () => void
  /** Puts the English of the active row's next term into its translation. */
  insertTerm?: () => void
  /** Puts the next inline code the English lacks at the cursor. */
  insertNextCode?: () => void
  /** Gives the active row back its English and status from when it was opened; false when there was nothing to do. */
  revertRow?: () => boolean
  /** Whether a row has QA findings (not marked "not an error"), for the next-finding keys. */
  hasQaFinding?: (rowId: string) => boolean
  /** The user's own keys. */
  bindings?: KeyBindings
  /** Commands of the editor's layout and help. */
  view?: Partial<Record<EditorAction, () => void>>
}

/** What the English editor tells about its own history, so its undo keeps its typing first. */
export interface LocalHistory {
  canUndo: boolean
  canRedo: boolean
}

const untranslated = (row: Row): boolean => !row.doNotTranslate && (row.status === 'untranslated' || row.status === 'draft')
const unconfirmed = (row: Row): boolean => !!row.alignment && row.alignment.status !== 'confirmed'
/** A row that asks for a look: numbers that differ, an open comment, a flag, a sync conflict. */
export const hasFinding = (row: Row): boolean =>
  row.alignment?.status === 'flagged' ||
  (row.conflicts?.length ?? 0) > 0 ||
  row.comments.some((comment) => !comment.resolved) ||
  numberMismatch(row) !== null

/**
 * Every editor command by name (`perform`), and the keyboard: shortcuts work wherever the focus
 * is; keys the English editor handled itself (its own undo, for one) arrive with
 * defaultPrevented and are left alone.
 */
export function useEditorCommands(options: EditorCommandsOptions) {
  const {
    api,
    documentId,
    session,
    alignment,
    rowMatches,
    aligned,
    reviewing,
    palette,
    applyTag,
    openSplit,
    openReject,
    insertMatch,
    searchConcordance,
    onConfirmed,
    addTerm,
    insertTerm,
    insertNextCode,
    revertRow,
    hasQaFinding,
    bindings,
    view
  } = options
  const { rowsRef, activeRef, activate, setStatus, setNotice, runStructuralEdit } = session
  const { editActive, confirmAndNext } = alignment

  /** Moves to the next or previous row the filter shows. */
  const move = useCallback(
    (step: 1 | -1) => {
      const all = rowsRef.current
      for (let index = activeRef.current + step; index >= 0 && index < all.length; index += step) {
        if (rowMatches(index)) return activate(index)
      }
    },
    [activate, rowMatches, rowsRef, activeRef]
  )

  /** Goes to the next (or previous) shown row that `wanted` picks, or says there is none. */
  const jump = useCallback(
    (step: 1 | -1, wanted: (row: Row) => boolean, what: string) => {
      const all = rowsRef.current
      for (let index = activeRef.current + step; index >= 0 && index < all.length; index += step) {
        if (rowMatches(index) && wanted(all[index])) {
          setNotice(null)
          return activate(index)
        }
      }
      setNotice(`No ${what} ${step > 0 ? 'below' : 'above'} this row.`)
    },
    [activate, rowMatches, rowsRef, activeRef, setNotice]
  )

  const confirmTranslation = useCallback(() => {
    const index = activeRef.current
    const row = rowsRef.current[index]
    if (!row) return
    if (!row.target.trim()) {
      setNotice('Type a translation before marking the row translated.')
      return
    }
    setNotice(null)
    const confirmed =
      row.status === 'untranslated' || row.status === 'draft' || row.status === 'rejected' ? setStatus(index, 'translated') : Promise.resolve()
    void confirmed.then(() => onConfirmed?.(row.id))
    move(1)
  }, [move, setStatus, setNotice, rowsRef, activeRef, onConfirmed])

  const perform = useCallback(
    (action: EditorAction) => {
      switch (action) {
        case 'confirmTranslation':
          return confirmTranslation()
        case 'nextRow':
          return move(1)
        case 'previousRow':
          return move(-1)
        case 'nextUntranslated':
        case 'previousUntranslated':
          return jump(action === 'nextUntranslated' ? 1 : -1, untranslated, 'untranslated row')
        case 'nextUnconfirmed':
        case 'previousUnconfirmed':
          return jump(action === 'nextUnconfirmed' ? 1 : -1, unconfirmed, 'unconfirmed pairing')
        case 'nextFinding':
        case 'previousFinding':
          return jump(action === 'nextFinding' ? 1 : -1, (row) => hasFinding(row) || (hasQaFinding?.(row.id) ?? false), 'row with a finding')
        case 'goToRow':
        case 'toggleSidePanel':
        case 'toggleToolbars':
        case 'toggleDensity':
        case 'showShortcuts':
        case 'focusSearch':
        case 'nextSideTab':
        case 'previousSideTab':
        case 'toggleReview':
        case 'exportDocument':
          return view?.[action]?.()
        case 'confirmAlignment':
          return confirmAndNext()
        case 'flagAlignment':
          return editActive((row) => ({
            kind: 'setAlignmentStatus',
            rowId: row.id,
            status: row.alignment?.status === 'flagged' ? 'auto' : 'flagged'
          }))
        case 'mergeWithNext':
          return editActive((row) => ({ kind: 'mergeWithNext', rowId: row.id }))
        case 'splitRow':
          return openSplit()
        case 'englishToPrevious':
          return editActive((row) => ({ kind: 'moveSentence', rowId: row.id, side: 'target', direction: 'previous' }))
        case 'englishToNext':
          return editActive((row) => ({ kind: 'moveSentence', rowId: row.id, side: 'target', direction: 'next' }))
        case 'persianToPrevious':
          return editActive((row) => ({ kind: 'moveSentence', rowId: row.id, side: 'source', direction: 'previous' }))
        case 'persianToNext':
          return editActive((row) => ({ kind: 'moveSentence', rowId: row.id, side: 'source', direction: 'next' }))
        case 'detachEnglish':
          return editActive((row) => ({ kind: 'detachSentence', rowId: row.id, side: 'target', which: 'last' }))
        case 'approveRow':
        case 'markReviewed': {
          const index = activeRef.current
          const row = rowsRef.current[index]
          if (!row?.target.trim()) return setNotice('This row has no English to review.')
          void setStatus(index, action === 'approveRow' ? 'approved' : 'reviewed')
          return move(1)
        }
        case 'rejectRow':
          return rowsRef.current[activeRef.current]?.target.trim() ? openReject() : setNotice('This row has no English to reject.')
        case 'undoDocumentEdit':
          return void runStructuralEdit(() => api.undoDocumentEdit({ documentId }))
        case 'redoDocumentEdit':
          return void runStructuralEdit(() => api.redoDocumentEdit({ documentId }))
        case 'insertMatch1':
        case 'insertMatch2':
        case 'insertMatch3':
        case 'insertMatch4':
        case 'insertMatch5':
          return insertMatch(Number(action.slice(-1)))
        case 'concordance':
          return searchConcordance()
        case 'addTerm':
          return addTerm?.()
        case 'insertTerm':
          return insertTerm?.()
        case 'insertNextCode':
          return insertNextCode?.()
        case 'revertRow':
          return void revertRow?.()
      }
    },
    [
      api,
      documentId,
      confirmTranslation,
      confirmAndNext,
      editActive,
      move,
      jump,
      view,
      openSplit,
      openReject,
      insertMatch,
      searchConcordance,
      addTerm,
      insertTerm,
      insertNextCode,
      revertRow,
      hasQaFinding,
      runStructuralEdit,
      setNotice,
      setStatus,
      rowsRef,
      activeRef
    ]
  )

  /**
   * Runs the command a key press stands for; true when it did. The English editor asks first
   * (its own undo and redo win while it has typing to take back), the page after.
   */
  const handleKey = useCallback(
    (event: KeyboardEvent, local?: LocalHistory): boolean => {
      const action = actionFor(event, { aligned, reviewing }, bindings)
      if (action) {
        if (local && ((action === 'undoDocumentEdit' && local.canUndo) || (action === 'redoDocumentEdit' && local.canRedo))) return false
        // Escape is everybody's key: it is taken only when there was typing to give back.
        if (action === 'revertRow') return revertRow?.() ?? false
        perform(action)
        return true
      }
      const pressed = shortcutOf(event)
      const tag = pressed ? palette.find((candidate) => candidate.shortcut === pressed) : undefined
      if (!tag) return false
      applyTag(tag.id)
      return true
    },
    [aligned, applyTag, bindings, palette, perform, reviewing, revertRow]
  )

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      // Handled already (by the English editor, which asks handleKey itself).
      if (event.defaultPrevented) return
      // Typing in a dialog or a form field is not a command.
      if ((event.target as Element | null)?.closest?.('input, textarea, select, [role="dialog"], [role="alertdialog"]')) return
      if (handleKey(event)) event.preventDefault()
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [handleKey])

  return { perform, move, confirmTranslation, handleKey }
}

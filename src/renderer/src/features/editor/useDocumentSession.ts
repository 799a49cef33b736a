import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { statusAfterEdit, type HamtaDocument, type Row, type RowStatus } from '../../../../core/model'
import type { DocumentEditState, HamtaApi, RowUpdate } from '../../../../shared/contract'
import { AutosaveQueue, type SaveState } from './autosave'
import type { EditorSpan } from './tagging'

/** What the English editor hands over for saving: the text and its tagged spans. */
export interface EnglishEdit {
  text: string
  spans: EditorSpan[]
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

export interface DocumentSessionOptions {
  api: HamtaApi
  documentId: string
  onError: (message: string) => void
  onClose: () => void
  /** Called once the document has loaded, to choose where the user starts. */
  onLoaded?: (document: HamtaDocument) => void
}

/**
 * One open document: its rows as the page shows them, the active row, saving (debounced,
 * flushed when the page hides or the document closes) and the edits that come back from the
 * services (row updates, structural edits with undo).
 */
export function useDocumentSession({ api, documentId, onError, onClose, onLoaded }: DocumentSessionOptions) {
  const [doc, setDoc] = useState<HamtaDocument | null>(null)
  const [rows, setRows] = useState<Row[]>([])
  const [activeIndex, setActiveIndex] = useState(0)
  const [saveState, setSaveState] = useState<SaveState>('saved')
  const [notice, setNotice] = useState<string | null>(null)
  const [history, setHistory] = useState({ canUndo: false, canRedo: false })
  // Bumped when rows come back from an alignment change, so the open editor reloads its text.
  const [rowsVersion, setRowsVersion] = useState(0)
  const [cleanupRevision, setCleanupRevision] = useState(0)
  const rowsRef = useRef(rows)
  rowsRef.current = rows
  const activeRef = useRef(activeIndex)
  activeRef.current = activeIndex
  const onLoadedRef = useRef(onLoaded)
  onLoadedRef.current = onLoaded

  const queue = useMemo(
    () =>
      new AutosaveQueue<EnglishEdit>({
        delayMs: 400,
        save: async (rowId, edit) => {
          const saved = await api.saveTarget({ documentId, rowId, target: edit.text, targetSpans: edit.spans })
          if (saved.canUndo !== undefined) setHistory({ canUndo: saved.canUndo, canRedo: !!saved.canRedo })
        },
        onStateChange: (state, error) => {
          setSaveState(state)
          if (state === 'error') onError(`Your last edits are not saved yet (${errorMessage(error)}). Hamta keeps retrying.`)
        }
      }),
    [api, documentId, onError]
  )

  useEffect(() => {
    let cancelled = false
    api.getDocument({ documentId }).then(
      (loaded) => {
        if (cancelled) return
        setDoc(loaded)
        setRows(loaded.rows)
        onLoadedRef.current?.(loaded)
        // Reviewers start at the first pairing nobody confirmed; translators at the first open row.
        const reviewing = loaded.rows.some((row) => row.alignment)
        const firstOpen = loaded.rows.findIndex((row) =>
          reviewing ? row.alignment?.status !== 'confirmed' : row.status === 'untranslated' || row.status === 'draft'
        )
        setActiveIndex(firstOpen < 0 ? 0 : firstOpen)
      },
      (error: Error) => {
        onError(error.message)
        onClose()
      }
    )
    return () => {
      cancelled = true
    }
  }, [api, documentId, onClose, onError])

  // Nothing typed may be lost: save at once when the page hides or unloads, and when leaving.
  useEffect(() => {
    const flush = (): void => void queue.flush()
    const onVisibility = (): void => {
      if (document.visibilityState === 'hidden') flush()
    }
    window.addEventListener('beforeunload', flush)
    window.addEventListener('pagehide', flush)
    document.addEventListener('visibilitychange', onVisibility)
    return () => {
      window.removeEventListener('beforeunload', flush)
      window.removeEventListener('pagehide', flush)
      document.removeEventListener('visibilitychange', onVisibility)
      flush()
    }
  }, [queue])

  const updateRow = useCallback((index: number, change: (row: Row) => Row) => {
    setRows((current) => {
      const next = current.slice()
      next[index] = change(current[index])
      return next
    })
  }, [])

  /** Shows a row as the store returned it after a content edit (tags, comments, status). */
  const showRow = useCallback(
    (update: RowUpdate) => {
      const index = rowsRef.current.findIndex((row) => row.id === update.row.id)
      if (index < 0) return
      const before = rowsRef.current[index]
      // English typed since the request went out is newer than the answer: it stays, with the
      // status it gives (the server gives the same once it is saved).
      const typed = queue.unsavedValue(update.row.id)
      updateRow(index, (current) =>
        typed ? { ...update.row, target: current.target, targetSpans: current.targetSpans, status: current.status } : update.row
      )
      // The open editor reloads when the English marks changed under it.
      if (index === activeRef.current && JSON.stringify(before.targetSpans) !== JSON.stringify(update.row.targetSpans)) setRowsVersion((v) => v + 1)
      if (update.canUndo !== undefined) setHistory({ canUndo: update.canUndo, canRedo: !!update.canRedo })
    },
    [queue, updateRow]
  )

  const rowEdit = useCallback(
    async (request: () => Promise<RowUpdate>) => {
      try {
        await queue.flush()
        showRow(await request())
      } catch (error) {
        setNotice(errorMessage(error))
      }
    },
    [queue, showRow]
  )

  const setStatus = useCallback(
    async (index: number, status: RowStatus, reason?: string) => {
      const row = rowsRef.current[index]
      const previous = row.status
      updateRow(index, (current) => ({ ...current, status }))
      try {
        await queue.flush()
        showRow(await api.setRowStatus({ documentId, rowId: row.id, status, ...(reason ? { reason } : {}) }))
      } catch (error) {
        updateRow(index, (current) => ({ ...current, status: previous }))
        onError(errorMessage(error))
      }
    },
    [api, documentId, onError, queue, showRow, updateRow]
  )

  /** The English of the active row as typed; saved a moment later. */
  const changeActiveText = useCallback(
    (text: string, spans: EditorSpan[]) => {
      const index = activeRef.current
      const row = rowsRef.current[index]
      updateRow(index, (current) => ({
        ...current,
        target: text,
        status: statusAfterEdit(current, text),
        targetSpans: spans.map((span, n) => ({ id: span.id ?? `new${n}`, tag: span.tag, start: span.start, end: span.end }))
      }))
      queue.schedule(row.id, { text, spans })
      // Typing joins the document's undo history once saved; nothing is left to redo.
      setHistory({ canUndo: true, canRedo: false })
    },
    [queue, updateRow]
  )

  /** Shows a new state of the document after a structural change, keeping the active row. */
  const showDocumentState = useCallback((state: DocumentEditState, focusRowId?: string) => {
    const activeId = focusRowId ?? rowsRef.current[activeRef.current]?.id
    setDoc(state.document)
    setRows(state.document.rows)
    setHistory({ canUndo: state.canUndo, canRedo: state.canRedo })
    setRowsVersion((version) => version + 1)
    setCleanupRevision((revision) => revision + 1)
    const found = state.document.rows.findIndex((row) => row.id === activeId)
    setActiveIndex(found >= 0 ? found : Math.min(activeRef.current, state.document.rows.length - 1))
  }, [])

  /** Runs a structural edit (alignment, sentences, cleanup, undo) once pending typing is saved. */
  const runStructuralEdit = useCallback(
    async (request: () => Promise<DocumentEditState>, focusRowId?: string) => {
      try {
        await queue.flush()
        setNotice(null)
        showDocumentState(await request(), focusRowId)
      } catch (error) {
        setNotice(errorMessage(error))
      }
    },
    [queue, showDocumentState]
  )

  /**
   * The document as a team sync left it: rows change under the user, the active row keeps what is
   * being typed, and its editor reloads only when the sync changed that row's English.
   */
  const receiveDocument = useCallback(
    (next: HamtaDocument) => {
      const active = rowsRef.current[activeRef.current]
      const typing = active && queue.unsavedValue(active.id) !== undefined
      const incoming = next.rows.find((row) => row.id === active?.id)
      const rows = typing && incoming ? next.rows.map((row) => (row.id === active.id ? active : row)) : next.rows
      setDoc(next)
      setRows(rows)
      const found = rows.findIndex((row) => row.id === active?.id)
      setActiveIndex(found >= 0 ? found : Math.min(activeRef.current, rows.length - 1))
      if (
        !typing &&
        (!incoming || incoming.target !== active?.target || JSON.stringify(incoming.targetSpans) !== JSON.stringify(active?.targetSpans))
      )
        setRowsVersion((version) => version + 1)
      setCleanupRevision((revision) => revision + 1)
    },
    [queue]
  )

  const activate = useCallback((index: number) => {
    setActiveIndex((current) => (index >= 0 && index < rowsRef.current.length ? index : current))
  }, [])

  return {
    doc,
    rows,
    rowsRef,
    activeIndex,
    activeRef,
    activate,
    saveState,
    queue,
    notice,
    setNotice,
    history,
    rowsVersion,
    cleanupRevision,
    updateRow,
    rowEdit,
    setStatus,
    changeActiveText,
    showDocumentState,
    runStructuralEdit,
    receiveDocument
  }
}

export type DocumentSession = ReturnType<typeof useDocumentSession>

import { useVirtualizer } from '@tanstack/react-virtual'
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react'
import type { AlignmentEdit } from '../../../../core/align/document-alignment'
import { computeProgress, statusAfterEdit, type HamtaDocument, type Row, type RowStatus } from '../../../../core/model'
import type { DocumentEditState, HamtaApi } from '../../../../shared/contract'
import type { MenuCommand } from '../../../../shared/methods'
import { ProgressBar } from '../../components/ProgressBar'
import type { ExportFormat, ExportOptionName } from '../../../../core/formats/catalog'
import { readFileAsBase64, saveExport, textToBase64 } from '../../platform'
import { ExportDialog } from './ExportDialog'
import { AlignmentMap } from './AlignmentMap'
import { AutosaveQueue, type SaveState } from './autosave'
import { RowView } from './RowView'
import { actionFor, shortcutAvailable, shortcutOf, SHORTCUTS, type EditorAction } from './shortcuts'
import type { Editor } from '@tiptap/core'
import { filterRows } from '../../../../core/review/filters'
import type { TagDefinition } from '../../../../core/review/palette'
import type { RowUpdate } from '../../../../shared/contract'
import { CleanupPanel } from './CleanupPanel'
import { FilterBar, isFiltering, NO_FILTER, queryFor, type RowFilterState } from './FilterBar'
import { OverviewPanel } from './OverviewPanel'
import { RejectDialog } from './RejectDialog'
import { RowPanel, type RowPanelActions } from './RowPanel'
import { caretInElement, selectionInElement, type EditorSpan } from './tagging'
import { TargetEditor } from './TargetEditor'
import { TranslationImportDialog } from './TranslationImportDialog'

type SideTab = 'row' | 'cleanup' | 'overview' | 'map'
const SIDE_TABS: SideTab[] = ['row', 'cleanup', 'overview', 'map']
const SIDE_TAB_LABEL: Record<SideTab, string> = { row: 'Row', cleanup: 'Cleanup', overview: 'Overview', map: 'Map' }

/** What the English editor hands over for saving: the text and its tagged spans. */
interface EnglishEdit {
  text: string
  spans: EditorSpan[]
}

const SAVE_LABEL: Record<SaveState, string> = {
  saved: 'All changes saved',
  pending: 'Saving…',
  saving: 'Saving…',
  error: 'Not saved yet: retrying'
}

interface EditorViewProps {
  api: HamtaApi
  documentId: string
  onClose: () => void
  onError: (message: string) => void
  menuCommand: { command: MenuCommand; serial: number } | null
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/** Picks the split point of a row: how many sentences of each side stay in the first part. */
function SplitPanel({ row, onSplit, onCancel }: { row: Row; onSplit: (sourceCount: number, targetCount: number) => void; onCancel: () => void }) {
  const targetSentences = Math.max(0, row.target.split(/(?<=[.!?…]["”’)]?)\s+/).filter(Boolean).length)
  const [sourceCount, setSourceCount] = useState(Math.ceil(row.source.length / 2))
  const [targetCount, setTargetCount] = useState(Math.ceil(targetSentences / 2))
  const options = (count: number): number[] => Array.from({ length: count + 1 }, (_, n) => n)
  return (
    <div className="split-panel" role="dialog" aria-label="Split row">
      <span>Keep in the first row:</span>
      <label>
        Persian sentences{' '}
        <select value={sourceCount} onChange={(event) => setSourceCount(Number(event.target.value))}>
          {options(row.source.length).map((n) => (
            <option key={n} value={n}>
              {n} of {row.source.length}
            </option>
          ))}
        </select>
      </label>
      <label>
        English sentences{' '}
        <select value={targetCount} onChange={(event) => setTargetCount(Number(event.target.value))}>
          {options(targetSentences).map((n) => (
            <option key={n} value={n}>
              {n} of {targetSentences}
            </option>
          ))}
        </select>
      </label>
      <button type="button" onClick={() => onSplit(sourceCount, targetCount)}>
        Split
      </button>
      <button type="button" className="secondary" onClick={onCancel}>
        Cancel
      </button>
    </div>
  )
}

/** The translation grid: Persian sentences right to left, each on the row of its English. */
export function EditorView({ api, documentId, onClose, onError, menuCommand }: EditorViewProps): React.JSX.Element {
  const [doc, setDoc] = useState<HamtaDocument | null>(null)
  const [rows, setRows] = useState<Row[]>([])
  const [activeIndex, setActiveIndex] = useState(0)
  const [saveState, setSaveState] = useState<SaveState>('saved')
  const [notice, setNotice] = useState<string | null>(null)
  const [history, setHistory] = useState({ canUndo: false, canRedo: false })
  const [filter, setFilter] = useState<RowFilterState>(NO_FILTER)
  const [splitting, setSplitting] = useState(false)
  const [palette, setPalette] = useState<TagDefinition[]>([])
  const [authorName, setAuthorName] = useState('')
  const [reviewing, setReviewing] = useState(false)
  /** In review mode the English is read-only unless the reviewer chooses to edit this row. */
  const [editingRowId, setEditingRowId] = useState<string | null>(null)
  const [rejecting, setRejecting] = useState(false)
  const [sideTab, setSideTab] = useState<SideTab>('row')
  const [cleanupRevision, setCleanupRevision] = useState(0)
  const editorRef = useRef<Editor | null>(null)
  const onEditorReady = useCallback((editor: Editor | null) => {
    editorRef.current = editor
  }, [])
  const [showHelp, setShowHelp] = useState(false)
  // Bumped when rows come back from an alignment change, so the open editor reloads its text.
  const [rowsVersion, setRowsVersion] = useState(0)
  const rowsRef = useRef(rows)
  rowsRef.current = rows
  const gridRef = useRef<HTMLDivElement>(null)
  const headerRef = useRef<HTMLDivElement>(null)
  const [scrollMargin, setScrollMargin] = useState(0)
  const activeRef = useRef(activeIndex)
  activeRef.current = activeIndex

  const queue = useMemo(
    () =>
      new AutosaveQueue<EnglishEdit>({
        delayMs: 400,
        save: async (rowId, edit) => {
          await api.saveTarget({ documentId, rowId, target: edit.text, targetSpans: edit.spans })
        },
        onStateChange: (state, error) => {
          setSaveState(state)
          if (state === 'error') onError(`Your last edits are not saved yet (${errorMessage(error)}). Hamta keeps retrying.`)
        }
      }),
    [api, documentId, onError]
  )

  const aligned = useMemo(() => rows.some((row) => row.alignment), [rows])
  const query = useMemo(() => queryFor(filter), [filter])
  const matching = useMemo(() => {
    if (!doc || !isFiltering(filter)) return null
    return new Set(filterRows({ ...doc, rows }, query))
  }, [doc, rows, filter, query])
  const rowMatches = useCallback((index: number) => matching === null || matching.has(index), [matching])
  /** Indices of the rows shown, or null for all of them (no list to rebuild on every keystroke). */
  const shownIndices = useMemo(
    () => (matching === null ? null : rows.map((_, index) => index).filter((index) => index === activeIndex || matching.has(index))),
    [rows, matching, activeIndex]
  )
  const shownCount = shownIndices?.length ?? rows.length
  const rowIndexAt = useCallback((position: number) => (shownIndices ? shownIndices[position] : position), [shownIndices])

  // Only the rows in view (and a few around them) are in the page, so long documents stay fast.
  const virtualizer = useVirtualizer({
    count: shownCount,
    getScrollElement: () => gridRef.current,
    estimateSize: () => 96,
    overscan: 12,
    scrollMargin,
    getItemKey: (position) => rows[rowIndexAt(position)].id,
    // Until the page has been laid out (and in tests without layout), assume a screenful.
    initialRect: { width: 1200, height: 1200 }
  })
  useLayoutEffect(() => {
    if (headerRef.current) setScrollMargin(headerRef.current.offsetHeight)
  }, [doc])
  useEffect(() => {
    const position = shownIndices ? shownIndices.indexOf(activeIndex) : activeIndex
    if (position >= 0 && position < shownCount) virtualizer.scrollToIndex(position, { align: 'auto' })
    // Scroll only when the active row changes, not on every edit of the rows.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [activeIndex])

  useEffect(() => {
    void api.getPalette({}).then(setPalette, (error: Error) => onError(error.message))
    void api.getSettings({}).then(
      (settings) => setAuthorName(settings.authorName),
      (error: Error) => onError(error.message)
    )
  }, [api, onError])

  useEffect(() => {
    let cancelled = false
    api.getDocument({ documentId }).then(
      (loaded) => {
        if (cancelled) return
        setDoc(loaded)
        setRows(loaded.rows)
        // Reviewers start at the first pairing nobody confirmed, with the map in view;
        // translators at the first open row.
        const reviewing = loaded.rows.some((row) => row.alignment)
        if (reviewing) setSideTab('map')
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

  const activate = useCallback((index: number) => {
    setActiveIndex((current) => (index >= 0 && index < rowsRef.current.length ? index : current))
  }, [])

  /** Moves to the next or previous row the filter shows. */
  const move = useCallback(
    (step: 1 | -1) => {
      const all = rowsRef.current
      for (let index = activeRef.current + step; index >= 0 && index < all.length; index += step) {
        if (rowMatches(index)) return activate(index)
      }
    },
    [activate, rowMatches]
  )

  /** Shows a row as the store returned it after a content edit (tags, comments, status). */
  const showRow = useCallback(
    (update: RowUpdate) => {
      const index = rowsRef.current.findIndex((row) => row.id === update.row.id)
      if (index < 0) return
      const before = rowsRef.current[index]
      updateRow(index, () => update.row)
      // The open editor reloads when the English marks changed under it.
      if (index === activeRef.current && JSON.stringify(before.targetSpans) !== JSON.stringify(update.row.targetSpans)) setRowsVersion((v) => v + 1)
      setHistory({ canUndo: false, canRedo: false })
    },
    [updateRow]
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

  const confirmActive = useCallback(() => {
    const index = activeRef.current
    const row = rowsRef.current[index]
    if (!row) return
    if (!row.target.trim()) {
      setNotice('Type a translation before marking the row translated.')
      return
    }
    setNotice(null)
    if (row.status === 'untranslated' || row.status === 'draft' || row.status === 'rejected') void setStatus(index, 'translated')
    move(1)
  }, [move, setStatus])

  const toggleStatus = useCallback(
    (index: number) => {
      const row = rowsRef.current[index]
      if (!row.target.trim()) return
      void setStatus(index, row.status === 'translated' ? 'draft' : 'translated')
    },
    [setStatus]
  )

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
      setHistory({ canUndo: false, canRedo: false })
    },
    [queue, updateRow]
  )

  /**
   * Tags what the user selected: words of a Persian sentence, or of the English being edited;
   * with nothing selected, the whole active row.
   */
  const applyTag = useCallback(
    (tagId: string) => {
      const selection = window.getSelection()
      const anchor = selection?.anchorNode
      const sentenceElement = (anchor instanceof Element ? anchor : anchor?.parentElement)?.closest('.sentence[data-sentence-id]')
      const rowElement = sentenceElement?.closest('.row[data-row-id]')
      const range = sentenceElement ? selectionInElement(sentenceElement, selection) : null
      if (sentenceElement && rowElement && range) {
        const rowId = rowElement.getAttribute('data-row-id')!
        const sentenceId = sentenceElement.getAttribute('data-sentence-id')!
        selection?.removeAllRanges()
        void rowEdit(() => api.addSourceSpan({ documentId, rowId, sentenceId, start: range.start, end: range.end, tagId }))
        return
      }
      const editor = editorRef.current
      if (editor && !editor.state.selection.empty) {
        const spanId = `t${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`
        editor.chain().focus().setMark('tag', { tag: tagId, spanId }).run()
        return
      }
      const row = rowsRef.current[activeRef.current]
      if (row) void rowEdit(() => api.toggleRowTag({ documentId, rowId: row.id, tagId }))
    },
    [api, documentId, rowEdit]
  )

  /** Shows a new state of the document after an alignment change, keeping the active row. */
  const showAlignment = useCallback((state: DocumentEditState, focusRowId?: string) => {
    const activeId = focusRowId ?? rowsRef.current[activeRef.current]?.id
    setDoc(state.document)
    setRows(state.document.rows)
    setHistory({ canUndo: state.canUndo, canRedo: state.canRedo })
    setRowsVersion((version) => version + 1)
    setCleanupRevision((revision) => revision + 1)
    const found = state.document.rows.findIndex((row) => row.id === activeId)
    setActiveIndex(found >= 0 ? found : Math.min(activeRef.current, state.document.rows.length - 1))
  }, [])

  const runAlignment = useCallback(
    async (request: () => Promise<DocumentEditState>, focusRowId?: string) => {
      try {
        await queue.flush()
        setNotice(null)
        showAlignment(await request(), focusRowId)
      } catch (error) {
        setNotice(errorMessage(error))
      }
    },
    [queue, showAlignment]
  )

  const editActive = useCallback(
    (build: (row: Row) => AlignmentEdit) => {
      const row = rowsRef.current[activeRef.current]
      if (row) void runAlignment(() => api.editAlignment({ documentId, edit: build(row) }))
    },
    [api, documentId, runAlignment]
  )

  const confirmAlignmentAndNext = useCallback(() => {
    const start = activeRef.current
    const row = rowsRef.current[start]
    if (!row) return
    const nextUnconfirmed = rowsRef.current.findIndex((candidate, index) => index > start && candidate.alignment?.status !== 'confirmed')
    const focus = nextUnconfirmed >= 0 ? rowsRef.current[nextUnconfirmed].id : row.id
    void runAlignment(() => api.editAlignment({ documentId, edit: { kind: 'setAlignmentStatus', rowId: row.id, status: 'confirmed' } }), focus)
  }, [api, documentId, runAlignment])

  const perform = useCallback(
    (action: EditorAction) => {
      switch (action) {
        case 'confirmTranslation':
          return confirmActive()
        case 'nextRow':
          return move(1)
        case 'previousRow':
          return move(-1)
        case 'confirmAlignment':
          return confirmAlignmentAndNext()
        case 'flagAlignment':
          return editActive((row) => ({
            kind: 'setAlignmentStatus',
            rowId: row.id,
            status: row.alignment?.status === 'flagged' ? 'auto' : 'flagged'
          }))
        case 'mergeWithNext':
          return editActive((row) => ({ kind: 'mergeWithNext', rowId: row.id }))
        case 'splitRow':
          return setSplitting(true)
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
          return rowsRef.current[activeRef.current]?.target.trim() ? setRejecting(true) : setNotice('This row has no English to reject.')
        case 'undoDocumentEdit':
          return void runAlignment(() => api.undoDocumentEdit({ documentId }))
        case 'redoDocumentEdit':
          return void runAlignment(() => api.redoDocumentEdit({ documentId }))
      }
    },
    [api, confirmActive, confirmAlignmentAndNext, documentId, editActive, move, runAlignment, setStatus]
  )

  // Shortcuts work wherever the focus is; keys the English editor handled itself (its own undo,
  // for one) arrive with defaultPrevented and are left alone.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.defaultPrevented) return
      // Typing in a dialog or the search box is not a command.
      if ((event.target as Element | null)?.closest?.('input, textarea, select, .dialog')) return
      const action = actionFor(event, { aligned, reviewing })
      if (action) {
        event.preventDefault()
        perform(action)
        return
      }
      const pressed = shortcutOf(event)
      const tag = pressed ? palette.find((candidate) => candidate.shortcut === pressed) : undefined
      if (tag) {
        event.preventDefault()
        applyTag(tag.id)
      }
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [aligned, applyTag, palette, perform, reviewing])

  const [exporting, setExporting] = useState(false)
  const exportAs = useCallback(
    async (format: ExportFormat, options: Partial<Record<ExportOptionName, boolean>> = {}) => {
      try {
        await queue.flush()
        await saveExport(await api.exportDocument({ documentId, format, options }))
        setExporting(false)
      } catch (error) {
        onError(errorMessage(error))
      }
    },
    [api, documentId, onError, queue]
  )

  const [importingTranslation, setImportingTranslation] = useState(false)
  const importTranslation = useCallback(
    async (source: { file: File } | { text: string }) => {
      const hasEnglish = rowsRef.current.some((row) => row.target.trim())
      const fileName = 'file' in source ? source.file.name : 'Pasted translation.txt'
      const dataBase64 = 'file' in source ? await readFileAsBase64(source.file) : textToBase64(source.text)
      await runAlignment(() => api.importTranslation({ documentId, fileName, dataBase64, replace: hasEnglish }))
      setImportingTranslation(false)
      setFilter(NO_FILTER)
      setSideTab('map')
    },
    [api, documentId, runAlignment]
  )

  useEffect(() => {
    if (!menuCommand) return
    if (menuCommand.command === 'export-json') void exportAs('json')
    else if (menuCommand.command === 'export-txt') void exportAs('txt')
    else if (menuCommand.command === 'next-row') move(1)
    else if (menuCommand.command === 'previous-row') move(-1)
  }, [menuCommand, exportAs, move])

  const progress = computeProgress(rows)
  const activeRow = rows[activeIndex]
  const unsaved = activeRow ? queue.unsavedValue(activeRow.id) : undefined
  const editable = activeRow && !activeRow.doNotTranslate && (!reviewing || editingRowId === activeRow.id)
  const editor =
    activeRow && editable ? (
      <TargetEditor
        key={`${activeRow.id}:${rowsVersion}`}
        initialText={unsaved?.text ?? activeRow.target}
        initialSpans={activeRow.targetSpans}
        palette={palette}
        label={`English translation of row ${activeIndex + 1}`}
        onChange={changeActiveText}
        onConfirm={confirmActive}
        onMove={move}
        onReady={onEditorReady}
        onUndoElsewhere={() => perform('undoDocumentEdit')}
        onRedoElsewhere={() => perform('redoDocumentEdit')}
      />
    ) : null

  const rowActions: RowPanelActions | null = activeRow
    ? {
        setStatus: (status) => void setStatus(activeIndex, status),
        reject: () => setRejecting(true),
        toggleRowTag: (tagId) => void rowEdit(() => api.toggleRowTag({ documentId, rowId: activeRow.id, tagId })),
        removeSpan: (spanId) => void rowEdit(() => api.removeSpan({ documentId, rowId: activeRow.id, spanId })),
        linkSpans: (sourceSpanId, targetSpanId) => void rowEdit(() => api.linkSpans({ documentId, rowId: activeRow.id, sourceSpanId, targetSpanId })),
        unlinkSpan: (spanId) => void rowEdit(() => api.unlinkSpan({ documentId, rowId: activeRow.id, spanId })),
        addComment: (text) => rowEdit(() => api.addComment({ documentId, rowId: activeRow.id, text })),
        resolveComment: (commentId) => void rowEdit(() => api.resolveComment({ documentId, rowId: activeRow.id, commentId })),
        reopenComment: (commentId) => void rowEdit(() => api.reopenComment({ documentId, rowId: activeRow.id, commentId })),
        deleteComment: (commentId) => void rowEdit(() => api.deleteComment({ documentId, rowId: activeRow.id, commentId })),
        setDoNotTranslate: (value) => void rowEdit(() => api.setDoNotTranslate({ documentId, rowId: activeRow.id, doNotTranslate: value })),
        splitSentenceAtCaret: () => {
          const selection = window.getSelection()
          const anchor = selection?.anchorNode
          const sentenceElement = (anchor instanceof Element ? anchor : anchor?.parentElement)?.closest('.sentence[data-sentence-id]')
          const offset = sentenceElement ? caretInElement(sentenceElement, selection) : null
          const rowId = sentenceElement?.closest('.row[data-row-id]')?.getAttribute('data-row-id')
          if (!sentenceElement || offset === null || !rowId) return setNotice('First click in a Persian sentence where it should be split.')
          const sentenceId = sentenceElement.getAttribute('data-sentence-id')!
          void runAlignment(() => api.splitSentence({ documentId, rowId, sentenceId, offset }))
        },
        mergeSentenceWithNext: (sentenceId) => void runAlignment(() => api.mergeSentence({ documentId, rowId: activeRow.id, sentenceId })),
        setAuthorName: (name) =>
          void api.updateSettings({ authorName: name }).then(
            (settings) => setAuthorName(settings.authorName),
            (error: Error) => onError(error.message)
          )
      }
    : null

  if (!doc) return <div className="loading">Opening the document…</div>

  const unconfirmed = rows.filter((row) => row.alignment && row.alignment.status !== 'confirmed').length

  return (
    <div className="editor-view">
      <header className="editor-header">
        <button type="button" className="secondary" onClick={onClose}>
          ← Library
        </button>
        <h1 className="doc-title" dir="rtl" lang="fa" title={doc.title}>
          {doc.title}
        </h1>
        <div className="doc-progress" aria-label="Progress">
          <ProgressBar progress={progress} />
          <span className="progress-text">
            {progress.translated + progress.reviewed + progress.approved} / {progress.total} translated
            {progress.draft > 0 ? ` · ${progress.draft} draft` : ''}
            {progress.approved > 0 ? ` · ${progress.approved} approved` : ''}
            {progress.rejected > 0 ? ` · ${progress.rejected} rejected` : ''}
          </span>
        </div>
        <span className={`save-state ${saveState}`} role="status" data-testid="save-state">
          {SAVE_LABEL[saveState]}
        </span>
        <div className="header-actions">
          <button
            type="button"
            className={reviewing ? '' : 'secondary'}
            aria-pressed={reviewing}
            title="Review mode: the English is read-only unless you choose to edit; approve and reject with the keyboard"
            onClick={() => {
              setReviewing((on) => !on)
              setEditingRowId(null)
            }}
          >
            {reviewing ? 'Reviewing' : 'Review mode'}
          </button>
          <button type="button" className="secondary" onClick={() => setImportingTranslation(true)}>
            Import translation…
          </button>
          <button type="button" className="secondary" onClick={() => setExporting(true)}>
            Export…
          </button>
        </div>
      </header>
      {aligned && (
        <div className="alignment-toolbar" role="toolbar" aria-label="Alignment">
          <span className="toolbar-count">{unconfirmed} unconfirmed</span>
          <span className="toolbar-separator" />
          <button type="button" title="Ctrl+Shift+Enter" onClick={() => perform('confirmAlignment')}>
            ✓ Confirm
          </button>
          <button type="button" className="secondary" title="Ctrl+Shift+F" onClick={() => perform('flagAlignment')}>
            ⚑ Flag
          </button>
          <button type="button" className="secondary" title="Ctrl+M" onClick={() => perform('mergeWithNext')}>
            Merge with next
          </button>
          <button type="button" className="secondary" title="Ctrl+Shift+S" onClick={() => perform('splitRow')}>
            Split…
          </button>
          <button type="button" className="secondary" title="Ctrl+Shift+↑" onClick={() => perform('englishToPrevious')}>
            English ↑
          </button>
          <button type="button" className="secondary" title="Ctrl+Shift+↓" onClick={() => perform('englishToNext')}>
            English ↓
          </button>
          <button type="button" className="secondary" title="Ctrl+Alt+Shift+↑" onClick={() => perform('persianToPrevious')}>
            Persian ↑
          </button>
          <button type="button" className="secondary" title="Ctrl+Alt+Shift+↓" onClick={() => perform('persianToNext')}>
            Persian ↓
          </button>
          <span className="toolbar-separator" />
          <button type="button" className="secondary" title="Ctrl+Z" disabled={!history.canUndo} onClick={() => perform('undoDocumentEdit')}>
            Undo
          </button>
          <button type="button" className="secondary" title="Ctrl+Shift+Z" disabled={!history.canRedo} onClick={() => perform('redoDocumentEdit')}>
            Redo
          </button>
        </div>
      )}
      <div className="work-bar">
        <FilterBar state={filter} onChange={setFilter} palette={palette} aligned={aligned} shown={shownCount} total={rows.length} />
        <div className="tag-bar" role="toolbar" aria-label="Tag the selection">
          <span className="tag-bar-label">Tag</span>
          {palette.map((tag) => (
            <button
              key={tag.id}
              type="button"
              className="tag-button"
              style={{ '--tag-color': tag.color } as React.CSSProperties}
              title={`Tag the selected words${tag.shortcut ? ` (${tag.shortcut})` : ''}; with nothing selected, tag the row`}
              // Keep the selection: a click must not move focus away from the selected words.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => applyTag(tag.id)}
            >
              {tag.name}
            </button>
          ))}
        </div>
      </div>
      {splitting && activeRow && (
        <SplitPanel
          row={activeRow}
          onCancel={() => setSplitting(false)}
          onSplit={(sourceCount, targetCount) => {
            setSplitting(false)
            editActive((row) => ({ kind: 'splitRow', rowId: row.id, sourceCount, targetCount }))
          }}
        />
      )}
      {importingTranslation && (
        <TranslationImportDialog
          replaces={rows.some((row) => row.target.trim())}
          onCancel={() => setImportingTranslation(false)}
          onImport={importTranslation}
        />
      )}
      {exporting && <ExportDialog onCancel={() => setExporting(false)} onExport={exportAs} />}
      {notice && (
        <div className="notice" role="alert">
          {notice}
        </div>
      )}
      <div className="editor-body">
        <div className="grid" role="table" aria-label="Persian sentences and their English translations" ref={gridRef}>
          <div className="row header-row" role="row" ref={headerRef}>
            <div className="cell gutter" role="columnheader">
              #
            </div>
            <div className="cell source" role="columnheader" dir="rtl" lang="fa">
              فارسی <span className="lang-note">Persian</span>
            </div>
            <div className="cell target" role="columnheader">
              English
            </div>
          </div>
          <div className="virtual-rows" style={{ height: virtualizer.getTotalSize() - scrollMargin }}>
            {virtualizer.getVirtualItems().map((item) => {
              const index = rowIndexAt(item.index)
              const row = rows[index]
              return (
                <div
                  key={item.key}
                  className="virtual-row"
                  data-index={item.index}
                  ref={virtualizer.measureElement}
                  style={{ transform: `translateY(${item.start - scrollMargin}px)` }}
                >
                  <RowView
                    row={row}
                    index={index}
                    active={index === activeIndex}
                    onActivate={activate}
                    onToggleStatus={toggleStatus}
                    editor={index === activeIndex ? editor : null}
                    palette={palette}
                    search={filter.text.trim()}
                  />
                </div>
              )
            })}
          </div>
          {shownCount === 0 && <div className="empty-filter">No rows match the filter.</div>}
        </div>
        <aside className="side-panel" aria-label="Row details and tools">
          <div className="side-tabs" role="tablist">
            {SIDE_TABS.filter((tab) => tab !== 'map' || aligned).map((tab) => (
              <button
                key={tab}
                type="button"
                role="tab"
                aria-selected={sideTab === tab}
                className={sideTab === tab ? 'selected' : ''}
                onClick={() => setSideTab(tab)}
              >
                {SIDE_TAB_LABEL[tab]}
              </button>
            ))}
          </div>
          <div className="side-content">
            {sideTab === 'row' && activeRow && rowActions && (
              <>
                {reviewing && !activeRow.doNotTranslate && (
                  <button
                    type="button"
                    className="secondary edit-english"
                    onClick={() => setEditingRowId(editingRowId === activeRow.id ? null : activeRow.id)}
                  >
                    {editingRowId === activeRow.id ? 'Stop editing the English' : 'Edit the English of this row'}
                  </button>
                )}
                <RowPanel row={activeRow} rowNumber={activeIndex + 1} palette={palette} authorName={authorName} actions={rowActions} />
              </>
            )}
            {sideTab === 'cleanup' && (
              <CleanupPanel
                api={api}
                documentId={documentId}
                revision={cleanupRevision}
                rows={rows}
                onApplied={(state) => showAlignment(state)}
                onJump={(rowId) => activate(rowsRef.current.findIndex((row) => row.id === rowId))}
              />
            )}
            {sideTab === 'overview' && (
              <OverviewPanel doc={{ ...doc, rows }} palette={palette} onFilter={(custom) => setFilter({ ...NO_FILTER, custom })} />
            )}
            {sideTab === 'map' && aligned && <AlignmentMap rows={rows} activeIndex={activeIndex} onSelect={activate} />}
          </div>
        </aside>
      </div>
      {rejecting && activeRow && (
        <RejectDialog
          rowNumber={activeIndex + 1}
          onCancel={() => setRejecting(false)}
          onReject={(reason) => {
            setRejecting(false)
            void setStatus(activeIndex, 'rejected', reason)
          }}
        />
      )}
      <footer className="shortcuts">
        <span>
          <kbd>Ctrl</kbd>+<kbd>Enter</kbd> mark translated, next row · <kbd>Alt</kbd>+<kbd>↑</kbd>/<kbd>↓</kbd> previous / next row
          {aligned ? ' · Ctrl+Shift+Enter confirm pairing' : ''} · edits save by themselves
        </span>
        <button type="button" className="link" onClick={() => setShowHelp((shown) => !shown)}>
          {showHelp ? 'Hide shortcuts' : 'All shortcuts'}
        </button>
        {showHelp && (
          <table className="shortcut-help" aria-label="Keyboard shortcuts">
            <tbody>
              {[
                ...SHORTCUTS.filter((shortcut) => shortcutAvailable(shortcut, { aligned, reviewing })),
                ...palette
                  .filter((tag) => tag.shortcut)
                  .map((tag) => ({ action: `tag-${tag.id}`, keys: tag.shortcut!, description: `tag the selection (or the row) ${tag.name}` }))
              ].map((shortcut) => (
                <tr key={shortcut.action}>
                  <td>
                    <kbd>{shortcut.keys}</kbd>
                  </td>
                  <td>{shortcut.description}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </footer>
    </div>
  )
}

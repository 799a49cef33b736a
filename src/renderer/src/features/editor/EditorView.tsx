import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { computeProgress, statusAfterEdit, type HamtaDocument, type Row, type RowStatus } from '../../../../core/model'
import type { HamtaApi } from '../../../../shared/contract'
import type { MenuCommand } from '../../../../shared/methods'
import { ProgressBar } from '../../components/ProgressBar'
import { saveExport } from '../../platform'
import { AutosaveQueue, type SaveState } from './autosave'
import { TargetEditor } from './TargetEditor'

const STATUS_LABEL: Record<RowStatus, string> = {
  untranslated: 'Untranslated',
  draft: 'Draft',
  translated: 'Translated',
  reviewed: 'Reviewed',
  approved: 'Approved',
  rejected: 'Rejected'
}

const SAVE_LABEL: Record<SaveState, string> = {
  saved: 'All changes saved',
  pending: 'Saving…',
  saving: 'Saving…',
  error: 'Not saved yet: retrying'
}

interface RowViewProps {
  row: Row
  index: number
  active: boolean
  onActivate: (index: number) => void
  onToggleStatus: (index: number) => void
  editor: React.ReactNode
}

const RowView = memo(function RowView({ row, index, active, onActivate, onToggleStatus, editor }: RowViewProps) {
  const ref = useRef<HTMLDivElement>(null)
  useEffect(() => {
    if (active) ref.current?.scrollIntoView({ block: 'nearest' })
  }, [active])
  return (
    <div
      ref={ref}
      className={`row status-${row.status}${active ? ' active' : ''}`}
      data-row-id={row.id}
      data-status={row.status}
      role="row"
      aria-selected={active}
    >
      <div className="cell gutter" role="cell">
        <span className="row-number">{index + 1}</span>
        <button
          type="button"
          className={`status-chip ${row.status}`}
          title={`${STATUS_LABEL[row.status]}${row.target.trim() ? ' (click to toggle translated)' : ''}`}
          aria-label={`Row ${index + 1}: ${STATUS_LABEL[row.status]}`}
          disabled={!row.target.trim()}
          onClick={() => onToggleStatus(index)}
        />
      </div>
      <div
        className="cell source"
        role="cell"
        dir="rtl"
        lang="fa"
        tabIndex={0}
        onFocus={() => onActivate(index)}
        onClick={() => onActivate(index)}
      >
        {row.source.map((sentence) => (
          <span key={sentence.id} className="sentence" data-sentence-id={sentence.id}>
            {sentence.text}
          </span>
        ))}
      </div>
      <div className="cell target" role="cell" dir="ltr" lang="en" onClick={() => !active && onActivate(index)}>
        {active ? (
          editor
        ) : row.target ? (
          <div className="target-text">{row.target}</div>
        ) : (
          <div className="target-placeholder">Click to translate…</div>
        )}
      </div>
    </div>
  )
})

interface EditorViewProps {
  api: HamtaApi
  documentId: string
  onClose: () => void
  onError: (message: string) => void
  menuCommand: { command: MenuCommand; serial: number } | null
}

/** The translation grid: Persian sentences right to left, each on the row of its English. */
export function EditorView({ api, documentId, onClose, onError, menuCommand }: EditorViewProps): React.JSX.Element {
  const [doc, setDoc] = useState<HamtaDocument | null>(null)
  const [rows, setRows] = useState<Row[]>([])
  const [activeIndex, setActiveIndex] = useState(0)
  const [saveState, setSaveState] = useState<SaveState>('saved')
  const [notice, setNotice] = useState<string | null>(null)
  const rowsRef = useRef(rows)
  rowsRef.current = rows
  const activeRef = useRef(activeIndex)
  activeRef.current = activeIndex

  const queue = useMemo(
    () =>
      new AutosaveQueue<string>({
        delayMs: 400,
        save: async (rowId, target) => {
          await api.saveTarget({ documentId, rowId, target })
        },
        onStateChange: (state, error) => {
          setSaveState(state)
          if (state === 'error') onError(`Your last edits are not saved yet (${error instanceof Error ? error.message : String(error)}). Hamta keeps retrying.`)
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
        const firstOpen = loaded.rows.findIndex((row) => row.status !== 'translated')
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

  const move = useCallback((step: 1 | -1) => activate(activeRef.current + step), [activate])

  const setStatus = useCallback(
    async (index: number, status: RowStatus) => {
      const row = rowsRef.current[index]
      const previous = row.status
      updateRow(index, (current) => ({ ...current, status }))
      try {
        await queue.flush()
        await api.setRowStatus({ documentId, rowId: row.id, status })
      } catch (error) {
        updateRow(index, (current) => ({ ...current, status: previous }))
        onError(error instanceof Error ? error.message : String(error))
      }
    },
    [api, documentId, onError, queue, updateRow]
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
    void setStatus(index, 'translated')
    activate(index + 1)
  }, [activate, setStatus])

  const toggleStatus = useCallback(
    (index: number) => {
      const row = rowsRef.current[index]
      if (!row.target.trim()) return
      void setStatus(index, row.status === 'translated' ? 'draft' : 'translated')
    },
    [setStatus]
  )

  const changeActiveText = useCallback(
    (text: string) => {
      const index = activeRef.current
      const row = rowsRef.current[index]
      updateRow(index, (current) => ({ ...current, target: text, status: statusAfterEdit(current, text) }))
      queue.schedule(row.id, text)
    },
    [queue, updateRow]
  )

  // Shortcuts that also work when the focus is outside the English editor.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.defaultPrevented) return
      if ((event.ctrlKey || event.metaKey) && event.key === 'Enter') {
        event.preventDefault()
        confirmActive()
      } else if (event.altKey && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) {
        event.preventDefault()
        move(event.key === 'ArrowDown' ? 1 : -1)
      }
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [confirmActive, move])

  const exportAs = useCallback(
    async (format: 'json' | 'txt') => {
      try {
        await queue.flush()
        await saveExport(await api.exportDocument({ documentId, format }))
      } catch (error) {
        onError(error instanceof Error ? error.message : String(error))
      }
    },
    [api, documentId, onError, queue]
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
  const editor = activeRow ? (
    <TargetEditor
      key={activeRow.id}
      initialText={queue.unsavedValue(activeRow.id) ?? activeRow.target}
      label={`English translation of row ${activeIndex + 1}`}
      onChange={changeActiveText}
      onConfirm={confirmActive}
      onMove={move}
    />
  ) : null

  if (!doc) return <div className="loading">Opening the document…</div>

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
            {progress.translated} / {progress.total} translated
            {progress.draft > 0 ? ` · ${progress.draft} draft` : ''}
          </span>
        </div>
        <span className={`save-state ${saveState}`} role="status" data-testid="save-state">
          {SAVE_LABEL[saveState]}
        </span>
        <div className="header-actions">
          <button type="button" className="secondary" onClick={() => void exportAs('json')}>
            Export JSON
          </button>
          <button type="button" className="secondary" onClick={() => void exportAs('txt')}>
            Export English
          </button>
        </div>
      </header>
      {notice && (
        <div className="notice" role="alert">
          {notice}
        </div>
      )}
      <div className="grid" role="table" aria-label="Persian sentences and their English translations">
        <div className="row header-row" role="row">
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
        {rows.map((row, index) => (
          <RowView
            key={row.id}
            row={row}
            index={index}
            active={index === activeIndex}
            onActivate={activate}
            onToggleStatus={toggleStatus}
            editor={index === activeIndex ? editor : null}
          />
        ))}
      </div>
      <footer className="shortcuts">
        <kbd>Ctrl</kbd>+<kbd>Enter</kbd> mark translated and go to the next row · <kbd>Alt</kbd>+<kbd>↑</kbd>/<kbd>↓</kbd>{' '}
        previous / next row · edits save by themselves
      </footer>
    </div>
  )
}

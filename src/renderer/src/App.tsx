import { useCallback, useEffect, useMemo, useState } from 'react'
import type { MenuCommand } from '../../shared/methods'
import { createApi, type HamtaApi } from './api/client'
import { EditorView } from './features/editor/EditorView'
import { LibraryView } from './features/library/LibraryView'
import { PairImportDialog } from './features/library/PairImportDialog'
import { PasteDialog } from './features/library/PasteDialog'
import {
  chooseAndImport,
  importFiles,
  importPair,
  importPastedText,
  onMenuCommand,
  type ImportOutcome,
  type ImportProgress,
  type TmxUse
} from './platform'
import { TmxChoiceDialog } from './features/tm/TmxChoiceDialog'

/** The open document lives in the address (?doc=…) so a reload comes back to it. */
function documentFromAddress(): string | null {
  return new URLSearchParams(window.location.search).get('doc')
}

function showDocumentInAddress(documentId: string | null): void {
  const url = new URL(window.location.href)
  if (documentId) url.searchParams.set('doc', documentId)
  else url.searchParams.delete('doc')
  window.history.replaceState(null, '', url)
}

export function App(): React.JSX.Element {
  const [api, apiError] = useMemo((): [HamtaApi | null, string | null] => {
    try {
      return [createApi(), null]
    } catch (error) {
      return [null, error instanceof Error ? error.message : String(error)]
    }
  }, [])
  const [documentId, setDocumentId] = useState<string | null>(documentFromAddress)
  const [errors, setErrors] = useState<string[]>(apiError ? [apiError] : [])
  const [refreshKey, setRefreshKey] = useState(0)
  const [dragging, setDragging] = useState(false)
  const [menuCommand, setMenuCommand] = useState<{ command: MenuCommand; serial: number } | null>(null)

  const reportError = useCallback((message: string) => setErrors((current) => [...current.filter((m) => m !== message), message]), [])
  const open = useCallback((id: string | null) => {
    setDocumentId(id)
    showDocumentInAddress(id)
  }, [])
  const closeDocument = useCallback(() => open(null), [open])

  const afterImport = useCallback(
    (outcome: ImportOutcome) => {
      outcome.errors.forEach(reportError)
      if (outcome.notices?.length) setNotices((current) => [...current, ...outcome.notices!])
      // Imported, but not all of it was valid text: say so at once, not only in the library list.
      for (const summary of outcome.imported) if (summary.encodingWarning) reportError(`${summary.fileName}: ${summary.encodingWarning}`)
      if (outcome.imported.length > 0) {
        setRefreshKey((key) => key + 1)
        if (outcome.imported.length === 1) open(outcome.imported[0].id)
      }
    },
    [open, reportError]
  )

  const [progress, setProgress] = useState<ImportProgress | null>(null)
  const [notices, setNotices] = useState<string[]>([])
  /** A TMX file waiting for the user's choice, and how to answer it. */
  const [tmxQuestion, setTmxQuestion] = useState<{ fileName: string; answer: (use: TmxUse) => void } | null>(null)
  const chooseTmxUse = useCallback(
    (file: File) =>
      new Promise<TmxUse>((resolve) =>
        setTmxQuestion({
          fileName: file.name,
          answer: (use) => {
            setTmxQuestion(null)
            resolve(use)
          }
        })
      ),
    []
  )
  const [pasteDialog, setPasteDialog] = useState(false)
  const startImport = useCallback(() => {
    if (api) void chooseAndImport(api, setProgress, chooseTmxUse).then(afterImport)
  }, [afterImport, api])
  const [pairDialog, setPairDialog] = useState(false)
  const startImportPair = useCallback(() => setPairDialog(true), [])

  useEffect(
    () =>
      onMenuCommand((command) => {
        if (command === 'import') startImport()
        else if (command === 'library') open(null)
        else setMenuCommand((current) => ({ command, serial: (current?.serial ?? 0) + 1 }))
      }),
    [open, startImport]
  )

  const onDrop = (event: React.DragEvent): void => {
    event.preventDefault()
    setDragging(false)
    if (api && event.dataTransfer.files.length > 0)
      void importFiles(api, Array.from(event.dataTransfer.files), setProgress, chooseTmxUse).then(afterImport)
  }

  return (
    <div
      className="app"
      onDragOver={(event) => {
        if (Array.from(event.dataTransfer.types).includes('Files')) {
          event.preventDefault()
          setDragging(true)
        }
      }}
      onDragLeave={(event) => {
        if (event.currentTarget === event.target) setDragging(false)
      }}
      onDrop={onDrop}
    >
      {errors.length > 0 && (
        <div className="errors" role="alert">
          {errors.map((message) => (
            <div className="error" key={message}>
              <span>{message}</span>
              <button
                type="button"
                className="link"
                aria-label="Dismiss"
                onClick={() => setErrors((current) => current.filter((m) => m !== message))}
              >
                ×
              </button>
            </div>
          ))}
        </div>
      )}
      {api &&
        (documentId ? (
          <EditorView api={api} documentId={documentId} onClose={closeDocument} onError={reportError} menuCommand={menuCommand} />
        ) : (
          <LibraryView
            api={api}
            refreshKey={refreshKey}
            onOpen={open}
            onImport={startImport}
            onImportPair={startImportPair}
            onPaste={() => setPasteDialog(true)}
            onError={reportError}
          />
        ))}
      {notices.length > 0 && (
        <div className="notices" role="status">
          {notices.map((message) => (
            <div className="notice-item" key={message}>
              <span>{message}</span>
              <button
                type="button"
                className="link"
                aria-label="Dismiss"
                onClick={() => setNotices((current) => current.filter((m) => m !== message))}
              >
                ×
              </button>
            </div>
          ))}
        </div>
      )}
      {tmxQuestion && <TmxChoiceDialog fileName={tmxQuestion.fileName} onChoose={tmxQuestion.answer} />}
      {progress && (
        <div className="import-progress" role="status" aria-live="polite">
          <span>
            {progress.phase === 'reading' ? 'Reading' : 'Importing'} {progress.fileName} ({(progress.bytes / 1e6).toFixed(1)} MB)
            {progress.stage && progress.stage !== 'queued' ? `: ${progress.stage}` : ''}…
          </span>
          <div
            className={`bar${progress.fraction === undefined ? ' indeterminate' : ''}`}
            role="progressbar"
            aria-label={`Import of ${progress.fileName}`}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={progress.fraction === undefined ? undefined : Math.round(progress.fraction * 100)}
          >
            <div style={{ width: `${Math.round((progress.fraction ?? 0.3) * 100)}%` }} />
          </div>
          {progress.cancel && (
            <button type="button" className="secondary" onClick={progress.cancel}>
              Cancel
            </button>
          )}
        </div>
      )}
      {api && pasteDialog && (
        <PasteDialog
          onCancel={() => setPasteDialog(false)}
          onImport={async (text) => {
            const outcome = await importPastedText(api, text)
            if (outcome.imported.length > 0) setPasteDialog(false)
            afterImport(outcome)
          }}
        />
      )}
      {api && pairDialog && (
        <PairImportDialog
          onCancel={() => setPairDialog(false)}
          onAlign={async (persian, english) => {
            const outcome = await importPair(api, persian, english)
            if (outcome.imported.length > 0) setPairDialog(false)
            afterImport(outcome)
          }}
        />
      )}
      {dragging && (
        <div className="drop-overlay" onDragLeave={() => setDragging(false)}>
          Drop Persian .txt files to import them
        </div>
      )}
    </div>
  )
}

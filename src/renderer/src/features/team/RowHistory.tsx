import { useCallback, useEffect, useState } from 'react'
import { ROW_STATUS_LABEL, type Row } from '../../../../core/model'
import type { HamtaApi } from '../../../../shared/contract'
import type { RowVersionInfo } from '../../../../shared/team-contract'

const CHANGE_LABEL: Record<string, string> = {
  created: 'added',
  target: 'English',
  status: 'status',
  tags: 'tags',
  comments: 'comments',
  source: 'Persian',
  targetSpans: 'English tags',
  conflicts: 'conflicts'
}

interface RowHistoryProps {
  api: HamtaApi
  documentId: string
  row: Row
  onRestore: (commit: string) => Promise<void>
}

/**
 * Who changed the row and when, from the team library's history, with each version's English and
 * status; an older version comes back with one click (as a new edit, undoable). Read only when
 * opened: the history of a long document takes a moment.
 */
export function RowHistory({ api, documentId, row, onRestore }: RowHistoryProps): React.JSX.Element {
  const [open, setOpen] = useState(false)
  const [history, setHistory] = useState<{ shared: boolean; versions: RowVersionInfo[] } | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const load = useCallback(async () => {
    try {
      setProblem(null)
      setHistory(await api.rowHistory({ documentId, rowId: row.id }))
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error))
    }
  }, [api, documentId, row.id])
  useEffect(() => {
    setHistory(null)
    if (open) void load()
  }, [open, load])
  const current = (version: RowVersionInfo): boolean =>
    version.target === row.target && version.status === row.status && version.tags.join() === row.tags.join()
  return (
    <section className="row-history">
      <details open={open} onToggle={(event) => setOpen((event.currentTarget as HTMLDetailsElement).open)}>
        <summary>
          <h3>History</h3>
        </summary>
        {problem && (
          <p className="error-text" role="alert">
            {problem}
          </p>
        )}
        {open && !history && !problem && <p className="hint">Reading the history…</p>}
        {history && !history.shared && <p className="hint">The history starts once the library is shared with a team.</p>}
        {history && history.shared && history.versions.length === 0 && (
          <p className="hint">No saved versions of this row yet (the next sync records one).</p>
        )}
        {history && history.versions.length > 0 && (
          <ol className="version-list">
            {history.versions.map((version) => (
              <li key={version.commit} data-commit={version.commit}>
                <div className="version-meta">
                  <strong>{version.author}</strong> · <time dateTime={version.at}>{new Date(version.at).toLocaleString()}</time> ·{' '}
                  {version.changed.map((field) => CHANGE_LABEL[field] ?? field).join(', ')}
                </div>
                <div className="version-text" dir="auto">
                  {version.target || <span className="muted">(no English)</span>}
                </div>
                <div className="version-status">{ROW_STATUS_LABEL[version.status]}</div>
                {current(version) ? (
                  <span className="hint">The row as it is now</span>
                ) : (
                  <button
                    type="button"
                    className="secondary"
                    onClick={() => void onRestore(version.commit).then(load)}
                    aria-label={`Restore this version (by ${version.author}, ${new Date(version.at).toLocaleString()})`}
                  >
                    Restore this version
                  </button>
                )}
              </li>
            ))}
          </ol>
        )}
      </details>
    </section>
  )
}

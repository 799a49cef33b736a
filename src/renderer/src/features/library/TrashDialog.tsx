import { useCallback, useEffect, useState } from 'react'
import type { TrashedDocument } from '../../../../core/model'
import type { HamtaApi } from '../../../../shared/contract'
import { Dialog } from '../../components/Dialog'

interface TrashDialogProps {
  api: HamtaApi
  onClose: () => void
  /** A document came back: the library list should show it. */
  onRestored: () => void
}

function formatTime(iso: string): string {
  const date = new Date(iso)
  return Number.isNaN(date.getTime())
    ? iso
    : date.toLocaleString(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' })
}

/** The documents deleted from the library, each of which can be brought back as it was. */
export function TrashDialog({ api, onClose, onRestored }: TrashDialogProps): React.JSX.Element {
  const [trashed, setTrashed] = useState<TrashedDocument[] | null>(null)
  const [problem, setProblem] = useState('')
  const [restored, setRestored] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const reload = useCallback(() => {
    void api.listTrash({}).then(setTrashed, (error: Error) => setProblem(error.message))
  }, [api])
  useEffect(reload, [reload])

  const restore = async (doc: TrashedDocument): Promise<void> => {
    setBusy(true)
    try {
      await api.restoreDocument({ documentId: doc.id })
      setRestored(doc.title)
      setProblem('')
      onRestored()
      reload()
    } catch (error) {
      setProblem((error as Error).message)
    } finally {
      setBusy(false)
    }
  }

  return (
    <Dialog label="Deleted documents" busy={busy} onCancel={onClose} className="trash-dialog">
      <h2>Deleted documents</h2>
      <p>Deleted documents wait in the library’s trash folder, with their original files, until they are brought back. Hamta never erases them.</p>
      {problem && (
        <p className="error-text" role="alert">
          {problem}
        </p>
      )}
      {trashed === null ? (
        <p className="muted">Looking in the trash…</p>
      ) : trashed.length === 0 ? (
        <p className="muted">Nothing has been deleted.</p>
      ) : (
        <table className="trash">
          <thead>
            <tr>
              <th scope="col">Title</th>
              <th scope="col" className="num">
                Sentences
              </th>
              <th scope="col">Deleted</th>
              <th scope="col">
                <span className="visually-hidden">Bring back</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {trashed.map((doc) => (
              <tr key={doc.id} data-document-id={doc.id}>
                <td>
                  <div dir="auto" lang="fa" className="trash-title">
                    {doc.title}
                  </div>
                  <div className="file-name">{doc.fileName}</div>
                </td>
                <td className="num">{doc.problem ? '' : doc.sentences}</td>
                <td>{formatTime(doc.deletedAt)}</td>
                <td>
                  {doc.problem ? (
                    <span className="error-text">{doc.problem}</span>
                  ) : (
                    <button
                      type="button"
                      className="secondary"
                      disabled={busy}
                      aria-label={`Bring back ${doc.title}`}
                      onClick={() => void restore(doc)}
                    >
                      Bring back
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {restored && (
        <p role="status" className="muted">
          “<bdi>{restored}</bdi>” is back in the library.
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  )
}

import { useCallback, useEffect, useState } from 'react'
import type { DocumentSummary } from '../../../../core/model'
import type { HamtaApi, LibraryProblemInfo, SampleInfo } from '../../../../shared/contract'
import { Dialog } from '../../components/Dialog'
import { ProgressBar } from '../../components/ProgressBar'
import { saveExport } from '../../platform'
import { TagsDialog } from './TagsDialog'
import { TrashDialog } from './TrashDialog'
import { MemoriesDialog } from '../tm/MemoriesDialog'
import { TermbaseDialog } from '../terms/TermbaseDialog'
import { TeamControls } from '../team/TeamControls'

interface LibraryViewProps {
  api: HamtaApi
  /** Changes whenever documents were imported elsewhere (menu, drop), so the list reloads. */
  refreshKey: number
  onOpen: (documentId: string) => void
  onImport: () => void
  onImportPair: () => void
  onPaste: () => void
  onError: (message: string) => void
}

function formatDate(iso: string): string {
  const date = new Date(iso)
  return Number.isNaN(date.getTime()) ? '' : date.toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' })
}

export function LibraryView({ api, refreshKey, onOpen, onImport, onImportPair, onPaste, onError }: LibraryViewProps): React.JSX.Element {
  const [documents, setDocuments] = useState<DocumentSummary[] | null>(null)
  const [samples, setSamples] = useState<SampleInfo[]>([])
  const [problems, setProblems] = useState<LibraryProblemInfo[]>([])
  const [busy, setBusy] = useState(false)
  const [editingTags, setEditingTags] = useState(false)
  const [editingMemory, setEditingMemory] = useState(false)
  const [editingTerms, setEditingTerms] = useState(false)
  const [browsingTrash, setBrowsingTrash] = useState(false)
  const [readOnly, setReadOnly] = useState('')
  const [deleting, setDeleting] = useState<DocumentSummary | null>(null)
  /** The document deleted last, which can be brought back from the trash folder. */
  const [deleted, setDeleted] = useState<DocumentSummary | null>(null)
  /** A sample asked for again: open the copy in the library, or import another. */
  const [sampleAgain, setSampleAgain] = useState<{ sampleId: string; existing: DocumentSummary } | null>(null)

  const reload = useCallback(async () => {
    try {
      const [docs, sampleList, problemList] = await Promise.all([api.listDocuments({}), api.listSamples({}), api.listProblems({})])
      setDocuments(docs)
      setSamples(sampleList)
      setProblems(problemList)
      // Told once, up front: every change would otherwise fail one by one.
      setReadOnly((await api.getAppInfo({}).catch(() => null))?.readOnly ?? '')
    } catch (error) {
      onError(error instanceof Error ? error.message : String(error))
      setDocuments([])
    }
  }, [api, onError])

  useEffect(() => {
    void reload()
  }, [reload, refreshKey])

  const openSample = async (sampleId: string, again = false): Promise<void> => {
    // A sample already in the library is not imported again without asking.
    const existing = documents?.find((doc) => doc.fileName === `${sampleId}.txt`)
    if (existing && !again) return setSampleAgain({ sampleId, existing })
    setSampleAgain(null)
    setBusy(true)
    try {
      const summary = await api.importSample({ sampleId })
      onOpen(summary.id)
    } catch (error) {
      onError(error instanceof Error ? error.message : String(error))
    } finally {
      setBusy(false)
    }
  }

  const exportDocument = async (documentId: string, format: 'json' | 'txt'): Promise<void> => {
    try {
      await saveExport(await api.exportDocument({ documentId, format }))
    } catch (error) {
      onError(error instanceof Error ? error.message : String(error))
    }
  }

  const remove = async (doc: DocumentSummary): Promise<void> => {
    setDeleting(null)
    try {
      await api.deleteDocument({ documentId: doc.id })
      setDeleted(doc)
      await reload()
    } catch (error) {
      onError(error instanceof Error ? error.message : String(error))
    }
  }

  const restore = async (doc: DocumentSummary): Promise<void> => {
    setDeleted(null)
    try {
      await api.restoreDocument({ documentId: doc.id })
      await reload()
    } catch (error) {
      onError(error instanceof Error ? error.message : String(error))
    }
  }

  if (documents === null) return <div className="loading">Loading the library…</div>
  const empty = documents.length === 0

  return (
    <main className="library-view">
      <header className="library-header">
        <h1 className="brand">
          <span className="brand-name">Hamta</span>
          <span className="brand-fa" lang="fa" dir="rtl">
            همتا
          </span>
        </h1>
        <div className="header-actions">
          <TeamControls api={api} onError={onError} onLibraryChanged={reload} />
          <button type="button" className="secondary" onClick={() => setEditingTags(true)}>
            Tags & settings…
          </button>
          <button type="button" className="secondary" onClick={() => setEditingMemory(true)}>
            Translation memory…
          </button>
          <button type="button" className="secondary" onClick={() => setEditingTerms(true)}>
            Termbase…
          </button>
          <button type="button" className="secondary" onClick={onPaste}>
            Paste text…
          </button>
          <button type="button" className="secondary" onClick={onImportPair} title="Choose the Persian article, then its English translation">
            Align an existing translation…
          </button>
          <button type="button" onClick={onImport}>
            Import…
          </button>
        </div>
      </header>

      {editingTags && <TagsDialog api={api} onClose={() => setEditingTags(false)} />}
      {editingMemory && <MemoriesDialog api={api} onClose={() => setEditingMemory(false)} />}
      {editingTerms && <TermbaseDialog api={api} onError={onError} onClose={() => setEditingTerms(false)} />}
      {browsingTrash && (
        <TrashDialog
          api={api}
          onClose={() => setBrowsingTrash(false)}
          onRestored={() => {
            setDeleted(null)
            void reload()
          }}
        />
      )}
      {deleted && (
        <div className="library-notice" role="status">
          <span>
            “<bdi>{deleted.title}</bdi>” was moved to the trash folder.
          </span>
          <button type="button" className="secondary" onClick={() => void restore(deleted)}>
            Undo delete
          </button>
          <button type="button" className="link" aria-label="Dismiss" onClick={() => setDeleted(null)}>
            ×
          </button>
        </div>
      )}
      {readOnly && (
        <section className="problems" aria-label="Read-only library" role="status">
          <h2>Read-only library</h2>
          <p>{readOnly}</p>
        </section>
      )}
      {problems.length > 0 && (
        <section className="problems" aria-label="Library problems" role="status">
          <h2>Hamta repaired damaged files</h2>
          <ul>
            {problems.map((problem) => (
              <li key={`${problem.file}-${problem.at}`}>{problem.message}</li>
            ))}
          </ul>
        </section>
      )}

      {empty ? (
        <section className="welcome">
          <h2>Welcome</h2>
          <p>
            Import a Persian article (text, Word, PDF, web page or Markdown) with the button above or by dropping the file on this window, paste its
            text, or start with one of the sample articles. XLIFF and TMX files from other tools open too.
          </p>
        </section>
      ) : (
        <section aria-label="Documents">
          <table className="documents">
            <thead>
              <tr>
                <th>Title</th>
                <th className="num">Sentences</th>
                <th>Progress</th>
                <th>Imported</th>
                <th>
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {documents.map((doc) => (
                <tr key={doc.id} data-document-id={doc.id}>
                  <td className="title-cell">
                    <button type="button" className="link doc-open" dir="rtl" lang="fa" onClick={() => onOpen(doc.id)}>
                      {doc.title}
                    </button>
                    <div className="file-name">{doc.fileName}</div>
                    {doc.encodingWarning && <div className="file-warning">⚠ {doc.encodingWarning}</div>}
                  </td>
                  <td className="num">{doc.sentences}</td>
                  <td className="progress-cell">
                    <ProgressBar progress={doc.progress} label={`Progress of ${doc.title}`} />
                    <span className="progress-text">{Math.round(doc.progress.ratio * 100)}%</span>
                  </td>
                  <td className="date-cell">{formatDate(doc.createdAt)}</td>
                  <td className="actions">
                    <button type="button" className="secondary" onClick={() => onOpen(doc.id)}>
                      Open
                    </button>
                    <button
                      type="button"
                      className="secondary"
                      title="The whole document as Hamta JSON (to back up or move it)"
                      onClick={() => void exportDocument(doc.id, 'json')}
                    >
                      Save JSON
                    </button>
                    <button
                      type="button"
                      className="secondary"
                      title="The English translation as plain text"
                      onClick={() => void exportDocument(doc.id, 'txt')}
                    >
                      Save English text
                    </button>
                    <button type="button" className="danger" aria-label={`Delete ${doc.title}`} onClick={() => setDeleting(doc)}>
                      Delete
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}

      <p className="trash-link">
        <button type="button" className="link" onClick={() => setBrowsingTrash(true)}>
          Deleted documents…
        </button>
      </p>

      {samples.length > 0 && (
        <section className={`samples${empty ? '' : ' compact'}`} aria-label="Sample articles">
          <h2>{empty ? 'Try a sample article' : 'Sample articles'}</h2>
          <div className="sample-cards">
            {samples.map((sample) => (
              <div className="sample-card" key={sample.id} data-sample-id={sample.id}>
                <div className="sample-title" dir="rtl" lang="fa">
                  {sample.title}
                </div>
                <div className="sample-meta">{sample.sentences} sentences</div>
                <button type="button" disabled={busy} onClick={() => void openSample(sample.id)}>
                  Open sample
                </button>
              </div>
            ))}
          </div>
        </section>
      )}
      {sampleAgain && (
        <Dialog
          label="This sample is in the library"
          onCancel={() => setSampleAgain(null)}
          onSubmit={() => {
            setSampleAgain(null)
            onOpen(sampleAgain.existing.id)
          }}
        >
          <h2>This sample is in the library</h2>
          <p>Open the copy you have (with the work done on it), or import a new one?</p>
          <div className="dialog-actions">
            <button type="button" className="secondary" onClick={() => void openSample(sampleAgain.sampleId, true)}>
              Import a new copy
            </button>
            <button type="submit" autoFocus>
              Open the one in the library
            </button>
          </div>
        </Dialog>
      )}
      {deleting && (
        <Dialog label={`Delete ${deleting.title}`} onCancel={() => setDeleting(null)} onSubmit={() => void remove(deleting)}>
          <h2>Delete this document?</h2>
          <p>
            “<bdi>{deleting.title}</bdi>” is moved to the library’s trash folder, from where it can be brought back.
          </p>
          <div className="dialog-actions">
            <button type="button" className="secondary" autoFocus onClick={() => setDeleting(null)}>
              Cancel
            </button>
            <button type="submit" className="danger">
              Delete
            </button>
          </div>
        </Dialog>
      )}
    </main>
  )
}

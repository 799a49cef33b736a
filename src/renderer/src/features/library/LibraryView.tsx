import { useCallback, useEffect, useState } from 'react'
import type { DocumentSummary } from '../../../../core/model'
import type { HamtaApi, LibraryProblemInfo, SampleInfo } from '../../../../shared/contract'
import { ProgressBar } from '../../components/ProgressBar'
import { saveExport } from '../../platform'
import { TagsDialog } from './TagsDialog'
import { MemoriesDialog } from '../tm/MemoriesDialog'

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
  const [readOnly, setReadOnly] = useState('')

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

  const openSample = async (sampleId: string): Promise<void> => {
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
    if (!window.confirm(`Delete “${doc.title}”? It is moved to the library’s trash folder.`)) return
    try {
      await api.deleteDocument({ documentId: doc.id })
      await reload()
    } catch (error) {
      onError(error instanceof Error ? error.message : String(error))
    }
  }

  if (documents === null) return <div className="loading">Loading the library…</div>
  const empty = documents.length === 0

  return (
    <div className="library-view">
      <header className="library-header">
        <div className="brand">
          <span className="brand-name">Hamta</span>
          <span className="brand-fa" lang="fa" dir="rtl">
            همتا
          </span>
        </div>
        <div className="header-actions">
          <button type="button" className="secondary" onClick={() => setEditingTags(true)}>
            Tags & settings…
          </button>
          <button type="button" className="secondary" onClick={() => setEditingMemory(true)}>
            Translation memory…
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
                <th aria-label="Actions" />
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
                    <ProgressBar progress={doc.progress} />
                    <span className="progress-text">{Math.round(doc.progress.ratio * 100)}%</span>
                  </td>
                  <td className="date-cell">{formatDate(doc.createdAt)}</td>
                  <td className="actions">
                    <button type="button" className="secondary" onClick={() => onOpen(doc.id)}>
                      Open
                    </button>
                    <button type="button" className="secondary" onClick={() => void exportDocument(doc.id, 'json')}>
                      JSON
                    </button>
                    <button type="button" className="secondary" onClick={() => void exportDocument(doc.id, 'txt')}>
                      English
                    </button>
                    <button type="button" className="danger" aria-label={`Delete ${doc.title}`} onClick={() => void remove(doc)}>
                      Delete
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}

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
    </div>
  )
}

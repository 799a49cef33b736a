import { useCallback, useDeferredValue, useEffect, useMemo, useState } from 'react'
import { filterTerms } from '../../../../core/terms/browse'
import { TERM_STATUSES, type Term, type TermStatus } from '../../../../core/terms/model'
import type { HamtaApi } from '../../../../shared/contract'
import { Dialog } from '../../components/Dialog'
import { TermEditForm } from './TermEditForm'
import { TermFileActions } from './TermFileActions'

interface TermbaseDialogProps {
  api: HamtaApi
  onClose: () => void
  onError: (message: string) => void
}

/** Rows shown at once: a termbase of thousands is searched, not scrolled. */
const SHOWN = 200

/**
 * The whole termbase of the library: search it in Persian or English (spacing, ZWNJ and letter
 * forms do not matter), filter by status, edit or delete any term, add one, import and export.
 */
export function TermbaseDialog({ api, onClose, onError }: TermbaseDialogProps): React.JSX.Element {
  const [terms, setTerms] = useState<Term[] | null>(null)
  const [text, setText] = useState('')
  const [status, setStatus] = useState<TermStatus | ''>('')
  const [editing, setEditing] = useState<string | null>(null)
  const [notice, setNotice] = useState('')
  const [added, setAdded] = useState({ fa: '', en: '' })
  const reload = useCallback(() => {
    void api.getTerms({}).then(setTerms, (error: Error) => onError(error.message))
  }, [api, onError])
  useEffect(reload, [reload])

  // Typing stays quick in a large termbase: the list follows at low priority.
  const query = useDeferredValue(text)
  const found = useMemo(() => (terms ? filterTerms(terms, { text: query, ...(status ? { status } : {}) }) : []), [terms, query, status])

  const add = (): void => {
    if (!added.fa.trim() || !added.en.trim()) return void setNotice('A term needs both its Persian and its English.')
    void api.addTerm({ fa: added.fa, en: added.en }).then(
      (term) => {
        setNotice(`Added ${term.fa} → ${term.en}.`)
        setAdded({ fa: '', en: '' })
        setText(term.fa)
        reload()
      },
      (error: Error) => onError(error.message)
    )
  }

  return (
    <Dialog label="Termbase" onCancel={onClose} className="termbase-dialog">
      <h2>Termbase</h2>
      <p>
        {terms === null
          ? 'Opening the termbase…'
          : `${terms.length.toLocaleString()} ${terms.length === 1 ? 'term' : 'terms'}, shared by every document of this library and used by QA and the aligner.`}
      </p>
      <div className="termbase-search">
        <input
          type="search"
          aria-label="Search the termbase"
          placeholder="Search Persian or English…"
          dir="auto"
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
        <select aria-label="Status" value={status} onChange={(event) => setStatus(event.target.value as TermStatus | '')}>
          <option value="">Any status</option>
          {TERM_STATUSES.map((value) => (
            <option key={value} value={value}>
              {value}
            </option>
          ))}
        </select>
      </div>
      {terms !== null && found.length === 0 && (
        <p className="muted">{terms.length === 0 ? 'No terms yet: add one below or import a glossary.' : 'No term matches.'}</p>
      )}
      {found.length > 0 && (
        <div className="termbase-scroll">
          <table className="termbase">
            <thead>
              <tr>
                <th scope="col">Persian</th>
                <th scope="col">English</th>
                <th scope="col">Other renderings</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="visually-hidden">Edit</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {found.slice(0, SHOWN).map((term) =>
                editing === term.id ? (
                  <tr key={term.id}>
                    <td colSpan={5}>
                      <TermEditForm
                        api={api}
                        term={term}
                        onError={onError}
                        onDone={(changed, message) => {
                          setEditing(null)
                          if (message) setNotice(message)
                          if (changed) reload()
                        }}
                      />
                    </td>
                  </tr>
                ) : (
                  <tr key={term.id} className={`term-${term.status}`}>
                    <td lang="fa" dir="rtl" className="term-fa">
                      {term.fa}
                    </td>
                    <td>
                      {term.en}
                      {term.note && <div className="muted term-note">{term.note}</div>}
                    </td>
                    <td>
                      {term.alternatives.join(', ')}
                      {term.forbidden.length > 0 && <div className="term-forbidden">not {term.forbidden.join(', ')}</div>}
                    </td>
                    <td>{term.status}</td>
                    <td>
                      <button type="button" className="secondary" aria-label={`Edit the term ${term.fa}`} onClick={() => setEditing(term.id)}>
                        Edit
                      </button>
                    </td>
                  </tr>
                )
              )}
            </tbody>
          </table>
        </div>
      )}
      {found.length > SHOWN && (
        <p className="muted">
          Showing {SHOWN} of {found.length.toLocaleString()} matching terms: narrow the search to see the others.
        </p>
      )}
      <form
        className="termbase-add"
        aria-label="Add a term"
        onSubmit={(event) => {
          event.preventDefault()
          add()
        }}
      >
        <input
          lang="fa"
          dir="rtl"
          aria-label="New term in Persian"
          placeholder="Persian"
          value={added.fa}
          onChange={(event) => setAdded({ ...added, fa: event.target.value })}
        />
        <input
          lang="en"
          aria-label="New term in English"
          placeholder="English"
          value={added.en}
          onChange={(event) => setAdded({ ...added, en: event.target.value })}
        />
        <button type="submit">Add a term</button>
      </form>
      {notice && (
        <p role="status" className="muted">
          {notice}
        </p>
      )}
      <div className="dialog-actions">
        <TermFileActions
          api={api}
          onError={onError}
          onImported={(message) => {
            setNotice(message)
            reload()
          }}
        />
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  )
}

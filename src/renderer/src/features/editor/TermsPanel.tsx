import { useCallback, useEffect, useMemo, useState } from 'react'
import type { Row } from '../../../../core/model'
import { findPlaceables } from '../../../../core/qa/placeables'
import { sharedMatcher } from '../../../../core/terms/matcher'
import type { Term } from '../../../../core/terms/model'
import type { HamtaApi } from '../../../../shared/contract'
import { TermEditForm } from '../terms/TermEditForm'
import { TermFileActions } from '../terms/TermFileActions'
import { TermbaseDialog } from '../terms/TermbaseDialog'
import type { TermDraft } from './useTermCapture'

interface TermsPanelProps {
  api: HamtaApi
  row: Row | undefined
  draft: TermDraft | null
  onDraft: (draft: TermDraft | null) => void
  /** Puts English at the cursor of the row being edited. */
  onInsert: (text: string) => void
  onError: (message: string) => void
  /** Tells the editor the termbase changed (to underline its terms). */
  onTermsChanged?: (terms: Term[]) => void
}

/**
 * The termbase beside the row: terms found in the active row's Persian with their English and
 * its placeables (numbers, dates, addresses, Latin names), each put into the English with a
 * click; editing or deleting a term found; adding a term from the selection; importing and
 * exporting TBX, CSV and TSV.
 */
export function TermsPanel({ api, row, draft, onDraft, onInsert, onError, onTermsChanged }: TermsPanelProps): React.JSX.Element {
  const [terms, setTerms] = useState<Term[]>([])
  const [suggestions, setSuggestions] = useState<Array<{ fa: string; en: string }> | null>(null)
  const [notice, setNotice] = useState('')
  const [editing, setEditing] = useState<string | null>(null)
  const [browsing, setBrowsing] = useState(false)
  const reload = useCallback(() => {
    void api.getTerms({}).then(
      (list) => {
        setTerms(list)
        onTermsChanged?.(list)
      },
      (error: Error) => onError(error.message)
    )
  }, [api, onError, onTermsChanged])
  useEffect(reload, [reload])

  const matcher = useMemo(() => sharedMatcher(terms), [terms])
  const source = row ? row.source.map((sentence) => sentence.text).join(' ') : ''
  const hits = useMemo(() => matcher.find(source), [matcher, source])
  const placeables = useMemo(() => findPlaceables(source), [source])
  const editingTerm = editing ? terms.find((term) => term.id === editing) : undefined

  const add = (input: TermDraft): void => {
    if (!input.fa.trim() || !input.en.trim()) return void setNotice('A term needs both its Persian and its English.')
    void api.addTerm({ fa: input.fa, en: input.en }).then(
      (term) => {
        setNotice(`Added ${term.fa} → ${term.en}.`)
        onDraft(null)
        setSuggestions((current) => current?.filter((entry) => entry.fa !== input.fa) ?? null)
        reload()
      },
      (error: Error) => onError(error.message)
    )
  }
  const form = draft ?? { fa: '', en: '' }
  return (
    <section className="terms-panel" aria-label="Terms">
      <h3>In this row</h3>
      {hits.length === 0 && placeables.length === 0 && <p className="muted">No terms or placeables in this row.</p>}
      <ul className="term-hits">
        {hits.map((hit) =>
          hit.terms.map((term) => (
            <li key={`${hit.start}-${term.id}`}>
              <bdi lang="fa" dir="rtl">
                {hit.text}
              </bdi>{' '}
              →{' '}
              <button type="button" className="link" title="Put into the English" onClick={() => onInsert(term.en)}>
                {term.en}
              </button>
              {term.alternatives.map((alternative) => (
                <button key={alternative} type="button" className="link secondary" onClick={() => onInsert(alternative)}>
                  {alternative}
                </button>
              ))}
              {term.forbidden.length > 0 && <span className="muted"> (not {term.forbidden.join(', ')})</span>}
              {term.note && <span className="muted"> — {term.note}</span>}{' '}
              <button type="button" className="secondary" aria-label={`Edit the term ${term.fa}`} onClick={() => setEditing(term.id)}>
                Edit
              </button>
            </li>
          ))
        )}
        {placeables.map((placeable) => (
          <li key={`p${placeable.start}`} className="placeable">
            <bdi lang="fa" dir="rtl">
              {placeable.source}
            </bdi>{' '}
            →{' '}
            <button type="button" className="link" title="Put into the English" onClick={() => onInsert(placeable.english)}>
              {placeable.english}
            </button>
          </li>
        ))}
      </ul>
      {editingTerm && (
        <TermEditForm
          key={editingTerm.id}
          api={api}
          term={editingTerm}
          onError={onError}
          onDone={(changed, message) => {
            setEditing(null)
            if (message) setNotice(message)
            if (changed) reload()
          }}
        />
      )}
      <h3>Add a term</h3>
      <form
        className="term-form"
        onSubmit={(event) => {
          event.preventDefault()
          add(form)
        }}
      >
        <label>
          Persian <input lang="fa" dir="rtl" value={form.fa} onChange={(event) => onDraft({ ...form, fa: event.target.value })} />
        </label>
        <label>
          English <input lang="en" value={form.en} onChange={(event) => onDraft({ ...form, en: event.target.value })} />
        </label>
        <button type="submit">Add</button>
      </form>
      {notice && (
        <p role="status" className="muted">
          {notice}
        </p>
      )}
      <div className="term-actions">
        <button type="button" className="secondary" onClick={() => setBrowsing(true)}>
          Browse the termbase…
        </button>
        <button
          type="button"
          className="secondary"
          onClick={() => void api.termSuggestions({}).then(setSuggestions, (error: Error) => onError(error.message))}
        >
          Names linked in the library
        </button>
        <TermFileActions
          api={api}
          onError={onError}
          onImported={(message) => {
            setNotice(message)
            reload()
          }}
        />
      </div>
      {suggestions && (
        <ul className="term-suggestions" aria-label="Linked names not yet in the termbase">
          {suggestions.length === 0 && <li className="muted">Every linked name is in the termbase.</li>}
          {suggestions.map((suggestion) => (
            <li key={suggestion.fa}>
              <bdi lang="fa" dir="rtl">
                {suggestion.fa}
              </bdi>{' '}
              → {suggestion.en}{' '}
              <button type="button" className="secondary" onClick={() => add(suggestion)}>
                Add
              </button>
            </li>
          ))}
        </ul>
      )}
      <p className="muted">{terms.length} terms in the library.</p>
      {browsing && (
        <TermbaseDialog
          api={api}
          onError={onError}
          onClose={() => {
            setBrowsing(false)
            reload()
          }}
        />
      )}
    </section>
  )
}

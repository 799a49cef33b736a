import { useState } from 'react'
import { TERM_STATUSES, type Term, type TermStatus } from '../../../../core/terms/model'
import type { HamtaApi } from '../../../../shared/contract'

interface TermEditFormProps {
  api: HamtaApi
  term: Term
  /** Called once the term is saved or deleted (true) or the edit is given up (false). */
  onDone: (changed: boolean, message?: string) => void
  onError: (message: string) => void
}

/** Renderings typed as one line, separated by commas or semicolons. */
function splitList(text: string): string[] {
  return text
    .split(/[,;،؛]/)
    .map((item) => item.trim())
    .filter(Boolean)
}

/** Editing one termbase entry in place: its Persian and English, other and forbidden renderings, note and status. */
export function TermEditForm({ api, term, onDone, onError }: TermEditFormProps): React.JSX.Element {
  const [fa, setFa] = useState(term.fa)
  const [en, setEn] = useState(term.en)
  const [alternatives, setAlternatives] = useState(term.alternatives.join(', '))
  const [forbidden, setForbidden] = useState(term.forbidden.join(', '))
  const [note, setNote] = useState(term.note ?? '')
  const [status, setStatus] = useState<TermStatus>(term.status)
  const [problem, setProblem] = useState('')

  const save = (): void => {
    if (!fa.trim() || !en.trim()) return void setProblem('A term needs both its Persian and its English.')
    void api
      .updateTerm({
        termId: term.id,
        fa: fa.trim(),
        en: en.trim(),
        alternatives: splitList(alternatives),
        forbidden: splitList(forbidden),
        note: note.trim(),
        status
      })
      .then(
        (saved) => onDone(true, `Saved ${saved.fa} → ${saved.en}.`),
        (error: Error) => onError(error.message)
      )
  }
  const remove = (): void => {
    if (!window.confirm(`Delete the term ${term.fa} → ${term.en} from the termbase?`)) return
    void api.deleteTerm({ termId: term.id }).then(
      () => onDone(true, `Deleted ${term.fa} → ${term.en}.`),
      (error: Error) => onError(error.message)
    )
  }
  return (
    <form
      className="term-form term-edit"
      aria-label={`Edit the term ${term.fa}`}
      onSubmit={(event) => {
        event.preventDefault()
        save()
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault()
          onDone(false)
        }
      }}
    >
      <label>
        Persian <input lang="fa" dir="rtl" value={fa} onChange={(event) => setFa(event.target.value)} autoFocus />
      </label>
      <label>
        English <input lang="en" value={en} onChange={(event) => setEn(event.target.value)} />
      </label>
      <label>
        Also right{' '}
        <input lang="en" value={alternatives} placeholder="other renderings, with commas" onChange={(event) => setAlternatives(event.target.value)} />
      </label>
      <label>
        Not to use <input lang="en" value={forbidden} placeholder="renderings QA reports" onChange={(event) => setForbidden(event.target.value)} />
      </label>
      <label>
        Note <input value={note} onChange={(event) => setNote(event.target.value)} />
      </label>
      <label>
        Status
        <select value={status} onChange={(event) => setStatus(event.target.value as TermStatus)}>
          {TERM_STATUSES.map((value) => (
            <option key={value} value={value}>
              {value}
            </option>
          ))}
        </select>
      </label>
      {problem && (
        <p role="alert" className="term-edit-problem">
          {problem}
        </p>
      )}
      <div className="term-edit-actions">
        <button type="submit">Save</button>
        <button type="button" className="secondary" onClick={() => onDone(false)}>
          Cancel
        </button>
        <button type="button" className="secondary danger" onClick={remove}>
          Delete
        </button>
      </div>
    </form>
  )
}

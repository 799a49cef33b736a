import { useEffect, useState } from 'react'
import type { HamtaDocument } from '../../../../core/model'
import type { Analysis } from '../../../../core/tm/analysis'
import type { ConcordanceUnit, PretranslatedMark, TmMatch } from '../../../../core/tm/types'
import type { HamtaApi, LibrarySettings } from '../../../../shared/contract'
import { saveExport, saveMemoryTmx } from '../../platform'
import { MatchSource } from './MatchSource'
import type { TmMatchesState } from './useTmMatches'

interface TmPanelProps {
  api: HamtaApi
  documentId: string
  state: TmMatchesState
  settings: LibrarySettings
  onChangeSettings: (change: Partial<LibrarySettings>) => void
  onInsert: (match: TmMatch) => void
  /** The concordance search's text; set from outside by Ctrl+K with words selected. */
  concordanceText: string
  onConcordanceText: (text: string) => void
  /** Bumped to search for `concordanceText` at once (Ctrl+K). */
  searchSerial: number
  onPretranslated: (document: HamtaDocument, filled: number) => void
  onError: (message: string) => void
  activeRowId: string | undefined
  /** Changes when rows were filled from the memory, so where the active row's English came from is asked again. */
  revision: number
  onOccurrenceDiffers: (rowId: string) => void
}

function describeOrigin(match: Pick<TmMatch, 'origin'>): string {
  const { origin } = match
  const parts = [origin.kind === 'document' ? `document “\u2068${origin.name}\u2069”` : `memory ${origin.name}`]
  if (origin.author) parts.push(origin.author)
  if (origin.date) parts.push(origin.date.slice(0, 10))
  return parts.join(' · ')
}

function Highlighted({ text, hits, rtl }: { text: string; hits: Array<[number, number]>; rtl?: boolean }): React.JSX.Element {
  const pieces: React.ReactNode[] = []
  let at = 0
  hits.forEach(([start, end], index) => {
    if (start > at) pieces.push(text.slice(at, start))
    pieces.push(<mark key={index}>{text.slice(start, end)}</mark>)
    at = end
  })
  pieces.push(text.slice(at))
  return rtl ? (
    <div dir="rtl" lang="fa" className="tm-source">
      {pieces}
    </div>
  ) : (
    <div className="tm-target">{pieces}</div>
  )
}

/**
 * The translation memory beside the grid: the active row's matches (Ctrl+Shift+1…5 put one into
 * the English), a concordance search (Ctrl+K), and the document's pre-translation and analysis.
 */
export function TmPanel(props: TmPanelProps): React.JSX.Element {
  const { api, documentId, state, settings } = props
  const [concordance, setConcordance] = useState<{ units: ConcordanceUnit[]; more: boolean } | null>(null)
  const [analysis, setAnalysis] = useState<{ analysis: Analysis; csv: string } | null>(null)
  const [threshold, setThreshold] = useState(100)
  const [busy, setBusy] = useState(false)

  const searchConcordance = async (text: string): Promise<void> => {
    if (!text.trim()) return setConcordance(null)
    try {
      setConcordance(await api.tmConcordance({ text: text.trim() }))
    } catch (error) {
      props.onError((error as Error).message)
    }
  }
  // Where the active row's English came from, when the memory put it there.
  const [filledFrom, setFilledFrom] = useState<PretranslatedMark | null>(null)
  useEffect(() => {
    let cancelled = false
    if (!props.activeRowId) return setFilledFrom(null)
    api.tmMemoryDrafts({ documentId }).then(
      (marks) => !cancelled && setFilledFrom(marks[props.activeRowId!] ?? null),
      () => !cancelled && setFilledFrom(null)
    )
    return () => {
      cancelled = true
    }
  }, [api, documentId, props.activeRowId, props.revision])

  useEffect(() => {
    if (props.searchSerial > 0) void searchConcordance(props.concordanceText)
    // Only a new request searches; typing in the box waits for Enter.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.searchSerial])
  const run = async (work: () => Promise<void>): Promise<void> => {
    setBusy(true)
    try {
      await work()
    } catch (error) {
      props.onError((error as Error).message)
    } finally {
      setBusy(false)
    }
  }

  return (
    <section className="tm-panel" aria-label="Translation memory">
      {filledFrom && props.activeRowId && (
        <div className="tm-filled" role="note">
          This row’s English came from the memory:{' '}
          {filledFrom.origin.startsWith('repetition') ? filledFrom.origin : `${filledFrom.origin}, ${filledFrom.score}%`}.
          {filledFrom.origin.startsWith('repetition') && (
            <button type="button" className="secondary" onClick={() => props.onOccurrenceDiffers(props.activeRowId!)}>
              This occurrence differs
            </button>
          )}
        </div>
      )}
      <h2>Matches</h2>
      {state.loading && state.matches.length === 0 && <p className="muted">Looking up…</p>}
      {state.error && <p className="error-text">{state.error}</p>}
      {!state.loading && !state.error && state.matches.length === 0 && <p className="muted">No match of {settings.tmMinScore}% or more.</p>}
      <ol className="tm-matches">
        {state.matches.map((match, index) => (
          <li key={`${match.origin.id}-${match.origin.rowId ?? ''}-${index}`} className="tm-match">
            <div className="tm-match-head">
              <span
                className={`tm-score${match.score >= 100 ? ' exact' : ''}`}
                title={match.score > 100 ? 'Same sentence, same neighbours' : undefined}
              >
                {match.score > 100 ? 'Context' : `${match.score}%`}
              </span>
              {match.repetition && <span className="tm-flag">repetition</span>}
              {match.adaptedTarget && <span className="tm-flag">numbers adapted</span>}
              <button
                type="button"
                className="secondary"
                title={index < 5 ? `Ctrl+Shift+${index + 1}` : undefined}
                onClick={() => props.onInsert(match)}
              >
                Insert{index < 5 ? ` (${index + 1})` : ''}
              </button>
            </div>
            <MatchSource diff={match.diff} />
            <div className="tm-target">{match.adaptedTarget ?? match.target}</div>
            {match.adaptedTarget && <div className="tm-note">Memory: {match.target}</div>}
            <div className="tm-origin">{describeOrigin(match)}</div>
          </li>
        ))}
      </ol>

      <h2>Concordance</h2>
      <form
        className="tm-search"
        onSubmit={(event) => {
          event.preventDefault()
          void searchConcordance(props.concordanceText)
        }}
      >
        <input
          type="search"
          aria-label="Search the translation memory (Persian or English words)"
          placeholder="Words in Persian or English (Ctrl+K)"
          value={props.concordanceText}
          onChange={(event) => props.onConcordanceText(event.target.value)}
        />
        <button type="submit" className="secondary">
          Search
        </button>
      </form>
      {concordance && (
        <ul className="tm-concordance" aria-label="Concordance results">
          {concordance.units.length === 0 && <li className="muted">Not found in the memory.</li>}
          {concordance.units.map((unit, index) => (
            <li key={index}>
              <Highlighted text={unit.source} hits={unit.sourceHits} rtl />
              <Highlighted text={unit.target} hits={unit.targetHits} />
              <div className="tm-origin">{describeOrigin(unit)}</div>
            </li>
          ))}
          {concordance.more && <li className="muted">More units contain these words; refine the search.</li>}
        </ul>
      )}

      <h2>This document</h2>
      <div className="tm-tools">
        <label>
          Fill empty rows from matches of at least{' '}
          <select value={threshold} onChange={(event) => setThreshold(Number(event.target.value))}>
            {[101, 100, 95, 85, 75].map((value) => (
              <option key={value} value={value}>
                {value > 100 ? 'context' : `${value}%`}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          disabled={busy}
          onClick={() =>
            void run(async () => {
              const { filled, document } = await api.tmPretranslate({ documentId, min: threshold })
              props.onPretranslated(document, filled)
            })
          }
        >
          Pre-translate
        </button>
        <button
          type="button"
          className="secondary"
          disabled={busy}
          onClick={() => void run(async () => setAnalysis(await api.tmAnalyze({ documentId })))}
        >
          Analyse
        </button>
        <button type="button" className="secondary" disabled={busy} onClick={() => void run(async () => void (await saveMemoryTmx(documentId)))}>
          Export as TMX
        </button>
      </div>
      {analysis && (
        <>
          <table className="tm-analysis" aria-label="Match analysis">
            <thead>
              <tr>
                <th scope="col">Match</th>
                <th scope="col">Sentences</th>
                <th scope="col">Words</th>
              </tr>
            </thead>
            <tbody>
              {analysis.analysis.bands.map((band) => (
                <tr key={band.band}>
                  <th scope="row">{band.label}</th>
                  <td>{band.sentences}</td>
                  <td>{band.words}</td>
                </tr>
              ))}
              <tr className="total">
                <th scope="row">Total</th>
                <td>{analysis.analysis.total.sentences}</td>
                <td>{analysis.analysis.total.words}</td>
              </tr>
            </tbody>
          </table>
          <button
            type="button"
            className="link"
            onClick={() => void saveExport({ fileName: 'analysis.csv', mimeType: 'text/csv', content: analysis.csv, encoding: 'utf8' })}
          >
            Save the analysis as CSV
          </button>
        </>
      )}

      <h2>Settings</h2>
      <div className="tm-settings">
        <label>
          Lowest match{' '}
          <input
            type="number"
            min={0}
            max={100}
            value={settings.tmMinScore}
            onChange={(event) => props.onChangeSettings({ tmMinScore: Math.max(0, Math.min(100, Number(event.target.value) || 0)) })}
          />
          %
        </label>
        <label>
          Matches shown{' '}
          <input
            type="number"
            min={1}
            max={20}
            value={settings.tmMaxMatches}
            onChange={(event) => props.onChangeSettings({ tmMaxMatches: Math.max(1, Math.min(20, Number(event.target.value) || 1)) })}
          />
        </label>
        <label>
          <input
            type="checkbox"
            checked={settings.tmAutoInsertExact}
            onChange={(event) => props.onChangeSettings({ tmAutoInsertExact: event.target.checked })}
          />{' '}
          Put an exact match into an empty row on entering it
        </label>
      </div>
    </section>
  )
}

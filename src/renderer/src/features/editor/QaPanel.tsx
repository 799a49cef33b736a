import { useMemo, useState } from 'react'
import { QA_CHECKS, QA_CHECK_LABEL, type Finding, type QaCheckName } from '../../../../core/qa/finding'
import type { HamtaApi } from '../../../../shared/contract'
import { saveExport } from '../../platform'
import type { SpellingVariant } from './spelling'
import type { QaSession } from './useQa'

interface QaPanelProps {
  api: HamtaApi
  documentId: string
  qa: QaSession
  onJump: (rowId: string) => void
  /** Puts a fix's English into its row. */
  onFix: (finding: Finding) => void
  onError: (message: string) => void
  /** The check whose rows the grid is filtered to, or null when it is not. */
  gridCheck?: QaCheckName | 'all' | null
  /** Filters the grid to the rows with findings of a check, or (null) stops. */
  onFilterGrid?: (check: QaCheckName | 'all' | null) => void
}

/**
 * Quality assurance of the document: findings by check, each with its row, message, fix where
 * one is obvious, and "not an error"; the report can be saved as HTML or CSV.
 */
export function QaPanel({ api, documentId, qa, onJump, onFix, onError, gridCheck = null, onFilterGrid }: QaPanelProps): React.JSX.Element {
  const [check, setCheck] = useState<QaCheckName | 'all'>(gridCheck ?? 'all')
  const choose = (next: QaCheckName | 'all'): void => {
    setCheck(next)
    if (gridCheck !== null) onFilterGrid?.(next)
  }
  const [showSilenced, setShowSilenced] = useState(false)
  const visible = useMemo(
    () => qa.findings.filter((finding) => (showSilenced || !finding.silenced) && (check === 'all' || finding.check === check)),
    [qa.findings, check, showSilenced]
  )
  const counts = useMemo(() => {
    const table = Object.fromEntries(QA_CHECKS.map((name) => [name, 0])) as Record<QaCheckName, number>
    for (const finding of qa.findings) if (!finding.silenced) table[finding.check]++
    return table
  }, [qa.findings])
  const exportReport = (format: 'html' | 'csv'): void => {
    void api.exportQaReport({ documentId, format }).then(saveExport, (error: Error) => onError(error.message))
  }
  return (
    <section className="qa-panel" aria-label="Quality assurance">
      <div className="qa-actions">
        <button type="button" onClick={() => void qa.runAll()} disabled={qa.running}>
          {qa.running ? 'Checking…' : qa.checkedAll ? 'Check again' : 'Check the document'}
        </button>
        <button type="button" className="secondary" onClick={() => exportReport('html')}>
          Report (HTML)
        </button>
        <button type="button" className="secondary" onClick={() => exportReport('csv')}>
          Report (CSV)
        </button>
      </div>
      <div className="qa-filters" role="group" aria-label="Show findings of">
        <label>
          Check{' '}
          <select value={check} onChange={(event) => choose(event.target.value as QaCheckName | 'all')}>
            <option value="all">All ({qa.findings.filter((finding) => !finding.silenced).length})</option>
            {QA_CHECKS.map((name) => (
              <option key={name} value={name}>
                {QA_CHECK_LABEL[name]} ({counts[name]})
              </option>
            ))}
          </select>
        </label>
        <label>
          English spelling{' '}
          <select value={qa.spelling} onChange={(event) => void qa.setSpelling(event.target.value as SpellingVariant)}>
            <option value="en-US">American (color)</option>
            <option value="en-GB">British (colour)</option>
          </select>
        </label>
        <label>
          <input type="checkbox" checked={showSilenced} onChange={(event) => setShowSilenced(event.target.checked)} /> Show “not an error”
        </label>
        {onFilterGrid && (
          <label>
            <input type="checkbox" checked={gridCheck !== null} onChange={(event) => onFilterGrid(event.target.checked ? check : null)} /> Only these
            rows in the grid
          </label>
        )}
      </div>
      {!qa.checkedAll && qa.findings.length === 0 && <p className="muted">Rows are checked when you confirm them; check the whole document here.</p>}
      {qa.checkedAll && visible.length === 0 && <p>No findings.</p>}
      <ul className="qa-findings">
        {visible.map((finding) => (
          <li key={finding.id} className={finding.silenced ? 'qa-finding silenced' : 'qa-finding'} data-check={finding.check}>
            <button type="button" className="link" onClick={() => onJump(finding.rowId)} aria-label={`Go to row ${finding.row}`}>
              Row {finding.row}
            </button>{' '}
            <span className="qa-check">{QA_CHECK_LABEL[finding.check]}</span>: <span className="qa-message">{finding.message}</span>
            <span className="qa-finding-actions">
              {finding.fix && !finding.silenced && (
                <button type="button" className="secondary" onClick={() => onFix(finding)}>
                  {finding.fix.label}
                </button>
              )}
              <button type="button" className="secondary" onClick={() => void qa.silence(finding, !finding.silenced)}>
                {finding.silenced ? 'It is an error' : 'Not an error'}
              </button>
            </span>
          </li>
        ))}
      </ul>
    </section>
  )
}

import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { QA_CHECK_LABEL, type Finding, type QaCheckName } from '../../../../core/qa/finding'
import type { HamtaApi } from '../../../../shared/contract'
import { setSpellingVariant, spellingVariant, type SpellingVariant } from './spelling'
import type { RowFilter } from './useRowFilter'

export interface QaState {
  findings: Finding[]
  /** True once the whole document has been checked (findings of confirmed rows come in before). */
  checkedAll: boolean
  running: boolean
}

/**
 * QA findings of the open document: the whole document on demand, one row when it is confirmed
 * (its findings replace that row's), and "not an error" remembered by the library.
 */
export function useQa(api: HamtaApi, documentId: string, onError: (message: string) => void) {
  const [state, setState] = useState<QaState>({ findings: [], checkedAll: false, running: false })
  const latest = useRef(0)
  const [spelling, setSpellingState] = useState<SpellingVariant>(spellingVariant())
  // A choice made before the library's setting arrived is not undone by it.
  const chosen = useRef(false)

  // The library's choice of American or British English, for the QA check and the editor's underlines.
  useEffect(() => {
    let current = true
    api.getQaSettings({}).then(
      (settings) => {
        if (!current || chosen.current) return
        setSpellingVariant(settings.spelling)
        setSpellingState(settings.spelling)
      },
      (error: Error) => onError(error.message)
    )
    return () => {
      current = false
    }
  }, [api, onError])

  const runAll = useCallback(async () => {
    const run = ++latest.current
    setState((current) => ({ ...current, running: true }))
    try {
      const report = await api.runQa({ documentId })
      if (run === latest.current) setState({ findings: report.findings, checkedAll: true, running: false })
    } catch (error) {
      setState((current) => ({ ...current, running: false }))
      onError((error as Error).message)
    }
  }, [api, documentId, onError])

  const runRow = useCallback(
    async (rowId: string) => {
      try {
        const report = await api.runQa({ documentId, rowIds: [rowId] })
        setState((current) => {
          const others = current.findings.filter((finding) => finding.rowId !== rowId)
          const findings = [...others, ...report.findings].sort((a, b) => a.row - b.row)
          return { ...current, findings }
        })
      } catch (error) {
        onError((error as Error).message)
      }
    },
    [api, documentId, onError]
  )

  const silence = useCallback(
    async (finding: Finding, silenced: boolean) => {
      try {
        await api.silenceFindings({ documentId, findingIds: [finding.id], silenced })
        setState((current) => ({ ...current, findings: current.findings.map((f) => (f.id === finding.id ? { ...f, silenced } : f)) }))
      } catch (error) {
        onError((error as Error).message)
      }
    },
    [api, documentId, onError]
  )

  // Rows with findings still open, asked on every next-finding key: one set per list of findings.
  const openRows = useMemo(() => new Set(state.findings.filter((finding) => !finding.silenced).map((finding) => finding.rowId)), [state.findings])
  const openRowsRef = useRef(openRows)
  openRowsRef.current = openRows
  const hasFinding = useCallback((rowId: string) => openRowsRef.current.has(rowId), [])

  const setSpelling = useCallback(
    async (next: SpellingVariant) => {
      chosen.current = true
      try {
        const settings = await api.updateQaSettings({ spelling: next })
        setSpellingVariant(settings.spelling)
        setSpellingState(settings.spelling)
        // The spelling findings of a checked document follow the new choice.
        if (state.checkedAll) await runAll()
      } catch (error) {
        onError((error as Error).message)
      }
    },
    [api, onError, runAll, state.checkedAll]
  )

  return { ...state, runAll, runRow, silence, hasFinding, spelling, setSpelling }
}

export type QaSession = ReturnType<typeof useQa>

/** Rows with open findings of a check (or of every check), in document order of the findings. */
export function rowsWithFindings(findings: readonly Finding[], check: QaCheckName | 'all'): string[] {
  return [...new Set(findings.filter((finding) => !finding.silenced && (check === 'all' || finding.check === check)).map((finding) => finding.rowId))]
}

/**
 * The grid filtered to the rows with findings of one check, through the filter bar (which names
 * it and clears it). Rows whose findings are fixed stay in view until another check is chosen,
 * so a fix does not take the row away from under the cursor; rows with new findings join.
 */
export function useQaFilter(qa: QaSession, rowFilter: Pick<RowFilter, 'filter' | 'setFilter'>) {
  const [check, setCheck] = useState<QaCheckName | 'all' | null>(null)
  const { filter, setFilter } = rowFilter
  const shown = filter.custom?.rowIds
  // Cleared or replaced in the filter bar: no longer the QA's filter.
  const active = check !== null && shown !== undefined ? check : null

  const show = useCallback(
    (next: QaCheckName | 'all' | null) => {
      setCheck(next)
      const rest = { ...filter, show: 'all' as const, custom: undefined, customLabel: undefined }
      if (next === null) return setFilter(rest)
      const label = next === 'all' ? 'all findings' : QA_CHECK_LABEL[next]
      setFilter({ ...rest, custom: { rowIds: rowsWithFindings(qa.findings, next) }, customLabel: `QA: ${label}` })
    },
    [filter, setFilter, qa.findings]
  )

  useEffect(() => {
    if (active === null || !shown) return
    const known = new Set(shown)
    const added = rowsWithFindings(qa.findings, active).filter((rowId) => !known.has(rowId))
    if (added.length > 0) setFilter({ ...filter, custom: { ...filter.custom, rowIds: [...shown, ...added] } })
    // Only new findings widen the filter; the filter's own changes need no answer.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [qa.findings])

  return { check: active, show }
}

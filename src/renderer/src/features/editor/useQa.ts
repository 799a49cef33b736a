import { useCallback, useRef, useState } from 'react'
import type { Finding } from '../../../../core/qa/finding'
import type { HamtaApi } from '../../../../shared/contract'

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

  return { ...state, runAll, runRow, silence }
}

export type QaSession = ReturnType<typeof useQa>

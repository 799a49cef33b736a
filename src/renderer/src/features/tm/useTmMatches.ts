import { useEffect, useState } from 'react'
import type { HamtaApi, LibrarySettings } from '../../../../shared/contract'
import type { TmMatch } from '../../../../core/tm/types'

export interface TmMatchesState {
  rowId: string | null
  matches: TmMatch[]
  loading: boolean
  error: string | null
}

/**
 * The memory's matches for the active row, asked for when the row changes (a moment later, so
 * running through rows with the keyboard asks only for the one the user stops on), never while
 * typing.
 */
export function useTmMatches(
  api: HamtaApi,
  documentId: string,
  rowId: string | undefined,
  settings: Pick<LibrarySettings, 'tmMinScore' | 'tmMaxMatches'>,
  revision: number
): TmMatchesState {
  const [state, setState] = useState<TmMatchesState>({ rowId: null, matches: [], loading: false, error: null })
  useEffect(() => {
    if (!rowId) return
    let cancelled = false
    setState((current) => ({ ...current, rowId, loading: true, error: null, matches: current.rowId === rowId ? current.matches : [] }))
    const timer = setTimeout(() => {
      api.tmLookup({ documentId, rowId, min: settings.tmMinScore, max: settings.tmMaxMatches }).then(
        (matches) => !cancelled && setState({ rowId, matches, loading: false, error: null }),
        (error: Error) => !cancelled && setState({ rowId, matches: [], loading: false, error: error.message })
      )
    }, 120)
    return () => {
      cancelled = true
      clearTimeout(timer)
    }
  }, [api, documentId, rowId, settings.tmMinScore, settings.tmMaxMatches, revision])
  return state
}

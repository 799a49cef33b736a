import { useCallback, useEffect, useRef, useState } from 'react'
import type { HamtaApi } from '../../../../shared/contract'
import type { TeamStatusInfo } from '../../../../shared/team-contract'

/** How often the page asks for the sync state (a cheap call, answered from memory most times). */
export const TEAM_POLL_MS = 3_000

/**
 * The team library's sync state, asked for every few seconds and when the window gets focus.
 * Syncs run in the main process: nothing here waits on the network while the user types.
 */
export function useTeamStatus(api: HamtaApi, pollMs = TEAM_POLL_MS) {
  const [status, setStatus] = useState<TeamStatusInfo | null>(null)
  const alive = useRef(true)
  const refresh = useCallback(async () => {
    try {
      const next = await api.teamStatus({})
      if (alive.current) setStatus(next)
    } catch {
      // A page whose server went away says so elsewhere; the indicator keeps its last state.
    }
  }, [api])
  useEffect(() => {
    alive.current = true
    void refresh()
    const timer = setInterval(() => void refresh(), pollMs)
    const onFocus = (): void => void refresh()
    window.addEventListener('focus', onFocus)
    return () => {
      alive.current = false
      clearInterval(timer)
      window.removeEventListener('focus', onFocus)
    }
  }, [refresh, pollMs])
  return { status, setStatus, refresh }
}

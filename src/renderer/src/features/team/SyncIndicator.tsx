import { useState } from 'react'
import type { HamtaApi } from '../../../../shared/contract'
import type { TeamStatusInfo, TeamSyncState } from '../../../../shared/team-contract'

/** Each state has its own sign and words, so colour is never the only cue. */
const STATE_VIEW: Record<Exclude<TeamSyncState, 'unshared'>, { icon: string; label: string }> = {
  synced: { icon: '✓', label: 'Synced' },
  ahead: { icon: '↑', label: 'Changes to send' },
  behind: { icon: '↓', label: 'Team changes to receive' },
  offline: { icon: '⚠', label: 'Offline: changes kept here' },
  conflict: { icon: '⚠', label: 'Conflicts' },
  error: { icon: '✕', label: 'Sync failed' }
}

function describe(status: TeamStatusInfo): string {
  const parts = [`Team library: ${status.remote ?? ''}`]
  if (status.lastSyncAt) parts.push(`Last synced ${new Date(status.lastSyncAt).toLocaleString()}`)
  if (status.message) parts.push(status.message)
  return parts.join('\n')
}

interface SyncIndicatorProps {
  api: HamtaApi
  status: TeamStatusInfo | null
  onStatus: (status: TeamStatusInfo) => void
  onError: (message: string) => void
}

/** The team library's sync state (text and sign) with a button to sync now; nothing when the library is not shared. */
export function SyncIndicator({ api, status, onStatus, onError }: SyncIndicatorProps): React.JSX.Element | null {
  const [asked, setAsked] = useState(false)
  if (!status || status.state === 'unshared') return null
  const syncing = status.syncing || asked
  const view = STATE_VIEW[status.state]
  const label = status.state === 'conflict' ? `${status.openConflicts} ${status.openConflicts === 1 ? 'conflict' : 'conflicts'}` : view.label
  const syncNow = async (): Promise<void> => {
    setAsked(true)
    try {
      onStatus((await api.teamSyncNow({})).status)
    } catch (error) {
      // The state shows offline or failed with the reason; a refusal is also told plainly.
      void api.teamStatus({}).then(onStatus, () => undefined)
      if (!/Cannot reach/.test(String((error as Error).message))) onError((error as Error).message)
    } finally {
      setAsked(false)
    }
  }
  return (
    <div className={`sync-indicator sync-${syncing ? 'syncing' : status.state}`} data-testid="sync-state" data-state={status.state}>
      <span role="status" title={describe(status)}>
        <span className="sync-icon" aria-hidden="true">
          {syncing ? '⟳' : view.icon}
        </span>{' '}
        {syncing ? 'Syncing…' : label}
      </span>
      <button type="button" className="secondary icon-button" disabled={syncing} onClick={() => void syncNow()} title={describe(status)}>
        Sync now
      </button>
    </div>
  )
}

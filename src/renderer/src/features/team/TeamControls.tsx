import { useEffect, useRef, useState } from 'react'
import type { HamtaApi } from '../../../../shared/contract'
import { Dialog } from '../../components/Dialog'
import { SyncIndicator } from './SyncIndicator'
import { TeamDialog } from './TeamDialog'
import { useTeamStatus } from './useTeamStatus'

interface TeamControlsProps {
  api: HamtaApi
  onError: (message: string) => void
  /** Documents came or changed through a sync: the library list reloads. */
  onLibraryChanged: () => void
}

/** The library header's team part: Share and Join while the library is on its own, then the sync state. */
export function TeamControls({ api, onError, onLibraryChanged }: TeamControlsProps): React.JSX.Element | null {
  const { status, setStatus } = useTeamStatus(api)
  const [dialog, setDialog] = useState<'share' | 'join' | null>(null)
  const [stopping, setStopping] = useState(false)
  const [busy, setBusy] = useState(false)
  const [mode, setMode] = useState<'desktop' | 'browser'>('desktop')
  useEffect(() => {
    void api.getAppInfo({}).then(
      (info) => setMode(info.mode),
      () => undefined
    )
  }, [api])
  // Any document a sync changed may change the list (new documents, progress).
  const seen = useRef<string | null>(null)
  const revisions = status ? JSON.stringify(status.revisions) : null
  useEffect(() => {
    if (revisions === null) return
    if (seen.current !== null && seen.current !== revisions) onLibraryChanged()
    seen.current = revisions
  }, [revisions, onLibraryChanged])
  if (!status) return null
  return (
    <>
      {status.state === 'unshared' ? (
        <>
          <button type="button" className="secondary" onClick={() => setDialog('share')}>
            Share with a team…
          </button>
          <button type="button" className="secondary" onClick={() => setDialog('join')}>
            Join a team library…
          </button>
        </>
      ) : (
        <>
          <SyncIndicator api={api} status={status} onStatus={setStatus} onError={onError} />
          <button type="button" className="secondary" onClick={() => setStopping(true)}>
            Stop sharing…
          </button>
        </>
      )}
      {stopping && (
        <Dialog
          label="Stop sharing this library"
          busy={busy}
          onCancel={() => setStopping(false)}
          onSubmit={() => {
            setBusy(true)
            api.teamUnshare({}).then(
              (next) => {
                setBusy(false)
                setStopping(false)
                setStatus(next)
              },
              (error: Error) => {
                setBusy(false)
                setStopping(false)
                onError(error.message)
              }
            )
          }}
        >
          <h2>Stop sharing this library?</h2>
          <p>
            It stops syncing with <bdi>{status.remote}</bdi>. Every document stays here as it is, with its history; the team library is not changed.
            You can share or join again later.
          </p>
          {status.state !== 'synced' && (
            <p className="error-text">Changes made here since the last sync have not reached the team library: sync first to send them.</p>
          )}
          <div className="dialog-actions">
            <button type="button" className="secondary" onClick={() => setStopping(false)}>
              Keep sharing
            </button>
            <button type="submit" disabled={busy}>
              Stop sharing
            </button>
          </div>
        </Dialog>
      )}
      {dialog && (
        <TeamDialog
          api={api}
          kind={dialog}
          mode={mode}
          onCancel={() => setDialog(null)}
          onDone={(report) => {
            setDialog(null)
            setStatus(report.status)
            onLibraryChanged()
          }}
        />
      )}
    </>
  )
}

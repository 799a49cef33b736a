import { useState } from 'react'
import type { HamtaApi } from '../../../../shared/contract'
import type { TeamSyncReport } from '../../../../shared/team-contract'
import { Dialog } from '../../components/Dialog'

interface TeamDialogProps {
  api: HamtaApi
  kind: 'share' | 'join'
  /** Desktop keeps credentials in the OS keychain; browser mode for this session only. */
  mode: 'desktop' | 'browser'
  onDone: (report: TeamSyncReport) => void
  onCancel: () => void
}

const TEXT = {
  share: {
    title: 'Share with a team',
    intro:
      'The library becomes a Git repository and is sent to the team library at this address: an empty repository on a Git host (HTTPS), or a folder that everyone can reach (a shared drive).',
    submit: 'Share',
    busy: 'Sharing…'
  },
  join: {
    title: 'Join a team library',
    intro: 'The team library’s documents come into this library (the documents here stay, and are shared with the team).',
    submit: 'Join',
    busy: 'Joining…'
  }
}

/** Share this library with a team library, or join one: address, and how to sign in. */
export function TeamDialog({ api, kind, mode, onDone, onCancel }: TeamDialogProps): React.JSX.Element {
  const [url, setUrl] = useState('')
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const [remember, setRemember] = useState(true)
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const text = TEXT[kind]
  const isServer = /^https?:\/\//i.test(url.trim())
  const submit = async (): Promise<void> => {
    if (!url.trim()) return
    setBusy(true)
    setProblem(null)
    try {
      const input = {
        url: url.trim(),
        ...(username.trim() ? { username: username.trim() } : {}),
        ...(password ? { password } : {}),
        remember: mode === 'desktop' && remember
      }
      onDone(kind === 'share' ? await api.teamShare(input) : await api.teamJoin(input))
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error))
    } finally {
      setBusy(false)
    }
  }
  return (
    <Dialog label={text.title} className="team-dialog" busy={busy} onCancel={onCancel} onSubmit={() => void submit()}>
      <h2>{text.title}</h2>
      <p>{text.intro}</p>
      <label className="field">
        Team library address
        <input
          type="text"
          value={url}
          autoFocus
          spellCheck={false}
          placeholder="https://git.example.org/newsroom/library.git or /mnt/shared/library"
          onChange={(event) => setUrl(event.target.value)}
        />
      </label>
      <fieldset className="team-credentials" disabled={!isServer}>
        <legend>Sign in (for an HTTPS address)</legend>
        <label className="field">
          User name
          <input type="text" autoComplete="username" value={username} onChange={(event) => setUsername(event.target.value)} />
        </label>
        <label className="field">
          Password or access token
          <input type="password" autoComplete="current-password" value={password} onChange={(event) => setPassword(event.target.value)} />
        </label>
        {mode === 'desktop' ? (
          <label className="checkbox">
            <input type="checkbox" checked={remember} onChange={(event) => setRemember(event.target.checked)} />
            Remember on this computer (kept in the system keychain, never in the library)
          </label>
        ) : (
          <p className="hint">
            Kept in memory until Hamta stops, never in the library. Or set HAMTA_GIT_TOKEN (and HAMTA_GIT_USERNAME) before starting it.
          </p>
        )}
      </fieldset>
      {problem && (
        <p className="error-text" role="alert">
          {problem}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" className="secondary" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
        <button type="submit" disabled={busy || !url.trim()}>
          {busy ? text.busy : text.submit}
        </button>
      </div>
    </Dialog>
  )
}

import { useState } from 'react'
import { Dialog } from '../../components/Dialog'

interface PasteDialogProps {
  onCancel: () => void
  onImport: (text: string) => Promise<void>
}

/** A new document from pasted Persian text (a news report copied from a website, say). */
export function PasteDialog({ onCancel, onImport }: PasteDialogProps): React.JSX.Element {
  const [text, setText] = useState('')
  const [busy, setBusy] = useState(false)
  return (
    <Dialog
      label="Paste Persian text"
      className="paste-dialog"
      busy={busy}
      onCancel={onCancel}
      onSubmit={() => {
        setBusy(true)
        void onImport(text).finally(() => setBusy(false))
      }}
    >
      <h2>Paste Persian text</h2>
      <p>The first line becomes the title. Hamta splits the text into sentences.</p>
      <textarea dir="rtl" lang="fa" aria-label="Persian text" value={text} autoFocus onChange={(event) => setText(event.target.value)} />
      <div className="dialog-actions">
        <button type="button" className="secondary" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
        <button type="submit" disabled={busy || !text.trim()}>
          {busy ? 'Creating…' : 'Create document'}
        </button>
      </div>
    </Dialog>
  )
}

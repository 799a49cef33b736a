import { useState } from 'react'
import { Dialog } from '../../components/Dialog'

interface TranslationImportDialogProps {
  /** The document already has English, which the translation replaces. */
  replaces: boolean
  onCancel: () => void
  onImport: (source: { file: File } | { text: string }) => Promise<void>
}

/** An existing English translation, from a file or pasted, to align with the Persian. */
export function TranslationImportDialog({ replaces, onCancel, onImport }: TranslationImportDialogProps): React.JSX.Element {
  const [file, setFile] = useState<File | null>(null)
  const [text, setText] = useState('')
  const [busy, setBusy] = useState(false)
  const ready = !!file || text.trim().length > 0
  return (
    <Dialog
      label="Import an English translation"
      className="paste-dialog"
      busy={busy}
      onCancel={onCancel}
      onSubmit={() => {
        if (!ready) return
        setBusy(true)
        void onImport(file ? { file } : { text }).finally(() => setBusy(false))
      }}
    >
      <h2>Import an English translation</h2>
      <p>
        Hamta pairs its sentences with the Persian ones and shows how sure it is of each pair.
        {replaces && ' The English this document has now is replaced.'}
      </p>
      <label>
        From a file (.txt, .docx, .html, .md)
        <input
          type="file"
          accept=".txt,.md,.html,.htm,.docx,text/plain"
          aria-label="Translation file"
          onChange={(event) => setFile(event.target.files?.[0] ?? null)}
        />
      </label>
      <label>
        Or paste it
        <textarea
          className="english"
          dir="ltr"
          lang="en"
          aria-label="English translation"
          value={text}
          disabled={!!file}
          onChange={(event) => setText(event.target.value)}
        />
      </label>
      <div className="dialog-actions">
        <button type="button" className="secondary" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
        <button type="submit" disabled={!ready || busy}>
          {busy ? 'Aligning…' : 'Align'}
        </button>
      </div>
    </Dialog>
  )
}

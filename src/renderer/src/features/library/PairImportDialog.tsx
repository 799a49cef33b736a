import { useState } from 'react'
import { Dialog } from '../../components/Dialog'

interface PairImportDialogProps {
  onCancel: () => void
  onAlign: (persian: File, english: File) => Promise<void>
}

/** Chooses a Persian article and its English translation, to align them into a new document. */
export function PairImportDialog({ onCancel, onAlign }: PairImportDialogProps): React.JSX.Element {
  const [persian, setPersian] = useState<File | null>(null)
  const [english, setEnglish] = useState<File | null>(null)
  const [busy, setBusy] = useState(false)
  return (
    <Dialog
      label="Align an existing translation"
      busy={busy}
      onCancel={onCancel}
      onSubmit={() => {
        if (!persian || !english) return
        setBusy(true)
        void onAlign(persian, english).finally(() => setBusy(false))
      }}
    >
      <h2>Align an existing translation</h2>
      <p>Hamta pairs the sentences of both texts and shows how sure it is of each pair, for you to confirm or fix.</p>
      <label>
        Persian article (.txt)
        <input type="file" accept=".txt,text/plain" aria-label="Persian article" onChange={(event) => setPersian(event.target.files?.[0] ?? null)} />
      </label>
      <label>
        English translation (.txt)
        <input
          type="file"
          accept=".txt,text/plain"
          aria-label="English translation"
          onChange={(event) => setEnglish(event.target.files?.[0] ?? null)}
        />
      </label>
      <div className="dialog-actions">
        <button type="button" className="secondary" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
        <button type="submit" disabled={!persian || !english || busy}>
          {busy ? 'Aligning…' : 'Align'}
        </button>
      </div>
    </Dialog>
  )
}

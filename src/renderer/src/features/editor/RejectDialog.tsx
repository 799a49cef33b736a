import { useState } from 'react'
import { Dialog } from '../../components/Dialog'

/** Asks why a row is rejected; the reason is kept as a comment on the row. */
export function RejectDialog({
  rowNumber,
  onCancel,
  onReject
}: {
  rowNumber: number
  onCancel: () => void
  onReject: (reason: string) => void
}): React.JSX.Element {
  const [reason, setReason] = useState('')
  return (
    <Dialog label="Reject row" onCancel={onCancel} onSubmit={() => reason.trim() && onReject(reason.trim())}>
      <h2>Reject row {rowNumber}</h2>
      <label>
        Why? The translator sees this as a comment.
        <textarea aria-label="Reason" dir="auto" autoFocus value={reason} onChange={(event) => setReason(event.target.value)} />
      </label>
      <div className="dialog-actions">
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" disabled={!reason.trim()}>
          Reject
        </button>
      </div>
    </Dialog>
  )
}

import { useState } from 'react'
import { Dialog } from '../../components/Dialog'

/** Goes to a row by its number. */
export function GoToRowDialog({ count, onGo, onCancel }: { count: number; onGo: (index: number) => void; onCancel: () => void }): React.JSX.Element {
  const [value, setValue] = useState('')
  const number = Number(value)
  const valid = Number.isInteger(number) && number >= 1 && number <= count
  return (
    <Dialog label="Go to row" className="go-to-dialog" onCancel={onCancel} onSubmit={() => valid && onGo(number - 1)}>
      <h2>Go to row</h2>
      <label>
        Row number (1 to {count})
        <input type="number" min={1} max={count} autoFocus value={value} onChange={(event) => setValue(event.target.value)} />
      </label>
      <div className="dialog-actions">
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" disabled={!valid}>
          Go
        </button>
      </div>
    </Dialog>
  )
}

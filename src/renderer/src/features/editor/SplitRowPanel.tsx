import { useState } from 'react'
import type { Row } from '../../../../core/model'

/** Picks the split point of a row: how many sentences of each side stay in the first part. */
export function SplitRowPanel({
  row,
  onSplit,
  onCancel
}: {
  row: Row
  onSplit: (sourceCount: number, targetCount: number) => void
  onCancel: () => void
}) {
  const targetSentences = Math.max(0, row.target.split(/(?<=[.!?…]["”’)]?)\s+/).filter(Boolean).length)
  const [sourceCount, setSourceCount] = useState(Math.ceil(row.source.length / 2))
  const [targetCount, setTargetCount] = useState(Math.ceil(targetSentences / 2))
  const options = (count: number): number[] => Array.from({ length: count + 1 }, (_, n) => n)
  return (
    <div className="split-panel" role="dialog" aria-label="Split row">
      <span>Keep in the first row:</span>
      <label>
        Persian sentences{' '}
        <select value={sourceCount} onChange={(event) => setSourceCount(Number(event.target.value))}>
          {options(row.source.length).map((n) => (
            <option key={n} value={n}>
              {n} of {row.source.length}
            </option>
          ))}
        </select>
      </label>
      <label>
        English sentences{' '}
        <select value={targetCount} onChange={(event) => setTargetCount(Number(event.target.value))}>
          {options(targetSentences).map((n) => (
            <option key={n} value={n}>
              {n} of {targetSentences}
            </option>
          ))}
        </select>
      </label>
      <button type="button" onClick={() => onSplit(sourceCount, targetCount)}>
        Split
      </button>
      <button type="button" className="secondary" onClick={onCancel}>
        Cancel
      </button>
    </div>
  )
}

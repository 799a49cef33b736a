import { useEffect, useRef, useState } from 'react'
import type { Row } from '../../../../core/model'
import { segmentEnglish } from '../../../../core/text/english-segmenter'

/** English sentences of a row as the alignment counts them. */
export function englishSentenceCount(row: Row): number {
  return row.target.trim() ? segmentEnglish(row.target).length : 0
}

/** The other side's split point in proportion to the side chosen, for a first proposal. */
export function proposeSplit(row: Row, at?: { side: 'source' | 'target'; count: number }): { source: number; target: number } {
  const sources = row.source.length
  const targets = englishSentenceCount(row)
  if (!at) return { source: Math.ceil(sources / 2), target: Math.ceil(targets / 2) }
  const share = at.count / Math.max(1, at.side === 'source' ? sources : targets)
  return at.side === 'source' ? { source: at.count, target: Math.round(share * targets) } : { source: Math.round(share * sources), target: at.count }
}

/**
 * Picks the split point of a row: how many sentences of each side stay in the first part. It
 * opens with a proposal and the Split button focused, so Enter splits at once.
 */
export function SplitRowPanel({
  row,
  initial,
  onSplit,
  onCancel
}: {
  row: Row
  initial?: { source: number; target: number }
  onSplit: (sourceCount: number, targetCount: number) => void
  onCancel: () => void
}) {
  const targetSentences = englishSentenceCount(row)
  const proposal = initial ?? proposeSplit(row)
  const [sourceCount, setSourceCount] = useState(proposal.source)
  const [targetCount, setTargetCount] = useState(proposal.target)
  const splitButton = useRef<HTMLButtonElement>(null)
  useEffect(() => splitButton.current?.focus(), [])
  const options = (count: number): number[] => Array.from({ length: count + 1 }, (_, n) => n)
  return (
    <div
      className="split-panel"
      role="group"
      aria-label="Split row"
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault()
          onCancel()
        }
      }}
    >
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
      <button type="button" ref={splitButton} onClick={() => onSplit(sourceCount, targetCount)}>
        Split
      </button>
      <button type="button" className="secondary" onClick={onCancel}>
        Cancel
      </button>
    </div>
  )
}

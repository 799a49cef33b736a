import { memo } from 'react'
import { ROW_STATUS_LABEL, type Row } from '../../../../core/model'
import { findMatches } from '../../../../core/review/filters'
import { formatNumberValue, numberMismatch, type NumberMismatch } from '../../../../core/review/number-check'
import type { TagDefinition } from '../../../../core/review/palette'
import { ALIGNMENT_LEVEL_COLOR, ALIGNMENT_LEVEL_LABEL, rowAlignmentLevel } from './alignment-levels'
import { SpannedText } from './SpannedText'

interface RowViewProps {
  row: Row
  index: number
  active: boolean
  onActivate: (index: number) => void
  onToggleStatus: (index: number) => void
  /** The English editor when this row is being edited; otherwise the English is shown as text. */
  editor: React.ReactNode
  palette: readonly TagDefinition[]
  /** Text searched for, to highlight in both languages. */
  search: string
}

function AlignmentBadge({ row }: { row: Row }): React.JSX.Element | null {
  if (!row.alignment) return null
  const level = rowAlignmentLevel(row)
  const confidence = row.alignment.confidence
  const text =
    row.alignment.status === 'confirmed'
      ? '✓'
      : row.alignment.status === 'flagged'
        ? '⚑'
        : confidence !== undefined
          ? `${Math.round(confidence * 100)}`
          : '?'
  return (
    <span
      className={`alignment-badge level-${level}`}
      style={{ borderColor: ALIGNMENT_LEVEL_COLOR[level], color: ALIGNMENT_LEVEL_COLOR[level] }}
      title={`Pairing: ${ALIGNMENT_LEVEL_LABEL[level]}${confidence !== undefined ? ` (aligner confidence ${Math.round(confidence * 100)}%)` : ''}`}
      data-testid="alignment-badge"
    >
      {text}
    </span>
  )
}

function describeNumbers({ missingInEnglish, extraInEnglish }: NumberMismatch): string {
  const parts: string[] = []
  if (missingInEnglish.length) parts.push(`In the Persian, not the English: ${missingInEnglish.map(formatNumberValue).join(', ')}`)
  if (extraInEnglish.length) parts.push(`In the English, not the Persian: ${extraInEnglish.map(formatNumberValue).join(', ')}`)
  return parts.join('\n')
}

export const RowView = memo(function RowView({ row, index, active, onActivate, onToggleStatus, editor, palette, search }: RowViewProps) {
  const hasTarget = row.target.trim().length > 0
  const openComments = row.comments.filter((comment) => !comment.resolved).length
  const numbers = numberMismatch(row)
  return (
    <div
      className={`row status-${row.status}${active ? ' active' : ''}${row.alignment ? ` alignment-${rowAlignmentLevel(row)}` : ''}${row.doNotTranslate ? ' not-for-translation' : ''}`}
      data-row-id={row.id}
      data-status={row.status}
      data-alignment={row.alignment?.status}
      role="row"
      aria-selected={active}
    >
      <div className="cell gutter" role="cell">
        <span className="row-number">{index + 1}</span>
        <button
          type="button"
          className={`status-chip ${row.status}`}
          title={`${ROW_STATUS_LABEL[row.status]}${hasTarget ? ' (click to toggle translated)' : ''}`}
          aria-label={`Row ${index + 1}: ${ROW_STATUS_LABEL[row.status]}`}
          disabled={!hasTarget}
          onClick={() => onToggleStatus(index)}
        />
        <AlignmentBadge row={row} />
        {numbers && (
          <span className="number-warning" role="img" aria-label="Numbers differ" title={describeNumbers(numbers)}>
            #≠
          </span>
        )}
        {openComments > 0 && (
          <span
            className="comment-badge"
            title={`${openComments} open comment${openComments === 1 ? '' : 's'}`}
            aria-label={`${openComments} open comments`}
          >
            <svg viewBox="0 0 16 16" width="11" height="11" aria-hidden="true">
              <path d="M2 2h12v9H6l-3 3v-3H2z" fill="currentColor" />
            </svg>
            {openComments}
          </span>
        )}
        {row.tags.length > 0 && (
          <span className="row-tag-dots" title={row.tags.map((id) => palette.find((tag) => tag.id === id)?.name ?? id).join(', ')}>
            {row.tags.map((id) => (
              <span key={id} className="row-tag-dot" style={{ background: palette.find((tag) => tag.id === id)?.color ?? '#8a94a6' }} />
            ))}
          </span>
        )}
      </div>
      <div className="cell source" role="cell" dir="rtl" lang="fa" tabIndex={0} onFocus={() => onActivate(index)} onClick={() => onActivate(index)}>
        {row.source.length === 0 ? (
          <span className="empty-side" dir="ltr" lang="en">
            No Persian: added in translation
          </span>
        ) : (
          row.source.map((sentence) => (
            <span key={sentence.id} className="sentence" data-sentence-id={sentence.id}>
              <SpannedText
                text={sentence.text}
                spans={sentence.spans}
                palette={palette}
                matches={search ? findMatches(sentence.text, search, 'fa') : []}
              />
            </span>
          ))
        )}
      </div>
      <div className="cell target" role="cell" dir="ltr" lang="en" onClick={() => !active && onActivate(index)}>
        {editor ? (
          editor
        ) : hasTarget ? (
          <div className="target-text">
            <SpannedText text={row.target} spans={row.targetSpans} palette={palette} matches={search ? findMatches(row.target, search, 'en') : []} />
          </div>
        ) : (
          <div className="target-placeholder">
            {row.doNotTranslate ? 'Not for translation' : row.alignment ? 'No English: not translated' : 'Click to translate…'}
          </div>
        )}
      </div>
    </div>
  )
})

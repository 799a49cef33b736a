import { Fragment, memo } from 'react'
import { ROW_STATUS_LABEL, type Row, type RowStatus, type SpanTag } from '../../../../core/model'
import { findMatches } from '../../../../core/review/filters'
import { formatNumberValue, numberMismatch, type NumberMismatch } from '../../../../core/review/number-check'
import type { TagDefinition } from '../../../../core/review/palette'
import type { TermMatcher } from '../../../../core/terms/matcher'
import { segmentEnglish } from '../../../../core/text/english-segmenter'
import { ALIGNMENT_LEVEL_LABEL, ALIGNMENT_LEVEL_TEXT, rowAlignmentLevel } from './alignment-levels'
import { SpannedText } from './SpannedText'
import { termMarks } from './useTermbase'

export interface RowViewProps {
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
  /** The termbase's matcher: its terms are underlined in the Persian. */
  termMatcher?: TermMatcher | null
  /**
   * Splits the row between two sentences: after `sourceCount` Persian and `targetCount` English
   * ones (a boundary clicked on one side proposes the other). Absent where rows cannot be split.
   */
  onSplitAt?: (index: number, at: { side: 'source' | 'target'; count: number }) => void
}

/** A mark for each status besides its colour, so status never rests on colour alone. */
const STATUS_GLYPH: Record<RowStatus, string> = {
  untranslated: '',
  draft: '…',
  translated: '✓',
  reviewed: 'R',
  approved: 'A',
  rejected: '✕'
}

/** Where each English sentence of a text starts, after the first. */
function englishBreaks(text: string): number[] {
  const breaks: number[] = []
  let from = 0
  for (const sentence of segmentEnglish(text)) {
    const at = text.indexOf(sentence, from)
    if (at < 0) continue
    if (at > 0 && from > 0) breaks.push(at)
    from = at + sentence.length
  }
  return breaks
}

function slice<T extends { start: number; end: number }>(ranges: readonly T[], start: number, end: number): T[] {
  return ranges
    .filter((range) => range.end > start && range.start < end)
    .map((range) => ({ ...range, start: Math.max(range.start, start) - start, end: Math.min(range.end, end) - start }))
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
      style={{ borderColor: ALIGNMENT_LEVEL_TEXT[level], color: ALIGNMENT_LEVEL_TEXT[level] }}
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

/** A visible boundary between two sentences of a row; a button where the row can be split there. */
function SentenceBreak({ label, onSplit }: { label: string; onSplit?: () => void }): React.JSX.Element {
  if (!onSplit) return <span className="sentence-break" aria-hidden="true" />
  return (
    <button
      type="button"
      className="sentence-break"
      title={label}
      aria-label={label}
      onClick={(event) => {
        event.stopPropagation()
        onSplit()
      }}
    />
  )
}

export const RowView = memo(function RowView({
  row,
  index,
  active,
  onActivate,
  onToggleStatus,
  editor,
  palette,
  search,
  termMatcher = null,
  onSplitAt
}: RowViewProps) {
  const hasTarget = row.target.trim().length > 0
  const breaks = hasTarget && !editor ? englishBreaks(row.target) : []
  const matches = search ? findMatches(row.target, search, 'en') : []
  const englishPieces = [0, ...breaks].map((start, n) => ({ start, end: n < breaks.length ? breaks[n] : row.target.length }))
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
        >
          <span aria-hidden="true">{STATUS_GLYPH[row.status]}</span>
        </button>
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
          row.source.map((sentence, n) => (
            <Fragment key={sentence.id}>
              {n > 0 && (
                <SentenceBreak
                  label={`Split row ${index + 1} after Persian sentence ${n}`}
                  onSplit={onSplitAt && (() => onSplitAt(index, { side: 'source', count: n }))}
                />
              )}
              <span className="sentence" data-sentence-id={sentence.id}>
                <SpannedText
                  codes={row.codes}
                  text={sentence.text}
                  spans={sentence.spans}
                  palette={palette}
                  matches={search ? findMatches(sentence.text, search, 'fa') : []}
                  terms={termMarks(termMatcher, sentence.text)}
                />
              </span>
            </Fragment>
          ))
        )}
      </div>
      <div className="cell target" role="cell" dir="ltr" lang="en" onClick={() => !active && onActivate(index)}>
        {editor ? (
          editor
        ) : hasTarget ? (
          <div className="target-text">
            {englishPieces.map((piece, n) => (
              <Fragment key={piece.start}>
                {n > 0 && (
                  <SentenceBreak
                    label={`Split row ${index + 1} after English sentence ${n}`}
                    onSplit={onSplitAt && (() => onSplitAt(index, { side: 'target', count: n }))}
                  />
                )}
                <SpannedText
                  codes={row.codes}
                  text={row.target.slice(piece.start, piece.end)}
                  spans={slice<SpanTag>(row.targetSpans, piece.start, piece.end)}
                  palette={palette}
                  matches={slice(matches, piece.start, piece.end)}
                />
              </Fragment>
            ))}
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

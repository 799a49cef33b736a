import { memo, useId, useMemo } from 'react'
import { ROW_STATUS_LABEL, ROW_STATUSES, type HamtaDocument } from '../../../../core/model'
import type { RowQuery } from '../../../../core/review/filters'
import { documentOverview, LOW_CONFIDENCE, type TagCount } from '../../../../core/review/overview'
import { readableTextColor, type TagDefinition } from '../../../../core/review/palette'

interface OverviewPanelProps {
  doc: HamtaDocument
  palette: TagDefinition[]
  /** Shows the rows a count stands for. An empty query shows every row. */
  onFilter: (query: RowQuery) => void
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`
}

function percent(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part / whole) * 100)
}

interface CountButtonProps {
  label: React.ReactNode
  count: number
  /** What the button does, for screen readers: the count and the rows it shows. */
  ariaLabel: string
  swatchClass?: string
  onClick: () => void
}

/** One figure of the overview; it filters the rows to those it counts (nothing to show when zero). */
function CountButton({ label, count, ariaLabel, swatchClass, onClick }: CountButtonProps) {
  const id = useId()
  return (
    <li>
      {/* Named by what it shows (speech input users say what they see); the sentence describes it. */}
      <button type="button" className="overview-count" disabled={count === 0} aria-describedby={id} onClick={onClick}>
        {swatchClass && <span className={`swatch ${swatchClass}`} aria-hidden="true" />}
        <span className="overview-count-label">{label}</span> <span className="overview-count-value">{count}</span>
        <span className="visually-hidden" id={id}>
          {ariaLabel}
        </span>
      </button>
    </li>
  )
}

function tagChipStyle(tag: TagCount): React.CSSProperties | undefined {
  if (!tag.color) return undefined
  try {
    return { background: tag.color, color: readableTextColor(tag.color) }
  } catch {
    // A colour the palette would not accept: fall back to the neutral chip.
    return undefined
  }
}

function TagRow({ tag, onFilter }: { tag: TagCount; onFilter: (query: RowQuery) => void }) {
  const id = useId()
  const parts = [plural(tag.rows, 'row tag'), plural(tag.sourceSpans, 'Persian span'), plural(tag.targetSpans, 'English span')]
  return (
    <li>
      <button type="button" className="overview-tag" aria-describedby={id} onClick={() => onFilter({ tags: [tag.id] })}>
        <span
          className={`overview-tag-chip${tag.color ? '' : ' unknown'}`}
          style={tagChipStyle(tag)}
          title={tag.inPalette ? undefined : 'No longer in the palette'}
        >
          {tag.name}
        </span>
        <span className="overview-count-value">{tag.rowsUsing}</span>
        <span className="visually-hidden" id={id}>
          {`${tag.name}${tag.inPalette ? '' : ' (no longer in the palette)'}: ${parts.join(', ')}. Show the ${plural(tag.rowsUsing, 'row')}.`}
        </span>
        <span className="overview-tag-detail" aria-hidden="true">
          <span title="Row tags">{plural(tag.rows, 'row')}</span>
          <span title="Spans on Persian text">{tag.sourceSpans} fa</span>
          <span title="Spans on English text">{tag.targetSpans} en</span>
        </span>
      </button>
    </li>
  )
}

/**
 * The document at a glance: rows by status, tags, comments and how sure the alignment is. Every
 * figure is a button that filters the rows to those it counts.
 */
export const OverviewPanel = memo(function OverviewPanel({ doc, palette, onFilter }: OverviewPanelProps) {
  // Counting walks every row and span: once per version of the rows, not per render. Keyed on the
  // rows (all the count reads) so a document object rebuilt around the same rows counts as the same.
  const overview = useMemo(() => documentOverview(doc, palette), [doc.rows, palette])
  const { progress, byStatus, comments, alignment } = overview
  const usedTags = overview.tags.filter((tag) => tag.rowsUsing > 0)
  const unusedTags = overview.tags.filter((tag) => tag.rowsUsing === 0 && tag.inPalette)
  const aligned = alignment.auto + alignment.confirmed + alignment.flagged
  const notForTranslation = overview.rows - progress.total

  return (
    <section className="overview-panel" aria-labelledby="overview-panel-title">
      <h2 id="overview-panel-title" className="panel-title">
        Overview
      </h2>
      <p className="overview-summary">
        {plural(overview.rows, 'row')} · {plural(overview.sentences, 'sentence')}
      </p>

      <h3>Status</h3>
      <div
        className="overview-bar"
        role="img"
        aria-label={
          ROW_STATUSES.filter((status) => byStatus[status] > 0)
            .map((status) => `${ROW_STATUS_LABEL[status]} ${byStatus[status]}`)
            .join(', ') || 'No rows'
        }
      >
        {ROW_STATUSES.map((status) =>
          byStatus[status] > 0 ? (
            <span
              key={status}
              className={`overview-status-${status}`}
              style={{ width: `${(byStatus[status] / progress.total) * 100}%` }}
              title={`${ROW_STATUS_LABEL[status]}: ${byStatus[status]}`}
            />
          ) : null
        )}
      </div>
      <p className="overview-ratios">
        {/* Shares of the rows to translate, as the bar shows them. */}
        {Math.round(progress.ratio * 100)}% done · {percent(byStatus.reviewed + byStatus.approved, progress.total)}% reviewed ·{' '}
        {percent(byStatus.approved, progress.total)}% approved
      </p>
      <ul className="overview-counts">
        {ROW_STATUSES.map((status) => (
          <CountButton
            key={status}
            label={ROW_STATUS_LABEL[status]}
            count={byStatus[status]}
            swatchClass={`overview-status-${status}`}
            ariaLabel={`${ROW_STATUS_LABEL[status]}: ${plural(byStatus[status], 'row')}. Show them.`}
            onClick={() => onFilter({ statuses: [status] })}
          />
        ))}
      </ul>
      {notForTranslation > 0 && <p className="overview-note">{plural(notForTranslation, 'row')} not for translation (not counted).</p>}

      <h3>Tags</h3>
      {usedTags.length === 0 ? (
        <p className="overview-note">No tags used yet.</p>
      ) : (
        <ul className="overview-tags">
          {usedTags.map((tag) => (
            <TagRow key={tag.id} tag={tag} onFilter={onFilter} />
          ))}
        </ul>
      )}
      {unusedTags.length > 0 && usedTags.length > 0 && <p className="overview-note">Not used: {unusedTags.map((tag) => tag.name).join(', ')}</p>}

      <h3>Comments</h3>
      <ul className="overview-counts">
        <CountButton
          label={comments.rowsWithOpen > 0 ? `Open (${plural(comments.rowsWithOpen, 'row')})` : 'Open'}
          count={comments.open}
          swatchClass="overview-comment-open"
          ariaLabel={`${plural(comments.open, 'open comment')} in ${plural(comments.rowsWithOpen, 'row')}. Show them.`}
          onClick={() => onFilter({ comments: 'open' })}
        />
        <CountButton
          label="Resolved"
          count={comments.resolved}
          swatchClass="overview-comment-resolved"
          ariaLabel={`${plural(comments.resolved, 'resolved comment')}. Show the rows.`}
          onClick={() => onFilter({ comments: 'resolved' })}
        />
      </ul>

      {aligned > 0 && (
        <>
          <h3>Alignment</h3>
          <ul className="overview-counts">
            <CountButton
              label="Automatic"
              count={alignment.auto}
              swatchClass="overview-align-auto"
              ariaLabel={`${plural(alignment.auto, 'row')} aligned automatically, not yet confirmed. Show them.`}
              onClick={() => onFilter({ alignment: ['auto'] })}
            />
            <CountButton
              label="Confirmed"
              count={alignment.confirmed}
              swatchClass="overview-align-confirmed"
              ariaLabel={`${plural(alignment.confirmed, 'row')} with a confirmed alignment. Show them.`}
              onClick={() => onFilter({ alignment: ['confirmed'] })}
            />
            <CountButton
              label="Flagged"
              count={alignment.flagged}
              swatchClass="overview-align-flagged"
              ariaLabel={`${plural(alignment.flagged, 'row')} with a flagged alignment. Show them.`}
              onClick={() => onFilter({ alignment: ['flagged'] })}
            />
            <CountButton
              label={`Low confidence (< ${LOW_CONFIDENCE * 100}%)`}
              count={alignment.lowConfidence}
              swatchClass="overview-align-low"
              ariaLabel={`${plural(alignment.lowConfidence, 'row')} the aligner is unsure of (below ${LOW_CONFIDENCE * 100}%). Show them.`}
              onClick={() => onFilter({ confidenceBelow: LOW_CONFIDENCE })}
            />
          </ul>
          {alignment.unaligned > 0 && <p className="overview-note">{plural(alignment.unaligned, 'row')} without alignment.</p>}
        </>
      )}

      <button type="button" className="secondary overview-all" onClick={() => onFilter({})}>
        Show all rows
      </button>
    </section>
  )
})

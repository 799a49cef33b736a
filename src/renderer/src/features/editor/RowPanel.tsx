import { useState } from 'react'
import { ROW_STATUS_LABEL, type Row, type RowStatus, type SpanTag } from '../../../../core/model'
import { codesAsText } from '../../../../core/formats/inline-codes'
import { readableTextColor, type TagDefinition } from '../../../../core/review/palette'
import { RowConflicts } from './RowConflicts'

export interface RowPanelActions {
  setStatus: (status: RowStatus) => void
  reject: () => void
  toggleRowTag: (tagId: string) => void
  removeSpan: (spanId: string) => void
  linkSpans: (sourceSpanId: string, targetSpanId: string) => void
  unlinkSpan: (spanId: string) => void
  addComment: (text: string) => Promise<void>
  resolveComment: (commentId: string) => void
  reopenComment: (commentId: string) => void
  deleteComment: (commentId: string) => void
  setDoNotTranslate: (value: boolean) => void
  splitSentenceAtCaret: () => void
  mergeSentenceWithNext: (sentenceId: string) => void
  setAuthorName: (name: string) => void
  /** Keeps one side of a conflict a team sync left on the row. */
  resolveConflict?: (conflictId: string, choice: 'ours' | 'theirs') => void
}

interface RowPanelProps {
  row: Row
  rowNumber: number
  palette: readonly TagDefinition[]
  authorName: string
  actions: RowPanelActions
  /** Whether a row with Persian follows, for merging the last sentence across rows. */
  nextRowHasPersian?: boolean
  /** Why this row cannot merge with the next (rows saved back into a kept original), if it cannot. */
  mergeRowsRefusal?: string | null
}

const REVIEW_STATUSES: RowStatus[] = ['draft', 'translated', 'reviewed', 'approved']

function TagChip({ tag, children }: { tag: TagDefinition | undefined; children: React.ReactNode }): React.JSX.Element {
  const color = tag?.color ?? '#8a94a6'
  return (
    <span className="tag-chip" style={{ background: color, color: readableTextColor(color) }}>
      {children}
    </span>
  )
}

function spanText(row: Row, span: SpanTag, side: 'source' | 'target'): string {
  if (side === 'target') return row.target.slice(span.start, span.end)
  const sentence = row.source.find((candidate) => candidate.spans.includes(span))
  return sentence ? sentence.text.slice(span.start, span.end) : ''
}

/** Everything about the active row besides its text: status, tags, links, comments, sentences. */
export function RowPanel({
  row,
  rowNumber,
  palette,
  authorName,
  actions,
  nextRowHasPersian = true,
  mergeRowsRefusal = null
}: RowPanelProps): React.JSX.Element {
  const [draft, setDraft] = useState('')
  const [author, setAuthor] = useState(authorName)
  const sourceSpans = row.source.flatMap((sentence) => sentence.spans)
  const tagOf = (id: string): TagDefinition | undefined => palette.find((tag) => tag.id === id)
  const hasEnglish = row.target.trim().length > 0
  const openComments = row.comments.filter((comment) => !comment.resolved).length

  return (
    <div className="row-panel" aria-label={`Row ${rowNumber}`}>
      {actions.resolveConflict && <RowConflicts row={row} onKeep={actions.resolveConflict} />}
      <section>
        <h3>
          Row {rowNumber} · {ROW_STATUS_LABEL[row.status]}
        </h3>
        <div className="status-buttons" role="group" aria-label="Status">
          {REVIEW_STATUSES.map((status) => (
            <button
              key={status}
              type="button"
              className={row.status === status ? '' : 'secondary'}
              aria-pressed={row.status === status}
              disabled={!hasEnglish}
              onClick={() => actions.setStatus(status)}
            >
              {ROW_STATUS_LABEL[status]}
            </button>
          ))}
          <button type="button" className={row.status === 'rejected' ? 'danger-filled' : 'danger'} disabled={!hasEnglish} onClick={actions.reject}>
            Reject…
          </button>
        </div>
        <label className="checkbox">
          <input type="checkbox" checked={row.doNotTranslate ?? false} onChange={(event) => actions.setDoNotTranslate(event.target.checked)} />
          Not for translation (boilerplate)
        </label>
      </section>

      <section>
        <h3>Row tags</h3>
        <div className="tag-toggles">
          {palette.map((tag) => {
            const on = row.tags.includes(tag.id)
            return (
              <button
                key={tag.id}
                type="button"
                className={`tag-toggle${on ? ' on' : ''}`}
                aria-pressed={on}
                style={on ? { background: tag.color, color: readableTextColor(tag.color), borderColor: tag.color } : { borderColor: tag.color }}
                onClick={() => actions.toggleRowTag(tag.id)}
              >
                {tag.name}
              </button>
            )
          })}
        </div>
      </section>

      <section>
        <h3>Tagged words</h3>
        {sourceSpans.length + row.targetSpans.length === 0 ? (
          <p className="hint">Select words in either language, then click a tag in the bar above (or its shortcut).</p>
        ) : (
          <ul className="span-list">
            {sourceSpans.map((span) => (
              <li key={span.id} data-span-id={span.id}>
                <TagChip tag={tagOf(span.tag)}>{tagOf(span.tag)?.name ?? span.tag}</TagChip>
                <span dir="rtl" lang="fa" className="span-text">
                  {spanText(row, span, 'source')}
                </span>
                {span.link ? (
                  <>
                    <span className="link-arrow">↔</span>
                    <span className="span-text">
                      {row.targetSpans.find((other) => other.id === span.link) &&
                        spanText(
                          row,
                          row.targetSpans.find((other) => other.id === span.link)!,
                          'target'
                        )}
                    </span>
                    <button type="button" className="link" onClick={() => actions.unlinkSpan(span.id)}>
                      Unlink
                    </button>
                  </>
                ) : (
                  row.targetSpans.length > 0 && (
                    <select
                      aria-label={`Link ${spanText(row, span, 'source')} with English`}
                      value=""
                      onChange={(event) => event.target.value && actions.linkSpans(span.id, event.target.value)}
                    >
                      <option value="">Link with…</option>
                      {row.targetSpans.map((other) => (
                        <option key={other.id} value={other.id}>
                          {spanText(row, other, 'target')}
                        </option>
                      ))}
                    </select>
                  )
                )}
                <button
                  type="button"
                  className="link remove"
                  aria-label={`Remove tag from ${spanText(row, span, 'source')}`}
                  onClick={() => actions.removeSpan(span.id)}
                >
                  ×
                </button>
              </li>
            ))}
            {row.targetSpans.map((span) => (
              <li key={span.id} data-span-id={span.id}>
                <TagChip tag={tagOf(span.tag)}>{tagOf(span.tag)?.name ?? span.tag}</TagChip>
                <span className="span-text">{spanText(row, span, 'target')}</span>
                {span.link && (
                  <span className="link-arrow" title="Linked with a Persian span">
                    ↔
                  </span>
                )}
                <button
                  type="button"
                  className="link remove"
                  aria-label={`Remove tag from ${spanText(row, span, 'target')}`}
                  onClick={() => actions.removeSpan(span.id)}
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section>
        <h3>Comments {openComments > 0 && <span className="count-badge">{openComments} open</span>}</h3>
        <ul className="comment-list">
          {row.comments.map((comment) => (
            <li key={comment.id} className={comment.resolved ? 'resolved' : ''} data-comment-id={comment.id}>
              <div className="comment-meta">
                <strong>{comment.author}</strong> · <time dateTime={comment.createdAt}>{new Date(comment.createdAt).toLocaleString()}</time>
                {comment.resolved && ' · resolved'}
              </div>
              <div className="comment-text" dir="auto">
                {comment.text}
              </div>
              <div className="comment-actions">
                {comment.resolved ? (
                  <button type="button" className="link" onClick={() => actions.reopenComment(comment.id)}>
                    Reopen
                  </button>
                ) : (
                  <button type="button" className="link" onClick={() => actions.resolveComment(comment.id)}>
                    Resolve
                  </button>
                )}
                <button type="button" className="link" onClick={() => actions.deleteComment(comment.id)}>
                  Delete
                </button>
              </div>
            </li>
          ))}
        </ul>
        {!authorName && (
          <label className="author-name">
            Your name (shown with comments)
            <input
              value={author}
              onChange={(event) => setAuthor(event.target.value)}
              onBlur={() => author.trim() && actions.setAuthorName(author.trim())}
            />
          </label>
        )}
        <form
          className="comment-form"
          onSubmit={(event) => {
            event.preventDefault()
            if (!draft.trim()) return
            void actions.addComment(draft).then(() => setDraft(''))
          }}
        >
          <textarea
            aria-label="New comment"
            dir="auto"
            placeholder="Add a comment…"
            value={draft}
            onChange={(event) => setDraft(event.target.value)}
          />
          <button type="submit" disabled={!draft.trim()}>
            Comment
          </button>
        </form>
      </section>

      <section>
        <h3>Persian sentences</h3>
        <p className="hint">Click in a Persian sentence where it should end, then split it there.</p>
        <button type="button" className="secondary" onClick={actions.splitSentenceAtCaret}>
          Split sentence at the cursor
        </button>
        <ul className="sentence-list">
          {row.source.map((sentence, index) => {
            const last = index + 1 === row.source.length
            // Inline codes of a client file by their labels, not as the characters that hold their place.
            const text = row.codes?.length ? codesAsText(sentence.text, row.codes).text : sentence.text
            return (
              <li key={sentence.id}>
                <span dir="rtl" lang="fa" className="sentence-preview">
                  {text.length > 60 ? `${text.slice(0, 60)}…` : text}
                </span>
                {/* The last sentence joins the next row's first, and the rows merge: said in full, offered only where the rows may merge. */}
                {(!last || (nextRowHasPersian && !mergeRowsRefusal)) && (
                  <button
                    type="button"
                    className="link"
                    onClick={() => actions.mergeSentenceWithNext(sentence.id)}
                    title={last ? 'Join with the first sentence of the next row (the two rows become one)' : 'Join with the sentence after it'}
                  >
                    {last ? 'Merge with the next row’s first sentence' : 'Merge with the next sentence'}
                  </button>
                )}
              </li>
            )
          })}
        </ul>
      </section>
    </div>
  )
}

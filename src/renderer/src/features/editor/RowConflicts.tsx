import { ROW_STATUS_LABEL, type ConflictSide, type Row, type RowConflict, type RowStatus } from '../../../../core/model'

const FIELD_LABEL: Record<RowConflict['field'], string> = {
  target: 'English',
  status: 'Status',
  paragraph: 'Paragraph',
  source: 'Persian',
  alignment: 'Alignment',
  doNotTranslate: 'Not for translation',
  targetSpans: 'English tags',
  comment: 'Comment',
  row: 'The row'
}

/** A side's value in words: the text itself where there is one. */
function describeValue(record: RowConflict, side: ConflictSide): { text: string; lang?: 'fa' } {
  const value = side.value
  if (value === null || value === undefined) return { text: record.field === 'row' ? 'Deleted the row' : '(nothing)' }
  switch (record.field) {
    case 'target':
    case 'comment':
      return { text: String(value) || '(empty)' }
    case 'status':
      return { text: ROW_STATUS_LABEL[value as RowStatus] ?? String(value) }
    case 'source':
      return Array.isArray(value)
        ? { text: value.map((sentence: { text: string }) => sentence.text).join(' '), lang: 'fa' }
        : { text: String(value), lang: 'fa' }
    case 'doNotTranslate':
      return { text: value ? 'Not for translation' : 'For translation' }
    case 'row':
      return { text: (value as Row).target || '(no English)' }
    default:
      return { text: JSON.stringify(value) }
  }
}

function when(iso: string): string {
  const date = new Date(iso)
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString()
}

interface RowConflictsProps {
  row: Row
  onKeep: (conflictId: string, choice: 'ours' | 'theirs') => void
}

/** Changes from a team sync that collided with this row's: both versions, who made each and when, and one click to keep one. */
export function RowConflicts({ row, onKeep }: RowConflictsProps): React.JSX.Element | null {
  const conflicts = row.conflicts ?? []
  if (conflicts.length === 0) return null
  return (
    <section className="row-conflicts" aria-label="Conflicts">
      <h3>
        <span aria-hidden="true">⚠ </span>
        {conflicts.length === 1 ? 'Conflict: changed on two computers' : `${conflicts.length} conflicts: changed on two computers`}
      </h3>
      {conflicts.map((record) => (
        <div className="conflict" key={record.id} data-conflict-id={record.id}>
          <div className="conflict-field">{FIELD_LABEL[record.field]}</div>
          <div className="conflict-sides">
            {(['ours', 'theirs'] as const).map((choice) => {
              const side = record[choice]
              const value = describeValue(record, side)
              return (
                <div className="conflict-side" key={choice} data-side={choice}>
                  <div className="conflict-meta">
                    <strong>{side.author || 'Someone'}</strong> · <time dateTime={side.at}>{when(side.at)}</time>
                    {choice === 'ours' && <span className="conflict-current"> · shown now</span>}
                  </div>
                  <div className="conflict-value" dir={value.lang ? 'rtl' : 'auto'} lang={value.lang}>
                    {value.text}
                  </div>
                  <button type="button" aria-label={`Keep this: ${side.author || 'someone'}’s version`} onClick={() => onKeep(record.id, choice)}>
                    Keep this
                  </button>
                </div>
              )
            })}
          </div>
        </div>
      ))}
    </section>
  )
}

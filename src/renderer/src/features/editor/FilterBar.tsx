import type { RowQuery } from '../../../../core/review/filters'
import type { TagDefinition } from '../../../../core/review/palette'
import { LOW_CONFIDENCE } from './alignment-levels'

export const SHOW_OPTIONS = {
  all: { label: 'All rows', query: {} },
  untranslated: { label: 'Untranslated', query: { statuses: ['untranslated'] } },
  draft: { label: 'Drafts', query: { statuses: ['draft'] } },
  translated: { label: 'Translated', query: { statuses: ['translated'] } },
  reviewed: { label: 'Reviewed', query: { statuses: ['reviewed'] } },
  approved: { label: 'Approved', query: { statuses: ['approved'] } },
  rejected: { label: 'Rejected', query: { statuses: ['rejected'] } },
  openComments: { label: 'Open comments', query: { comments: 'open' } },
  numbers: { label: 'Numbers differ', query: { numbersDiffer: true } },
  resolvedComments: { label: 'Resolved comments', query: { comments: 'resolved' } },
  unconfirmed: { label: 'Unconfirmed pairs', query: { alignment: ['auto', 'flagged'] }, alignment: true },
  low: { label: 'Low confidence', query: { confidenceBelow: LOW_CONFIDENCE }, alignment: true },
  flagged: { label: 'Flagged pairs', query: { alignment: ['flagged'] }, alignment: true }
} satisfies Record<string, { label: string; query: RowQuery; alignment?: boolean }>

export type ShowOption = keyof typeof SHOW_OPTIONS

export interface RowFilterState {
  show: ShowOption
  tag: string
  text: string
  /** A query set from elsewhere (the overview, the QA tab). */
  custom?: RowQuery
  /** What the Show list calls that query. */
  customLabel?: string
}

export const NO_FILTER: RowFilterState = { show: 'all', tag: '', text: '' }

export function queryFor(state: RowFilterState): RowQuery {
  const base: RowQuery = state.custom ?? SHOW_OPTIONS[state.show].query
  return { ...base, ...(state.tag ? { tags: [state.tag] } : {}), ...(state.text.trim() ? { text: state.text.trim() } : {}) }
}

export function isFiltering(state: RowFilterState): boolean {
  return state.show !== 'all' || !!state.custom || !!state.tag || !!state.text.trim()
}

interface FilterBarProps {
  state: RowFilterState
  onChange: (state: RowFilterState) => void
  palette: readonly TagDefinition[]
  aligned: boolean
  shown: number
  total: number
}

/** Which rows to show: by status, comments or pairing, by tag, and by text in either language. */
export function FilterBar({ state, onChange, palette, aligned, shown, total }: FilterBarProps): React.JSX.Element {
  return (
    <div className="filter-bar" role="search">
      <label>
        Show{' '}
        <select
          aria-label="Show rows"
          value={state.custom ? 'custom' : state.show}
          onChange={(event) => onChange({ ...state, show: event.target.value as ShowOption, custom: undefined, customLabel: undefined })}
        >
          {state.custom && <option value="custom">{state.customLabel ?? 'From the overview'}</option>}
          {(Object.keys(SHOW_OPTIONS) as ShowOption[])
            .filter((key) => aligned || !('alignment' in SHOW_OPTIONS[key]))
            .map((key) => (
              <option key={key} value={key}>
                {SHOW_OPTIONS[key].label}
              </option>
            ))}
        </select>
      </label>
      <label>
        Tag{' '}
        <select aria-label="Tag" value={state.tag} onChange={(event) => onChange({ ...state, tag: event.target.value })}>
          <option value="">Any</option>
          {palette.map((tag) => (
            <option key={tag.id} value={tag.id}>
              {tag.name}
            </option>
          ))}
        </select>
      </label>
      <input
        type="search"
        className="search"
        aria-label="Search both languages"
        placeholder="Search Persian or English…"
        dir="auto"
        value={state.text}
        onChange={(event) => onChange({ ...state, text: event.target.value })}
      />
      {isFiltering(state) && (
        <>
          <span className="filter-count">
            {shown} of {total} rows
          </span>
          <button type="button" className="link" onClick={() => onChange(NO_FILTER)}>
            Clear
          </button>
        </>
      )}
    </div>
  )
}

import { useCallback, useMemo, useState } from 'react'
import type { HamtaDocument, Row } from '../../../../core/model'
import { filterRows } from '../../../../core/review/filters'
import { isFiltering, NO_FILTER, queryFor, type RowFilterState } from './FilterBar'

/** The rows the filter bar lets through; the active row always stays in view. */
export function useRowFilter(doc: HamtaDocument | null, rows: Row[], activeIndex: number) {
  const [filter, setFilter] = useState<RowFilterState>(NO_FILTER)
  const query = useMemo(() => queryFor(filter), [filter])
  const matching = useMemo(() => {
    if (!doc || !isFiltering(filter)) return null
    return new Set(filterRows({ ...doc, rows }, query))
  }, [doc, rows, filter, query])
  const rowMatches = useCallback((index: number) => matching === null || matching.has(index), [matching])
  /** Indices of the rows shown, or null for all of them (no list to rebuild on every keystroke). */
  const shownIndices = useMemo(
    () => (matching === null ? null : rows.map((_, index) => index).filter((index) => index === activeIndex || matching.has(index))),
    [rows, matching, activeIndex]
  )
  const shownCount = shownIndices?.length ?? rows.length
  const rowIndexAt = useCallback((position: number) => (shownIndices ? shownIndices[position] : position), [shownIndices])
  return { filter, setFilter, rowMatches, shownIndices, shownCount, rowIndexAt }
}

export type RowFilter = ReturnType<typeof useRowFilter>

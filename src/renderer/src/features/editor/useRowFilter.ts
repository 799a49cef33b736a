import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { HamtaDocument, Row } from '../../../../core/model'
import { filterRows } from '../../../../core/review/filters'
import { isFiltering, NO_FILTER, queryFor, type RowFilterState } from './FilterBar'

/**
 * The rows the filter bar lets through, and only those: a new filter moves the active row to the
 * first row it shows. The one exception is the row being worked on: when an edit takes it out of
 * the filter (a draft translated under "Untranslated"), it stays in view, uncounted, until the
 * user leaves it.
 */
export function useRowFilter(doc: HamtaDocument | null, rows: Row[], activeIndex: number, activate: (index: number) => void) {
  const [filter, setFilter] = useState<RowFilterState>(NO_FILTER)
  const query = useMemo(() => queryFor(filter), [filter])
  const matching = useMemo(() => {
    if (!doc || !isFiltering(filter)) return null
    return new Set(filterRows({ ...doc, rows }, query))
  }, [doc, rows, filter, query])
  const rowMatches = useCallback((index: number) => matching === null || matching.has(index), [matching])

  const activeId = rows[activeIndex]?.id
  const [keptRowId, setKeptRowId] = useState<string | null>(null)
  const state = useRef({ matching, activeIndex, rows })
  state.current = { matching, activeIndex, rows }
  // Entering a row the filter shows makes it the row kept in view while it is worked on.
  useEffect(() => {
    const { matching: current, activeIndex: index } = state.current
    setKeptRowId(current && current.has(index) ? (activeId ?? null) : null)
  }, [activeId])
  // A new filter starts at its first row when the active one is not among them.
  useEffect(() => {
    const { matching: current, activeIndex: index } = state.current
    setKeptRowId(null)
    if (!current || current.has(index)) {
      if (current) setKeptRowId(state.current.rows[index]?.id ?? null)
      return
    }
    // filterRows lists rows in document order, so the set's first entry is the first row shown.
    const first = current.values().next().value
    if (first !== undefined) activate(first)
  }, [filter, activate])

  /** Indices of the rows shown, or null for all of them (no list to rebuild on every keystroke). */
  const shownIndices = useMemo(() => {
    if (matching === null) return null
    const shown: number[] = []
    for (let index = 0; index < rows.length; index++) if (matching.has(index) || rows[index].id === keptRowId) shown.push(index)
    return shown
  }, [rows, matching, keptRowId])
  const shownCount = shownIndices?.length ?? rows.length
  /** Rows that satisfy the filter (the row kept in view is not counted unless it does). */
  const matchCount = matching?.size ?? rows.length
  const rowIndexAt = useCallback((position: number) => (shownIndices ? shownIndices[position] : position), [shownIndices])
  return { filter, setFilter, rowMatches, shownIndices, shownCount, matchCount, rowIndexAt }
}

export type RowFilter = ReturnType<typeof useRowFilter>

import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react'
import type { HamtaDocument, Row } from '../../../../core/model'
import { filterRows, searchIndex } from '../../../../core/review/filters'
import { isFiltering, NO_FILTER, queryFor, type RowFilterState } from './FilterBar'

/**
 * The rows the filter bar lets through, and only those: a new filter moves the active row to the
 * first row it shows. The one exception is the row being worked on: when an edit takes it out of
 * the filter (a draft translated under "Untranslated"), it stays in view, uncounted, until the
 * user leaves it.
 */
export function useRowFilter(doc: HamtaDocument | null, rows: Row[], activeIndex: number, activate: (index: number) => void) {
  const [filter, setFilter] = useState<RowFilterState>(NO_FILTER)
  // The search box answers every key at once; the rows follow as soon as they are filtered.
  const appliedFilter = useDeferredValue(filter)
  const query = useMemo(() => queryFor(appliedFilter), [appliedFilter])
  const matching = useMemo(() => {
    if (!doc || !isFiltering(appliedFilter)) return null
    return new Set(filterRows({ ...doc, rows }, query))
  }, [doc, rows, appliedFilter, query])

  // Search keys (letter forms, ZWNJ, digits folded) are made per row once and kept: made in idle
  // moments after opening, a long document's first search need not make them all at once.
  useEffect(() => {
    if (!doc) return
    const idle = window.requestIdleCallback ?? ((run: () => void) => window.setTimeout(run, 50))
    const cancel = window.cancelIdleCallback ?? window.clearTimeout
    let from = 0
    let handle = 0
    const step = (): void => {
      searchIndex({ ...doc, rows: rows.slice(from, from + 500) })
      from += 500
      if (from < rows.length) handle = idle(step)
    }
    handle = idle(step)
    return () => cancel(handle)
    // Once per document: rows typed later make their keys when searched.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [doc])
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
  }, [appliedFilter, activate])

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

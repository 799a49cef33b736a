import { useVirtualizer } from '@tanstack/react-virtual'
import { useEffect, useLayoutEffect, useRef, useState } from 'react'
import type { Row } from '../../../../core/model'
import type { TagDefinition } from '../../../../core/review/palette'
import { RowView, type RowViewProps } from './RowView'
import type { RowFilter } from './useRowFilter'

interface RowGridProps {
  rows: Row[]
  activeIndex: number
  shown: Pick<RowFilter, 'shownIndices' | 'shownCount' | 'rowIndexAt'>
  editor: React.ReactNode
  palette: TagDefinition[]
  search: string
  termMatcher?: RowViewProps['termMatcher']
  onActivate: (index: number) => void
  onToggleStatus: (index: number) => void
  onSplitAt?: RowViewProps['onSplitAt']
  /** Whether a row may be split (a row saved back into a kept original may not; see original-rows.ts). */
  canSplit?: (index: number) => boolean
}

/**
 * The translation grid: Persian sentences right to left, each on the row of its English. Only the
 * rows in view (and a few around them) are in the page, so long documents stay fast.
 */
export function RowGrid({
  rows,
  activeIndex,
  shown,
  editor,
  palette,
  search,
  termMatcher,
  onActivate,
  onToggleStatus,
  onSplitAt,
  canSplit
}: RowGridProps): React.JSX.Element {
  const { shownIndices, shownCount, rowIndexAt } = shown
  const gridRef = useRef<HTMLDivElement>(null)
  const headerRef = useRef<HTMLDivElement>(null)
  const [scrollMargin, setScrollMargin] = useState(0)
  const virtualizer = useVirtualizer({
    count: shownCount,
    getScrollElement: () => gridRef.current,
    estimateSize: () => 64,
    overscan: 12,
    scrollMargin,
    // The sticky column header must not cover the row scrolled to.
    scrollPaddingStart: scrollMargin,
    getItemKey: (position) => rows[rowIndexAt(position)].id,
    // Until the page has been laid out (and in tests without layout), assume a screenful.
    initialRect: { width: 1200, height: 1200 }
  })
  useLayoutEffect(() => {
    if (headerRef.current) setScrollMargin(headerRef.current.offsetHeight)
  }, [])
  useEffect(() => {
    const position = shownIndices ? shownIndices.indexOf(activeIndex) : activeIndex
    if (position >= 0 && position < shownCount) virtualizer.scrollToIndex(position, { align: 'auto' })
    // Scroll only when the active row changes, not on every edit of the rows.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [activeIndex])

  return (
    <div className="grid" role="table" aria-label="Persian sentences and their English translations" ref={gridRef}>
      <div className="row header-row" role="row" ref={headerRef}>
        <div className="cell gutter" role="columnheader">
          #
        </div>
        <div className="cell source" role="columnheader" dir="rtl" lang="fa">
          فارسی <span className="lang-note">Persian</span>
        </div>
        <div className="cell target" role="columnheader">
          English
        </div>
      </div>
      {/* getTotalSize already leaves out the scroll margin (the header above the rows). */}
      <div className="virtual-rows" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const index = rowIndexAt(item.index)
          const row = rows[index]
          return (
            <div
              key={item.key}
              className="virtual-row"
              data-index={item.index}
              ref={virtualizer.measureElement}
              style={{ transform: `translateY(${item.start - scrollMargin}px)` }}
            >
              <RowView
                row={row}
                index={index}
                active={index === activeIndex}
                onActivate={onActivate}
                onToggleStatus={onToggleStatus}
                editor={index === activeIndex ? editor : null}
                palette={palette}
                search={search}
                termMatcher={termMatcher}
                onSplitAt={!canSplit || canSplit(index) ? onSplitAt : undefined}
              />
            </div>
          )
        })}
      </div>
      {shownCount === 0 && <div className="empty-filter">No rows match the filter.</div>}
    </div>
  )
}

import { memo } from 'react'
import type { Row } from '../../../../core/model'
import { rowAlignmentLevel, ALIGNMENT_LEVEL_COLOR, ALIGNMENT_LEVEL_LABEL } from './alignment-levels'

interface AlignmentMapProps {
  rows: Row[]
  activeIndex: number
  onSelect: (index: number) => void
}

const SIZE = 200

/**
 * The whole alignment at a glance: Persian position across, English position down, one mark per
 * row. A good alignment runs corner to corner; gaps, steps and red marks are where to look.
 */
export const AlignmentMap = memo(function AlignmentMap({ rows, activeIndex, onSelect }: AlignmentMapProps) {
  const sourceTotal = Math.max(
    1,
    rows.reduce((sum, row) => sum + row.source.reduce((n, s) => n + s.text.length, 0), 0)
  )
  const targetTotal = Math.max(
    1,
    rows.reduce((sum, row) => sum + row.target.length, 0)
  )
  let x = 0
  let y = 0
  const marks = rows.map((row, index) => {
    const width = (row.source.reduce((n, s) => n + s.text.length, 0) / sourceTotal) * SIZE
    const height = (row.target.length / targetTotal) * SIZE
    const mark = { index, x, y, width, height, level: rowAlignmentLevel(row) }
    x += width
    y += height
    return mark
  })
  return (
    <figure className="alignment-map" aria-label="Alignment map">
      <figcaption>
        Alignment map <span className="map-axes">Persian → · English ↓</span>
      </figcaption>
      <svg viewBox={`-4 -4 ${SIZE + 8} ${SIZE + 8}`} width={SIZE + 8} height={SIZE + 8} role="img" aria-label={`${rows.length} rows`}>
        <rect x={0} y={0} width={SIZE} height={SIZE} className="map-frame" />
        <line x1={0} y1={0} x2={SIZE} y2={SIZE} className="map-diagonal" />
        {marks.map((mark) => (
          <rect
            key={rows[mark.index].id}
            data-row-index={mark.index}
            x={mark.x}
            y={mark.y}
            // Rows with nothing on one side (untranslated or added) still get a visible mark.
            width={Math.max(mark.width, 2.5)}
            height={Math.max(mark.height, 2.5)}
            fill={ALIGNMENT_LEVEL_COLOR[mark.level]}
            className={`map-mark${mark.index === activeIndex ? ' active' : ''}`}
            onClick={() => onSelect(mark.index)}
          >
            <title>{`Row ${mark.index + 1}: ${ALIGNMENT_LEVEL_LABEL[mark.level]}`}</title>
          </rect>
        ))}
      </svg>
      <ul className="map-legend">
        {(['confirmed', 'high', 'medium', 'low', 'flagged', 'unpaired'] as const).map((level) => (
          <li key={level}>
            <span className="swatch" style={{ background: ALIGNMENT_LEVEL_COLOR[level] }} />
            {ALIGNMENT_LEVEL_LABEL[level]}
          </li>
        ))}
      </ul>
    </figure>
  )
})

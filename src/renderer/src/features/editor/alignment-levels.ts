import type { Row } from '../../../../core/model'
import { LOW_CONFIDENCE } from '../../../../core/review/overview'

export { LOW_CONFIDENCE }

/** How much a reviewer should trust a row's pairing, for colours and filters. */
export type AlignmentLevel = 'confirmed' | 'flagged' | 'high' | 'medium' | 'low' | 'unpaired' | 'none'
const HIGH_CONFIDENCE = 0.9

export function rowAlignmentLevel(row: Row): AlignmentLevel {
  const alignment = row.alignment
  if (!alignment) return 'none'
  if (alignment.status === 'confirmed') return 'confirmed'
  if (alignment.status === 'flagged') return 'flagged'
  if (row.source.length === 0 || !row.target.trim()) return 'unpaired'
  const confidence = alignment.confidence ?? 0
  if (confidence >= HIGH_CONFIDENCE) return 'high'
  if (confidence >= LOW_CONFIDENCE) return 'medium'
  return 'low'
}

export const ALIGNMENT_LEVEL_COLOR: Record<AlignmentLevel, string> = {
  confirmed: '#2a6df4',
  flagged: '#e8710a',
  high: '#1f9d55',
  medium: '#c9a100',
  low: '#d93025',
  unpaired: '#8a94a6',
  none: '#c3c9d3'
}

/** Darker shades of the same colours for text and outlines on light rows (4.5:1 or more). */
export const ALIGNMENT_LEVEL_TEXT: Record<AlignmentLevel, string> = {
  confirmed: '#1a56c4',
  flagged: '#b35300',
  high: '#17753f',
  medium: '#7a6200',
  low: '#b3261e',
  unpaired: '#5f6878',
  none: '#5f6878'
}

export const ALIGNMENT_LEVEL_LABEL: Record<AlignmentLevel, string> = {
  confirmed: 'confirmed',
  flagged: 'flagged',
  high: 'sure (≥ 90%)',
  medium: 'fairly sure',
  low: `unsure (< ${LOW_CONFIDENCE * 100}%)`,
  unpaired: 'one side only',
  none: 'not aligned'
}

/** What the translation memory gives the app and the command line (see TranslationMemoryService). */
import type { DiffPart } from './compare'

export interface TmOrigin {
  kind: 'document' | 'memory'
  /** Document title or memory name. */
  name: string
  /** Document id or memory id. */
  id: string
  rowId?: string
  author?: string
  date?: string
}

export interface TmMatch {
  /** 0–100; 101 for a context match. Any memory penalty is already taken off. */
  score: number
  source: string
  target: string
  origin: TmOrigin
  diff: DiffPart[]
  /** The English with the sentence's numbers, when only numbers differ. */
  adaptedTarget?: string
  /** Which numbers were changed in it (ASCII keys: `from` as in the match, `to` as in the sentence). */
  adaptedNumbers?: Array<{ from: string; to: string }>
  /** The same sentence elsewhere in this document. */
  repetition?: boolean
}

export interface ConcordanceUnit {
  source: string
  target: string
  origin: TmOrigin
  /** Offsets [start, end) of the words found, in the source or the target. */
  sourceHits: Array<[number, number]>
  targetHits: Array<[number, number]>
}

export interface MemoryInfo {
  id: string
  /** Name shown in the list and as the origin of its matches. */
  name: string
  fileName: string
  importedAt: string
  units: number
  /** Units of the file left out (one language only, or too long). */
  skipped: number
  sourceLang: string
  targetLang: string
  enabled: boolean
  /** Points taken off every match from this memory (0–100). */
  penalty: number
}

/** A row the memory filled (pre-translation): what it put there, from where and how good. */
export interface PretranslatedMark {
  target: string
  score: number
  origin: string
}

/**
 * Match analysis of a document against the memory, in the bands translators quote by: context
 * match, 100%, 95–99, 85–94, 75–84, 50–74, no match, and repetitions (the same sentence again in
 * the document), each in sentences and words.
 */

export const BANDS = ['context', '100', '95-99', '85-94', '75-84', '50-74', 'no-match', 'repetitions'] as const
export type Band = (typeof BANDS)[number]

export const BAND_LABEL: Record<Band, string> = {
  context: 'Context match (101%)',
  '100': '100%',
  '95-99': '95–99%',
  '85-94': '85–94%',
  '75-84': '75–84%',
  '50-74': '50–74%',
  'no-match': 'No match',
  repetitions: 'Repetitions'
}

export interface BandCount {
  band: Band
  label: string
  sentences: number
  words: number
}

export interface Analysis {
  bands: BandCount[]
  total: { sentences: number; words: number }
}

/** Band of a best score (no repetition). */
export function bandOf(score: number): Band {
  if (score >= 101) return 'context'
  if (score >= 100) return '100'
  if (score >= 95) return '95-99'
  if (score >= 85) return '85-94'
  if (score >= 75) return '75-84'
  if (score >= 50) return '50-74'
  return 'no-match'
}

export interface AnalyzedSentence {
  /** Best memory score, 0 when none. */
  score: number
  words: number
  /** Same match key as a sentence earlier in the document. */
  repetition: boolean
}

/**
 * Counts sentences into bands. A repeated sentence counts as a repetition unless the memory
 * already has it at 100% or in context, as in the common tools' analyses.
 */
export function analyze(sentences: readonly AnalyzedSentence[]): Analysis {
  const counts = new Map<Band, BandCount>(BANDS.map((band) => [band, { band, label: BAND_LABEL[band], sentences: 0, words: 0 }]))
  const total = { sentences: 0, words: 0 }
  for (const sentence of sentences) {
    const band = sentence.score < 100 && sentence.repetition ? 'repetitions' : bandOf(sentence.score)
    const count = counts.get(band)!
    count.sentences++
    count.words += sentence.words
    total.sentences++
    total.words += sentence.words
  }
  return { bands: BANDS.map((band) => counts.get(band)!), total }
}

function csvCell(value: string | number): string {
  const text = String(value)
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** The analysis as CSV: one line per band, then the total. */
export function analysisCsv(analysis: Analysis): string {
  const lines = [['Band', 'Sentences', 'Words'].join(',')]
  for (const band of analysis.bands) lines.push([band.label, band.sentences, band.words].map(csvCell).join(','))
  lines.push(['Total', analysis.total.sentences, analysis.total.words].map(csvCell).join(','))
  return lines.join('\r\n') + '\r\n'
}

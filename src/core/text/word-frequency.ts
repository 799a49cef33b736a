/**
 * How often words occur in Persian news, for decisions the lexicon cannot make alone: whether a
 * glued token is really two common words (`دوکشور`) or a name or loanword in use (`لوکاکو`), and
 * whether a joined spelling is an established word of its own (`تنها`, not `تن‌ها`).
 *
 * Counts come from about 1.1 million words of Fars News and Varzesh3 articles published in the
 * `language-ml/course-nlp-ir-1-text-exploring` repository (Apache-2.0): Arabic letter forms made
 * Persian, diacritics removed, ZWNJ kept as written; words seen fewer than three times are left
 * out. The articles of tests/fixtures/news are not counted. Word pairs (ZWNJ removed, within a
 * sentence and between punctuation) seen at least six times are kept too, to tell a line in
 * reading order from one whose word groups a PDF reversed.
 */

import { ZWNJ } from './chars'

export class WordFrequency {
  /** Spelling as written (ZWNJ kept) → count. */
  private readonly exact = new Map<string, number>()
  /** Spelling without ZWNJ → count of all its spellings. */
  private readonly bare = new Map<string, number>()

  /** First word → the words seen right after it. */
  private readonly pairs = new Map<string, Set<string>>()

  constructor(data = '', pairData = '') {
    for (const line of pairData.split('\n')) {
      const words = line.split(' ')
      if (words.length < 2) continue
      this.pairs.set(words[0], new Set(words.slice(1)))
    }
    let lineStart = 0
    while (lineStart < data.length) {
      let lineEnd = data.indexOf('\n', lineStart)
      if (lineEnd < 0) lineEnd = data.length
      const line = data.slice(lineStart, lineEnd)
      lineStart = lineEnd + 1
      const words = line.split(' ')
      const count = Number(words[0])
      if (!Number.isFinite(count)) continue
      for (let i = 1; i < words.length; i++) {
        const word = words[i]
        if (!word) continue
        this.exact.set(word, count)
        const key = word.includes(ZWNJ) ? word.split(ZWNJ).join('') : word
        this.bare.set(key, (this.bare.get(key) ?? 0) + count)
      }
    }
  }

  /** Count of this spelling exactly (0 when rare or unseen). */
  count(word: string): number {
    return this.exact.get(word) ?? 0
  }

  /** Count of every spelling whose letters, ZWNJ removed, are `bare`. */
  countBare(bare: string): number {
    return this.bare.get(bare) ?? 0
  }

  /** True when news often has `first` right before `second` (both without ZWNJ, letters Persian). */
  hasPair(first: string, second: string): boolean {
    return this.pairs.get(first)?.has(second) ?? false
  }

  get size(): number {
    return this.exact.size
  }
}

let table: WordFrequency | null = null

/** The news word counts, parsed on first use. */
export async function loadWordFrequency(): Promise<WordFrequency> {
  if (!table) {
    const [counts, pairs] = await Promise.all([import('./word-frequency-data'), import('./word-pairs-data')])
    table = new WordFrequency(counts.default, pairs.default)
  }
  return table
}

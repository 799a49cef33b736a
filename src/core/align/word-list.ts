import type { DictionaryPair } from './lexicon'

/**
 * A word list as text: one pair a line, the Persian and the English separated by a tab (the
 * format of resources/dictionary/fa-en-words.tsv.gz). Lines without both are skipped.
 */
export function parseWordList(text: string): DictionaryPair[] {
  const pairs: DictionaryPair[] = []
  forEachWordPair(text, (source, target) => pairs.push({ source, target }))
  return pairs
}

/** Each pair of a word list, without holding them all (a list of 70,000 is indexed as it is read). */
export function forEachWordPair(text: string, take: (source: string, target: string) => void): void {
  for (let start = 0; start < text.length;) {
    let end = text.indexOf('\n', start)
    if (end < 0) end = text.length
    const tab = text.indexOf('\t', start)
    if (tab > start && tab < end) {
      const source = text.slice(start, tab).trim()
      const target = text.slice(tab + 1, end).trim()
      if (source && target) take(source, target)
    }
    start = end + 1
  }
}

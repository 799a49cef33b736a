import type { DictionaryPair } from './lexicon'

/**
 * A word list as text: one pair a line, the Persian and the English separated by a tab (the
 * format of resources/dictionary/fa-en-words.tsv.gz). Lines without both are skipped.
 */
export function parseWordList(text: string): DictionaryPair[] {
  const pairs: DictionaryPair[] = []
  for (const line of text.split('\n')) {
    const tab = line.indexOf('\t')
    if (tab <= 0) continue
    const source = line.slice(0, tab).trim()
    const target = line.slice(tab + 1).trim()
    if (source && target) pairs.push({ source, target })
  }
  return pairs
}

import { readFile } from 'node:fs/promises'
import { gunzipSync } from 'node:zlib'
import { addToDictionaryIndex, emptyDictionaryIndex, GENERAL_WORD_SHARE, type DictionaryIndex } from '../core/align/lexicon'
import { forEachWordPair } from '../core/align/word-list'
import { projectPath } from './paths'

export const wordListPath = (): string => projectPath('resources', 'dictionary', 'fa-en-words.tsv.gz')

/** Each list read once, by path (the app reads only its own). */
const loading = new Map<string, Promise<DictionaryIndex | undefined>>()

/**
 * The general English–Persian word list shipped with Hamta (see resources/dictionary), read
 * and prepared for the aligner once. Without it the aligner still works from lengths, anchors
 * and what it learns from the text, so a missing or damaged file is reported once and aligning
 * goes on.
 */
export function loadWordList(path = wordListPath()): Promise<DictionaryIndex | undefined> {
  const known = loading.get(path)
  if (known) return known
  const read = readFile(path).then(
    (bytes) => {
      const index = emptyDictionaryIndex(GENERAL_WORD_SHARE)
      forEachWordPair(gunzipSync(bytes).toString('utf8'), (persian, english) => addToDictionaryIndex(index, persian, english))
      return index
    },
    (error: Error) => {
      console.warn(`Hamta could not read its word list (${error.message}); aligning without it.`)
      return undefined
    }
  )
  loading.set(path, read)
  return read
}

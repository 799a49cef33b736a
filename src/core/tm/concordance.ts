/**
 * Concordance: every unit containing some words, in either language, with the words found
 * marked. Persian is compared by match key (so ZWNJ, spacing, letter forms and digits do not
 * matter, as in search); English by lower-cased words, a query word matching the start of a word.
 */
import { matchKey, matchKeyWithOffsets } from '../text/normalize'
import { englishWords, hasPersianLetters, tokenize, TokenKind } from './tokenize'

export type ConcordanceLang = 'fa' | 'en'

export interface ConcordanceQuery {
  lang: ConcordanceLang
  /** Persian: token keys of the words (to find candidates); English: lower-cased words. */
  words: string[]
  /** Persian: the match key of each word as written (to find it in a text). */
  wordKeys: string[]
}

export function concordanceQuery(text: string, lang?: ConcordanceLang): ConcordanceQuery {
  const side: ConcordanceLang = lang ?? (hasPersianLetters(text) ? 'fa' : 'en')
  if (side === 'fa') {
    const tokens = tokenize(text).filter((token) => token.kind !== TokenKind.Punct)
    return { lang: side, words: tokens.map((token) => token.key), wordKeys: tokens.map((token) => matchKey(text.slice(token.start, token.end))) }
  }
  const words = englishWords(text).map((word) => word.key)
  return { lang: side, words, wordKeys: words }
}

/**
 * Offsets [start, end) in `text` of every query word, compared by match key (so inside
 * compounds and across ZWNJ or spacing variants); empty unless every word is there.
 */
export function persianHits(text: string, query: ConcordanceQuery): Array<[number, number]> {
  if (query.wordKeys.length === 0) return []
  const { key, offsets } = matchKeyWithOffsets(text)
  const hits: Array<[number, number]> = []
  for (const word of query.wordKeys) {
    if (!word) continue
    let found = false
    for (let at = key.indexOf(word); at >= 0; at = key.indexOf(word, at + word.length)) {
      hits.push([offsets[at], offsets[at + word.length - 1] + 1])
      found = true
    }
    if (!found) return []
  }
  return hits.sort((a, b) => a[0] - b[0])
}

/** Offsets of English words starting with a query word; empty unless every query word is found. */
export function englishHits(text: string, query: ConcordanceQuery): Array<[number, number]> {
  if (query.words.length === 0) return []
  const words = englishWords(text)
  const hits: Array<[number, number]> = []
  for (const wanted of query.words) {
    const found = words.filter((word) => word.key.startsWith(wanted))
    if (found.length === 0) return []
    for (const word of found) hits.push([word.start, word.end])
  }
  return hits.sort((a, b) => a[0] - b[0])
}

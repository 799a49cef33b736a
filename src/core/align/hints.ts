import type { GlossaryPair } from './anchors'
import { learnDictionary, persianStems, type DictionaryIndex, type DictionaryPair } from './lexicon'
import type { HamtaDocument } from '../model'
import { linkedNamePairs } from '../review/name-pairs'
import { acceptedEnglish, type Term } from '../terms/model'

/** What the library knows that helps the aligner pair sentences of a new text. */
export interface AlignmentHints {
  /** Phrase pairs used as anchors: linked names and termbase entries. */
  glossary: GlossaryPair[]
  /** Word pairs: learned from confirmed rows and memory units, plus one-word terms. */
  dictionary: DictionaryPair[]
  wordList?: DictionaryIndex
}

export interface HintSources {
  documents: readonly HamtaDocument[]
  /** Persian–English units of the translation memory's imported memories. */
  memoryUnits?: ReadonlyArray<{ source: string; target: string }>
  terms?: readonly Term[]
  /** A general word list (Hamta's own, see resources/dictionary), prepared for the aligner. */
  wordList?: DictionaryIndex
}

/** Glossary entries from the termbase at most (a large termbase costs anchor matching time). */
const MAX_TERM_ANCHORS = 20_000

/**
 * Hints from everything the library holds: rows a reviewer confirmed and units of imported
 * memories teach word pairs (together, so a pair seen in both counts twice); termbase entries in
 * use are anchors, and their one-word entries are word pairs as they stand.
 */
export function alignmentHints(sources: HintSources): AlignmentHints {
  const confirmed = sources.documents.flatMap((doc) =>
    doc.rows
      .filter((row) => (row.status === 'reviewed' || row.status === 'approved') && row.target.trim())
      .map((row) => ({ source: row.source.map((sentence) => sentence.text).join(' '), target: row.target }))
  )
  const termPairs = (sources.terms ?? []).flatMap((term) =>
    acceptedEnglish(term)
      .filter((en) => en.trim() && term.fa.trim())
      .map((en) => ({ source: term.fa.trim(), target: en.trim() }))
  )
  const learned = learnedOnce([...confirmed, ...(sources.memoryUnits ?? []), ...termPairs])
  // A one-word Persian term pairs with each word of its English (the aligner reads it so).
  const oneWord = termPairs.filter((pair) => persianStems(pair.source).length === 1)
  return {
    glossary: [...linkedNamePairs(sources.documents), ...termPairs.slice(0, MAX_TERM_ANCHORS)],
    dictionary: [...learned, ...oneWord],
    wordList: sources.wordList
  }
}

let lastLearned: { signature: string; pairs: DictionaryPair[] } | null = null

/**
 * learnDictionary, again only when what it learns from has changed. Any edit anywhere in the
 * library changes the documents, but seldom their confirmed rows; and learning from a memory of
 * 100,000 units takes seconds on the thread that serves the app.
 */
function learnedOnce(training: ReadonlyArray<{ source: string; target: string }>): DictionaryPair[] {
  const signature = signatureOf(training)
  if (lastLearned?.signature !== signature) lastLearned = { signature, pairs: learnDictionary(training) }
  return lastLearned.pairs
}

/** A fingerprint of the pairs in order: two 32-bit FNV-1a hashes and the count of characters. */
function signatureOf(pairs: ReadonlyArray<{ source: string; target: string }>): string {
  let first = 0x811c9dc5
  let second = 0x01000193
  let characters = 0
  const take = (text: string) => {
    for (let k = 0; k < text.length; k++) {
      const code = text.charCodeAt(k)
      first = Math.imul(first ^ code, 0x01000193)
      second = Math.imul(second ^ code, 0x5bd1e995) ^ (second >>> 15)
    }
    // A separator no text holds, so that "ab"+"c" and "a"+"bc" differ.
    first = Math.imul(first ^ 0xffff, 0x01000193)
    second = Math.imul(second ^ 0xffff, 0x5bd1e995)
    characters += text.length
  }
  for (const pair of pairs) {
    take(pair.source)
    take(pair.target)
  }
  return `${pairs.length}:${characters}:${(first >>> 0).toString(16)}:${(second >>> 0).toString(16)}`
}

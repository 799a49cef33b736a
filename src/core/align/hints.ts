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
  const learned = learnDictionary([...confirmed, ...(sources.memoryUnits ?? []), ...termPairs])
  // A one-word Persian term pairs with each word of its English (the aligner reads it so).
  const oneWord = termPairs.filter((pair) => persianStems(pair.source).length === 1)
  return {
    glossary: [...linkedNamePairs(sources.documents), ...termPairs.slice(0, MAX_TERM_ANCHORS)],
    dictionary: [...learned, ...oneWord],
    wordList: sources.wordList
  }
}

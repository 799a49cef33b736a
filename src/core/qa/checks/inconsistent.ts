/**
 * `inconsistent`: the same Persian sentence translated differently, or the same English given for
 * different Persian, within the document or against the rest of the library. Persian is compared
 * by its match key without punctuation; English by its words, ignoring case and punctuation.
 */
import { DONE_STATUSES, type HamtaDocument } from '../../model'
import { matchKey } from '../../text/normalize'
import type { RowFinding, RowInput } from '../finding'

const NOT_IN_KEY = /[^0-9A-Za-z\u00C0-\u024F\u0620-\u063A\u0641-\u064A\u0660-\u0669\u066E-\u06D3\u06D5\u06F0-\u06F9\uFB50-\uFDFF\uFE70-\uFEFC]+/g
const NEEDS_KEY = /[\u0621-\u0626\u0629\u0643\u0649\u064A\u0660-\u0669\u06C0\u06F0-\u06F9\uFB50-\uFDFF\uFE70-\uFEFCA-Z]/

/**
 * A Persian sentence without punctuation, spaces, ZWNJ or diacritics; the full match key (letter
 * variants) only when the sentence has a letter it would change, as most sentences have none.
 */
export function persianSentenceKey(text: string): string {
  const letters = text.replace(NOT_IN_KEY, '')
  return NEEDS_KEY.test(letters) ? matchKey(letters).replace(/[^\p{L}\p{N}]/gu, '') : letters
}

export function englishSentenceKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .replace(/[^\p{L}\p{N}']+/gu, ' ')
    .trim()
}

/** English shorter than this many words ("Tehran", "He said") is too common to call inconsistent. */
const MIN_ENGLISH_WORDS = 4

function wordCount(key: string): number {
  return key ? key.split(' ').length : 0
}

interface LibraryEntry {
  english: string
  persianKey: string
  englishKey: string
  title: string
}

/** Translations elsewhere in the library, indexed both ways. */
export class LibraryTranslations {
  readonly byPersian = new Map<string, LibraryEntry[]>()
  readonly byEnglish = new Map<string, LibraryEntry[]>()

  /** Rows of finished work (translated, reviewed, approved) of every document but `exceptId`. */
  static fromDocuments(documents: Iterable<HamtaDocument>, exceptId?: string): LibraryTranslations {
    const index = new LibraryTranslations()
    for (const doc of documents) {
      if (doc.id === exceptId) continue
      for (const row of doc.rows) {
        if (row.doNotTranslate || !DONE_STATUSES.has(row.status) || !row.target.trim()) continue
        index.add(row.source.map((sentence) => sentence.text).join(' '), row.target, doc.title)
      }
    }
    return index
  }

  add(persian: string, english: string, title: string): void {
    const entry: LibraryEntry = { english: english.trim(), persianKey: persianSentenceKey(persian), englishKey: englishSentenceKey(english), title }
    if (!entry.persianKey || !entry.englishKey) return
    push(this.byPersian, entry.persianKey, entry)
    if (wordCount(entry.englishKey) >= MIN_ENGLISH_WORDS) push(this.byEnglish, entry.englishKey, entry)
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key)
  if (list) {
    if (list.length < 20) list.push(value)
  } else map.set(key, [value])
}

function short(text: string, max = 80): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat
}

/** Findings of the check for every row, keyed by row id. */
export function findInconsistencies(rows: Array<RowInput & { number: number }>, library: LibraryTranslations | null): Map<string, RowFinding[]> {
  const findings = new Map<string, RowFinding[]>()
  const add = (rowId: string, finding: RowFinding): void => {
    const list = findings.get(rowId)
    if (list) list.push(finding)
    else findings.set(rowId, [finding])
  }
  const keyed = rows
    .filter((input) => input.target.trim() && !input.row.doNotTranslate)
    .map((input) => ({ input, persianKey: persianSentenceKey(input.source), englishKey: englishSentenceKey(input.target) }))
    .filter((entry) => entry.persianKey && entry.englishKey)
  const byPersian = new Map<string, typeof keyed>()
  const byEnglish = new Map<string, typeof keyed>()
  for (const entry of keyed) {
    const samePersian = byPersian.get(entry.persianKey)
    if (samePersian) samePersian.push(entry)
    else byPersian.set(entry.persianKey, [entry])
    if (wordCount(entry.englishKey) < MIN_ENGLISH_WORDS) continue
    const sameEnglish = byEnglish.get(entry.englishKey)
    if (sameEnglish) sameEnglish.push(entry)
    else byEnglish.set(entry.englishKey, [entry])
  }
  for (const group of byPersian.values()) {
    if (group.length < 2) continue
    for (const entry of group) {
      const others = group.filter((other) => other !== entry && other.englishKey !== entry.englishKey)
      if (others.length === 0) continue
      const first = others[0]
      add(entry.input.row.id, {
        subject: `persian:${first.input.row.id}`,
        message: `The same Persian is translated differently in row ${others.map((other) => other.input.number).slice(0, 5).join(', ')}: “${short(first.input.target)}”.`
      })
    }
  }
  for (const group of byEnglish.values()) {
    if (group.length < 2) continue
    for (const entry of group) {
      const others = group.filter((other) => other !== entry && other.persianKey !== entry.persianKey)
      if (others.length === 0) continue
      add(entry.input.row.id, {
        subject: `english:${others[0].input.row.id}`,
        message: `The same English translates different Persian in row ${others.map((other) => other.input.number).slice(0, 5).join(', ')}.`
      })
    }
  }
  if (library) {
    for (const entry of keyed) {
      const elsewhere = library.byPersian.get(entry.persianKey)?.find((other) => other.englishKey !== entry.englishKey)
      if (elsewhere) {
        add(entry.input.row.id, {
          subject: `library-persian:${elsewhere.englishKey.slice(0, 60)}`,
          message: `The library has this Persian translated differently (in “${short(elsewhere.title, 40)}”): “${short(elsewhere.english)}”.`
        })
      }
      if (wordCount(entry.englishKey) < MIN_ENGLISH_WORDS) continue
      const sameEnglish = library.byEnglish.get(entry.englishKey)?.find((other) => other.persianKey !== entry.persianKey)
      if (sameEnglish) {
        add(entry.input.row.id, {
          subject: `library-english:${sameEnglish.persianKey.slice(0, 60)}`,
          message: `The library has this English for different Persian (in “${short(sameEnglish.title, 40)}”).`
        })
      }
    }
  }
  return findings
}

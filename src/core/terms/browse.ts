/**
 * Browsing the termbase: the terms that match a search in any of their fields, best matches
 * first. Persian is compared by match key, so spacing, ZWNJ, letter forms and digits do not hide a
 * term; English ignores case.
 */
import { matchKey } from '../text/normalize'
import type { Term, TermStatus } from './model'

export interface TermQuery {
  /** Words to look for in the Persian, the English, other and forbidden renderings, note and domain. */
  text?: string
  status?: TermStatus
}

interface TermKeys {
  /** Match keys of the Persian and the English. */
  heads: [string, string]
  /** Match keys of the other fields. */
  others: string[]
}

// A termbase of tens of thousands of terms is searched at every key press: each term's keys are
// made once, and the alphabetical order once per list of terms.
const keysOfTerm = new WeakMap<Term, TermKeys>()
const alphabetical = new WeakMap<readonly Term[], Term[]>()
const PERSIAN_ORDER = new Intl.Collator('fa')

function keysOf(term: Term): TermKeys {
  let keys = keysOfTerm.get(term)
  if (!keys) {
    keys = {
      heads: [matchKey(term.fa), matchKey(term.en)],
      others: [...term.alternatives, ...term.forbidden, term.note ?? '', term.domain ?? ''].filter(Boolean).map(matchKey)
    }
    keysOfTerm.set(term, keys)
  }
  return keys
}

function inPersianOrder(terms: readonly Term[]): Term[] {
  let sorted = alphabetical.get(terms)
  if (!sorted) {
    sorted = [...terms].sort((a, b) => PERSIAN_ORDER.compare(a.fa, b.fa) || a.en.localeCompare(b.en))
    alphabetical.set(terms, sorted)
  }
  return sorted
}

/** How well a term matches: 0 its Persian or English is the search, 1 begins with it, 2 holds it elsewhere. */
function rank(term: Term, key: string): number | null {
  const { heads, others } = keysOf(term)
  if (heads[0] === key || heads[1] === key) return 0
  if (heads[0].startsWith(key) || heads[1].startsWith(key)) return 1
  return heads[0].includes(key) || heads[1].includes(key) || others.some((field) => field.includes(key)) ? 2 : null
}

/** The terms matching `query`, best first and then in Persian alphabetical order. */
export function filterTerms(terms: readonly Term[], query: TermQuery = {}): Term[] {
  const key = matchKey(query.text ?? '')
  const byRank: Term[][] = [[], [], []]
  for (const term of inPersianOrder(terms)) {
    if (query.status && term.status !== query.status) continue
    const found = key ? rank(term, key) : 0
    if (found !== null) byRank[found].push(term)
  }
  return byRank.flat()
}

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

/** How well a term matches: 0 its Persian or English is the search, 1 begins with it, 2 holds it elsewhere. */
function rank(term: Term, key: string): number | null {
  const heads = [matchKey(term.fa), matchKey(term.en)]
  if (heads.includes(key)) return 0
  if (heads.some((head) => head.startsWith(key))) return 1
  const fields = [...heads, ...[...term.alternatives, ...term.forbidden, term.note ?? '', term.domain ?? ''].map(matchKey)]
  return fields.some((field) => field.includes(key)) ? 2 : null
}

const PERSIAN_ORDER = new Intl.Collator('fa')

/** The terms matching `query`, best first and then in Persian alphabetical order. */
export function filterTerms(terms: readonly Term[], query: TermQuery = {}): Term[] {
  const key = matchKey(query.text ?? '')
  const ranked: Array<{ term: Term; rank: number }> = []
  for (const term of terms) {
    if (query.status && term.status !== query.status) continue
    const found = key ? rank(term, key) : 0
    if (found !== null) ranked.push({ term, rank: found })
  }
  ranked.sort((a, b) => a.rank - b.rank || PERSIAN_ORDER.compare(a.term.fa, b.term.fa) || a.term.en.localeCompare(b.term.en))
  return ranked.map((entry) => entry.term)
}

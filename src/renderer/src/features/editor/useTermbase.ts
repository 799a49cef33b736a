import { useCallback, useEffect, useMemo, useState } from 'react'
import { englishHasTerm, sharedMatcher, TermMatcher, type TermHit } from '../../../../core/terms/matcher'
import { acceptedEnglish, type Term } from '../../../../core/terms/model'
import type { HamtaApi } from '../../../../shared/contract'

/** A term found in a Persian sentence, as the grid underlines it. */
export interface TermMark {
  start: number
  end: number
  /** The term's English, shown on hover. */
  title: string
}

function describe(hit: TermHit): string {
  const english = hit.terms.map((term) => {
    const others = term.alternatives.length > 0 ? ` (or ${term.alternatives.join(', ')})` : ''
    return term.status === 'deprecated' ? `${term.en}: deprecated` : `${term.en}${others}`
  })
  return `Term: ${[...new Set(english)].join('; ')}`
}

/** Marks per sentence text for each matcher: sentences never change in place, so a text's marks hold until the termbase changes. */
const cache = new WeakMap<TermMatcher, Map<string, TermMark[]>>()
const NONE: TermMark[] = []

/** The terms of a Persian sentence, found by the termbase's matcher (computed once per text and termbase). */
export function termMarks(matcher: TermMatcher | null, text: string): TermMark[] {
  if (!matcher || matcher.size === 0 || !text) return NONE
  let marks = cache.get(matcher)
  if (!marks) cache.set(matcher, (marks = new Map()))
  let found = marks.get(text)
  if (!found) {
    found = matcher.find(text).map((hit) => ({ start: hit.start, end: hit.end, title: describe(hit) }))
    if (found.length === 0) found = NONE
    // A long document's sentences fit; the bound only matters after hours of editing.
    if (marks.size >= 50_000) marks.clear()
    marks.set(text, found)
  }
  return found
}

/** Whether an English text already uses one of a term's renderings (as the term check decides). */
function usesTerm(english: string, term: Term): boolean {
  return acceptedEnglish(term).some((rendering) => englishHasTerm(english, rendering, /^[A-Z][a-z]+$/.test(rendering)))
}

/**
 * The English to put in for the row's terms: the first term of the Persian (in reading order)
 * whose English the translation does not use yet; null when every term is there.
 */
export function nextTermEnglish(matcher: TermMatcher | null, source: string, english: string): string | null {
  if (!matcher) return null
  for (const hit of matcher.find(source)) {
    const usable = hit.terms.filter((term) => term.status !== 'deprecated')
    if (usable.length === 0 || usable.some((term) => usesTerm(english, term))) continue
    return usable[0].en
  }
  return null
}

/**
 * The library's termbase in the editor: loaded on opening, replaced when the Terms tab changes
 * it, with one matcher per version for the grid and the insert-term key.
 */
export function useTermbase(api: HamtaApi, onError: (message: string) => void) {
  const [terms, setAll] = useState<Term[]>([])
  // The Terms tab reloads the list each time it opens: the same terms keep the same matcher.
  const setTerms = useCallback(
    (next: Term[]) =>
      setAll((current) =>
        current.length === next.length && current.every((term, i) => term.id === next[i].id && term.updatedAt === next[i].updatedAt) ? current : next
      ),
    []
  )
  const reload = useCallback(() => {
    void api.getTerms({}).then(setTerms, (error: Error) => onError(error.message))
  }, [api, onError, setTerms])
  useEffect(reload, [reload])
  const matcher = useMemo(() => (terms.length > 0 ? sharedMatcher(terms) : null), [terms])
  return { terms, matcher, setTerms, reload }
}

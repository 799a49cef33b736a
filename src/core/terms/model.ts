/**
 * The termbase: Persian terms with their English renderings, shared by every document of a
 * library. Pure data and pure edits; the store keeps it in a file beside the library's documents.
 */
import { UserError } from '../errors'
import { matchKey } from '../text/normalize'

/** TBX-Basic's administrative statuses, in the order a term is trusted. */
export const TERM_STATUSES = ['preferred', 'admitted', 'deprecated'] as const
export type TermStatus = (typeof TERM_STATUSES)[number]

export interface Term {
  id: string
  /** The Persian term, as the user wrote it. */
  fa: string
  /** The English rendering to use. */
  en: string
  /** Other acceptable English renderings. */
  alternatives: string[]
  /** English renderings that must not be used (QA reports them). */
  forbidden: string[]
  note?: string
  domain?: string
  /** preferred or admitted: use it; deprecated: kept for reference, its English is reported when used. */
  status: TermStatus
  /** TBX concept this term came from; terms sharing it are exported as one concept (synonyms). */
  concept?: string
  createdAt: string
  updatedAt: string
}

export interface Termbase {
  schemaVersion: number
  terms: Term[]
}

export const TERMBASE_SCHEMA_VERSION = 1

export function emptyTermbase(): Termbase {
  return { schemaVersion: TERMBASE_SCHEMA_VERSION, terms: [] }
}

/** What a user or an imported file supplies for a term. */
export interface TermInput {
  fa: string
  en: string
  alternatives?: string[]
  forbidden?: string[]
  note?: string
  domain?: string
  status?: TermStatus
  concept?: string
}

const MAX_TERM_CHARS = 500

function clean(text: string | undefined): string {
  return (text ?? '').replace(/[\s\u00a0]+/g, ' ').trim()
}

function cleanList(values: readonly string[] | undefined, exclude: readonly string[] = []): string[] {
  const seen = new Set(exclude.map((value) => value.toLowerCase()))
  const out: string[] = []
  for (const value of values ?? []) {
    const text = clean(value)
    if (!text || seen.has(text.toLowerCase())) continue
    seen.add(text.toLowerCase())
    out.push(text)
  }
  return out
}

export function isTermStatus(value: unknown): value is TermStatus {
  return typeof value === 'string' && (TERM_STATUSES as readonly string[]).includes(value)
}

/** Trims and checks a term; throws a UserError saying what is wrong. */
export function cleanTermInput(input: TermInput): Required<Pick<TermInput, 'fa' | 'en' | 'alternatives' | 'forbidden' | 'status'>> & TermInput {
  const fa = clean(input.fa)
  const en = clean(input.en)
  if (!fa) throw new UserError('A term needs its Persian.', 'invalid-term')
  if (!en) throw new UserError(`The term ${fa} needs its English.`, 'invalid-term')
  if (fa.length > MAX_TERM_CHARS || en.length > MAX_TERM_CHARS)
    throw new UserError(`A term is at most ${MAX_TERM_CHARS} characters long.`, 'invalid-term')
  if (!matchKey(fa)) throw new UserError(`${fa} has no letters to match.`, 'invalid-term')
  const alternatives = cleanList(input.alternatives, [en])
  const forbidden = cleanList(input.forbidden, [en, ...alternatives])
  const status = input.status ?? 'preferred'
  if (!isTermStatus(status)) throw new UserError(`Unknown term status ${String(status)}; use preferred, admitted or deprecated.`, 'invalid-term')
  const note = clean(input.note) || undefined
  const domain = clean(input.domain) || undefined
  const concept = clean(input.concept) || undefined
  return { fa, en, alternatives, forbidden, status, note, domain, concept }
}

/** Terms are the same entry when their Persian matches and their English is the same. */
function entryKey(fa: string, en: string): string {
  return `${matchKey(fa)}\u0000${en.toLowerCase()}`
}

/** Entry keys of a termbase's terms, built once per termbase (imports add thousands of terms). */
const entryIndexes = new WeakMap<readonly Term[], Map<string, number>>()

function entryIndex(terms: readonly Term[]): Map<string, number> {
  let index = entryIndexes.get(terms)
  if (!index) {
    index = new Map()
    terms.forEach((term, position) => index!.set(entryKey(term.fa, term.en), position))
    entryIndexes.set(terms, index)
  }
  return index
}

export interface AddTermOptions {
  id: string
  now: string
}

/**
 * Adds a term, or updates the entry with the same Persian and English (its other fields are
 * replaced by the ones given, lists merged). Returns the termbase and the term as stored.
 */
export function upsertTerm(termbase: Termbase, input: TermInput, { id, now }: AddTermOptions): { termbase: Termbase; term: Term; added: boolean } {
  const cleaned = cleanTermInput(input)
  const key = entryKey(cleaned.fa, cleaned.en)
  const known = entryIndex(termbase.terms)
  const index = known.get(key) ?? -1
  if (index >= 0) {
    const old = termbase.terms[index]
    const term: Term = {
      ...old,
      alternatives: cleanList([...old.alternatives, ...cleaned.alternatives], [old.en]),
      forbidden: cleanList([...old.forbidden, ...cleaned.forbidden], [old.en]),
      note: cleaned.note ?? old.note,
      domain: cleaned.domain ?? old.domain,
      status: input.status ? cleaned.status : old.status,
      concept: cleaned.concept ?? old.concept,
      updatedAt: now
    }
    const terms = termbase.terms.slice()
    terms[index] = term
    entryIndexes.set(terms, known)
    return { termbase: { ...termbase, terms }, term, added: false }
  }
  const term: Term = { id, ...cleaned, createdAt: now, updatedAt: now }
  for (const field of Object.keys(term) as Array<keyof Term>) if (term[field] === undefined) delete term[field]
  // The index moves on to the new list (the old list is not used again by mergeTerms).
  const terms = [...termbase.terms, term]
  known.set(key, terms.length - 1)
  entryIndexes.set(terms, known)
  return { termbase: { ...termbase, terms }, term, added: true }
}

export interface MergeResult {
  termbase: Termbase
  added: number
  updated: number
}

/** Adds many terms (an import); entries already present are updated rather than doubled. */
export function mergeTerms(termbase: Termbase, inputs: readonly TermInput[], newId: () => string, now: string): MergeResult {
  // One list grown in place, with one index: an import of thousands of terms stays linear.
  const terms = termbase.terms.slice()
  const index = new Map(entryIndex(termbase.terms))
  let added = 0
  let updated = 0
  for (const input of inputs) {
    const cleaned = cleanTermInput(input)
    const key = entryKey(cleaned.fa, cleaned.en)
    const position = index.get(key)
    if (position === undefined) {
      const { term } = upsertTerm({ schemaVersion: termbase.schemaVersion, terms: [] }, input, { id: newId(), now })
      index.set(key, terms.length)
      terms.push(term)
      added++
    } else {
      const { term } = upsertTerm({ schemaVersion: termbase.schemaVersion, terms: [terms[position]] }, input, { id: terms[position].id, now })
      terms[position] = term
      updated++
    }
  }
  entryIndexes.set(terms, index)
  return { termbase: { ...termbase, terms }, added, updated }
}

export function updateTerm(termbase: Termbase, id: string, change: Partial<TermInput>, now: string): Termbase {
  const index = termbase.terms.findIndex((term) => term.id === id)
  if (index < 0) throw new UserError(`There is no term ${id}.`, 'not-found')
  const old = termbase.terms[index]
  const cleaned = cleanTermInput({ ...old, ...change })
  const term: Term = { ...old, ...cleaned, updatedAt: now }
  for (const key of Object.keys(term) as Array<keyof Term>) if (term[key] === undefined) delete term[key]
  const terms = termbase.terms.slice()
  terms[index] = term
  return { ...termbase, terms }
}

export function removeTerm(termbase: Termbase, id: string): Termbase {
  if (!termbase.terms.some((term) => term.id === id)) throw new UserError(`There is no term ${id}.`, 'not-found')
  return { ...termbase, terms: termbase.terms.filter((term) => term.id !== id) }
}

/** English renderings a translation may use for the term: the main one first. */
export function acceptedEnglish(term: Term): string[] {
  return term.status === 'deprecated' ? [] : [term.en, ...term.alternatives]
}

/** A termbase read from disk: every entry checked, broken ones left out (with how many). */
export function parseTermbase(value: unknown): { termbase: Termbase; dropped: number } {
  const raw = value as { terms?: unknown } | null
  if (!raw || typeof raw !== 'object' || !Array.isArray(raw.terms)) throw new Error('not a termbase (no "terms" list)')
  const terms: Term[] = []
  let dropped = 0
  const ids = new Set<string>()
  for (const entry of raw.terms as Array<Partial<Term>>) {
    try {
      if (!entry || typeof entry !== 'object' || typeof entry.id !== 'string' || !entry.id || ids.has(entry.id)) throw new Error('bad id')
      const cleaned = cleanTermInput({
        fa: String(entry.fa ?? ''),
        en: String(entry.en ?? ''),
        alternatives: Array.isArray(entry.alternatives) ? entry.alternatives.map(String) : [],
        forbidden: Array.isArray(entry.forbidden) ? entry.forbidden.map(String) : [],
        note: typeof entry.note === 'string' ? entry.note : undefined,
        domain: typeof entry.domain === 'string' ? entry.domain : undefined,
        status: isTermStatus(entry.status) ? entry.status : 'preferred',
        concept: typeof entry.concept === 'string' ? entry.concept : undefined
      })
      const term: Term = {
        id: entry.id,
        ...cleaned,
        createdAt: typeof entry.createdAt === 'string' ? entry.createdAt : '',
        updatedAt: typeof entry.updatedAt === 'string' ? entry.updatedAt : ''
      }
      for (const key of Object.keys(term) as Array<keyof Term>) if (term[key] === undefined) delete term[key]
      ids.add(term.id)
      terms.push(term)
    } catch {
      dropped++
    }
  }
  return { termbase: { schemaVersion: TERMBASE_SCHEMA_VERSION, terms }, dropped }
}

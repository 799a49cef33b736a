import { describe, expect, it } from 'vitest'
import { filterTerms } from '../../../src/core/terms/browse'
import type { Term } from '../../../src/core/terms/model'

function term(fa: string, en: string, extra: Partial<Term> = {}): Term {
  return { id: `${fa}-${en}`, fa, en, alternatives: [], forbidden: [], status: 'preferred', createdAt: '', updatedAt: '', ...extra }
}

const terms = [
  term('وزیر امور خارجه', 'foreign minister', { alternatives: ['minister of foreign affairs'] }),
  term('رئیس‌جمهور', 'president'),
  term('مجلس', 'parliament', { forbidden: ['majles'], note: 'the Islamic Consultative Assembly' }),
  term('وزیر', 'minister', { status: 'admitted' }),
  term('آژانس بین‌المللی انرژی اتمی', 'International Atomic Energy Agency', { domain: 'nuclear', status: 'deprecated' })
]

describe('filterTerms', () => {
  it('lists every term in Persian alphabetical order without a search', () => {
    expect(filterTerms(terms).map((t) => t.fa)).toEqual(['آژانس بین‌المللی انرژی اتمی', 'رئیس‌جمهور', 'مجلس', 'وزیر', 'وزیر امور خارجه'])
  })

  it('finds Persian whatever its spacing, ZWNJ and letter forms', () => {
    expect(filterTerms(terms, { text: 'رئيس جمهور' }).map((t) => t.en)).toEqual(['president'])
    expect(filterTerms(terms, { text: 'بین المللی' }).map((t) => t.en)).toEqual(['International Atomic Energy Agency'])
  })

  it('puts the term that is the search before those that begin with it or hold it', () => {
    expect(filterTerms(terms, { text: 'minister' }).map((t) => t.fa)).toEqual(['وزیر', 'وزیر امور خارجه'])
    expect(filterTerms(terms, { text: 'وزیر' }).map((t) => t.en)).toEqual(['minister', 'foreign minister'])
  })

  it('searches other and forbidden renderings, notes and domains, ignoring case', () => {
    expect(filterTerms(terms, { text: 'Foreign Affairs' }).map((t) => t.en)).toEqual(['foreign minister'])
    expect(filterTerms(terms, { text: 'majles' }).map((t) => t.en)).toEqual(['parliament'])
    expect(filterTerms(terms, { text: 'consultative' }).map((t) => t.en)).toEqual(['parliament'])
    expect(filterTerms(terms, { text: 'NUCLEAR' }).map((t) => t.en)).toEqual(['International Atomic Energy Agency'])
  })

  it('keeps one status only when asked', () => {
    expect(filterTerms(terms, { status: 'admitted' }).map((t) => t.en)).toEqual(['minister'])
    expect(filterTerms(terms, { text: 'minister', status: 'preferred' }).map((t) => t.en)).toEqual(['foreign minister'])
  })

  it('finds nothing for a search no field holds', () => {
    expect(filterTerms(terms, { text: 'senate' })).toEqual([])
  })
})

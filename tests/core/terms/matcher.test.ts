import { describe, expect, it } from 'vitest'
import { englishHasTerm, sharedMatcher, TermMatcher } from '../../../src/core/terms/matcher'
import { formCases, scoreForms, term } from './term-forms'

describe('finding terms in Persian text', () => {
  it('finds inflected and variously spelled forms from real news text, with no wrong hits', () => {
    const score = scoreForms(formCases())
    // Broken plurals (روسای for رئیس, تجربیات for تجربه) are beyond suffix rules: two misses.
    expect(score.errors.filter((error) => error.startsWith('wrong'))).toEqual([])
    expect(score.precision).toBe(1)
    expect(score.recall).toBeGreaterThanOrEqual(0.97)
  })

  it('matches spacing, ZWNJ and Arabic letter variants of one term', () => {
    const matcher = new TermMatcher([term('رئیس‌جمهور', 'president')])
    const hits = matcher.find('رئیسجمهور آذربایجان و رييس جمهور آمریکا و رئیس‌جمهور ایران')
    expect(hits.map((hit) => hit.text)).toEqual(['رئیسجمهور', 'رييس جمهور', 'رئیس‌جمهور'])
    expect(hits[0]).toMatchObject({ start: 0, end: 9 })
  })

  it('prefers the longest term and reports synonyms together', () => {
    const matcher = new TermMatcher([
      term('رئیس جمهور', 'president', 'a'),
      term('رئیس دفتر رئیس جمهور', 'chief of staff', 'b'),
      term('رئیس‌جمهور', 'head of state', 'c')
    ])
    const hits = matcher.find('رئیس دفتر رئیسجمهور گفت و رئیس جمهور افزود')
    expect(hits.map((hit) => [hit.text, hit.terms.map((t) => t.id)])).toEqual([
      ['رئیس دفتر رئیسجمهور', ['b']],
      ['رئیس جمهور', ['a', 'c']]
    ])
  })

  it('of two terms matching the same word, takes the one written out in full over one with a suffix', () => {
    // آسم (asthma) + the plural ان also spells آسمان (sky); the sky is meant.
    const matcher = new TermMatcher([term('آسم', 'asthma'), term('آسمان', 'sky'), term('آدم', 'human'), term('آدمی', 'mankind')])
    expect(matcher.find('آسمان آبی بود و آدمی شاد.').map((hit) => hit.terms.map((t) => t.en))).toEqual([['sky'], ['mankind']])
  })

  it('finds verbs among tens of thousands of terms, trying only those whose stems the sentence holds', () => {
    const many = Array.from({ length: 20_000 }, (_, k) => term(`واژه${k}`, `word ${k}`))
    const matcher = new TermMatcher([...many, term('رفتن', 'go'), term('نوشتن', 'write')])
    expect(matcher.find('او به تهران نخواهد رفت و نامه‌ای می‌نویسد.').map((hit) => [hit.text, hit.terms[0].en])).toEqual([
      ['نخواهد رفت', 'go'],
      ['می‌نویسد', 'write']
    ])
  })

  it('finds the negative future of a verb and of a compound verb', () => {
    const matcher = new TermMatcher([term('امضا کردن', 'sign'), term('رفتن', 'go')])
    expect(matcher.find('ایران این قرارداد را امضا نخواهد کرد و او نخواهد رفت.').map((hit) => hit.text)).toEqual(['امضا نخواهد کرد', 'نخواهد رفت'])
  })

  it('builds one matcher for the same terms, whichever list holds them, and a new one when a term changes', () => {
    const terms = [term('وزیر', 'minister'), term('مجلس', 'parliament')]
    const first = sharedMatcher(terms)
    expect(sharedMatcher(terms.map((entry) => ({ ...entry })))).toBe(first)
    const edited = [terms[0], { ...terms[1], en: 'Majlis', updatedAt: 'later' }]
    const second = sharedMatcher(edited)
    expect(second).not.toBe(first)
    expect(second.find('مجلس')[0].terms[0].en).toBe('Majlis')
  })

  it('takes Latin words in the Persian column that name object properties as plain words', () => {
    // Looked up in an object, "constructor" passed for a verb and the matcher threw.
    const matcher = new TermMatcher([term('constructor', 'constructor'), term('toString', 'toString'), term('رفتن', 'go')])
    expect(matcher.find('constructor و toString رفت').map((hit) => hit.text)).toEqual(['constructor', 'toString', 'رفت'])
  })

  it('does not match across punctuation or inside other words', () => {
    const matcher = new TermMatcher([term('ایران ترکیه'), term('کار')])
    expect(matcher.find('ایران، ترکیه')).toEqual([])
    expect(matcher.find('کارت کارگر کارشناس')).toEqual([])
  })

  it('handles a large termbase quickly', () => {
    const terms = Array.from({ length: 5000 }, (_, k) => term(`واژه${String.fromCharCode(0x628 + (k % 20))}${k}`))
    terms.push(term('همکاری'))
    const matcher = new TermMatcher(terms)
    const text = 'تاکید بر ضرورت تقویت همکاری های سه جانبه اقتصادی ایران، ترکیه و آذربایجان '.repeat(20)
    const started = performance.now()
    for (let k = 0; k < 200; k++) matcher.find(text)
    expect(matcher.find(text)).toHaveLength(20)
    expect(performance.now() - started).toBeLessThan(2000)
  })
})

describe('finding a term in English', () => {
  it('allows inflections, case and hyphen or space between words', () => {
    expect(englishHasTerm('The Presidents met', 'president')).toBe(true)
    expect(englishHasTerm('She signed it', 'sign')).toBe(true)
    expect(englishHasTerm('two policies', 'policy')).toBe(true)
    expect(englishHasTerm('the north south corridor', 'North-South corridor')).toBe(true)
    expect(englishHasTerm('a signal', 'sign')).toBe(false)
    expect(englishHasTerm('Iranian plants', 'Iran')).toBe(false)
    expect(englishHasTerm('Iranian plants', 'Iran', true)).toBe(true)
  })
})

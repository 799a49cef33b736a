import { describe, expect, it } from 'vitest'
import { buildAnchors } from '../../../src/core/align/anchors'
import { englishNameSkeletons, englishSkeleton, persianSkeleton, persianWordSkeletons } from '../../../src/core/align/transliteration'

describe('consonant skeletons of transliterated names', () => {
  // Names as Persian news agencies and English wire services write them.
  it.each([
    ['ترامپ', 'Trump'],
    ['تهران', 'Tehran'],
    ['واشنگتن', 'Washington'],
    ['بغداد', 'Baghdad'],
    ['خامنه‌ای', 'Khamenei'],
    ['ظریف', 'Zarif'],
    ['پوتین', 'Putin'],
    ['شیراز', 'Shiraz'],
    ['اصفهان', 'Isfahan'],
    ['لندن', 'London'],
    ['آمریکا', 'America'],
    ['اسرائیل', 'Israel'],
    ['جمهوری', 'Jomhuri'],
    ['قرآن', 'Quran'],
    ['محمد', 'Mohammad'],
    ['آذربایجان', 'Azerbaijan']
  ])('%s and %s share one', (persian, english) => {
    expect(persianSkeleton(persian)).toBe(englishSkeleton(english))
  })

  it.each([
    ['تهران', 'Tabriz'],
    ['ترامپ', 'Truman'],
    ['شیراز', 'Sierra']
  ])('%s and %s do not', (persian, english) => {
    expect(persianSkeleton(persian)).not.toBe(englishSkeleton(english))
  })

  it('reads English digraphs and x as the sounds Persian writes', () => {
    expect(englishSkeleton('Khomeini')).toBe(persianSkeleton('خمینی'))
    expect(englishSkeleton('Chabahar')).toBe(persianSkeleton('چابهار'))
    expect(englishSkeleton('Alexander')).toBe('lksndr')
  })
})

describe('names in sentences', () => {
  it('takes capitalised English words the text never writes in lower case, without a possessive', () => {
    const names = englishNameSkeletons(['Trump’s envoy met Most of them in Tehran.', 'Most people stayed.', 'He said most left.'])
    expect(names[0]).toEqual(['trmp', 'trn'])
    // "Most" is written "most" elsewhere: a word, not a name.
    expect(names[1]).toEqual([])
  })

  it('keeps an apostrophe inside a transliteration', () => {
    expect(englishNameSkeletons(['The Qur’an was recited.'])[0]).toEqual(['krn'])
  })

  it('reads a word written with diacritics or a kashida as one word', () => {
    expect(persianWordSkeletons('در تِهْران و تهـــران')).toEqual(['trn', 'trn'])
  })

  it('drops skeletons too short to tell a name from a word', () => {
    expect(persianWordSkeletons('او به ایران رفت')).toEqual(['rft'])
    expect(englishNameSkeletons(['He went to Iran.'])[0]).toEqual([])
  })

  it('anchors a Persian sentence to the English one naming the same place', () => {
    const table = buildAnchors(['او به تهران رفت.', 'او به شیراز رفت.'], ['He went to Shiraz.', 'He went to Tehran.'])
    const name = (side: 'source' | 'target', k: number) =>
      [...table[side].ids.slice(table[side].offsets[k], table[side].offsets[k + 1])].map((id) => table.names[id]).filter((n) => n.startsWith('name:'))
    expect(name('source', 0)).toEqual(['name:trn'])
    expect(name('target', 1)).toEqual(['name:trn'])
    expect(name('source', 1)).toEqual(name('target', 0))
  })

  it('weighs a skeleton one side holds far more often as a common word, not a name', () => {
    // دیگر shares "Decree"'s consonants; it occurs in four Persian sentences, "Decree" in one.
    const table = buildAnchors(
      ['این دیگر است.', 'آن دیگر است.', 'دیگر نه.', 'دیگر آری.', 'او به تهران رفت.'],
      ['The Decree is here.', 'That one.', 'No more.', 'Yes.', 'He went to Tehran.']
    )
    const weight = (name: string) => table.weights[table.names.indexOf(name)]
    expect(weight('name:dkr')).toBeCloseTo(0.5, 5)
    expect(weight('name:trn')).toBe(2)
  })
})

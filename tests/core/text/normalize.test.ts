import { beforeAll, describe, expect, it } from 'vitest'
import { type Lexicon, lexiconLoadMilliseconds, loadLexicon, loadedLexicon } from '../../../src/core/text/lexicon'
import { applyFixes, keyIncludes, matchKey, matchKeyWithOffsets, normalizeText, persianLetters, proposeFixes } from '../../../src/core/text/normalize'
import { readSample, SAMPLE_000, SAMPLE_003 } from './samples'

const ZWNJ = '\u200c'

let lexicon: Lexicon

beforeAll(async () => {
  lexicon = await loadLexicon()
})

describe('match key', () => {
  it('gives one key for the ZWNJ, joined and spaced spellings', () => {
    const key = matchKey(`رئیس${ZWNJ}جمهور`)
    expect(matchKey('رئیسجمهور')).toBe(key)
    expect(matchKey('رئیس جمهور')).toBe(key)
    expect(matchKey('رییس جمهور')).toBe(key)
    expect(matchKey(`می${ZWNJ}کنند`)).toBe(matchKey('می کنند'))
    expect(matchKey(`همکاری${ZWNJ}های`)).toBe(matchKey('همکاریهای'))
  })

  it('folds Arabic letter forms, ۀ, tatweel and diacritics', () => {
    expect(matchKey('علي')).toBe(matchKey('علی'))
    expect(matchKey('كتاب')).toBe(matchKey('کتاب'))
    expect(matchKey('مصطفى')).toBe(matchKey('مصطفی'))
    expect(matchKey('خانۀ')).toBe(matchKey('خانه'))
    expect(matchKey('خانهٔ')).toBe(matchKey('خانه'))
    expect(matchKey('کـــتاب')).toBe(matchKey('کتاب'))
    expect(matchKey('کِتابُ')).toBe(matchKey('کتاب'))
    expect(matchKey('ﺳﻼﻡ')).toBe(matchKey('سلام'))
  })

  it('turns every digit into ASCII and ٫ into a decimal point', () => {
    expect(matchKey('کوئید ۱۹')).toBe(matchKey('کوئید 19'))
    expect(matchKey('٢٠٢٠')).toBe('2020')
    expect(matchKey('۲۸٫۴')).toBe('28.4')
  })

  it('keeps different words apart', () => {
    expect(matchKey('میز')).not.toBe(matchKey('میوه'))
    expect(matchKey('کشور')).not.toBe(matchKey('کشورها'))
  })

  it('maps key characters back to the original text', () => {
    const text = 'در رئیس جمهور'
    const { key, offsets } = matchKeyWithOffsets(text)
    const at = key.indexOf(matchKey('رئیسجمهور'))
    expect(at).toBeGreaterThan(0)
    expect(text.slice(offsets[at], offsets[at + matchKey('رئیسجمهور').length - 1] + 1)).toBe('رئیس جمهور')
    expect(keyIncludes(text, `رئیس${ZWNJ}جمهور`)).toBe(true)
  })
})

describe('letter forms', () => {
  it('turns Arabic letters and digits into Persian ones and leaves Persian spellings alone', () => {
    expect(persianLetters('علي كتاب ٤٥٦')).toBe('علی کتاب ۴۵۶')
    expect(persianLetters('مسئول مؤسسه أعلام خانۀ')).toBe('مسئول مؤسسه أعلام خانۀ')
    expect(persianLetters('ﺳﻼﻡ')).toBe('سلام')
  })

  it('proposes letter fixes without a lexicon', () => {
    const fixes = proposeFixes('اين كتاب\nسال ٢٠٢٠')
    expect(fixes.map((fix) => [fix.line, fix.kind, fix.original, fix.replacement])).toEqual([
      [1, 'arabic-letters', 'اين', 'این'],
      [1, 'arabic-letters', 'كتاب', 'کتاب'],
      [2, 'arabic-letters', '٢٠٢٠', '۲۰۲۰']
    ])
  })
})

describe('ZWNJ repair from the lexicon', () => {
  const normalize = (text: string): string => normalizeText(text, lexicon)

  it('repairs the forms the notes list', () => {
    expect(normalize('میکنند')).toBe(`می${ZWNJ}کنند`)
    expect(normalize('رئیسجمهور')).toBe(`رئیس${ZWNJ}جمهور`)
    expect(normalize('همکاری های دو کشور')).toBe(`همکاری${ZWNJ}های دو کشور`)
    expect(normalize('بزرگترین کشور')).toBe(`بزرگ${ZWNJ}ترین کشور`)
    expect(normalize('آنها می کنند')).toBe(`آنها می${ZWNJ}کنند`)
    expect(normalize('بینالمللی')).toBe(`بین${ZWNJ}المللی`)
    expect(normalize('پروژههای')).toBe(`پروژه${ZWNJ}های`)
  })

  it('leaves real words alone', () => {
    const words = 'میز میوه میلیون میان میراث بیمه بیمار همایش نمایشگاه'
    expect(normalize(words)).toBe(words)
    expect(proposeFixes(words, { lexicon })).toEqual([])
    for (const text of ['ادبیات و تجربیات', 'منتها باید رفت', 'بهترین راه', 'مرزهای کشور', 'آنچه گفتم', 'امیدواریم']) {
      expect(normalize(text)).toBe(text)
    }
  })

  it('leaves می as the month May alone', () => {
    expect(normalize('در ماه می به تهران رفتیم')).toBe('در ماه می به تهران رفتیم')
    expect(normalize('روز ۱۵ می کنفرانس برگزار شد')).toBe('روز ۱۵ می کنفرانس برگزار شد')
  })

  it('does not join a noun with the verb after it', () => {
    expect(normalize('روابط گسترش یافته است')).toBe('روابط گسترش یافته است')
  })

  it('uses the document to choose between readings (منطقهای)', () => {
    expect(normalize('مسائل منطقهای')).toBe('مسائل منطقهای')
    expect(normalize('امنیت منطقه و مسائل منطقهای')).toBe(`امنیت منطقه و مسائل منطقه${ZWNJ}ای`)
  })

  it('repairs Arabic letters and ZWNJ in one word', () => {
    expect(normalize('ميكنند')).toBe(`می${ZWNJ}کنند`)
  })
})

describe('missing spaces', () => {
  it('splits glued words after a non-joining letter when the lexicon is sure', () => {
    const fixes = proposeFixes('روابط دوکشور', { lexicon })
    expect(fixes).toHaveLength(1)
    expect(fixes[0]).toMatchObject({ kind: 'missing-space', original: 'دوکشور', replacement: 'دو کشور', line: 1, column: 7 })
  })

  it('repairs کرونابهره مند in sample 000 with the document vocabulary', () => {
    const lines = normalizeText(readSample(SAMPLE_000), lexicon).split('\n')
    expect(lines[42]).toBe(`کرونا بهره${ZWNJ}مند شویم.`)
    expect(lines[4]).toContain('روابط دو کشور')
  })

  it('does not split names or unknown words', () => {
    for (const text of ['بابایف', 'شریعتمدای', 'کوئید', 'آستارا-آستارا']) expect(normalizeText(text, lexicon)).toBe(text)
  })
})

describe('applying fixes', () => {
  it('applies only accepted fixes and skips stale or overlapping ones', () => {
    const text = 'میکنند و همکاری های'
    const fixes = proposeFixes(text, { lexicon })
    expect(fixes).toHaveLength(2)
    expect(applyFixes(text, [fixes[1]])).toBe(`میکنند و همکاری${ZWNJ}های`)
    expect(applyFixes(text, [])).toBe(text)
    expect(applyFixes(text, [{ ...fixes[0], original: 'دیگر' }])).toBe(text)
    expect(applyFixes(text, [fixes[0], { ...fixes[0], id: 'x', replacement: 'X' }])).toBe(`می${ZWNJ}کنند و همکاری های`)
  })

  it('keeps one output line per input line on both samples', () => {
    for (const name of [SAMPLE_000, SAMPLE_003]) {
      const text = readSample(name)
      const normalized = normalizeText(text, lexicon)
      expect(normalized.split('\n')).toHaveLength(text.split('\n').length)
      expect(normalized).not.toBe(text)
    }
  })

  it('proposes fixes with line, offsets and the original text', () => {
    const text = readSample(SAMPLE_003)
    const fixes = proposeFixes(text, { lexicon })
    const line9 = fixes.filter((fix) => fix.line === 9).map((fix) => fix.replacement)
    expect(line9).toEqual(expect.arrayContaining([`منطقه${ZWNJ}ای`, `بین${ZWNJ}المللی`, `دیدگاه${ZWNJ}های`, `می${ZWNJ}کنند`]))
    for (const fix of fixes) expect(text.slice(fix.start, fix.end)).toBe(fix.original)
  })
})

describe('lexicon loading', () => {
  it('loads once and quickly, and answers for affixed forms', async () => {
    expect(loadedLexicon()).toBe(lexicon)
    expect(await loadLexicon()).toBe(lexicon)
    expect(lexicon.entryCount).toBeGreaterThan(100_000)
    expect(lexiconLoadMilliseconds()).toBeLessThan(3000)
    expect(lexicon.has(`همکاری${ZWNJ}های`)).toBe(true)
    expect(lexicon.has(`بزرگ${ZWNJ}ترین`)).toBe(true)
    expect(lexicon.has('میز')).toBe(true)
    expect(lexicon.has('کرونا')).toBe(false)
  })
})

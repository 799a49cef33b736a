import { beforeAll, describe, expect, it } from 'vitest'
import { measureCleanupPrecision, type PrecisionReport } from '../../../bench/cleanup-precision'
import { detectScrambledLine } from '../../../src/core/text/inspect'
import { loadLexicon, type Lexicon } from '../../../src/core/text/lexicon'
import { normalizeText, proposeFixes } from '../../../src/core/text/normalize'
import { segmentSentences } from '../../../src/core/text/segment'
import { SEGMENT_CASES, SPELLING_CASES } from './peer-cases'

const Z = '\u200c'
let lexicon: Lexicon
beforeAll(async () => {
  lexicon = await loadLexicon()
})

const normalize = (text: string): string => normalizeText(text, lexicon)

describe('cleanup on what real news contains', () => {
  it('does not split unknown words, names and contractions into two known words', () => {
    for (const text of ['خونه', 'گرون', 'لوکاکو', 'کلاسیکو', 'مارسیال', 'اینجاست', 'ترین', 'شهرخودرو']) expect(normalize(text)).toBe(text)
    // A surname whose halves are common words is at most shown for review, never accepted with the rest.
    expect(proposeFixes('مهدی زودآشنا', { lexicon }).every((fix) => !fix.certain)).toBe(true)
    expect(normalize('روابط دوکشور')).toBe('روابط دو کشور')
    expect(normalize('درگیری وکشتار')).toBe('درگیری و کشتار')
  })

  it('reads های after a stem as the plural, even when the stem + ه is in the text', () => {
    expect(normalize('مردهای جوان')).toBe('مردهای جوان')
    expect(normalize('روزه گرفت و روزهای بعد')).toBe('روزه گرفت و روزهای بعد')
    expect(normalize('خریدهای تابستانی')).toBe('خریدهای تابستانی')
    expect(normalize('تنها او ماند')).toBe('تنها او ماند')
  })

  it('joins suffixes written apart, after a non-joining letter without ZWNJ', () => {
    expect(normalize('کار ها')).toBe('کارها')
    expect(normalize('بالا ترین')).toBe('بالاترین')
    expect(normalize('بزرگ تری')).toBe(`بزرگ${Z}تری`)
    expect(normalize(`بزرگ${Z}ترین ها`)).toBe(`بزرگ${Z}ترین${Z}ها`)
    expect(proposeFixes('بعد تر', { lexicon })[0]).toMatchObject({ replacement: 'بعدتر', certain: false })
  })

  it('fixes words with diacritics and keeps the diacritics', () => {
    expect(normalize('كِتاب')).toBe('کِتاب')
    expect(normalize('مي كُند')).toBe(`می${Z}کُند`)
  })

  it('leaves ordinary phrases alone rather than forcing a dictionary compound on them', () => {
    for (const text of ['تبدیل شدن', 'روابط عمومی', 'به دست آوردیم']) expect(normalize(text)).toBe(text)
    expect(normalize('در هفته های پیش رو')).toBe(`در هفته${Z}های پیش رو`)
    expect(proposeFixes('بین المللی', { lexicon })[0]).toMatchObject({ replacement: `بین${Z}المللی`, certain: false })
  })

  it('proposes nothing inside an Arabic quotation', () => {
    const quote = 'وعلى هذا فالذی یدل على اعتبار المصلحه فی الثانیه'
    expect(proposeFixes(quote, { lexicon }).filter((fix) => fix.kind !== 'arabic-letters')).toEqual([])
  })
})

describe('segmentation of real news', () => {
  it('keeps the closing quote of a quotation that spans sentences with its last sentence', () => {
    expect(segmentSentences('او گفت: "ما آماده ایم. بازی سختی است." سپس رفت.')).toEqual(['او گفت: "ما آماده ایم.', 'بازی سختی است."', 'سپس رفت.'])
    expect(segmentSentences('"بازی سختی بود. ما خوب بودیم."')).toEqual(['"بازی سختی بود.', 'ما خوب بودیم."'])
  })

  it('keeps abbreviations with glued periods and footnote markers inside their sentence', () => {
    expect(segmentSentences('پی.اس.جی برد. اس.خوزستان باخت.')).toEqual(['پی.اس.جی برد.', 'اس.خوزستان باخت.'])
    expect(segmentSentences('این نظر فقهاست. (2) بعد آمد.')).toEqual(['این نظر فقهاست. (2)', 'بعد آمد.'])
    expect(segmentSentences('ضربه زد.عراق تیم خوبی بود.')).toEqual(['ضربه زد.', 'عراق تیم خوبی بود.'])
  })

  it('never yields a sentence without letters or digits', () => {
    for (const text of ['*\n\nمتن.', 'جمله اول. "', '.\n\nجمله.', 'جمله. \u200f']) {
      for (const sentence of segmentSentences(text)) expect(sentence).toMatch(/[\p{L}\p{N}]/u)
    }
  })
})

describe('scrambled lines', () => {
  it('does not flag a line in reading order with double spaces after و', () => {
    const line = 'مدیرکل بنیاد شهید  و  امور ایثارگران گیلان گفت: فرهنگ ایثار و شهادت  را ترویج می دهیم.'
    expect(detectScrambledLine(line, lexicon.frequency)).toBeNull()
    expect(detectScrambledLine(line)).toBeNull()
  })

  it('finds a long reversed line', () => {
    const line = 'زمینه در  برای همکاری  را  آمادگی خود  وزارتخانه  این  مرزی،  استان های  در  اجتماعی  تأمین'
    expect(detectScrambledLine(line, lexicon.frequency)?.repaired).toBe(
      'تأمین اجتماعی در استان های مرزی، این وزارتخانه آمادگی خود را برای همکاری زمینه در'
    )
  })
})

describe('cases from other Persian tools’ test suites', () => {
  it('segments as hazm, pySBD and shekar expect', () => {
    for (const { text, expected } of SEGMENT_CASES) expect(segmentSentences(text)).toEqual(expected)
  })

  it('spells as recorded, each difference from the other project noted', () => {
    for (const { input, hamta, expected, note } of SPELLING_CASES) {
      expect(normalize(input)).toBe(hamta)
      // A difference is either a noted style choice or a noted open defect, never silent.
      if (hamta !== expected) expect(note).toMatch(/^(deliberate|defect left open)/)
    }
  })
})

describe('precision on the labelled news sample', () => {
  let report: PrecisionReport
  beforeAll(async () => {
    report = await measureCleanupPrecision()
  }, 60_000)

  it('labels every proposal of the sample except unsampled letter-form fixes', () => {
    for (const [kind, { all }] of Object.entries(report.kinds)) if (kind !== 'arabic-letters') expect(all.labelled).toBe(all.proposals)
  })

  it('offers for accepting all only proposals measured at 0.95 or better', () => {
    for (const { sure } of Object.values(report.kinds)) expect(sure.precision).toBeGreaterThanOrEqual(0.95)
    expect(report.kinds['missing-zwnj'].sure.labelled).toBeGreaterThan(400)
  })

  it('has no letterless sentences and finds reversed lines', () => {
    expect(report.letterless).toEqual([])
    expect(report.scrambled.precision).toBeGreaterThanOrEqual(0.95)
    expect(report.scrambled.recall).toBeGreaterThanOrEqual(0.65)
  })
})

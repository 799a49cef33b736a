import { describe, expect, it } from 'vitest'
import { compareSentences } from '../../../src/core/tm/compare'
import { adaptNumbers } from '../../../src/core/tm/numbers'
import { hashKeys, tokenize, TokenKind } from '../../../src/core/tm/tokenize'
import { matchKey } from '../../../src/core/text/normalize'

const ZWNJ = '\u200c'
const score = (query: string, source: string): number => compareSentences({ text: query }, { source, target: '' }).score

describe('tokens', () => {
  it('keys words by the match key and keeps spacing variants of one word together', () => {
    const keys = (text: string) => tokenize(text).map((token) => token.key)
    expect(keys(`می${ZWNJ}شود`)).toEqual(keys('میشود'))
    expect(keys('می شود')).toEqual(keys('میشود'))
    expect(keys('نمی شود')).toEqual(keys(`نمی${ZWNJ}شود`))
    expect(keys('کتاب های خوب')).toEqual(keys(`کتاب${ZWNJ}های خوب`))
    expect(keys('بزرگ ترین')).toEqual(keys('بزرگترین'))
    expect(keys('خانه ای')).toEqual(keys(`خانه${ZWNJ}ای`))
    expect(keys('علي كتاب')).toEqual(keys('علی کتاب'))
    expect(keys('کـــتاب کِتابُ')).toEqual(keys('کتاب کتاب'))
    expect(keys('ة')).toEqual(keys('ه'))
  })

  it('gives every word the key matchKey gives its text', () => {
    const text = `رئیس${ZWNJ}جمهور ايران، كشورهاي منطقۀ «خاورمیانه» را ٢٠٢٠ The Minister's`
    for (const token of tokenize(text)) {
      if (token.kind === TokenKind.Word) expect(token.key).toBe(matchKey(text.slice(token.start, token.end)))
    }
  })

  it('reads numbers in any digits, with ٫ decimals and group separators', () => {
    const numbers = tokenize('۲۸٫۴ و ١٢٣ و ۱٬۲۰۰ و 1,500 و 3.5').filter((token) => token.kind === TokenKind.Number)
    expect(numbers.map((token) => token.key)).toEqual(['28.4', '123', '1200', '1500', '3.5'])
  })

  it('hashes spellings a reader sees as one sentence alike', () => {
    expect(hashKeys(tokenize(`این کار می${ZWNJ}شود.`))).toBe(hashKeys(tokenize('اين كار مي شود.')))
    expect(hashKeys(tokenize('این کار می‌شود.'))).not.toBe(hashKeys(tokenize('این کار نمی‌شود.')))
  })
})

describe('Persian-aware scoring', () => {
  const base = `او گفت که این طرح به زودی اجرا می${ZWNJ}شود و رئیس${ZWNJ}جمهور آن را تایید کرده است.`

  it('scores differences that are none for a reader 100', () => {
    expect(score(base, base)).toBe(100)
    expect(score(base, 'او گفت که این طرح به زودی اجرا میشود و رئیس جمهور آن را تایید کرده است.')).toBe(100)
    expect(score(base, 'او گفت كه اين طرح به زودي اجرا مي شود و رييس‌جمهور آن را تاييد كرده است.')).toBe(100)
    expect(score(base, 'اُو گفـت که این طرح به زودی اجرا می‌شود و رئیس‌جمهور آن را تأیید کرده است.')).toBe(100)
    expect(score('نرخ تورم ۲۸٫۴ درصد شد.', 'نرخ تورم ٢٨٫٤ درصد شد.')).toBe(100)
    expect(score('نرخ تورم ۲۸٫۴ درصد شد.', 'نرخ تورم 28.4 درصد شد.')).toBe(100)
    expect(score('جلسة مجلس', 'جلسه مجلس')).toBe(100)
  })

  it('takes about 10 points off for one changed word in ten', () => {
    const query = 'وزیر امور خارجه ایران امروز با همتای ترکیه دیدار کرد.'
    const changed = 'وزیر امور خارجه ایران دیروز با همتای ترکیه دیدار کرد.'
    expect(tokenize(query).filter((token) => token.kind === TokenKind.Word)).toHaveLength(10)
    const value = score(query, changed)
    expect(value).toBeGreaterThanOrEqual(88)
    expect(value).toBeLessThanOrEqual(92)
  })

  it('counts by words, not letters: a long changed word costs what a short one does', () => {
    const query = 'وزیر امور خارجه ایران امروز با همتای ترکیه دیدار کرد.'
    expect(score(query, 'وزیر امور خارجه ایران امروز با همتای ترکیه دیدار نمود.')).toBe(
      score(query, 'وزیر امور خارجه ایران امروز با همتای ترکیه دیدار گفتگوهای‌مفصلی.')
    )
  })

  it('costs a changed comma less than a changed word', () => {
    const query = 'وزیر امور خارجه ایران امروز با همتای ترکیه دیدار کرد.'
    expect(score(query, 'وزیر امور خارجه ایران، امروز با همتای ترکیه دیدار کرد.')).toBeGreaterThan(95)
  })

  it('scores paragraph-long units without a word-by-word table', () => {
    const long = Array.from({ length: 3000 }, (_, i) => `واژه${i % 500}`).join(' ')
    const result = compareSentences({ text: long }, { source: long.replace('واژه7 ', 'کلمه '), target: '' })
    expect(result.score).toBe(99)
    expect(result.diff).toHaveLength(1)
    expect(score(long, long)).toBe(100)
  })

  it('scores unrelated sentences below the 70 threshold', () => {
    expect(score('وزیر امور خارجه ایران امروز با همتای ترکیه دیدار کرد.', 'قیمت نفت در بازارهای جهانی کاهش یافت.')).toBeLessThan(30)
    expect(score('هوا فردا بارانی است.', 'وزیر امور خارجه ایران امروز با همتای ترکیه دیدار کرد.')).toBeLessThan(70)
  })

  it('marks which words of the match differ', () => {
    const result = compareSentences(
      { text: 'وزیر امور خارجه ایران امروز با همتای ترکیه دیدار کرد.' },
      { source: 'وزیر امور خارجه ایران دیروز با همتای آذربایجان دیدار کرد.', target: '' }
    )
    expect(result.diff.filter((part) => part.kind === 'changed').map((part) => part.text)).toEqual(['دیروز', 'آذربایجان'])
    expect(
      result.diff
        .filter((part) => part.kind !== 'missing')
        .map((part) => part.text)
        .join('')
    ).toBe('وزیر امور خارجه ایران دیروز با همتای آذربایجان دیدار کرد.')
    const shorter = compareSentences({ text: 'او امروز به تهران رفت.' }, { source: 'او به تهران رفت.', target: '' })
    expect(shorter.diff).toContainEqual({ kind: 'missing', text: 'امروز' })
    const longer = compareSentences({ text: 'او به تهران رفت.' }, { source: 'او دیروز به تهران رفت.', target: '' })
    expect(longer.diff).toContainEqual({ kind: 'extra', text: 'دیروز' })
  })
})

describe('number adaptation', () => {
  it('puts the sentence’s numbers into the English when only numbers differ', () => {
    const result = compareSentences(
      { text: 'قیمت نفت به ۷۵٫۵ دلار رسید و تولید ۱٬۲۰۰ هزار بشکه بود.' },
      { source: 'قیمت نفت به ۷۲ دلار رسید و تولید ۱٬۱۰۰ هزار بشکه بود.', target: 'Oil reached $72 and output was 1,100 thousand barrels.' }
    )
    expect(result.adaptedTarget).toBe('Oil reached $75.5 and output was 1,200 thousand barrels.')
    expect(result.score).toBe(98)
    expect(result.numberChanges).toEqual([
      { from: '72', to: '75.5' },
      { from: '1100', to: '1200' }
    ])
  })

  it('adapts Arabic-Indic digits as well', () => {
    const result = compareSentences({ text: 'در سال ٢٠٢٤ رشد کرد.' }, { source: 'در سال ۲۰۲۳ رشد کرد.', target: 'It grew in 2023.' })
    expect(result.adaptedTarget).toBe('It grew in 2024.')
  })

  it('does not adapt when words differ too or the number is not in the English', () => {
    expect(
      compareSentences({ text: 'در سال ۲۰۲۴ رشد کرد.' }, { source: 'در سال ۲۰۲۳ کاهش یافت.', target: 'It fell in 2023.' }).adaptedTarget
    ).toBeUndefined()
    expect(
      compareSentences({ text: 'سه هزار و ۲۰ نفر' }, { source: 'سه هزار و ۱۰ نفر', target: 'three thousand and ten people' }).adaptedTarget
    ).toBeUndefined()
    expect(adaptNumbers('In 2023 and 2023 again', [{ from: '2023', to: '2024' }], ['2023'])).toBeNull()
  })
})

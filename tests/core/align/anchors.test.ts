import { describe, expect, it } from 'vitest'
import {
  buildAnchors,
  extractLatinWords,
  extractNumbers,
  extractUrls,
  looksLikeHeading,
  parseNumberToken,
  persianMatchKey,
  toAsciiDigits
} from '../../../src/core/align/anchors'

function anchorNames(table: ReturnType<typeof buildAnchors>, side: 'source' | 'target', sentence: number): string[] {
  const { ids, offsets } = table[side]
  return [...ids.slice(offsets[sentence], offsets[sentence + 1])].map((id) => table.names[id]).sort()
}

describe('numbers in any digit system', () => {
  it('converts Persian and Arabic-Indic digits', () => {
    expect(toAsciiDigits('۱۹ و ٢٠ and 21')).toBe('19 و 20 and 21')
  })

  it.each([
    ['28.4', 28.4],
    ['28\u066B4', 28.4],
    ['1\u066C200\u066C000', 1200000],
    ['1,200', 1200],
    ['1,200,000.5', 1200000.5],
    ['2/5', 2.5],
    ['3,5', 3.5],
    ['1399/05/12', null],
    ['1.2.3', null]
  ])('reads %s', (token, value) => {
    expect(parseNumberToken(token)).toBe(value)
  })

  it('gives the same keys for the same quantities in Persian and English', () => {
    expect(extractNumbers('نرخ رشد ۲۸٫۴ درصد بود')).toEqual(['28.4'])
    expect(extractNumbers('growth was 28.4 percent')).toEqual(['28.4'])
    expect(extractNumbers('کووید ۱۹')).toEqual(extractNumbers('COVID-19'))
    expect(extractNumbers('۲۸٫۴ میلیارد دلار')).toEqual(extractNumbers('$28.4 billion'))
    expect(extractNumbers('یک میلیارد و ۲۰۰ میلیون دلار')).toEqual(extractNumbers('$1.2 billion'))
    expect(extractNumbers('one million people')).toEqual(extractNumbers('۱ میلیون نفر'))
    expect(extractNumbers('۱٬۲۰۰ نفر')).toEqual(extractNumbers('1,200 people'))
    expect(extractNumbers('ده روز')).toEqual(extractNumbers('ten days'))
    expect(extractNumbers('٣٥ درصد')).toEqual(['35'])
  })

  it('does not read articles and negations as numbers', () => {
    expect(extractNumbers('یک روز نه خبری بود')).toEqual([])
    expect(extractNumbers('one day')).toEqual([])
  })

  it('does not take the names of object properties for number words', () => {
    expect(extractNumbers('The 2 constructor firms and the toString valueOf hasOwnProperty team')).toEqual(['2'])
  })
})

describe('other anchors', () => {
  it('finds Latin words and URLs kept in Persian text', () => {
    expect(extractLatinWords('این دستگاه بر پایه فناوری CRISPR و روش PCR کار می‌کند')).toEqual(['crispr', 'pcr'])
    expect(extractUrls('در وبگاه https://www.ut.ac.ir/covid/ در دسترس است')).toEqual(['ut.ac.ir/covid'])
    expect(extractUrls('at www.tpo.ir/trade.')).toEqual(['tpo.ir/trade'])
  })

  it('recognises headings', () => {
    expect(looksLikeHeading('تاکید بر احداث کارخانه خودرو')).toBe(true)
    expect(looksLikeHeading('He said so.')).toBe(false)
    expect(looksLikeHeading('«ما پیروز می‌شویم.»')).toBe(false)
  })

  it('matches Persian spelling variants for glossary terms', () => {
    expect(persianMatchKey('رئیس‌جمهور')).toBe(persianMatchKey('رئیسجمهور'))
    expect(persianMatchKey('علي اف')).toBe(persianMatchKey('علی‌اف'))
  })

  it('interns anchors shared by both sides, glossary pairs included', () => {
    const table = buildAnchors(
      ['الهام علیاف گفت ۱۹ پروژه از طریق www.tpo.ir ثبت شد؟', 'متن بدون لنگر.'],
      ['Ilham Aliyev said 19 projects were registered via tpo.ir?', 'Nothing here.'],
      [{ source: 'الهام علی‌اف', target: 'Ilham Aliyev' }]
    )
    expect(anchorNames(table, 'source', 0)).toEqual(['glossary:0', 'number:19', 'question:?', 'url:tpo.ir'])
    expect(anchorNames(table, 'target', 0)).toEqual(['glossary:0', 'number:19', 'question:?', 'url:tpo.ir'])
    expect(anchorNames(table, 'source', 1)).toEqual([])
    expect(anchorNames(table, 'target', 1)).toEqual([])
  })
})

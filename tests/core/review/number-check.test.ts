import { describe, expect, it } from 'vitest'
import { createDocument, setRowTarget } from '../../../src/core/model'
import { formatNumberValue, numberMismatch } from '../../../src/core/review/number-check'

function row(persian: string, english: string) {
  const doc = createDocument({
    id: 'd',
    now: 'now',
    fileName: 'a.txt',
    encoding: 'UTF-8',
    originalText: persian,
    paragraphs: [{ sentences: [persian] }]
  })
  return setRowTarget(doc, 'r1', english, 'now').rows[0]
}

describe('number check between the two sides of a row', () => {
  it('accepts the same numbers in any digits or words', () => {
    expect(numberMismatch(row('حدود یک میلیارد و ۲۰۰ میلیون فقیر', 'about 1.2 billion poor people'))).toBeNull()
    expect(numberMismatch(row('۲۸٫۴ میلیارد دلار', '$28.4 billion'))).toBeNull()
    expect(numberMismatch(row('کوئید ۱۹', 'Covid-19'))).toBeNull()
  })

  it('reports numbers missing from or added to the English', () => {
    expect(numberMismatch(row('۲۸٫۴ میلیارد دلار در سال ۲۰۲۰', '$28.4 million in 2021'))).toEqual({
      missingInEnglish: ['28400000000', '2020'],
      extraInEnglish: ['28400000', '2021']
    })
    expect(formatNumberValue('28400000000')).toBe('28,400,000,000')
  })

  it('waits for an English translation before checking', () => {
    expect(numberMismatch(row('سال ۲۰۲۰', ''))).toBeNull()
  })
})

describe('filtering rows by the number check', () => {
  it('keeps only the rows whose numbers differ', async () => {
    const { filterRows } = await import('../../../src/core/review/filters')
    const base = createDocument({
      id: 'd',
      now: 'now',
      fileName: 'a.txt',
      encoding: 'UTF-8',
      originalText: 'x',
      paragraphs: [{ sentences: ['سال ۲۰۲۰.', 'سال ۲۰۲۱.'] }]
    })
    const doc = setRowTarget(setRowTarget(base, 'r1', 'In 2020.', 'now'), 'r2', 'In 2022.', 'now')
    expect(filterRows(doc, { numbersDiffer: true })).toEqual([1])
  })
})

import { describe, expect, it } from 'vitest'
import { LibraryTranslations } from '../../../src/core/qa/checks/inconsistent'
import { QA_CHECKS, type Speller } from '../../../src/core/qa/finding'
import { runQa } from '../../../src/core/qa/runner'
import type { Term } from '../../../src/core/terms/model'
import { pairsDocument } from './helpers'

function term(fa: string, en: string, extra: Partial<Term> = {}): Term {
  return { id: `t-${en}`, fa, en, alternatives: [], forbidden: [], status: 'preferred', createdAt: '', updatedAt: '', ...extra }
}

function qa(pairs: Array<[string, string]>, options: Parameters<typeof runQa>[1] = {}) {
  return runQa(pairsDocument(pairs), options).findings.map((finding) => ({ row: finding.row, check: finding.check, message: finding.message, fix: finding.fix?.target }))
}

const only = (check: string, pairs: Array<[string, string]>, options: Parameters<typeof runQa>[1] = {}) =>
  qa(pairs, { ...options, checks: [check as (typeof QA_CHECKS)[number]] })

describe('number', () => {
  it('reports numbers that differ, counting rows from 1', () => {
    expect(only('number', [['سلام.', 'Hello.'], ['۲۸٫۴ میلیارد دلار در سال ۲۰۲۰', '$28.4 million in 2021']])).toEqual([
      { row: 2, check: 'number', message: '28,400,000,000 is in the Persian but not in the English.', fix: undefined },
      { row: 2, check: 'number', message: '2,020 is in the Persian but not in the English.', fix: undefined },
      { row: 2, check: 'number', message: '28,400,000 is in the English but not in the Persian.', fix: undefined },
      { row: 2, check: 'number', message: '2,021 is in the English but not in the Persian.', fix: undefined }
    ])
  })

  it('raises no false alarm on number words that are part of other words, ordinals, weekdays and Hijri years', () => {
    const pairs: Array<[string, string]> = [
      ['همکاری های سه جانبه اقتصادی', 'trilateral economic cooperation'],
      ['همکاری‌های دوجانبه و چند جانبه', 'bilateral and multilateral cooperation'],
      ['سی و سومین نمایشگاه کتاب', 'the 33rd book fair'],
      ['روز پنج شنبه', 'on Thursday'],
      ['روابط دو کشور و همکاری دو کشور', 'relations and cooperation between the two countries'],
      ['در سال ۱۴۰۳', 'in 2024'],
      ['یک میلیارد و ۲۰۰ میلیون فقیر', '1.2 billion poor people'],
      ['سی و سه نفر', 'thirty-three people'],
      ['دو هزار و پانصد ناشر', '2,500 publishers'],
      ['دو کشور', 'both countries']
    ]
    expect(only('number', pairs)).toEqual([])
  })

  it('still reports a wrong number word', () => {
    expect(only('number', [['سه نفر کشته شدند', 'Four people were killed']]).map((f) => f.message)).toEqual([
      '3 is in the Persian but not in the English.',
      '4 is in the English but not in the Persian.'
    ])
  })
})

describe('date', () => {
  it('accepts the Gregorian date or an explicit Solar Hijri one', () => {
    expect(
      only('date', [
        ['۲۵ آبان ۱۴۰۳', 'November 15, 2024'],
        ['۱۴۰۳/۸/۲۵', 'on 15 November 2024'],
        ['در ۲۵ آبان ماه ۱۴۰۳', 'on 25 Aban 1403'],
        ['از ۲۱ اردیبهشت', 'from May 11'],
        ['آبان ۱۴۰۳', 'in November 2024']
      ])
    ).toEqual([])
  })

  it('corrects a wrong Gregorian date in place and asks for a missing one', () => {
    expect(only('date', [['۲۵ آبان ۱۴۰۳', 'on November 25, 2024.'], ['۲۵ آبان ۱۴۰۳ برگزار شد', 'It was held on Monday.']])).toEqual([
      { row: 1, check: 'date', message: '۲۵ آبان ۱۴۰۳ is 15 November 2024, but the English says November 25, 2024.', fix: 'on November 15, 2024.' },
      {
        row: 2,
        check: 'date',
        message: '۲۵ آبان ۱۴۰۳ is a Solar Hijri date; the English has neither its Gregorian date (15 November 2024) nor the Solar Hijri date (25 Aban 1403).',
        fix: undefined
      }
    ])
  })
})

describe('term', () => {
  const terms = [term('رئیس جمهور', 'president', { forbidden: ['chairman'] }), term('خط آهن', 'railway', { alternatives: ['railroad'] })]

  it('reports a term whose English is missing, and a forbidden variant with its fix', () => {
    expect(
      only('term', [['رئیس‌جمهور گفت', 'The chairman said'], ['خط‌آهن آستارا', 'the Astara railroad'], ['رییس جمهور آمد', 'The Presidents came']], { terms })
    ).toEqual([
      { row: 1, check: 'term', message: '“chairman” is a forbidden rendering of رئیس‌جمهور; the termbase has “president”.', fix: 'The president said' }
    ])
    expect(only('term', [['رئیس‌جمهور گفت', 'He said']], { terms }).map((f) => f.message)).toEqual([
      'رئیس‌جمهور is in the Persian; the termbase has “president”, which the English does not use.'
    ])
  })
})

describe('untranslated, punctuation, whitespace, url, length', () => {
  it('finds empty, identical and half-Persian English', () => {
    expect(only('untranslated', [['سلام', ''], ['OPEC', 'OPEC'], ['تهران', 'Tehran است']]).map((f) => f.message)).toEqual([
      'The row has no English translation.',
      'The English is the same as the Persian.',
      'Persian left in the English: «است».'
    ])
  })

  it('finds Persian punctuation, unbalanced marks and a missing final stop', () => {
    expect(
      only('punctuation', [
        ['او گفت، آری.', 'He said، yes.'],
        ['او گفت «آری».', 'He said “yes.'],
        ['او رفت.', 'He left'],
        ['آیا او رفت؟', 'Did he leave'],
        ['«ما آماده‌ایم', '“We are ready'],
        ['تیتر خبر', 'Headline']
      ])
    ).toEqual([
      { row: 1, check: 'punctuation', message: 'Persian punctuation in the English: ،.', fix: 'He said, yes.' },
      { row: 2, check: 'punctuation', message: 'Unbalanced quotation marks in the English.', fix: undefined },
      { row: 3, check: 'punctuation', message: 'The Persian ends with “.”; the English has no final punctuation.', fix: 'He left.' },
      { row: 4, check: 'punctuation', message: 'The Persian ends with “؟”; the English has no final punctuation.', fix: 'Did he leave?' }
    ])
  })

  it('finds double and edge spaces, and differing addresses', () => {
    expect(only('whitespace', [['الف', ' Two  spaces ']]).map((f) => f.fix)).toEqual([' Two spaces ', 'Two  spaces'])
    expect(only('url', [['در www.tpo.ir و info@tpo.ir', 'at tpo.ir/trade and info@tpo.ir']]).map((f) => f.message)).toEqual([
      'tpo.ir is in the Persian but not in the English.',
      'tpo.ir/trade is in the English but not in the Persian.'
    ])
  })

  it('flags English far longer or shorter than the Persian predicts', () => {
    const persian = 'وزیر کار و امور اجتماعی ایران با همتای آذربایجانی خود دیدار و گفت‌وگو کرد.'
    expect(only('length', [[persian, 'The minister met.'], [persian, 'Iran’s labor minister held talks with his Azerbaijani counterpart.']]).map((f) => f.row)).toEqual([1])
  })
})

describe('spelling', () => {
  const speller: Speller = { correct: (word) => ['the', 'minister', 'said', 'it'].includes(word.toLowerCase()), suggest: (word) => (word === 'minster' ? ['minister'] : []) }
  it('reports unknown lower-case words with a fix, leaving names, acronyms and Latin words of the Persian alone', () => {
    expect(only('spelling', [['وزیر گفت CRISPR', 'The minster said Vaezi crispr it.']], { speller })).toEqual([
      { row: 1, check: 'spelling', message: '“minster” is not in the dictionary; did you mean “minister”?', fix: 'The minister said Vaezi crispr it.' }
    ])
  })
})

describe('inconsistent', () => {
  it('finds the same Persian translated differently and the same English for different Persian', () => {
    const findings = only('inconsistent', [
      ['همکاری ها ادامه دارد.', 'Cooperation continues.'],
      ['همکاریها ادامه دارد', 'The cooperation goes on.'],
      ['روابط دو کشور گسترش یافته است.', 'Relations between the two countries have expanded.'],
      ['روابط گسترش یافت.', 'Relations between the two countries have expanded.']
    ])
    expect(findings.map((f) => [f.row, f.message])).toEqual([
      [1, 'The same Persian is translated differently in row 2: “The cooperation goes on.”.'],
      [2, 'The same Persian is translated differently in row 1: “Cooperation continues.”.'],
      [3, 'The same English translates different Persian in row 4.'],
      [4, 'The same English translates different Persian in row 3.']
    ])
  })

  it('compares with the rest of the library', () => {
    const library = new LibraryTranslations()
    library.add('همکاری ها ادامه دارد.', 'Cooperation goes on as before.', 'Another article')
    expect(only('inconsistent', [['همکاری‌ها ادامه دارد.', 'Cooperation continues.']], { library }).map((f) => f.message)).toEqual([
      'The library has this Persian translated differently (in “Another article”): “Cooperation goes on as before.”.'
    ])
  })
})

describe('the runner', () => {
  it('gives each finding a stable id, keeps silenced findings marked and out of the counts, and checks only asked rows', () => {
    const doc = pairsDocument([
      ['او رفت.', 'He left'],
      ['او آمد.', 'He came']
    ])
    const first = runQa(doc, { checks: ['punctuation'] })
    expect(first.findings.map((f) => f.id)).toEqual(['punctuation:r1:end', 'punctuation:r2:end'])
    const second = runQa(doc, { checks: ['punctuation'], silenced: ['punctuation:r1:end'] })
    expect(second.findings.map((f) => f.silenced ?? false)).toEqual([true, false])
    expect(second.counts.punctuation).toBe(1)
    expect(second.silenced).toBe(1)
    expect(runQa(doc, { checks: ['punctuation'], rowIds: ['r2'] }).findings.map((f) => f.row)).toEqual([2])
  })

  it('skips rows marked not for translation', () => {
    const doc = pairsDocument([['انتهای پیام/', '']])
    doc.rows[0].doNotTranslate = true
    expect(runQa(doc).findings).toEqual([])
  })
})

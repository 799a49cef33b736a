import { describe, expect, it } from 'vitest'
import { alignSentences } from '../../../src/core/align/aligner'
import { strictScore } from '../../../src/core/align/evaluate'
import {
  englishStems,
  forEachEnglishStem,
  forEachPersianStem,
  GENERAL_WORD_SHARE,
  givenPairs,
  indexDictionary,
  indexWords,
  persianStems
} from '../../../src/core/align/lexicon'
import { parseWordList } from '../../../src/core/align/word-list'
import { loadWordList, wordListPath } from '../../../src/main/word-list'
import { baseCases, concatenate, constructedCases, seededRandom } from '../../fixtures/align/cases'

const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length

describe('word lists for the aligner', () => {
  it('reads one pair a line, Persian then English, and skips lines without both', () => {
    expect(parseWordList('کتاب\tbook\n\nبی‌جفت\n\tno persian\n  مدرسه \t school \r\n')).toEqual([
      { source: 'کتاب', target: 'book' },
      { source: 'مدرسه', target: 'school' }
    ])
  })

  it('stems Persian words: one common ending cut, short words whole, ZWNJ and Arabic letters as typed', () => {
    // Plural, pronoun and verb endings written without a ZWNJ meet the bare word.
    expect(persianStems('کافران کافر کتابش کتاب گفتند')).toEqual(['کافر', 'کافر', 'کتاب', 'کتاب', 'گفت'])
    // A ZWNJ already splits the ending off; the Arabic yeh and kaf are read as Persian.
    expect(persianStems('کتاب‌ها كتابي')).toEqual(['کتاب', 'ها', 'کتاب'])
    // Three letters are always kept: دست and جهان are not cut to دس and جه.
    expect(persianStems('دست جهان')).toEqual(['دست', 'جهان'])
    // Then the first five letters: long words still meet their derived forms.
    expect(persianStems('دانشگاهی دانشگاه')).toEqual(['دانشگ', 'دانشگ'])
  })

  it('indexes each sentence as the ids of its distinct stems, the same stems as the lists give, over thousands of stems', () => {
    // Made-up words of three to seven letters: several thousand distinct stems on each side, so
    // the stem table grows several times and its slots collide.
    const next = seededRandom(17)
    const word = (letters: string) => Array.from({ length: 3 + Math.floor(next() * 5) }, () => letters[Math.floor(next() * letters.length)]).join('')
    const persian = Array.from({ length: 400 }, () => Array.from({ length: 12 }, () => word('ابپتثجچحخدذرزسشصضطظعغفقکگلمنوهی')).join(' '))
    const english = Array.from({ length: 400 }, () => Array.from({ length: 12 }, () => word('abcdefghijklmnopqrstuvwxyz')).join(' '))
    for (const [sentences, stems, visit] of [
      [persian, persianStems, forEachPersianStem],
      [english, englishStems, forEachEnglishStem]
    ] as const) {
      const side = indexWords(sentences, visit)
      expect(side.vocabulary.size).toBeGreaterThan(3000)
      const words = [...side.vocabulary.keys()]
      sentences.forEach((sentence, k) => {
        const ids = Array.from(side.ids.subarray(side.offsets[k], side.offsets[k + 1]))
        expect(ids.map((id) => words[id]).sort()).toEqual([...new Set(stems(sentence))].sort())
        // Sorted and distinct.
        expect(ids).toEqual([...new Set(ids)].sort((a, b) => a - b))
      })
    }
  })

  it('prepares pairs by stem: a Persian phrase by its first word, each English word of the other side, a plural with its singular', () => {
    const index = indexDictionary([
      { source: 'کتاب', target: 'book' },
      { source: 'کتابها', target: 'books' },
      { source: 'مرد زناکار', target: 'adulterer' },
      { source: 'آموزش', target: 'teaching, education' }
    ])
    // کتابها loses its plural ending: both words are one stem, with both English stems.
    expect(index.bySource.get('کتاب')).toEqual(['book', 'books'])
    expect(index.bySource.has('کتابه')).toBe(false)
    expect(index.bySource.get('مرد')).toEqual(['adult'])
    expect(index.bySource.get('آموز')).toEqual(['teach', 'educa'])
    expect(index.pairs).toBe(5)
    expect(index.maxWordShare).toBe(1)
  })

  it('leaves out the pairs of a general list whose words are common in the text, keeping a subject dictionary whole', () => {
    // "از"/"from" is in every sentence, "کتاب"/"book" in two of forty.
    const persian = Array.from({ length: 40 }, (_, k) => `از خانه ${k % 20 === 0 ? 'کتاب' : 'نامه'} رسید`)
    const english = Array.from({ length: 40 }, (_, k) => `from home came a ${k % 20 === 0 ? 'book' : 'letter'}`)
    const source = indexWords(persian, forEachPersianStem)
    const target = indexWords(english, forEachEnglishStem)
    const pairs = [
      { source: 'از', target: 'from' },
      { source: 'کتاب', target: 'book' }
    ]
    const words = (list: ReturnType<typeof givenPairs>) => {
      const fa = [...source.vocabulary.keys()]
      const en = [...target.vocabulary.keys()]
      return list.s.map((s, k) => `${fa[s]}=${en[list.t[k]]}`)
    }
    expect(words(givenPairs([indexDictionary(pairs, GENERAL_WORD_SHARE)], source, target))).toEqual(['کتاب=book'])
    expect(words(givenPairs([indexDictionary(pairs)], source, target)).sort()).toEqual(['از=from', 'کتاب=book'])
  })

  it('ships a word list of tens of thousands of pairs, prepared as a general list', async () => {
    expect(wordListPath()).toMatch(/resources[/\\]dictionary[/\\]fa-en-words\.tsv\.gz$/)
    const wordList = await loadWordList()
    expect(wordList).toBeDefined()
    expect(wordList!.pairs).toBeGreaterThan(60_000)
    expect(wordList!.maxWordShare).toBe(GENERAL_WORD_SHARE)
    expect(wordList!.bySource.get('کتاب')).toContain('book')
    expect(wordList!.bySource.get('دولت')).toContain('gover')
  })

  it('aligns the news articles better with it: merged, split and left-out sentences included', async () => {
    const wordList = await loadWordList()
    const bases = baseCases()
    const cases = [...bases, ...constructedCases(bases), ...constructedCases([concatenate('joined', bases)])]
    const without = cases.map((testCase) => strictScore(alignSentences(testCase.source, testCase.target).beads, testCase.gold).f1)
    const withList = cases.map((testCase) => strictScore(alignSentences(testCase.source, testCase.target, { wordList }).beads, testCase.gold).f1)
    // Measured: 0.972 (lowest case 0.75) without, 0.988 (lowest 0.84) with.
    expect(mean(withList)).toBeGreaterThan(mean(without))
    expect(mean(withList)).toBeGreaterThanOrEqual(0.98)
    expect(Math.min(...withList)).toBeGreaterThanOrEqual(0.8)
    withList.slice(0, bases.length).forEach((f1, k) => expect({ name: cases[k].name, f1 }).toEqual({ name: cases[k].name, f1: 1 }))
  })
})

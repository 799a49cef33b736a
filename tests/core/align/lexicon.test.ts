import { describe, expect, it } from 'vitest'
import { alignSentences } from '../../../src/core/align/aligner'
import {
  buildLexicon,
  forEachEnglishStem,
  forEachPersianStem,
  indexWords,
  learnDictionary,
  learnPairs,
  PairCoverage,
  strongestFirst
} from '../../../src/core/align/lexicon'

// Made-up words of equal length on both sides, so the lengths cannot tell the sentences apart:
// only knowing which word translates which can.
const PERSIAN = 'بپتسجچدرزکگلمن'
const ENGLISH = 'bdfgklmnprstvz'
const persianWord = (k: number) => PERSIAN[k % 14] + PERSIAN[Math.floor(k / 14)] + 'ا' + PERSIAN[(k * 3 + 7) % 14]
const englishWord = (k: number) => ENGLISH[k % 14] + 'aeiou'[k % 5] + ENGLISH[Math.floor(k / 14)] + 'aeiou'[(k * 3) % 5] + ENGLISH[(k * 7 + 2) % 14]

function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296
  }
}

describe('a dictionary learned from confirmed rows', () => {
  const next = random(7)
  const sentence = () => Array.from({ length: 6 }, () => Math.floor(next() * 60))
  const confirmedRows = Array.from({ length: 300 }, sentence).map((words) => ({
    source: words.map(persianWord).join(' '),
    target: words.map(englishWord).join(' ')
  }))
  const text = Array.from({ length: 12 }, sentence)
  const source = text.map((words) => `${words.map(persianWord).join(' ')}.`)
  // The translator left out the fifth sentence.
  const target = text.filter((_, k) => k !== 4).map((words) => `${words.map(englishWord).join(' ')}.`)
  const leftOut = (beads: Array<{ src: number[]; tgt: number[] }>) => beads.filter((bead) => bead.tgt.length === 0).map((bead) => bead.src)

  it('learns the word pairs of the rows', () => {
    const dictionary = learnDictionary(confirmedRows)
    expect(dictionary).toContainEqual({ source: persianWord(5), target: englishWord(5) })
  })

  it("keeps a common word's translation over rare words that met it by chance", () => {
    // کافر is in 100 of 2,000 rows, "unbelievers" in 70 of them and in 130 others (the
    // translator also uses it for other words); four rare words each meet کافر twice, and never
    // appear elsewhere. By pointwise mutual information the rare words score higher (2.7 against
    // 1.9 nats) and took all of کافر's partners.
    const rng = random(11)
    const rare = ['quirk', 'zephyr', 'jovial', 'vexing']
    const rows = Array.from({ length: 2000 }, (_, k) => {
      const words = Array.from({ length: 6 }, () => Math.floor(rng() * 200))
      const source = words.map(persianWord)
      const target = words.map(englishWord)
      if (k < 100) source.push('کافر')
      if (k < 70 || k >= 1800) target.push('unbelievers')
      if (k < 8) target.push(rare[k >> 1])
      return { source: source.join(' '), target: target.join(' ') }
    })
    const partners = learnDictionary(rows)
      .filter((pair) => pair.source === 'کافر')
      .map((pair) => pair.target)
    expect(partners).toContain('unbel')
    expect(partners.length).toBeLessThanOrEqual(3)
  })

  it('finds the left-out sentence that the lengths alone place wrongly', () => {
    expect(leftOut(alignSentences(source, target).beads)).not.toEqual([[4]])
    const result = alignSentences(source, target, { dictionary: learnDictionary(confirmedRows) })
    expect(leftOut(result.beads)).toEqual([[4]])
    expect(
      result.beads.filter((bead) => bead.src.length === 1 && bead.tgt.length === 1 && bead.src[0] !== bead.tgt[0] + (bead.src[0] > 4 ? 1 : 0))
    ).toEqual([])
  })
})

describe('ordering candidate pairs', () => {
  it('puts the strongest first and keeps equal weights in the order found', () => {
    expect(Array.from(strongestFirst([1.5, 4, 1, 2.25, 1.5, 3.999999]))).toEqual([1, 5, 3, 0, 4, 2])
    expect(strongestFirst([]).length).toBe(0)
  })

  it('agrees with a comparator sort on many random weights', () => {
    const next = random(5)
    const weights = Array.from({ length: 50_000 }, () => 1 + Math.round(next() * 3000) / 1000)
    const expected = weights.map((_, k) => k).sort((a, b) => weights[b] - weights[a] || a - b)
    expect(Array.from(strongestFirst(weights))).toEqual(expected)
  })
})

describe('word coverage of a sentence pair', () => {
  it('reads the same covered words by English word as by pair, with a bead left out of what it taught', () => {
    const next = random(3)
    const rows = Array.from({ length: 120 }, () => Array.from({ length: 3 + Math.floor(next() * 8) }, () => Math.floor(next() * 40)))
    const source = indexWords(
      rows.map((words) => words.map(persianWord).join(' ')),
      forEachPersianStem
    )
    // Each English sentence translates its row with a word changed now and then.
    const target = indexWords(
      rows.map((words) => words.map((word) => englishWord(next() < 0.2 ? (word + 7) % 40 : word)).join(' ')),
      forEachEnglishStem
    )
    const { pairs, training } = learnPairs(
      rows.slice(0, 100).map((_, k) => ({ src: [k], tgt: [k] })),
      source,
      target
    )
    const lexicon = buildLexicon([pairs], source, target, training)
    expect(lexicon.size).toBeGreaterThan(20)
    const byWord = new PairCoverage(lexicon)
    const byPair = new PairCoverage(lexicon, true)
    const wordMasks = new Int32Array(4)
    const pairMasks = new Int32Array(4)
    let covered = 0
    for (let s = 0; s < rows.length; s++) {
      byWord.select(s)
      byPair.select(s)
      for (let t = Math.max(0, s - 3); t < Math.min(rows.length, s + 4); t++) {
        const expected = byPair.of(t, pairMasks, 0)
        expect(byWord.of(t, wordMasks, 0)).toBe(expected)
        expect(Array.from(wordMasks)).toEqual(Array.from(pairMasks))
        covered += expected >>> 16
      }
    }
    expect(covered).toBeGreaterThan(100)
  })
})

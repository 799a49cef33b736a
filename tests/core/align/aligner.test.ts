import { describe, expect, it } from 'vitest'
import { alignSentences, lengthCost } from '../../../src/core/align/aligner'
import { laxScore, strictScore } from '../../../src/core/align/evaluate'
import { validateAlignment, createAlignedText } from '../../../src/core/align/model'
import { baseCases, concatenate, constructedCases, devCase, type AlignmentCase } from '../../fixtures/align/cases'

function run(testCase: AlignmentCase) {
  const result = alignSentences(testCase.source, testCase.target)
  return { result, strict: strictScore(result.beads, testCase.gold).f1, lax: laxScore(result.beads, testCase.gold).f1 }
}

function mean(values: number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length
}

describe('alignSentences', () => {
  const dev = devCase()

  it.skipIf(!dev)('reaches strict bead F1 ≥ 0.95 on the dev pair', () => {
    const { strict, lax, result } = run(dev!)
    expect(strict).toBeGreaterThanOrEqual(0.95)
    expect(lax).toBeGreaterThanOrEqual(0.95)
    expect(result.beads.find((bead) => bead.src.includes(1))).toMatchObject({ src: [1], tgt: [1, 2] })
    expect(result.beads[result.beads.length - 1]).toMatchObject({ src: [12], tgt: [] })
  })

  it('reaches strict bead F1 ≥ 0.95 on every unmodified pair and on all of them joined', () => {
    for (const testCase of [...baseCases(), concatenate('joined', baseCases())]) {
      expect({ name: testCase.name, strict: run(testCase).strict >= 0.95 }).toEqual({ name: testCase.name, strict: true })
    }
  })

  it('reaches mean strict bead F1 ≥ 0.95 on the constructed 2:1, 1:2, 1:0 and 0:1 cases', () => {
    const bases = baseCases()
    const cases = [...constructedCases(bases), ...constructedCases([concatenate('joined', bases)])]
    const scores = cases.map((testCase) => run(testCase))
    const strict = mean(scores.map((score) => score.strict))
    const lax = mean(scores.map((score) => score.lax))
    expect(strict).toBeGreaterThanOrEqual(0.95)
    expect(lax).toBeGreaterThanOrEqual(0.95)
    // Each kind of change on its own, so a good average cannot hide one kind failing.
    for (const kind of ['merge-en', 'split-en', 'delete-en', 'merge-fa', 'delete-fa']) {
      const ofKind = scores.filter((_, k) => cases[k].name.includes(`/${kind}`))
      expect(ofKind.length).toBeGreaterThan(0)
      expect({ kind, f1: mean(ofKind.map((score) => score.strict)) >= 0.9 }).toEqual({ kind, f1: true })
    }
    // And no single case collapses.
    cases.forEach((testCase, k) => expect({ name: testCase.name, f1: scores[k].strict >= 0.7 }).toEqual({ name: testCase.name, f1: true }))
  })

  it('returns a valid alignment with confidences in 0..1', () => {
    for (const testCase of constructedCases()) {
      const { result } = run(testCase)
      const text = createAlignedText(testCase.source, testCase.target, result.beads)
      expect(validateAlignment(text).problems).toEqual([])
      for (const bead of result.beads) {
        expect(bead.confidence).toBeGreaterThanOrEqual(0)
        expect(bead.confidence).toBeLessThanOrEqual(1)
      }
    }
  })

  it('is less confident where the alignment is ambiguous', () => {
    const clear = alignSentences(
      ['یک جمله کوتاه.', 'جمله‌ای بسیار بسیار طولانی‌تر از اولی با ۲۸ واژه.'],
      ['A short one.', 'A much much longer sentence than the first, with 28 words.']
    )
    expect(Math.min(...clear.beads.map((bead) => bead.confidence))).toBeGreaterThan(0.8)
    const unclear = alignSentences(['الف ب.', 'پ ت.', 'ث ج.'], ['Aa bb cc dd.', 'Ee ff.'])
    expect(Math.min(...unclear.beads.map((bead) => bead.confidence))).toBeLessThan(0.8)
  })

  it('uses numbers in any digit system, glossary pairs and question marks as anchors', () => {
    // Equal lengths: only the anchors can tell which sentence goes with which.
    const source = ['این جمله عدد ۲۸٫۴ را دارد.', 'این جمله عدد ١٩ را دارد.']
    const target = ['A sentence with the number 19.', 'A sentence with the number 28.4.']
    const swapped = alignSentences(source, target)
    expect(swapped.beads.map((bead) => [bead.src, bead.tgt])).not.toEqual([
      [[0], [0]],
      [[1], [1]]
    ])
    const byGlossary = alignSentences(
      ['الهام علیاف سخن گفت.', 'سخنرانی کوتاه بود.', 'محمود واعظی پاسخ داد.'],
      ['Ilham Aliyev spoke.', 'Mahmoud Vaezi replied, and the speech was short.'],
      {
        glossary: [
          { source: 'الهام علیاف', target: 'Ilham Aliyev' },
          { source: 'محمود واعظی', target: 'Mahmoud Vaezi' }
        ]
      }
    )
    expect(byGlossary.beads.map((bead) => [bead.src, bead.tgt])).toEqual([
      [[0], [0]],
      [[1, 2], [1]]
    ])
    const byQuestion = alignSentences(['آیا او آمد؟', 'او آمد.'], ['He came.', 'Did he come?', 'Yes.'])
    expect(byQuestion.beads.find((bead) => bead.tgt.includes(1))?.src).toEqual([0])
  })

  it('handles empty sides without searching', () => {
    expect(alignSentences([], ['Only English.']).beads).toEqual([{ src: [], tgt: [0], confidence: 1 }])
    expect(alignSentences(['فقط فارسی.'], []).beads).toEqual([{ src: [0], tgt: [], confidence: 1 }])
  })

  it('widens the band when the best path reaches its edge', () => {
    const joined = concatenate('joined', baseCases())
    // Forty untranslated sentences at the start push the path far from the diagonal.
    const source = [...Array.from({ length: 40 }, (_, k) => `جمله ${k} که ترجمه نشده است و هیچ معادلی ندارد.`), ...joined.source]
    const result = alignSentences(source, joined.target, { bandWidth: 2 })
    expect(result.bandWidth).toBeGreaterThan(2)
    const shifted = joined.gold.map((bead) => ({ src: bead.src.map((k) => k + 40), tgt: bead.tgt }))
    const tail = result.beads.filter((bead) => bead.src.some((k) => k >= 40) || bead.src.length === 0)
    expect(strictScore(tail, shifted).f1).toBeGreaterThanOrEqual(0.9)
  })

  it('computes the two-tailed normal cost stably', () => {
    expect(lengthCost(0)).toBeCloseTo(0, 4)
    expect(lengthCost(1.96)).toBeCloseTo(-Math.log(0.05), 3)
    expect(Number.isFinite(lengthCost(100))).toBe(true)
    expect(lengthCost(100)).toBeGreaterThan(lengthCost(10))
  })
})

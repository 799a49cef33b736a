import { describe, expect, it } from 'vitest'
import { laxScore, strictScore } from '../../../src/core/align/evaluate'

const gold = [
  { src: [0], tgt: [0] },
  { src: [1, 2], tgt: [1] },
  { src: [3], tgt: [] }
]

describe('alignment scores', () => {
  it('scores a perfect alignment 1', () => {
    expect(strictScore(gold, gold).f1).toBe(1)
    expect(laxScore(gold, gold).f1).toBe(1)
  })

  it('gives strict credit only for exact beads and lax credit for shared links', () => {
    const predicted = [
      { src: [0], tgt: [0] },
      { src: [1], tgt: [1] },
      { src: [2], tgt: [] },
      { src: [3], tgt: [] }
    ]
    const strict = strictScore(predicted, gold)
    expect(strict.correct).toBe(2)
    expect(strict.precision).toBeCloseTo(2 / 4)
    expect(strict.recall).toBeCloseTo(2 / 3)
    expect(strict.f1).toBeCloseTo((2 * 0.5 * (2 / 3)) / (0.5 + 2 / 3))
    // Gold links: 0-0, 1-1, 2-1, 3-. Predicted: 0-0, 1-1, 2-, 3-.
    const lax = laxScore(predicted, gold)
    expect(lax.correct).toBe(3)
    expect(lax.f1).toBeCloseTo(0.75)
  })

  it('scores a completely wrong alignment 0', () => {
    expect(
      strictScore(
        [
          { src: [0, 1, 2, 3], tgt: [] },
          { src: [], tgt: [0, 1] }
        ],
        gold
      ).f1
    ).toBe(0)
  })
})

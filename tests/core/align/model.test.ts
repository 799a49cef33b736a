import { describe, expect, it } from 'vitest'
import {
  AlignmentEditError,
  createAlignedText,
  detachSentence,
  mergeBeads,
  mergeSentences,
  moveSentence,
  setBeadStatus,
  splitBead,
  splitSentence,
  validateAlignment,
  type AlignedText
} from '../../../src/core/align/model'
import { apply, canRedo, canUndo, commit, createHistory, redo, undo } from '../../../src/core/align/history'
import { seededRandom } from '../../fixtures/align/cases'

function sample(): AlignedText {
  return createAlignedText(
    ['s0', 's1', 's2', 's3', 's4'],
    ['t0', 't1', 't2', 't3', 't4', 't5'],
    [
      { src: [0], tgt: [0], confidence: 0.9 },
      { src: [1], tgt: [1, 2], confidence: 0.8 },
      { src: [2, 3], tgt: [3], confidence: 0.7 },
      { src: [], tgt: [4], confidence: 0.6 },
      { src: [4], tgt: [5], confidence: 0.95 }
    ]
  )
}

function expectValid(text: AlignedText): void {
  expect(validateAlignment(text).problems).toEqual([])
}

/** A side's text without white space: edits may split or join sentences but never lose text. */
function words(sentences: string[]): string {
  return sentences.join('').replace(/\s+/g, '')
}

describe('validateAlignment', () => {
  it('accepts a valid alignment', () => {
    expect(validateAlignment(sample())).toEqual({ valid: true, problems: [] })
  })

  it('reports gaps, repeats, disorder, empty beads and bad confidences', () => {
    const base = sample()
    const gap = { ...base, beads: base.beads.filter((_, k) => k !== 3) }
    expect(validateAlignment(gap).valid).toBe(false)
    expect(validateAlignment(gap).problems.join(' ')).toMatch(/target sentence 5 where 4/)
    const swapped = { ...base, beads: [base.beads[1], base.beads[0], ...base.beads.slice(2)] }
    expect(validateAlignment(swapped).valid).toBe(false)
    const empty = { ...base, beads: [...base.beads, { id: 'bx', src: [], tgt: [], status: 'auto' as const }] }
    expect(validateAlignment(empty).problems).toContain('bead 5 has no sentences')
    const badConfidence = { ...base, beads: base.beads.map((b, k) => (k === 0 ? { ...b, confidence: 1.5 } : b)) }
    expect(validateAlignment(badConfidence).valid).toBe(false)
    const sameId = { ...base, beads: base.beads.map((b) => ({ ...b, id: 'same' })) }
    expect(validateAlignment(sameId).valid).toBe(false)
    const missingEnd = { ...base, source: [...base.source, 'extra'] }
    expect(validateAlignment(missingEnd).problems.join(' ')).toMatch(/cover 5 of 6 source/)
  })
})

describe('bead edits', () => {
  it('merges two adjacent beads and marks the result confirmed without confidence', () => {
    const merged = mergeBeads(sample(), 1)
    expectValid(merged)
    expect(merged.beads[1]).toEqual({ id: 'b1', src: [1, 2, 3], tgt: [1, 2, 3], status: 'confirmed' })
    expect(merged.beads).toHaveLength(4)
    expect(() => mergeBeads(sample(), 4)).toThrow(AlignmentEditError)
  })

  it('splits a bead and gives the new part a fresh id', () => {
    const split = splitBead(sample(), 1, 1, 1)
    expectValid(split)
    expect(split.beads.slice(1, 3).map((b) => [b.src, b.tgt])).toEqual([
      [[1], [1]],
      [[], [2]]
    ])
    expect(new Set(split.beads.map((b) => b.id)).size).toBe(split.beads.length)
    expect(() => splitBead(sample(), 1, 0, 0)).toThrow(AlignmentEditError)
    expect(() => splitBead(sample(), 1, 1, 2)).toThrow(AlignmentEditError)
  })

  it('moves the first sentence to the previous bead and the last to the next', () => {
    const moved = moveSentence(sample(), 'target', 1, 'previous')
    expectValid(moved)
    expect(moved.beads[0].tgt).toEqual([0, 1])
    expect(moved.beads[1].tgt).toEqual([2])
    const forward = moveSentence(sample(), 'source', 3, 'next')
    expectValid(forward)
    expect(forward.beads[3].src).toEqual([3])
    expect(() => moveSentence(sample(), 'target', 2, 'previous')).toThrow(AlignmentEditError)
    expect(() => moveSentence(sample(), 'source', 0, 'previous')).toThrow(AlignmentEditError)
  })

  it('removes a bead emptied by a move', () => {
    const moved = moveSentence(sample(), 'target', 4, 'next')
    expectValid(moved)
    expect(moved.beads).toHaveLength(4)
    expect(moved.beads[3].tgt).toEqual([4, 5])
  })

  it('detaches a sentence into its own 1:0 or 0:1 bead', () => {
    const detached = detachSentence(sample(), 'target', 2)
    expectValid(detached)
    expect(detached.beads.slice(1, 3).map((b) => [b.src, b.tgt])).toEqual([
      [[1], [1]],
      [[], [2]]
    ])
    const first = detachSentence(sample(), 'source', 2)
    expectValid(first)
    expect(first.beads.slice(2, 4).map((b) => [b.src, b.tgt])).toEqual([
      [[2], []],
      [[3], [3]]
    ])
    const alone = sample()
    expect(detachSentence(alone, 'target', 4)).toBe(alone)
  })

  it('sets a status and keeps the confidence', () => {
    const confirmed = setBeadStatus(sample(), 0, 'flagged')
    expect(confirmed.beads[0]).toMatchObject({ status: 'flagged', confidence: 0.9 })
    expect(() => setBeadStatus(sample(), 9, 'confirmed')).toThrow(AlignmentEditError)
  })

  it('never changes its input', () => {
    const text = sample()
    const before = JSON.stringify(text)
    mergeBeads(text, 0)
    splitBead(text, 1, 1, 1)
    moveSentence(text, 'target', 1, 'previous')
    detachSentence(text, 'source', 3)
    splitSentence(text, 'source', 0, 1)
    mergeSentences(text, 'target', 2)
    expect(JSON.stringify(text)).toBe(before)
  })
})

describe('sentence edits', () => {
  it('splits a sentence, keeps both halves in its bead and renumbers the rest', () => {
    const text = createAlignedText(
      ['one two. three four.', 'five.'],
      ['A.', 'B.'],
      [
        { src: [0], tgt: [0] },
        { src: [1], tgt: [1] }
      ]
    )
    const split = splitSentence(text, 'source', 0, 9)
    expectValid(split)
    expect(split.source).toEqual(['one two.', 'three four.', 'five.'])
    expect(split.beads.map((b) => b.src)).toEqual([[0, 1], [2]])
    expect(() => splitSentence(text, 'source', 0, 0)).toThrow(AlignmentEditError)
  })

  it('merges sentences in different beads into one bead, with their translations', () => {
    const merged = mergeSentences(sample(), 'source', 0)
    expectValid(merged)
    expect(merged.source[0]).toBe('s0 s1')
    expect(merged.beads[0]).toMatchObject({ src: [0], tgt: [0, 1, 2] })
    expect(merged.beads.map((b) => b.src)).toEqual([[0], [1, 2], [], [3]])
  })

  it('merges sentences across a bead that has none on that side', () => {
    const merged = mergeSentences(sample(), 'source', 3)
    expectValid(merged)
    expect(merged.source).toEqual(['s0', 's1', 's2', 's3 s4'])
    expect(merged.beads[2]).toMatchObject({ src: [2, 3], tgt: [3, 4, 5] })
  })
})

describe('every edit keeps the invariant', () => {
  it('holds through 2000 random edits, undo and redo, and no text is lost', () => {
    const random = seededRandom(7)
    const start = sample()
    let history = createHistory(start)
    const sourceWords = words(start.source)
    const targetWords = words(start.target)
    const sides = ['source', 'target'] as const
    let applied = 0
    for (let step = 0; step < 2000; step++) {
      const text = history.present
      const pick = (n: number) => Math.floor(random() * n)
      const side = sides[pick(2)]
      const sentences = side === 'source' ? text.source : text.target
      const edits: Array<() => AlignedText> = [
        () => mergeBeads(text, pick(text.beads.length)),
        () => {
          const k = pick(text.beads.length)
          const bead = text.beads[k]
          return splitBead(text, k, pick(bead.src.length + 1), pick(bead.tgt.length + 1))
        },
        () => moveSentence(text, side, pick(sentences.length), random() < 0.5 ? 'previous' : 'next'),
        () => detachSentence(text, side, pick(sentences.length)),
        () => {
          const k = pick(sentences.length)
          const spaces = [...sentences[k].matchAll(/ /g)].map((m) => m.index!)
          return splitSentence(text, side, k, spaces.length > 0 ? spaces[pick(spaces.length)] : 1)
        },
        () => mergeSentences(text, side, pick(sentences.length)),
        () => setBeadStatus(text, pick(text.beads.length), 'confirmed')
      ]
      const roll = random()
      if (roll < 0.1) history = undo(history)
      else if (roll < 0.15) history = redo(history)
      else {
        try {
          history = apply(history, edits[pick(edits.length)])
          applied++
        } catch (error) {
          expect(error).toBeInstanceOf(AlignmentEditError)
        }
      }
      expectValid(history.present)
      expect(words(history.present.source)).toBe(sourceWords)
      expect(words(history.present.target)).toBe(targetWords)
    }
    expect(applied).toBeGreaterThan(500)
  })
})

describe('history', () => {
  it('undoes and redoes edits and clears redo on a new edit', () => {
    let history = createHistory(sample())
    expect(canUndo(history)).toBe(false)
    history = apply(history, (text) => mergeBeads(text, 0))
    history = apply(history, (text) => detachSentence(text, 'target', 2))
    const afterTwo = history.present
    history = undo(history)
    expect(history.present.beads).toHaveLength(4)
    history = undo(history)
    expect(history.present).toEqual(sample())
    expect(canUndo(history)).toBe(false)
    expect(undo(history)).toBe(history)
    history = redo(redo(history))
    expect(history.present).toBe(afterTwo)
    expect(canRedo(history)).toBe(false)
    history = undo(history)
    history = apply(history, (text) => setBeadStatus(text, 0, 'flagged'))
    expect(canRedo(history)).toBe(false)
  })

  it('records nothing when an edit returns the same value, and keeps at most the limit', () => {
    const text = sample()
    const history = createHistory(text)
    expect(commit(history, text)).toBe(history)
    let limited = history
    for (let k = 0; k < 10; k++) limited = commit(limited, { ...text }, 3)
    expect(limited.past).toHaveLength(3)
  })
})

/**
 * Paragraphs place the sentence search. Measured on a real book (read from ../shared, never copied:
 * its licence does not fit): 10,000 verses of two published translation pairs, each verse a
 * paragraph, segmented into 13,627 Persian and 17,820 English sentences by Hamta's segmenters.
 */
import { describe, expect, it } from 'vitest'
import { alignSentences } from '../../../src/core/align/aligner'
import { scaleDocument, sentenceDocument, sentenceScore } from '../../../bench/align-real-data'
import { baseCases } from '../../fixtures/align/cases'

describe('aligning by paragraphs first', () => {
  it('finds the path of a book whose translators split sentences differently, which the sentence counts and lengths put 250 sentences away', () => {
    const doc = scaleDocument(10000)
    const sentences = sentenceDocument(doc)
    expect(sentences.source.length).toBe(13627)
    expect(sentences.target.length).toBe(17820)
    const result = alignSentences(sentences.source, sentences.target, { paragraphs: sentences.paragraphs })
    const score = sentenceScore(result.beads, doc, sentences)
    // Without the paragraphs 53% of the paired beads fell within one gold bead.
    expect(score.withinGold).toBeGreaterThan(0.9)
  }, 60_000)

  it('a text with few paragraphs, or paragraphs split very differently, is aligned as without them; bad indices are ignored', () => {
    const [article] = baseCases()
    const plain = alignSentences(article.source, article.target)
    const few = alignSentences(article.source, article.target, { paragraphs: { source: [0, 3], target: [0, 3] } })
    expect(few.beads).toEqual(plain.beads)
    const everyOther = (count: number, step: number) => Array.from({ length: Math.ceil(count / step) }, (_, k) => k * step)
    const uneven = alignSentences(article.source, article.target, {
      paragraphs: { source: everyOther(article.source.length, 1), target: everyOther(article.target.length, 4) }
    })
    expect(uneven.beads).toEqual(plain.beads)
    const junk = alignSentences(article.source, article.target, { paragraphs: { source: [-4, 2.5, 1e9, NaN], target: [] } })
    expect(junk.beads).toEqual(plain.beads)
  })
})

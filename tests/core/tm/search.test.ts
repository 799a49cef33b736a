import { describe, expect, it } from 'vitest'
import { tokenSeqs } from '../../../src/core/tm/compare'
import { align, scoreOf } from '../../../src/core/tm/score'
import { searchSegment, segmentQuery } from '../../../src/core/tm/search'
import { DynamicSegment, FrozenSegment, SegmentBuilder, sortByHash } from '../../../src/core/tm/segment'
import { contextHash, hashKeys, tokenize } from '../../../src/core/tm/tokenize'

const WORDS =
  'وزیر امور خارجه ایران در سفر به باکو با همتای خود درباره همکاری سه جانبه اقتصادی گفت کرد این دیدار پس از نشست سران دو کشور برگزار شد طرفین بر ضرورت تقویت روابط تاکید کردند نفت قیمت بازار'.split(
    ' '
  )

function randomSentences(count: number, seed: number): string[] {
  let state = seed
  const random = () => (state = (state * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff
  return Array.from({ length: count }, () => {
    const length = 4 + Math.floor(random() * 14)
    return Array.from({ length }, () => WORDS[Math.floor(random() ** 1.5 * WORDS.length)]).join(' ') + '.'
  })
}

function frozen(sentences: string[], context?: Array<[string, string]>): FrozenSegment {
  const builder = new SegmentBuilder()
  sentences.forEach((sentence, index) => {
    const tokens = tokenize(sentence)
    builder.add({
      tokens,
      keyHash: hashKeys(tokens),
      prevHash: context ? contextHash(context[index][0]) : 0,
      nextHash: context ? contextHash(context[index][1]) : 0,
      target: `english ${index}`
    })
  })
  return new FrozenSegment(builder.finish())
}

function bruteForce(units: ReturnType<typeof tokenize>[], query: string): number[] {
  const tokens = tokenize(query)
  return units
    .map((unit) => {
      const [a, b] = tokenSeqs(tokens, unit)
      return scoreOf(align(a, b))
    })
    .sort((x, y) => y - x)
}

// Compares against every unit by brute force: slow on a busy machine.
describe('candidate search', { timeout: 30_000 }, () => {
  it('finds the same best scores as comparing with every unit', () => {
    const sentences = randomSentences(1200, 7)
    const units = sentences.map((sentence) => tokenize(sentence))
    const segment = frozen(sentences)
    const queries = [...randomSentences(15, 99), ...sentences.slice(0, 8).map((sentence) => sentence.replace(/^\S+/, 'تهران'))]
    for (const query of queries) {
      const all = bruteForce(units, query)
      for (const min of [50, 70, 90]) {
        const expected = all.filter((score) => score >= min).slice(0, 5)
        const found = searchSegment(segment, segmentQuery(tokenize(query)), { minScore: min, limit: 5 }).map((hit) => hit.score)
        expect(found, `${query} @${min}`).toEqual(expected)
      }
    }
  })

  it('finds exact matches through spelling variants, and context matches as 101', () => {
    const sentences = ['اول.', 'این کار می‌شود.', 'آخر.', 'جمله‌ای دیگر.', 'این کار می‌شود.', 'پایان.']
    const context: Array<[string, string]> = sentences.map((_, i) => [
      i > 0 ? sentences[i - 1] : '',
      i + 1 < sentences.length ? sentences[i + 1] : ''
    ])
    const segment = frozen(sentences, context)
    const bare = searchSegment(segment, segmentQuery(tokenize('اين كار مي شود.')), { minScore: 70, limit: 5 })
    expect(bare.map((hit) => [hit.slot, hit.score])).toEqual([
      [1, 100],
      [4, 100]
    ])
    const inContext = searchSegment(segment, segmentQuery(tokenize('این کار میشود.'), contextHash('جمله ای دیگر.'), contextHash('پایان.')), {
      minScore: 70,
      limit: 5
    })
    expect(inContext[0]).toEqual({ slot: 4, score: 101 })
    expect(inContext[1]).toEqual({ slot: 1, score: 100 })
  })

  it('keeps a dynamic segment right through additions, removals and reuse of slots', () => {
    const segment = new DynamicSegment()
    const sentences = randomSentences(500, 3)
    const slots = sentences.map((sentence) => {
      const tokens = tokenize(sentence)
      return segment.add(tokens, hashKeys(tokens), 0, 0)
    })
    for (let i = 0; i < 400; i++) segment.remove(slots[i])
    const kept = sentences.slice(400)
    const replacement = 'نفت قیمت بازار ایران امروز.'
    const tokens = tokenize(replacement)
    const slot = segment.add(tokens, hashKeys(tokens), 0, 0)
    expect(segment.size).toBe(101)
    for (const query of [...kept.slice(0, 5), replacement]) {
      const hits = searchSegment(segment, segmentQuery(tokenize(query)), { minScore: 70, limit: 3 })
      expect(hits[0].score).toBe(100)
      expect(segment.alive(hits[0].slot)).toBe(true)
    }
    expect(
      searchSegment(segment, segmentQuery(tokens), { minScore: 70, limit: 3, exclude: (s) => s === slot }).every((hit) => hit.slot !== slot)
    ).toBe(true)
    const removedQuery = sentences[0]
    for (const hit of searchSegment(segment, segmentQuery(tokenize(removedQuery)), { minScore: 30, limit: 10 }))
      expect(segment.alive(hit.slot)).toBe(true)
  })

  it('sorts by hash', () => {
    const hashes = Uint32Array.from([5, 0xffffffff, 3, 5, 0, 70000])
    const order = sortByHash(hashes, hashes.length)
    expect([...order].map((i) => hashes[i])).toEqual([0, 3, 5, 5, 70000, 0xffffffff])
  })
})

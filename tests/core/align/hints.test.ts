import { describe, expect, it } from 'vitest'
import { alignmentHints } from '../../../src/core/align/hints'
import { indexDictionary, persianStems } from '../../../src/core/align/lexicon'
import type { Term } from '../../../src/core/terms/model'

const term = (fa: string, en: string, extra: Partial<Term> = {}): Term => ({
  id: fa,
  fa,
  en,
  alternatives: [],
  forbidden: [],
  status: 'preferred',
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  ...extra
})

describe('alignment hints from the library', () => {
  it('makes termbase entries in use anchors, and one-word entries word pairs', () => {
    const hints = alignmentHints({
      documents: [],
      terms: [
        term('وزیر', 'minister', { alternatives: ['secretary'] }),
        term('راه‌آهن سراسری', 'national railway'),
        term('رئیس', 'chairman', { status: 'deprecated' })
      ]
    })
    expect(hints.glossary).toEqual([
      { source: 'وزیر', target: 'minister' },
      { source: 'وزیر', target: 'secretary' },
      { source: 'راه‌آهن سراسری', target: 'national railway' }
    ])
    expect(hints.dictionary).toEqual([
      { source: 'وزیر', target: 'minister' },
      { source: 'وزیر', target: 'secretary' }
    ])
  })

  it('learns word pairs from memory units as from confirmed rows', () => {
    const units = Array.from({ length: 40 }, (_, k) => ({
      source: `کتاب ${['سبز', 'سرخ', 'آبی', 'زرد'][k % 4]} اینجاست`,
      target: `the ${['green', 'red', 'blue', 'yellow'][k % 4]} book is here`
    }))
    const learned = alignmentHints({ documents: [], memoryUnits: units }).dictionary
    expect(learned).toContainEqual({ source: 'سبز', target: 'green' })
    expect(learned).toContainEqual({ source: 'زرد', target: 'yello' })
    expect(alignmentHints({ documents: [] }).dictionary).toEqual([])
  })

  it('learns again only when what it learns from has changed, not on every request', () => {
    const units = (colour: string) =>
      Array.from({ length: 40 }, (_, k) => ({
        source: `کتاب ${['سبز', 'سرخ', 'آبی', colour][k % 4]} اینجاست`,
        target: `the ${['green', 'red', 'blue', 'yellow'][k % 4]} book is here`
      }))
    const first = alignmentHints({ documents: [], memoryUnits: units('زرد') }).dictionary
    // The same units in new objects (as after any edit in the library): the pairs learned before.
    const again = alignmentHints({ documents: [], memoryUnits: units('زرد') }).dictionary
    expect(again[0]).toBe(first[0])
    // One word changed: learned anew.
    const changed = alignmentHints({ documents: [], memoryUnits: units('طلایی') }).dictionary
    expect(changed[0]).not.toBe(first[0])
    // A word of the rows, not its stem: the dictionary is stemmed again where it is used, and
    // طلایی's stem طلای would lose one more letter. Indexed, it meets طلایی in a text.
    expect(changed).toContainEqual({ source: 'طلایی', target: 'yello' })
    expect(indexDictionary(changed).bySource.get(persianStems('رنگ طلایی')[1])).toContain('yello')
    expect(changed).not.toContainEqual({ source: 'زرد', target: 'yello' })
  })
})

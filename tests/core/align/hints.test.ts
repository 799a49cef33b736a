import { describe, expect, it } from 'vitest'
import { alignmentHints } from '../../../src/core/align/hints'
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
    // طلایی is kept by its stem, without the ending ی.
    expect(changed).toContainEqual({ source: 'طلای', target: 'yello' })
    expect(changed).not.toContainEqual({ source: 'زرد', target: 'yello' })
  })
})

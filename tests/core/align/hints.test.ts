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
})

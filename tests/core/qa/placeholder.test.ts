import { describe, expect, it } from 'vitest'
import type { InlineCode } from '../../../src/core/formats/inline-codes'
import { newRow, type Row } from '../../../src/core/model'
import { placeholderCheck } from '../../../src/core/qa/checks/placeholder'

const codes: InlineCode[] = [
  { id: '1', kind: 'open', label: '<b>', xml: '<g id="1">' },
  { id: '1', kind: 'close', label: '</b>', xml: '</g>' },
  { id: 'INTERPOLATION', kind: 'standalone', label: '{{ user.email }}', xml: '<x id="INTERPOLATION"/>' }
]
const source = 'ایمیل به \uE002 برای \uE000دوشنبه\uE001 فرستاده شد.'

function check(target: string) {
  const row: Row = { ...newRow('r1', 0, [{ id: 's1', text: source, spans: [] }], target, ''), codes }
  return placeholderCheck.run({ row, source, target }, { terms: null, speller: null, lengthRatio: 1 }).map((finding) => finding.subject)
}

describe('placeholder check', () => {
  it('is quiet when every code is there, in order', () => {
    expect(check('Sent to \uE002 for \uE000Monday\uE001.')).toEqual([])
  })
  it('reports missing, extra and reordered codes', () => {
    expect(check('Sent to . for \uE000Monday\uE001.')).toEqual(['missing:2'])
    expect(check('Sent to \uE002 \uE002 for \uE000Monday\uE001.')).toEqual(['extra:2'])
    expect(check('Sent to \uE002 for \uE001Monday\uE000.')).toEqual(['order:1'])
  })
})

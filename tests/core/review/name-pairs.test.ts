import { describe, expect, it } from 'vitest'
import { createDocument, setRowTarget } from '../../../src/core/model'
import { DEFAULT_PALETTE } from '../../../src/core/review/palette'
import { addSourceSpan, addTargetSpan, linkSpans } from '../../../src/core/review/spans'
import { linkedNamePairs } from '../../../src/core/review/name-pairs'

describe('linked name pairs as a glossary', () => {
  it('collects each linked Persian and English span once, and nothing unlinked', () => {
    let doc = createDocument({
      id: 'd',
      now: 'now',
      fileName: 'a.txt',
      encoding: 'UTF-8',
      originalText: 'x',
      paragraphs: [{ sentences: ['محمود واعظی با الهام علیاف دیدار کرد.'] }]
    })
    doc = setRowTarget(doc, 'r1', 'Mahmoud Vaezi met Ilham Aliyev.', 'now')
    const persian = doc.rows[0].source[0]
    const at = persian.text.indexOf('الهام علیاف')
    doc = addSourceSpan(doc, { rowId: 'r1', sentenceId: persian.id, start: at, end: at + 11, tag: 'person', id: 'p1' }, DEFAULT_PALETTE)
    doc = addSourceSpan(doc, { rowId: 'r1', sentenceId: persian.id, start: 0, end: 12, tag: 'person', id: 'p2' }, DEFAULT_PALETTE)
    const en = doc.rows[0].target.indexOf('Ilham Aliyev')
    doc = addTargetSpan(doc, { rowId: 'r1', start: en, end: en + 12, tag: 'person', id: 'e1' }, DEFAULT_PALETTE)
    expect(linkedNamePairs([doc])).toEqual([])
    doc = linkSpans(doc, 'r1', 'p1', 'e1')
    expect(linkedNamePairs([doc, doc])).toEqual([{ source: 'الهام علیاف', target: 'Ilham Aliyev' }])
  })
})

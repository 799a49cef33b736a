import { describe, expect, it } from 'vitest'
import { editorContentFor, piecesOf, selectionInElement, textAndSpansOf } from '../../src/renderer/src/features/editor/tagging'

describe('span tags in the page', () => {
  it('cuts text into pieces by overlapping spans and matches', () => {
    const pieces = piecesOf(
      'Ilham Aliyev met Vaezi',
      [
        { id: 'a', tag: 'person', start: 0, end: 12 },
        { id: 'b', tag: 'quote', start: 6, end: 16 }
      ],
      [{ start: 17, end: 22 }]
    )
    expect(pieces.map((p) => [p.text, p.spans.map((s) => s.id).join(''), p.match])).toEqual([
      ['Ilham ', 'a', false],
      ['Aliyev', 'ab', false],
      [' met', 'b', false],
      [' ', '', false],
      ['Vaezi', '', true]
    ])
  })

  it('turns stored spans into editor marks and back without losing or moving any', () => {
    const text = 'Mahmoud Vaezi met\nIlham Aliyev in Baku.'
    const spans = [
      { id: 's1', tag: 'person', start: 8, end: 13 },
      { id: 's2', tag: 'person', start: 18, end: 30, link: 'p1' },
      { id: 's3', tag: 'place', start: 34, end: 38 }
    ]
    const back = textAndSpansOf(editorContentFor(text, spans))
    expect(back.text).toBe(text)
    expect(back.spans).toEqual(spans.map(({ id, tag, start, end }) => ({ id, tag, start, end })))
  })

  it('finds where a selection sits inside a sentence with marks in it', () => {
    const sentence = document.createElement('span')
    sentence.innerHTML = 'به گزارش <mark>خبرگزاری</mark> آنا'
    document.body.append(sentence)
    const range = document.createRange()
    const markText = sentence.querySelector('mark')!.firstChild!
    range.setStart(markText, 0)
    range.setEnd(sentence.lastChild!, 4)
    const selection = window.getSelection()!
    selection.removeAllRanges()
    selection.addRange(range)
    expect(selectionInElement(sentence, selection)).toEqual({ start: 9, end: 9 + 'خبرگزاری آنا'.length })
    sentence.remove()
  })
})

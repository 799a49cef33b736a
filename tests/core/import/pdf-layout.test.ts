import { describe, expect, it } from 'vitest'
import { buildLines, buildParagraphs, type PositionedItem } from '../../../src/core/import/pdf-layout'

/** Lays words out from the right edge leftwards (visual order), as separate items like Chromium's glyph runs. */
function rightToLeftLine(words: string[], y: number, right = 500, size = 12): PositionedItem[] {
  const items: PositionedItem[] = []
  let x = right
  for (const word of words) {
    const width = word.length * 6
    x -= width
    items.push({ str: word, x, y, width, size })
    x -= 4 // a gap instead of a space glyph
  }
  // PDF order is visual: left to right.
  return items.reverse()
}

describe('rebuilding PDF lines', () => {
  it('reads right-to-left lines from the right and inserts spaces at gaps', () => {
    const lines = buildLines(rightToLeftLine(['وزیر', 'کار', 'و', 'امور', 'اجتماعی'], 700))
    expect(lines.map((line) => line.text)).toEqual(['وزیر کار و امور اجتماعی'])
    expect(lines[0].rtl).toBe(true)
  })

  it('keeps a run of Latin words left to right inside a Persian line', () => {
    const items = [...rightToLeftLine(['وزیر', 'کار', 'آذربایجان'], 720), ...rightToLeftLine(['با', 'Babayev', 'Sahil', 'دیدار', 'کرد'], 700)]
    // On the page the Latin run reads left to right: "Sahil" stands left of "Babayev".
    expect(buildLines(items)[1].text).toBe('با Sahil Babayev دیدار کرد')
  })

  it('splits paragraphs at wide gaps and keeps wrapped lines together', () => {
    const items = [
      ...rightToLeftLine(['یک', 'دو', 'سه', 'چهار', 'پنج', 'شش', 'هفت'], 700),
      ...rightToLeftLine(['هشت.'], 680),
      ...rightToLeftLine(['نه', 'ده', 'یازده', 'دوازده', 'سیزده', 'چهارده'], 640),
      ...rightToLeftLine(['پانزده.'], 620)
    ]
    expect(buildParagraphs(buildLines(items))).toEqual(['یک دو سه چهار پنج شش هفت هشت.', 'نه ده یازده دوازده سیزده چهارده پانزده.'])
  })

  it('reads left-to-right lines from the left', () => {
    const items: PositionedItem[] = [
      { str: 'world', x: 140, y: 100, width: 30, size: 12 },
      { str: 'Hello', x: 100, y: 100, width: 30, size: 12 }
    ]
    expect(buildLines(items).map((line) => [line.text, line.rtl])).toEqual([['Hello world', false]])
  })
})

import { describe, expect, it } from 'vitest'
import { segmentEnglish, segmentEnglishParagraphs } from '../../../src/core/text/english-segmenter'

describe('segmentEnglish', () => {
  it.each([
    [
      'titles and dotted abbreviations',
      'Dr. Vaezi met Mr. Aliyev and Mrs. Smith. The U.S. President was not there.',
      ['Dr. Vaezi met Mr. Aliyev and Mrs. Smith.', 'The U.S. President was not there.']
    ],
    [
      'an abbreviation that ends a sentence',
      'He met officials from the U.K. and the U.S. They agreed.',
      ['He met officials from the U.K. and the U.S.', 'They agreed.']
    ],
    [
      'decimals and months',
      'Exports rose 28.4 percent in Jan. 2019 to $3.5 billion. Imports fell.',
      ['Exports rose 28.4 percent in Jan. 2019 to $3.5 billion.', 'Imports fell.']
    ],
    [
      'e.g., i.e. and etc. mid-sentence',
      'Fruit, e.g. apples, i.e. red ones, etc. are sold. Prices rose.',
      ['Fruit, e.g. apples, i.e. red ones, etc. are sold.', 'Prices rose.']
    ],
    ['etc. at the end', 'They sold apples, pears etc. The market closed.', ['They sold apples, pears etc.', 'The market closed.']],
    [
      'initials and No.',
      'John F. Kennedy spoke. No. 5 was chosen. St. Petersburg hosted it.',
      ['John F. Kennedy spoke.', 'No. 5 was chosen.', 'St. Petersburg hosted it.']
    ],
    [
      'quotes after the terminator',
      'He said: "We will win." Then he left. (See the report.) It was long.',
      ['He said: "We will win."', 'Then he left.', '(See the report.)', 'It was long.']
    ],
    ['curly quotes', '“It is over.” The talks ended.', ['“It is over.”', 'The talks ended.']],
    [
      'question and exclamation inside quotes',
      '"Why?" he asked. "Because it works!" she said.',
      ['"Why?" he asked.', '"Because it works!" she said.']
    ],
    ['ellipses', 'Wait... what happened? He left… Nobody knew.', ['Wait... what happened?', 'He left…', 'Nobody knew.']],
    [
      'a.m. and p.m.',
      'It opens at 9 a.m. and closes at 9 p.m. Visitors are welcome.',
      ['It opens at 9 a.m. and closes at 9 p.m.', 'Visitors are welcome.']
    ],
    [
      'URLs and e-mail addresses',
      'Visit www.tpo.ir/trade today. Write to info@example.com now!',
      ['Visit www.tpo.ir/trade today.', 'Write to info@example.com now!']
    ],
    ['a lower-case word after a period', 'The value was approx. ten. it rose.', ['The value was approx. ten. it rose.']]
  ])('handles %s', (_name, text, expected) => {
    expect(segmentEnglish(text)).toEqual(expected)
  })

  it('keeps a heading without a period apart from the next line', () => {
    expect(segmentEnglish('Aliyev calls for new plants\nThe president said so. He left.')).toEqual([
      'Aliyev calls for new plants',
      'The president said so.',
      'He left.'
    ])
  })

  it('joins hard-wrapped lines and separates paragraphs at blank lines', () => {
    const text =
      'This is a hard wrapped line that goes on for quite a while and\n' +
      'then continues on the next line. A second sentence follows and\n' +
      'ends here.\n\nNext paragraph.'
    expect(segmentEnglishParagraphs(text)).toEqual([
      {
        sentences: [
          'This is a hard wrapped line that goes on for quite a while and then continues on the next line.',
          'A second sentence follows and ends here.'
        ]
      },
      { sentences: ['Next paragraph.'] }
    ])
  })

  it('returns nothing for blank text', () => {
    expect(segmentEnglish('  \n\n  ')).toEqual([])
  })

  it('runs in linear time', () => {
    const paragraph = 'Dr. Smith met the U.S. envoy on Jan. 5 and said prices rose 28.4 percent. "Why?" he asked. '
    const small = paragraph.repeat(2000)
    const large = paragraph.repeat(16000)
    const time = (text: string) => {
      const start = performance.now()
      const sentences = segmentEnglish(text)
      return { ms: performance.now() - start, count: sentences.length }
    }
    time(small)
    const a = time(small)
    const b = time(large)
    expect(b.count).toBe(a.count * 8)
    expect(b.ms).toBeLessThan(Math.max(a.ms, 5) * 8 * 3)
  })
})

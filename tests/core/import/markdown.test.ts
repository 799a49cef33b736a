import { describe, expect, it } from 'vitest'
import { readDocument } from '../../../src/core/import'
import { sample003 } from './fixtures'

describe('reading Markdown', () => {
  it('keeps headings, paragraphs and list items and drops the markup', async () => {
    const { title, subheading, paragraphs } = sample003()
    const markdown = [
      `# ${title}`,
      `**${paragraphs[0].slice(0, 20)}**${paragraphs[0].slice(20)}`,
      // A hard-wrapped paragraph with a link, inline code, an image and a character reference.
      `به گزارش [خبرگزاری آنا](https://ana.ir/news/1) و \`ایسنا\` &amp; ![لوگو](logo.png)\nدو کشور توافق کردند.`,
      `## ${subheading}`,
      '- همکاری سه جانبه\n- راه آهن رشت - آستارا',
      '1. نخست\n2. دوم',
      `> ${paragraphs[1]}`,
      '---',
      '<div>متن <b>HTML</b></div>'
    ].join('\n\n')
    const result = await readDocument('article.md', new TextEncoder().encode(markdown))
    expect(result.format).toBe('md')
    expect(result.text).toBe(
      [
        title,
        paragraphs[0],
        'به گزارش خبرگزاری آنا و ایسنا & دو کشور توافق کردند.',
        subheading,
        '• همکاری سه جانبه\n• راه آهن رشت - آستارا\n1. نخست\n2. دوم',
        paragraphs[1],
        'متن HTML'
      ].join('\n\n')
    )
  })
})

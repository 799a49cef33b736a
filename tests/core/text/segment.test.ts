import { describe, expect, it } from 'vitest'
import { listMarkerLength, segmentParagraphs, segmentSentences, segmentText, sentenceOffsets, sentenceRanges } from '../../../src/core/text/segment'
import { collapse, expectedSentences, readSample, SAMPLE_000, SAMPLE_003 } from './samples'

const sentencesOf = (text: string): string[] => segmentSentences(text).map(collapse)

describe('segmentation of the sample articles', () => {
  const expected = expectedSentences()

  for (const name of [SAMPLE_000, SAMPLE_003]) {
    it(`segments ${name} exactly as expected-sentences.json says`, () => {
      expect(sentencesOf(readSample(name))).toEqual(expected[name].map(collapse))
    })

    it(`gives offsets in ${name} that point at each sentence`, () => {
      const text = readSample(name)
      for (const sentence of segmentText(text).sentences) {
        expect(collapse(text.slice(sentence.start, sentence.end))).toBe(collapse(sentence.text))
      }
    })
  }

  it('joins wrapped lines with one space and keeps the text otherwise as in the source', () => {
    const sentences = segmentText(readSample(SAMPLE_000)).sentences
    expect(sentences[2].text).toContain('به صورت ویدئو کنفرانسی، دیدار')
    expect(sentences[2].text).not.toMatch(/\n/)
    expect(sentences[2]).toMatchObject({ line: 5, endLine: 7 })
    // The last sentence crosses a blank line too.
    expect(sentences[16]).toMatchObject({ line: 40, endLine: 43 })
  })

  it('learns the wrap width of the hard-wrapped sample and finds none in the other', () => {
    const wrapped = segmentText(readSample(SAMPLE_000)).wrap
    expect(wrapped.wrapped).toBe(true)
    expect(wrapped.width).toBeGreaterThan(70)
    expect(wrapped.width).toBeLessThan(100)
    expect(segmentText(readSample(SAMPLE_003)).wrap.wrapped).toBe(false)
  })

  it('labels titles, body and boilerplate paragraphs', () => {
    expect(segmentText(readSample(SAMPLE_000)).paragraphs.map((paragraph) => paragraph.kind)).toEqual(['title', 'title', 'body', 'body'])
    const kinds = segmentText(readSample(SAMPLE_003)).paragraphs.map((paragraph) => paragraph.kind)
    expect(kinds[0]).toBe('title')
    expect(kinds[7]).toBe('title')
    expect(kinds[12]).toBe('boilerplate')
    expect(kinds.filter((kind) => kind === 'body')).toHaveLength(10)
  })

  it('gives the same boundaries from sentenceOffsets as from segmentText', () => {
    for (const name of [SAMPLE_000, SAMPLE_003]) {
      const text = readSample(name)
      const pairs = segmentText(text).sentences.flatMap((sentence) => [sentence.start, sentence.end])
      expect(Array.from(sentenceOffsets(text))).toEqual(pairs)
    }
  })

  it('keeps the segmentParagraphs shape the app uses', () => {
    const paragraphs = segmentParagraphs(readSample(SAMPLE_003))
    expect(paragraphs).toHaveLength(13)
    expect(paragraphs[1].sentences).toHaveLength(1)
    expect(paragraphs.flatMap((paragraph) => paragraph.sentences)).toHaveLength(13)
  })
})

describe('sentence boundaries', () => {
  it('splits glued sentences (no space after the period)', () => {
    expect(sentencesOf('ما ادامه دهیم.وی گفت که می‌آید.')).toEqual(['ما ادامه دهیم.', 'وی گفت که می‌آید.'])
  })

  it('starts a new sentence at an opening straight quote glued to the period', () => {
    expect(sentencesOf('در دستور کار قرار گیرد."ساحل بابایف " وزیر نیز گفت.')).toEqual(['در دستور کار قرار گیرد.', '"ساحل بابایف " وزیر نیز گفت.'])
  })

  it('keeps a closing straight quote with the sentence it closes', () => {
    expect(sentencesOf('او گفت "ما آمده‌ایم." سپس رفت.')).toEqual(['او گفت "ما آمده‌ایم."', 'سپس رفت.'])
  })

  it('keeps closing guillemets and brackets with their sentence', () => {
    expect(sentencesOf('وی گفت: «این کار درست است.» سپس جلسه پایان یافت.')).toEqual(['وی گفت: «این کار درست است.»', 'سپس جلسه پایان یافت.'])
    expect(sentencesOf('(این یک توضیح است.) متن ادامه دارد.')).toEqual(['(این یک توضیح است.)', 'متن ادامه دارد.'])
  })

  it('splits before an opening guillemet glued to the period', () => {
    expect(sentencesOf('جلسه تمام شد.«فردا» دوباره برگزار می‌شود.')).toEqual(['جلسه تمام شد.', '«فردا» دوباره برگزار می‌شود.'])
  })

  it('does not split decimals or versions', () => {
    expect(sentencesOf('رشد اقتصادی ۳.۵ درصد بود. صادرات 28.4 میلیارد دلار شد. نسخه ۲.۱ منتشر شد.')).toEqual([
      'رشد اقتصادی ۳.۵ درصد بود.',
      'صادرات 28.4 میلیارد دلار شد.',
      'نسخه ۲.۱ منتشر شد.'
    ])
    expect(sentencesOf('رقم ۲۸٫۴ میلیارد دلار است. پایان.')).toEqual(['رقم ۲۸٫۴ میلیارد دلار است.', 'پایان.'])
  })

  it('does not split URLs, domains or e-mail addresses', () => {
    expect(sentencesOf('به نشانی www.tpo.ir مراجعه کنید. ایمیل info@tpo.ir است.')).toEqual([
      'به نشانی www.tpo.ir مراجعه کنید.',
      'ایمیل info@tpo.ir است.'
    ])
    expect(sentencesOf('متن در https://example.com/a.html?q=1 آمده است. تمام.')).toEqual(['متن در https://example.com/a.html?q=1 آمده است.', 'تمام.'])
  })

  it('ends a sentence at a URL followed by a period and a space', () => {
    expect(sentencesOf('سایت ما www.tpo.ir. وی افزود.')).toEqual(['سایت ما www.tpo.ir.', 'وی افزود.'])
  })

  it('does not split after abbreviations and initials', () => {
    expect(sentencesOf('وی در سال ۱۳۵۷ ه.ش به دنیا آمد. او در ۵۰۰ ق.م زندگی می‌کرد.')).toEqual([
      'وی در سال ۱۳۵۷ ه.ش به دنیا آمد.',
      'او در ۵۰۰ ق.م زندگی می‌کرد.'
    ])
    expect(sentencesOf('قانون اساسی ج.ا.ا تصویب شد. ساعت ۸ ق.ظ آغاز شد.')).toEqual(['قانون اساسی ج.ا.ا تصویب شد.', 'ساعت ۸ ق.ظ آغاز شد.'])
    expect(sentencesOf('در سال ۲۰۲۰ م. این کتاب منتشر شد.')).toEqual(['در سال ۲۰۲۰ م. این کتاب منتشر شد.'])
    expect(sentencesOf('Dr. Smith met J. Brown. They talked.')).toEqual(['Dr. Smith met J. Brown.', 'They talked.'])
  })

  it('never ends a sentence at : or ؛', () => {
    expect(sentencesOf('وی گفت: «ما آماده‌ایم»؛ سپس افزود: باید رفت.')).toEqual(['وی گفت: «ما آماده‌ایم»؛ سپس افزود: باید رفت.'])
  })

  it('splits at ؟ ! and …, and keeps runs of them together', () => {
    expect(sentencesOf('آیا می‌آیی؟ بله! شاید… نمی‌دانم؟! خوب.')).toEqual(['آیا می‌آیی؟', 'بله!', 'شاید…', 'نمی‌دانم؟!', 'خوب.'])
  })

  it('treats an ellipsis after و as "and so on"', () => {
    expect(sentencesOf('میوه، سبزی و ... را خرید. تمام.')).toEqual(['میوه، سبزی و ... را خرید.', 'تمام.'])
  })

  it('gives ranges that cover each sentence without surrounding spaces', () => {
    const text = '  اول.   دوم؟ '
    expect(sentenceRanges(text).map(([start, end]) => text.slice(start, end))).toEqual(['اول.', 'دوم؟'])
  })
})

describe('paragraph reconstruction', () => {
  const wrappedLine = (words: number, seed: string): string => Array.from({ length: words }, (_, i) => `${seed}${i % 7}`).join(' ')

  it('recognizes list markers', () => {
    for (const marker of ['۱. ', '1) ', '۱- ', '- ', '• ', 'الف) ', '(۲) ']) expect(listMarkerLength(`${marker}متن`)).toBe(marker.length)
    for (const text of ['۱۳۹۹ سال خوبی بود', '۳.۵ درصد', 'ه.ش سال', '۲۰-۳۰ درصد']) expect(listMarkerLength(text)).toBe(0)
  })

  it('starts a segment at each list item, even in hard-wrapped text', () => {
    const body = [wrappedLine(12, 'واژه'), wrappedLine(12, 'کلمه'), wrappedLine(12, 'حرف'), wrappedLine(12, 'نام')]
    const item = `۲. ${wrappedLine(11, 'مورد')}`
    const text = [body[0], body[1], 'پایان بند.', '۱. مورد نخست', item, body[2], 'ادامه دارد.', body[3], 'تمام.'].join('\n')
    const result = segmentText(text)
    expect(result.wrap.wrapped).toBe(true)
    expect(result.paragraphs.map((paragraph) => paragraph.kind)).toEqual(['body', 'list', 'list', 'body'])
    expect(result.sentences.map((sentence) => sentence.text)).toEqual([
      `${body[0]} ${body[1]} پایان بند.`,
      '۱. مورد نخست',
      `${item} ${body[2]} ادامه دارد.`,
      `${body[3]} تمام.`
    ])
  })

  it('does not split after the list marker itself', () => {
    expect(segmentSentences('۱. نخست این است.\n۲. دوم آن است.')).toEqual(['۱. نخست این است.', '۲. دوم آن است.'])
  })

  it('treats each line as a paragraph when the text is not wrapped', () => {
    const text = 'عنوان خبر\nجمله اول این است. جمله دوم\nخط سوم.'
    expect(segmentParagraphs(text)).toEqual([
      { sentences: ['عنوان خبر'] },
      { sentences: ['جمله اول این است.', 'جمله دوم'] },
      { sentences: ['خط سوم.'] }
    ])
  })

  it('handles CRLF line ends, a BOM-free empty text and white space only', () => {
    expect(segmentSentences('اول.\r\nدوم.\r\n')).toEqual(['اول.', 'دوم.'])
    expect(segmentText('').sentences).toEqual([])
    expect(segmentText(' \n\n \t\n').sentences).toEqual([])
  })

  it('runs in linear time (8x the input costs far less than 64x the time)', () => {
    const sample = `${readSample(SAMPLE_000)}\n\n${readSample(SAMPLE_003)}\n\n`
    const small = sample.repeat(20)
    const large = sample.repeat(160)
    segmentText(small) // warm-up
    const time = (text: string): number => {
      const started = performance.now()
      segmentText(text)
      return performance.now() - started
    }
    const smallTime = Math.min(time(small), time(small), time(small))
    const largeTime = Math.min(time(large), time(large))
    // A quadratic segmenter would take ~64x; allow generous noise on a shared machine.
    expect(largeTime / smallTime).toBeLessThan(20)
  })
})

import { describe, expect, it } from 'vitest'
import { persianLetterShare } from '../../../src/core/text/decode'
import { readSample, SAMPLE_000, SAMPLE_003 } from './samples'

/** The definition, as regular expressions: Arabic-script characters over all letters. */
function byRegex(text: string): number {
  const letters = text.match(/\p{L}/gu)?.length ?? 0
  return letters === 0 ? 0 : (text.match(/[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]/gu)?.length ?? 0) / letters
}

describe('persianLetterShare', () => {
  it('agrees with the regular-expression definition on samples and odd text', () => {
    const texts = [
      readSample(SAMPLE_000),
      readSample(SAMPLE_003),
      'Just English.',
      'وزیر کار با Sahil Babayev دیدار کرد ۱۲۳، ؟',
      '𝐀𝐁𝐂 𐐀 😀 ﷲ ﻻ سلام',
      'lone \ud800 surrogate \udc00 ک',
      '',
      '12345 !!!'
    ]
    for (const text of texts) expect(persianLetterShare(text)).toBeCloseTo(byRegex(text), 12)
  })

  it('takes well under a second on 20 MB of Persian', () => {
    const text = readSample(SAMPLE_003).repeat(Math.ceil(20e6 / 9000))
    const started = performance.now()
    expect(persianLetterShare(text)).toBeGreaterThan(0.9)
    expect(performance.now() - started).toBeLessThan(1500)
  })
})

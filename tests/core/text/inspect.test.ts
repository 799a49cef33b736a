import { beforeAll, describe, expect, it } from 'vitest'
import { detectScrambledLine, inspectText } from '../../../src/core/text/inspect'
import { type Lexicon, loadLexicon } from '../../../src/core/text/lexicon'
import { readSample, SAMPLE_000, SAMPLE_003 } from './samples'

let lexicon: Lexicon
beforeAll(async () => {
  lexicon = await loadLexicon()
})

describe('scrambled lines', () => {
  it('finds exactly lines 14, 27 and 41 of sample 000', () => {
    const findings = inspectText(readSample(SAMPLE_000), { lexicon }).filter((finding) => finding.kind === 'scrambled-order')
    expect(findings.map((finding) => finding.line)).toEqual([14, 27, 41])
  })

  it('repairs line 27 by reversing its word groups', () => {
    const line27 = inspectText(readSample(SAMPLE_000)).find((finding) => finding.line === 27 && finding.kind === 'scrambled-order')
    expect(line27?.suggestion.startsWith('تأمین اجتماعی در استان های مرزی، این وزارتخانه آمادگی خود را برای همکاری')).toBe(true)
  })

  it('leaves ordinary lines with a stray double space alone', () => {
    expect(detectScrambledLine('وزیر کار  و امور اجتماعی ایران با  همتای خود دیدار کرد.')).toBeNull()
    expect(detectScrambledLine('یک خط عادی بدون فاصله دوتایی')).toBeNull()
    expect(inspectText(readSample(SAMPLE_003)).filter((finding) => finding.kind === 'scrambled-order')).toEqual([])
  })

  it('uses a line starting with a sentence-final verb as a signal', () => {
    expect(detectScrambledLine('است. مهم  بسیار  موضوع  این  در')?.repaired).toBe('در این موضوع بسیار است. مهم')
  })
})

describe('other findings', () => {
  it('marks the agency ending of sample 003 as boilerplate', () => {
    const boilerplate = inspectText(readSample(SAMPLE_003)).filter((finding) => finding.kind === 'boilerplate')
    expect(boilerplate).toHaveLength(1)
    expect(boilerplate[0]).toMatchObject({ line: 13, original: 'انتهای پیام/', suggestion: '' })
  })

  it('reports missing ZWNJ, missing spaces and Arabic letters with 1-based lines', () => {
    const findings = inspectText('عنوان\nرئیسجمهور ميگويد\nروابط دوکشور', { lexicon })
    expect(findings.map((finding) => [finding.line, finding.kind, finding.suggestion])).toEqual([
      [2, 'missing-zwnj', 'رئیس\u200cجمهور'],
      [2, 'missing-zwnj', 'می\u200cگوید'],
      [3, 'missing-space', 'دو کشور']
    ])
    expect(inspectText('كتاب')[0]).toMatchObject({ line: 1, column: 1, kind: 'arabic-letters', suggestion: 'کتاب' })
  })

  it('orders findings by line and keeps offsets pointing at the original text', () => {
    const text = readSample(SAMPLE_000)
    const findings = inspectText(text, { lexicon })
    const kinds = new Set(findings.map((finding) => finding.kind))
    expect([...kinds].sort()).toEqual(['missing-space', 'missing-zwnj', 'scrambled-order'])
    for (let i = 1; i < findings.length; i++) expect(findings[i].line).toBeGreaterThanOrEqual(findings[i - 1].line)
    for (const finding of findings) expect(text.slice(finding.start, finding.end)).toBe(finding.original)
  })
})

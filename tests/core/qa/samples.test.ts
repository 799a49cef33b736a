import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { QA_CHECKS } from '../../../src/core/qa/finding'
import { runQa } from '../../../src/core/qa/runner'
import { readDelimitedTerms } from '../../../src/core/terms/delimited'
import { emptyTermbase, mergeTerms } from '../../../src/core/terms/model'
import { loadEnglishSpeller } from '../../../src/main/services/english-speller'
import { alignedDocument, QA_FIXTURES } from './helpers'

/**
 * The two sample articles with good translations (003: the shared English translation, in UK
 * spelling; 000: a US-spelling translation made for these tests). No check may raise an alarm
 * on them, except `term` where the translator rightly wrote a pronoun or a paraphrase.
 */
describe('false alarms on well translated samples', () => {
  let n = 0
  const terms = mergeTerms(emptyTermbase(), readDelimitedTerms(readFileSync(`${QA_FIXTURES}news-terms.csv`, 'utf8')).terms, () => `t${++n}`, 'now').termbase
    .terms

  for (const [stem, variant] of [
    ['003', 'en-GB'],
    ['000', 'en-US']
  ] as const) {
    it(`sample ${stem}: none from any check without a termbase`, async () => {
      const report = runQa(alignedDocument(stem), { speller: await loadEnglishSpeller(variant) })
      expect(report.findings).toEqual([])
      expect(report.rowsChecked).toBeGreaterThan(10)
    })

    it(`sample ${stem}: with a news termbase, only term findings where a pronoun or paraphrase stands for the term`, async () => {
      const report = runQa(alignedDocument(stem), { terms, speller: await loadEnglishSpeller(variant) })
      const others = report.findings.filter((finding) => finding.check !== 'term')
      expect(others).toEqual([])
      expect(report.counts.term).toBeLessThanOrEqual(4)
      for (const check of QA_CHECKS) if (check !== 'term') expect(report.counts[check]).toBe(0)
    })
  }
})

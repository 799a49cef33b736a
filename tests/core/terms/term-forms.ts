import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { TermMatcher } from '../../../src/core/terms/matcher'
import type { Term } from '../../../src/core/terms/model'

export interface FormCase {
  term: string
  text: string
  /** The words the term occupies in the text, or '' when the term is not there. */
  expected: string
}

export function formCases(): FormCase[] {
  const path = fileURLToPath(new URL('../../fixtures/qa/term-forms.tsv', import.meta.url))
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() && !line.startsWith('#'))
    .map((line) => {
      const [term, text, expected = ''] = line.split('\t')
      return { term, text, expected: expected.trim() }
    })
}

export function term(fa: string, en = 'x', id = fa): Term {
  return { id, fa, en, alternatives: [], forbidden: [], status: 'preferred', createdAt: '', updatedAt: '' }
}

/** Precision and recall of recognition over the cases: a hit counts when its words are exactly the expected ones. */
export function scoreForms(cases: FormCase[]): { precision: number; recall: number; tp: number; fp: number; fn: number; errors: string[] } {
  let tp = 0
  let fp = 0
  let fn = 0
  const errors: string[] = []
  for (const testCase of cases) {
    const hits = new TermMatcher([term(testCase.term)]).find(testCase.text).map((hit) => hit.text)
    const found = hits.includes(testCase.expected)
    if (testCase.expected && found) tp++
    if (testCase.expected && !found) {
      fn++
      errors.push(`missed ${testCase.expected} (${testCase.term}) in: ${testCase.text}`)
    }
    const wrong = hits.filter((hit) => hit !== testCase.expected)
    fp += wrong.length
    for (const hit of wrong) errors.push(`wrong hit ${hit} (${testCase.term}) in: ${testCase.text}`)
  }
  return { precision: tp / (tp + fp), recall: tp / (tp + fn), tp, fp, fn, errors }
}

// QA on large documents: the two sample articles with their good translations, repeated (each
// copy numbered, so no two rows are the same) to 1,000 and 10,000 sentences, with a news
// termbase padded to 5,000 terms, the UK dictionary and every check. The goal is under 2 s at
// 10,000 sentences. Also: term recognition precision and recall on the inflected-forms list.
// Run: npx tsx bench/qa.bench.ts   (or npm run bench qa)
import { readFileSync } from 'node:fs'
import { LibraryTranslations } from '../src/core/qa/checks/inconsistent'
import { QA_CHECKS } from '../src/core/qa/finding'
import { runQa } from '../src/core/qa/runner'
import { readDelimitedTerms } from '../src/core/terms/delimited'
import { TermMatcher } from '../src/core/terms/matcher'
import { emptyTermbase, mergeTerms, type Term } from '../src/core/terms/model'
import type { HamtaDocument, Row } from '../src/core/model'
import { loadEnglishSpeller } from '../src/main/services/english-speller'
import { alignedDocument, QA_FIXTURES } from '../tests/core/qa/helpers'
import { formCases, scoreForms } from '../tests/core/terms/term-forms'

const PERSIAN_DIGITS = '۰۱۲۳۴۵۶۷۸۹'
const persianNumber = (n: number): string => String(n).replace(/\d/g, (d) => PERSIAN_DIGITS[Number(d)])

const units: Row[] = [...alignedDocument('003').rows, ...alignedDocument('000').rows].filter((row) => !row.doNotTranslate)

function documentOf(sentences: number): HamtaDocument {
  const base = alignedDocument('003')
  const rows: Row[] = []
  for (let k = 0; rows.length < sentences; k++) {
    const unit = units[k % units.length]
    const copy = Math.floor(k / units.length) + 1
    rows.push({
      ...unit,
      id: `r${k + 1}`,
      source: unit.source.map((sentence, s) => ({ ...sentence, id: `s${k + 1}-${s}`, text: `${sentence.text} (${persianNumber(copy)})` })),
      target: `${unit.target} (${copy})`
    })
  }
  return { ...base, id: 'bench', rows }
}

function termbase(): Term[] {
  let n = 0
  const news = readDelimitedTerms(readFileSync(`${QA_FIXTURES}news-terms.csv`, 'utf8')).terms
  const letters = 'ابپتثجحخدذرزسشصضطظعغفقکگلمنوهی'
  const padding = Array.from({ length: 5000 - news.length }, (_, k) => ({
    fa: `${letters[k % letters.length]}${letters[(k * 7) % letters.length]}${letters[(k * 13) % letters.length]}واژه${k}`,
    en: `term${k}`
  }))
  return mergeTerms(emptyTermbase(), [...news, ...padding], () => `t${++n}`, 'now').termbase.terms
}

function fastest<T>(runs: number, run: () => T): { ms: number; result: T } {
  let best = Infinity
  let result!: T
  for (let i = 0; i < runs; i++) {
    const started = performance.now()
    result = run()
    best = Math.min(best, performance.now() - started)
  }
  return { ms: best, result }
}

const speller = await loadEnglishSpeller('en-GB')
const terms = termbase()
const built = fastest(1, () => new TermMatcher(terms))
console.log(`termbase: ${terms.length} terms, matcher built in ${built.ms.toFixed(0)} ms`)
const library = LibraryTranslations.fromDocuments([documentOf(2000)].map((doc) => ({ ...doc, id: 'other' })))

for (const sentences of [1000, 10000]) {
  const doc = documentOf(sentences)
  const { ms, result } = fastest(3, () => runQa(doc, { terms: built.result, speller, library }))
  const counts = QA_CHECKS.filter((check) => result.counts[check] > 0).map((check) => `${check} ${result.counts[check]}`)
  console.log(`${sentences} sentences: all checks ${ms.toFixed(0)} ms (${counts.join(', ') || 'no findings'})`)
  if (sentences === 10000) {
    const parts = QA_CHECKS.map((check) => `${check} ${fastest(1, () => runQa(doc, { terms: built.result, speller, library, checks: [check] })).ms.toFixed(0)}`)
    console.log(`  per check (ms): ${parts.join(', ')}`)
    if (ms > 2000) process.exitCode = 1
  }
}

const forms = scoreForms(formCases())
console.log(
  `term recognition on ${formCases().length} cases from the sample articles: precision ${forms.precision.toFixed(3)} (${forms.tp}/${forms.tp + forms.fp}), recall ${forms.recall.toFixed(3)} (${forms.tp}/${forms.tp + forms.fn})`
)

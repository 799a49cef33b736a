// Sentence aligner: time for 10,000 × 10,000 sentences, growth from 1x to 8x input, memory, and
// strict / lax F1 on the dev pair and the constructed cases. Run: npx tsx bench/align.bench.ts
import { alignSentences } from '../src/core/align/aligner'
import { laxScore, strictScore } from '../src/core/align/evaluate'
import { baseCases, concatenate, constructedCases, type AlignmentCase } from '../tests/fixtures/align/cases'

const bases = baseCases()
const variants = [...bases, ...constructedCases(bases)]

/** A long document made by repeating the pairs and their perturbed variants, gold kept in step. */
function document(sentences: number): AlignmentCase {
  const parts: AlignmentCase[] = []
  let count = 0
  for (let k = 0; count < sentences; k++) {
    const part = variants[k % variants.length]
    parts.push(part)
    count += part.source.length
  }
  return concatenate(`${sentences}`, parts)
}

function time(testCase: AlignmentCase, runs: number): { ms: number; f1: number } {
  let best = Infinity
  let f1 = 0
  for (let k = 0; k < runs; k++) {
    const start = performance.now()
    const result = alignSentences(testCase.source, testCase.target)
    best = Math.min(best, performance.now() - start)
    f1 = strictScore(result.beads, testCase.gold).f1
  }
  return { ms: best, f1 }
}

const gc = (globalThis as { gc?: () => void }).gc

// Warm up the JIT on a mid-sized input first.
time(document(2000), 1)

const big = document(10_000)
gc?.()
const heapBefore = process.memoryUsage().heapUsed
const bigRun = time(big, 3)
const heapAfter = process.memoryUsage().heapUsed
console.log(
  `align ${big.source.length} x ${big.target.length} sentences: ${bigRun.ms.toFixed(0)} ms (best of 3), strict F1 ${bigRun.f1.toFixed(3)}  [target < 2000 ms]`
)
console.log(`heap after the run: ${((heapAfter - heapBefore) / 1e6).toFixed(1)} MB retained`)

const small = document(2_500)
const large = document(20_000)
const smallRun = time(small, 5)
const largeRun = time(large, 2)
const ratio = largeRun.ms / smallRun.ms
const sizeRatio = large.source.length / small.source.length
console.log(
  `scaling: ${small.source.length} sentences ${smallRun.ms.toFixed(0)} ms, ${large.source.length} sentences ${largeRun.ms.toFixed(0)} ms: ` +
    `${sizeRatio.toFixed(1)}x input costs ${ratio.toFixed(2)}x time  [target <= 9x for 8x]`
)

console.log('\nF1 per case (strict = exact beads, lax = sentence links):')
const rows: Array<{ name: string; strict: number; lax: number }> = []
for (const testCase of [...variants, concatenate('all-joined', bases), ...constructedCases([concatenate('all-joined', bases)])]) {
  const result = alignSentences(testCase.source, testCase.target)
  rows.push({ name: testCase.name, strict: strictScore(result.beads, testCase.gold).f1, lax: laxScore(result.beads, testCase.gold).f1 })
}
for (const row of rows) console.log(`  ${row.name.padEnd(34)} strict ${row.strict.toFixed(3)}  lax ${row.lax.toFixed(3)}`)
const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length
const constructed = rows.filter((row) => row.name.includes('/'))
const dev = rows.find((row) => row.name === 'dev-003')
if (dev) console.log(`dev set: strict ${dev.strict.toFixed(3)}, lax ${dev.lax.toFixed(3)}`)
console.log(
  `unmodified pairs (${rows.length - constructed.length}): mean strict ${mean(rows.filter((r) => !r.name.includes('/')).map((r) => r.strict)).toFixed(3)}, lax ${mean(rows.filter((r) => !r.name.includes('/')).map((r) => r.lax)).toFixed(3)}`
)
console.log(
  `constructed cases (${constructed.length}): mean strict ${mean(constructed.map((r) => r.strict)).toFixed(3)}, lax ${mean(constructed.map((r) => r.lax)).toFixed(3)}, worst strict ${Math.min(...constructed.map((r) => r.strict)).toFixed(3)}`
)

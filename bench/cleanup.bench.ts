// Cleanup proposals on large documents: the sample articles repeated to 1,000 and 10,000
// sentences. Proposing should take time linear in the document's size, and accepting every
// proposal of a kind likewise.
// Run: npx tsx bench/cleanup.bench.ts   (or npm run bench cleanup)
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { createDocument, type HamtaDocument } from '../src/core/model'
import { applyCleanup } from '../src/core/text/apply-cleanup'
import { proposeCleanup } from '../src/core/text/cleanup'
import { loadLexicon } from '../src/core/text/lexicon'
import { segmentParagraphs } from '../src/core/text/segment'

const root = fileURLToPath(new URL('..', import.meta.url))
const seedFolders = [path.resolve(root, '..', 'shared', 'seeds'), path.join(root, 'resources', 'samples')]
const SAMPLES = ['000_6be2688a1683f03a.txt', '003_1f132d0afecd6292.txt']

function sampleText(name: string): string {
  const folder = seedFolders.find((candidate) => existsSync(path.join(candidate, name)))
  if (!folder) throw new Error(`sample ${name} not found`)
  return readFileSync(path.join(folder, name), 'utf8')
}

const unit = SAMPLES.map(sampleText).join('\n\n') + '\n\n'
const unitParagraphs = segmentParagraphs(unit)
const unitSentences = unitParagraphs.reduce((count, paragraph) => count + paragraph.sentences.length, 0)

/** The samples repeated until the document holds `sentences` sentences (the last copy cut short). */
function documentOf(sentences: number): HamtaDocument {
  const copies = Math.ceil(sentences / unitSentences)
  const paragraphs: Array<{ sentences: string[] }> = []
  let left = sentences
  for (let copy = 0; copy < copies && left > 0; copy++) {
    for (const paragraph of unitParagraphs) {
      if (left === 0) break
      const taken = paragraph.sentences.slice(0, left)
      paragraphs.push({ sentences: taken })
      left -= taken.length
    }
  }
  return createDocument({ id: 'bench', now: 'now', fileName: 'bench.txt', encoding: 'UTF-8', originalText: unit.repeat(copies), paragraphs })
}

/** The fastest of `runs` runs, so one disturbed run on a shared machine does not decide the figure. */
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

const lexicon = await loadLexicon()
// Warm-up, so both sizes run optimized code.
proposeCleanup(documentOf(1_000), { lexicon })

console.log('Cleanup proposals')
const figures: number[] = []
for (const size of [1_000, 10_000]) {
  const doc = documentOf(size)
  try {
    const { ms, result } = fastest(size > 1_000 ? 3 : 5, () => proposeCleanup(doc, { lexicon }))
    figures.push(ms)
    const kinds = new Map<string, number>()
    for (const proposal of result) kinds.set(proposal.kind, (kinds.get(proposal.kind) ?? 0) + 1)
    const ids = result.filter((proposal) => proposal.kind === 'missing-zwnj').map((proposal) => proposal.id)
    const accept = fastest(1, () =>
      applyCleanup(
        doc,
        result.filter((proposal) => proposal.kind === 'missing-zwnj'),
        'now'
      )
    )
    console.log(
      `  ${String(size).padStart(6)} sentences: proposeCleanup ${ms.toFixed(0).padStart(6)} ms, ${result.length} proposals (${[...kinds].map(([kind, count]) => `${kind} ${count}`).join(', ')}); accept all ${ids.length} missing-zwnj ${accept.ms.toFixed(0)} ms`
    )
  } catch (error) {
    console.log(`  ${String(size).padStart(6)} sentences: proposeCleanup failed: ${error instanceof Error ? error.message : String(error)}`)
  }
}
if (figures.length === 2) console.log(`  scaling 1k -> 10k: ${(figures[1] / figures[0]).toFixed(1)}x time for 10x sentences (linear: about 10x)`)

// Sentence aligner on real parallel text (published Persian and English translations, see
// /work/shared/align-real-dev/README.md): strict F1 and time per variant, and strict F1, time and
// peak memory at 1,000, 10,000 and 20,000 units, each size in a fresh process so memory figures
// are its own. Also 1:0 / 0:1 recall and how many wrong beads fall below the low-confidence
// threshold. Run: npx tsx bench/align-real.bench.ts
import { spawnSync } from 'node:child_process'
import { buildSync } from 'esbuild'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { alignSentences, type DictionaryIndex } from '../src/core/align/aligner'
import { loadWordList } from '../src/main/word-list'
import { strictScore } from '../src/core/align/evaluate'
import { LOW_CONFIDENCE } from '../src/core/review/overview'
import {
  omissionRecall,
  REAL_ALIGN_FOLDER,
  realSetPresent,
  scaleDocument,
  sentenceDocument,
  sentenceScore,
  SIZES,
  VARIANTS,
  variantDocuments,
  type RealDocument
} from './align-real-data'

interface Figures {
  f1: number
  ms: number
  /** CPU time: wall time on a shared machine says as much about the neighbours as about this. */
  cpuMs: number
  found: number
  /** Missed 1:0 / 0:1 beads with a low-confidence bead at or next to the left-out sentence. */
  flagged: number
  total: number
  wrong: number
  wrongLow: number
  right: number
  rightLow: number
}

function noFigures(): Figures {
  return { f1: 0, ms: 0, cpuMs: 0, found: 0, flagged: 0, total: 0, wrong: 0, wrongLow: 0, right: 0, rightLow: 0 }
}

function measure(doc: RealDocument, wordList?: DictionaryIndex): Figures {
  const start = performance.now()
  const cpu = process.cpuUsage()
  const result = alignSentences(doc.source, doc.target, { wordList })
  const ms = performance.now() - start
  const used = process.cpuUsage(cpu)
  const cpuMs = (used.user + used.system) / 1000
  const gold = new Set(doc.gold.map((b) => `${b.src.join(',')}|${b.tgt.join(',')}`))
  const figures: Figures = {
    f1: strictScore(result.beads, doc.gold).f1,
    ms,
    cpuMs,
    ...omissionRecall(result.beads, doc.gold, LOW_CONFIDENCE),
    wrong: 0,
    wrongLow: 0,
    right: 0,
    rightLow: 0
  }
  for (const bead of result.beads) {
    const low = bead.confidence < LOW_CONFIDENCE ? 1 : 0
    if (gold.has(`${bead.src.join(',')}|${bead.tgt.join(',')}`)) {
      figures.right++
      figures.rightLow += low
    } else {
      figures.wrong++
      figures.wrongLow += low
    }
  }
  return figures
}

function describe(f: Figures): string {
  const omissions =
    f.total > 0 ? `  1:0/0:1 recall ${(f.found / f.total).toFixed(2)} (found or flagged ${((f.found + f.flagged) / f.total).toFixed(2)})` : ''
  const low = f.wrong > 0 ? `  wrong beads < ${LOW_CONFIDENCE}: ${f.wrongLow}/${f.wrong}` : ''
  return `${omissions}${low}  right beads < ${LOW_CONFIDENCE}: ${f.rightLow}/${f.right}`
}

/** Where this script, compiled, is (see compiled). Declared before the code below runs. */
let compiledPath: string | undefined

const sizeArgument = process.argv.indexOf('--size')
if (sizeArgument >= 0) {
  // Child: one scale document, figures as JSON on stdout.
  const doc = scaleDocument(Number(process.argv[sizeArgument + 1]) as (typeof SIZES)[number])
  const wordList = process.argv.includes('--word-list') ? await loadWordList() : undefined
  const before = process.memoryUsage().rss
  const figures = measure(doc, wordList)
  process.stdout.write(JSON.stringify({ ...figures, peakMb: process.resourceUsage().maxRSS / 1024, baseMb: before / 1e6 / 1.048576 }))
} else if (process.argv.includes('--sentences')) {
  // Child: one scale document as the app aligns it, from segmented text.
  const doc = scaleDocument(Number(process.argv[process.argv.indexOf('--sentences') + 1]) as (typeof SIZES)[number])
  const sentences = sentenceDocument(doc)
  const wordList = await loadWordList()
  const start = performance.now()
  const result = alignSentences(sentences.source, sentences.target, {
    wordList,
    paragraphs: process.argv.includes('--no-paragraphs') ? undefined : sentences.paragraphs
  })
  const ms = performance.now() - start
  process.stdout.write(
    JSON.stringify({
      ...sentenceScore(result.beads, doc, sentences),
      ms,
      n: sentences.source.length,
      m: sentences.target.length,
      peakMb: process.resourceUsage().maxRSS / 1024
    })
  )
} else if (!realSetPresent()) {
  console.log(`real parallel-text set not found at ${REAL_ALIGN_FOLDER}: skipped`)
} else {
  const wordList = await loadWordList()
  // The aligner as the app runs it (with the word list it ships), then on its own.
  await report(`with Hamta's word list (${wordList?.pairs ?? 0} pairs), as the app aligns`, wordList)
  await report('without a word list (lengths, anchors and what the text teaches)', undefined)
  reportSentences()
}

/**
 * This script compiled to JavaScript (bundled, packages left to node_modules), for the children
 * that measure time and memory: the app runs compiled code, and the TypeScript loader alone adds
 * about 30 MB to a process's peak memory.
 */
function compiled(self: string): string {
  if (compiledPath) return compiledPath
  const outfile = join(dirname(self), '..', 'node_modules', '.cache', 'hamta-bench', 'align-real.bench.mjs')
  buildSync({
    entryPoints: [self],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'error'
  })
  compiledPath = outfile
  return outfile
}

/** The book as the app aligns it: each unit a paragraph, segmented into sentences on each side. */
function reportSentences(): void {
  console.log('book scale as the app aligns it: units segmented into sentences, paragraphs given (each in its own process):')
  const self = fileURLToPath(import.meta.url)
  const runs: Array<[number, string[]]> = [
    [1000, []],
    [10000, []],
    [20000, []],
    [10000, ['--no-paragraphs']]
  ]
  for (const [size, flags] of runs) {
    const child = spawnSync(process.execPath, [compiled(self), '--sentences', String(size), ...flags], { encoding: 'utf8' })
    if (child.status !== 0) {
      console.log(`  ${size}: failed\n${child.stderr}`)
      process.exitCode = 1
      continue
    }
    const f = JSON.parse(child.stdout) as ReturnType<typeof sentenceScore> & { ms: number; n: number; m: number; peakMb: number }
    console.log(
      `  ${String(size).padStart(6)} units (${f.n} Persian, ${f.m} English sentences)${flags.length ? ' without paragraphs' : ''}: paired beads within one gold bead ${f.withinGold.toFixed(3)}, one-sided beads ${f.oneSided} (${f.leftOut} of them left out in the gold)  ${(f.ms / 1000).toFixed(2)} s  peak ${f.peakMb.toFixed(0)} MB`
    )
  }
}

async function report(label: string, wordList: DictionaryIndex | undefined): Promise<void> {
  const total = noFigures()
  const add = (into: Figures, f: Figures) => {
    for (const key of Object.keys(into) as Array<keyof Figures>) into[key] += f[key]
  }
  console.log(`${label}:`)
  // Warm the JIT so the first variant's time is not mostly compilation.
  for (const doc of variantDocuments('clean').slice(0, 3)) alignSentences(doc.source, doc.target, { wordList })
  console.log('strict F1 per variant (mean over documents), time for all its documents:')
  for (const variant of VARIANTS) {
    const docs = variantDocuments(variant)
    const sum = noFigures()
    for (const doc of docs) add(sum, measure(doc, wordList))
    add(total, sum)
    console.log(
      `  ${variant.padEnd(7)} strict F1 ${(sum.f1 / docs.length).toFixed(3)}  ${sum.ms.toFixed(0)} ms (CPU ${sum.cpuMs.toFixed(0)} ms) for ${docs.length}${describe(sum)}`
    )
  }
  const self = fileURLToPath(import.meta.url)
  const sizes = process.env.HAMTA_ALIGN_SIZES ? process.env.HAMTA_ALIGN_SIZES.split(',').map(Number) : [...SIZES]
  console.log('book scale (variant "both"), each size in its own process:')
  // Book sizes run in several fresh processes: this machine's speed varies by 15% from one run
  // to the next. The alignment is the same each time; time is the median, memory the highest.
  const runs = Math.max(1, Number(process.env.HAMTA_ALIGN_RUNS ?? 3))
  for (const size of sizes) {
    const flags = wordList ? ['--word-list'] : []
    const measured: Array<Figures & { peakMb: number; baseMb: number }> = []
    for (let run = 0; run < runs; run++) {
      const child = spawnSync(process.execPath, [compiled(self), '--size', String(size), ...flags], { encoding: 'utf8' })
      if (child.status !== 0) {
        console.log(`  ${size}: failed\n${child.stderr}`)
        process.exitCode = 1
        break
      }
      measured.push(JSON.parse(child.stdout) as Figures & { peakMb: number; baseMb: number })
    }
    if (measured.length < runs) continue
    measured.sort((a, b) => a.ms - b.ms)
    const f = measured[measured.length >> 1]
    const peakMb = Math.max(...measured.map((m) => m.peakMb))
    const spread = runs > 1 ? `, median of ${runs}: ${(measured[0].ms / 1000).toFixed(2)}–${(measured[runs - 1].ms / 1000).toFixed(2)} s` : ''
    add(total, f)
    console.log(
      `  ${String(size).padStart(6)} units  strict F1 ${f.f1.toFixed(3)}  ${(f.ms / 1000).toFixed(2)} s (CPU ${(f.cpuMs / 1000).toFixed(2)} s${spread})  peak ${peakMb.toFixed(0)} MB (process before: ${f.baseMb.toFixed(0)} MB)${describe(f)}`
    )
  }
  console.log(
    `overall: 1:0/0:1 recall ${(total.found / total.total).toFixed(2)} (found or flagged ${((total.found + total.flagged) / total.total).toFixed(2)}), ${((100 * total.wrongLow) / Math.max(1, total.wrong)).toFixed(0)}% of wrong beads below ${LOW_CONFIDENCE} confidence (${((100 * total.rightLow) / Math.max(1, total.right)).toFixed(1)}% of right ones)`
  )
}

// Runs hunalign (built by build.sh) on the real parallel-text development set and prints its
// strict F1, time and peak memory beside nothing else: for comparison with bench/align-real.
// With an empty dictionary, then with Hamta's word list as its dictionary (the same pairs the
// app's aligner gets). Run: npx tsx tools/hunalign/score.ts [/tmp/hunalign-bin]
// (HUNALIGN_SIZES=1000 limits the book-scale runs.)
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  omissionRecall,
  realSetPresent,
  scaleDocument,
  SIZES,
  VARIANTS,
  variantDocuments,
  type RealBead,
  type RealDocument
} from '../../bench/align-real-data'
import { gunzipSync } from 'node:zlib'
import { strictScore } from '../../src/core/align/evaluate'
import { parseWordList } from '../../src/core/align/word-list'
import { wordListPath } from '../../src/main/word-list'

const bin = process.argv[2] ?? '/tmp/hunalign-bin'
const scratch = mkdtempSync(join(tmpdir(), 'hunalign-'))

/** hunalign's ladder (rungs "i j score") to beads: each bead lies between two rungs. */
function ladderToBeads(ladder: string): RealBead[] {
  const rungs = ladder
    .trim()
    .split('\n')
    .map((line) => line.split('\t').map(Number))
  const beads: RealBead[] = []
  for (let k = 0; k + 1 < rungs.length; k++) {
    const [i0, j0] = rungs[k]
    const [i1, j1] = rungs[k + 1]
    const src: number[] = []
    const tgt: number[] = []
    for (let i = i0; i < i1; i++) src.push(i)
    for (let j = j0; j < j1; j++) tgt.push(j)
    if (src.length + tgt.length > 0) beads.push({ src, tgt })
  }
  return beads
}

function tokenize(line: string): string {
  return line
    .toLowerCase()
    .replace(/([^\p{L}\p{N}\p{M}\u200c\s'-])/gu, ' $1 ')
    .replace(/\s+/g, ' ')
    .trim()
}

/** hunalign's dictionary format: "target phrase @ source phrase" a line, tokenised as the text. */
function writeDictionary(): string {
  const path = join(scratch, 'word-list.dic')
  const pairs = parseWordList(gunzipSync(readFileSync(wordListPath())).toString('utf8'))
  writeFileSync(path, pairs.map((pair) => `${tokenize(pair.target)} @ ${tokenize(pair.source)}`).join('\n') + '\n')
  return path
}

function run(doc: RealDocument, realign: boolean, dictionary: string): { beads: RealBead[]; seconds: number; mb: number } {
  const fa = join(scratch, 'doc.fa')
  const en = join(scratch, 'doc.en')
  // hunalign expects tokenised text: punctuation apart from words, and its -realign dictionary
  // learning works on lower-cased tokens.
  writeFileSync(fa, doc.source.map(tokenize).join('\n') + '\n')
  writeFileSync(en, doc.target.map(tokenize).join('\n') + '\n')
  const args = ['-f', '%e %M', `${bin}/hunalign`, ...(realign ? ['-realign'] : []), dictionary, fa, en]
  // hunalign leaves a translate.txt in its working folder: run it in the scratch folder.
  const result = spawnSync('/usr/bin/time', args, { encoding: 'utf8', maxBuffer: 1 << 28, cwd: scratch })
  const last = result.stderr.trim().split('\n').pop()!.split(' ')
  return { beads: ladderToBeads(result.stdout), seconds: Number(last[0]), mb: Number(last[1]) / 1024 }
}

if (!realSetPresent()) {
  console.log('real parallel-text set not found; nothing to compare')
} else {
  readFileSync(`${bin}/hunalign`)
  const sizes = process.env.HUNALIGN_SIZES ? process.env.HUNALIGN_SIZES.split(',').map(Number) : [...SIZES]
  const runs = [
    { realign: false, dictionary: `${bin}/empty.dic`, label: 'empty dictionary' },
    { realign: true, dictionary: `${bin}/empty.dic`, label: 'empty dictionary' },
    { realign: false, dictionary: writeDictionary(), label: "Hamta's word list as its dictionary" },
    { realign: true, dictionary: writeDictionary(), label: "Hamta's word list as its dictionary" }
  ]
  for (const { realign, dictionary, label } of runs) {
    console.log(`\nhunalign${realign ? ' -realign' : ''} (${label})`)
    for (const variant of VARIANTS) {
      const docs = variantDocuments(variant)
      let f1 = 0
      let seconds = 0
      let found = 0
      let total = 0
      for (const doc of docs) {
        const out = run(doc, realign, dictionary)
        f1 += strictScore(out.beads, doc.gold).f1 / docs.length
        seconds += out.seconds
        const recall = omissionRecall(out.beads, doc.gold)
        found += recall.found
        total += recall.total
      }
      console.log(
        `  ${variant.padEnd(7)} strict F1 ${f1.toFixed(3)}  ${seconds.toFixed(2)} s for ${docs.length}${total ? `  1:0/0:1 recall ${(found / total).toFixed(2)}` : ''}`
      )
    }
    for (const size of sizes) {
      const doc = scaleDocument(size as (typeof SIZES)[number])
      const out = run(doc, realign, dictionary)
      const recall = omissionRecall(out.beads, doc.gold)
      console.log(
        `  ${doc.name.padEnd(11)} strict F1 ${strictScore(out.beads, doc.gold).f1.toFixed(3)}  ${out.seconds.toFixed(2)} s  ${out.mb.toFixed(0)} MB  1:0/0:1 recall ${(recall.found / recall.total).toFixed(2)}`
      )
    }
  }
}

// Cleanup precision on real news: the proposals made for tests/fixtures/news (Fars News and
// Varzesh3 articles) scored against the hand-judged labels in tests/fixtures/news/labels.json,
// per kind and per certainty (sure proposals may be accepted all at once; the others are shown
// for review); sentences without letters or digits in the segmentation; and scrambled-line
// precision and recall on lines of the same articles reversed as PDF extraction reverses them.
// Run: npx tsx bench/cleanup-precision.ts
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { createDocument } from '../src/core/model'
import { proposeCleanup, type CleanupKind } from '../src/core/text/cleanup'
import { loadLexicon } from '../src/core/text/lexicon'
import { segmentParagraphs } from '../src/core/text/segment'
import { scoreScrambledDetection, scrambledLineSet, type DetectionScore } from './cleanup-precision-scrambled'

const root = fileURLToPath(new URL('..', import.meta.url))
const folder = path.join(root, 'tests', 'fixtures', 'news')
export const NEWS_FILES = ['fars.txt', 'varzesh3.txt']

interface Label {
  kind: CleanupKind
  original: string
  replacement: string
  correct: boolean
  reason: string
}

export interface KindScore {
  proposals: number
  labelled: number
  correct: number
  precision: number
}

export interface PrecisionReport {
  bytes: number
  sentences: number
  letterless: string[]
  /** By kind, then by certainty: all, sure (offered for accepting all), review. */
  kinds: Record<string, { all: KindScore; sure: KindScore; review: KindScore }>
  scrambled: DetectionScore
}

export function newsText(file: string): string {
  return readFileSync(path.join(folder, file), 'utf8')
}

function labels(): Map<string, Label> {
  const data = JSON.parse(readFileSync(path.join(folder, 'labels.json'), 'utf8')) as { labels: Label[] }
  return new Map(data.labels.map((label) => [`${label.kind}\u0000${label.original}\u0000${label.replacement}`, label]))
}

const empty = (): KindScore => ({ proposals: 0, labelled: 0, correct: 0, precision: 1 })

export async function measureCleanupPrecision(): Promise<PrecisionReport> {
  const lexicon = await loadLexicon()
  const judged = labels()
  const kinds: PrecisionReport['kinds'] = {}
  const letterless: string[] = []
  let sentences = 0
  let bytes = 0
  for (const file of NEWS_FILES) {
    const text = newsText(file)
    bytes += Buffer.byteLength(text)
    const paragraphs = segmentParagraphs(text)
    for (const paragraph of paragraphs) {
      for (const sentence of paragraph.sentences) {
        sentences++
        if (!/[\p{L}\p{N}]/u.test(sentence)) letterless.push(sentence)
      }
    }
    const doc = createDocument({ id: file, now: 'now', fileName: file, encoding: 'UTF-8', originalText: text, paragraphs })
    for (const proposal of proposeCleanup(doc, { lexicon })) {
      const scores = (kinds[proposal.kind] ??= { all: empty(), sure: empty(), review: empty() })
      const label = judged.get(`${proposal.kind}\u0000${proposal.original}\u0000${proposal.replacement}`)
      for (const score of [scores.all, proposal.certain ? scores.sure : scores.review]) {
        score.proposals++
        if (!label) continue
        score.labelled++
        if (label.correct) score.correct++
      }
    }
  }
  for (const scores of Object.values(kinds)) {
    for (const score of [scores.all, scores.sure, scores.review]) score.precision = score.labelled === 0 ? 1 : score.correct / score.labelled
  }
  const scrambled = scoreScrambledDetection(scrambledLineSet(NEWS_FILES.map(newsText).join('\n')), lexicon.frequency)
  return { bytes, sentences, letterless, kinds, scrambled }
}

const format = (score: KindScore): string =>
  score.labelled === 0
    ? `${score.proposals} (none labelled)`
    : `${score.precision.toFixed(3)} (${score.correct}/${score.labelled} labelled of ${score.proposals})`

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const report = await measureCleanupPrecision()
  console.log(`news sample: ${NEWS_FILES.join(', ')}, ${(report.bytes / 1024).toFixed(0)} KB, ${report.sentences} sentences`)
  console.log(`sentences without letters or digits: ${report.letterless.length}`)
  for (const [kind, scores] of Object.entries(report.kinds)) {
    console.log(`${kind}: all ${format(scores.all)}; sure ${format(scores.sure)}; review ${format(scores.review)}`)
  }
  const s = report.scrambled
  console.log(
    `scrambled lines: precision ${s.precision.toFixed(3)}, recall ${s.recall.toFixed(3)} (${s.truePositives} of ${s.reversed} reversed lines found, ${s.falsePositives} false alarms in ${s.lines - s.reversed} lines in reading order)`
  )
}

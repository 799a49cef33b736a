import { readFileSync } from 'node:fs'
import { basename } from 'node:path'
import { alignSentences, paragraphStartsOf } from '../../core/align/aligner'
import type { GlossaryPair } from '../../core/align/anchors'
import { UserError } from '../../core/errors'
import type { BilingualDocument, BilingualUnit } from '../../core/formats/bilingual'
import { titleFromText } from '../../core/model'
import { decodeTextFile } from '../../core/text/decode'
import { segmentEnglishParagraphs } from '../../core/text/english-segmenter'
import { segmentParagraphs } from '../../core/text/segment'
import { loadWordList } from '../../main/word-list'
import type { CliCommand } from '../command'
import {
  EXPORT_OPTIONS_USAGE,
  ProgressBar,
  checkOutputOptions,
  newOutputOptions,
  parseOutputOption,
  writeExportFile,
  type OutputOptions
} from './export'

const USAGE = `Usage: hamta align SRC TGT [--json] [--presegmented] [--glossary FILE]
       hamta align SRC TGT [--presegmented] --format F --out FILE [OPTIONS]

Aligns the sentences of a Persian text (SRC) with those of its English translation (TGT).

Options:
  --json           print {"beads": [{"src": [0], "tgt": [0, 1], "score": 0.93}, ...],
                   "source": [...], "target": [...]} (0-based sentence indices; score is the
                   aligner's confidence in the bead, 0..1)
  --presegmented   every non-empty line of SRC and TGT is one sentence, in order
  --glossary FILE  term pairs that help the alignment, one per line: Persian<TAB>English

Writing the alignment as a bilingual file (one unit per bead, status draft where there is an
English side, the bead's score as its confidence, the first Persian sentence as the title):
${EXPORT_OPTIONS_USAGE}
`

function readText(path: string): string {
  let bytes: Uint8Array
  try {
    bytes = readFileSync(path)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') throw new UserError(`${path}: no such file.`, 'not-found')
    if (code === 'EISDIR') throw new UserError(`${path} is a folder, not a text file.`, 'not-file')
    throw new UserError(`${path} cannot be read (${code ?? 'error'}).`, 'unreadable')
  }
  return decodeTextFile(bytes, basename(path)).text
}

function presegmented(text: string): string[] {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => line.trim())
    .filter(Boolean)
}

/** Paragraph index of each presegmented line: blank lines separate paragraphs. */
function presegmentedParagraphs(text: string): number[] {
  const indices: number[] = []
  let paragraph = 0
  let blankBefore = false
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (!line.trim()) {
      blankBefore = true
      continue
    }
    if (blankBefore && indices.length > 0) paragraph++
    blankBefore = false
    indices.push(paragraph)
  }
  return indices
}

function readGlossary(path: string): GlossaryPair[] {
  const pairs: GlossaryPair[] = []
  for (const line of presegmented(readText(path))) {
    const [source, target] = line.split('\t')
    if (source?.trim() && target?.trim()) pairs.push({ source: source.trim(), target: target.trim() })
  }
  return pairs
}

interface AlignArgs {
  source: string
  target: string
  json: boolean
  presegmented: boolean
  glossary?: string
  output: OutputOptions
}

function parseArgs(args: string[]): AlignArgs {
  const files: string[] = []
  let json = false
  let isPresegmented = false
  let glossary: string | undefined
  const output = newOutputOptions()
  for (let k = 0; k < args.length; k++) {
    const arg = args[k]
    const used = parseOutputOption(args, k, output)
    if (used >= 0) k = used
    else if (arg === '--json') json = true
    else if (arg === '--presegmented') isPresegmented = true
    else if (arg === '--glossary') {
      glossary = args[++k]
      if (!glossary) throw new UserError('--glossary needs a file name.', 'usage')
    } else if (arg.startsWith('--glossary=')) glossary = arg.slice('--glossary='.length)
    else if (arg.startsWith('-') && arg !== '-') throw new UserError(`unknown option ${arg}. Run 'hamta align --help'.`, 'usage')
    else files.push(arg)
  }
  if (files.length !== 2) throw new UserError(`expected two files, SRC and TGT, got ${files.length}. Run 'hamta align --help'.`, 'usage')
  return { source: files[0], target: files[1], json, presegmented: isPresegmented, glossary, output }
}

/** Paragraph index of each sentence of segmented paragraphs. */
function paragraphIndices(paragraphs: ReadonlyArray<{ sentences: readonly string[] }>): number[] {
  return paragraphs.flatMap((paragraph, index) => paragraph.sentences.map(() => index))
}

/** The alignment as a bilingual document: one unit per bead, English sides as drafts. */
function alignmentDocument(
  source: string[],
  target: string[],
  beads: Array<{ src: number[]; tgt: number[]; score: number }>,
  paragraphs: number[],
  now: string
): BilingualDocument {
  let paragraph = 0
  const units = beads.map((bead, index): BilingualUnit => {
    // A bead with English only continues the paragraph of the bead before it.
    if (bead.src.length > 0) paragraph = paragraphs[bead.src[0]] ?? paragraph
    return {
      id: `b${index + 1}`,
      source: bead.src.map((k) => source[k]),
      target: bead.tgt.map((k) => target[k]),
      status: bead.tgt.length > 0 ? 'draft' : 'untranslated',
      confidence: bead.score,
      alignment: 'auto',
      paragraph,
      tags: [],
      comments: []
    }
  })
  return { title: titleFromText(source[0] ?? ''), sourceLang: 'fa', targetLang: 'en', createdAt: now, units }
}

function formatIndices(indices: number[]): string {
  if (indices.length === 0) return '-'
  return indices.length === 1 ? String(indices[0]) : `${indices[0]}-${indices[indices.length - 1]}`
}

export const alignCommand: CliCommand = {
  name: 'align',
  summary: 'align the sentences of a Persian text with its English translation',
  usage: USAGE,
  async run(args, io) {
    const options = parseArgs(args)
    const output = checkOutputOptions(options.output, 'align')
    const sourceText = readText(options.source)
    const targetText = readText(options.target)
    const sourceParagraphs = options.presegmented ? undefined : segmentParagraphs(sourceText)
    const source = sourceParagraphs ? sourceParagraphs.flatMap((paragraph) => paragraph.sentences) : presegmented(sourceText)
    const targetParagraphs = options.presegmented ? undefined : segmentEnglishParagraphs(targetText)
    const target = targetParagraphs ? targetParagraphs.flatMap((paragraph) => paragraph.sentences) : presegmented(targetText)
    if (source.length === 0) throw new UserError(`${options.source} has no sentences in it.`, 'empty')
    if (target.length === 0) throw new UserError(`${options.target} has no sentences in it.`, 'empty')
    const glossary = options.glossary ? readGlossary(options.glossary) : undefined
    // The aligner reports no progress of its own: long texts get a line saying what is happening.
    const stage = new ProgressBar(io, 'aligning', 0)
    if (source.length + target.length >= 400) stage.stage(`aligning ${source.length} Persian and ${target.length} English sentences…`)
    const sourceIndices = sourceParagraphs ? paragraphIndices(sourceParagraphs) : presegmentedParagraphs(sourceText)
    const targetIndices = targetParagraphs ? paragraphIndices(targetParagraphs) : presegmentedParagraphs(targetText)
    const result = alignSentences(source, target, {
      glossary,
      wordList: await loadWordList(),
      paragraphs: { source: paragraphStartsOf(sourceIndices), target: paragraphStartsOf(targetIndices) }
    })
    stage.finish()
    const beads = result.beads.map((bead) => ({
      src: bead.src,
      tgt: bead.tgt,
      score: Math.round(bead.confidence * 1000) / 1000
    }))
    if (output) {
      const document = alignmentDocument(source, target, beads, sourceIndices, new Date().toISOString())
      const written = await writeExportFile(io, document, output, options.output.exportOptions)
      if (!options.json) {
        io.stdout(
          `wrote ${output.out} (${output.format}, ${written} of ${beads.length} beads; ${source.length} source and ${target.length} target sentences)\n`
        )
        return 0
      }
    }
    if (options.json) {
      io.stdout(`${JSON.stringify({ beads, source, target })}\n`)
      return 0
    }
    const lines = beads.map(
      (bead) =>
        `${formatIndices(bead.src).padStart(9)}  ${formatIndices(bead.tgt).padStart(9)}  ${bead.score.toFixed(2)}  ` +
        `${bead.src
          .map((k) => source[k])
          .join(' ')
          .slice(0, 60)} | ${bead.tgt
          .map((k) => target[k])
          .join(' ')
          .slice(0, 60)}`
    )
    io.stdout(
      `${'source'.padStart(9)}  ${'target'.padStart(9)}  score\n${lines.join('\n')}\n` +
        `${beads.length} beads, ${source.length} source and ${target.length} target sentences\n`
    )
    return 0
  }
}

import { readFileSync } from 'node:fs'
import { basename } from 'node:path'
import { alignSentences } from '../../core/align/aligner'
import type { GlossaryPair } from '../../core/align/anchors'
import { UserError } from '../../core/errors'
import { decodeTextFile } from '../../core/text/decode'
import { segmentEnglish } from '../../core/text/english-segmenter'
import { segmentParagraphs } from '../../core/text/segment'
import type { CliCommand } from '../command'

const USAGE = `Usage: hamta align SRC TGT [--json] [--presegmented] [--glossary FILE]

Aligns the sentences of a Persian text (SRC) with those of its English translation (TGT).

Options:
  --json           print {"beads": [{"src": [0], "tgt": [0, 1], "score": 0.93}, ...],
                   "source": [...], "target": [...]} (0-based sentence indices; score is the
                   aligner's confidence in the bead, 0..1)
  --presegmented   every non-empty line of SRC and TGT is one sentence, in order
  --glossary FILE  term pairs that help the alignment, one per line: Persian<TAB>English
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
}

function parseArgs(args: string[]): AlignArgs {
  const files: string[] = []
  let json = false
  let isPresegmented = false
  let glossary: string | undefined
  for (let k = 0; k < args.length; k++) {
    const arg = args[k]
    if (arg === '--json') json = true
    else if (arg === '--presegmented') isPresegmented = true
    else if (arg === '--glossary') {
      glossary = args[++k]
      if (!glossary) throw new UserError('--glossary needs a file name.', 'usage')
    } else if (arg.startsWith('--glossary=')) glossary = arg.slice('--glossary='.length)
    else if (arg.startsWith('-') && arg !== '-') throw new UserError(`unknown option ${arg}. Run 'hamta align --help'.`, 'usage')
    else files.push(arg)
  }
  if (files.length !== 2) throw new UserError(`expected two files, SRC and TGT, got ${files.length}. Run 'hamta align --help'.`, 'usage')
  return { source: files[0], target: files[1], json, presegmented: isPresegmented, glossary }
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
    const sourceText = readText(options.source)
    const targetText = readText(options.target)
    const source = options.presegmented
      ? presegmented(sourceText)
      : segmentParagraphs(sourceText).flatMap((paragraph) => paragraph.sentences)
    const target = options.presegmented ? presegmented(targetText) : segmentEnglish(targetText)
    if (source.length === 0) throw new UserError(`${options.source} has no sentences in it.`, 'empty')
    if (target.length === 0) throw new UserError(`${options.target} has no sentences in it.`, 'empty')
    const glossary = options.glossary ? readGlossary(options.glossary) : undefined
    const result = alignSentences(source, target, { glossary })
    const beads = result.beads.map((bead) => ({
      src: bead.src,
      tgt: bead.tgt,
      score: Math.round(bead.confidence * 1000) / 1000
    }))
    if (options.json) {
      io.stdout(`${JSON.stringify({ beads, source, target })}\n`)
      return 0
    }
    const lines = beads.map(
      (bead) =>
        `${formatIndices(bead.src).padStart(9)}  ${formatIndices(bead.tgt).padStart(9)}  ${bead.score.toFixed(2)}  ` +
        `${bead.src.map((k) => source[k]).join(' ').slice(0, 60)} | ${bead.tgt.map((k) => target[k]).join(' ').slice(0, 60)}`
    )
    io.stdout(
      `${'source'.padStart(9)}  ${'target'.padStart(9)}  score\n${lines.join('\n')}\n` +
        `${beads.length} beads, ${source.length} source and ${target.length} target sentences\n`
    )
    return 0
  }
}

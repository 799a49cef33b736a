import { readFile } from 'node:fs/promises'
import { basename } from 'node:path'
import { UserError } from '../../core/errors'
import { decodeTextFile, type DecodedText } from '../../core/text/decode'
import { segmentText } from '../../core/text/segment'
import type { CliCommand, CliIO } from '../command'

export interface TextFileArguments {
  file: string
  flags: Set<string>
}

/** Splits `FILE [--flag ...]`, refusing unknown flags and a missing or extra file argument. */
export function parseFileArguments(command: string, args: string[], allowedFlags: string[]): TextFileArguments {
  const files: string[] = []
  const flags = new Set<string>()
  for (const arg of args) {
    if (arg.startsWith('--')) {
      if (!allowedFlags.includes(arg)) throw new UserError(`unknown option ${arg}. Run 'hamta ${command} --help'.`, 'usage')
      flags.add(arg)
    } else {
      files.push(arg)
    }
  }
  if (files.length !== 1) throw new UserError(`expected one FILE argument. Run 'hamta ${command} --help'.`, 'usage')
  return { file: files[0], flags }
}

/**
 * Reads and decodes a text file, turning every way it can fail into a one-line UserError. What
 * decoding had to repair (bytes that are not valid UTF-8) is printed on stderr when `io` is given.
 */
export async function readTextArgument(file: string, io?: Pick<CliIO, 'stderr'>): Promise<DecodedText> {
  let bytes: Uint8Array
  try {
    bytes = await readFile(file)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') throw new UserError(`${file}: no such file.`, 'not-found')
    if (code === 'EISDIR') throw new UserError(`${file} is a folder, not a text file.`, 'not-text')
    throw new UserError(`${file} cannot be read (${code ?? 'unknown error'}).`, 'unreadable')
  }
  const decoded = decodeTextFile(bytes, basename(file))
  if (decoded.text.trim().length === 0) throw new UserError(`${basename(file)} has no text in it.`, 'empty')
  for (const warning of decoded.warnings ?? []) io?.stderr(`warning: ${basename(file)}: ${warning}\n`)
  return decoded
}

export const segmentCommand: CliCommand = {
  name: 'segment',
  summary: 'split a Persian text file into sentences',
  usage: [
    'Usage: hamta segment FILE [--json]',
    '',
    'Splits FILE into sentences: hard-wrapped lines are joined (even across a blank line when a',
    'sentence continues), titles and list items are kept apart, and sentence ends are found by the',
    'Persian rules (glued sentences, decimals, URLs, abbreviations, quotes).',
    '',
    'Without --json: one sentence per line.',
    'With --json: {"sentences": [{"text", "start", "end", "line", "endLine", "paragraph", "kind"}]}',
    '  start/end are offsets into the decoded text, line/endLine 1-based line numbers.'
  ].join('\n'),
  async run(args, io) {
    const { file, flags } = parseFileArguments('segment', args, ['--json'])
    const { text } = await readTextArgument(file, io)
    const segmentation = segmentText(text)
    if (flags.has('--json')) {
      const sentences = segmentation.sentences.map((sentence) => ({
        text: sentence.text,
        start: sentence.start,
        end: sentence.end,
        line: sentence.line,
        endLine: sentence.endLine,
        paragraph: sentence.paragraph,
        kind: segmentation.paragraphs[sentence.paragraph].kind
      }))
      io.stdout(`${JSON.stringify({ sentences })}\n`)
    } else {
      io.stdout(segmentation.sentences.map((sentence) => `${sentence.text.replace(/\s*[\r\n]+\s*/g, ' ')}\n`).join(''))
    }
    return 0
  }
}

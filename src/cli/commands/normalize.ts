import { loadLexicon } from '../../core/text/lexicon'
import { normalizeText, proposeFixes } from '../../core/text/normalize'
import type { CliCommand } from '../command'
import { parseFileArguments, readTextArgument } from './segment'

export const normalizeCommand: CliCommand = {
  name: 'normalize',
  summary: 'print a Persian text file with the safe fixes applied',
  usage: [
    'Usage: hamta normalize FILE [--json]',
    '',
    'Prints FILE with every safe fix applied, one output line per input line:',
    '  - Arabic letter forms and digits → Persian (ي ك ى ٤ → ی ک ی ۴),',
    '  - missing zero-width non-joiners from the Lilak lexicon (میکنند → می‌کنند, همکاری های → همکاری‌های),',
    '  - missing spaces where the lexicon is sure (دوکشور → دو کشور).',
    '',
    'With --json: prints the proposed fixes instead, as {"fixes": [{"line", "column", "start", "end",',
    '"kind", "original", "replacement", "message"}]} (one round, for review).'
  ].join('\n'),
  async run(args, io) {
    const { file, flags } = parseFileArguments('normalize', args, ['--json'])
    const { text } = await readTextArgument(file)
    const lexicon = await loadLexicon()
    if (flags.has('--json')) {
      const fixes = proposeFixes(text, { lexicon }).map(({ line, column, start, end, kind, original, replacement, message }) => ({
        line,
        column,
        start,
        end,
        kind,
        original,
        replacement,
        message
      }))
      io.stdout(`${JSON.stringify({ fixes })}\n`)
      return 0
    }
    const normalized = normalizeText(text, lexicon)
    io.stdout(/[\r\n]$/.test(normalized) ? normalized : `${normalized}\n`)
    return 0
  }
}

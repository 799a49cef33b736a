import { inspectText } from '../../core/text/inspect'
import { loadLexicon } from '../../core/text/lexicon'
import type { CliCommand } from '../command'
import { parseFileArguments, readTextArgument } from './segment'

export const inspectCommand: CliCommand = {
  name: 'inspect',
  summary: 'list problems in a Persian text file (scrambled lines, ZWNJ, letters, boilerplate)',
  usage: [
    'Usage: hamta inspect FILE [--json]',
    '',
    'Lists what needs attention in FILE, with a suggestion for each finding. Kinds:',
    '  scrambled-order  word groups reversed by PDF extraction (suggestion: the repaired line)',
    '  missing-zwnj     a zero-width non-joiner is missing (suggestion: the corrected word)',
    '  missing-space    two words glued together',
    '  arabic-letters   Arabic letter forms or digits instead of Persian ones',
    '  boilerplate      agency boilerplate such as انتهای پیام/, not for translation',
    '',
    'With --json: {"findings": [{"line", "kind", "message", "suggestion", "column", "original"}]}',
    'with 1-based line and column numbers.'
  ].join('\n'),
  async run(args, io) {
    const { file, flags } = parseFileArguments('inspect', args, ['--json'])
    const { text } = await readTextArgument(file)
    const findings = inspectText(text, { lexicon: await loadLexicon() })
    if (flags.has('--json')) {
      const output = findings.map(({ line, kind, message, suggestion, column, original }) => ({ line, kind, message, suggestion, column, original }))
      io.stdout(`${JSON.stringify({ findings: output })}\n`)
    } else if (findings.length === 0) {
      io.stdout('No findings.\n')
    } else {
      io.stdout(
        findings
          .map(
            (finding) =>
              `${finding.line}:${finding.column} ${finding.kind}: ${finding.message}${finding.suggestion ? `\n    → ${finding.suggestion}` : ''}\n`
          )
          .join('')
      )
    }
    return 0
  }
}

import { existsSync, statSync, writeFileSync } from 'node:fs'
import { extname } from 'node:path'
import { UserError } from '../../core/errors'
import type { HamtaDocument } from '../../core/model'
import { QA_CHECKS, isQaCheck, type QaCheckName } from '../../core/qa/finding'
import { TermbaseService } from '../../main/services/termbase'
import { SPELLING_VARIANTS, type SpellingVariant } from '../../main/store/termbase-store'
import type { CliCommand } from '../command'
import { libraryDirFrom, parseCommandArgs } from '../input'
import { readHamtaExport, readLibraryDocument } from './export'
import { readOnlyLibrary } from './term'

const USAGE = `Usage: hamta qa DOC [--library DIR] [--json] [--checks LIST] [--spelling en-US|en-GB]
                [--all] [--report FILE.html|FILE.csv]

Checks a document's translation: ${QA_CHECKS.join(', ')}.
DOC is a document id in the library, or a Hamta JSON export (*.hamta.json). The library's
termbase, its other documents (for inconsistent translations) and findings marked "not an
error" in the app are used; the library is only read.

Options:
  --json            print {"findings": [{"row": N, "check": "NAME", "message": "...",
                    "id": "...", "fix": "English with the fix"}]} (row counted from 1)
  --checks LIST     only these checks, comma-separated
  --spelling V      en-US or en-GB (default: the library's setting, else en-US)
  --all             include findings marked "not an error" (with "silenced": true)
  --report FILE     also write a report, HTML or CSV by the file's extension`

function parseChecks(value: string | undefined): QaCheckName[] | undefined {
  if (!value) return undefined
  const names = value
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean)
  const unknown = names.filter((name) => !isQaCheck(name))
  if (unknown.length > 0) throw new UserError(`unknown check ${unknown.join(', ')}; the checks are ${QA_CHECKS.join(', ')}.`, 'usage')
  return names as QaCheckName[]
}

export const qaCommand: CliCommand = {
  name: 'qa',
  summary: 'check a translation: numbers, dates, terms, consistency, punctuation, spelling …',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs('qa', args, {
      library: { type: 'string' },
      json: { type: 'boolean' },
      checks: { type: 'string' },
      spelling: { type: 'string' },
      all: { type: 'boolean' },
      report: { type: 'string' }
    })
    if (positionals.length !== 1) throw new UserError("expected one DOC argument. Run 'hamta qa --help'.", 'usage')
    const checks = parseChecks(values.checks)
    if (values.spelling && !(SPELLING_VARIANTS as readonly string[]).includes(values.spelling)) {
      throw new UserError(`--spelling takes ${SPELLING_VARIANTS.join(' or ')}.`, 'usage')
    }
    const reportFormat = values.report ? extname(values.report).toLowerCase().slice(1) : undefined
    if (reportFormat !== undefined && reportFormat !== 'html' && reportFormat !== 'csv')
      throw new UserError('--report FILE must end in .html or .csv.', 'usage')
    const dir = libraryDirFrom(values.library, io.env)
    const docArgument = positionals[0]
    let document: HamtaDocument
    const isFile = existsSync(docArgument) && statSync(docArgument).isFile()
    if (isFile) document = readHamtaExport(docArgument)
    else document = readLibraryDocument(dir, docArgument)
    const library = existsSync(dir)
      ? readOnlyLibrary(dir)
      : { libraryDir: dir, readOnlyReason: 'read only', listDocuments: () => [], getDocument: () => Promise.reject(new Error('none')) }
    const service = new TermbaseService(library)
    const options = { checks, spelling: values.spelling as SpellingVariant | undefined }
    const report = await service.runQa(document, options)
    for (const problem of service.problems) io.stderr(`problem: ${problem}\n`)
    const findings = report.findings.filter((finding) => values.all || !finding.silenced)
    if (values.report) {
      const written = await service.qaReport(document, reportFormat as 'html' | 'csv', options)
      writeFileSync(values.report, written.content)
    }
    if (values.json) {
      const listed = findings.map((finding) => ({
        row: finding.row,
        check: finding.check,
        message: finding.message,
        id: finding.id,
        ...(finding.fix ? { fix: finding.fix.target } : {}),
        ...(finding.silenced ? { silenced: true } : {})
      }))
      io.stdout(JSON.stringify({ findings: listed }, null, 2) + '\n')
      return 0
    }
    for (const finding of findings)
      io.stdout(`row ${finding.row}\t${finding.check}\t${finding.message}${finding.silenced ? '\t(not an error)' : ''}\n`)
    const counts = QA_CHECKS.filter((check) => report.counts[check] > 0).map((check) => `${check} ${report.counts[check]}`)
    io.stdout(
      `${report.rowsChecked} rows checked: ${counts.length ? counts.join(', ') : 'no findings'}${report.silenced ? `; ${report.silenced} marked not an error` : ''}.\n`
    )
    return 0
  }
}

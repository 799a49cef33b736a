import { readdirSync, existsSync, statSync } from 'node:fs'
import { basename, dirname, resolve } from 'node:path'
import { UserError } from '../../core/errors'
import { samplesDir } from '../../main/paths'
import { loadWordList } from '../../main/word-list'
import { LibraryService } from '../../main/services/library'
import { TermbaseService, type TermbaseLibrary } from '../../main/services/termbase'
import type { CliCommand } from '../command'
import { libraryDirFrom, parseCommandArgs, readInputBytes } from '../input'
import { readLibraryDocument } from './export'
import { writeFileSync, renameSync, rmSync } from 'node:fs'
import { join } from 'node:path'

const USAGE = `Usage: hamta term import FILE [--library DIR]
       hamta term export --out FILE [--library DIR]
       hamta term list [--library DIR] [--json]

The library's termbase: Persian terms with their English.

  import FILE   adds the terms of a TBX file (TBX v3 / TBX-Basic, or TBX 2008 martif) or of a
                CSV or TSV file whose header row names the columns "fa" and "en" (optional:
                alternatives, forbidden, status, domain, note; several English in one cell
                separated by ; or |). Terms already there (same Persian and English) are updated.
  export        writes the termbase to --out FILE: TBX-Basic (.tbx), CSV (.csv) or TSV (.tsv).
  list          prints the terms; with --json: {"terms": [{"fa", "en", "alternatives",
                "forbidden", "status", "domain", "note", "id"}]}

--library DIR defaults to $HAMTA_LIBRARY, else the desktop app's library. Import needs the
library not to be open in the app; export and list only read it.`

/** The library as export and list read it: files only, no lock, nothing written. */
export function readOnlyLibrary(libraryDir: string): TermbaseLibrary {
  if (!existsSync(libraryDir) || !statSync(libraryDir).isDirectory()) throw new UserError(`${libraryDir}: no such library folder.`, 'not-found')
  return {
    libraryDir,
    readOnlyReason: 'This command only reads the library.',
    listDocuments: () =>
      (existsSync(join(libraryDir, 'documents')) ? readdirSync(join(libraryDir, 'documents')) : [])
        .filter((name) => /^[A-Za-z0-9_-]+\.json$/.test(name))
        .map((name) => ({ id: name.slice(0, -'.json'.length) })),
    getDocument: async (id) => readLibraryDocument(libraryDir, id)
  }
}

function writeAtomically(out: string, content: string): void {
  const temporary = join(dirname(resolve(out)), `.${basename(out)}.${process.pid}.tmp`)
  try {
    writeFileSync(temporary, content)
    renameSync(temporary, out)
  } catch (error) {
    rmSync(temporary, { force: true })
    throw new UserError(`${out} cannot be written (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`, 'unwritable')
  }
}

export const termCommand: CliCommand = {
  name: 'term',
  summary: 'import, export and list the termbase (TBX, CSV, TSV)',
  usage: USAGE,
  async run(args, io) {
    const [action, ...rest] = args
    const { values, positionals } = parseCommandArgs('term', rest, {
      library: { type: 'string' },
      out: { type: 'string' },
      json: { type: 'boolean' }
    })
    const dir = libraryDirFrom(values.library, io.env)
    if (action === 'import') {
      if (positionals.length !== 1) throw new UserError("expected one FILE argument. Run 'hamta term --help'.", 'usage')
      const bytes = await readInputBytes(positionals[0])
      const library = await LibraryService.open({ libraryDir: dir, samplesDir: samplesDir(), tool: 'hamta term import', wordList: loadWordList })
      try {
        const result = await new TermbaseService(library).importTerms(basename(positionals[0]), bytes)
        for (const skipped of result.skipped) io.stderr(`skipped: ${skipped}\n`)
        io.stdout(
          `Imported ${result.added + result.updated} terms from ${basename(positionals[0])} (${result.format}): ${result.added} new, ${result.updated} updated, ${result.skipped.length} skipped.\n`
        )
      } finally {
        await library.close()
      }
      return 0
    }
    if (action === 'export') {
      if (positionals.length > 0) throw new UserError("term export takes no FILE argument; use --out FILE. Run 'hamta term --help'.", 'usage')
      if (!values.out) throw new UserError("term export needs --out FILE (.tbx, .csv or .tsv). Run 'hamta term --help'.", 'usage')
      const folder = dirname(resolve(values.out))
      if (!existsSync(folder)) throw new UserError(`${dirname(values.out)}: no such folder for --out.`, 'not-found')
      const service = new TermbaseService(readOnlyLibrary(dir))
      const exported = await service.exportTerms(values.out)
      writeAtomically(values.out, exported.content)
      const count = (await service.terms()).length
      io.stdout(`wrote ${values.out} (${exported.format}, ${count} ${count === 1 ? 'term' : 'terms'})\n`)
      return 0
    }
    if (action === 'list') {
      if (positionals.length > 0) throw new UserError("term list takes no FILE argument. Run 'hamta term --help'.", 'usage')
      const service = new TermbaseService(readOnlyLibrary(dir))
      const terms = await service.terms()
      for (const problem of service.problems) io.stderr(`problem: ${problem}\n`)
      if (values.json) {
        const listed = terms.map((term) => ({
          fa: term.fa,
          en: term.en,
          alternatives: term.alternatives,
          forbidden: term.forbidden,
          status: term.status,
          ...(term.domain ? { domain: term.domain } : {}),
          ...(term.note ? { note: term.note } : {}),
          id: term.id
        }))
        io.stdout(JSON.stringify({ terms: listed }, null, 2) + '\n')
        return 0
      }
      if (terms.length === 0) io.stdout(`No terms in ${dir}\n`)
      for (const term of terms) {
        const extra = [
          term.alternatives.length ? `also ${term.alternatives.join(', ')}` : '',
          term.forbidden.length ? `not ${term.forbidden.join(', ')}` : '',
          term.status !== 'preferred' ? term.status : ''
        ]
          .filter(Boolean)
          .join('; ')
        io.stdout(`\u2068${term.fa}\u2069\t${term.en}${extra ? `\t(${extra})` : ''}\n`)
      }
      return 0
    }
    throw new UserError(
      `unknown action ${action === undefined ? '(none)' : `'${action}'`}; use import, export or list. Run 'hamta term --help'.`,
      'usage'
    )
  }
}

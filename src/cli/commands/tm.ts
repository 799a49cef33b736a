import { existsSync, statSync } from 'node:fs'
import { basename, resolve } from 'node:path'
import { UserError } from '../../core/errors'
import { samplesDir } from '../../main/paths'
import { loadWordList } from '../../main/word-list'
import { LibraryService } from '../../main/services/library'
import { TranslationMemoryService } from '../../main/services/translation-memory'
import type { CliCommand, CliIO } from '../command'
import { libraryDirFrom, parseCommandArgs, readInputBytes } from '../input'

const LIBRARY_OPTION = { library: { type: 'string' as const }, json: { type: 'boolean' as const } }

async function withMemory<T>(dir: string, tool: string, run: (tm: TranslationMemoryService, library: LibraryService) => Promise<T>): Promise<T> {
  const library = await LibraryService.open({ libraryDir: dir, samplesDir: samplesDir(), tool, wordList: loadWordList })
  try {
    const tm = await TranslationMemoryService.open({ libraryDir: dir, documents: library })
    try {
      return await run(tm, library)
    } finally {
      await tm.close()
    }
  } finally {
    await library.close()
  }
}

function numberOption(value: string | undefined, name: string, fallback: number, low: number, high: number): number {
  if (value === undefined) return fallback
  const parsed = Number(value)
  if (!Number.isFinite(parsed) || parsed < low || parsed > high) throw new UserError(`--${name} takes a number from ${low} to ${high}.`, 'usage')
  return parsed
}

function printJson(io: CliIO, value: unknown): void {
  io.stdout(JSON.stringify(value, null, 2) + '\n')
}

/** A document named by id, or else by its unique file name or title. */
function resolveDocument(library: LibraryService, name: string): string {
  const documents = library.listDocuments()
  if (documents.some((doc) => doc.id === name)) return name
  const byName = documents.filter((doc) => doc.fileName === name || doc.title === name || doc.fileName === basename(name))
  if (byName.length === 1) return byName[0].id
  if (byName.length > 1) throw new UserError(`${byName.length} documents are called ${JSON.stringify(name)}; give the id (hamta list).`, 'ambiguous')
  throw new UserError(`There is no document ${JSON.stringify(name)} in the library (hamta list shows them).`, 'not-found')
}

/**
 * DOC for pretranslate and analyze: a document of the library (id, file name or title), or a
 * file on disk that is not in the library yet, which is imported first (and reported on stderr).
 */
async function documentFor(library: LibraryService, tm: TranslationMemoryService, name: string, io: CliIO): Promise<string> {
  try {
    return resolveDocument(library, name)
  } catch (error) {
    if ((error as UserError).code !== 'not-found' || !existsSync(name) || !statSync(name).isFile()) throw error
  }
  const summary = await library.importFile(basename(name), await readInputBytes(name))
  await tm.syncDocument(await library.getDocument(summary.id))
  io.stderr(`imported ${name} into the library as ${summary.id}\n`)
  return summary.id
}

const TM_USAGE = `Usage: hamta tm import FILE.tmx [--name NAME] [--library DIR] [--json]
       hamta tm lookup TEXT [--min 70] [--max 5] [--prev TEXT] [--next TEXT] [--library DIR] [--json]
       hamta tm concordance WORDS [--lang fa|en] [--max 100] [--library DIR] [--json]
       hamta tm export --out FILE.tmx [--doc ID] [--library DIR]
       hamta tm list [--library DIR] [--json]
       hamta tm remove ID [--library DIR]

The translation memory of a library: the finished rows of its documents plus imported TMX files.

  import       adds a TMX file (OmegaT, memoQ, Trados, Hamta) as a memory; --json prints {"units": N}
  lookup       best matches for a Persian sentence, best first: {"matches": [{"score", "source",
               "target", "origin"}]}; score 0-100, 101 for a context match (give --prev/--next,
               the sentences around it); "adaptedTarget" when only numbers differ
  concordance  every unit containing the words (Persian or English): {"units": [{"source",
               "target", "origin"}]}
  export       writes the whole memory, or one document's part (--doc), as TMX 1.4
  list         the imported memories with their unit counts
  remove       removes an imported memory

Without --library, uses the desktop app's library (HAMTA_LIBRARY overrides).`

export const tmCommand: CliCommand = {
  name: 'tm',
  summary: 'translation memory: import, lookup, concordance, export',
  usage: TM_USAGE,
  async run(args, io) {
    const [action, ...rest] = args
    switch (action) {
      case 'import':
        return tmImport(rest, io)
      case 'lookup':
        return tmLookup(rest, io)
      case 'concordance':
        return tmConcordance(rest, io)
      case 'export':
        return tmExport(rest, io)
      case 'list':
        return tmList(rest, io)
      case 'remove':
        return tmRemove(rest, io)
      default:
        throw new UserError(
          action === undefined
            ? "expected an action: import, lookup, concordance, export, list or remove. Run 'hamta tm --help'."
            : `unknown action '${action}'. Run 'hamta tm --help'.`,
          'usage'
        )
    }
  }
}

async function tmImport(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs('tm', args, { ...LIBRARY_OPTION, name: { type: 'string' } })
  if (positionals.length !== 1) throw new UserError("expected one FILE.tmx. Run 'hamta tm --help'.", 'usage')
  const file = positionals[0]
  const dir = libraryDirFrom(values.library, io.env)
  const started = Date.now()
  let lastReport = started
  const info = await withMemory(dir, 'hamta tm import', async (tm) => {
    try {
      return await tm.importMemoryFile(file, {
        name: values.name,
        onProgress: ({ bytes, totalBytes, units }) => {
          const now = Date.now()
          if (now - lastReport < 1000) return
          lastReport = now
          const share = totalBytes ? ` ${Math.floor((100 * bytes) / totalBytes)}%` : ''
          io.stderr(`importing${share}: ${units.toLocaleString('en')} units\n`)
        }
      })
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (code === 'ENOENT') throw new UserError(`${file}: no such file.`, 'not-found')
      if (code === 'EISDIR') throw new UserError(`${file} is a folder, not a file.`, 'not-file')
      throw error
    }
  })
  if (values.json) printJson(io, { units: info.units })
  else
    io.stdout(
      `Imported ${info.units.toLocaleString('en')} units from ${file} as “${info.name}” (${info.id})${info.skipped ? `; ${info.skipped} left out` : ''}\n`
    )
  return 0
}

async function tmLookup(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs('tm', args, {
    ...LIBRARY_OPTION,
    min: { type: 'string' },
    max: { type: 'string' },
    prev: { type: 'string' },
    next: { type: 'string' },
    doc: { type: 'string' }
  })
  const text = positionals.join(' ')
  if (!text.trim()) throw new UserError("expected the TEXT to look up. Run 'hamta tm --help'.", 'usage')
  const min = numberOption(values.min, 'min', 70, 0, 101)
  const max = numberOption(values.max, 'max', 5, 1, 50)
  const dir = libraryDirFrom(values.library, io.env)
  const matches = await withMemory(dir, 'hamta tm lookup', async (tm, library) =>
    tm.lookup(values.doc ? resolveDocument(library, values.doc) : null, { text, prev: values.prev, next: values.next }, { min, max })
  )
  if (values.json) {
    printJson(io, {
      matches: matches.map((match) => ({
        score: match.score,
        source: match.source,
        target: match.target,
        origin: match.origin.name,
        ...(match.adaptedTarget !== undefined ? { adaptedTarget: match.adaptedTarget } : {})
      }))
    })
    return 0
  }
  if (matches.length === 0) io.stdout('No matches.\n')
  for (const match of matches) {
    io.stdout(`${String(match.score).padStart(3)}%  ${match.source}\n      ${match.adaptedTarget ?? match.target}\n      (${match.origin.name})\n`)
  }
  return 0
}

async function tmConcordance(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs('tm', args, { ...LIBRARY_OPTION, lang: { type: 'string' }, max: { type: 'string' } })
  const text = positionals.join(' ')
  if (!text.trim()) throw new UserError("expected the WORDS to look for. Run 'hamta tm --help'.", 'usage')
  if (values.lang !== undefined && values.lang !== 'fa' && values.lang !== 'en') throw new UserError('--lang is fa or en.', 'usage')
  const max = numberOption(values.max, 'max', 100, 1, 1000)
  const dir = libraryDirFrom(values.library, io.env)
  const { units, more } = await withMemory(dir, 'hamta tm concordance', (tm) =>
    tm.concordance(text, { lang: values.lang as 'fa' | 'en' | undefined, max })
  )
  if (values.json) {
    printJson(io, { units: units.map((unit) => ({ source: unit.source, target: unit.target, origin: unit.origin.name })) })
    if (more) io.stderr(`more than ${units.length} units contain the words; --max shows more\n`)
    return 0
  }
  if (units.length === 0) io.stdout('Nothing found.\n')
  for (const unit of units) io.stdout(`${unit.source}\n  ${unit.target}\n  (${unit.origin.name})\n`)
  if (more) io.stdout(`… more than ${units.length}; use --max to see more.\n`)
  return 0
}

async function tmExport(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs('tm', args, { ...LIBRARY_OPTION, out: { type: 'string' }, doc: { type: 'string' } })
  if (positionals.length > 0) throw new UserError("tm export takes no FILE argument; use --out FILE.tmx. Run 'hamta tm --help'.", 'usage')
  if (!values.out) throw new UserError("expected --out FILE.tmx. Run 'hamta tm --help'.", 'usage')
  const out = resolve(values.out)
  const dir = libraryDirFrom(values.library, io.env)
  const { units } = await withMemory(dir, 'hamta tm export', async (tm, library) =>
    tm.exportTmxToFile(out, values.doc ? resolveDocument(library, values.doc) : undefined)
  )
  if (values.json) printJson(io, { units, out })
  else io.stdout(`Wrote ${units.toLocaleString('en')} units to ${out}\n`)
  return 0
}

async function tmList(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs('tm', args, LIBRARY_OPTION)
  if (positionals.length > 0) throw new UserError("tm list takes no argument. Run 'hamta tm --help'.", 'usage')
  const dir = libraryDirFrom(values.library, io.env)
  const { memories, documentUnits, problems } = await withMemory(dir, 'hamta tm list', async (tm) => ({
    memories: tm.listMemories(),
    documentUnits: tm.documentUnitCount(),
    problems: tm.problems
  }))
  if (values.json) {
    printJson(io, { documentUnits, memories, problems })
    return 0
  }
  io.stdout(`${documentUnits.toLocaleString('en')} units from the library's documents\n`)
  for (const memory of memories) {
    const state = memory.enabled ? '' : ' (off)'
    const penalty = memory.penalty ? ` penalty ${memory.penalty}` : ''
    io.stdout(`${memory.id}  ${memory.units.toLocaleString('en').padStart(9)} units  ${memory.name}${state}${penalty}\n`)
  }
  for (const problem of problems) io.stderr(`problem: ${problem}\n`)
  return 0
}

async function tmRemove(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs('tm', args, LIBRARY_OPTION)
  if (positionals.length !== 1) throw new UserError("expected the memory's ID (hamta tm list). Run 'hamta tm --help'.", 'usage')
  const dir = libraryDirFrom(values.library, io.env)
  await withMemory(dir, 'hamta tm remove', (tm) => tm.removeMemory(positionals[0]))
  if (values.json) printJson(io, { removed: positionals[0] })
  else io.stdout(`Removed memory ${positionals[0]}\n`)
  return 0
}

export const pretranslateCommand: CliCommand = {
  name: 'pretranslate',
  summary: 'fill the empty rows of a document from the translation memory',
  usage: [
    'Usage: hamta pretranslate DOC [--min 100] [--library DIR] [--json]',
    '',
    'Fills the empty rows of document DOC (its id, file name or title; a file not in the library is',
    'imported first) with the best memory match',
    'scoring at least --min (default 100: exact and context matches only). Filled rows become drafts,',
    'marked as coming from the memory. With --json: {"filled": N}'
  ].join('\n'),
  async run(args, io) {
    const { values, positionals } = parseCommandArgs('pretranslate', args, { ...LIBRARY_OPTION, min: { type: 'string' } })
    if (positionals.length !== 1) throw new UserError("expected one DOC. Run 'hamta pretranslate --help'.", 'usage')
    const min = numberOption(values.min, 'min', 100, 0, 101)
    const dir = libraryDirFrom(values.library, io.env)
    const result = await withMemory(dir, 'hamta pretranslate', async (tm, library) =>
      tm.pretranslate(await documentFor(library, tm, positionals[0], io), min)
    )
    if (values.json) printJson(io, { filled: result.filled })
    else io.stdout(`Filled ${result.filled} row${result.filled === 1 ? '' : 's'} from the memory\n`)
    return 0
  }
}

export const analyzeCommand: CliCommand = {
  name: 'analyze',
  summary: 'match analysis of a document against the translation memory',
  usage: [
    'Usage: hamta analyze DOC [--library DIR] [--json | --csv]',
    '',
    'Counts the sentences and words of document DOC (as for pretranslate) in the usual bands: context match, 100%,',
    '95-99, 85-94, 75-84, 50-74, no match and repetitions. With --json:',
    '{"bands": [{"band", "label", "sentences", "words"}], "total": {"sentences", "words"}}; --csv',
    'prints the same table as CSV.'
  ].join('\n'),
  async run(args, io) {
    const { values, positionals } = parseCommandArgs('analyze', args, { ...LIBRARY_OPTION, csv: { type: 'boolean' } })
    if (positionals.length !== 1) throw new UserError("expected one DOC. Run 'hamta analyze --help'.", 'usage')
    const dir = libraryDirFrom(values.library, io.env)
    const analysis = await withMemory(dir, 'hamta analyze', async (tm, library) => tm.analyze(await documentFor(library, tm, positionals[0], io)))
    if (values.json) {
      printJson(io, analysis)
      return 0
    }
    if (values.csv) {
      const { analysisCsv } = await import('../../core/tm/analysis')
      io.stdout(analysisCsv(analysis))
      return 0
    }
    const width = Math.max(...analysis.bands.map((band) => band.label.length), 5)
    io.stdout(`${'Band'.padEnd(width)}  Sentences     Words\n`)
    for (const band of [...analysis.bands, { label: 'Total', ...analysis.total }]) {
      io.stdout(`${band.label.padEnd(width)}  ${String(band.sentences).padStart(9)}  ${String(band.words).padStart(8)}\n`)
    }
    return 0
  }
}

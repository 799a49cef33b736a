import { isUtf8 } from 'node:buffer'
import { basename } from 'node:path'
import { UserError } from '../../core/errors'
import { hasReplacedBytes } from '../../core/text/decode'
import { samplesDir } from '../../main/paths'
import { loadWordList } from '../../main/word-list'
import { LibraryService } from '../../main/services/library'
import type { CliCommand } from '../command'
import { libraryDirFrom, parseCommandArgs, readInputBytes } from '../input'

const LIBRARY_OPTION = { library: { type: 'string' as const } }

async function withLibrary<T>(dir: string, tool: string, run: (library: LibraryService) => Promise<T>): Promise<T> {
  const library = await LibraryService.open({ libraryDir: dir, samplesDir: samplesDir(), tool, wordList: loadWordList })
  try {
    return await run(library)
  } finally {
    await library.close()
  }
}

export const importCommand: CliCommand = {
  name: 'import',
  summary: 'import a Persian text file into the library as a new document',
  usage: [
    'Usage: hamta import FILE [--library DIR]',
    '',
    'Imports FILE as a new document and prints its id on the last line. Exits 0 only once the',
    'document is safely on disk. Without --library, uses the desktop app’s library',
    '(HAMTA_LIBRARY overrides). The library must not be open in the app at the same time.'
  ].join('\n'),
  async run(args, io) {
    const { values, positionals } = parseCommandArgs('import', args, LIBRARY_OPTION)
    if (positionals.length !== 1) throw new UserError("expected one FILE argument. Run 'hamta import --help'.", 'usage')
    const file = positionals[0]
    const bytes = await readInputBytes(file)
    const dir = libraryDirFrom(values.library, io.env)
    const name = basename(file)
    const { summary, encoding } = await withLibrary(dir, 'hamta import', async (library) => {
      const summary = await library.importFile(name, bytes)
      // Only a file that is not valid UTF-8 can have had bytes replaced; the stored origin says so.
      const encoding = isUtf8(bytes) ? '' : (await library.getDocument(summary.id)).origin.encoding
      return { summary, encoding }
    })
    if (hasReplacedBytes(encoding)) io.stderr(`warning: ${name} was read as ${encoding}.\n`)
    io.stdout(`Imported “${summary.title}” (${summary.sentences} sentences) into ${dir}\n${summary.id}\n`)
    return 0
  }
}

export const listCommand: CliCommand = {
  name: 'list',
  summary: 'list the documents in the library',
  usage: [
    'Usage: hamta list [--library DIR] [--json]',
    '',
    'Lists the documents. Every document file is checked: a damaged one is moved aside (bytes',
    'kept) and restored from its newest good backup, and reported under "problems".',
    'With --json: {"documents": [{"id", "title", "sentences", ...}], "problems": [{"file", "message", "keptAt", ...}]}'
  ].join('\n'),
  async run(args, io) {
    const { values, positionals } = parseCommandArgs('list', args, { ...LIBRARY_OPTION, json: { type: 'boolean' } })
    if (positionals.length > 0) throw new UserError("list takes no FILE argument. Run 'hamta list --help'.", 'usage')
    const dir = libraryDirFrom(values.library, io.env)
    const { documents, problems, readOnly } = await withLibrary(dir, 'hamta list', async (library) => {
      await library.verify()
      return { documents: library.listDocuments(), problems: library.problems, readOnly: library.readOnlyReason }
    })
    if (readOnly) io.stderr(`note: ${readOnly}\n`)
    if (values.json) {
      const listed = documents.map((doc) => ({
        id: doc.id,
        title: doc.title,
        sentences: doc.sentences,
        translated: doc.progress.translated,
        fileName: doc.fileName,
        createdAt: doc.createdAt
      }))
      io.stdout(JSON.stringify({ documents: listed, problems }, null, 2) + '\n')
      return 0
    }
    if (documents.length === 0) io.stdout(`No documents in ${dir}\n`)
    for (const doc of documents) {
      io.stdout(`${doc.id}  ${String(doc.sentences).padStart(5)} sentences  ${Math.round(doc.progress.ratio * 100)}%  ${doc.title}\n`)
    }
    for (const problem of problems) io.stderr(`problem: ${problem.message}\n`)
    return 0
  }
}

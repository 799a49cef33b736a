import { UserError } from '../../core/errors'
import { resolveConflict } from '../../core/merge'
import { ROW_STATUSES, type HamtaDocument, type RowStatus } from '../../core/model'
import { samplesDir } from '../../main/paths'
import { loadWordList } from '../../main/word-list'
import { LibraryService } from '../../main/services/library'
import { credentialsFromEnv } from '../../main/sync/credentials'
import { restoreRowVersion, rowHistory } from '../../main/sync/history'
import { TeamSync } from '../../main/sync/team-sync'
import type { CliCommand, CliIO } from '../command'
import { libraryDirFrom, parseCommandArgs } from '../input'

async function withLibrary<T>(dir: string, tool: string, run: (library: LibraryService) => Promise<T>): Promise<T> {
  const library = await LibraryService.open({ libraryDir: dir, samplesDir: samplesDir(), tool, wordList: loadWordList })
  try {
    return await run(library)
  } finally {
    await library.close()
  }
}

function oneDocument(command: string, positionals: string[]): string {
  if (positionals.length !== 1) throw new UserError(`expected one DOC argument (a document id). Run 'hamta ${command} --help'.`, 'usage')
  return positionals[0]
}

/** `--row N`, counted from 1 as people count rows. */
function rowAt(doc: HamtaDocument, value: string | undefined, command: string): string {
  const n = Number(value)
  if (!value || !Number.isInteger(n) || n < 1) throw new UserError(`--row takes a row number from 1. Run 'hamta ${command} --help'.`, 'usage')
  if (n > doc.rows.length) throw new UserError(`Document ${doc.id} has ${doc.rows.length} rows; there is no row ${n}.`, 'not-found')
  return doc.rows[n - 1].id
}

const LIBRARY = { library: { type: 'string' as const } }

export const editCommand: CliCommand = {
  name: 'edit',
  summary: 'change one row of a document (its English, its status)',
  usage: [
    'Usage: hamta edit DOC --library DIR --row N [--target TEXT] [--status STATUS]',
    '',
    'Changes row N (counted from 1) of document DOC as the app would: new English makes the row a',
    'draft, then --status sets its status. STATUS is one of: ' + ROW_STATUSES.join(', ') + '.'
  ].join('\n'),
  async run(args, io) {
    const { values, positionals } = parseCommandArgs('edit', args, {
      ...LIBRARY,
      row: { type: 'string' },
      target: { type: 'string' },
      status: { type: 'string' }
    })
    const id = oneDocument('edit', positionals)
    if (values.target === undefined && values.status === undefined)
      throw new UserError("give --target, --status or both. Run 'hamta edit --help'.", 'usage')
    if (values.status !== undefined && !ROW_STATUSES.includes(values.status as RowStatus)) {
      throw new UserError(`--status must be one of ${ROW_STATUSES.join(', ')}.`, 'usage')
    }
    const row = await withLibrary(libraryDirFrom(values.library, io.env), 'hamta edit', async (library) => {
      const rowId = rowAt(await library.getDocument(id), values.row, 'edit')
      let changed = values.target !== undefined ? (await library.saveTarget(id, rowId, values.target)).row : undefined
      if (values.status !== undefined) changed = (await library.setRowStatus(id, rowId, values.status as RowStatus)).row
      return changed!
    })
    io.stdout(`Row ${values.row} of ${id}: ${row.status}\n`)
    return 0
  }
}

export const syncCommand: CliCommand = {
  name: 'sync',
  summary: 'send and receive changes with the team library (Git)',
  usage: [
    'Usage: hamta sync --library DIR [--remote URL] [--json]',
    '',
    'Commits the library’s changes, merges the team’s (row by row; the same field changed on both',
    'sides becomes a conflict on the row) and pushes. The first call with --remote shares the',
    'library with the team library at URL (an empty repository, or a folder’s full path for a shared',
    'drive: an empty folder becomes a bare repository) or joins it. Credentials come from',
    'HAMTA_GIT_TOKEN (and HAMTA_GIT_USERNAME if the host wants one) or HAMTA_GIT_USERNAME and',
    'HAMTA_GIT_PASSWORD; they are never stored.',
    'With --json: {"pulled": N, "pushed": N, "conflicts": [{"doc", "row", "field"}]}, where pulled',
    'and pushed count commits and conflicts lists those this sync brought. Exits 0 when the sync',
    'completed, conflicts or not; 1 when it could not (offline, refused), keeping local work.'
  ].join('\n'),
  async run(args, io) {
    const { values, positionals } = parseCommandArgs('sync', args, { ...LIBRARY, remote: { type: 'string' }, json: { type: 'boolean' } })
    if (positionals.length > 0) throw new UserError("sync takes no DOC argument. Run 'hamta sync --help'.", 'usage')
    const dir = libraryDirFrom(values.library, io.env)
    const result = await withLibrary(dir, 'hamta sync', async (library) => {
      const sync = new TeamSync(library, { credentials: credentialsFromEnv(io.env) })
      return values.remote ? sync.connect(values.remote) : sync.sync()
    })
    if (values.json) {
      const conflicts = result.conflicts.map(({ doc, row, field }) => ({ doc, row, field }))
      io.stdout(JSON.stringify({ pulled: result.pulled, pushed: result.pushed, conflicts }) + '\n')
      return 0
    }
    io.stdout(`Synced ${dir}: received ${result.pulled}, sent ${result.pushed} ${result.pushed === 1 ? 'commit' : 'commits'}.\n`)
    for (const conflict of result.conflicts) io.stdout(`conflict: ${conflict.doc} row ${conflict.row}: ${conflict.field}\n`)
    return 0
  }
}

function describeRows(doc: HamtaDocument) {
  return doc.rows.map((row, index) => ({
    row: index + 1,
    id: row.id,
    source: row.source.map((sentence) => sentence.text).join(' '),
    target: row.target,
    status: row.status,
    ...(row.conflicts && row.conflicts.length > 0
      ? {
          conflicts: row.conflicts.map((record) => ({
            id: record.id,
            field: record.field,
            ...(record.key !== undefined ? { key: record.key } : {}),
            ours: { value: record.ours.value, author: record.ours.author, at: record.ours.at },
            theirs: { value: record.theirs.value, author: record.theirs.author, at: record.theirs.at }
          }))
        }
      : {})
  }))
}

export const showCommand: CliCommand = {
  name: 'show',
  summary: 'print a document’s rows with their English, status and any conflict',
  usage: [
    'Usage: hamta show DOC --library DIR [--json]',
    '',
    'With --json: {"id", "title", "rows": [{"row", "id", "source", "target", "status", "conflicts"?}]}',
    'where each conflict is {"id", "field", "ours": {"value", "author", "at"}, "theirs": {…}}.'
  ].join('\n'),
  async run(args, io) {
    const { values, positionals } = parseCommandArgs('show', args, { ...LIBRARY, json: { type: 'boolean' } })
    const id = oneDocument('show', positionals)
    const doc = await withLibrary(libraryDirFrom(values.library, io.env), 'hamta show', (library) => library.getDocument(id))
    const rows = describeRows(doc)
    if (values.json) {
      io.stdout(JSON.stringify({ id: doc.id, title: doc.title, rows }, null, 2) + '\n')
      return 0
    }
    for (const row of rows) {
      io.stdout(`${String(row.row).padStart(4)}  ${row.status.padEnd(12)}  ${row.target}\n`)
      for (const conflict of row.conflicts ?? []) {
        io.stdout(
          `      conflict on ${conflict.field}: ours ${JSON.stringify(conflict.ours.value)} (${conflict.ours.author}), theirs ${JSON.stringify(conflict.theirs.value)} (${conflict.theirs.author})\n`
        )
      }
    }
    return 0
  }
}

export const resolveCommand: CliCommand = {
  name: 'resolve',
  summary: 'settle a conflict a sync left on a row by taking one side',
  usage: [
    'Usage: hamta resolve DOC --library DIR --row N --take ours|theirs [--field FIELD]',
    '',
    'Takes one side of the conflicts on row N (only those on FIELD, if given).'
  ].join('\n'),
  async run(args, io) {
    const { values, positionals } = parseCommandArgs('resolve', args, {
      ...LIBRARY,
      row: { type: 'string' },
      take: { type: 'string' },
      field: { type: 'string' }
    })
    const id = oneDocument('resolve', positionals)
    const take = values.take
    if (take !== 'ours' && take !== 'theirs') throw new UserError("--take must be ours or theirs. Run 'hamta resolve --help'.", 'usage')
    const count = await withLibrary(libraryDirFrom(values.library, io.env), 'hamta resolve', async (library) => {
      const rowId = rowAt(await library.getDocument(id), values.row, 'resolve')
      let resolved = 0
      await library.edit(id, (doc) => {
        let next = doc
        for (;;) {
          const record = next.rows.find((row) => row.id === rowId)?.conflicts?.find((conflict) => !values.field || conflict.field === values.field)
          if (!record) return next
          next = resolveConflict(next, rowId, record.id, take, new Date().toISOString())
          resolved++
        }
      })
      return resolved
    })
    io.stdout(`${count} ${count === 1 ? 'conflict' : 'conflicts'} resolved on row ${values.row} of ${id}.\n`)
    return 0
  }
}

export const historyCommand: CliCommand = {
  name: 'history',
  summary: 'list who changed a row and when (from the team library’s history)',
  usage: [
    'Usage: hamta history DOC --library DIR --row N [--json] [--restore COMMIT]',
    '',
    'Lists the versions of row N, newest first. --restore COMMIT brings back that version’s',
    'English, status and tags as a new edit.'
  ].join('\n'),
  async run(args, io: CliIO) {
    const { values, positionals } = parseCommandArgs('history', args, {
      ...LIBRARY,
      row: { type: 'string' },
      json: { type: 'boolean' },
      restore: { type: 'string' }
    })
    const id = oneDocument('history', positionals)
    const versions = await withLibrary(libraryDirFrom(values.library, io.env), 'hamta history', async (library) => {
      const rowId = rowAt(await library.getDocument(id), values.row, 'history')
      const sync = new TeamSync(library)
      const list = await rowHistory(sync.repository, id, rowId)
      if (values.restore) {
        const version = list.find((candidate) => candidate.commit.startsWith(values.restore!))
        if (!version) throw new UserError(`Row ${values.row} has no version from commit ${values.restore}.`, 'not-found')
        await library.edit(id, (doc) => restoreRowVersion(doc, rowId, version, new Date().toISOString()))
      }
      return list
    })
    if (values.json) io.stdout(JSON.stringify({ versions }, null, 2) + '\n')
    else for (const v of versions) io.stdout(`${v.commit.slice(0, 8)}  ${v.at}  ${v.author}  ${v.status}  ${v.changed.join(',')}  ${v.target}\n`)
    return 0
  }
}

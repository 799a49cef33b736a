/** A row's history, read from the library's Git history: who changed what and when. */
import type { HamtaDocument, Row } from '../../core/model'
import { validateDocument } from '../../core/schema'
import { migrateFile } from '../store/migrations'
import type { LibraryRepository } from './repository'

export interface RowVersion {
  commit: string
  author: string
  /** When the commit was made (ISO). */
  at: string
  /** The row's own time stamp in that version. */
  updatedAt: string
  target: string
  status: Row['status']
  tags: string[]
  /** What this version changed compared with the one before it. */
  changed: string[]
}

function parse(bytes: Uint8Array | undefined): HamtaDocument | undefined {
  if (!bytes) return undefined
  try {
    const { file } = migrateFile(JSON.parse(Buffer.from(bytes).toString('utf8')))
    const checked = validateDocument((file as { document?: unknown }).document)
    return checked.ok ? checked.document : undefined
  } catch {
    return undefined
  }
}

const FIELDS = ['target', 'status', 'tags', 'comments', 'source', 'targetSpans', 'conflicts'] as const

/** Versions of one row, newest first: one per commit that changed it. */
export async function rowHistory(repository: LibraryRepository, documentId: string, rowId: string, limit = 100): Promise<RowVersion[]> {
  const path = `documents/${documentId}.json`
  const commits = await repository.fileLog(path, limit)
  const versions: Array<RowVersion & { row: Row }> = []
  for (const commit of commits) {
    const row = parse(await repository.readFileAt(commit.oid, path))?.rows.find((candidate) => candidate.id === rowId)
    if (!row) continue
    versions.push({
      commit: commit.oid,
      author: commit.author,
      at: new Date(commit.timestamp * 1000).toISOString(),
      updatedAt: row.updatedAt,
      target: row.target,
      status: row.status,
      tags: row.tags,
      changed: [],
      row
    })
  }
  // Oldest to newest, keeping a version only where the row differs from the one before.
  const kept: RowVersion[] = []
  let previous: Row | undefined
  for (const version of versions.reverse()) {
    const changed = previous
      ? FIELDS.filter((field) => JSON.stringify(previous![field] ?? null) !== JSON.stringify(version.row[field] ?? null))
      : ['created']
    previous = version.row
    if (changed.length === 0) continue
    const { row: _row, ...rest } = version
    kept.push({ ...rest, changed })
  }
  return kept.reverse()
}

/** The row as it was in a past version: English, status and tags come back; the rest stays. */
export function restoreRowVersion(
  doc: HamtaDocument,
  rowId: string,
  version: Pick<RowVersion, 'target' | 'status' | 'tags'>,
  now: string
): HamtaDocument {
  return {
    ...doc,
    updatedAt: now,
    rows: doc.rows.map((row) =>
      row.id === rowId ? { ...row, target: version.target, status: version.status, tags: [...version.tags], updatedAt: now } : row
    )
  }
}

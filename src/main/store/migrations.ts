import { UserError } from '../../core/errors'

/** Version of the document files this Hamta writes. */
export const DOCUMENT_FILE_VERSION = 2

export interface VersionedFile {
  schemaVersion: number
  [key: string]: unknown
}

/**
 * Steps from one file version to the next, applied in order on load. Each step takes a file of
 * version N and returns one of version N+1; steps are pure and never drop data.
 */
export type Migration = (file: VersionedFile) => VersionedFile

/** Version 2 added tags, span tags, comments and review statuses to rows. */
function addReviewFields(file: VersionedFile): VersionedFile {
  const document = file.document as { schemaVersion: number; rows: Array<Record<string, unknown>> }
  return {
    ...file,
    schemaVersion: 2,
    document: {
      ...document,
      schemaVersion: 2,
      rows: document.rows.map((row) => ({
        ...row,
        source: (row.source as Array<Record<string, unknown>>).map((sentence) => ({ ...sentence, spans: [] })),
        tags: [],
        targetSpans: [],
        comments: []
      }))
    }
  }
}

export const DOCUMENT_MIGRATIONS: Record<number, Migration> = { 1: addReviewFields }

export interface MigrationResult {
  file: VersionedFile
  fromVersion: number
}

export function migrateFile(
  raw: unknown,
  currentVersion: number = DOCUMENT_FILE_VERSION,
  migrations: Record<number, Migration> = DOCUMENT_MIGRATIONS
): MigrationResult {
  if (!raw || typeof raw !== 'object' || typeof (raw as VersionedFile).schemaVersion !== 'number') {
    throw new UserError('the file has no schema version', 'damaged')
  }
  const fromVersion = (raw as VersionedFile).schemaVersion
  if (fromVersion > currentVersion) {
    throw new UserError(
      `the file was written by a newer Hamta (format version ${fromVersion}; this Hamta reads up to ${currentVersion}). Update Hamta to open it.`,
      'newer-version'
    )
  }
  let file = raw as VersionedFile
  for (let version = fromVersion; version < currentVersion; version++) {
    const step = migrations[version]
    if (!step) throw new UserError(`no migration from format version ${version}`, 'damaged')
    file = step(file)
    if (file.schemaVersion !== version + 1) throw new Error(`Migration from version ${version} produced version ${file.schemaVersion}`)
  }
  return { file, fromVersion }
}

/**
 * Team sync of a library: commit what changed here, fetch what others pushed, merge it into the
 * library row by row (core/merge), commit the merge and push. Runs while the library is held
 * (the service's lock); merges are applied to the documents in memory as ordinary edits, so
 * typing goes on meanwhile and nothing typed during a sync is overwritten.
 */
import { readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { UserError } from '../../core/errors'
import { mergeDocument, mergeJson, mergeLines, mergePalette, same } from '../../core/merge'
import { validateDocument } from '../../core/schema'
import { parsePalette } from '../../core/review/palette'
import type { HamtaDocument } from '../../core/model'
import { migrateFile } from '../store/migrations'
import { asTeamSync, type LibraryService } from '../services/library'
import { folderOf, isFolderRemote } from './folder-remote'
import { LibraryRepository, splitCredentials, SyncError, type Author, type Credentials, type FailureKind } from './repository'

export interface SyncConflict {
  doc: string
  /** Row position counted from 1. */
  row: number
  rowId: string
  field: string
}

export interface SyncResult {
  /** Commits received from the team library. */
  pulled: number
  /** Commits sent to it. */
  pushed: number
  /** Conflicts this sync brought into the library (found by its merge, or merged elsewhere). */
  conflicts: SyncConflict[]
  /** Documents changed here by the pull. */
  updatedDocuments: string[]
}

export type SyncState = 'unshared' | 'synced' | 'ahead' | 'behind' | 'offline' | 'conflict' | 'error'

export interface SyncStatus {
  state: SyncState
  remote?: string
  syncing: boolean
  lastSyncAt?: string
  /** Why the last sync did not finish, in words. */
  message?: string
  failure?: FailureKind
  openConflicts: number
}

export interface TeamSyncOptions {
  credentials?: Credentials
  /** Who signs the commits; by default the library's author name. */
  author?: () => Promise<Author>
  now?: () => string
}

const DOCUMENT_PATH = /^documents\/([A-Za-z0-9_-]{1,100})\.json$/
const LINE_FILES = /\.(jsonl|units|tsv|csv|txt|gitignore)$|^\.gitignore$/
/** Pushes refused because the remote moved on are retried this many times with a fresh merge. */
const PUSH_ATTEMPTS = 8

function decode(bytes: Uint8Array | undefined): string | undefined {
  return bytes === undefined ? undefined : Buffer.from(bytes).toString('utf8')
}

function parseDocument(text: string | undefined): HamtaDocument | undefined {
  if (text === undefined) return undefined
  try {
    const { file } = migrateFile(JSON.parse(text))
    const checked = validateDocument((file as { document?: unknown }).document)
    return checked.ok ? checked.document : undefined
  } catch {
    return undefined
  }
}

function parsePaletteFile(text: string | undefined) {
  if (text === undefined) return undefined
  try {
    return parsePalette((JSON.parse(text) as { value?: unknown }).value)
  } catch {
    return undefined
  }
}

/** A short account of what changed in a document, for the commit message. */
function describeDocumentChange(before: HamtaDocument | undefined, after: HamtaDocument | undefined): string {
  if (!after) return `removed “${before?.title ?? '?'}”`
  if (!before) return `added “${after.title}” (${after.rows.length} rows)`
  const old = new Map(before.rows.map((row) => [row.id, row]))
  let english = 0
  let status = 0
  let comments = 0
  let other = 0
  let resolved = 0
  for (const row of after.rows) {
    const previous = old.get(row.id)
    if (!previous) {
      other++
      continue
    }
    if (same(previous, row)) continue
    if (previous.target !== row.target) english++
    if (previous.status !== row.status) status++
    if (!same(previous.comments, row.comments)) comments++
    if ((previous.conflicts?.length ?? 0) > (row.conflicts?.length ?? 0)) resolved++
    if (previous.target === row.target && previous.status === row.status && same(previous.comments, row.comments)) other++
  }
  const parts: string[] = []
  if (english) parts.push(`${english} ${english === 1 ? 'translation' : 'translations'}`)
  if (status) parts.push(`${status} ${status === 1 ? 'status' : 'statuses'}`)
  if (comments) parts.push(`comments on ${comments} ${comments === 1 ? 'row' : 'rows'}`)
  if (resolved) parts.push(`${resolved} ${resolved === 1 ? 'conflict' : 'conflicts'} resolved`)
  if (other || parts.length === 0) parts.push(`${other || 'other'} ${other === 1 ? 'row' : 'rows'} changed`)
  return `“${after.title}”: ${parts.join(', ')}`
}

export class TeamSync {
  readonly repository: LibraryRepository
  private running: Promise<SyncResult> | null = null
  private status_: SyncStatus = { state: 'unshared', syncing: false, openConflicts: 0 }
  private readonly now: () => string

  constructor(
    private readonly library: LibraryService,
    private readonly options: TeamSyncOptions = {}
  ) {
    let extra: Awaited<ReturnType<Credentials>> | undefined
    const credentials: Credentials = async () => extra ?? (await options.credentials?.())
    this.repository = new LibraryRepository(library.libraryDir, credentials)
    this.setUrlCredentials = (auth) => {
      extra = auth
    }
    this.now = options.now ?? (() => new Date().toISOString())
  }

  /** Credentials that came inside a URL: used for this process only, never stored. */
  private readonly setUrlCredentials: (auth: Awaited<ReturnType<Credentials>> | undefined) => void

  private async author(): Promise<Author> {
    if (this.options.author) return this.options.author()
    const name = (await this.library.settings()).authorName.trim()
    return { name: name || 'Hamta', email: '' }
  }

  get status(): SyncStatus {
    return { ...this.status_ }
  }

  async remoteUrl(): Promise<string | undefined> {
    return (await this.repository.isRepository()) ? this.repository.remoteUrl() : undefined
  }

  /**
   * Shares the library with a team library at `url` (or joins it, if it already holds one):
   * the library becomes a repository whose remote is `url`, then syncs.
   */
  async connect(remoteUrl: string): Promise<SyncResult> {
    const given = splitCredentials(remoteUrl.trim())
    // A folder (a shared drive) is kept as its absolute path.
    const url = isFolderRemote(given.url) ? folderOf(given.url) : given.url
    const auth = given.auth
    if (!/^https?:\/\//i.test(url) && !isFolderRemote(url)) {
      throw new UserError(`${remoteUrl} is not a team library address: give an https:// (or http://) URL or a folder's full path.`, 'invalid-input')
    }
    if (auth) this.setUrlCredentials(auth)
    await this.repository.init()
    await this.repository.setRemote(url)
    return this.sync()
  }

  /** Stops being part of a team library (after any sync under way); the library and its history stay. */
  async disconnect(): Promise<void> {
    await this.running?.catch(() => undefined)
    if (await this.repository.isRepository()) await this.repository.removeRemote()
    this.status_ = { state: 'unshared', syncing: false, openConflicts: 0 }
  }

  /** Syncs now; a sync already running is joined rather than started twice. */
  sync(): Promise<SyncResult> {
    if (this.running) return this.running
    const run = asTeamSync(() => this.runSync()).finally(() => {
      if (this.running === run) this.running = null
    })
    this.running = run
    return run
  }

  private async runSync(): Promise<SyncResult> {
    this.status_ = { ...this.status_, syncing: true }
    try {
      const result = await this.syncOnce()
      this.status_ = { ...(await this.computeStatus()), lastSyncAt: this.now(), syncing: false }
      return result
    } catch (error) {
      const failure = error instanceof SyncError ? error.kind : undefined
      const base = await this.computeStatus().catch(() => this.status_)
      this.status_ = {
        ...base,
        syncing: false,
        state: failure === 'offline' ? 'offline' : 'error',
        failure,
        message: (error as Error).message
      }
      throw error
    }
  }

  /** Where the library stands against what it last knew of the team library, without the network. */
  async computeStatus(): Promise<SyncStatus> {
    const openConflicts = await this.countOpenConflicts()
    if (!(await this.repository.isRepository())) return { state: 'unshared', syncing: false, openConflicts }
    const remote = await this.repository.remoteUrl()
    if (!remote) return { state: 'unshared', syncing: false, openConflicts }
    const head = await this.repository.head()
    const tracking = await this.repository.tracking()
    let state: SyncState = 'synced'
    const dirty = (await this.repository.changes().catch(() => [])).length > 0
    if (openConflicts > 0) state = 'conflict'
    else if (dirty || (head && head !== tracking && (!tracking || (await this.repository.isAncestor(tracking, head))))) state = 'ahead'
    else if (head !== tracking) state = 'behind'
    return { state, remote, syncing: this.status_.syncing, lastSyncAt: this.status_.lastSyncAt, openConflicts }
  }

  private async countOpenConflicts(): Promise<number> {
    let count = 0
    for (const summary of this.library.listDocuments()) {
      try {
        const doc = await this.library.getDocument(summary.id)
        for (const row of doc.rows) count += row.conflicts?.length ?? 0
      } catch {
        // A damaged document is reported by the library itself.
      }
    }
    return count
  }

  private async syncOnce(): Promise<SyncResult> {
    const repo = this.repository
    repo.resetCache()
    if (!(await repo.isRepository()))
      throw new UserError('This library is not shared with a team yet. Share it or join a team library first.', 'not-shared')
    const url = await repo.remoteUrl()
    if (!url) throw new UserError('This library has no team library address. Share it or join a team library first.', 'not-shared')
    await repo.repair()
    const author = await this.author()
    const result: SyncResult = { pulled: 0, pushed: 0, conflicts: [], updatedDocuments: [] }
    const seenConflicts = new Set<string>()
    for (let attempt = 1; ; attempt++) {
      // Committed before going online, so work done offline is recorded (author, time) even when the network fails.
      if (await repo.head()) await this.commitLocal(author)
      const remote = await repo.fetch(url)
      // A library joining a team library that has history takes it as it is, without a root commit of its own.
      if (!(await repo.head()) && !remote) await this.commitLocal(author)
      const local = await repo.head()
      if (remote && remote !== local && !(local && (await repo.isAncestor(remote, local)))) {
        const merged = await this.mergeRemote(local, remote, author)
        result.pulled += merged.pulled
        for (const id of merged.updated) if (!result.updatedDocuments.includes(id)) result.updatedDocuments.push(id)
        for (const conflict of merged.conflicts) {
          const key = `${conflict.doc}|${conflict.rowId}|${conflict.field}`
          if (!seenConflicts.has(key)) {
            seenConflicts.add(key)
            result.conflicts.push(conflict)
          }
        }
      }
      const head = await repo.head()
      if (!head || head === remote) return result
      const outgoing = await repo.commitsBetween(head, [remote])
      try {
        await repo.push(url)
        result.pushed += outgoing.length
        return result
      } catch (error) {
        // Someone pushed between our fetch and our push: merge their work too, then try again.
        if (error instanceof SyncError && error.kind === 'rejected' && attempt < PUSH_ATTEMPTS) {
          // Members pushing at the same moment would collide again in lockstep: wait a little, at random.
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 200 * attempt))
          continue
        }
        throw error
      }
    }
  }

  /** Commits what is on disk (after writing what is pending) with a message that says what changed. */
  private async commitLocal(author: Author): Promise<string | undefined> {
    await this.library.flush()
    const changes = await this.repository.changes()
    if (changes.length === 0) return undefined
    const head = await this.repository.head()
    const lines: string[] = []
    for (const change of changes) {
      const match = DOCUMENT_PATH.exec(change.path)
      if (match) {
        const before = head && change.head ? parseDocument(decode(await this.repository.readFileAt(head, change.path))) : undefined
        const after = change.workdir
          ? parseDocument(await readFile(join(this.library.libraryDir, change.path), 'utf8').catch(() => undefined))
          : undefined
        lines.push(describeDocumentChange(before, after))
      } else lines.push(`${change.workdir ? (change.head ? 'changed' : 'added') : 'removed'} ${change.path}`)
    }
    const subject = head ? (lines.length === 1 ? lines[0] : `${lines.length} files changed`) : 'Share the library'
    const message = `${subject}\n\n${lines.map((line) => `- ${line}`).join('\n')}\n`
    return this.repository.commit(message, author)
  }

  private async mergeRemote(
    local: string | undefined,
    remote: string,
    author: Author
  ): Promise<{ pulled: number; updated: string[]; conflicts: SyncConflict[] }> {
    const repo = this.repository
    const base = local ? await repo.mergeBase(local, remote) : undefined
    const pulled = (await repo.commitsBetween(remote, [local])).length
    const [baseTree, theirsTree] = await Promise.all([repo.tree(base), repo.tree(remote)])
    const remoteCommit = await repo.readCommit(remote)
    const conflicts: SyncConflict[] = []
    const updated: string[] = []
    const paths = new Set([...baseTree.keys(), ...theirsTree.keys()])
    for (const path of paths) {
      const baseOid = baseTree.get(path)
      const theirsOid = theirsTree.get(path)
      if (baseOid === theirsOid) continue
      const baseText = baseOid ? decode(await repo.readBlob(baseOid)) : undefined
      const theirsText = theirsOid ? decode(await repo.readBlob(theirsOid)) : undefined
      const match = DOCUMENT_PATH.exec(path)
      if (match) {
        const merged = await this.mergeDocumentFile(
          match[1],
          parseDocument(baseText),
          parseDocument(theirsText),
          theirsText,
          author.name,
          remoteCommit.author.name,
          path
        )
        if (merged.changed) updated.push(match[1])
        conflicts.push(...merged.conflicts)
      } else if (path === 'palette.json') {
        const theirs = parsePaletteFile(theirsText)
        if (theirs) await this.library.changePalette((ours) => mergePalette(parsePaletteFile(baseText), ours, theirs))
      } else {
        await this.mergeOtherFile(
          path,
          baseOid ? await repo.readBlob(baseOid) : undefined,
          theirsOid ? await repo.readBlob(theirsOid) : undefined,
          remote
        )
      }
    }
    await this.library.flush()
    // Nothing of ours beyond theirs: the library is now theirs plus whatever was typed meanwhile.
    const ourWorkIsTheirs = !local || (await repo.isAncestor(local, remote))
    const treeIsTheirs = ourWorkIsTheirs && (await this.workTreeMatches(remote, theirsTree))
    if (treeIsTheirs) await repo.fastForward(remote)
    else {
      const parents = local && !ourWorkIsTheirs ? [local, remote] : [remote]
      const subject = ourWorkIsTheirs ? 'Changes made during the sync' : `Merge the team's changes (${pulled} ${pulled === 1 ? 'commit' : 'commits'})`
      const detail =
        conflicts.length > 0
          ? `\n\n${conflicts.length} ${conflicts.length === 1 ? 'conflict' : 'conflicts'} left for review:\n${conflicts.map((c) => `- ${c.doc} row ${c.row}: ${c.field}`).join('\n')}\n`
          : '\n'
      await repo.commit(`${subject}${detail}`, author, parents)
    }
    return { pulled, updated, conflicts }
  }

  /** True when the work tree holds exactly the files of `oid` (so the merge adds nothing). */
  private async workTreeMatches(oid: string, tree: Map<string, string>): Promise<boolean> {
    const head = await this.repository.head()
    // The branch still names our commit: files unchanged since it are compared by blob id, the rest by content.
    const changes = await this.repository.changes()
    if (head === oid) return changes.length === 0
    const headTree = await this.repository.tree(head)
    const paths = new Set([...headTree.keys(), ...tree.keys(), ...changes.map((change) => change.path)])
    const changed = new Set(changes.map((change) => change.path))
    for (const path of paths) {
      if (changed.has(path)) {
        const current = await readFile(join(this.library.libraryDir, path)).catch(() => undefined)
        const theirs = tree.get(path)
        if (!current) {
          if (theirs) return false
          continue
        }
        if (!theirs) return false
        if (!Buffer.from(await this.repository.readBlob(theirs)).equals(current)) return false
      } else if (headTree.get(path) !== tree.get(path)) return false
    }
    return true
  }

  /** Merges theirs into the document here; returns whether it changed and the conflicts it brought. */
  private async mergeDocumentFile(
    id: string,
    base: HamtaDocument | undefined,
    theirs: HamtaDocument | undefined,
    theirsText: string | undefined,
    oursAuthor: string,
    theirsAuthor: string,
    path: string
  ): Promise<{ changed: boolean; conflicts: SyncConflict[] }> {
    const exists = this.library.listDocuments().some((summary) => summary.id === id)
    if (theirsText !== undefined && !theirs) {
      throw new UserError(`The team library's ${path} is not a document this Hamta can read; update Hamta and sync again.`, 'damaged')
    }
    if (!theirs) {
      // Deleted there: deleted here too, unless changed here since (then it stays, nothing lost).
      if (!exists) return { changed: false, conflicts: [] }
      const current = await this.library.getDocument(id)
      if (base && same(current, base)) {
        await this.library.deleteDocument(id)
        return { changed: true, conflicts: [] }
      }
      return { changed: false, conflicts: [] }
    }
    if (!exists) {
      await this.library.receiveDocument(theirs)
      return { changed: true, conflicts: [] }
    }
    const conflicts: SyncConflict[] = []
    await this.library.edit(id, (current) => {
      const before = new Set(current.rows.flatMap((row) => (row.conflicts ?? []).map((record) => record.id)))
      const { document } = mergeDocument(base, current, theirs, { oursAuthor, theirsAuthor, now: this.now() })
      document.rows.forEach((row, index) => {
        for (const record of row.conflicts ?? []) {
          if (!before.has(record.id)) conflicts.push({ doc: id, row: index + 1, rowId: row.id, field: record.field })
        }
      })
      return document
    })
    return { changed: true, conflicts }
  }

  /** Translation memory, termbase and other shared files: merged by kind, theirs kept beside ours if they cannot merge. */
  private async mergeOtherFile(path: string, base: Uint8Array | undefined, theirs: Uint8Array | undefined, remote: string): Promise<void> {
    const full = join(this.library.libraryDir, path)
    const ours = await readFile(full).catch(() => undefined)
    const oursBytes = ours ? new Uint8Array(ours) : undefined
    const equal = (a?: Uint8Array, b?: Uint8Array): boolean =>
      a === undefined ? b === undefined : b !== undefined && Buffer.from(a).equals(Buffer.from(b))
    if (equal(oursBytes, theirs)) return
    if (equal(oursBytes, base)) {
      if (theirs === undefined) await rm(full, { force: true })
      else await this.repository.writeWorkFile(path, theirs)
      return
    }
    if (theirs === undefined || oursBytes === undefined) {
      // One side deleted, the other changed: the changed file stays.
      if (oursBytes === undefined && theirs) await this.repository.writeWorkFile(path, theirs)
      return
    }
    const text = (bytes: Uint8Array | undefined): string | undefined => decode(bytes)
    if (LINE_FILES.test(path)) {
      await this.repository.writeWorkFile(path, mergeLines(text(base), text(oursBytes)!, text(theirs)!))
      return
    }
    if (path.endsWith('.json')) {
      try {
        const merged = mergeJson(base ? JSON.parse(text(base)!) : undefined, JSON.parse(text(oursBytes)!), JSON.parse(text(theirs)!))
        await this.repository.writeWorkFile(path, `${JSON.stringify(merged.value)}\n`)
        if (merged.conflicts.length === 0) return
      } catch {
        // Not JSON after all: kept side by side below.
      }
    }
    await this.repository.writeWorkFile(`${path}.theirs-${remote.slice(0, 8)}`, theirs)
  }
}

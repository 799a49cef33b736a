/**
 * The team library as the app uses it: share or join, sync by itself (after saves go quiet and
 * every few minutes) and on demand, the state to show, a row's history and its conflicts.
 * Composes TeamSync (the Git work), SyncScheduler (when) and a CredentialVault (where the
 * secret is kept, never in the library).
 */
import http from 'isomorphic-git/http/node'
import git, { type GitAuth } from 'isomorphic-git'
import { UserError } from '../../core/errors'
import { resolveConflict, type ConflictChoice } from '../../core/merge'
import type { DocumentEditState } from '../../shared/contract'
import type { RowVersionInfo, TeamStatusInfo, TeamSyncReport } from '../../shared/team-contract'
import type { LibraryService } from '../services/library'
import { credentialsFromEnv } from './credentials'
import { SessionVault, type CredentialVault } from './credential-vault'
import { ensureBareRepository, folderHead, folderOf, isFolderRemote } from './folder-remote'
import { restoreRowVersion, rowHistory } from './history'
import { describeRemoteError, splitCredentials } from './repository'
import { SyncScheduler } from './scheduler'
import { TeamSync, type SyncResult } from './team-sync'

export interface TeamServiceOptions {
  library: LibraryService
  vault?: CredentialVault
  /** The command line's variables (HAMTA_GIT_TOKEN …), used when no credentials were given here. */
  env?: Record<string, string | undefined>
  afterSaveMs?: number
  everyMs?: number
  now?: () => string
}

export interface RemoteInput {
  url: string
  username?: string
  password?: string
  remember?: boolean
}

/** Polled often by the page: a status this fresh is answered from memory. */
const STATUS_FRESH_MS = 1_000

export class TeamService {
  readonly sync: TeamSync
  private readonly vault: CredentialVault
  private readonly env: Record<string, string | undefined>
  private scheduler: SyncScheduler | null = null
  private readonly revisions: Record<string, number> = {}
  private cached: { at: number; status: TeamStatusInfo } | null = null
  private unsubscribe: (() => void) | null = null
  private readonly now: () => string

  constructor(private readonly options: TeamServiceOptions) {
    this.vault = options.vault ?? new SessionVault()
    this.env = options.env ?? process.env
    this.now = options.now ?? (() => new Date().toISOString())
    this.sync = new TeamSync(options.library, { credentials: () => this.credentials(), now: this.now })
    // A save shows as "changes to send" at once, before it reaches the disk or a commit (the
    // sync's own merges are not changes to send; an edit made while a sync runs is).
    options.library.onDocumentChanged((_, change) => {
      if (!change.fromTeamSync) this.changedSinceSync = true
      this.cached = null
    })
  }

  private changedSinceSync = false

  private get library(): LibraryService {
    return this.options.library
  }

  private async credentials(): Promise<GitAuth | undefined> {
    const url = await this.sync.remoteUrl()
    return ((url && (await this.vault.get(url))) || undefined) ?? (await credentialsFromEnv(this.env)())
  }

  /** Starts syncing by itself when the library is shared (at once, then after saves and every few minutes). */
  async start(syncNow = true): Promise<void> {
    if (!(await this.sync.remoteUrl())) return
    if (!this.scheduler) {
      this.scheduler = new SyncScheduler({
        sync: () => this.runSync(),
        afterSaveMs: this.options.afterSaveMs,
        everyMs: this.options.everyMs,
        // The state shown says why; the work stays here until the next sync.
        onError: () => undefined
      })
      // What a sync merged in is not a save to send: it would only make an empty sync follow.
      this.unsubscribe = this.library.onDocumentChanged((_, change) => {
        if (!change.fromTeamSync) this.scheduler?.saved()
      })
    }
    this.scheduler.start()
    if (syncNow) void this.scheduler.now()
  }

  /** Stops syncing by itself; a sync under way may finish (for a few seconds) before the library closes. */
  async stop(waitMs = 5_000): Promise<void> {
    this.scheduler?.stop()
    this.unsubscribe?.()
    this.unsubscribe = null
    this.scheduler = null
    if (this.inFlight) await Promise.race([this.inFlight.catch(() => undefined), new Promise((resolve) => setTimeout(resolve, waitMs).unref())])
  }

  private inFlight: Promise<SyncResult> | null = null

  private async runSync(): Promise<SyncResult> {
    this.cached = null
    this.changedSinceSync = false
    const run = this.sync.sync()
    this.inFlight = run
    try {
      const result = await run
      for (const id of result.updatedDocuments) this.revisions[id] = (this.revisions[id] ?? 0) + 1
      return result
    } finally {
      this.cached = null
    }
  }

  async status(): Promise<TeamStatusInfo> {
    if (this.cached && Date.now() - this.cached.at < STATUS_FRESH_MS && !this.sync.status.syncing) return this.cached.status
    // Not shared: nothing to count (conflicts only come from syncs), and the page polls this often.
    const base = (await this.sync.remoteUrl()) ? await this.sync.computeStatus() : { state: 'unshared' as const, openConflicts: 0, remote: undefined }
    const last = this.sync.status
    const failed = base.state !== 'unshared' && (last.state === 'offline' || last.state === 'error')
    const url = base.remote
    const credentials: TeamStatusInfo['credentials'] =
      url && (await this.vault.get(url)) ? this.vault.kind : (await credentialsFromEnv(this.env)()) ? 'environment' : 'none'
    const status: TeamStatusInfo = {
      state: failed ? last.state : base.state === 'synced' && this.changedSinceSync ? 'ahead' : base.state,
      ...(base.remote ? { remote: base.remote } : {}),
      syncing: last.syncing,
      ...(last.lastSyncAt ? { lastSyncAt: last.lastSyncAt } : {}),
      ...(failed && last.message ? { message: last.message } : {}),
      openConflicts: base.openConflicts,
      credentials,
      revisions: { ...this.revisions }
    }
    this.cached = { at: Date.now(), status }
    return status
  }

  private async report(result: SyncResult): Promise<TeamSyncReport> {
    return { pulled: result.pulled, pushed: result.pushed, conflicts: result.conflicts.length, status: await this.status() }
  }

  /** The address without credentials (kept in the vault), and the credentials given with it. */
  private async remember(input: RemoteInput): Promise<string> {
    const given = splitCredentials(input.url.trim())
    const url = isFolderRemote(given.url) ? folderOf(given.url) : given.url
    if (!/^https?:\/\//i.test(url) && !isFolderRemote(url))
      throw new UserError(`${input.url} is not a team library address: give an https:// (or http://) URL or a folder's full path.`, 'invalid-input')
    const auth =
      input.password || input.username ? { username: input.username?.trim() || 'x-access-token', password: input.password ?? '' } : given.auth
    if (auth && !isFolderRemote(url)) await this.vault.set(url, auth, input.remember ?? true)
    return url
  }

  /** Makes the library a Git repository and pushes it to the team library at `url` (an empty folder is made one). */
  async share(input: RemoteInput): Promise<TeamSyncReport> {
    const url = await this.remember(input)
    if (isFolderRemote(url)) await ensureBareRepository(url)
    return this.connect(url)
  }

  /** Takes in the team library at `url`: its documents join this library's (nothing here is lost). */
  async join(input: RemoteInput): Promise<TeamSyncReport> {
    const url = await this.remember(input)
    if (!(await this.remoteHasHistory(url))) {
      throw new UserError(`The team library at ${url} is empty: use "Share with a team…" to put this library there.`, 'not-found')
    }
    return this.connect(url)
  }

  private async connect(url: string): Promise<TeamSyncReport> {
    this.cached = null
    this.changedSinceSync = false
    const result = await this.sync.connect(url)
    await this.start(false)
    return this.report(result)
  }

  private async remoteHasHistory(url: string): Promise<boolean> {
    if (isFolderRemote(url)) return (await folderHead(url)) !== undefined
    try {
      const refs = await git.listServerRefs({
        http,
        url,
        prefix: 'refs/heads/',
        onAuth: async () => (await this.vault.get(url)) ?? (await credentialsFromEnv(this.env)()),
        onAuthFailure: () => ({ cancel: true })
      })
      return refs.length > 0
    } catch (error) {
      throw describeRemoteError(error, url)
    }
  }

  /**
   * Stops sharing: no more syncs, and the team library's address is forgotten. Every document
   * stays here as it is, the team library is not touched, and sharing or joining again is offered.
   */
  async unshare(): Promise<TeamStatusInfo> {
    if (!(await this.sync.remoteUrl())) throw new UserError('This library is not shared with a team.', 'not-shared')
    await this.stop()
    await this.sync.disconnect()
    this.cached = null
    this.changedSinceSync = false
    return this.status()
  }

  /** Syncs now (joining a sync already running); failures are thrown with the state kept. */
  async syncNow(): Promise<TeamSyncReport> {
    if (!(await this.sync.remoteUrl())) throw new UserError('This library is not shared with a team yet.', 'not-shared')
    if (!this.scheduler) await this.start(false)
    return this.report(await this.runSync())
  }

  async history(documentId: string, rowId: string): Promise<{ shared: boolean; versions: RowVersionInfo[] }> {
    if (!(await this.sync.repository.head())) return { shared: false, versions: [] }
    await this.library.getDocument(documentId)
    const versions = await rowHistory(this.sync.repository, documentId, rowId)
    return { shared: true, versions: versions.map(({ updatedAt: _updatedAt, ...version }) => version) }
  }

  /** Brings back a version's English, status and tags as a new edit (undoable, synced like any other). */
  async restore(documentId: string, rowId: string, commit: string): Promise<DocumentEditState> {
    const version = (await rowHistory(this.sync.repository, documentId, rowId)).find((candidate) => candidate.commit === commit)
    if (!version) throw new UserError(`This row has no version from commit ${commit.slice(0, 8)}.`, 'not-found')
    return this.library.editStructure(documentId, (doc) => restoreRowVersion(doc, rowId, version, this.now()))
  }

  async resolve(documentId: string, rowId: string, conflictId: string, choice: ConflictChoice): Promise<DocumentEditState> {
    this.cached = null
    return this.library.editStructure(documentId, (doc) => resolveConflict(doc, rowId, conflictId, choice, this.now()))
  }
}

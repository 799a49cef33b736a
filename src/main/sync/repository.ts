/**
 * The library folder as a Git repository, through isomorphic-git (no system Git needed, in Node
 * and in Electron). Only plumbing lives here: staging and committing the work tree, fetching,
 * pushing, reading files of a commit, and repairing what an interrupted run left behind.
 * Merging Hamta's files is the sync's business (team-sync.ts).
 */
import fs from 'node:fs'
import { mkdir, open, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import git, { type GitAuth } from 'isomorphic-git'
import http from 'isomorphic-git/http/node'
import { UserError } from '../../core/errors'
import { copyObjects, folderHead, folderOf, isFolderRemote, moveFolderBranch } from './folder-remote'

export const BRANCH = 'main'
const REMOTE = 'origin'
const HEAD_REF = `refs/heads/${BRANCH}`
const TRACKING_REF = `refs/remotes/${REMOTE}/${BRANCH}`

/** Kept out of Git: the lock, local safety copies, derived files and personal settings. */
export const GITIGNORE = [
  '# Local to this computer: never shared',
  'library.lock/',
  'backups/',
  'damaged/',
  'trash/',
  'migrated/',
  '*.json.[0-9]*',
  'problems.log',
  '# Rebuilt from the documents on every machine',
  'index.json',
  'tm/documents.jsonl',
  '# Who is writing, on this computer',
  'settings.json',
  ''
].join('\n')

export type Credentials = () => GitAuth | undefined | Promise<GitAuth | undefined>

export interface Author {
  name: string
  email: string
}

export type FailureKind = 'offline' | 'auth' | 'refused' | 'not-found' | 'rejected'

/** A sync that could not finish, with what kind of trouble it met (shown as the sync state). */
export class SyncError extends UserError {
  constructor(
    message: string,
    readonly kind: FailureKind
  ) {
    super(message, `sync-${kind}`)
  }
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'ETIMEDOUT',
  'ECONNRESET',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'UND_ERR_SOCKET'
])

/** Turns what isomorphic-git and the network throw into a sentence and a kind. */
export function describeRemoteError(error: unknown, url: string): SyncError {
  if (error instanceof SyncError) return error
  const err = error as {
    code?: string
    data?: { statusCode?: number; response?: string; reason?: string }
    message?: string
    cause?: { code?: string }
  }
  const code = err?.code ?? ''
  const cause = err?.cause?.code ?? ''
  const host = safeHost(url)
  if (NETWORK_CODES.has(code) || NETWORK_CODES.has(cause) || /socket hang up|network|fetch failed/i.test(err?.message ?? '')) {
    return new SyncError(
      `Cannot reach ${host} (${code || cause || 'no connection'}). Your changes are kept here and sent at the next sync.`,
      'offline'
    )
  }
  if (code === 'UserCanceledError' || (code === 'HttpError' && err.data?.statusCode === 401)) {
    return new SyncError(`${host} refused the user name, password or token. Check them and sync again.`, 'auth')
  }
  if (code === 'HttpError' && err.data?.statusCode === 403) {
    return new SyncError(`${host} does not let this account change the team library (HTTP 403). Your changes are kept here.`, 'refused')
  }
  if (code === 'HttpError' && err.data?.statusCode === 404) return new SyncError(`There is no team library at ${url}.`, 'not-found')
  if (code === 'HttpError') return new SyncError(`${host} refused the sync (HTTP ${err.data?.statusCode}).`, 'refused')
  if (code === 'PushRejectedError') return new SyncError(`${host} has changes this library has not merged yet.`, 'rejected')
  // Another push got there first (the server checks and locks the branch itself): merge and retry.
  if (
    code === 'GitPushError' &&
    /non-fast-forward|fetch first|failed to update ref|cannot lock ref|stale info|failed to lock/i.test(err.message ?? '')
  ) {
    return new SyncError(`${host} has changes this library has not merged yet.`, 'rejected')
  }
  if (code === 'GitPushError') return new SyncError(`${host} refused the changes: ${err.message ?? ''}`.trim(), 'refused')
  if (code === 'SmartHttpError' || code === 'EmptyServerResponseError' || code === 'ParseError') {
    return new SyncError(`${host} did not answer as a Git server does (${err.message}).`, 'refused')
  }
  return new SyncError(`The sync with ${host} failed: ${err?.message ?? String(error)}`, 'refused')
}

function safeHost(url: string): string {
  try {
    const parsed = new URL(url)
    return parsed.host || url
  } catch {
    return url
  }
}

/** A URL without any user name or password in it (those never go into the repository's config). */
export function splitCredentials(url: string): { url: string; auth?: GitAuth } {
  try {
    const parsed = new URL(url)
    if (!parsed.username && !parsed.password) return { url }
    const auth = { username: decodeURIComponent(parsed.username), password: decodeURIComponent(parsed.password) }
    parsed.username = ''
    parsed.password = ''
    return { url: parsed.toString(), auth }
  } catch {
    return { url }
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path)
    return true
  } catch {
    return false
  }
}

/** Writes a file by rename, so a crash leaves the old content or the new, never half of it. */
async function writeAtomically(path: string, content: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true })
  const temporary = `${path}.${process.pid}.tmp`
  const handle = await open(temporary, 'w')
  try {
    await handle.writeFile(content)
    await handle.sync()
  } finally {
    await handle.close()
  }
  await rename(temporary, path)
}

export interface StatusEntry {
  path: string
  /** In the last commit. */
  head: boolean
  /** In the work tree. */
  workdir: boolean
}

export class LibraryRepository {
  /** isomorphic-git's object cache, shared by the calls of one sync. */
  private cache: object = {}

  constructor(
    readonly dir: string,
    private readonly credentials: Credentials = () => undefined
  ) {}

  private get gitdir(): string {
    return join(this.dir, '.git')
  }

  private get base() {
    return { fs, dir: this.dir, gitdir: this.gitdir, cache: this.cache }
  }

  private get remoteOptions() {
    let tries = 0
    return {
      http,
      onAuth: async () => (await this.credentials()) ?? undefined,
      // Asked again after a refusal: give up at once instead of looping on the same credentials.
      onAuthFailure: () => {
        tries += 1
        return { cancel: true }
      },
      tries: () => tries
    }
  }

  /** A new sync starts with fresh caches (another process may have changed the repository). */
  resetCache(): void {
    this.cache = {}
  }

  async isRepository(): Promise<boolean> {
    return exists(join(this.gitdir, 'HEAD'))
  }

  /** Makes the library a repository (keeping one that is already there) with the shared ignore list. */
  async init(): Promise<void> {
    if (!(await this.isRepository())) await git.init({ fs, dir: this.dir, defaultBranch: BRANCH })
    const ignore = join(this.dir, '.gitignore')
    if (!(await exists(ignore))) await writeAtomically(ignore, GITIGNORE)
  }

  async remoteUrl(): Promise<string | undefined> {
    const url = await git.getConfig({ fs, dir: this.dir, gitdir: this.gitdir, path: `remote.${REMOTE}.url` })
    return typeof url === 'string' && url ? url : undefined
  }

  async setRemote(url: string): Promise<void> {
    await git.setConfig({ fs, dir: this.dir, gitdir: this.gitdir, path: `remote.${REMOTE}.url`, value: url })
    await git.setConfig({ fs, dir: this.dir, gitdir: this.gitdir, path: `remote.${REMOTE}.fetch`, value: `+refs/heads/*:refs/remotes/${REMOTE}/*` })
    await git.setConfig({ fs, dir: this.dir, gitdir: this.gitdir, path: `branch.${BRANCH}.remote`, value: REMOTE })
    await git.setConfig({ fs, dir: this.dir, gitdir: this.gitdir, path: `branch.${BRANCH}.merge`, value: HEAD_REF })
  }

  /**
   * Forgets the team library: its address, the branch's tie to it and what this library last
   * knew of it. The history stays (rows keep their versions); sharing again starts afresh.
   */
  async removeRemote(): Promise<void> {
    await git.deleteRemote({ fs, dir: this.dir, gitdir: this.gitdir, remote: REMOTE }).catch(() => undefined)
    await git.setConfig({ fs, dir: this.dir, gitdir: this.gitdir, path: `branch.${BRANCH}.remote`, value: undefined })
    await git.setConfig({ fs, dir: this.dir, gitdir: this.gitdir, path: `branch.${BRANCH}.merge`, value: undefined })
    await git.deleteRef({ fs, dir: this.dir, gitdir: this.gitdir, ref: TRACKING_REF }).catch(() => undefined)
  }

  /** The commit the library is at; undefined before the first commit. */
  async head(): Promise<string | undefined> {
    return this.readRef(HEAD_REF)
  }

  /** What this library last knew of the remote's branch. */
  async tracking(): Promise<string | undefined> {
    return this.readRef(TRACKING_REF)
  }

  private async readRef(ref: string): Promise<string | undefined> {
    try {
      return await git.resolveRef({ fs, gitdir: this.gitdir, ref })
    } catch {
      return undefined
    }
  }

  /** Moves a branch by writing a new file and renaming it over the old one (isomorphic-git writes in place). */
  async setRef(ref: 'head' | 'tracking', oid: string): Promise<void> {
    const name = ref === 'head' ? HEAD_REF : TRACKING_REF
    await writeAtomically(join(this.gitdir, name), `${oid}\n`)
    if (ref === 'head') await writeAtomically(join(this.gitdir, 'hamta-head'), `${oid}\n`)
  }

  /**
   * Undoes what a run killed part-way can leave: a branch file cut short, a half-written index
   * or pack, a stale temporary file. Objects are only ever added, so a repair never loses work.
   */
  async repair(): Promise<string[]> {
    const repaired: string[] = []
    if (!(await this.isRepository())) return repaired
    for (const name of await readdir(join(this.gitdir, 'refs', 'heads')).catch(() => [] as string[])) {
      if (name.endsWith('.tmp')) await rm(join(this.gitdir, 'refs', 'heads', name), { force: true })
    }
    // The branch must name a commit that is really here; else go back to the last one this code wrote.
    const headFile = join(this.gitdir, HEAD_REF)
    const headText = (await readFile(headFile, 'utf8').catch(() => '')).trim()
    if (headText || (await exists(headFile))) {
      if (!/^[0-9a-f]{40}$/.test(headText) || !(await this.hasCommit(headText))) {
        const saved = (await readFile(join(this.gitdir, 'hamta-head'), 'utf8').catch(() => '')).trim()
        if (/^[0-9a-f]{40}$/.test(saved) && (await this.hasCommit(saved))) await this.setRef('head', saved)
        else await rm(headFile, { force: true })
        repaired.push('branch')
      }
    }
    const trackingFile = join(this.gitdir, TRACKING_REF)
    const trackingText = (await readFile(trackingFile, 'utf8').catch(() => '')).trim()
    if ((await exists(trackingFile)) && (!/^[0-9a-f]{40}$/.test(trackingText) || !(await this.hasCommit(trackingText)))) {
      await rm(trackingFile, { force: true })
      repaired.push('remote branch')
    }
    // A pack whose index is missing or unreadable came from a fetch cut short: fetched again next time.
    const packDir = join(this.gitdir, 'objects', 'pack')
    const packs = await readdir(packDir).catch(() => [] as string[])
    for (const name of packs) {
      if (!name.endsWith('.pack')) continue
      const stem = name.slice(0, -'.pack'.length)
      const good = packs.includes(`${stem}.idx`) && (await this.packReadable(join(packDir, `${stem}.idx`)))
      if (!good) {
        await rm(join(packDir, name), { force: true })
        await rm(join(packDir, `${stem}.idx`), { force: true })
        repaired.push(`pack ${stem}`)
      }
    }
    for (const name of packs)
      if (name.endsWith('.idx') && !packs.includes(name.replace(/\.idx$/, '.pack'))) await rm(join(packDir, name), { force: true })
    // The index only caches the work tree's state; a damaged one is rebuilt from scratch.
    try {
      await git.statusMatrix({ ...this.base, filepaths: ['.gitignore'] })
    } catch {
      await rm(join(this.gitdir, 'index'), { force: true })
      repaired.push('index')
    }
    if (repaired.length > 0) this.resetCache()
    return repaired
  }

  private async packReadable(path: string): Promise<boolean> {
    try {
      const bytes = await readFile(path)
      // An index file ends with the pack's checksum and its own: 40 bytes at least past the fan-out table.
      return bytes.length >= 8 + 256 * 4 + 40 && bytes.readUInt32BE(0) === 0xff744f63
    } catch {
      return false
    }
  }

  async hasCommit(oid: string): Promise<boolean> {
    try {
      const commit = await git.readCommit({ ...this.base, oid })
      await git.readTree({ ...this.base, oid: commit.commit.tree })
      return true
    } catch {
      return false
    }
  }

  /** Files that differ between the last commit and the work tree (ignored files left out). */
  async changes(): Promise<StatusEntry[]> {
    const matrix = await git.statusMatrix({ ...this.base })
    return matrix
      .filter(([, head, workdir, stage]) => !(head === 1 && workdir === 1 && stage === 1))
      .map(([path, head, workdir]) => ({ path, head: head === 1, workdir: workdir !== 0 }))
      .filter((entry) => entry.head || entry.workdir)
  }

  /**
   * Commits the work tree as it is. Returns the new commit, or undefined when nothing changed
   * and `parents` adds nothing (a merge always commits).
   */
  async commit(message: string, author: Author, parents?: string[]): Promise<string | undefined> {
    const changes = await this.changes()
    const head = await this.head()
    const parent = parents ?? (head ? [head] : [])
    const isMerge = parents !== undefined && (parent.length > 1 || parent[0] !== head)
    if (changes.length === 0 && !isMerge) return undefined
    for (const change of changes) {
      if (change.workdir) await git.add({ ...this.base, filepath: change.path })
      else await git.remove({ ...this.base, filepath: change.path })
    }
    const now = Math.floor(Date.now() / 1000)
    const oid = await git.commit({
      ...this.base,
      message,
      author: { name: author.name, email: author.email, timestamp: now, timezoneOffset: 0 },
      parent,
      noUpdateBranch: true
    })
    await this.setRef('head', oid)
    return oid
  }

  /** Points the branch at `oid` and makes the index match it, without touching the work tree. */
  async fastForward(oid: string): Promise<void> {
    await this.setRef('head', oid)
    // Only files whose index entry differs from the new commit need staging again.
    for (const [filepath, head, workdir, stage] of await git.statusMatrix({ ...this.base })) {
      if (head === 1 && workdir === 1 && stage === 1) continue
      if (workdir === 0) await git.remove({ ...this.base, filepath }).catch(() => undefined)
      else await git.add({ ...this.base, filepath }).catch(() => undefined)
    }
  }

  /** Fetches the remote's branch; undefined when the remote has no commits yet. */
  async fetch(url: string): Promise<string | undefined> {
    if (isFolderRemote(url)) return this.fetchFromFolder(folderOf(url))
    const options = this.remoteOptions
    try {
      // Ask first where the branch is: when this library already has that commit, nothing needs fetching.
      const refs = await git.listServerRefs({ http, url, prefix: HEAD_REF, onAuth: options.onAuth, onAuthFailure: options.onAuthFailure })
      const advertised = refs.find((ref) => ref.ref === HEAD_REF)?.oid
      if (!advertised) return undefined
      if (await this.hasCommit(advertised)) {
        await this.setRef('tracking', advertised)
        return advertised
      }
      const result = await git.fetch({
        ...this.base,
        ...options,
        url,
        ref: BRANCH,
        remoteRef: BRANCH,
        singleBranch: true,
        tags: false,
        remote: REMOTE
      })
      if (result.fetchHead) await this.setRef('tracking', result.fetchHead)
      return result.fetchHead ?? undefined
    } catch (error) {
      if ((error as { code?: string }).code === 'NotFoundError' && /refs\/heads|Could not find/.test((error as Error).message)) return undefined
      throw describeRemoteError(error, url)
    }
  }

  /** Pushes the branch; a remote that moved on meanwhile throws a SyncError of kind 'rejected'. */
  async push(url: string): Promise<void> {
    if (isFolderRemote(url)) return this.pushToFolder(folderOf(url))
    const options = this.remoteOptions
    let result
    try {
      result = await git.push({ ...this.base, ...options, url, ref: BRANCH, remoteRef: BRANCH, remote: REMOTE })
    } catch (error) {
      throw describeRemoteError(error, url)
    }
    const status = result.refs?.[HEAD_REF]
    if (!result.ok || (status && !status.ok)) {
      const reason = status?.error ?? result.error ?? 'refused'
      if (/non-fast-forward|fetch first|stale|failed to update ref|cannot lock ref|failed to lock/i.test(reason))
        throw new SyncError(`${safeHost(url)} has changes this library has not merged yet.`, 'rejected')
      throw new SyncError(`${safeHost(url)} refused the changes (${reason}).`, 'refused')
    }
    const head = await this.head()
    if (head) await this.setRef('tracking', head)
  }

  private async fetchFromFolder(folder: string): Promise<string | undefined> {
    const head = await this.folderCall(folder, () => folderHead(folder))
    if (!head) return undefined
    if (!(await this.hasCommit(head))) await this.folderCall(folder, () => copyObjects(folder, this.gitdir, head))
    await this.setRef('tracking', head)
    return head
  }

  private async pushToFolder(folder: string): Promise<void> {
    const head = await this.head()
    if (!head) return
    const expected = await this.tracking()
    await this.folderCall(folder, () => copyObjects(this.gitdir, folder, head))
    if (!(await this.folderCall(folder, () => moveFolderBranch(folder, expected, head))))
      throw new SyncError(`${folder} has changes this library has not merged yet.`, 'rejected')
    await this.setRef('tracking', head)
  }

  /** A folder that cannot be read or written (a drive not connected) is offline, not broken. */
  private async folderCall<T>(folder: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run()
    } catch (error) {
      if (error instanceof UserError) throw error
      const code = (error as { code?: string }).code ?? ''
      if (/^(ENOENT|EACCES|EPERM|EIO|ENOTCONN|EHOSTDOWN|ESTALE|EROFS)$/.test(code))
        throw new SyncError(`Cannot reach ${folder} (${code}). Your changes are kept here and sent at the next sync.`, 'offline')
      throw error
    }
  }

  async mergeBase(a: string, b: string): Promise<string | undefined> {
    const bases = await git.findMergeBase({ ...this.base, oids: [a, b] })
    return bases[0]
  }

  async isAncestor(ancestor: string, of: string): Promise<boolean> {
    if (ancestor === of) return true
    return git.isDescendent({ ...this.base, oid: of, ancestor, depth: -1 })
  }

  /** Blob ids of every file in a commit. */
  async tree(oid: string | undefined): Promise<Map<string, string>> {
    const files = new Map<string, string>()
    if (!oid) return files
    await git.walk({
      ...this.base,
      trees: [git.TREE({ ref: oid })],
      map: async (filepath, [entry]) => {
        if (!entry || filepath === '.') return true
        if ((await entry.type()) === 'blob') files.set(filepath, await entry.oid())
        return true
      }
    })
    return files
  }

  async readBlob(oid: string): Promise<Uint8Array> {
    return (await git.readBlob({ ...this.base, oid })).blob
  }

  async readCommit(oid: string) {
    return (await git.readCommit({ ...this.base, oid })).commit
  }

  /** Commits reachable from `from` but not from any of `known`, newest first (bounded). */
  async commitsBetween(from: string | undefined, known: Array<string | undefined>, limit = 10_000): Promise<string[]> {
    if (!from) return []
    const stop = new Set<string>()
    const stopQueue = known.filter((oid): oid is string => !!oid)
    // Everything reachable from the known commits is excluded; walk them lazily alongside.
    const seen = new Set<string>()
    const result: string[] = []
    const queue = [from]
    const knownAncestors = async (oid: string): Promise<boolean> => {
      for (const k of stopQueue) if (await this.isAncestor(oid, k).catch(() => false)) return true
      return false
    }
    while (queue.length > 0 && result.length < limit) {
      const oid = queue.shift()!
      if (seen.has(oid) || stop.has(oid)) continue
      seen.add(oid)
      if (await knownAncestors(oid)) {
        stop.add(oid)
        continue
      }
      result.push(oid)
      const commit = await this.readCommit(oid)
      queue.push(...commit.parent)
    }
    return result
  }

  /** Commits that changed `filepath`, newest first, with the file's blob at each. */
  async fileLog(filepath: string, limit = 200): Promise<Array<{ oid: string; author: string; timestamp: number; message: string }>> {
    const head = await this.head()
    if (!head) return []
    const entries = await git.log({ ...this.base, ref: head, filepath, depth: limit, force: true })
    return entries.map((entry) => ({
      oid: entry.oid,
      author: entry.commit.author.name,
      timestamp: entry.commit.author.timestamp,
      message: entry.commit.message
    }))
  }

  async readFileAt(oid: string, filepath: string): Promise<Uint8Array | undefined> {
    try {
      return (await git.readBlob({ ...this.base, oid, filepath })).blob
    } catch {
      return undefined
    }
  }

  async writeWorkFile(filepath: string, content: Uint8Array | string): Promise<void> {
    const path = join(this.dir, filepath)
    await mkdir(dirname(path), { recursive: true })
    const temporary = `${path}.${process.pid}.tmp`
    await writeFile(temporary, content)
    await rename(temporary, path)
  }
}

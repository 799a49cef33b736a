/**
 * A team library in a folder (a shared drive, a synced folder): a bare Git repository there,
 * read and written with isomorphic-git's own object and ref operations, since isomorphic-git has
 * no file transport. Objects are copied closure-first (blobs and subtrees before their tree, a
 * commit's tree and parents before the commit), so an object found in the target always has
 * everything it points to; the branch moves last, under a lock file as Git's own does.
 */
import fs from 'node:fs'
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises'
import { isAbsolute, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import git from 'isomorphic-git'
import { UserError } from '../../core/errors'

const HEAD_REF = 'refs/heads/main'
/** A lock older than this was left by a process that died while pushing. */
const STALE_LOCK_MS = 60_000

/** A path (/shared/team, C:\team, \\server\team) or a file:// URL, rather than a server address. */
export function isFolderRemote(url: string): boolean {
  return /^file:\/\//i.test(url) || isAbsolute(url) || /^[A-Za-z]:[\\/]/.test(url) || url.startsWith('\\\\')
}

/** The folder a folder remote names, as an absolute path. */
export function folderOf(url: string): string {
  return /^file:\/\//i.test(url) ? fileURLToPath(url) : resolve(url)
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path)
    return true
  } catch {
    return false
  }
}

export async function isBareRepository(folder: string): Promise<boolean> {
  return (await exists(join(folder, 'HEAD'))) && (await exists(join(folder, 'objects'))) && (await exists(join(folder, 'refs')))
}

/** Makes `folder` a bare repository for a team library; an existing one is kept, a folder holding other files refused. */
export async function ensureBareRepository(folder: string): Promise<void> {
  if (await isBareRepository(folder)) return
  await mkdir(folder, { recursive: true })
  const entries = (await readdir(folder)).filter((name) => !name.startsWith('.'))
  if (entries.length > 0) {
    throw new UserError(`${folder} already holds other files. Choose an empty folder (or one that holds a team library).`, 'invalid-input')
  }
  await git.init({ fs, dir: folder, bare: true, defaultBranch: 'main' })
}

/** The folder's branch, or undefined when it has no commits yet. */
export async function folderHead(folder: string): Promise<string | undefined> {
  if (!(await isBareRepository(folder))) {
    throw new UserError(`There is no team library in ${folder}${(await exists(folder)) ? '' : ' (the folder cannot be reached)'}.`, 'not-found')
  }
  try {
    return await git.resolveRef({ fs, gitdir: folder, ref: HEAD_REF })
  } catch {
    return undefined
  }
}

async function has(gitdir: string, oid: string, cache: object): Promise<boolean> {
  try {
    await git.readObject({ fs, gitdir, oid, format: 'deflated', cache })
    return true
  } catch {
    return false
  }
}

/** Copies every object reachable from `tip` that `to` lacks; returns how many were written. */
export async function copyObjects(from: string, to: string, tip: string): Promise<number> {
  const fromCache = {}
  const toCache = {}
  let written = 0
  const copy = async (oid: string): Promise<void> => {
    const { object, type } = await git.readObject({ fs, gitdir: from, oid, format: 'content', cache: fromCache })
    await git.writeObject({ fs, gitdir: to, type: type as 'blob' | 'tree' | 'commit' | 'tag', object: object as Uint8Array, format: 'content' })
    written++
  }
  const copyTree = async (oid: string): Promise<void> => {
    if (await has(to, oid, toCache)) return
    const { tree } = await git.readTree({ fs, gitdir: from, oid, cache: fromCache })
    for (const entry of tree) {
      if (entry.type === 'tree') await copyTree(entry.oid)
      else if (entry.type === 'blob' && !(await has(to, entry.oid, toCache))) await copy(entry.oid)
    }
    await copy(oid)
  }
  // Commits the target lacks, found from the tip, then written oldest first.
  const missing: string[] = []
  const seen = new Set<string>()
  const queue = [tip]
  while (queue.length > 0) {
    const oid = queue.pop()!
    if (seen.has(oid)) continue
    seen.add(oid)
    if (await has(to, oid, toCache)) continue
    missing.push(oid)
    queue.push(...(await git.readCommit({ fs, gitdir: from, oid, cache: fromCache })).commit.parent)
  }
  const parsed = new Map<string, { tree: string; parent: string[] }>()
  for (const oid of missing) parsed.set(oid, (await git.readCommit({ fs, gitdir: from, oid, cache: fromCache })).commit)
  const done = new Set<string>()
  const write = async (oid: string): Promise<void> => {
    if (done.has(oid) || !parsed.has(oid)) return
    done.add(oid)
    const commit = parsed.get(oid)!
    for (const parent of commit.parent) await write(parent)
    await copyTree(commit.tree)
    await copy(oid)
  }
  for (const oid of missing.reverse()) await write(oid)
  return written
}

/**
 * Moves the folder's branch from `expected` to `next`, refusing (false) when someone else moved
 * it meanwhile and `next` does not include their work.
 */
export async function moveFolderBranch(folder: string, expected: string | undefined, next: string): Promise<boolean> {
  const refPath = join(folder, HEAD_REF)
  const lock = `${refPath}.lock`
  await mkdir(join(folder, 'refs', 'heads'), { recursive: true })
  const lockStat = await stat(lock).catch(() => null)
  if (lockStat && Date.now() - lockStat.mtimeMs > STALE_LOCK_MS) await rm(lock, { force: true })
  let handle
  try {
    handle = await open(lock, 'wx')
  } catch {
    // Another member is pushing right now: the sync merges and tries again.
    return false
  }
  try {
    const current = await git.resolveRef({ fs, gitdir: folder, ref: HEAD_REF }).catch(() => undefined)
    if (current && current !== expected && current !== next) {
      const included = await git.isDescendent({ fs, gitdir: folder, oid: next, ancestor: current, depth: -1 }).catch(() => false)
      if (!included) {
        await handle.close()
        await rm(lock, { force: true })
        return false
      }
    }
    await handle.writeFile(`${next}\n`)
    await handle.sync()
    await handle.close()
    await rename(lock, refPath)
    return true
  } catch (error) {
    await handle.close().catch(() => undefined)
    await rm(lock, { force: true })
    throw error
  }
}

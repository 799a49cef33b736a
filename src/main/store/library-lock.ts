import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { mkdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { UserError } from '../../core/errors'

export interface LockOwner {
  pid: number
  host: string
  tool: string
  since: string
  /** Tells this holder's lock from a later one, so release never removes someone else's. */
  token?: string
  /** The process's start (Linux: boot id and start tick), so a reused pid is not taken for the holder. */
  processStart?: string
}

export interface LibraryLockOptions {
  /** Who is asking: shown to the next writer that finds the library in use. */
  tool: string
  /** How long a second writer waits for the lock before giving up. */
  waitMs?: number
  /** How often the holder shows it is alive (for processes on other machines sharing the folder). */
  heartbeatMs?: number
  /** After how long without a heartbeat a holder on another machine is taken for dead. */
  foreignStaleMs?: number
}

export interface LibraryLock {
  /** False when the library is on read-only media or without write permission: it opens read-only. */
  readonly writable: boolean
  /** Why the library is read-only, in words; empty when writable. */
  readonly readOnlyReason: string
  release(): Promise<void>
}

export const LOCK_NAME = 'library.lock'
const OWNER_FILE = 'owner.json'
/** A lock folder without an owner file is a holder that died between the two steps of taking it. */
const OWNERLESS_GRACE_MS = 10_000
const READ_ONLY_CODES = new Set(['EROFS', 'EACCES', 'EPERM'])

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Boot id and start tick of a process (Linux); undefined where the system does not tell. */
export function processStartOf(pid: number): string | undefined {
  try {
    const boot = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim()
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // The command name may hold spaces and parentheses: the fields that follow start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return `${boot}:${fields[19]}`
  } catch {
    return undefined
  }
}

/** True when the process that wrote `owner` is certainly gone (this machine only). */
function ownerIsDead(owner: LockOwner): boolean {
  if (!processIsAlive(owner.pid)) return true
  if (!owner.processStart) return false
  const now = processStartOf(owner.pid)
  return now !== undefined && now !== owner.processStart
}

async function readOwner(lockDir: string): Promise<{ owner: LockOwner; heartbeat: number } | null> {
  try {
    const path = join(lockDir, OWNER_FILE)
    const [text, info] = await Promise.all([readFile(path, 'utf8'), stat(path)])
    const owner = JSON.parse(text) as LockOwner
    if (typeof owner?.pid !== 'number' || typeof owner.host !== 'string') return null
    return { owner, heartbeat: info.mtimeMs }
  } catch {
    return null
  }
}

function describeOwner(owner: LockOwner | undefined): string {
  if (!owner) return 'another Hamta process'
  const where = owner.host === hostname() ? '' : ` on ${owner.host}`
  const since = owner.since ? `, since ${owner.since.slice(0, 16).replace('T', ' ')}` : ''
  return `${owner.tool} (process ${owner.pid}${where}${since})`
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * One writer per library: the app, the browser mode or a command. The lock is a folder made
 * atomically, holding the owner's pid, machine and process start. A lock whose process on this
 * machine has died is taken over at once, however old or new; a live holder keeps it for as long
 * as it runs, however long it is busy. Holders on other machines (a shared folder) refresh the
 * owner file's time; one silent for `foreignStaleMs` is taken for dead.
 */
export async function acquireLibraryLock(libraryDir: string, options: LibraryLockOptions): Promise<LibraryLock> {
  const lockDir = join(libraryDir, LOCK_NAME)
  const heartbeatMs = options.heartbeatMs ?? 15_000
  const foreignStaleMs = options.foreignStaleMs ?? 8 * heartbeatMs
  const deadline = Date.now() + (options.waitMs ?? 3000)
  let lastOwner: LockOwner | undefined
  for (;;) {
    try {
      await mkdir(lockDir)
      return await holdLock(lockDir, options.tool, heartbeatMs)
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (code && READ_ONLY_CODES.has(code)) return readOnlyLock(libraryDir, code)
      if (code !== 'EEXIST') throw error
    }
    const found = await readOwner(lockDir)
    lastOwner = found?.owner
    if (await lockIsAbandoned(lockDir, found, foreignStaleMs)) {
      await breakLock(lockDir)
      continue
    }
    if (Date.now() >= deadline) {
      throw new UserError(`The library at ${libraryDir} is in use by ${describeOwner(lastOwner)}. Close it and try again.`, 'library-in-use')
    }
    await sleep(100)
  }
}

async function lockIsAbandoned(lockDir: string, found: { owner: LockOwner; heartbeat: number } | null, foreignStaleMs: number): Promise<boolean> {
  if (!found) {
    // Being taken right now, or its taker died before naming itself.
    const info = await stat(lockDir).catch(() => null)
    return info !== null && Date.now() - info.mtimeMs > OWNERLESS_GRACE_MS
  }
  if (found.owner.host === hostname()) return ownerIsDead(found.owner)
  return Date.now() - found.heartbeat > foreignStaleMs
}

/** Moves the dead holder's folder aside in one step, so of two processes breaking it only one wins. */
async function breakLock(lockDir: string): Promise<void> {
  const aside = `${lockDir}.stale-${randomUUID().slice(0, 8)}`
  try {
    await rename(lockDir, aside)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return
    throw error
  }
  await rm(aside, { recursive: true, force: true })
}

async function holdLock(lockDir: string, tool: string, heartbeatMs: number): Promise<LibraryLock> {
  const owner: LockOwner = {
    pid: process.pid,
    host: hostname(),
    tool,
    since: new Date().toISOString(),
    token: randomUUID(),
    processStart: processStartOf(process.pid)
  }
  const ownerPath = join(lockDir, OWNER_FILE)
  // Written beside and renamed in, so a reader never sees half an owner file.
  await writeFile(`${ownerPath}.tmp`, JSON.stringify(owner))
  await rename(`${ownerPath}.tmp`, ownerPath)
  const stillOurs = async (): Promise<boolean> => (await readOwner(lockDir))?.owner.token === owner.token
  let warned = false
  const timer = setInterval(() => {
    void (async () => {
      if (await stillOurs()) {
        const now = new Date()
        await utimes(ownerPath, now, now).catch(() => undefined)
      } else if (!warned) {
        warned = true
        console.error(`Hamta: the lock of ${lockDir} was taken by another process; close this one to avoid overwriting its work.`)
      }
    })()
  }, heartbeatMs)
  timer.unref()
  return {
    writable: true,
    readOnlyReason: '',
    release: async () => {
      clearInterval(timer)
      if (await stillOurs()) await breakLock(lockDir)
    }
  }
}

function readOnlyLock(libraryDir: string, code: string): LibraryLock {
  const why = code === 'EROFS' ? 'it is on read-only media' : 'Hamta has no permission to write in it'
  return {
    writable: false,
    readOnlyReason: `The library at ${libraryDir} is open read-only: ${why}. Documents can be read and exported, not changed.`,
    release: async () => undefined
  }
}

import { readFile, rm, writeFile } from 'node:fs/promises'
import { hostname } from 'node:os'
import { join } from 'node:path'
import lockfile from 'proper-lockfile'
import { UserError } from '../../core/errors'

export interface LockOwner {
  pid: number
  host: string
  tool: string
  since: string
}

export interface LibraryLockOptions {
  /** Who is asking: shown to the next writer that finds the library in use. */
  tool: string
  /** How long a second writer waits for the lock before giving up. */
  waitMs?: number
}

const LOCK_NAME = 'library.lock'
const OWNER_FILE = 'owner.json'

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

async function readOwner(libraryDir: string): Promise<LockOwner | null> {
  try {
    return JSON.parse(await readFile(join(libraryDir, LOCK_NAME, OWNER_FILE), 'utf8')) as LockOwner
  } catch {
    return null
  }
}

/**
 * One writer per library: the app, the browser mode or a command. The lock is a folder
 * (proper-lockfile, refreshed while held, stale after 10 s); a lock left by a process of this
 * machine that has died is taken over at once, so a crash never keeps the library closed.
 */
export async function acquireLibraryLock(libraryDir: string, options: LibraryLockOptions): Promise<() => Promise<void>> {
  const lockOptions = {
    lockfilePath: join(libraryDir, LOCK_NAME),
    realpath: false,
    stale: 10_000,
    onCompromised: (error: Error) => console.error(`Hamta: the library lock was lost (${error.message}).`)
  }
  const deadline = Date.now() + (options.waitMs ?? 3000)
  for (;;) {
    try {
      const release = await lockfile.lock(libraryDir, lockOptions)
      const owner: LockOwner = { pid: process.pid, host: hostname(), tool: options.tool, since: new Date().toISOString() }
      await writeFile(join(libraryDir, LOCK_NAME, OWNER_FILE), JSON.stringify(owner))
      return async () => {
        await rm(join(libraryDir, LOCK_NAME, OWNER_FILE), { force: true })
        await release()
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error
      const owner = await readOwner(libraryDir)
      if (owner && owner.host === hostname() && owner.pid !== process.pid && !processIsAlive(owner.pid)) {
        await rm(join(libraryDir, LOCK_NAME), { recursive: true, force: true })
        continue
      }
      if (Date.now() >= deadline) {
        const who = owner ? `${owner.tool} (process ${owner.pid}${owner.host === hostname() ? '' : ` on ${owner.host}`})` : 'another Hamta process'
        throw new UserError(`The library at ${libraryDir} is in use by ${who}. Close it and try again.`, 'library-in-use')
      }
      await new Promise((resolve) => setTimeout(resolve, 150))
    }
  }
}

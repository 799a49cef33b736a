import { spawn, type ChildProcess } from 'node:child_process'
import { chmod, mkdir, readFile, stat, utimes, writeFile } from 'node:fs/promises'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { acquireLibraryLock, LOCK_NAME, processStartOf, type LibraryLock } from '../../src/main/store/library-lock'
import { LibraryService } from '../../src/main/services/library'
import { SAMPLES_DIR, withTempDir } from '../helpers/temp'

const held: LibraryLock[] = []
const children: ChildProcess[] = []
afterEach(async () => {
  await Promise.all(held.splice(0).map((lock) => lock.release()))
  for (const child of children.splice(0)) child.kill('SIGKILL')
})

async function take(libraryDir: string, tool = 'a test', options: Partial<Parameters<typeof acquireLibraryLock>[1]> = {}): Promise<LibraryLock> {
  const lock = await acquireLibraryLock(libraryDir, { tool, waitMs: 200, ...options })
  held.push(lock)
  return lock
}

/** A live process that is not us, to stand for another Hamta holding the library. */
function liveProcess(): ChildProcess {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' })
  children.push(child)
  return child
}

async function plantLock(libraryDir: string, owner: object, ageMs = 0): Promise<void> {
  const lockDir = join(libraryDir, LOCK_NAME)
  await mkdir(lockDir, { recursive: true })
  const ownerPath = join(lockDir, 'owner.json')
  await writeFile(ownerPath, JSON.stringify(owner))
  const then = new Date(Date.now() - ageMs)
  await utimes(ownerPath, then, then)
  await utimes(lockDir, then, then)
}

describe('library lock', () => {
  it('keeps a second live writer out and names the holder', async () => {
    await withTempDir(async (dir) => {
      await take(dir, 'the Hamta desktop app')
      await expect(take(dir, 'hamta import')).rejects.toThrow(/in use by the Hamta desktop app \(process \d+, since \d{4}-\d\d-\d\d \d\d:\d\d\)/)
    })
  })

  it('stays held by a live process however old the lock is (no staleness by age on this machine)', async () => {
    await withTempDir(async (dir) => {
      const other = liveProcess()
      await plantLock(
        dir,
        { pid: other.pid, host: hostname(), tool: 'hamta import', since: '2026-01-01T00:00:00Z', processStart: processStartOf(other.pid!) },
        3_600_000
      )
      await expect(take(dir)).rejects.toThrow(/in use by hamta import \(process \d+/)
      // The moment that process is gone, the lock is taken over, without waiting for any timeout.
      other.kill('SIGKILL')
      await new Promise((resolve) => other.once('exit', resolve))
      const started = Date.now()
      expect((await take(dir)).writable).toBe(true)
      expect(Date.now() - started).toBeLessThan(150)
    })
  })

  it('takes over at once a fresh lock left by a process that died', async () => {
    await withTempDir(async (dir) => {
      await plantLock(dir, { pid: 2 ** 22 + 4321, host: hostname(), tool: 'a crashed app', since: new Date().toISOString() })
      const lock = await take(dir)
      const owner = JSON.parse(await readFile(join(dir, LOCK_NAME, 'owner.json'), 'utf8'))
      expect(owner.pid).toBe(process.pid)
      expect(lock.writable).toBe(true)
    })
  })

  it('does not mistake a reused process id for the holder', async () => {
    const other = liveProcess()
    if (!processStartOf(other.pid!)) return // a system that does not tell when a process started
    await withTempDir(async (dir) => {
      await plantLock(dir, { pid: other.pid, host: hostname(), tool: 'an app before a reboot', since: '', processStart: 'another-boot:123' })
      expect((await take(dir)).writable).toBe(true)
    })
  })

  it('respects a holder on another machine while it shows signs of life, and not after', async () => {
    await withTempDir(async (dir) => {
      const owner = { pid: 1, host: 'another-machine', tool: 'the Hamta desktop app', since: '' }
      await plantLock(dir, owner, 1_000)
      await expect(take(dir, 'a test', { foreignStaleMs: 60_000 })).rejects.toThrow(/process 1 on another-machine/)
      await plantLock(dir, owner, 120_000)
      expect((await take(dir, 'a test', { foreignStaleMs: 60_000 })).writable).toBe(true)
    })
  })

  it('waits for a lock being taken, and breaks one whose taker died before naming itself', async () => {
    await withTempDir(async (dir) => {
      await mkdir(join(dir, LOCK_NAME))
      await expect(take(dir)).rejects.toThrow(/in use by another Hamta process/)
      const old = new Date(Date.now() - 60_000)
      await utimes(join(dir, LOCK_NAME), old, old)
      expect((await take(dir)).writable).toBe(true)
    })
  })

  it('is kept by its holder across many refreshes, and can be taken again right after release', async () => {
    await withTempDir(async (dir) => {
      const lock = await take(dir, 'the Hamta browser mode', { heartbeatMs: 20 })
      const ownerPath = join(dir, LOCK_NAME, 'owner.json')
      const before = (await stat(ownerPath)).mtimeMs
      await new Promise((resolve) => setTimeout(resolve, 300))
      expect((await stat(ownerPath)).mtimeMs).toBeGreaterThan(before)
      await expect(take(dir, 'hamta import')).rejects.toThrow(/in use by the Hamta browser mode/)
      await lock.release()
      expect((await take(dir, 'hamta import')).writable).toBe(true)
    })
  })

  it('never removes a lock that another process took after it', async () => {
    await withTempDir(async (dir) => {
      const lock = await take(dir)
      // Someone else's lock now stands there (a holder on another machine that judged ours dead).
      await plantLock(dir, { pid: 1, host: 'another-machine', tool: 'someone else', since: '', token: 'theirs' })
      await lock.release()
      expect(JSON.parse(await readFile(join(dir, LOCK_NAME, 'owner.json'), 'utf8')).token).toBe('theirs')
    })
  })

  it('opens a library it may not write read-only: listed, readable, and changes refused in words', async () => {
    await withTempDir(async (dir) => {
      const libraryDir = join(dir, 'lib')
      const writer = await LibraryService.open({ libraryDir, samplesDir: SAMPLES_DIR, tool: 'setup' })
      const { id } = await writer.importSample('003_1f132d0afecd6292')
      await writer.close()
      // Root may write anywhere, so the read-only case is run as an unprivileged user when we are root.
      await chmod(dir, 0o755)
      await chmod(libraryDir, 0o555)
      const script = `
        const { LibraryService } = await import(${JSON.stringify(join(process.cwd(), 'src/main/services/library.ts'))})
        const library = await LibraryService.open({ libraryDir: ${JSON.stringify(libraryDir)}, samplesDir: '', tool: 'reader' })
        const doc = await library.getDocument(${JSON.stringify(id)})
        let refused = ''
        try { await library.saveTarget(doc.id, doc.rows[0].id, 'x') } catch (error) { refused = error.message }
        console.log(JSON.stringify({ listed: library.listDocuments().length, rows: doc.rows.length, reason: library.readOnlyReason, refused }))
        await library.close()`
      const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {}
      const output = await new Promise<string>((resolve, reject) => {
        const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
          ...asUser,
          cwd: process.cwd(),
          env: { ...process.env, HOME: dir }
        })
        let out = ''
        child.stdout.on('data', (chunk) => (out += chunk))
        child.stderr.on('data', (chunk) => (out += chunk))
        child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(out))))
      })
      await chmod(libraryDir, 0o755)
      const result = JSON.parse(output.trim().split('\n').at(-1)!)
      expect(result.listed).toBe(1)
      expect(result.rows).toBeGreaterThan(5)
      expect(result.reason).toMatch(/open read-only: Hamta has no permission to write in it/)
      expect(result.refused).toBe(result.reason)
    })
  })
})

import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { existsSync } from 'node:fs'
import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { validateDocument } from '../../src/core/schema'
import { SAMPLES_DIR, withTempDir } from '../helpers/temp'

/**
 * Kills the real built processes (the browser-mode server and the command line) with SIGKILL at
 * random moments, including long after start, and checks after each kill that the next start
 * succeeds at once, every file parses and no acknowledged edit is lost.
 * HAMTA_FAULT_ROUNDS sets how many rounds of each kind (the benchmark runs many more).
 */
const ROUNDS = Number(process.env.HAMTA_FAULT_ROUNDS ?? 3)
const LATE_KILL_MS = Number(process.env.HAMTA_FAULT_LATE_MS ?? 16_000)
const root = process.cwd()
const webEntry = join(root, 'out', 'main', 'web.js')
const cli = join(root, 'bin', 'hamta.js')
const sample = join(SAMPLES_DIR, '003_1f132d0afecd6292.txt')

function run(args: string[], env: NodeJS.ProcessEnv = {}): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, args, { env: { ...process.env, ...env }, cwd: root })
}

function finished(child: ChildProcessWithoutNullStreams): Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }> {
  let output = ''
  child.stdout.on('data', (chunk) => (output += chunk))
  child.stderr.on('data', (chunk) => (output += chunk))
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, output })))
}

async function hamta(args: string[]): Promise<{ code: number | null; output: string; ms: number }> {
  const started = Date.now()
  const { code, output } = await finished(run([cli, ...args]))
  return { code, output, ms: Date.now() - started }
}

async function jsonFiles(folder: string): Promise<string[]> {
  const found: string[] = []
  for (const entry of await readdir(folder, { withFileTypes: true }).catch(() => [])) {
    const path = join(folder, entry.name)
    if (entry.isDirectory()) found.push(...(await jsonFiles(path)))
    else if (entry.name.endsWith('.json')) found.push(path)
  }
  return found
}

/** Every JSON file parses, every document file validates, and the library lists at once. */
async function checkLibrary(libraryDir: string): Promise<{ documents: { id: string }[] }> {
  for (const file of await jsonFiles(libraryDir)) {
    const parsed = JSON.parse(await readFile(file, 'utf8'))
    if (file.includes(join(libraryDir, 'documents'))) expect(validateDocument(parsed.document).ok, file).toBe(true)
  }
  const listed = await hamta(['list', '--library', libraryDir, '--json'])
  expect(listed.output).not.toMatch(/in use|ENOTEMPTY|lock/i)
  expect(listed.code, listed.output).toBe(0)
  return JSON.parse(listed.output)
}

/** The built browser-mode server on a free port, and the address and token it printed. */
async function startServer(libraryDir: string): Promise<{
  child: ChildProcessWithoutNullStreams
  exit: ReturnType<typeof finished>
  base: { url: string; token: string }
}> {
  const child = run([webEntry], { HAMTA_LIBRARY: libraryDir, HAMTA_PORT: '0' })
  const exit = finished(child)
  const base = await new Promise<{ url: string; token: string }>((resolve, reject) => {
    let seen = ''
    child.stdout.on('data', (chunk) => {
      seen += chunk
      const match = /Open (http:\/\/127\.0\.0\.1:\d+)\/#token=(\S+)/.exec(seen)
      if (match) resolve({ url: match[1], token: match[2] })
    })
    void exit.then(({ output }) => reject(new Error(`The server did not start:\n${output}`)))
  })
  return { child, exit, base }
}

async function callApi(base: { url: string; token: string }, method: string, body: unknown): Promise<unknown> {
  const response = await fetch(`${base.url}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-hamta-token': base.token },
    body: JSON.stringify(body)
  })
  const json = (await response.json()) as { result?: unknown; error?: { message: string } }
  if (response.status !== 200) throw new Error(`${method} answered ${response.status}: ${json.error?.message}`)
  return json.result
}

interface ServerRound {
  lastAck: number
  startMs: number
}

/** Starts the browser-mode server, saves edits through its API as fast as it answers, kills it after `killAfterMs`. */
async function serverRound(libraryDir: string, documentId: string, firstEdit: number, killAfterMs: number): Promise<ServerRound> {
  const started = Date.now()
  const { child, exit, base } = await startServer(libraryDir)
  const startMs = Date.now() - started
  let lastAck = firstEdit - 1
  let killed = false
  const killer = setTimeout(() => {
    killed = true
    child.kill('SIGKILL')
  }, killAfterMs)
  for (let edit = firstEdit; !killed; edit++) {
    try {
      await callApi(base, 'saveTarget', { documentId, rowId: `r${(edit % 5) + 1}`, target: `edit ${edit}` })
      lastAck = edit
    } catch (error) {
      if (!killed) throw error
    }
  }
  clearTimeout(killer)
  expect((await exit).signal).toBe('SIGKILL')
  return { lastAck, startMs }
}

function newestEdit(document: { rows: { target: string }[] }): number {
  return Math.max(0, ...document.rows.map((row) => Number(/^edit (\d+)$/.exec(row.target)?.[1] ?? 0)))
}

describe('fault injection on the built app', () => {
  it('is built', () => {
    expect(existsSync(webEntry) && existsSync(join(root, 'out', 'main', 'cli.js')), 'run `npm run build` first').toBe(true)
  })

  it(
    `survives SIGKILL of the browser-mode server ${ROUNDS} times early and once after ${LATE_KILL_MS / 1000} s`,
    async () => {
      await withTempDir(async (dir) => {
        const libraryDir = join(dir, 'lib')
        const imported = await hamta(['import', sample, '--library', libraryDir])
        expect(imported.code, imported.output).toBe(0)
        const documentId = imported.output.trim().split('\n').at(-1)!
        let nextEdit = 1
        let acknowledged = 0
        const delays = [...Array.from({ length: ROUNDS }, () => 300 + Math.random() * 2000), LATE_KILL_MS + Math.random() * 1000]
        for (const delay of delays) {
          const { lastAck, startMs } = await serverRound(libraryDir, documentId, nextEdit, delay)
          expect(startMs).toBeLessThan(5000) // started at once, though the last one was killed holding the lock
          acknowledged += lastAck - nextEdit + 1
          await checkLibrary(libraryDir)
          const stored = JSON.parse(await readFile(join(libraryDir, 'documents', `${documentId}.json`), 'utf8')).document
          // The newest edit on disk is the last acknowledged one or the one in flight when killed.
          expect(newestEdit(stored)).toBeGreaterThanOrEqual(lastAck)
          expect(newestEdit(stored)).toBeLessThanOrEqual(lastAck + 1)
          nextEdit = newestEdit(stored) + 1
        }
        console.log(`fault injection: ${delays.length} server kills, ${acknowledged} acknowledged edits, none lost`)
        expect(acknowledged).toBeGreaterThan(delays.length)
      })
    },
    60_000 + LATE_KILL_MS + ROUNDS * 10_000
  )

  it(
    `survives SIGKILL of hamta import ${ROUNDS * 2} times: the document is there whole or not at all`,
    async () => {
      await withTempDir(async (dir) => {
        const libraryDir = join(dir, 'lib')
        const big = join(dir, 'big.txt')
        const text = await readFile(sample)
        await writeFile(big, Buffer.concat(Array.from({ length: 400 }, () => text)))
        let stored = 0
        for (let round = 0; round < ROUNDS * 2; round++) {
          const child = run([cli, 'import', big, '--library', libraryDir])
          const exit = finished(child)
          const timer = setTimeout(() => child.kill('SIGKILL'), 100 + Math.random() * 2500)
          const { signal, output } = await exit
          clearTimeout(timer)
          const acknowledged = signal === null && /Imported/.test(output)
          const { documents } = await checkLibrary(libraryDir)
          // An acknowledged import is stored; a killed one is stored whole (it reached the disk) or not at all.
          if (acknowledged) expect(documents.length).toBe(stored + 1)
          else expect([stored, stored + 1]).toContain(documents.length)
          stored = documents.length
        }
        const orphans = (await readdir(join(libraryDir, 'documents'))).filter((name) => !name.endsWith('.json'))
        expect(orphans).toEqual([])
      })
    },
    60_000 + ROUNDS * 12_000
  )

  it('keeps answering while it imports a large file, and shows the stages of the import', async () => {
    await withTempDir(async (dir) => {
      const { child, exit, base } = await startServer(join(dir, 'lib'))
      try {
        const text = await readFile(sample)
        const dataBase64 = Buffer.concat(Array.from({ length: 2500 }, () => text)).toString('base64')
        let importing = true
        const imported = callApi(base, 'importDocument', { fileName: 'big.txt', dataBase64, jobId: 'big' }).finally(() => (importing = false))
        const stages = new Set<string>()
        let slowest = 0
        while (importing) {
          const progress = (await callApi(base, 'importProgress', { jobId: 'big' })) as { stage: string } | null
          if (progress) stages.add(progress.stage)
          const started = performance.now()
          await callApi(base, 'listDocuments', {})
          slowest = Math.max(slowest, performance.now() - started)
          await new Promise((resolve) => setTimeout(resolve, 25))
        }
        expect(((await imported) as { sentences: number }).sentences).toBeGreaterThan(10_000)
        expect(stages).toContain('segmenting')
        // The benchmark measures the real figure (target 200 ms); before the worker, an import blocked every call for its whole length.
        expect(slowest).toBeLessThan(1500)
      } finally {
        child.kill('SIGKILL')
        await exit
      }
    })
  }, 120_000)
})

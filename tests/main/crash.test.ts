import { spawn } from 'node:child_process'
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { validateDocument } from '../../src/core/schema'
import { LibraryService } from '../../src/main/services/library'
import { SAMPLES_DIR, withTempDir } from '../helpers/temp'

const KILLS = Number(process.env.HAMTA_CRASH_KILLS ?? 20)
const saver = join(process.cwd(), 'tests', 'main', 'crash', 'saver.ts')

/** Runs the saver until it has saved for a random while, kills it with SIGKILL, returns the last acknowledged edit. */
function runAndKill(libraryDir: string, documentId: string, firstEdit: number): Promise<{ lastAck: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', saver, libraryDir, documentId, String(firstEdit)], {
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let output = ''
    let lastAck = firstEdit - 1
    let killTimer: NodeJS.Timeout | undefined
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      for (const match of chunk.toString().matchAll(/ack (\d+)/g)) lastAck = Math.max(lastAck, Number(match[1]))
      if (!killTimer && output.includes('ready')) killTimer = setTimeout(() => child.kill('SIGKILL'), 20 + Math.random() * 250)
    })
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.on('error', reject)
    child.on('exit', (_code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`The saver stopped by itself:\n${output}`))
      else resolve({ lastAck, output })
    })
  })
}

async function allJsonFiles(folder: string): Promise<string[]> {
  const found: string[] = []
  for (const entry of await readdir(folder, { withFileTypes: true }).catch(() => [])) {
    const path = join(folder, entry.name)
    if (entry.isDirectory() && entry.name !== 'library.lock') found.push(...(await allJsonFiles(path)))
    else if (entry.name.endsWith('.json')) found.push(path)
  }
  return found
}

describe('crash safety', () => {
  it(
    `survives ${KILLS} SIGKILLs while saving: every file valid, no acknowledged edit lost`,
    async () => {
      await withTempDir(async (dir) => {
        const libraryDir = join(dir, 'lib')
        const setup = await LibraryService.open({ libraryDir, samplesDir: SAMPLES_DIR, tool: 'crash test setup' })
        const { id } = await setup.importSample('003_1f132d0afecd6292')
        await setup.close()

        let nextEdit = 1
        let acknowledged = 0
        for (let kill = 0; kill < KILLS; kill++) {
          const { lastAck } = await runAndKill(libraryDir, id, nextEdit)
          acknowledged += lastAck - nextEdit + 1

          // Every JSON file in the library parses; every document file validates.
          for (const file of await allJsonFiles(libraryDir)) {
            const parsed = JSON.parse(await readFile(file, 'utf8'))
            if (file.includes(`${join('documents', '')}`) || file.includes(`${join('backups', '')}`)) {
              expect(validateDocument(parsed.document).ok, file).toBe(true)
            }
          }
          // The newest edit on disk is the last acknowledged one or the one being written when killed.
          const library = await LibraryService.open({ libraryDir, samplesDir: SAMPLES_DIR, tool: 'crash test check' })
          const doc = await library.getDocument(id)
          expect(library.problems).toEqual([])
          const newest = Math.max(...doc.rows.map((row) => Number(/^edit (\d+)$/.exec(row.target)?.[1] ?? 0)))
          expect(newest).toBeGreaterThanOrEqual(lastAck)
          expect(newest).toBeLessThanOrEqual(lastAck + 1)
          await library.close()
          nextEdit = newest + 1
        }
        console.log(`crash test: ${KILLS} kills, ${acknowledged} acknowledged edits, none lost`)
        expect(acknowledged).toBeGreaterThan(KILLS)
      })
      // Room for slow machines: each kill starts a fresh process.
    },
    60_000 + KILLS * 6_000
  )
})

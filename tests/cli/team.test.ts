import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { startGitServer, type GitServer } from '../helpers/git-server'
import { SAMPLES_DIR, withTempDir } from '../helpers/temp'
import { runHamta } from '../helpers/cli'

const sample = join(SAMPLES_DIR, '003_1f132d0afecd6292.txt')

async function sharedPair(dir: string, server: GitServer): Promise<{ a: string; b: string; doc: string }> {
  const a = join(dir, 'a')
  const b = join(dir, 'b')
  const imported = await runHamta(['import', sample, '--library', a])
  const doc = imported.out.trim().split('\n').at(-1)!
  expect((await runHamta(['sync', '--library', a, '--remote', server.url('team'), '--json'])).code).toBe(0)
  const joined = await runHamta(['sync', '--library', b, '--remote', server.url('team'), '--json'])
  expect(joined.code).toBe(0)
  expect(JSON.parse(joined.out)).toEqual({ pulled: 1, pushed: 0, conflicts: [] })
  return { a, b, doc }
}

describe('hamta edit, sync and show', () => {
  it('share, join, edit on both sides, sync: merged rows, conflicts reported and shown, resolved', async () => {
    await withTempDir(async (dir) => {
      const server = await startGitServer(join(dir, 'server'))
      server.createRepository('team')
      try {
        const { a, b, doc } = await sharedPair(dir, server)
        expect((await runHamta(['edit', doc, '--library', a, '--row', '1', '--target', 'From A.', '--status', 'translated'])).code).toBe(0)
        expect((await runHamta(['edit', doc, '--library', a, '--row', '2', '--target', 'A two.'])).code).toBe(0)
        expect((await runHamta(['edit', doc, '--library', b, '--row', '1', '--target', 'From B.'])).code).toBe(0)
        expect((await runHamta(['edit', doc, '--library', b, '--row', '3', '--target', 'B three.'])).code).toBe(0)
        expect(JSON.parse((await runHamta(['sync', '--library', a, '--json'])).out)).toEqual({ pulled: 0, pushed: 1, conflicts: [] })
        const fromB = await runHamta(['sync', '--library', b, '--json'])
        expect(fromB.code).toBe(0)
        const result = JSON.parse(fromB.out)
        expect(result).toMatchObject({ pulled: 1, pushed: 2 })
        expect(result.conflicts).toEqual(
          expect.arrayContaining([
            { doc, row: 1, field: 'target' },
            { doc, row: 1, field: 'status' }
          ])
        )
        expect(JSON.parse((await runHamta(['sync', '--library', a, '--json'])).out).pulled).toBe(2)
        const shown = JSON.parse((await runHamta(['show', doc, '--library', a, '--json'])).out)
        expect(shown.rows[1]).toMatchObject({ row: 2, target: 'A two.', status: 'draft' })
        expect(shown.rows[2]).toMatchObject({ row: 3, target: 'B three.' })
        const conflict = shown.rows[0].conflicts.find((c: { field: string }) => c.field === 'target')
        expect(shown.rows[0].target).toBe('From B.')
        expect(conflict).toMatchObject({ ours: { value: 'From B.' }, theirs: { value: 'From A.' } })
        expect((await runHamta(['resolve', doc, '--library', a, '--row', '1', '--take', 'theirs'])).code).toBe(0)
        await runHamta(['sync', '--library', a, '--json'])
        await runHamta(['sync', '--library', b, '--json'])
        const settled = JSON.parse((await runHamta(['show', doc, '--library', b, '--json'])).out)
        expect(settled.rows[0]).toMatchObject({ target: 'From A.', status: 'translated' })
        expect(settled.rows[0].conflicts).toBeUndefined()
        const history = JSON.parse((await runHamta(['history', doc, '--library', b, '--row', '1', '--json'])).out)
        expect(history.versions.length).toBeGreaterThan(2)
      } finally {
        await server.close()
      }
    })
  }, 60_000)

  it('fails with one line and exit 1 on a wrong password or no network, and keeps the work', async () => {
    await withTempDir(async (dir) => {
      const server = await startGitServer(join(dir, 'server'), { user: { name: 'sara', password: 'secret' } })
      server.createRepository('team')
      try {
        const a = join(dir, 'a')
        const imported = await runHamta(['import', sample, '--library', a])
        const doc = imported.out.trim().split('\n').at(-1)!
        const wrong = await runHamta(['sync', '--library', a, '--remote', server.url('team'), '--json'], {
          HAMTA_GIT_USERNAME: 'sara',
          HAMTA_GIT_PASSWORD: 'nope'
        })
        expect(wrong.code).toBe(1)
        expect(wrong.err).toMatch(/^hamta sync: .*refused the user name, password or token.*\n$/)
        const right = await runHamta(['sync', '--library', a, '--json'], { HAMTA_GIT_USERNAME: 'sara', HAMTA_GIT_PASSWORD: 'secret' })
        expect(right.code).toBe(0)
        expect(JSON.parse(right.out).pushed).toBe(1)
        const token = await runHamta(['sync', '--library', a, '--json'], { HAMTA_GIT_USERNAME: 'sara', HAMTA_GIT_TOKEN: 'secret' })
        expect(token.code).toBe(0)
        await server.close()
        await runHamta(['edit', doc, '--library', a, '--row', '1', '--target', 'Offline.'])
        const offline = await runHamta(['sync', '--library', a, '--json'], { HAMTA_GIT_USERNAME: 'sara', HAMTA_GIT_PASSWORD: 'secret' })
        expect(offline.code).toBe(1)
        expect(offline.err).toMatch(/Cannot reach 127\.0\.0\.1:\d+ .*kept here/)
        const { execFileSync } = await import('node:child_process')
        // The password never reaches the repository.
        expect(execFileSync('git', ['-C', a, 'log', '-p', '--all'], { encoding: 'utf8' })).not.toContain('secret')
        expect(execFileSync('git', ['-C', a, 'config', '--list'], { encoding: 'utf8' })).not.toContain('secret')
        expect(execFileSync('git', ['-C', a, 'log', '-1', '--format=%s'], { encoding: 'utf8' })).toMatch(/1 translation/)
      } finally {
        await server.close().catch(() => undefined)
      }
    })
  }, 60_000)
})

/** Runs `hamta ARGS` in its own process (so it can be killed), from the sources. */
function spawnHamta(args: string[]) {
  return spawn(process.execPath, ['--import', 'tsx', join(process.cwd(), 'src/cli/index.ts'), ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
}

describe('interrupted syncs', () => {
  it('a sync killed mid-push or mid-pull leaves a library that syncs on the next try, nothing lost', async () => {
    await withTempDir(async (dir) => {
      const server = await startGitServer(join(dir, 'server'))
      server.createRepository('team')
      try {
        const { a, b, doc } = await sharedPair(dir, server)
        const stages = [
          { when: 'POST /team.git/git-upload-pack', respond: false },
          { when: 'POST /team.git/git-receive-pack', respond: false },
          { when: 'POST /team.git/git-receive-pack', respond: true },
          { when: 'GET /team.git/info/refs?service=git-upload-pack', respond: false, delayMs: 150 }
        ]
        let round = 0
        for (const stage of stages) {
          round++
          // Both sides have work: the killed sync has something to pull and something to push.
          await runHamta(['edit', doc, '--library', b, '--row', String(round + 3), '--target', `B round ${round}`])
          expect((await runHamta(['sync', '--library', b, '--json'])).code).toBe(0)
          await runHamta(['edit', doc, '--library', a, '--row', String(round + 8), '--target', `A round ${round}`])
          const child = spawnHamta(['sync', '--library', a, '--json'])
          const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
          let killed = false
          server.hook = async (req, res) => {
            if (killed || `${req.method} ${req.url}` !== stage.when) return 'continue'
            killed = true
            if (stage.delayMs) await new Promise((resolve) => setTimeout(resolve, stage.delayMs))
            if (!stage.respond) {
              child.kill('SIGKILL')
              res.destroy()
              return 'handled'
            }
            // Let the server take the push, then kill the sync before it learns that it landed.
            res.on('finish', () => child.kill('SIGKILL'))
            return 'continue'
          }
          await exited
          server.hook = undefined
          expect(killed, `stage ${stage.when} was reached`).toBe(true)
          const retried = await runHamta(['sync', '--library', a, '--json'])
          expect(retried.code, retried.err).toBe(0)
          expect((await runHamta(['sync', '--library', b, '--json'])).code).toBe(0)
          for (const library of [a, b]) {
            const rows = JSON.parse((await runHamta(['show', doc, '--library', library, '--json'])).out).rows
            for (let r = 1; r <= round; r++) {
              expect(rows[r + 2].target).toBe(`B round ${r}`)
              expect(rows[r + 7].target).toBe(`A round ${r}`)
            }
          }
        }
      } finally {
        await server.close()
      }
    })
  }, 180_000)
})

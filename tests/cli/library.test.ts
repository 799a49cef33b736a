import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../../src/cli/main'
import { LibraryService } from '../../src/main/services/library'
import { SAMPLES_DIR, withTempDir } from '../helpers/temp'

function capture(env: Record<string, string | undefined> = {}) {
  const out: string[] = []
  const err: string[] = []
  return { io: { stdout: (t: string) => void out.push(t), stderr: (t: string) => void err.push(t), env }, out, err }
}

const sample = join(SAMPLES_DIR, '003_1f132d0afecd6292.txt')

describe('hamta import and hamta list', () => {
  it('imports a file, prints the id on the last line, and lists it', async () => {
    await withTempDir(async (dir) => {
      const library = join(dir, 'lib')
      const imported = capture()
      expect(await runCli(['import', sample, '--library', library], imported.io)).toBe(0)
      const lines = imported.out.join('').trimEnd().split('\n')
      const id = lines.at(-1)!
      expect(id).toMatch(/^[A-Za-z0-9_-]+$/)
      const stored = JSON.parse(await readFile(join(library, 'documents', `${id}.json`), 'utf8'))
      expect(stored.document.rows.length).toBeGreaterThan(5)

      const listed = capture()
      expect(await runCli(['list', '--library', library, '--json'], listed.io)).toBe(0)
      const json = JSON.parse(listed.out.join(''))
      expect(json.documents).toEqual([
        expect.objectContaining({
          id,
          title: 'تاکید بر ضرورت تقویت همکاری های سه جانبه اقتصادی ایران، ترکیه و آذربایجان',
          sentences: stored.document.rows.length
        })
      ])
      expect(json.problems).toEqual([])
    })
  })

  it('uses HAMTA_LIBRARY when no --library is given', async () => {
    await withTempDir(async (dir) => {
      const { io, out } = capture({ HAMTA_LIBRARY: join(dir, 'env-lib') })
      expect(await runCli(['import', sample], io)).toBe(0)
      const listed = capture({ HAMTA_LIBRARY: join(dir, 'env-lib') })
      await runCli(['list', '--json'], listed.io)
      expect(JSON.parse(listed.out.join('')).documents[0].id).toBe(out.join('').trim().split('\n').at(-1))
    })
  })

  it('reports a damaged document under problems, with where its bytes were kept', async () => {
    await withTempDir(async (dir) => {
      const library = join(dir, 'lib')
      const first = capture()
      await runCli(['import', sample, '--library', library], first.io)
      const second = capture()
      await runCli(['import', sample, '--library', library], second.io)
      const badId = second.out.join('').trim().split('\n').at(-1)!
      await writeFile(join(library, 'documents', `${badId}.json`), '{"truncated')
      const listed = capture()
      expect(await runCli(['list', '--library', library, '--json'], listed.io)).toBe(0)
      const json = JSON.parse(listed.out.join(''))
      expect(json.documents).toHaveLength(1)
      expect(json.problems).toHaveLength(1)
      expect(json.problems[0].documentId).toBe(badId)
      expect(await readFile(json.problems[0].keptAt, 'utf8')).toBe('{"truncated')
    })
  })

  it('fails with one line and exit 1 on bad input or a library in use', async () => {
    await withTempDir(async (dir) => {
      const library = join(dir, 'lib')
      const missing = capture()
      expect(await runCli(['import', join(dir, 'nope.txt'), '--library', library], missing.io)).toBe(1)
      expect(missing.err.join('')).toMatch(/^hamta import: .*nope\.txt: no such file\.\n$/)

      await writeFile(join(dir, 'english.txt'), 'Only English here.')
      const english = capture()
      expect(await runCli(['import', join(dir, 'english.txt'), '--library', library], english.io)).toBe(1)
      expect(english.err.join('')).toMatch(/does not look like Persian/)

      const app = await LibraryService.open({ libraryDir: library, samplesDir: SAMPLES_DIR, tool: 'the Hamta desktop app', lockWaitMs: 100 })
      try {
        const busy = capture()
        expect(await runCli(['import', sample, '--library', library], busy.io)).toBe(1)
        expect(busy.err.join('')).toMatch(/in use by the Hamta desktop app/)
        expect(busy.err.join('').trim().split('\n')).toHaveLength(1)
      } finally {
        await app.close()
      }
      const listed = capture()
      await runCli(['list', '--library', library, '--json'], listed.io)
      expect(JSON.parse(listed.out.join('')).documents).toEqual([])
    })
  }, 15_000)
})

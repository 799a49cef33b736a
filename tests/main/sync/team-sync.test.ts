import { execFileSync } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { addComment } from '../../../src/core/review/comments'
import { createTag } from '../../../src/core/review/palette'
import { LibraryService } from '../../../src/main/services/library'
import { rowHistory } from '../../../src/main/sync/history'
import { SyncError } from '../../../src/main/sync/repository'
import { TeamSync } from '../../../src/main/sync/team-sync'
import { startGitServer, type GitServer } from '../../helpers/git-server'
import { SAMPLES_DIR, withTempDir } from '../../helpers/temp'

const SAMPLE = join(SAMPLES_DIR, '003_1f132d0afecd6292.txt')

interface Member {
  name: string
  library: LibraryService
  sync: TeamSync
}

async function member(dir: string, name: string, credentials?: () => { username: string; password: string }): Promise<Member> {
  const library = await LibraryService.open({ libraryDir: join(dir, name), samplesDir: SAMPLES_DIR, tool: `test ${name}` })
  await library.updateSettings({ authorName: name })
  return { name, library, sync: new TeamSync(library, { credentials }) }
}

let dir: string
let server: GitServer
const open: Member[] = []
let cleanup: () => void

beforeEach(async () => {
  await new Promise<void>((ready) => {
    void withTempDir(
      (temp) =>
        new Promise<void>((done) => {
          dir = temp
          cleanup = done
          ready()
        })
    )
  })
  server = await startGitServer(join(dir, 'server'))
  server.createRepository('team')
})

afterEach(async () => {
  for (const m of open.splice(0)) await m.library.close()
  await server.close()
  cleanup()
})

async function team(...names: string[]): Promise<{ members: Member[]; docId: string }> {
  const members: Member[] = []
  for (const name of names) {
    const m = await member(dir, name)
    open.push(m)
    members.push(m)
  }
  const docId = (await members[0].library.importFile('article.txt', await readFile(SAMPLE))).id
  await members[0].sync.connect(server.url('team'))
  for (const m of members.slice(1)) await m.sync.connect(server.url('team'))
  return { members, docId }
}

describe('team sync over a real Git server', () => {
  it('shares a library, joins it, and merges edits to different rows and fields by itself', async () => {
    const { members, docId } = await team('maryam', 'reza')
    const [a, b] = members
    const rows = (await b.library.getDocument(docId)).rows
    expect(rows.length).toBeGreaterThan(5)
    await a.library.saveTarget(docId, rows[0].id, 'The first sentence.')
    await b.library.saveTarget(docId, rows[1].id, 'The second sentence.')
    await b.library.edit(docId, (doc) => addComment(doc, rows[0].id, { author: 'reza', text: 'Name spelled right?', now: new Date().toISOString() }))
    await b.library.changePalette((palette) => createTag(palette, { name: 'Source', color: '#123456' }))
    await a.sync.sync()
    const fromB = await b.sync.sync()
    expect(fromB.conflicts).toEqual([])
    expect(fromB.pulled).toBe(1)
    await a.sync.sync()
    for (const m of members) {
      const doc = await m.library.getDocument(docId)
      expect(doc.rows[0].target).toBe('The first sentence.')
      expect(doc.rows[1].target).toBe('The second sentence.')
      expect(doc.rows[0].comments.map((c) => c.text)).toEqual(['Name spelled right?'])
      expect((await m.library.palette()).some((tag) => tag.name === 'Source')).toBe(true)
    }
    // Every sync is a commit with its author and a message that says what changed.
    const log = execFileSync('git', ['-C', join(dir, 'maryam'), 'log', '--format=%an|%s'], { encoding: 'utf8' })
    expect(log).toMatch(/maryam\|.*1 translation/)
    expect(log).toMatch(/reza\|/)
    // Credentials and local files stay out of the repository.
    const files = execFileSync('git', ['-C', join(dir, 'maryam'), 'ls-files'], { encoding: 'utf8' })
      .trim()
      .split('\n')
    expect(files.sort()).toEqual(['.gitignore', `documents/${docId}.json`, 'palette.json'])
    expect(await a.sync.computeStatus()).toMatchObject({ state: 'synced' })
  })

  it('reports the same field changed on both sides as a conflict on the row, with both versions, who and when', async () => {
    const { members, docId } = await team('maryam', 'reza')
    const [a, b] = members
    const rowId = (await a.library.getDocument(docId)).rows[2].id
    await a.library.saveTarget(docId, rowId, 'Maryam’s version.')
    await b.library.saveTarget(docId, rowId, 'Reza’s version.')
    await a.sync.sync()
    const result = await b.sync.sync()
    expect(result.conflicts).toEqual([expect.objectContaining({ doc: docId, row: 3, field: 'target' })])
    const received = await a.sync.sync()
    expect(received.conflicts).toEqual([expect.objectContaining({ doc: docId, row: 3, field: 'target' })])
    const row = (await a.library.getDocument(docId)).rows[2]
    expect(row.conflicts![0]).toMatchObject({
      ours: { value: 'Reza’s version.', author: 'reza' },
      theirs: { value: 'Maryam’s version.', author: 'maryam' }
    })
    expect(await a.sync.computeStatus()).toMatchObject({ state: 'conflict', openConflicts: 1 })
    // History per row: who changed it, when.
    const history = await rowHistory(a.sync.repository, docId, rowId)
    expect(history.map((version) => version.author)).toContain('maryam')
    expect(history[0].changed).toContain('conflicts')
  })

  it('keeps offline work and sends it once the server answers again; a refusal and a wrong password are told apart', async () => {
    const { members, docId } = await team('maryam', 'reza')
    const [a, b] = members
    const rowId = (await a.library.getDocument(docId)).rows[0].id
    await a.library.saveTarget(docId, rowId, 'Written offline.')
    const url = server.url('team')
    await server.close()
    await expect(a.sync.sync()).rejects.toMatchObject({ kind: 'offline' })
    expect(a.sync.status.state).toBe('offline')
    const port = new URL(url).port
    // Same folder and port as before, so the library's remote address still points at it.
    server = await startGitServer(join(dir, 'server'), {}, Number(port))
    const sent = await a.sync.sync()
    expect(sent.pushed).toBeGreaterThan(0)
    await b.sync.sync()
    expect((await b.library.getDocument(docId)).rows[0].target).toBe('Written offline.')

    server.options.refusePush = true
    await a.library.saveTarget(docId, rowId, 'Refused.')
    await expect(a.sync.sync()).rejects.toMatchObject({ kind: 'refused' })
    server.options.refusePush = false
    server.options.user = { name: 'maryam', password: 'right' }
    await expect(a.sync.sync()).rejects.toMatchObject({ kind: 'auth' })
    const withPassword = new TeamSync(a.library, { credentials: () => ({ username: 'maryam', password: 'right' }) })
    expect((await withPassword.sync()).pushed).toBeGreaterThan(0)
    const wrong = new TeamSync(a.library, { credentials: () => ({ username: 'maryam', password: 'wrong' }) })
    const error = await wrong.sync().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(SyncError)
    expect((error as SyncError).kind).toBe('auth')
    expect((error as Error).message).toMatch(/refused the user name, password or token/)
  })
})

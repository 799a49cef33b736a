import { execFileSync, spawnSync } from 'node:child_process'
import { readdir, readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createHandlers } from '../../../src/main/handlers'
import { LibraryService } from '../../../src/main/services/library'
import { KeychainVault, SessionVault, type CredentialVault } from '../../../src/main/sync/credential-vault'
import { TeamService } from '../../../src/main/sync/team-service'
import type { HamtaApi } from '../../../src/shared/contract'
import { startGitServer, type GitServer } from '../../helpers/git-server'
import { SAMPLES_DIR, withTempDir } from '../../helpers/temp'

const SAMPLE = '003_1f132d0afecd6292'

interface Member {
  api: HamtaApi
  library: LibraryService
  team: TeamService
}

let dir: string
let server: GitServer
let cleanup: () => void
const open: Member[] = []

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
  for (const m of open.splice(0)) {
    await m.team.stop()
    await m.library.close()
  }
  await server.close()
  cleanup()
})

async function member(name: string, options: { vault?: CredentialVault; afterSaveMs?: number } = {}): Promise<Member> {
  const library = await LibraryService.open({ libraryDir: join(dir, name), samplesDir: SAMPLES_DIR, tool: `test ${name}` })
  await library.updateSettings({ authorName: name })
  // Syncs by itself only when a test asks for it (a long regular interval, saves quiet for 200 ms).
  const team = new TeamService({ library, vault: options.vault, env: {}, afterSaveMs: options.afterSaveMs ?? 60_000, everyMs: 600_000 })
  const m = { api: createHandlers({ library, mode: 'browser', team }), library, team }
  open.push(m)
  return m
}

async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, ms = 10_000): Promise<T> {
  const end = Date.now() + ms
  for (;;) {
    const value = await read()
    if (ok(value) || Date.now() > end) return value
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

describe('the team library through the API', () => {
  it('shares, joins, syncs both ways, shows a conflict with both versions and resolves it; history and restore', async () => {
    const a = await member('maryam')
    const b = await member('reza')
    const { id: docId } = await a.api.importSample({ sampleId: SAMPLE })
    expect(await a.api.teamStatus({})).toMatchObject({ state: 'unshared', openConflicts: 0 })
    expect(await a.api.rowHistory({ documentId: docId, rowId: 'r1' })).toEqual({ shared: false, versions: [] })

    const shared = await a.api.teamShare({ url: server.url('team') })
    expect(shared).toMatchObject({ pushed: 1, status: { state: 'synced', remote: server.url('team'), credentials: 'none' } })
    await expect(b.api.teamJoin({ url: server.url('nowhere') })).rejects.toThrow(/no team library/)
    const joined = await b.api.teamJoin({ url: server.url('team') })
    expect(joined).toMatchObject({ pulled: 1, status: { state: 'synced' } })
    expect((await b.api.listDocuments({})).map((doc) => doc.id)).toEqual([docId])

    // Edits to other rows merge; the same row's English on both sides becomes a conflict.
    const rowId = (await a.api.getDocument({ documentId: docId })).rows[2].id
    await a.api.saveTarget({ documentId: docId, rowId, target: 'Maryam’s version.' })
    await a.api.saveTarget({ documentId: docId, rowId: 'r1', target: 'The title.' })
    await b.api.saveTarget({ documentId: docId, rowId, target: 'Reza’s version.' })
    expect((await b.api.teamStatus({})).state).toBe('ahead')
    await a.api.teamSyncNow({})
    const fromA = await b.api.teamSyncNow({})
    expect(fromA).toMatchObject({ pulled: 1, conflicts: 1, status: { state: 'conflict', openConflicts: 1 } })
    expect(fromA.status.revisions[docId]).toBe(1)
    const row = (await b.api.getDocument({ documentId: docId })).rows[2]
    expect(row.target).toBe('Reza’s version.')
    expect((await b.api.getDocument({ documentId: docId })).rows[0].target).toBe('The title.')
    const conflict = row.conflicts![0]
    expect(conflict).toMatchObject({
      field: 'target',
      ours: { value: 'Reza’s version.', author: 'reza' },
      theirs: { value: 'Maryam’s version.', author: 'maryam' }
    })
    expect(conflict.ours.at).toMatch(/^\d{4}-/)

    const resolved = await b.api.resolveConflict({ documentId: docId, rowId, conflictId: conflict.id, choice: 'theirs' })
    expect(resolved.document.rows[2]).toMatchObject({ target: 'Maryam’s version.' })
    expect(resolved.document.rows[2].conflicts).toBeUndefined()
    expect(resolved.canUndo).toBe(true)
    await b.api.teamSyncNow({})
    const back = await a.api.teamSyncNow({})
    expect(back.status).toMatchObject({ state: 'synced', openConflicts: 0 })
    expect((await a.api.getDocument({ documentId: docId })).rows[2].target).toBe('Maryam’s version.')

    // History: who changed the row and when, newest first; an older version comes back as a new edit.
    const { shared: hasHistory, versions } = await a.api.rowHistory({ documentId: docId, rowId })
    expect(hasHistory).toBe(true)
    expect(versions.map((version) => version.author)).toEqual(expect.arrayContaining(['maryam', 'reza']))
    expect(versions.at(-1)!.changed).toEqual(['created'])
    const original = versions.at(-1)!
    expect(original.target).toBe('')
    const restored = await a.api.restoreRowVersion({ documentId: docId, rowId, commit: original.commit })
    expect(restored.document.rows[2]).toMatchObject({ target: '', status: original.status })
    await expect(a.api.restoreRowVersion({ documentId: docId, rowId, commit: '0'.repeat(40) })).rejects.toThrow(/no version/)
  })

  it('syncs by itself a moment after saves stop, and shows the state (ahead, then synced)', async () => {
    const a = await member('maryam', { afterSaveMs: 200 })
    const { id: docId } = await a.api.importSample({ sampleId: SAMPLE })
    await a.api.teamShare({ url: server.url('team') })
    const before = execFileSync('git', ['-C', server.path('team'), 'rev-list', '--count', 'main'], { encoding: 'utf8' }).trim()
    await a.api.saveTarget({ documentId: docId, rowId: 'r1', target: 'Saved, then synced by itself.' })
    const status = await until(
      () => a.api.teamStatus({}),
      (s) =>
        s.state === 'synced' &&
        !s.syncing &&
        execFileSync('git', ['-C', server.path('team'), 'rev-list', '--count', 'main'], { encoding: 'utf8' }).trim() !== before
    )
    expect(status.state).toBe('synced')
    expect(execFileSync('git', ['-C', server.path('team'), 'log', '-1', '--format=%an|%s', 'main'], { encoding: 'utf8' })).toMatch(
      /maryam\|.*1 translation/
    )
  })

  it('what a sync merges in does not make another sync follow; a save made during a sync does', async () => {
    const a = await member('maryam')
    const b = await member('reza', { afterSaveMs: 200 })
    const { id: docId } = await a.api.importSample({ sampleId: SAMPLE })
    await a.api.teamShare({ url: server.url('team') })
    await b.api.teamJoin({ url: server.url('team') })
    await a.api.saveTarget({ documentId: docId, rowId: 'r1', target: 'From Maryam.' })
    await a.api.teamSyncNow({})
    const received = await b.api.teamSyncNow({})
    expect(received).toMatchObject({ pulled: 1 })
    expect((await b.api.getDocument({ documentId: docId })).rows[0].target).toBe('From Maryam.')
    const after = received.status.lastSyncAt
    // Longer than the quiet time after a save and a sync: before, the merge itself scheduled one.
    await new Promise((resolve) => setTimeout(resolve, 1_000))
    expect((await b.api.teamStatus({})).lastSyncAt).toBe(after)
    expect((await b.api.teamStatus({})).state).toBe('synced')

    // A save made while a sync runs is the user's: it is sent by the sync that follows.
    await a.api.saveTarget({ documentId: docId, rowId: 'r2', target: 'More from Maryam.' })
    await a.api.teamSyncNow({})
    const running = b.api.teamSyncNow({})
    await b.api.saveTarget({ documentId: docId, rowId: 'r3', target: 'Typed by Reza during the sync.' })
    await running
    await until(
      async () => execFileSync('git', ['-C', server.path('team'), 'log', '-1', '--format=%an', 'main'], { encoding: 'utf8' }).trim(),
      (author) => author === 'reza'
    )
    expect(execFileSync('git', ['-C', server.path('team'), 'log', '-1', '--format=%an', 'main'], { encoding: 'utf8' }).trim()).toBe('reza')
  })

  it('stops sharing: nothing more is sent, every document and its history stay, and sharing again works', async () => {
    const a = await member('maryam', { afterSaveMs: 200 })
    const { id: docId } = await a.api.importSample({ sampleId: SAMPLE })
    await a.api.teamShare({ url: server.url('team') })
    const count = (): string => execFileSync('git', ['-C', server.path('team'), 'rev-list', '--count', 'main'], { encoding: 'utf8' }).trim()
    const shared = count()
    expect(await a.api.teamUnshare({})).toMatchObject({ state: 'unshared', openConflicts: 0 })
    expect((await a.api.teamStatus({})).remote).toBeUndefined()
    await expect(a.api.teamSyncNow({})).rejects.toThrow(/not shared/)
    await expect(a.api.teamUnshare({})).rejects.toThrow(/not shared/)
    // A save is no longer sent, however long one waits for the sync that used to follow it.
    await a.api.saveTarget({ documentId: docId, rowId: 'r1', target: 'Kept here only.' })
    await new Promise((resolve) => setTimeout(resolve, 800))
    expect(count()).toBe(shared)
    expect((await a.api.getDocument({ documentId: docId })).rows[0].target).toBe('Kept here only.')
    expect(await readFile(join(dir, 'maryam', '.git', 'config'), 'utf8')).not.toMatch(/remote|127\.0\.0\.1/)
    // The rows keep their history, and the library can be shared again (here, to a fresh one).
    expect((await a.api.rowHistory({ documentId: docId, rowId: 'r1' })).shared).toBe(true)
    server.createRepository('again')
    expect((await a.api.teamShare({ url: server.url('again') })).status).toMatchObject({ state: 'synced' })
    expect(execFileSync('git', ['-C', server.path('again'), 'log', '-1', '--format=%s', 'main'], { encoding: 'utf8' })).toMatch(/translation/)
  })

  it('shows offline when the server is away, keeps the work, and sends it at the next sync', async () => {
    const a = await member('maryam')
    const b = await member('reza')
    const { id: docId } = await a.api.importSample({ sampleId: SAMPLE })
    await a.api.teamShare({ url: server.url('team') })
    await b.api.teamJoin({ url: server.url('team') })
    const port = Number(new URL(server.url('team')).port)
    await server.close()
    await a.api.saveTarget({ documentId: docId, rowId: 'r1', target: 'Typed offline.' })
    await expect(a.api.teamSyncNow({})).rejects.toThrow(/Cannot reach/)
    const offline = await a.api.teamStatus({})
    expect(offline).toMatchObject({ state: 'offline', syncing: false })
    expect(offline.message).toMatch(/kept here/)
    server = await startGitServer(join(dir, 'server'), {}, port)
    expect((await a.api.teamSyncNow({})).status.state).toBe('synced')
    await b.api.teamSyncNow({})
    expect((await b.api.getDocument({ documentId: docId })).rows[0].target).toBe('Typed offline.')
  })

  it('keeps a password out of the library and its history: in the keychain file (encrypted) or the session', async () => {
    server.options.user = { name: 'maryam', password: 's3cret-token' }
    const fakeKeychain = {
      isEncryptionAvailable: () => true,
      encryptString: (text: string) => Buffer.from(Buffer.from(text, 'utf8').map((byte) => byte ^ 0x5a)),
      decryptString: (data: Buffer) => Buffer.from(data.map((byte) => byte ^ 0x5a)).toString('utf8')
    }
    const keychainFile = join(dir, 'userData', 'team-credentials.json')
    const a = await member('maryam', { vault: new KeychainVault(keychainFile, fakeKeychain) })
    await a.api.importSample({ sampleId: SAMPLE })
    await expect(a.api.teamShare({ url: server.url('team'), username: 'maryam', password: 'wrong' })).rejects.toThrow(/refused the user name/)
    expect((await a.api.teamStatus({})).state).toBe('error')
    const shared = await a.api.teamShare({ url: server.url('team'), username: 'maryam', password: 's3cret-token' })
    expect(shared.status).toMatchObject({ state: 'synced', credentials: 'keychain' })
    const sealed = await readFile(keychainFile, 'utf8')
    expect(sealed).not.toContain('s3cret-token')
    expect((await stat(keychainFile)).mode & 0o077).toBe(0)
    // Nowhere in the library folder, its Git config or objects.
    const found = spawnSync('grep', ['-r', '-l', 's3cret', join(dir, 'maryam')], { encoding: 'utf8' })
    expect(found.stdout).toBe('')
    expect(found.status).toBe(1)
  }, 20_000)

  it('browser mode keeps credentials for the session only, and says so', async () => {
    server.options.user = { name: 'reza', password: 'pw' }
    const a = await member('reza', { vault: new SessionVault() })
    await a.api.importSample({ sampleId: SAMPLE })
    const shared = await a.api.teamShare({ url: server.url('team').replace('http://', 'http://reza:pw@') })
    expect(shared.status).toMatchObject({ state: 'synced', credentials: 'session', remote: server.url('team') })
  })

  it('shares to a folder (a bare repository written with isomorphic-git), joins from it, and merges both ways', async () => {
    const folder = join(dir, 'shared-drive', 'team-library')
    const a = await member('maryam')
    const b = await member('reza')
    const { id: docId } = await a.api.importSample({ sampleId: SAMPLE })
    await expect(b.api.teamJoin({ url: folder })).rejects.toThrow(/no team library/i)
    expect((await a.api.teamShare({ url: folder })).status).toMatchObject({ state: 'synced', remote: folder })
    await b.api.teamJoin({ url: `file://${folder}` })
    await a.api.saveTarget({ documentId: docId, rowId: 'r2', target: 'From Maryam.' })
    await b.api.saveTarget({ documentId: docId, rowId: 'r3', target: 'From Reza.' })
    await a.api.teamSyncNow({})
    await b.api.teamSyncNow({})
    await a.api.teamSyncNow({})
    for (const m of [a, b]) {
      const rows = (await m.api.getDocument({ documentId: docId })).rows
      expect([rows[1].target, rows[2].target]).toEqual(['From Maryam.', 'From Reza.'])
      expect((await m.api.teamStatus({})).state).toBe('synced')
    }
    // The folder is an ordinary Git repository: Git itself reads and checks it.
    execFileSync('git', ['-C', folder, 'fsck', '--strict'], { encoding: 'utf8' })
    expect(execFileSync('git', ['-C', folder, 'log', '--format=%an', 'main'], { encoding: 'utf8' })).toMatch(/reza[\s\S]*maryam/)
    // A folder holding other files is not taken over.
    const c = await member('sara')
    await expect(c.api.teamShare({ url: join(dir, 'maryam') })).rejects.toThrow(/already holds other files/)
    expect(await readdir(join(dir, 'sara'))).not.toContain('.git')
  }, 30_000)
})

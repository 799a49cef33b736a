/**
 * Three libraries edit at random and sync at the same time, many rounds. Each round works on
 * fresh rows, so what every row should end as is known: an edit only one library made is held
 * everywhere; the same field changed to different values by several libraries is a conflict,
 * reported by a sync and kept on the row with every version.
 */
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createDocument, type HamtaDocument, type Row, type RowStatus } from '../../../src/core/model'
import { addComment } from '../../../src/core/review/comments'
import { LibraryService } from '../../../src/main/services/library'
import { TeamSync, type SyncConflict } from '../../../src/main/sync/team-sync'
import { startGitServer } from '../../helpers/git-server'
import { SAMPLES_DIR, withTempDir } from '../../helpers/temp'

function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const ROUNDS = Number(process.env.HAMTA_SYNC_ROUNDS ?? 12)
const ROWS_PER_ROUND = 6
const NAMES = ['maryam', 'reza', 'sara']
const STATUSES: RowStatus[] = ['translated', 'reviewed', 'approved']

describe('three libraries syncing concurrently', () => {
  it(`hold every edit and report every true conflict (${ROUNDS} rounds of random edits)`, async () => {
    await withTempDir(async (dir) => {
      const server = await startGitServer(join(dir, 'server'))
      server.createRepository('team')
      const rand = random(20260101)
      const now = '2026-01-01T00:00:00.000Z'
      const base: HamtaDocument = createDocument({
        id: 'shared',
        now,
        fileName: 'shared.txt',
        encoding: 'UTF-8',
        originalText: 'x',
        paragraphs: [{ sentences: Array.from({ length: ROUNDS * ROWS_PER_ROUND }, (_, i) => `جمله ${i + 1}.`) }]
      })
      base.rows = base.rows.map((row) => ({ ...row, target: `Base ${row.id}.`, status: 'translated' }))
      const members: Array<{ name: string; library: LibraryService; sync: TeamSync }> = []
      for (const name of NAMES) {
        const library = await LibraryService.open({ libraryDir: join(dir, name), samplesDir: SAMPLES_DIR, tool: `test ${name}` })
        await library.updateSettings({ authorName: name })
        members.push({ name, library, sync: new TeamSync(library) })
      }
      try {
        await members[0].library.receiveDocument(base)
        for (const m of members) await m.sync.connect(server.url('team'))
        const reported: SyncConflict[] = []
        type Expect = { target: Set<string>; status: Set<string>; tags: string[]; comments: string[] }
        const expected = new Map<string, Expect>()
        let pushRetries = 0
        for (let round = 0; round < ROUNDS; round++) {
          const rows = base.rows.slice(round * ROWS_PER_ROUND, (round + 1) * ROWS_PER_ROUND).map((row) => row.id)
          for (const m of members) {
            const edits = 1 + Math.floor(rand() * 5)
            for (let k = 0; k < edits; k++) {
              const rowId = rows[Math.floor(rand() * rows.length)]
              const kind = rand()
              if (kind < 0.45) await m.library.saveTarget('shared', rowId, `${m.name} r${round} e${k}`)
              else if (kind < 0.7) await m.library.setRowStatus('shared', rowId, STATUSES[Math.floor(rand() * STATUSES.length)])
              else if (kind < 0.85) {
                const tag = `t-${m.name}-${k}`
                await m.library.edit('shared', (doc) => ({
                  ...doc,
                  rows: doc.rows.map((row) => (row.id === rowId && !row.tags.includes(tag) ? { ...row, tags: [...row.tags, tag] } : row))
                }))
              } else await m.library.edit('shared', (doc) => addComment(doc, rowId, { author: m.name, text: `${m.name} on r${round} e${k}`, now }))
            }
          }
          // What each library holds before syncing decides what the merge must produce.
          for (const rowId of rows) {
            const versions = await Promise.all(
              members.map(async (m) => (await m.library.getDocument('shared')).rows.find((row) => row.id === rowId)!)
            )
            const original = base.rows.find((row) => row.id === rowId)!
            const changed = (field: 'target' | 'status') => new Set(versions.filter((v) => v[field] !== original[field]).map((v) => v[field]))
            expected.set(rowId, {
              target: changed('target'),
              status: changed('status'),
              tags: [...new Set(versions.flatMap((v) => v.tags))],
              comments: versions.flatMap((v) => v.comments.map((c) => c.text))
            })
          }
          const results = await Promise.all(members.map((m) => m.sync.sync()))
          for (const result of results) reported.push(...result.conflicts)
          pushRetries += results.length
        }
        // Settle: everyone syncs until nothing moves.
        for (let pass = 0; pass < 2; pass++) for (const m of members) reported.push(...(await m.sync.sync()).conflicts)
        const finals = await Promise.all(members.map((m) => m.library.getDocument('shared')))
        const strip = (doc: HamtaDocument) => doc.rows.map((row) => ({ ...row, updatedAt: '' }))
        expect(strip(finals[1])).toEqual(strip(finals[0]))
        expect(strip(finals[2])).toEqual(strip(finals[0]))
        let oneSided = 0
        let trueConflicts = 0
        for (const [rowId, want] of expected) {
          const row: Row = finals[0].rows.find((candidate) => candidate.id === rowId)!
          const original = base.rows.find((candidate) => candidate.id === rowId)!
          for (const field of ['target', 'status'] as const) {
            const values = want[field]
            const records = (row.conflicts ?? []).filter((record) => record.field === field)
            if (values.size === 0) {
              expect(row[field], `${rowId} ${field}`).toBe(original[field])
              expect(records).toEqual([])
            } else if (values.size === 1) {
              oneSided++
              expect(row[field], `${rowId} ${field}`).toBe([...values][0])
              expect(records).toEqual([])
            } else {
              trueConflicts++
              expect(records.length, `${rowId} ${field}`).toBeGreaterThan(0)
              const kept = new Set([row[field], ...records.flatMap((r) => [r.ours.value, r.theirs.value])])
              for (const value of values) expect(kept.has(value), `${rowId} ${field} keeps ${value}`).toBe(true)
              expect(reported.some((c) => c.rowId === rowId && c.field === field)).toBe(true)
            }
          }
          for (const tag of want.tags) expect(row.tags).toContain(tag)
          expect(row.comments.map((c) => c.text).sort()).toEqual([...new Set(want.comments)].sort())
        }
        const falseAlarms = reported
          .filter((c) => c.field === 'target' || c.field === 'status')
          .filter((c) => (expected.get(c.rowId)?.[c.field as 'target' | 'status'].size ?? 0) < 2)
        expect(falseAlarms).toEqual([])
        console.log(
          `randomized sync: ${ROUNDS} rounds × 3 libraries syncing at once, ${expected.size} rows; ${oneSided} one-sided field edits held, ${trueConflicts} true conflicts all reported and kept, ${falseAlarms.length} false conflicts; ${pushRetries} syncs`
        )
      } finally {
        for (const m of members) await m.library.close()
        await server.close()
      }
    })
  }, 240_000)
})

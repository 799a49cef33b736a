// Team sync figures over loopback against git http-backend: the time to sync a library of 100
// documents after one changed row (sending, and receiving on another machine), and how much the
// repository grows over 1,000 single-row edits, each synced (HAMTA_BENCH_SYNC_EDITS to change).
import { execFileSync } from 'node:child_process'
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createDocument, type HamtaDocument } from '../src/core/model'
import { LibraryService } from '../src/main/services/library'
import { TeamSync } from '../src/main/sync/team-sync'
import { startGitServer } from '../tests/helpers/git-server'

const DOCUMENTS = 100
const SENTENCES = 40
const EDITS = Number(process.env.HAMTA_BENCH_SYNC_EDITS ?? 1000)

function makeDocument(id: string): HamtaDocument {
  const doc = createDocument({
    id,
    now: new Date().toISOString(),
    fileName: `${id}.txt`,
    encoding: 'UTF-8',
    originalText: `سند ${id}`,
    paragraphs: [{ sentences: Array.from({ length: SENTENCES }, (_, i) => `وزیر کار در جمله ${i} درباره همکاری های دو کشور سخن گفت.`) }]
  })
  return {
    ...doc,
    rows: doc.rows.map((row) => ({ ...row, target: `The labour minister spoke about cooperation, sentence ${row.id}.`, status: 'translated' }))
  }
}

async function folderSize(path: string): Promise<number> {
  let total = 0
  for (const entry of await readdir(path, { withFileTypes: true })) {
    const full = join(path, entry.name)
    total += entry.isDirectory() ? await folderSize(full) : (await stat(full)).size
  }
  return total
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(2)} MB`

const dir = await mkdtemp(join(tmpdir(), 'hamta-bench-sync-'))
const server = await startGitServer(join(dir, 'server'))
server.createRepository('team')
try {
  const a = await LibraryService.open({ libraryDir: join(dir, 'a'), samplesDir: dir, tool: 'bench a' })
  const b = await LibraryService.open({ libraryDir: join(dir, 'b'), samplesDir: dir, tool: 'bench b' })
  for (let i = 0; i < DOCUMENTS; i++) await a.receiveDocument(makeDocument(`d${i}`))
  const syncA = new TeamSync(a, { author: async () => ({ name: 'a', email: '' }) })
  const syncB = new TeamSync(b, { author: async () => ({ name: 'b', email: '' }) })
  let started = performance.now()
  await syncA.connect(server.url('team'))
  const share = performance.now() - started
  started = performance.now()
  await syncB.connect(server.url('team'))
  const join_ = performance.now() - started
  console.log(`share ${DOCUMENTS} documents × ${SENTENCES} rows: ${share.toFixed(0)} ms; join (clone into an empty library): ${join_.toFixed(0)} ms`)

  const send: number[] = []
  const receive: number[] = []
  for (let round = 0; round < 10; round++) {
    await a.saveTarget(`d${round * 7}`, 'r5', `Edited in round ${round}.`)
    started = performance.now()
    await syncA.sync()
    send.push(performance.now() - started)
    started = performance.now()
    const pulled = await syncB.sync()
    receive.push(performance.now() - started)
    if (pulled.pulled !== 1) throw new Error(`expected one commit, got ${pulled.pulled}`)
  }
  console.log(
    `sync, ${DOCUMENTS} documents, one changed row: send median ${median(send).toFixed(0)} ms (max ${Math.max(...send).toFixed(0)}), receive median ${median(receive).toFixed(0)} ms (max ${Math.max(...receive).toFixed(0)})`
  )
  const idle: number[] = []
  for (let i = 0; i < 5; i++) {
    started = performance.now()
    await syncA.sync()
    idle.push(performance.now() - started)
  }
  console.log(`sync with nothing to do: median ${median(idle).toFixed(0)} ms`)

  const localBefore = await folderSize(join(dir, 'a', '.git'))
  const serverBefore = await folderSize(server.path('team'))
  const docBytes = (await stat(join(dir, 'a', 'documents', 'd1.json'))).size
  started = performance.now()
  for (let edit = 0; edit < EDITS; edit++) {
    await a.saveTarget('d1', `r${(edit % SENTENCES) + 1}`, `Edit number ${edit} of this row.`)
    await syncA.sync()
  }
  const perEdit = (performance.now() - started) / EDITS
  const localAfter = await folderSize(join(dir, 'a', '.git'))
  const serverAfter = await folderSize(server.path('team'))
  execFileSync('git', ['-C', server.path('team'), 'gc', '--quiet'])
  const serverPacked = await folderSize(server.path('team'))
  console.log(
    `${EDITS} single-row edits of one ${(docBytes / 1024).toFixed(0)} KB document, each synced (${perEdit.toFixed(0)} ms per edit + sync): ` +
      `local .git grew ${mb(localAfter - localBefore)} (${((localAfter - localBefore) / EDITS / 1024).toFixed(1)} KB per edit), ` +
      `server grew ${mb(serverAfter - serverBefore)}; after git gc on the server the whole repository is ${mb(serverPacked)} (was ${mb(serverBefore)} before the edits)`
  )
  await a.close()
  await b.close()
} finally {
  await server.close()
  await rm(dir, { recursive: true, force: true })
}

// Storage figures: latency of saving one edit in libraries of 1 and 1,000 documents (a save must
// not grow with the library), and the time to load a 10,000-sentence document.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createDocument, setRowTarget, type HamtaDocument } from '../src/core/model'
import { LibraryStore } from '../src/main/store/library-store'

function makeDocument(id: string, sentences: number): HamtaDocument {
  return createDocument({
    id,
    now: new Date().toISOString(),
    fileName: `${id}.txt`,
    encoding: 'UTF-8',
    originalText: `سند ${id}`,
    paragraphs: [{ sentences: Array.from({ length: sentences }, (_, i) => `وزیر کار در جمله ${i} درباره همکاری های دو کشور سخن گفت.`) }]
  })
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

async function saveLatency(documents: number): Promise<{ median: number; p95: number }> {
  const dir = await mkdtemp(join(tmpdir(), 'hamta-bench-store-'))
  try {
    const store = await LibraryStore.open({ libraryDir: dir, tool: 'bench' })
    for (let i = 0; i < documents; i++) await store.create(makeDocument(`d${i}`, 40))
    const times: number[] = []
    for (let edit = 0; edit < 60; edit++) {
      const started = performance.now()
      await store.update('d0', (doc) => setRowTarget(doc, `r${(edit % 40) + 1}`, `translation ${edit}`, new Date().toISOString()))
      times.push(performance.now() - started)
    }
    await store.close()
    times.sort((a, b) => a - b)
    return { median: median(times), p95: times[Math.floor(times.length * 0.95)] }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

async function loadTime(sentences: number): Promise<{ coldMs: number; saveMs: number; bytes: number }> {
  const dir = await mkdtemp(join(tmpdir(), 'hamta-bench-store-'))
  try {
    const writer = await LibraryStore.open({ libraryDir: dir, tool: 'bench' })
    await writer.create(makeDocument('big', sentences))
    await writer.close()
    const { stat } = await import('node:fs/promises')
    const bytes = (await stat(join(dir, 'documents', 'big.json'))).size
    const store = await LibraryStore.open({ libraryDir: dir, tool: 'bench' })
    const started = performance.now()
    await store.read('big')
    const coldMs = performance.now() - started
    const saveStarted = performance.now()
    await store.update('big', (doc) => setRowTarget(doc, 'r5000', 'middle', new Date().toISOString()))
    const saveMs = performance.now() - saveStarted
    await store.close()
    return { coldMs, saveMs, bytes }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

const one = await saveLatency(1)
const thousand = await saveLatency(1000)
console.log('save one edit (durable: temp file, fsync, rename, folder fsync)')
console.log(`  library of 1 document:      median ${one.median.toFixed(2)} ms, p95 ${one.p95.toFixed(2)} ms`)
console.log(`  library of 1,000 documents: median ${thousand.median.toFixed(2)} ms, p95 ${thousand.p95.toFixed(2)} ms`)
console.log(`  ratio 1,000 : 1 (median):   ${(thousand.median / one.median).toFixed(2)}x`)
for (const sentences of [10_000, 100_000]) {
  const big = await loadTime(sentences)
  console.log(
    `${sentences.toLocaleString('en')}-sentence document (${(big.bytes / 1e6).toFixed(1)} MB): load ${big.coldMs.toFixed(0)} ms, save one edit ${big.saveMs.toFixed(0)} ms`
  )
}

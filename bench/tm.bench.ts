// Translation-memory figures: importing a TMX of 100,000 and 1,000,000 units (time, peak memory),
// reopening the memory, and lookup latency (p50/p95) for a mix of exact, fuzzy and unmatched
// sentences. The memories are made up: the most common words are those of the sample articles,
// in Zipf proportions over a 200,000-word vocabulary whose rare words are invented, which gives
// postings shaped like real news text. HAMTA_BENCH_TM_SIZES=100000,1000000 chooses the sizes.
// CPU times are printed beside wall times: on a shared machine the wall time includes waiting.
import { spawnSync } from 'node:child_process'
import { once } from 'node:events'
import { createWriteStream, readdirSync, readFileSync, statSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { escapeXmlText } from '../src/core/formats/xml'
import { TranslationMemoryService, type TmDocumentSource } from '../src/main/services/translation-memory'

const VOCABULARY = 200_000
const QUERIES = 300

function random(seed: number): () => number {
  let state = seed >>> 0 || 1
  return () => {
    // xorshift32
    state ^= state << 13
    state >>>= 0
    state ^= state >>> 17
    state ^= state << 5
    state >>>= 0
    return state / 0x100000000
  }
}

/** Persian words by rank: the samples' words by frequency, then invented ones. */
function persianWords(): string[] {
  const folder = fileURLToPath(new URL('../resources/samples/', import.meta.url))
  const counts = new Map<string, number>()
  for (const name of readdirSync(folder).filter((file) => file.endsWith('.txt'))) {
    for (const word of readFileSync(join(folder, name), 'utf8').match(/[\u0600-\u06ff\u200c]+/g) ?? []) counts.set(word, (counts.get(word) ?? 0) + 1)
  }
  const words = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([word]) => word)
  const letters = 'ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی'
  const next = random(11)
  const seen = new Set(words)
  while (words.length < VOCABULARY) {
    const length = 3 + Math.floor(next() * 6)
    let word = ''
    for (let i = 0; i < length; i++) word += letters[Math.floor(next() * letters.length)]
    if (!seen.has(word)) {
      seen.add(word)
      words.push(word)
    }
  }
  return words
}

const ENGLISH =
  'the of and to in a is that for on with as was by at said from it an be has his are have which minister iran foreign two countries cooperation economic trade meeting president government talks sides relations oil price percent week officials region security agreement'.split(
    ' '
  )

/** Zipf (s = 1) sampler over ranks 0..n-1 by inverting the cumulative sum. */
function zipf(n: number, next: () => number): () => number {
  const cumulative = new Float64Array(n)
  let sum = 0
  for (let rank = 0; rank < n; rank++) {
    sum += 1 / (rank + 1)
    cumulative[rank] = sum
  }
  return () => {
    const target = next() * sum
    let low = 0
    let high = n - 1
    while (low < high) {
      const mid = (low + high) >>> 1
      if (cumulative[mid] < target) low = mid + 1
      else high = mid
    }
    return low
  }
}

function makeSentence(words: string[], rank: () => number, next: () => number): string {
  const length = 8 + Math.floor(next() * 22)
  const parts: string[] = []
  for (let i = 0; i < length; i++) parts.push(next() < 0.04 ? String(Math.floor(next() * 3000)) : words[rank()])
  return parts.join(' ') + '.'
}

async function writeTmx(path: string, units: number): Promise<string[]> {
  const words = persianWords()
  const next = random(units)
  const rank = zipf(words.length, next)
  const out = createWriteStream(path)
  const sample: string[] = []
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain')
  }
  await write(
    '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n<header creationtool="bench" creationtoolversion="1" segtype="sentence" o-tmf="bench" adminlang="en" srclang="fa-IR" datatype="plaintext"/>\n<body>\n'
  )
  let batch = ''
  for (let i = 0; i < units; i++) {
    const source = makeSentence(words, rank, next)
    const target = Array.from({ length: 6 + Math.floor(next() * 20) }, () => ENGLISH[Math.floor(next() * ENGLISH.length)]).join(' ') + '.'
    if (i % Math.ceil(units / 1000) === 0) sample.push(source)
    batch += `<tu creationdate="20240101T000000Z" creationid="translator${i % 7}"><tuv xml:lang="fa-IR"><seg>${escapeXmlText(source)}</seg></tuv><tuv xml:lang="en-US"><seg>${escapeXmlText(target)}</seg></tuv></tu>\n`
    if (batch.length > 1 << 20) {
      await write(batch)
      batch = ''
    }
  }
  await write(batch + '</body>\n</tmx>\n')
  out.end()
  await once(out, 'finish')
  return sample
}

const noDocuments: TmDocumentSource = {
  listDocuments: () => [],
  getDocument: async () => {
    throw new Error('no documents in the benchmark')
  },
  edit: async () => {
    throw new Error('no documents in the benchmark')
  }
}

function percentile(sorted: number[], share: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))]
}

// ---------------------------------------------------------------------------------------------
// Child processes: each measurement in a fresh process, so peak memory is the import's own.

async function childImport(file: string, library: string): Promise<void> {
  const started = performance.now()
  const cpuStarted = process.cpuUsage()
  const tm = await TranslationMemoryService.open({ libraryDir: library, documents: noDocuments })
  let reports = 0
  const info = await tm.importMemoryFile(file, { onProgress: () => void reports++ })
  const ms = performance.now() - started
  const cpu = process.cpuUsage(cpuStarted)
  await tm.close()
  const peakRssMb = process.resourceUsage().maxRSS / 1024
  process.stdout.write(JSON.stringify({ ms, cpuMs: (cpu.user + cpu.system) / 1000, units: info.units, peakRssMb, reports }) + '\n')
}

async function childLookup(library: string, samplesFile: string): Promise<void> {
  const samples = JSON.parse(readFileSync(samplesFile, 'utf8')) as string[]
  const started = performance.now()
  const tm = await TranslationMemoryService.open({ libraryDir: library, documents: noDocuments })
  const openMs = performance.now() - started
  const openRssMb = process.memoryUsage().rss / 1024 / 1024
  const next = random(5)
  const words = persianWords()
  const rank = zipf(words.length, next)
  // A third exact sentences, a third with one to three words changed, a third new sentences.
  const queries: string[] = []
  for (let i = 0; i < QUERIES; i++) {
    const sample = samples[Math.floor(next() * samples.length)]
    if (i % 3 === 0) queries.push(sample)
    else if (i % 3 === 1) {
      const parts = sample.slice(0, -1).split(' ')
      const changes = 1 + Math.floor(next() * 3)
      for (let c = 0; c < changes; c++) parts[Math.floor(next() * parts.length)] = words[rank()]
      queries.push(parts.join(' ') + '.')
    } else queries.push(makeSentence(words, rank, next))
  }
  for (const query of queries.slice(0, 20)) await tm.lookup(null, { text: query })
  const times: number[] = []
  const cpuTimes: number[] = []
  const found = [0, 0, 0]
  for (const [i, query] of queries.entries()) {
    const at = performance.now()
    const cpuAt = process.cpuUsage()
    const matches = await tm.lookup(null, { text: query }, { min: 70, max: 5 })
    const cpu = process.cpuUsage(cpuAt)
    times.push(performance.now() - at)
    cpuTimes.push((cpu.user + cpu.system) / 1000)
    if (matches.length > 0) found[i % 3]++
  }
  times.sort((a, b) => a - b)
  cpuTimes.sort((a, b) => a - b)
  await tm.close()
  process.stdout.write(
    JSON.stringify({
      openMs,
      openRssMb,
      p50: percentile(times, 0.5),
      p95: percentile(times, 0.95),
      max: times[times.length - 1],
      cpuP50: percentile(cpuTimes, 0.5),
      cpuP95: percentile(cpuTimes, 0.95),
      found,
      kinds: QUERIES / 3
    }) + '\n'
  )
}

function runChild(args: string[]): Record<string, number> & { found?: number[] } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), ...args], { encoding: 'utf8', maxBuffer: 1 << 24 })
  if (result.status !== 0) throw new Error(`benchmark step failed: ${result.stderr}`)
  return JSON.parse(result.stdout.trim().split('\n').at(-1)!)
}

async function main(): Promise<void> {
  const sizes = (process.env.HAMTA_BENCH_TM_SIZES ?? '100000,1000000').split(',').map(Number)
  for (const size of sizes) {
    const dir = await mkdtemp(join(tmpdir(), 'hamta-bench-tm-'))
    try {
      const file = join(dir, 'memory.tmx')
      const samples = await writeTmx(file, size)
      const samplesFile = join(dir, 'samples.json')
      await import('node:fs/promises').then((fs) => fs.writeFile(samplesFile, JSON.stringify(samples)))
      const library = join(dir, 'library')
      const imported = runChild(['--child-import', file, library])
      const tmBytes = readdirSync(join(library, 'tm', 'memories')).reduce(
        (sum, name) => sum + statSync(join(library, 'tm', 'memories', name)).size,
        0
      )
      const looked = runChild(['--child-lookup', library, samplesFile])
      console.log(`${size.toLocaleString('en')} units (TMX ${(statSync(file).size / 1e6).toFixed(0)} MB, stored ${(tmBytes / 1e6).toFixed(0)} MB)`)
      console.log(
        `  import: ${(imported.ms / 1000).toFixed(1)} s (CPU ${(imported.cpuMs / 1000).toFixed(1)} s), peak RSS ${imported.peakRssMb.toFixed(0)} MB, ${imported.reports} progress reports`
      )
      console.log(`  reopen: ${looked.openMs.toFixed(0)} ms, RSS after ${looked.openRssMb.toFixed(0)} MB`)
      console.log(
        `  lookup (min 70, max 5; ${QUERIES} sentences): p50 ${looked.p50.toFixed(1)} ms, p95 ${looked.p95.toFixed(1)} ms, max ${looked.max.toFixed(1)} ms ` +
          `(CPU p50 ${looked.cpuP50.toFixed(1)} ms, p95 ${looked.cpuP95.toFixed(1)} ms); ` +
          `matched: exact ${looked.found![0]}/${looked.kinds}, changed ${looked.found![1]}/${looked.kinds}, new ${looked.found![2]}/${looked.kinds}`
      )
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  }
}

const [mode, ...rest] = process.argv.slice(2)
if (mode === '--child-import') await childImport(rest[0], rest[1])
else if (mode === '--child-lookup') await childLookup(rest[0], rest[1])
else if (mode === '--write-tmx')
  await writeTmx(rest[0], Number(rest[1])) // a test memory for other uses
else await main()

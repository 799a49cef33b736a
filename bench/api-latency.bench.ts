// How quickly the browser-mode server answers while it imports a large file: the import runs in
// a worker, so the API should stay responsive (target: every answer within 200 ms).
// Needs `npm run build`. HAMTA_BENCH_IMPORT_MB sets the file size (default 60).
import { spawn } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const root = process.cwd()
const megabytes = Number(process.env.HAMTA_BENCH_IMPORT_MB ?? 60)
const dir = await mkdtemp(join(tmpdir(), 'hamta-bench-api-'))
const server = spawn(process.execPath, [join(root, 'out', 'main', 'web.js')], {
  env: { ...process.env, HAMTA_LIBRARY: join(dir, 'lib'), HAMTA_PORT: '0' }
})
try {
  const { url, token } = await new Promise<{ url: string; token: string }>((resolve, reject) => {
    let seen = ''
    server.stdout.on('data', (chunk) => {
      seen += chunk
      const match = /Open (http:\/\/127\.0\.0\.1:\d+)\/#token=(\S+)/.exec(seen)
      if (match) resolve({ url: match[1], token: match[2] })
    })
    server.on('exit', () => reject(new Error(`server exited: ${seen}`)))
  })
  const call = async (method: string, body: unknown): Promise<unknown> => {
    const response = await fetch(`${url}/api/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hamta-token': token },
      body: JSON.stringify(body)
    })
    const json = (await response.json()) as { result?: unknown }
    if (!response.ok) throw new Error(JSON.stringify(json))
    return json.result
  }
  const sample = await readFile(join(root, 'resources', 'samples', '003_1f132d0afecd6292.txt'))
  const bytes = Buffer.concat(Array.from({ length: Math.ceil((megabytes * 1e6) / sample.length) }, () => sample))
  const dataBase64 = bytes.toString('base64')
  let importing = true
  const started = Date.now()
  const imported = call('importDocument', { fileName: 'big.txt', dataBase64, jobId: 'bench' }).finally(() => (importing = false))
  const latencies: number[] = []
  const stages = new Set<string>()
  while (importing) {
    const progress = (await call('importProgress', { jobId: 'bench' })) as { stage: string } | null
    const t0 = performance.now()
    await call('listDocuments', {})
    latencies.push(performance.now() - t0)
    if (process.env.HAMTA_BENCH_TRACE && latencies.at(-1)! > 50)
      console.log(`slow answer at ${Date.now() - started} ms: ${latencies.at(-1)!.toFixed(0)} ms (${progress?.stage})`)
    if (progress) stages.add(progress.stage)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  const summary = (await imported) as { sentences: number }
  const importMs = Date.now() - started
  latencies.sort((a, b) => a - b)
  const at = (q: number): string => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))].toFixed(1)
  console.log(`import of ${(bytes.length / 1e6).toFixed(0)} MB through the API: ${(importMs / 1000).toFixed(1)} s, ${summary.sentences} sentences`)
  console.log(`API answers meanwhile (${latencies.length} calls): p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${latencies.at(-1)!.toFixed(1)} ms`)
  console.log(`stages seen: ${[...stages].join(', ')}`)
} finally {
  server.kill('SIGKILL')
  await rm(dir, { recursive: true, force: true })
}

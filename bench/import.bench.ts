// Import speed: plain text in MB/s (UTF-8 and Windows-1256, 10 MB), and the time to read a PDF and a
// DOCX of the sample articles. Run: npx tsx bench/import.bench.ts   (also part of npm run bench)
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import iconv from 'iconv-lite'
import { readDocument } from '../src/core/import'
import { makeSampleDocx, makeSamplePdf, sampleText } from '../tests/core/import/fixtures'

const MB = 1024 * 1024

async function fastest(runs: number, run: () => Promise<unknown>): Promise<number> {
  let best = Infinity
  for (let i = 0; i < runs; i++) {
    const started = performance.now()
    await run()
    best = Math.min(best, performance.now() - started)
  }
  return best
}

const unit = ['000_6be2688a1683f03a.txt', '003_1f132d0afecd6292.txt'].map(sampleText).join('\n\n') + '\n\n'
const large = unit.repeat(Math.ceil((10 * MB) / Buffer.byteLength(unit)))

for (const [label, bytes] of [
  ['UTF-8', new TextEncoder().encode(large)],
  ['UTF-8, CRLF', new TextEncoder().encode(large.replace(/\n/g, '\r\n'))],
  ['Windows-1256', new Uint8Array(iconv.encode(large.replace(/ی/g, 'ي'), 'win1256'))]
] as const) {
  let reports = 0
  const ms = await fastest(5, () => readDocument('large.txt', bytes, { onProgress: () => reports++ }))
  console.log(
    `txt ${label.padEnd(13)} ${(bytes.length / MB).toFixed(1)} MB: ${ms.toFixed(0)} ms, ${(bytes.length / MB / (ms / 1000)).toFixed(0)} MB/s, ${reports / 5} progress reports per import`
  )
}

const dir = await mkdtemp(join(tmpdir(), 'hamta-import-bench-'))
try {
  const started = performance.now()
  const pdf = new Uint8Array(await readFile(await makeSamplePdf(dir)))
  console.log(`(Chromium printed the sample PDF in ${(performance.now() - started).toFixed(0)} ms)`)
  const firstPdf = await fastest(1, () => readDocument('sample-000.pdf', pdf))
  const pdfMs = await fastest(5, () => readDocument('sample-000.pdf', pdf))
  const pages = (await readDocument('sample-000.pdf', pdf)).notes[0]
  console.log(
    `pdf  sample 000 (${(pdf.length / 1024).toFixed(0)} KB; ${pages}): ${pdfMs.toFixed(0)} ms (first read, loading pdf.js: ${firstPdf.toFixed(0)} ms)`
  )
  const docx = await makeSampleDocx()
  const docxMs = await fastest(5, () => readDocument('sample-003.docx', docx))
  console.log(`docx sample 003 (${(docx.length / 1024).toFixed(0)} KB): ${docxMs.toFixed(0)} ms`)
} finally {
  await rm(dir, { recursive: true, force: true })
}

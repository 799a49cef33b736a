// Import memory: time and peak resident memory of importing 10, 40 and 100 MB of Persian text
// (readDocument, segmentParagraphs, createDocument, JSON.stringify as a save does) and a 100 MB
// XLIFF (readInterchange, fromBilingual, JSON.stringify). Each import runs in a child process of
// its own, so every peak is that import's alone.
// Run: npx tsx bench/import-memory.bench.ts   (also part of npm run bench)
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const MB = 1024 * 1024

interface Figures {
  ms: number
  peakMb: number
  rows: number
}

async function importText(path: string): Promise<number> {
  const { readDocument } = await import('../src/core/import')
  const { segmentParagraphs } = await import('../src/core/text/segment')
  const { createDocument } = await import('../src/core/model')
  const imported = await readDocument('article.txt', readFileSync(path))
  const paragraphs = segmentParagraphs(imported.text)
  const document = createDocument({
    id: 'bench',
    now: new Date().toISOString(),
    fileName: 'article.txt',
    encoding: imported.encoding ?? 'UTF-8',
    originalText: imported.text,
    paragraphs
  })
  JSON.stringify(document)
  return document.rows.length
}

async function importXliff(path: string): Promise<number> {
  const { readInterchange } = await import('../src/core/formats/reader')
  const { fromBilingual } = await import('../src/core/formats/bilingual')
  const bilingual = readInterchange(readFileSync(path), { fileName: 'article.xlf' })
  const document = fromBilingual(bilingual, { id: 'bench', now: new Date().toISOString(), fileName: 'article.xlf', tagId: (name) => name })
  JSON.stringify(document)
  return document.rows.length
}

/** In the child: one import, then its figures as the last line of output. */
async function child(kind: string, path: string): Promise<void> {
  const started = performance.now()
  const rows = kind === 'xliff' ? await importXliff(path) : await importText(path)
  const figures: Figures = { ms: performance.now() - started, peakMb: process.resourceUsage().maxRSS / 1024, rows }
  console.log(JSON.stringify(figures))
}

function measure(kind: 'text' | 'xliff', path: string): Figures {
  const result = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', kind, path], { encoding: 'utf8' })
  if (result.status !== 0) throw new Error(`the ${kind} import failed:\n${result.stderr}`)
  return JSON.parse(result.stdout.trim().split('\n').pop()!) as Figures
}

/** The two sample articles repeated to at most `size` bytes (imports are limited to 100 MB). */
function persianText(size: number): string {
  const folder = fileURLToPath(new URL('../resources/samples/', import.meta.url))
  const unit = ['000_6be2688a1683f03a.txt', '003_1f132d0afecd6292.txt'].map((name) => readFileSync(join(folder, name), 'utf8')).join('\n\n') + '\n\n'
  return unit.repeat(Math.floor(size / Buffer.byteLength(unit)))
}

/** A translated document as Hamta exports it to XLIFF 1.2, repeated to at most `size` bytes. */
async function xliff(size: number): Promise<string> {
  const { segmentParagraphs } = await import('../src/core/text/segment')
  const { createDocument } = await import('../src/core/model')
  const { toBilingual } = await import('../src/core/formats/bilingual')
  const { writeXliff12 } = await import('../src/core/formats/xliff12')
  const text = persianText(1 * MB)
  const document = createDocument({
    id: 'x',
    now: new Date().toISOString(),
    fileName: 'a.txt',
    encoding: 'UTF-8',
    originalText: text,
    paragraphs: segmentParagraphs(text)
  })
  for (const row of document.rows) {
    row.target = 'The minister of labour & social affairs spoke with his counterpart about the road map.'
    row.status = 'translated'
  }
  const whole = writeXliff12(toBilingual(document))
  const first = whole.indexOf('<trans-unit')
  const last = whole.lastIndexOf('</body>')
  const head = whole.slice(0, first)
  const tail = whole.slice(last)
  const body = whole.slice(first, last)
  return head + body.repeat(Math.floor((size - Buffer.byteLength(head + tail)) / Buffer.byteLength(body))) + tail
}

async function main(): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'hamta-import-memory-'))
  try {
    const cases: Array<{ label: string; kind: 'text' | 'xliff'; path: string; bytes: number }> = []
    for (const size of [10, 40, 100]) {
      const path = join(folder, `text-${size}.txt`)
      writeFileSync(path, persianText(size * MB))
      cases.push({ label: `text  ${size} MB`, kind: 'text', path, bytes: readFileSync(path).length })
    }
    const path = join(folder, 'xliff-100.xlf')
    writeFileSync(path, await xliff(100 * MB))
    cases.push({ label: 'xliff 100 MB', kind: 'xliff', path, bytes: readFileSync(path).length })
    for (const { label, kind, path: file, bytes } of cases) {
      const figures = measure(kind, file)
      console.log(
        `${label.padEnd(13)} (${(bytes / MB).toFixed(1)} MB, ${figures.rows} rows): ${(figures.ms / 1000).toFixed(1)} s, peak RSS ${figures.peakMb.toFixed(0)} MB (${(figures.peakMb / (bytes / MB)).toFixed(1)}× the file)`
      )
    }
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
}

const at = process.argv.indexOf('--child')
if (at >= 0) await child(process.argv[at + 1], process.argv[at + 2])
else await main()

// Opens a 2,000-sentence document in Chromium (browser mode) and measures what a translator
// feels: time to show the grid, to move between rows, and per-keystroke latency.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { launchBrowser, startWebMode } from '../tests/e2e/harness'

const SENTENCES = Number(process.env.HAMTA_BENCH_SENTENCES ?? 2000)
const sentence = (i: number): string => `وزیر کار و امور اجتماعی در جمله شماره ${i} درباره گسترش همکاری های دو کشور سخن گفت.`
const text = [
  'سند آزمایشی بزرگ',
  '',
  ...Array.from({ length: SENTENCES / 10 }, (_, p) => Array.from({ length: 10 }, (_, i) => sentence(p * 10 + i)).join(' ') + '\n')
].join('\n')

const libraryDir = await mkdtemp(join(tmpdir(), 'hamta-bench-'))
const web = await startWebMode(libraryDir)
const browser = await launchBrowser()
try {
  const token = new URL(web.url).hash.replace('#token=', '')
  const response = await fetch(`${web.origin}/api/importDocument`, {
    method: 'POST',
    headers: { 'x-hamta-token': token, 'content-type': 'application/json' },
    body: JSON.stringify({ fileName: 'big.txt', dataBase64: Buffer.from(text).toString('base64') })
  })
  const { result } = (await response.json()) as { result: { id: string; sentences: number } }
  const page = await browser.newPage({ viewport: { width: 1280, height: 820 } })
  const started = performance.now()
  await page.goto(`${web.origin}/?doc=${result.id}#token=${token}`)
  await page.locator('.row[data-row-id="r1"]').waitFor({ state: 'attached' })
  await page.locator('[data-testid="target-editor"]').waitFor()
  const openMs = performance.now() - started

  const moveStarted = performance.now()
  for (let i = 0; i < 50; i++) await page.keyboard.press('Alt+ArrowDown')
  await page.waitForFunction(() => document.querySelector('.row.active')?.getAttribute('data-row-id') === 'r51')
  const moveMs = (performance.now() - moveStarted) / 50

  const typed = 'The minister spoke about cooperation.'
  const typeStarted = performance.now()
  await page.keyboard.type(typed)
  await page.waitForFunction((expected) => document.querySelector('[data-testid="target-editor"]')?.textContent === expected, typed)
  const keyMs = (performance.now() - typeStarted) / typed.length

  const confirmStarted = performance.now()
  await page.keyboard.press('Control+Enter')
  await page.waitForFunction(() => document.querySelector('.row.active')?.getAttribute('data-row-id') === 'r52')
  const confirmMs = performance.now() - confirmStarted
  const heapMb = await page.evaluate(() => ((performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0) / 1e6)

  console.log(`editor: ${result.sentences} sentences`)
  console.log(`  open document (grid + editor ready): ${openMs.toFixed(0)} ms`)
  console.log(`  move to next row (Alt+Down):         ${moveMs.toFixed(1)} ms per move`)
  console.log(`  keystroke to text in editor:         ${keyMs.toFixed(1)} ms per key`)
  console.log(`  Ctrl+Enter to next row ready:        ${confirmMs.toFixed(0)} ms`)
  console.log(`  page JS heap:                        ${heapMb.toFixed(1)} MB`)
} finally {
  await browser.close()
  await web.stop()
  await rm(libraryDir, { recursive: true, force: true })
}

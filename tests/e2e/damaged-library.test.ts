import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LibraryService } from '../../src/main/services/library'
import { launchBrowser, SCREENSHOT_DIR, startWebMode, type WebMode } from './harness'

let browser: Browser
let web: WebMode
let libraryDir: string
let documentId: string
let damagedBytes: string

beforeAll(async () => {
  libraryDir = await mkdtemp(join(tmpdir(), 'hamta-e2e-damaged-'))
  const library = await LibraryService.open({ libraryDir, samplesDir: join(process.cwd(), 'resources', 'samples'), tool: 'test setup' })
  documentId = (await library.importSample('000_6be2688a1683f03a')).id
  await library.saveTarget(documentId, 'r1', 'Video meeting of the two ministers')
  await library.close()
  const path = join(libraryDir, 'documents', `${documentId}.json`)
  damagedBytes = (await readFile(path, 'utf8')).slice(0, 500)
  await writeFile(path, damagedBytes)
  web = await startWebMode(libraryDir)
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
  await web?.stop()
  await rm(libraryDir, { recursive: true, force: true })
})

describe('a library with a damaged document file', () => {
  it('tells the user, keeps the damaged bytes, restores the backup and keeps working', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 820 } })
    await page.goto(web.url)
    const banner = page.locator('section.problems')
    await banner.waitFor()
    expect(await banner.innerText()).toMatch(/was damaged .* restored from the backup/)
    const keptAt = /kept at (\S+\.json);/.exec(await banner.innerText())![1]
    expect(await readFile(keptAt, 'utf8')).toBe(damagedBytes)
    await page.screenshot({ path: join(SCREENSHOT_DIR, '05-damaged-file-restored.png') })

    // The list shows the restored document's own progress (the backup predates the draft).
    expect(await page.locator('table.documents .progress-text').innerText()).toBe('0%')
    expect(await page.locator('table.documents .progress-draft').evaluate((bar) => (bar as HTMLElement).style.width)).toBe('0%')
    await page.locator('table.documents .doc-open').click()
    await page.locator('.row[data-row-id="r3"]').waitFor()
    expect(await page.locator('.row[data-row-id]').count()).toBeGreaterThan(10)
  })
})

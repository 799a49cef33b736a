import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { readFile } from 'node:fs/promises'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser, SCREENSHOT_DIR, startWebMode, type WebMode } from './harness'

let browser: Browser
let web: WebMode
let libraryDir: string
let page: Page

const persianFile = join(process.cwd(), 'resources', 'samples', '003_1f132d0afecd6292.txt')
const englishFile = join(process.cwd(), 'tests', 'fixtures', 'align', 'dev-003.en.txt')

beforeAll(async () => {
  libraryDir = await mkdtemp(join(tmpdir(), 'hamta-e2e-align-'))
  web = await startWebMode(libraryDir)
  browser = await launchBrowser()
  page = await browser.newPage({ viewport: { width: 1400, height: 860 } })
})

afterAll(async () => {
  await browser?.close()
  await web?.stop()
  await rm(libraryDir, { recursive: true, force: true })
})

const rowCount = (): Promise<number> => page.locator('.row[data-row-id]').count()
const activeRow = (): Promise<string | null> => page.locator('.row.active').getAttribute('data-row-id')

describe('a reviewer aligning an existing translation, in Chromium', () => {
  it('creates an aligned document from a Persian article and its translation', async () => {
    await page.goto(web.url)
    await page.getByText('Try a sample article').waitFor()
    await page.getByRole('button', { name: 'Align an existing translation…' }).click()
    const dialog = page.getByRole('dialog', { name: 'Align an existing translation' })
    await dialog.getByLabel('Persian article').setInputFiles(persianFile)
    await dialog.getByLabel('English translation').setInputFiles({ name: '003.en.txt', mimeType: 'text/plain', buffer: await readFile(englishFile) })
    await dialog.getByRole('button', { name: 'Align' }).click()
    await page.locator('.alignment-toolbar').waitFor()
    expect(await rowCount()).toBe(13)
    expect(await page.locator('.alignment-map .map-mark').count()).toBe(13)
    expect(await page.locator('[data-testid="alignment-badge"]').count()).toBe(13)
    // Row 2 holds the 1:2 bead of the gold alignment.
    expect(await page.locator('.row[data-row-id]').nth(1).locator('.cell.target').innerText()).toMatch(/reported\.\s+He said relations/)
    expect(await activeRow()).toBe(await page.locator('.row[data-row-id]').first().getAttribute('data-row-id'))
    await page.screenshot({ path: join(SCREENSHOT_DIR, '06-alignment-review.png') })
  })

  it('merges, undoes, confirms and filters with the keyboard', async () => {
    await page.locator('.row[data-row-id]').nth(2).locator('.cell.source').click()
    await page.keyboard.press('Control+m')
    await expect.poll(rowCount).toBe(12)
    await page.keyboard.press('Control+z')
    await expect.poll(rowCount).toBe(13)

    const third = await page.locator('.row[data-row-id]').nth(2).getAttribute('data-row-id')
    await page.locator('.row[data-row-id]').nth(2).locator('.cell.source').click()
    await page.keyboard.press('Control+Shift+Enter')
    await expect.poll(() => page.locator(`.row[data-row-id="${third}"]`).getAttribute('data-alignment')).toBe('confirmed')
    expect(await activeRow()).toBe(await page.locator('.row[data-row-id]').nth(3).getAttribute('data-row-id'))

    await page.getByLabel('Show rows').selectOption('unconfirmed')
    // The confirmed row is hidden; the active row stays visible whatever the filter.
    await expect.poll(() => page.locator(`.row[data-row-id="${third}"]`).count()).toBe(0)
    await page.getByLabel('Show rows').selectOption('all')
  })

  it('moves an English sentence to the next row and back, and jumps from the map', async () => {
    const second = page.locator('.row[data-row-id]').nth(1)
    const before = await second.locator('.cell.target').innerText()
    await second.locator('.cell.source').click()
    await page.keyboard.press('Control+Shift+ArrowDown')
    await expect.poll(rowCount).toBe(13)
    await expect.poll(() => page.locator('.row[data-row-id]').nth(1).locator('.cell.target').innerText()).not.toBe(before)
    expect(await page.locator('.row[data-row-id]').nth(2).locator('.cell.target').innerText()).toMatch(/^He said relations/)
    await page.keyboard.press('Control+z')
    await expect.poll(() => page.locator('.row[data-row-id]').nth(1).locator('.cell.target').innerText()).toBe(before)

    await page.locator('.alignment-map .map-mark').nth(10).click()
    expect(await activeRow()).toBe(await page.locator('.row[data-row-id]').nth(10).getAttribute('data-row-id'))
  })

  it('aligns a pasted translation into an existing document', async () => {
    await page.getByRole('button', { name: '← Library' }).click()
    await page.locator('.sample-card', { hasText: 'تاکید بر ضرورت' }).getByRole('button', { name: 'Open sample' }).click()
    // The aligned document came from the same file: asked, a new copy is imported.
    await page.getByRole('dialog', { name: 'This sample is in the library' }).getByRole('button', { name: 'Import a new copy' }).click()
    await page.locator('.row[data-row-id="r2"]').waitFor()
    expect(await page.locator('.alignment-toolbar').count()).toBe(0)
    await page.getByRole('button', { name: 'Import translation…' }).click()
    const dialog = page.getByRole('dialog', { name: 'Import an English translation' })
    await dialog.getByLabel('English translation').fill(await readFile(englishFile, 'utf8'))
    await dialog.getByRole('button', { name: 'Align' }).click()
    await page.locator('.alignment-toolbar').waitFor()
    expect(await rowCount()).toBe(13)
    expect(await page.locator('.row[data-row-id]').first().locator('.cell.target').innerText()).toMatch(/^Emphasis on the need/)
  })
})

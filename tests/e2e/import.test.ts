import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openSession, SCREENSHOT_DIR, type Session, type WebMode } from './harness'

let session: Session
let web: WebMode
let page: Page

beforeAll(async () => {
  session = await openSession({ viewport: { width: 1280, height: 820 } })
  ;({ web, page } = session)
  await page.goto(web.url)
  await page.getByText('Try a sample article').waitFor()
})

afterAll(async () => {
  await session?.close()
})

describe('getting Persian text into Hamta, in Chromium', () => {
  it('creates a document from pasted text', async () => {
    await page.getByRole('button', { name: 'Paste text…' }).click()
    const dialog = page.getByRole('dialog', { name: 'Paste Persian text' })
    await dialog.getByLabel('Persian text').fill('خبر چسبانده\n\nوزیر کار به باکو رفت.وی با همتای خود دیدار کرد.')
    await dialog.getByRole('button', { name: 'Create document' }).click()
    await page.locator('.row[data-row-id]').nth(2).waitFor()
    expect(await page.locator('.doc-title').innerText()).toBe('خبر چسبانده')
    expect(await page.locator('.row[data-row-id] .cell.source').allInnerTexts()).toEqual([
      'خبر چسبانده',
      'وزیر کار به باکو رفت.',
      'وی با همتای خود دیدار کرد.'
    ])
    await page.getByRole('button', { name: '← Library' }).click()
  })

  it('imports a 10 MB article with a progress indicator, the page staying responsive', async () => {
    const sample = await readFile(join(process.cwd(), 'resources', 'samples', '003_1f132d0afecd6292.txt'), 'utf8')
    const big = Buffer.from(sample.repeat(Math.ceil(10_000_000 / Buffer.byteLength(sample))))
    // Count animation frames while the import runs: a frozen page paints none.
    await page.evaluate(() => {
      const state = window as unknown as { frames: number; counting: boolean }
      state.frames = 0
      state.counting = true
      const tick = (): void => {
        state.frames++
        if (state.counting) requestAnimationFrame(tick)
      }
      requestAnimationFrame(tick)
    })
    const chooser = page.waitForEvent('filechooser')
    await page.getByRole('button', { name: 'Import…', exact: true }).click()
    const started = Date.now()
    await (await chooser).setFiles({ name: 'big.txt', mimeType: 'text/plain', buffer: big })
    await page.locator('.import-progress').waitFor()
    await page.screenshot({ path: join(SCREENSHOT_DIR, '07-import-progress.png') })
    await page.locator('.doc-title').waitFor({ timeout: 60_000 })
    const seconds = (Date.now() - started) / 1000
    const frames = await page.evaluate(() => {
      const state = window as unknown as { frames: number; counting: boolean }
      state.counting = false
      return state.frames
    })
    expect(await page.locator('.import-progress').count()).toBe(0)
    // At least ten frames a second on average while importing.
    expect(frames / seconds).toBeGreaterThan(10)
    expect(await page.locator('.doc-progress').innerText()).toMatch(/\/ \d{5,} translated/)
  }, 90_000)

  it('opens a client XLIFF file and does not offer to reshape the rows it saves back', async () => {
    const library = page.getByRole('button', { name: '← Library' })
    if ((await library.count()) > 0) await library.click()
    const chooser = page.waitForEvent('filechooser')
    await page.getByRole('button', { name: 'Import…', exact: true }).click()
    await (await chooser).setFiles(join(process.cwd(), 'tests', 'fixtures', 'xliff', 'persian-article.xlf'))
    await page.locator('.row[data-row-id]').nth(3).waitFor()
    // The Row tab shows the row's inline codes by their labels and offers no merge with the next unit.
    await page.locator('.row[data-row-id]').nth(1).locator('.cell.source').click()
    await page.getByRole('tab', { name: 'Row' }).click()
    const preview = page.locator('.sentence-list .sentence-preview')
    await expect.poll(() => preview.allInnerTexts()).toHaveLength(1)
    const [text] = await preview.allInnerTexts()
    expect(text).toMatch(/^وزیر امور خارجه روز /)
    expect(text).not.toMatch(/[\uE000-\uF8FF]/)
    expect(
      await page
        .locator('.sentence-list')
        .getByRole('button', { name: /Merge with the next/ })
        .count()
    ).toBe(0)
    await page.screenshot({ path: join(SCREENSHOT_DIR, '38-client-xliff-row.png') })
  })
})

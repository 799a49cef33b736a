import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openSession, SCREENSHOT_DIR, type Session, type WebMode } from './harness'

let session: Session
let web: WebMode
let page: Page

beforeAll(async () => {
  session = await openSession({ viewport: { width: 1400, height: 900 } })
  ;({ web, page } = session)
  await page.goto(web.url)
  await page.locator('.sample-card', { hasText: 'دیدار ویدئو' }).getByRole('button', { name: 'Open sample' }).click()
  await page.locator('.row[data-row-id="r3"]').waitFor()
})

afterAll(async () => {
  await session?.close()
})

// textContent keeps the double spaces of reversed PDF lines, which the page's rendering collapses.
const allPersian = (): Promise<string> =>
  page
    .locator('.row[data-row-id] .cell.source')
    .allTextContents()
    .then((texts) => texts.join('\n'))

describe('cleaning up a damaged article with consent, in Chromium', () => {
  it('proposes fixes by kind and changes nothing until one is accepted', async () => {
    const before = await allPersian()
    await page.getByRole('tab', { name: 'Cleanup' }).click()
    await page.getByText('Word groups in reverse order').waitFor()
    expect(await page.locator('.side-content').innerText()).toMatch(/Missing zero-width non-joiners/)
    expect(await allPersian()).toBe(before)
    await page.screenshot({ path: join(SCREENSHOT_DIR, '12-cleanup.png') })
  })

  it('repairs a reversed PDF line when accepted, and undoes it', async () => {
    const before = await allPersian()
    expect(before).toContain('زمینه در  برای همکاری  را  آمادگی خود')
    const toggle = page.locator('.cleanup-group[data-kind="scrambled-order"] .cleanup-group-toggle')
    if ((await toggle.getAttribute('aria-expanded')) === 'false') await toggle.click()
    await page
      .getByRole('button', { name: /^Accept fix: .*زمینه در/ })
      .first()
      .click()
    await expect.poll(allPersian).toContain('تأمین اجتماعی در استان های مرزی، این وزارتخانه آمادگی خود را برای همکاری')
    await page.locator('.row[data-row-id="r1"] .cell.source').click()
    await page.keyboard.press('Control+z')
    await expect.poll(allPersian).toBe(before)
  })

  it('splits a Persian sentence at the cursor and merges it back', async () => {
    const row = page.locator('.row[data-row-id="r4"]')
    await row.locator('.cell.source').click()
    await page.getByRole('tab', { name: 'Row' }).click()
    await page.evaluate(() => {
      const sentence = document.querySelector('.row[data-row-id="r4"] .sentence')!
      const text = document.createTreeWalker(sentence, NodeFilter.SHOW_TEXT).nextNode()!
      const at = text.textContent!.indexOf(' وزیر کار و امور اجتماعی جمهوری')
      const range = document.createRange()
      range.setStart(text, at)
      range.collapse(true)
      window.getSelection()!.removeAllRanges()
      window.getSelection()!.addRange(range)
    })
    await page.getByRole('button', { name: 'Split sentence at the cursor' }).click()
    await expect.poll(() => row.locator('.sentence').count()).toBe(2)
    await page.getByRole('button', { name: 'Merge with the next sentence' }).first().click()
    await expect.poll(() => row.locator('.sentence').count()).toBe(1)
  })
})

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
})

afterAll(async () => {
  await session?.close()
})

const rowSelector = (id: string): string => `.row[data-row-id="${id}"]`

async function waitUntilSaved(): Promise<void> {
  await page.waitForFunction(() => document.querySelector('[data-testid="save-state"]')?.textContent === 'All changes saved')
}

describe('a translator’s first session, in Chromium against browser mode', () => {
  it('refuses the API without the session token', async () => {
    const response = await fetch(`${web.origin}/api/listDocuments`, { method: 'POST', body: '{}' })
    expect(response.status).toBe(401)
  })

  it('offers the sample articles on first start', async () => {
    await page.goto(web.url)
    await page.getByText('Try a sample article').waitFor()
    expect(await page.locator('.sample-card').count()).toBe(2)
    await page.screenshot({ path: join(SCREENSHOT_DIR, '01-first-start.png') })
  })

  it('opens a sample with Persian right to left in Vazirmatn, rows aligned', async () => {
    await page.locator('.sample-card', { hasText: 'تاکید بر ضرورت' }).getByRole('button', { name: 'Open sample' }).click()
    await page.locator(rowSelector('r2')).waitFor()
    const source = page.locator(`${rowSelector('r2')} .cell.source`)
    expect(await source.getAttribute('dir')).toBe('rtl')
    expect(await source.getAttribute('lang')).toBe('fa')
    expect(await source.evaluate((element) => getComputedStyle(element).direction)).toBe('rtl')

    // The font that actually drew the Persian glyphs, as Chromium reports it.
    await page.evaluate(() => document.fonts.ready)
    const cdp = await page.context().newCDPSession(page)
    await cdp.send('DOM.enable')
    await cdp.send('CSS.enable')
    const { root } = await cdp.send('DOM.getDocument')
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: `${rowSelector('r2')} .cell.source .sentence` })
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId })
    // Every glyph comes from the bundled web font (isCustomFont), none from a system fallback.
    expect(fonts.length).toBeGreaterThan(0)
    for (const font of fonts) expect(font).toMatchObject({ familyName: expect.stringMatching(/^Vazirmatn/), isCustomFont: true })

    // Each Persian cell has the same top and height as its English cell.
    const geometry = await page.$$eval('.row[data-row-id]', (rows) =>
      rows.slice(0, 10).map((row) => {
        const a = row.querySelector('.cell.source')!.getBoundingClientRect()
        const b = row.querySelector('.cell.target')!.getBoundingClientRect()
        return { top: [a.top, b.top], height: [a.height, b.height], sourceLeftOfTarget: a.right <= b.left + 1 }
      })
    )
    for (const cell of geometry) {
      expect(cell.top[0]).toBeCloseTo(cell.top[1], 0)
      expect(cell.height[0]).toBeCloseTo(cell.height[1], 0)
      expect(cell.sourceLeftOfTarget).toBe(true)
    }
  })

  it('saves typed English by itself and finds it again after a reload', async () => {
    await page.locator(`${rowSelector('r2')} .cell.target`).click()
    await expect.poll(() => page.locator(`${rowSelector('r2')}.active`).count()).toBe(1)
    await page.keyboard.type('Mahmoud Vaezi, the President’s chief of staff, met Ilham Aliyev in Baku.')
    await waitUntilSaved()
    await page.reload()
    await page.locator(rowSelector('r2')).waitFor()
    await expect
      .poll(() => page.locator(`${rowSelector('r2')} .cell.target`).innerText())
      .toContain('Mahmoud Vaezi, the President’s chief of staff, met Ilham Aliyev in Baku.')
    expect(await page.locator(rowSelector('r2')).getAttribute('data-status')).toBe('draft')
  })

  it('underlines misspelled English and corrects it with one click, offline', async () => {
    await page.locator(`${rowSelector('r4')} .cell.target`).click()
    await page.keyboard.type('Dr. Vaezi stressed the goverment ties.')
    await expect.poll(() => page.locator(`${rowSelector('r4')} .misspelled`).allInnerTexts()).toEqual(['goverment'])
    await page
      .locator(`${rowSelector('r4')} .spelling button`)
      .first()
      .waitFor()
    await page.locator(rowSelector('r4')).screenshot({ path: join(SCREENSHOT_DIR, '14-spelling.png') })
    await page
      .locator(`${rowSelector('r4')} .spelling`)
      .getByRole('button', { name: 'government', exact: true })
      .click()
    await expect
      .poll(() => page.locator(`${rowSelector('r4')} [data-testid="target-editor"]`).innerText())
      .toBe('Dr. Vaezi stressed the government ties.')
    await expect.poll(() => page.locator(`${rowSelector('r4')} .misspelled`).count()).toBe(0)
    // Empty the row again so the counts below stay simple.
    await page.keyboard.press('ControlOrMeta+a')
    await page.keyboard.press('Backspace')
    await waitUntilSaved()
  })

  it('loses nothing typed just before a reload', async () => {
    await page.locator(`${rowSelector('r5')} .cell.target`).click()
    await page.locator(`${rowSelector('r5')} [data-testid="target-editor"]`).waitFor()
    await page.keyboard.type('Typed and reloaded at once.')
    await page.reload()
    await page.locator(rowSelector('r5')).waitFor()
    await expect.poll(() => page.locator(`${rowSelector('r5')} .cell.target`).innerText()).toContain('Typed and reloaded at once.')
    // Empty it again so the counts below stay simple.
    await page.locator(`${rowSelector('r5')} .cell.target`).click()
    await page.keyboard.press('ControlOrMeta+a')
    await page.keyboard.press('Backspace')
    await waitUntilSaved()
    expect(await page.locator(rowSelector('r5')).getAttribute('data-status')).toBe('untranslated')
  })

  it('marks the row translated with Ctrl+Enter, moves on, and keeps it after a reload', async () => {
    await page.locator(`${rowSelector('r2')} .cell.target`).click()
    await page.locator(`${rowSelector('r2')} [data-testid="target-editor"]`).waitFor()
    await page.keyboard.press('Control+Enter')
    await expect.poll(() => page.locator(rowSelector('r2')).getAttribute('data-status')).toBe('translated')
    expect(await page.locator('.row.active').getAttribute('data-row-id')).toBe('r3')
    // Typing straight after Ctrl+Enter lands in the next row, first letter included.
    await page.keyboard.type('Relations are expanding.')
    await waitUntilSaved()
    expect(await page.locator(`${rowSelector('r3')} [data-testid="target-editor"]`).innerText()).toBe('Relations are expanding.')
    await page.keyboard.press('Alt+ArrowDown')
    expect(await page.locator('.row.active').getAttribute('data-row-id')).toBe('r4')
    await page.keyboard.press('Alt+ArrowUp')
    await page.keyboard.press('Alt+ArrowUp')
    expect(await page.locator('.row.active').getAttribute('data-row-id')).toBe('r2')
    await page.screenshot({ path: join(SCREENSHOT_DIR, '02-editor.png') })

    await page.reload()
    await page.locator(rowSelector('r2')).waitFor()
    expect(await page.locator(rowSelector('r2')).getAttribute('data-status')).toBe('translated')
    expect(await page.locator(rowSelector('r3')).getAttribute('data-status')).toBe('draft')
    expect(await page.locator('.doc-progress').innerText()).toMatch(/1 \/ 13 translated · 1 draft/)
  })

  it('exports English text, Hamta JSON, DOCX and XLIFF from the export dialog', async () => {
    const exportAs = async (label: string) => {
      const download = page.waitForEvent('download')
      await page.getByRole('button', { name: 'Export…' }).click()
      const dialog = page.getByRole('dialog', { name: 'Export' })
      await dialog.getByLabel(label).check()
      await dialog.getByRole('button', { name: 'Export' }).click()
      return download
    }
    const englishFile = await exportAs('English text')
    expect(englishFile.suggestedFilename()).toBe('تاکید بر ضرورت تقویت همکاری های سه جانبه اقتصادی ایران، ترکیه و آذربایجان.en.txt')
    const { readFile } = await import('node:fs/promises')
    const text = await readFile(await englishFile.path(), 'utf8')
    expect(text).toContain('Mahmoud Vaezi, the President’s chief of staff, met Ilham Aliyev in Baku.')
    expect(text).toContain('Relations are expanding.')

    const exported = JSON.parse(await readFile(await (await exportAs('Hamta document (JSON)')).path(), 'utf8'))
    expect(exported.format).toBe('hamta-document')
    expect(exported.document.rows).toHaveLength(13)
    expect(exported.document.rows[1]).toMatchObject({ status: 'translated' })

    const docx = await exportAs('Word document (bilingual table)')
    expect(docx.suggestedFilename()).toMatch(/\.docx$/)
    expect((await readFile(await docx.path())).subarray(0, 2).toString()).toBe('PK')
    const xliff = await readFile(await (await exportAs('XLIFF 1.2')).path(), 'utf8')
    expect(xliff).toContain('source-language="fa"')
    expect(xliff).toContain('Relations are expanding.')
  })

  it('shows the progress in the library and refuses a file that is not Persian', async () => {
    await page.getByRole('button', { name: '← Library' }).click()
    const row = page.locator('table.documents tbody tr')
    await expect.poll(() => row.count()).toBe(1)
    expect(await row.locator('td').nth(1).innerText()).toBe('13')
    expect(await row.locator('.progress-text').innerText()).toBe('8%')

    const chooser = page.waitForEvent('filechooser')
    await page.getByRole('button', { name: 'Import…', exact: true }).click()
    await (await chooser).setFiles({ name: 'english.txt', mimeType: 'text/plain', buffer: Buffer.from('An English article.\nNothing Persian here.') })
    await page.getByText('english.txt does not look like Persian text').waitFor()
    expect(await row.count()).toBe(1)
    await page.screenshot({ path: join(SCREENSHOT_DIR, '03-library-with-error.png') })
  })

  it('imports a Persian file chosen by the user and opens it', async () => {
    await page.getByRole('button', { name: 'Dismiss' }).click()
    const chooser = page.waitForEvent('filechooser')
    await page.getByRole('button', { name: 'Import…', exact: true }).click()
    await (
      await chooser
    ).setFiles({
      name: 'short.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('خبر کوتاه\n\nوزیر کار به باکو رفت. او با همتای خود دیدار کرد.\n')
    })
    await page.locator(rowSelector('r3')).waitFor()
    expect(await page.locator('.doc-title').innerText()).toBe('خبر کوتاه')
    expect(await page.locator('.row[data-row-id]').count()).toBe(3)
  })

  it('imports a Persian file dropped on the window', async () => {
    await page.getByRole('button', { name: '← Library' }).click()
    await page.locator('table.documents').waitFor()
    await page.evaluate(() => {
      const transfer = new DataTransfer()
      transfer.items.add(new File(['گزارش دوم\n\nاین یک متن فارسی است.'], 'dropped.txt', { type: 'text/plain' }))
      const target = document.querySelector('.app')!
      target.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }))
      target.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }))
    })
    // The import runs in a worker, then the document opens: more than a second on a busy machine.
    await expect.poll(() => page.locator('.doc-title').count(), { timeout: 10_000 }).toBe(1)
    expect(await page.locator('.doc-title').innerText()).toBe('گزارش دوم')
    await page.getByRole('button', { name: '← Library' }).click()
    await expect.poll(() => page.locator('table.documents tbody tr').count()).toBe(3)
    await page.screenshot({ path: join(SCREENSHOT_DIR, '04-library.png') })
  })

  it('Escape gives the row back the English and status it had when the translator came to it; Ctrl+Z brings the typing back', async () => {
    await page.locator('table.documents tbody tr', { hasText: 'گزارش دوم' }).locator('.doc-open').click()
    await page.locator('.doc-title').waitFor()
    const first = page.locator('.row[data-row-id]').first()
    const rowId = (await first.getAttribute('data-row-id'))!
    const editor = page.locator(`${rowSelector(rowId)} [data-testid="target-editor"]`)
    await first.locator('.cell.target').click()
    await editor.waitFor()
    await page.keyboard.press('ControlOrMeta+a')
    await page.keyboard.type('Second report.')
    await page.keyboard.press('Control+Enter')
    await expect.poll(() => page.locator(rowSelector(rowId)).getAttribute('data-status')).toBe('translated')
    await waitUntilSaved()

    await first.locator('.cell.target').click()
    await editor.waitFor()
    // Nothing typed: Escape changes nothing.
    await page.keyboard.press('Escape')
    expect(await page.locator(rowSelector(rowId)).getAttribute('data-status')).toBe('translated')
    await page.keyboard.press('End')
    await page.keyboard.type(' A second thought.')
    await expect.poll(() => page.locator(rowSelector(rowId)).getAttribute('data-status')).toBe('draft')
    // At once after typing: the typing is still one step of the editor's history with what came before.
    await page.keyboard.press('Escape')
    await expect.poll(() => editor.innerText()).toBe('Second report.')
    await expect.poll(() => page.locator(rowSelector(rowId)).getAttribute('data-status')).toBe('translated')
    // Straight away too: the answer to the status change, arriving after, does not undo the undo.
    await page.keyboard.press('ControlOrMeta+z')
    await expect.poll(() => editor.innerText()).toBe('Second report. A second thought.')
    await expect.poll(() => page.locator(rowSelector(rowId)).getAttribute('data-status')).toBe('draft')
    await waitUntilSaved()
    expect(await page.locator(rowSelector(rowId)).getAttribute('data-status')).toBe('draft')
    await page.keyboard.press('Escape')
    await expect.poll(() => editor.innerText()).toBe('Second report.')
    await waitUntilSaved()

    await page.reload()
    await page.locator(rowSelector(rowId)).waitFor()
    expect(await page.locator(rowSelector(rowId)).getAttribute('data-status')).toBe('translated')
    expect(await page.locator(`${rowSelector(rowId)} .cell.target`).innerText()).toContain('Second report.')
    expect(await page.locator(`${rowSelector(rowId)} .cell.target`).innerText()).not.toContain('second thought')
  })
})

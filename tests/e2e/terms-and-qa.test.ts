import { readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openSession, SCREENSHOT_DIR, type Session } from './harness'

let session: Session
let page: Page

beforeAll(async () => {
  session = await openSession({ viewport: { width: 1440, height: 900 } })
  page = session.page
  await page.goto(session.web.url)
  await page.getByText('Try a sample article').waitFor()
})

afterAll(async () => {
  await session?.close()
})

const row = (id: string): Locator => page.locator(`.row[data-row-id="${id}"]`)

async function waitUntilSaved(): Promise<void> {
  await page.waitForFunction(() => document.querySelector('[data-testid="save-state"]')?.textContent === 'All changes saved')
}

/** Double-clicks a word inside an element, as a user selecting it would. */
async function doubleClickWord(selector: string, word: string): Promise<void> {
  const box = await page.evaluate(
    ({ selector, word }) => {
      const root = document.querySelector(selector)!
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent!.indexOf(word)
        if (at < 0) continue
        const range = document.createRange()
        range.setStart(node, at)
        range.setEnd(node, at + word.length)
        const rect = range.getBoundingClientRect()
        return { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 }
      }
      throw new Error(`"${word}" not found in ${selector}`)
    },
    { selector, word }
  )
  await page.mouse.dblclick(box.x, box.y)
}

/**
 * Selects a word by double-clicking it, and waits until the selection is that word. Rows can still
 * settle in height while the page is busy, so a double-click that landed beside the word is made
 * again at the word's new place.
 */
async function selectWord(selector: string, word: string): Promise<void> {
  const selected = (): Promise<string> =>
    page.evaluate((selector) => {
      const root = document.querySelector(selector) as
        (Element & { editor?: { state: { doc: { textBetween(a: number, b: number): string }; selection: { from: number; to: number } } } }) | null
      // The English editor's own selection, which the shortcut reads, not only the page's.
      const editor = root?.editor
      if (editor) return editor.state.doc.textBetween(editor.state.selection.from, editor.state.selection.to).trim()
      return (window.getSelection()?.toString() ?? '').trim()
    }, selector)
  for (let attempt = 0; attempt < 4; attempt++) {
    await doubleClickWord(selector, word)
    try {
      await expect.poll(selected, { timeout: 1500 }).toBe(word)
      return
    } catch {
      // Try again below.
    }
  }
  expect(await selected()).toBe(word)
}

/** Types into a row's English and marks it translated (Ctrl+Enter). */
async function translate(id: string, english: string): Promise<void> {
  await row(id).locator('.cell.target').click()
  await row(id).locator('.cell.target [contenteditable="true"]').waitFor()
  await page.keyboard.type(english)
  await page.keyboard.press('Control+Enter')
  await waitUntilSaved()
}

const findings = (): Locator => page.locator('.qa-finding:not(.silenced)')

describe('the termbase and QA, in Chromium', () => {
  it('imports a term list and underlines its terms, inflected, in the Persian', async () => {
    await page.getByRole('button', { name: 'Paste text…' }).click()
    const dialog = page.getByRole('dialog', { name: 'Paste Persian text' })
    await dialog
      .getByLabel('Persian text')
      .fill(
        'بازدید از خط آهن\n\nرئیس‌جمهوری ایران از راه‌آهن‌های جدید بازدید کرد.\n\nاین پروژه ۲۵ میلیون دلار هزینه داشت.\n\nوزیر گفت که این خط سه ایستگاه دارد.'
      )
    await dialog.getByRole('button', { name: 'Create document' }).click()
    await row('r4').waitFor()

    const csv = join(session.libraryDir, '..', `terms-${process.pid}.csv`)
    await writeFile(csv, 'fa,en,alternatives\nرئیس جمهور,president,\nراه آهن,railway,railroad\n')
    await page.getByRole('tab', { name: 'Terms' }).click()
    await page.locator('.terms-panel input[type="file"]').setInputFiles(csv)
    await page.getByText('Imported 2 new and 0 updated terms.').waitFor()
    await rm(csv, { force: true })

    // رئیس‌جمهوری (ezafe) and راه‌آهن‌های (plural, ezafe) are the terms رئیس جمهور and راه آهن.
    const hits = row('r2').locator('.cell.source .term-hit')
    await expect.poll(() => hits.allInnerTexts()).toEqual(['رئیس‌جمهوری', 'راه‌آهن‌های'])
    expect(await hits.evaluateAll((elements) => elements.map((element) => element.getAttribute('title')))).toEqual([
      'Term: president',
      'Term: railway (or railroad)'
    ])
    // Not by colour alone: a dashed underline.
    expect(await hits.first().evaluate((element) => getComputedStyle(element).textDecorationStyle)).toBe('dashed')
    await hits.first().hover()
    await page.screenshot({ path: join(SCREENSHOT_DIR, '30-terms-underlined.png') })
  })

  it('puts a term into the English with Ctrl+Shift+E and adds a term from a selection', async () => {
    await row('r2').locator('.cell.target').click()
    await row('r2').locator('.cell.target [contenteditable="true"]').waitFor()
    await page.keyboard.type('The')
    await page.keyboard.press('Control+Shift+KeyE')
    await expect.poll(() => row('r2').locator('.cell.target').innerText()).toBe('The president')
    await page.keyboard.type(' of Iran visited the new rail lines.')
    await page.keyboard.press('Control+Enter')
    await waitUntilSaved()

    // Row 4: the English word, then the Persian word, selected; one key makes the term.
    await row('r4').locator('.cell.target').click()
    await row('r4').locator('.cell.target [contenteditable="true"]').waitFor()
    await page.keyboard.type('The minister said the line has three stations.')
    await selectWord('.row[data-row-id="r4"] .cell.target [contenteditable="true"]', 'minister')
    await selectWord('.row[data-row-id="r4"] .cell.source .sentence', 'وزیر')
    await page.keyboard.press('Control+Shift+KeyG')
    const form = page.locator('.term-form')
    await expect.poll(() => form.getByLabel('Persian').inputValue()).toBe('وزیر')
    expect(await form.getByLabel('English').inputValue()).toBe('minister')
    await page.screenshot({ path: join(SCREENSHOT_DIR, '31-term-from-selection.png') })
    await form.getByRole('button', { name: 'Add' }).click()
    await page.getByText('Added وزیر → minister.').waitFor()
    await expect.poll(() => row('r4').locator('.cell.source .term-hit').allInnerTexts()).toEqual(['وزیر'])
    await row('r4').locator('.cell.target').click()
    await page.keyboard.press('Control+Enter')
    await waitUntilSaved()
  })

  it('finds a wrong number in a confirmed row, filters the grid to it, and clears when fixed', async () => {
    await translate('r3', 'The project cost 35 million dollars.')
    await page.getByRole('tab', { name: 'QA' }).click()
    const number = page.locator('.qa-finding[data-check="number"]')
    await expect.poll(() => number.count()).toBe(2)
    expect(await number.locator('.qa-message').allInnerTexts()).toEqual([
      '25,000,000 is in the Persian but not in the English.',
      '35,000,000 is in the English but not in the Persian.'
    ])

    await page.getByRole('button', { name: 'Check the document' }).click()
    await page.getByRole('button', { name: 'Check again' }).waitFor()
    await page.getByRole('combobox', { name: 'Check' }).selectOption('number')
    await page.getByLabel('Only these rows in the grid').check()
    await expect.poll(() => page.locator('.row[data-row-id]').count()).toBe(1)
    expect(await page.locator('.row[data-row-id]').getAttribute('data-row-id')).toBe('r3')
    expect(await page.getByLabel('Show rows').locator('option:checked').innerText()).toBe('QA: Numbers')
    await page.getByText('1 of 4 rows').waitFor()
    await page.screenshot({ path: join(SCREENSHOT_DIR, '32-qa-filtered.png') })

    // The fix: the row stays in view once its finding is gone.
    await row('r3').locator('.cell.target').click()
    await page.keyboard.press('Control+A')
    await page.keyboard.type('The project cost 25 million dollars.')
    await page.keyboard.press('Control+Enter')
    await waitUntilSaved()
    await expect.poll(() => number.count()).toBe(0)
    expect(await page.locator('.row[data-row-id]').count()).toBe(1)
    expect(await row('r3').locator('.number-warning').count()).toBe(0)

    await page.getByLabel('Only these rows in the grid').uncheck()
    await expect.poll(() => page.locator('.row[data-row-id]').count()).toBe(4)
  })

  it('goes to the next finding with F7, marks one not an error, and exports the report', async () => {
    await page.getByRole('combobox', { name: 'Check' }).selectOption('all')
    await row('r1').locator('.cell.source').click()
    await page.keyboard.press('F7')
    // Row 2's English says "rail lines", not railway.
    await expect.poll(() => page.locator('.row.active').getAttribute('data-row-id')).toBe('r2')
    const term = page.locator('.qa-finding[data-check="term"]')
    await expect.poll(() => term.count()).toBe(1)
    expect(await term.locator('.qa-message').innerText()).toContain('“railway” or “railroad”')
    await term.getByRole('button', { name: 'Not an error' }).click()
    await expect.poll(() => term.count()).toBe(0)
    const left = await findings().allInnerTexts()
    expect(left.some((text) => text.includes('railway'))).toBe(false)
    await page.screenshot({ path: join(SCREENSHOT_DIR, '33-qa-panel.png') })

    const download = page.waitForEvent('download')
    await page.getByRole('button', { name: 'Report (HTML)' }).click()
    const report = await readFile(await (await download).path(), 'utf8')
    expect(report).toContain('<li>Numbers: 0</li>')
    expect(report).toContain('<li>Terms: 0</li>')
    expect(report).toMatch(/1 marked not an error/)
    const reportPage = await session.browser.newPage({ viewport: { width: 1100, height: 700 } })
    await reportPage.setContent(report)
    await reportPage.screenshot({ path: join(SCREENSHOT_DIR, '34-qa-report.png') })
    await reportPage.close()
  })

  it('edits a term found in the row, and deletes it after asking', async () => {
    await row('r4').locator('.cell.source').click()
    await page.getByRole('tab', { name: 'Terms' }).click()
    await page.getByRole('button', { name: 'Edit the term وزیر' }).click()
    const form = page.getByRole('form', { name: 'Edit the term وزیر' })
    await form.getByLabel('Also right').fill('secretary, head of ministry')
    await form.getByLabel('Note').fill('cabinet member')
    await page.screenshot({ path: join(SCREENSHOT_DIR, '35-term-edit.png') })
    await form.getByRole('button', { name: 'Save' }).click()
    await page.getByText('Saved وزیر → minister.').waitFor()
    const hit = page.locator('.term-hits li').filter({ hasText: 'وزیر' })
    await expect.poll(() => hit.getByRole('button').allInnerTexts()).toEqual(['minister', 'secretary', 'head of ministry', 'Edit'])
    expect(await hit.innerText()).toContain('cabinet member')
    // Stored: the termbase export holds the new renderings.
    const exported = page.waitForEvent('download')
    await page.getByRole('button', { name: 'Export CSV' }).click()
    expect(await readFile(await (await exported).path(), 'utf8')).toMatch(/وزیر.*minister.*secretary.*head of ministry/)

    // Empty English is refused in words, and nothing is saved.
    await page.getByRole('button', { name: 'Edit the term وزیر' }).click()
    await form.getByLabel('English').fill('')
    await form.getByRole('button', { name: 'Save' }).click()
    await form.getByRole('alert').filter({ hasText: 'needs both its Persian and its English' }).waitFor()
    page.once('dialog', (dialog) => void dialog.accept())
    await form.getByRole('button', { name: 'Delete' }).click()
    await page.getByText('Deleted وزیر → minister.').waitFor()
    await expect.poll(() => row('r4').locator('.cell.source .term-hit').count()).toBe(0)
    expect(await page.locator('.term-hits li').filter({ hasText: 'وزیر' }).count()).toBe(0)
  })

  it('browses the whole termbase: searches it, edits, adds and deletes any term', async () => {
    // From the editor's Terms tab, then from the library.
    await page.getByRole('button', { name: 'Browse the termbase…' }).click()
    let dialog = page.getByRole('dialog', { name: 'Termbase' })
    await dialog.getByText('2 terms, shared by every document').waitFor()
    await dialog.getByRole('button', { name: 'Close' }).click()
    await page.getByRole('button', { name: '← Library' }).click()
    await page.getByRole('button', { name: 'Termbase…' }).click()
    dialog = page.getByRole('dialog', { name: 'Termbase' })
    const glossary = join(session.libraryDir, '..', `glossary-${process.pid}.tsv`)
    await writeFile(
      glossary,
      'fa\ten\talternatives\tforbidden\tstatus\tdomain\tnote\n' +
        'وزیر امور خارجه\tforeign minister\tminister of foreign affairs\t\tpreferred\t\t\n' +
        'مجلس\tparliament\t\tmajles\tpreferred\t\tthe Islamic Consultative Assembly\n' +
        'آژانس بین‌المللی انرژی اتمی\tInternational Atomic Energy Agency\tIAEA\t\tadmitted\tnuclear\t\n'
    )
    await dialog.locator('input[type="file"]').setInputFiles(glossary)
    await dialog.getByText('Imported 3 new and 0 updated terms.').waitFor()
    await rm(glossary, { force: true })
    const persian = (): Promise<string[]> => dialog.locator('td.term-fa').allInnerTexts()
    await expect.poll(persian).toEqual(['آژانس بین‌المللی انرژی اتمی', 'راه آهن', 'رئیس جمهور', 'مجلس', 'وزیر امور خارجه'])

    // Arabic yeh and a space instead of ZWNJ still find رئیس جمهور; English ignores case.
    const search = dialog.getByLabel('Search the termbase')
    await search.fill('رئيس‌جمهور')
    await expect.poll(persian).toEqual(['رئیس جمهور'])
    await search.fill('MAJLES')
    await expect.poll(persian).toEqual(['مجلس'])
    await search.fill('')
    await dialog.getByLabel('Status').selectOption('admitted')
    await expect.poll(persian).toEqual(['آژانس بین‌المللی انرژی اتمی'])
    await dialog.getByLabel('Status').selectOption('')

    // Edit a term no row of the open document holds.
    await dialog.getByRole('button', { name: 'Edit the term مجلس' }).click()
    const form = dialog.getByRole('form', { name: 'Edit the term مجلس' })
    await form.getByLabel('English', { exact: true }).fill('Majlis')
    await form.getByLabel('Status').selectOption('deprecated')
    await form.getByRole('button', { name: 'Save' }).click()
    await dialog.getByText('Saved مجلس → Majlis.').waitFor()
    const majlis = dialog.locator('tr').filter({ hasText: 'مجلس' })
    await expect.poll(() => majlis.locator('td').nth(1).innerText()).toContain('Majlis')
    expect(await majlis.getAttribute('class')).toBe('term-deprecated')

    // Add one; it is shown found.
    await dialog.getByLabel('New term in Persian').fill('سازمان ملل متحد')
    await dialog.getByLabel('New term in English').fill('United Nations')
    await dialog.getByRole('button', { name: 'Add a term' }).click()
    await dialog.getByText('Added سازمان ملل متحد → United Nations.').waitFor()
    await expect.poll(persian).toEqual(['سازمان ملل متحد'])
    await search.fill('')
    await expect.poll(() => dialog.locator('td.term-fa').count()).toBe(6)
    await page.screenshot({ path: join(SCREENSHOT_DIR, '36-termbase.png') })

    // Delete after asking; the export no longer holds it and holds the edit.
    await dialog.getByRole('button', { name: 'Edit the term راه آهن' }).click()
    page.once('dialog', (confirm) => void confirm.accept())
    await dialog.getByRole('form', { name: 'Edit the term راه آهن' }).getByRole('button', { name: 'Delete' }).click()
    await dialog.getByText('Deleted راه آهن → railway.').waitFor()
    await expect.poll(() => dialog.locator('td.term-fa').count()).toBe(5)
    const exported = page.waitForEvent('download')
    await dialog.getByRole('button', { name: 'Export TSV' }).click()
    const tsv = await readFile(await (await exported).path(), 'utf8')
    expect(tsv).toMatch(/مجلس\tMajlis\t.*deprecated/)
    expect(tsv).toContain('United Nations')
    expect(tsv).not.toContain('railway')
    await dialog.getByRole('button', { name: 'Close' }).click()
    await dialog.waitFor({ state: 'detached' })
  })
})

// The grid a professional lives in: how many rows fit, whether every command is a key away from
// wherever the caret is, and what axe-core finds on the library, the editor (each side tab) and
// each dialog. The figures are printed as well as checked, so a run doubles as a measurement.
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import type { Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openSession, SCREENSHOT_DIR, type Session } from './harness'

let session: Session
let page: Page
let token: string
let alignedId: string

const axeSource = createRequire(import.meta.url).resolve('axe-core/axe.min.js')
const persianFile = join(process.cwd(), 'resources', 'samples', '003_1f132d0afecd6292.txt')
const englishFile = join(process.cwd(), 'tests', 'fixtures', 'align', 'dev-003.en.txt')

interface Violation {
  id: string
  impact: string
  nodes: number
  targets: string[]
}

/** axe-core's violations on the page (or inside `within`), serious and critical ones first. */
async function axe(within?: string): Promise<Violation[]> {
  // Evaluated rather than added as a script tag, which the page's CSP refuses.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(await readFile(axeSource, 'utf8'))
  const found = await page.evaluate(async (selector) => {
    const run = (window as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<{ violations: unknown[] }> } }).axe.run
    const result = await run(selector ? { include: [selector] } : document, { resultTypes: ['violations'] })
    return (result.violations as Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }>).map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      nodes: violation.nodes.length,
      targets: violation.nodes.slice(0, 3).map((node) => node.target.join(' '))
    }))
  }, within ?? null)
  return found.sort((a, b) => severity(b.impact) - severity(a.impact))
}

const severity = (impact: string): number => ['minor', 'moderate', 'serious', 'critical'].indexOf(impact)
const serious = (violations: Violation[]): Violation[] => violations.filter((violation) => severity(violation.impact) >= 2)

const report: Record<string, string> = {}
async function checkAxe(name: string, within?: string): Promise<void> {
  const violations = await axe(within)
  report[name] = violations.length === 0 ? 'none' : violations.map((v) => `${v.id} (${v.impact}, ${v.nodes})`).join('; ')
  expect.soft(serious(violations), `${name}: ${JSON.stringify(serious(violations), null, 1)}`).toEqual([])
}

async function api<T>(method: string, body: unknown): Promise<T> {
  const response = await fetch(`${session.web.origin}/api/${method}`, {
    method: 'POST',
    headers: { 'x-hamta-token': token, 'content-type': 'application/json' },
    body: JSON.stringify(body)
  })
  const parsed = (await response.json()) as { result: T; error?: { message: string } }
  if (!response.ok) throw new Error(parsed.error?.message ?? `${method}: ${response.status}`)
  return parsed.result
}

/** Rows wholly in view in the grid, and the share of the window's height the rows take. */
async function rowsInView(): Promise<{ rows: number; share: number }> {
  return page.evaluate(() => {
    const grid = document.querySelector('.grid')!.getBoundingClientRect()
    const header = document.querySelector('.grid .header-row')?.getBoundingClientRect()
    const top = Math.max(grid.top, header ? header.bottom : grid.top)
    const bottom = Math.min(grid.bottom, window.innerHeight)
    const rows = [...document.querySelectorAll('.grid .row[data-row-id]')].filter((row) => {
      const box = row.getBoundingClientRect()
      return box.top >= top - 1 && box.bottom <= bottom + 1
    }).length
    return { rows, share: (bottom - top) / window.innerHeight }
  })
}

/** A dialog takes focus, keeps it inside, closes on Escape and gives focus back to its button. */
async function checkDialog(name: string, button: string): Promise<void> {
  const opener = page.getByRole('button', { name: button, exact: true })
  await opener.focus()
  await opener.press('Enter')
  const dialog = page.getByRole('dialog', { name })
  await dialog.waitFor()
  await checkAxe(`axe dialog ${name}`)
  const focusInside = (): Promise<boolean> => dialog.evaluate((element) => element.contains(document.activeElement))
  const took = await focusInside()
  let kept = true
  for (let n = 0; n < 25; n++) {
    await page.keyboard.press('Tab')
    if (!(await focusInside())) kept = false
  }
  await page.keyboard.press('Escape')
  await page.waitForTimeout(300)
  const closed = (await dialog.count()) === 0
  if (!closed) await page.mouse.click(5, 5)
  await expect.poll(() => dialog.count()).toBe(0)
  const returned = await opener.evaluate((element) => element === document.activeElement)
  report[`dialog ${name}`] = `takes focus ${took}, keeps it ${kept}, Esc closes ${closed}, focus returns ${returned}`
  expect.soft({ took, kept, closed, returned }, name).toEqual({ took: true, kept: true, closed: true, returned: true })
}

const activeRowId = (): Promise<string | null> => page.locator('.row.active').getAttribute('data-row-id')
const rowAt = (n: number): Locator => page.locator('.row[data-row-id]').nth(n)

beforeAll(async () => {
  session = await openSession({ viewport: { width: 1440, height: 900 } })
  page = session.page
  token = new URL(session.web.url).hash.replace('#token=', '')
  const summary = await api<{ id: string }>('importPair', {
    source: { fileName: '003.txt', dataBase64: (await readFile(persianFile)).toString('base64') },
    target: { fileName: '003.en.txt', dataBase64: (await readFile(englishFile)).toString('base64') }
  })
  alignedId = summary.id
})

afterAll(async () => {
  console.log(
    `grid usability figures:\n${Object.entries(report)
      .map(([name, value]) => `  ${name}: ${value}`)
      .join('\n')}`
  )
  await session?.close()
})

describe('the grid, in Chromium against browser mode', () => {
  it('the library has no serious accessibility problems', async () => {
    await page.goto(session.web.url)
    await page.locator('.documents').waitFor()
    await page.screenshot({ path: join(SCREENSHOT_DIR, '20-library.png') })
    await checkAxe('axe library')
  })

  it('shows many rows of an aligned document at 1440×900 and 1280×720', async () => {
    await page.goto(`${session.web.origin}/?doc=${alignedId}#token=${token}`)
    await page.locator('.alignment-toolbar, .row[data-row-id]').first().waitFor()
    await page.locator('[data-testid="target-editor"]').waitFor()
    const large = await rowsInView()
    await page.screenshot({ path: join(SCREENSHOT_DIR, '21-aligned-1440x900.png') })
    await page.setViewportSize({ width: 1280, height: 720 })
    await page.waitForTimeout(300)
    const small = await rowsInView()
    await page.screenshot({ path: join(SCREENSHOT_DIR, '22-aligned-1280x720.png') })
    report['rows in view 1440×900'] = `${large.rows} (rows take ${Math.round(large.share * 100)}% of the height)`
    report['rows in view 1280×720'] = `${small.rows} (rows take ${Math.round(small.share * 100)}% of the height)`
    await page.setViewportSize({ width: 1440, height: 900 })
  })

  it('has no serious accessibility problems in the editor, whichever side tab is open', async () => {
    for (const tab of await page.locator('.side-tabs [role="tab"]').allInnerTexts()) {
      await page.locator('.side-tabs').getByRole('tab', { name: tab }).click()
      await page.waitForTimeout(200)
      await checkAxe(`axe editor, ${tab} tab`)
    }
  })

  it('has no serious accessibility problems in the editor’s dialogs', async () => {
    for (const [button, name] of [
      ['Export…', 'Export'],
      ['Import translation…', 'Import an English translation']
    ]) {
      await checkDialog(name, button)
    }
  })

  it('has no serious accessibility problems in the library’s dialogs', async () => {
    await page.goto(session.web.url)
    await page.locator('.documents').waitFor()
    for (const [button, name] of [
      ['Tags & settings…', 'Tags and settings'],
      ['Paste text…', 'Paste Persian text'],
      ['Align an existing translation…', 'Align an existing translation'],
      ['Translation memory…', 'Translation memory']
    ]) {
      await checkDialog(name, button)
    }
  })

  it('confirms a pairing with Ctrl+Shift+Enter while the caret is in the English', async () => {
    await page.goto(`${session.web.origin}/?doc=${alignedId}#token=${token}`)
    await page.locator('[data-testid="target-editor"]').waitFor()
    const first = await activeRowId()
    await page.locator('[data-testid="target-editor"]').click()
    await page.keyboard.press('Control+Shift+Enter')
    await expect.poll(() => page.locator(`.row[data-row-id="${first}"]`).getAttribute('data-alignment')).toBe('confirmed')
    expect(await activeRowId()).not.toBe(first)
  })

  it('undoes typing and alignment edits in order with Ctrl+Z outside the editor; an edit never confirms a row', async () => {
    const second = rowAt(1)
    const secondId = await second.getAttribute('data-row-id')
    const before = await second.locator('.cell.target').innerText()
    await second.locator('.cell.target').click()
    await second.locator('[data-testid="target-editor"]').click()
    await page.keyboard.press('Control+End')
    await page.keyboard.type(' Extra words.')
    await page.waitForFunction(() => document.querySelector('[data-testid="save-state"]')?.textContent === 'All changes saved')
    // Move the last English sentence down: neither row becomes confirmed by it.
    await page.keyboard.press('Control+Shift+ArrowDown')
    await expect.poll(() => rowAt(2).locator('.cell.target').innerText()).toMatch(/^Extra words\./)
    expect(await rowAt(1).getAttribute('data-alignment')).not.toBe('confirmed')
    expect(await rowAt(2).getAttribute('data-alignment')).not.toBe('confirmed')
    // Focus on the page, not the editor: undo walks back the move, then the typing.
    await page.locator('.grid .header-row').click()
    await page.keyboard.press('Control+z')
    await expect.poll(() => rowAt(2).locator('.cell.target').innerText()).not.toMatch(/^Extra words\./)
    await page.locator('.grid .header-row').click()
    await page.keyboard.press('Control+z')
    await expect.poll(() => page.locator(`.row[data-row-id="${secondId}"] .cell.target`).innerText()).toBe(before)
  })

  it('filters show and count only the rows that match', async () => {
    await page.getByLabel('Show rows').selectOption('low')
    const low = await page.locator('.row[data-row-id]').count()
    const count = await page.locator('.filter-count').innerText()
    expect(count).toMatch(new RegExp(`^${low} of \\d+ rows$`))
    for (const badge of await page.locator('[data-testid="alignment-badge"]').allInnerTexts()) {
      expect(Number(badge)).toBeLessThan(60)
    }
    await page.getByLabel('Show rows').selectOption('all')
  })

  it('goes to a row by number, splits a row at a sentence boundary with Enter, and lists the keys', async () => {
    await page.locator('.grid .header-row').click()
    await page.keyboard.press('Control+g')
    const goTo = page.getByRole('dialog', { name: 'Go to row' })
    await goTo.getByLabel(/Row number/).fill('3')
    await page.keyboard.press('Enter')
    await expect.poll(activeRowId).toBe(await rowAt(2).getAttribute('data-row-id'))
    // Row 2 holds two English sentences: its boundary is a button that splits the row there.
    const rows = await page.locator('.row[data-row-id]').count()
    await rowAt(1).locator('button.sentence-break').first().click()
    await expect
      .poll(() => page.getByRole('button', { name: 'Split', exact: true }).evaluate((button) => button === document.activeElement))
      .toBe(true)
    await page.keyboard.press('Enter')
    await expect.poll(() => page.locator('.row[data-row-id]').count()).toBe(rows + 1)
    expect(await rowAt(1).getAttribute('data-alignment')).not.toBe('confirmed')
    await page.screenshot({ path: join(SCREENSHOT_DIR, '23-split-at-boundary.png') })

    await page.locator('.grid .header-row').click()
    await page.keyboard.press('F1')
    const keys = page.getByRole('dialog', { name: 'Keyboard shortcuts' })
    await keys.waitFor()
    await checkAxe('axe dialog Keyboard shortcuts')
    await page.screenshot({ path: join(SCREENSHOT_DIR, '24-shortcuts.png') })
    // Rebind "next row" to Ctrl+J and use it.
    await keys.getByRole('button', { name: 'Change the keys for: next row', exact: true }).click()
    await page.keyboard.press('Control+j')
    await expect.poll(() => keys.locator('tr[data-action="nextRow"] kbd').innerText()).toBe('Ctrl+J')
    // Escape while choosing keys stops choosing: nothing is bound to it and the dialog stays.
    await keys.getByRole('button', { name: 'Change the keys for: previous row', exact: true }).click()
    await page.keyboard.press('Escape')
    await keys.getByRole('button', { name: 'Change the keys for: previous row', exact: true }).waitFor()
    expect(await keys.locator('tr[data-action="previousRow"] kbd').innerText()).toBe('Alt+↑')
    await page.keyboard.press('Escape')
    const from = await activeRowId()
    await page.locator('[data-testid="target-editor"]').click()
    await page.keyboard.press('Control+j')
    await expect.poll(activeRowId).not.toBe(from)
  })

  it('keeps focus in the Cleanup tab after a fix is accepted', async () => {
    await page.locator('.side-tabs').getByRole('tab', { name: 'Cleanup' }).click()
    const toggle = page.locator('.cleanup-group[data-kind="missing-zwnj"] .cleanup-group-toggle')
    await toggle.waitFor()
    if ((await toggle.getAttribute('aria-expanded')) === 'false') await toggle.click()
    const accept = page.getByRole('button', { name: /^Accept fix: / }).first()
    await accept.focus()
    await page.keyboard.press('Enter')
    await page.waitForTimeout(800)
    expect(await page.evaluate(() => !!document.activeElement?.closest('.side-panel'))).toBe(true)
  })

  it('reaches the header and panel commands by key, from the English editor too', async () => {
    await page.locator('.row.active [data-testid="target-editor"]').click()
    await page.keyboard.press('Control+f')
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type)).toBe('search')
    await page.locator('.row.active [data-testid="target-editor"]').click()
    const selected = (): Promise<string> => page.locator('.side-tabs [aria-selected="true"]').innerText()
    const tab = await selected()
    await page.keyboard.press('Control+Alt+PageDown')
    await expect.poll(selected).not.toBe(tab)
    await page.locator('.row.active [data-testid="target-editor"]').click()
    await page.keyboard.press('Control+e')
    const exporting = page.getByRole('dialog', { name: 'Export' })
    await exporting.waitFor()
    await page.keyboard.press('Escape')
    await expect.poll(() => exporting.count()).toBe(0)
  })

  it('asks before deleting a document and can bring it back', async () => {
    await page.goto(session.web.url)
    await page.locator('.documents').waitFor()
    const before = await page.locator('table.documents tbody tr').count()
    await page
      .locator('table.documents tbody tr')
      .first()
      .getByRole('button', { name: /^Delete / })
      .click()
    const ask = page.getByRole('dialog', { name: /^Delete / })
    await checkAxe('axe dialog Delete')
    await ask.getByRole('button', { name: 'Delete', exact: true }).click()
    await expect.poll(() => page.locator('table.documents tbody tr').count()).toBe(before - 1)
    await page.getByRole('button', { name: 'Undo delete' }).click()
    await expect.poll(() => page.locator('table.documents tbody tr').count()).toBe(before)

    // Deleted earlier (the notice gone, the page reloaded): brought back from the list of deleted documents.
    const first = page.locator('table.documents tbody tr').first()
    const title = await first.locator('.doc-open').innerText()
    await first.getByRole('button', { name: /^Delete / }).click()
    await page
      .getByRole('dialog', { name: /^Delete / })
      .getByRole('button', { name: 'Delete', exact: true })
      .click()
    await expect.poll(() => page.locator('table.documents tbody tr').count()).toBe(before - 1)
    await page.goto(session.web.url)
    await page.getByRole('button', { name: 'Deleted documents…' }).click()
    const trash = page.getByRole('dialog', { name: 'Deleted documents' })
    await expect.poll(() => trash.locator('.trash-title').allInnerTexts()).toEqual([title])
    await checkAxe('axe dialog Deleted documents')
    await page.screenshot({ path: join(SCREENSHOT_DIR, '37-deleted-documents.png') })
    await trash.getByRole('button', { name: `Bring back ${title}` }).click()
    await trash.getByText('Nothing has been deleted.').waitFor()
    await trash.getByRole('button', { name: 'Close' }).click()
    await expect.poll(() => page.locator('table.documents tbody tr').count()).toBe(before)
    expect(await page.locator('table.documents .doc-open').allInnerTexts()).toContain(title)
  })
})

import { spawnSync } from 'node:child_process'
import { readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
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

async function pasteDocument(text: string): Promise<void> {
  await page.getByRole('button', { name: 'Paste text…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Paste Persian text' })
  await dialog.getByLabel('Persian text').fill(text)
  await dialog.getByRole('button', { name: 'Create document' }).click()
  await page.locator('.row[data-row-id="r2"]').waitFor()
}

async function waitUntilSaved(): Promise<void> {
  await page.waitForFunction(() => document.querySelector('[data-testid="save-state"]')?.textContent === 'All changes saved')
}

const english = 'Iran’s foreign minister travelled to Moscow on Monday.'

describe('the translation memory, in Chromium', () => {
  it('offers a sentence translated in one document as a match in another, with the difference marked, and inserts it', async () => {
    await pasteDocument('خبر اول\n\nوزیر امور خارجه ایران روز دوشنبه به مسکو سفر کرد.')
    await page.locator('.row[data-row-id="r2"] .cell.target').click()
    await page.keyboard.type(english)
    await page.keyboard.press('Control+Enter')
    await waitUntilSaved()
    await page.getByRole('button', { name: '← Library' }).click()

    // The same sentence with another day, and written with Arabic letter forms and a ZWNJ variant.
    await pasteDocument('خبر دوم\n\nوزير امور خارجه ايران روز سه‌شنبه به مسکو سفر کرد.')
    await page.locator('.row[data-row-id="r2"] .cell.source').click()
    await page.getByRole('tab', { name: 'TM' }).click()
    const match = page.locator('.tm-match').first()
    await match.waitFor()
    const score = Number((await match.locator('.tm-score').innerText()).replace('%', ''))
    expect(score).toBeGreaterThanOrEqual(80)
    expect(score).toBeLessThan(100)
    // Only the day differs: the letter forms are not differences.
    expect(await match.locator('mark.tm-changed').allInnerTexts()).toEqual(['دوشنبه'])
    expect(await match.locator('.tm-target').innerText()).toBe(english)
    expect(await match.locator('.tm-origin').innerText()).toContain('خبر اول')
    await page.screenshot({ path: join(SCREENSHOT_DIR, '15-translation-memory.png') })

    await page.keyboard.press('Control+Shift+Digit1')
    await expect.poll(() => page.locator('.row[data-row-id="r2"] .cell.target').innerText()).toBe(english)
    await waitUntilSaved()
  })

  it('finds words in the memory (concordance), Persian by its match key', async () => {
    const search = page.getByLabel('Search the translation memory (Persian or English words)')
    await search.fill('وزير امور خارجه')
    await search.press('Enter')
    const results = page.getByRole('list', { name: 'Concordance results' })
    await results.locator('li mark').first().waitFor()
    expect(await results.locator('li').count()).toBeGreaterThanOrEqual(1)
    expect((await results.locator('li').first().locator('mark').allInnerTexts()).join(' ')).toContain('امور')
  })

  it('gives the match analysis of a document in the usual bands', async () => {
    await page.getByRole('button', { name: 'Analyse' }).click()
    const table = page.getByRole('table', { name: 'Match analysis' })
    await table.waitFor()
    const labels = await table.locator('tbody th').allInnerTexts()
    expect(labels.length).toBeGreaterThanOrEqual(8)
    expect(labels.at(-1)).toBe('Total')
  })

  it('puts a confirmed row’s English into its repetitions, and takes it back where the occurrence differs', async () => {
    await page.getByRole('button', { name: '← Library' }).click()
    await pasteDocument('خبر سوم\n\nنشست خبری فردا برگزار می‌شود.\n\nسخنگو درباره آن توضیح داد.\n\nنشست خبری فردا برگزار میشود.')
    await page.locator('.row[data-row-id="r2"] .cell.target').click()
    await page.keyboard.type('The press conference is tomorrow.')
    await page.keyboard.press('Control+Enter')
    // The last row holds the same sentence (written without the ZWNJ): it takes the English as a draft.
    await expect.poll(() => page.locator('.row[data-row-id="r4"] .cell.target').innerText()).toBe('The press conference is tomorrow.')
    await page.getByText(/The same sentence in row 4 took this English as a draft/).waitFor()
    await page.locator('.row[data-row-id="r4"] .cell.source').click()
    await page.getByRole('tab', { name: 'TM' }).click()
    const note = page.getByRole('note')
    await note.getByText('repetition of row 2').waitFor()
    await note.getByRole('button', { name: 'This occurrence differs' }).click()
    await expect.poll(() => page.locator('.row[data-row-id="r4"] .cell.target').innerText()).not.toContain('press conference')
  })

  it('adds a TMX file to the memory by default when it is imported, and lists it', async () => {
    const tmx = join(session.libraryDir, '..', `glossary-${process.pid}.tmx`)
    await writeFile(
      tmx,
      `<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="test" creationtoolversion="1" segtype="sentence" o-tmf="test" adminlang="en" srclang="fa" datatype="plaintext"/>
<body><tu><tuv xml:lang="fa"><seg>سخنگوی دولت امروز گفت.</seg></tuv><tuv xml:lang="en"><seg>The government spokesman said today.</seg></tuv></tu></body></tmx>`
    )
    await page.getByRole('button', { name: '← Library' }).click()
    const chooser = page.waitForEvent('filechooser')
    await page.getByRole('button', { name: 'Import…' }).click()
    await (await chooser).setFiles(tmx)
    const question = page.getByRole('dialog', { name: /^Open glossary-\d+\.tmx$/ })
    await question.waitFor()
    await question.getByRole('button', { name: 'Add to translation memory' }).click()
    await page.getByText(/glossary-\d+\.tmx: 1 unit added to the translation memory\./).waitFor()
    await page.getByRole('button', { name: 'Translation memory…' }).click()
    const dialog = page.getByRole('dialog', { name: 'Translation memory' })
    await dialog
      .getByRole('cell', { name: /glossary/ })
      .first()
      .waitFor()
    await page.screenshot({ path: join(SCREENSHOT_DIR, '16-memories.png') })
    // The whole memory comes down streamed from the server, never as one string in the page.
    const download = page.waitForEvent('download')
    await dialog.getByRole('button', { name: 'Export all as TMX' }).click()
    const saved = await download
    expect(saved.suggestedFilename()).toBe('memory.tmx')
    const exported = await readFile((await saved.path())!, 'utf8')
    expect(exported).toMatch(/^<\?xml[^>]*\?>\s*<tmx version="1\.4">/)
    expect(exported.match(/<tu[ >]/g)?.length ?? 0).toBeGreaterThan(0)
    const valid = spawnSync('xmllint', ['--noout', '--dtdvalid', join(process.cwd(), '..', 'shared', 'schemas', 'tmx14.dtd'), '-'], {
      input: exported
    })
    expect(valid.status, valid.stderr.toString()).toBe(0)
    await dialog.getByRole('button', { name: 'Close' }).click()
    await rm(tmx, { force: true })
  })
})

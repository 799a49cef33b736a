import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../../src/cli/main'
import { LibraryService } from '../../src/main/services/library'
import { startGitServer, type GitServer } from '../helpers/git-server'
import { SAMPLES_DIR } from '../helpers/temp'
import { openSession, SCREENSHOT_DIR, type Session } from './harness'

let session: Session
let page: Page
let server: GitServer
let work: string

/** A library folder with its author's name set, as the app's settings would. */
async function named(libraryDir: string, authorName: string): Promise<void> {
  const library = await LibraryService.open({ libraryDir, samplesDir: SAMPLES_DIR, tool: 'test setup' })
  await library.updateSettings({ authorName })
  await library.close()
}

async function hamta(...args: string[]): Promise<string> {
  const out: string[] = []
  const err: string[] = []
  const code = await runCli(args, { stdout: (text) => void out.push(text), stderr: (text) => void err.push(text), env: {} })
  if (code !== 0) throw new Error(`hamta ${args.join(' ')} failed: ${err.join('')}`)
  return out.join('')
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'hamta-e2e-team-'))
  server = await startGitServer(join(work, 'server'))
  server.createRepository('newsroom')
  session = await openSession({ viewport: { width: 1440, height: 900 }, prepare: (dir) => named(dir, 'Maryam') })
  page = session.page
  await page.goto(session.web.url)
  await page.getByText('Try a sample article').waitFor()
})

afterAll(async () => {
  await session?.close()
  await server?.close()
  if (work) await rm(work, { recursive: true, force: true })
})

const axeSource = createRequire(import.meta.url).resolve('axe-core/axe.min.js')

/** axe-core's violations inside `selector`, as "rule (impact)". */
async function axe(selector: string): Promise<string[]> {
  // Evaluated rather than added as a script tag, which the page's CSP refuses.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(await readFile(axeSource, 'utf8'))
  return page.evaluate(async (include) => {
    const run = (
      window as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<{ violations: Array<{ id: string; impact: string }> }> } }
    ).axe.run
    const result = await run({ include: [include] }, { resultTypes: ['violations'] })
    return result.violations.map((violation) => `${violation.id} (${violation.impact})`)
  }, selector)
}

const syncState = (): Locator => page.getByTestId('sync-state')
const row = (id: string): Locator => page.locator(`.row[data-row-id="${id}"]`)

async function waitForState(state: string): Promise<void> {
  await page.waitForFunction(
    (wanted) => document.querySelector(`[data-testid="sync-state"]:not(.sync-syncing)[data-state="${wanted}"]`) !== null,
    state,
    {
      timeout: 20_000
    }
  )
}

describe('a team library over Git, in Chromium', () => {
  it('shares the library, shows it synced, and resolves a conflict made by a second library through the command line', async () => {
    await page.getByRole('button', { name: 'Open sample' }).first().click()
    await page.locator('.row[data-row-id]').first().waitFor()
    const documentId = new URL(page.url()).searchParams.get('doc')!
    await page.getByRole('button', { name: '← Library' }).click()

    // Share: the address of an empty repository on the team's Git server.
    await page.getByRole('button', { name: 'Share with a team…' }).click()
    const dialog = page.getByRole('dialog', { name: 'Share with a team' })
    await dialog.getByLabel('Team library address').fill(server.url('newsroom'))
    await expect(dialog.getByText(/Kept in memory until Hamta stops/).isVisible()).resolves.toBe(true)
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'team-share-dialog.png') })
    expect(await axe('.dialog')).toEqual([])
    await dialog.getByRole('button', { name: 'Share' }).click()
    await dialog.waitFor({ state: 'detached' })
    await waitForState('synced')
    expect(await syncState().getByRole('status').textContent()).toContain('✓ Synced')
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'team-shared.png') })

    // Reza joins from the command line and changes row 2's English.
    const reza = join(work, 'reza')
    await named(reza, 'Reza')
    await hamta('sync', '--library', reza, '--remote', server.url('newsroom'))
    await hamta('edit', documentId, '--library', reza, '--row', '2', '--target', 'Reza’s English.')
    await hamta('sync', '--library', reza)

    // Maryam changes the same row in the app before receiving Reza's version.
    await page.locator(`tr[data-document-id="${documentId}"] .doc-open`).click()
    await row('r2').locator('.cell.target').click()
    await row('r2').locator('.cell.target [contenteditable="true"]').waitFor()
    await page.keyboard.type('Maryam’s English.')
    await page.waitForFunction(() => document.querySelector('[data-testid="save-state"]')?.textContent === 'All changes saved')
    await syncState().getByRole('button', { name: 'Sync now' }).click()
    await waitForState('conflict')
    expect(await syncState().getByRole('status').textContent()).toContain('⚠ 1 conflict')

    // The Row tab shows both versions with who and when.
    const box = page.getByRole('region', { name: 'Conflicts' })
    await box.waitFor()
    expect(await box.locator('[data-side="ours"]').textContent()).toContain('Maryam’s English.')
    expect(await box.locator('[data-side="theirs"]').textContent()).toContain('Reza’s English.')
    expect(await box.locator('[data-side="theirs"] .conflict-meta').textContent()).toContain('Reza')
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'team-conflict.png') })
    expect(await axe('.side-panel')).toEqual([])
    expect(await axe('.editor-header')).toEqual([])

    await box.getByRole('button', { name: 'Keep this: Reza’s version' }).click()
    await box.waitFor({ state: 'detached' })
    await expect.poll(() => row('r2').locator('.cell.target').textContent()).toContain('Reza’s English.')
    await syncState().getByRole('button', { name: 'Sync now' }).click()
    await waitForState('synced')

    // The row's history: who changed it and when, from the team library's history.
    await page.locator('.row-history summary').click()
    await page.locator('.version-list li').first().waitFor()
    const versions = await page.locator('.version-list li .version-meta').allTextContents()
    expect(versions.join('\n')).toMatch(/Reza/)
    expect(versions.join('\n')).toMatch(/Maryam/)
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'team-resolved.png') })
    expect(await axe('.row-history')).toEqual([])

    // Reza receives the resolution: no conflict left, his English kept.
    await hamta('sync', '--library', reza)
    const shown = JSON.parse(await hamta('show', documentId, '--library', reza, '--json'))
    expect(shown.rows[1]).toMatchObject({ target: 'Reza’s English.' })
    expect(shown.rows[1].conflicts).toBeUndefined()

    // Maryam's own version comes back with one click, as a new edit.
    const mine = page.locator('.version-list li').filter({ hasText: 'Maryam’s English.' }).first()
    await mine.getByRole('button', { name: /^Restore this version/ }).click()
    await expect.poll(() => row('r2').locator('.cell.target').textContent()).toContain('Maryam’s English.')

    // Stopping sharing, after asking: Share and Join are offered again, the document stays.
    await page.getByRole('button', { name: '← Library' }).click()
    await page.getByRole('button', { name: 'Stop sharing…' }).click()
    const ask = page.getByRole('dialog', { name: 'Stop sharing this library' })
    expect(await ask.innerText()).toContain('Every document stays here')
    // The restored version has not been sent: said before it is too late.
    expect(await ask.innerText()).toContain('have not reached the team library')
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'team-stop-sharing.png') })
    expect(await axe('[role="dialog"]')).toEqual([])
    await ask.getByRole('button', { name: 'Stop sharing', exact: true }).click()
    await page.getByRole('button', { name: 'Share with a team…' }).waitFor()
    expect(await syncState().count()).toBe(0)
    expect(await page.locator('table.documents tbody tr').count()).toBe(1)
  })
})

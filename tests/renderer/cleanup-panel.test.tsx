import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { useState } from 'react'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { createDocument, type HamtaDocument, type Row } from '../../src/core/model'
import { applyCleanup, dismissCleanup } from '../../src/core/text/apply-cleanup'
import { proposeCleanup, type CleanupProposal } from '../../src/core/text/cleanup'
import { loadLexicon, type Lexicon } from '../../src/core/text/lexicon'
import { segmentParagraphs } from '../../src/core/text/segment'
import { CleanupPanel } from '../../src/renderer/src/features/editor/CleanupPanel'
import type { DocumentEditState, HamtaApi } from '../../src/shared/contract'
import { fakeApi } from './fake-api'

afterEach(cleanup)

const ZWNJ = '\u200c'
let lexicon: Lexicon

beforeAll(async () => {
  lexicon = await loadLexicon()
})

/** Sample article 003: ZWNJ, a missing space and agency boilerplate, as imported. */
function sampleDocument(): HamtaDocument {
  const text = readFileSync(join(__dirname, '../../resources/samples/003_1f132d0afecd6292.txt'), 'utf8')
  return createDocument({
    id: 'doc1',
    now: '2026-01-01T00:00:00.000Z',
    fileName: '003.txt',
    encoding: 'UTF-8',
    originalText: text,
    paragraphs: segmentParagraphs(text)
  })
}

/** The three cleanup methods over one document, with the real proposer and fixes behind them. */
function cleanupApi(initial: HamtaDocument = sampleDocument()) {
  const { api } = fakeApi([initial])
  let doc = initial
  const propose = () => proposeCleanup(doc, { lexicon, dismissed: new Set(doc.dismissedCleanup) })
  api.proposeCleanup = vi.fn(async () => propose())
  api.applyCleanup = vi.fn(async ({ proposalIds }): Promise<DocumentEditState> => {
    const wanted = new Set(proposalIds)
    doc = applyCleanup(
      doc,
      propose().filter((proposal) => wanted.has(proposal.id)),
      '2026-01-02T00:00:00.000Z'
    )
    return { document: doc, canUndo: true, canRedo: false }
  })
  api.dismissCleanup = vi.fn(async ({ proposalIds }) => {
    doc = dismissCleanup(doc, proposalIds)
    return propose()
  })
  return { api, current: () => doc, initialProposals: propose() }
}

/** Stands in for the editor: takes the applied document's rows and bumps the revision, as it would. */
function Harness({
  api,
  doc,
  onApplied,
  onJump
}: {
  api: HamtaApi
  doc: HamtaDocument
  onApplied?: (state: DocumentEditState) => void
  onJump?: (rowId: string) => void
}) {
  const [rows, setRows] = useState<Row[]>(doc.rows)
  const [revision, setRevision] = useState(0)
  return (
    <CleanupPanel
      api={api}
      documentId={doc.id}
      revision={revision}
      rows={rows}
      onApplied={(state) => {
        setRows(state.document.rows)
        setRevision((value) => value + 1)
        onApplied?.(state)
      }}
      onJump={onJump ?? (() => {})}
    />
  )
}

function groupToggle(name: RegExp) {
  return screen.getByRole('button', { name })
}

function group(kind: string): HTMLElement {
  return document.querySelector<HTMLElement>(`.cleanup-group[data-kind="${kind}"]`)!
}

/** The items of a group that are in the page (the list is virtual: those in view and a few more). */
function itemsIn(kind: string): HTMLElement[] {
  return [...group(kind).querySelectorAll<HTMLElement>('.cleanup-item')]
}

/** The group's size as each item tells assistive technology. */
function setSize(kind: string): number {
  return Number(itemsIn(kind)[0]?.getAttribute('aria-setsize') ?? 0)
}

async function renderSample(options: { onApplied?: (state: DocumentEditState) => void; onJump?: (rowId: string) => void } = {}) {
  const fake = cleanupApi()
  const view = render(<Harness api={fake.api} doc={fake.current()} {...options} />)
  await screen.findByRole('button', { name: /^Missing zero-width non-joiners/ })
  return { ...fake, view }
}

describe('CleanupPanel', () => {
  it('groups the proposals by kind with their counts, each group closed until opened', async () => {
    const { initialProposals } = await renderSample()
    const counts = { 'missing-zwnj': 0, 'missing-space': 0, boilerplate: 0 } as Record<string, number>
    for (const proposal of initialProposals) counts[proposal.kind] += 1
    expect(counts['missing-zwnj']).toBeGreaterThan(10)
    expect(counts['missing-space']).toBeGreaterThanOrEqual(1)
    expect(counts.boilerplate).toBe(1)

    const kinds = [...document.querySelectorAll('.cleanup-group')].map((element) => element.getAttribute('data-kind'))
    expect(kinds).toEqual(['missing-zwnj', 'missing-space', 'boilerplate'])
    const zwnj = groupToggle(/^Missing zero-width non-joiners/)
    expect(zwnj.textContent).toContain(String(counts['missing-zwnj']))
    expect(groupToggle(/^Missing spaces/).textContent).toContain(String(counts['missing-space']))
    expect(groupToggle(/^Agency boilerplate/).textContent).toContain('1')
    expect(screen.getByRole('heading', { name: /Cleanup/ }).textContent).toContain(String(initialProposals.length))

    expect(zwnj.getAttribute('aria-expanded')).toBe('false')
    expect(group('missing-zwnj').querySelectorAll('.cleanup-item')).toHaveLength(0)
    fireEvent.click(zwnj)
    expect(zwnj.getAttribute('aria-expanded')).toBe('true')
    // The first items, in order; the rest come into the page as the list scrolls.
    const shown = itemsIn('missing-zwnj')
    const zwnjIds = initialProposals.filter((p) => p.kind === 'missing-zwnj').map((p) => p.id)
    expect(shown.length).toBeGreaterThan(3)
    expect(shown.map((item) => item.getAttribute('data-proposal-id'))).toEqual(zwnjIds.slice(0, shown.length))
    expect(shown.map((item) => item.getAttribute('aria-posinset'))).toEqual(shown.map((_, index) => String(index + 1)))
    expect(setSize('missing-zwnj')).toBe(counts['missing-zwnj'])
    fireEvent.click(zwnj)
    expect(group('missing-zwnj').querySelectorAll('.cleanup-item')).toHaveLength(0)
  })

  it('shows each change right to left inside its sentence, the ZWNJ made visible', async () => {
    await renderSample()
    fireEvent.click(groupToggle(/^Missing zero-width non-joiners/))
    const [accept] = screen.getAllByRole('button', { name: `Accept fix: رئیسجمهور → رئیس${ZWNJ}جمهور` })
    const item = accept.closest('li')!
    const text = item.querySelector('.cleanup-text')!
    expect(text.getAttribute('dir')).toBe('rtl')
    expect(text.getAttribute('lang')).toBe('fa')
    expect(text.querySelector('del')!.textContent).toBe('رئیسجمهور')
    expect(text.querySelector('ins')!.textContent).toBe(`رئیس${ZWNJ}جمهور`)
    expect(text.querySelectorAll('ins .zwnj-mark')).toHaveLength(1)
    // A little of the sentence on both sides of the change.
    expect(text.textContent).toContain('محمود واعظی رئیس دفتر')
    expect(text.textContent).toMatch(/…$/)
    expect(item.querySelector('.cleanup-change')!.getAttribute('title')).toContain('Missing zero-width non-joiner')
    expect(item.querySelector('.cleanup-meta')!.textContent).toBe('Row 2')
    expect(within(item).getByRole('button', { name: `Dismiss fix: رئیسجمهور → رئیس${ZWNJ}جمهور` })).toBeTruthy()
  })

  it('shows boilerplate as a row to mark not for translation', async () => {
    await renderSample()
    fireEvent.click(groupToggle(/^Agency boilerplate/))
    const accept = within(group('boilerplate')).getByRole('button', { name: /^Accept fix: .* → mark not for translation$/ })
    expect(accept.closest('li')!.querySelector('ins')!.textContent).toBe('not for translation')
  })

  it('accepts one fix: applies it, hands the new document to the editor and reloads the list', async () => {
    const applied: DocumentEditState[] = []
    const { api, initialProposals } = await renderSample({ onApplied: (state) => applied.push(state) })
    fireEvent.click(groupToggle(/^Missing zero-width non-joiners/))
    const target = initialProposals.find((proposal) => proposal.original === 'رئیسجمهور')!
    const [accept] = screen.getAllByRole('button', { name: `Accept fix: رئیسجمهور → رئیس${ZWNJ}جمهور` })
    fireEvent.click(accept)
    await waitFor(() => expect(applied).toHaveLength(1))
    expect(api.applyCleanup).toHaveBeenCalledWith({ documentId: 'doc1', proposalIds: [target.id] })
    const sentence = applied[0].document.rows.find((row) => row.id === target.rowId)!.source[0]
    expect(sentence.text).toContain(`رئیس${ZWNJ}جمهور`)
    const remaining = initialProposals.filter((p) => p.kind === 'missing-zwnj' && p.id !== target.id)
    await waitFor(() => expect(setSize('missing-zwnj')).toBe(remaining.length))
    expect(groupToggle(/^Missing zero-width non-joiners/).textContent).toContain(String(remaining.length))
    expect(itemsIn('missing-zwnj').some((item) => item.getAttribute('data-proposal-id') === target.id)).toBe(false)
    expect(vi.mocked(api.proposeCleanup).mock.calls.length).toBeGreaterThanOrEqual(2)
    expect(screen.queryByRole('alert')).toBeNull()
  })

  it('keeps keyboard focus in the list after a fix is accepted', async () => {
    const { initialProposals } = await renderSample()
    fireEvent.click(groupToggle(/^Missing zero-width non-joiners/))
    const first = initialProposals.filter((p) => p.kind === 'missing-zwnj')
    const accept = group('missing-zwnj').querySelector<HTMLButtonElement>(`[data-proposal-id="${first[0].id}"] button[aria-label^="Accept fix"]`)!
    accept.focus()
    fireEvent.click(accept)
    // Focus lands on what is now the first item of the group: the old second one.
    await waitFor(() => expect(document.activeElement?.closest('li')?.getAttribute('data-proposal-id')).toBe(first[1].id))
  })

  it('accepts at once only the sure fixes of a kind; the ones to check stay, marked', async () => {
    const applied: DocumentEditState[] = []
    const { api, initialProposals } = await renderSample({ onApplied: (state) => applied.push(state) })
    const zwnj = initialProposals.filter((p) => p.kind === 'missing-zwnj')
    const ids = zwnj.filter((p) => p.certain).map((p) => p.id)
    expect(ids.length).toBeGreaterThan(0)
    expect(ids.length).toBeLessThan(zwnj.length)
    fireEvent.click(
      screen.getByRole('button', { name: `Accept ${ids.length} sure (the ${ids.length} fixes that need no check): Missing zero-width non-joiners` })
    )
    await waitFor(() => expect(applied).toHaveLength(1))
    expect(api.applyCleanup).toHaveBeenCalledWith({ documentId: 'doc1', proposalIds: ids })
    await waitFor(() => expect(screen.queryByRole('button', { name: /need no check: Missing zero-width non-joiners/ })).toBeNull())
    expect(screen.queryByRole('button', { name: /^Accept all .*: Missing zero-width non-joiners/ })).toBeNull()
    fireEvent.click(groupToggle(/^Missing zero-width non-joiners/))
    const items = group('missing-zwnj').querySelectorAll('li')
    // Proposed anew from the fixed text: the ones to check (one may have gone with a fix beside it).
    expect(items.length).toBeGreaterThan(0)
    expect(items.length).toBeLessThanOrEqual(zwnj.length - ids.length)
    for (const item of items) expect(item.querySelector('.cleanup-check')?.textContent).toBe('check')
    expect(group('boilerplate')).toBeTruthy()
  })

  it('accepts all fixes of a kind when every one is sure, and the group goes', async () => {
    const applied: DocumentEditState[] = []
    const { api, initialProposals } = await renderSample({ onApplied: (state) => applied.push(state) })
    const ids = initialProposals.filter((p) => p.kind === 'boilerplate').map((p) => p.id)
    fireEvent.click(screen.getByRole('button', { name: `Accept all ${ids.length} fix: Agency boilerplate` }))
    await waitFor(() => expect(applied).toHaveLength(1))
    expect(api.applyCleanup).toHaveBeenCalledWith({ documentId: 'doc1', proposalIds: ids })
    await waitFor(() => expect(document.querySelector('.cleanup-group[data-kind="boilerplate"]')).toBeNull())
  })

  it('dismisses one fix and shows the remaining proposals the API returns', async () => {
    const { api, initialProposals } = await renderSample()
    fireEvent.click(groupToggle(/^Missing spaces/))
    const space = initialProposals.find((p) => p.kind === 'missing-space')!
    const calls = vi.mocked(api.proposeCleanup).mock.calls.length
    fireEvent.click(screen.getByRole('button', { name: `Dismiss fix: ${space.original} → ${space.replacement}` }))
    await waitFor(() => expect(document.querySelector('.cleanup-group[data-kind="missing-space"]')).toBeNull())
    expect(api.dismissCleanup).toHaveBeenCalledWith({ documentId: 'doc1', proposalIds: [space.id] })
    expect(api.applyCleanup).not.toHaveBeenCalled()
    expect(vi.mocked(api.proposeCleanup).mock.calls.length).toBe(calls)
  })

  it('dismisses all fixes of a kind', async () => {
    const { api, initialProposals } = await renderSample()
    const boilerplate = initialProposals.filter((p) => p.kind === 'boilerplate').map((p) => p.id)
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss all 1 fix: Agency boilerplate' }))
    await waitFor(() => expect(document.querySelector('.cleanup-group[data-kind="boilerplate"]')).toBeNull())
    expect(api.dismissCleanup).toHaveBeenCalledWith({ documentId: 'doc1', proposalIds: boilerplate })
  })

  it('jumps to the row of a proposal when it is clicked', async () => {
    const jumps: string[] = []
    const { initialProposals } = await renderSample({ onJump: (rowId) => jumps.push(rowId) })
    fireEvent.click(groupToggle(/^Missing spaces/))
    const space = initialProposals.find((p) => p.kind === 'missing-space')!
    fireEvent.click(within(group('missing-space')).getByRole('button', { name: /Go to the row/ }))
    expect(jumps).toEqual([space.rowId])
  })

  it('shows a failed fix inline and keeps the proposals', async () => {
    const applied = vi.fn()
    const { api } = await renderSample({ onApplied: applied })
    vi.mocked(api.applyCleanup).mockRejectedValueOnce(new Error('The document changed on disk.'))
    fireEvent.click(screen.getByRole('button', { name: 'Accept all 1 fix: Agency boilerplate' }))
    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toContain('The document changed on disk.')
    expect(applied).not.toHaveBeenCalled()
    expect(group('boilerplate')).toBeTruthy()
    expect(screen.getByRole('button', { name: 'Accept all 1 fix: Agency boilerplate' }).hasAttribute('disabled')).toBe(false)
    fireEvent.click(within(alert).getByRole('button', { name: 'Close the message' }))
    expect(screen.queryByRole('alert')).toBeNull()
  })

  it('shows a failed check inline and tries again on request', async () => {
    const { api } = cleanupApi()
    const working = vi.mocked(api.proposeCleanup).getMockImplementation()!
    vi.mocked(api.proposeCleanup).mockRejectedValueOnce(new Error('Library is locked.'))
    render(<Harness api={api} doc={sampleDocument()} />)
    expect((await screen.findByRole('alert')).textContent).toContain('Library is locked.')
    vi.mocked(api.proposeCleanup).mockImplementation(working)
    fireEvent.click(screen.getByRole('button', { name: 'Check again' }))
    await screen.findByRole('button', { name: /^Missing zero-width non-joiners/ })
    expect(screen.queryByRole('alert')).toBeNull()
  })

  it('loads again when the revision changes, keeping only the newest answer', async () => {
    const doc = sampleDocument()
    const { api } = fakeApi([doc])
    const answers: Array<(proposals: CleanupProposal[]) => void> = []
    api.proposeCleanup = vi.fn(() => new Promise<CleanupProposal[]>((resolve) => answers.push(resolve)))
    const props = { api, documentId: 'doc1', rows: doc.rows, onApplied: () => {}, onJump: () => {} }
    const view = render(<CleanupPanel {...props} revision={0} />)
    expect(screen.getByText('Checking the Persian text…')).toBeTruthy()
    view.rerender(<CleanupPanel {...props} revision={1} />)
    expect(api.proposeCleanup).toHaveBeenCalledTimes(2)
    const all = proposeCleanup(doc, { lexicon })
    // The newer request answers first; the older answer, arriving late, is ignored.
    await act(async () => answers[1]([]))
    expect(screen.getByText('No problems found in the Persian text.')).toBeTruthy()
    await act(async () => answers[0](all))
    expect(screen.getByText('No problems found in the Persian text.')).toBeTruthy()
    view.rerender(<CleanupPanel {...props} revision={1} />)
    expect(api.proposeCleanup).toHaveBeenCalledTimes(2)
  })

  it('says so when there is nothing to fix, and that fixes can be undone', async () => {
    const { api } = fakeApi([sampleDocument()])
    api.proposeCleanup = vi.fn(async () => [])
    render(<CleanupPanel api={api} documentId="doc1" revision={0} rows={[]} onApplied={() => {}} onJump={() => {}} />)
    expect(await screen.findByText('No problems found in the Persian text.')).toBeTruthy()
    expect(screen.getByText(/the imported original is kept/).textContent).toMatch(/Undo.*Ctrl.*Z/)
  })

  it('shows just the original and the replacement when the sentence is not at hand', async () => {
    const { api, initialProposals } = cleanupApi()
    const proposal = initialProposals.find((p) => p.kind === 'missing-zwnj')!
    api.proposeCleanup = vi.fn(async () => [proposal])
    render(<CleanupPanel api={api} documentId="doc1" revision={0} rows={[]} onApplied={() => {}} onJump={() => {}} />)
    // One kind: its group is open from the start.
    const accept = await screen.findByRole('button', { name: `Accept fix: ${proposal.original} → ${proposal.replacement}` })
    const text = accept.closest('li')!.querySelector('.cleanup-text')!
    expect(text.textContent).toBe(`${proposal.original} ← ${proposal.replacement}`)
  })
})

describe('CleanupPanel on a long document', () => {
  const COUNT = 20_000

  /** One fix in each of 20,000 sentences: the list is far longer than any screen. */
  function longDocument(): HamtaDocument {
    const sentences = Array.from({ length: COUNT }, (_, index) => `جمله ${index + 1}: این کتابها خوب است.`)
    return createDocument({
      id: 'doc1',
      now: '2026-01-01T00:00:00.000Z',
      fileName: 'long.txt',
      encoding: 'UTF-8',
      originalText: sentences.join('\n\n'),
      paragraphs: sentences.map((sentence) => ({ sentences: [sentence] }))
    })
  }

  async function renderLong() {
    const fake = cleanupApi(longDocument())
    expect(fake.initialProposals).toHaveLength(COUNT)
    const view = render(<Harness api={fake.api} doc={fake.current()} />)
    // One kind: its group is open from the start.
    await screen.findByRole('button', { name: `Accept all ${COUNT} fixes: Missing zero-width non-joiners` })
    return { ...fake, view }
  }

  it('puts only the items in view in the page, and follows scrolling', async () => {
    const { view, initialProposals } = await renderLong()
    const items = itemsIn('missing-zwnj')
    expect(items.length).toBeGreaterThan(3)
    expect(items.length).toBeLessThan(200)
    expect(view.container.querySelectorAll('*').length).toBeLessThan(3000)
    expect(items[0].getAttribute('data-proposal-id')).toBe(initialProposals[0].id)
    expect(setSize('missing-zwnj')).toBe(COUNT)
    // The list is as tall as all its items, so the scroll bar is true to its length.
    const itemHeight = Number(/translateY\(([\d.]+)px\)/.exec(items[1].style.transform)![1])
    expect(itemHeight).toBeGreaterThan(0)
    expect(parseFloat(group('missing-zwnj').querySelector<HTMLElement>('.cleanup-items')!.style.height)).toBe(COUNT * itemHeight)

    // jsdom lays nothing out: the panel is the scrolling element there, and the list moves up
    // by what it scrolls, as it would in a browser.
    const scroller = view.container.querySelector<HTMLElement>('.cleanup-panel')!
    const list = group('missing-zwnj').querySelector<HTMLElement>('.cleanup-items')!
    list.getBoundingClientRect = () => ({ ...new DOMRect(0, -scroller.scrollTop, 300, COUNT * itemHeight), toJSON: () => ({}) })
    Object.defineProperty(scroller, 'scrollTop', { configurable: true, value: 10_000 * itemHeight })
    fireEvent.scroll(scroller)
    await waitFor(() => expect(itemsIn('missing-zwnj').some((item) => item.getAttribute('data-index') === '10000')).toBe(true))
    const middle = itemsIn('missing-zwnj').find((item) => item.getAttribute('data-index') === '10000')!
    expect(middle.getAttribute('data-proposal-id')).toBe(initialProposals[10_000].id)
    expect(middle.querySelector('.cleanup-meta')!.textContent).toBe('Row 10001')
    expect(itemsIn('missing-zwnj').length).toBeLessThan(200)
    expect(itemsIn('missing-zwnj').some((item) => item.getAttribute('data-index') === '0')).toBe(false)
  })

  it('accepts and dismisses single items, and all of them at once', { timeout: 60_000 }, async () => {
    const applied: DocumentEditState[] = []
    const fake = cleanupApi(longDocument())
    const { api, initialProposals } = fake
    render(<Harness api={api} doc={fake.current()} onApplied={(state) => applied.push(state)} />)
    await screen.findByRole('button', { name: `Accept all ${COUNT} fixes: Missing zero-width non-joiners` })

    fireEvent.click(within(itemsIn('missing-zwnj')[0]).getByRole('button', { name: /^Accept fix/ }))
    await waitFor(() => expect(setSize('missing-zwnj')).toBe(COUNT - 1))
    expect(api.applyCleanup).toHaveBeenCalledWith({ documentId: 'doc1', proposalIds: [initialProposals[0].id] })
    expect(applied[0].document.rows[0].source[0].text).toContain(`کتاب${ZWNJ}ها`)
    expect(itemsIn('missing-zwnj')[0].getAttribute('data-proposal-id')).toBe(initialProposals[1].id)

    fireEvent.click(within(itemsIn('missing-zwnj')[0]).getByRole('button', { name: /^Dismiss fix/ }))
    await waitFor(() => expect(setSize('missing-zwnj')).toBe(COUNT - 2))
    expect(api.dismissCleanup).toHaveBeenCalledWith({ documentId: 'doc1', proposalIds: [initialProposals[1].id] })
    expect(itemsIn('missing-zwnj')[0].getAttribute('data-proposal-id')).toBe(initialProposals[2].id)

    fireEvent.click(screen.getByRole('button', { name: `Accept all ${COUNT - 2} fixes: Missing zero-width non-joiners` }))
    await waitFor(() => expect(screen.getByText('No problems found in the Persian text.')).toBeTruthy(), { timeout: 30_000 })
    expect(api.applyCleanup).toHaveBeenLastCalledWith({ documentId: 'doc1', proposalIds: initialProposals.slice(2).map((p) => p.id) })
    expect(fake.current().dismissedCleanup).toEqual([initialProposals[1].id])
  })
})

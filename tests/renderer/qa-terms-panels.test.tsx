import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createDocument, setRowTarget } from '../../src/core/model'
import { runQa } from '../../src/core/qa/runner'
import type { Term } from '../../src/core/terms/model'
import { QaPanel } from '../../src/renderer/src/features/editor/QaPanel'
import { TermsPanel } from '../../src/renderer/src/features/editor/TermsPanel'
import { findMisspellings, loadSpeller, setSpellingVariant, spellingVariant } from '../../src/renderer/src/features/editor/spelling'
import { useQa } from '../../src/renderer/src/features/editor/useQa'
import type { HamtaApi } from '../../src/shared/contract'
import { fakeApi } from './fake-api'

afterEach(cleanup)

function documentWithFindings() {
  const doc = createDocument({
    id: 'doc1',
    now: 'now',
    fileName: 'a.txt',
    encoding: 'UTF-8',
    originalText: 'x',
    paragraphs: [{ sentences: ['او رفت.', 'سه نفر آمدند.'] }]
  })
  return setRowTarget(setRowTarget(doc, 'r1', 'He left', 'now'), 'r2', 'Four people  came.', 'now')
}

function withQa(api: HamtaApi) {
  const doc = documentWithFindings()
  const silenced = new Set<string>()
  api.runQa = vi.fn(async ({ rowIds }) => runQa(doc, { rowIds, silenced }))
  api.silenceFindings = vi.fn(async ({ findingIds, silenced: on }) => {
    for (const id of findingIds) if (on) silenced.add(id)
    return { silenced: [...silenced] }
  })
  api.exportQaReport = vi.fn(async () => ({ fileName: 'a-qa.csv', mimeType: 'text/csv', content: 'row', encoding: 'utf8' as const }))
  return doc
}

function QaHarness({ api, onJump, onFix }: { api: HamtaApi; onJump: (rowId: string) => void; onFix: (target: string) => void }) {
  const qa = useQa(api, 'doc1', () => undefined)
  return <QaPanel api={api} documentId="doc1" qa={qa} onJump={onJump} onFix={(finding) => onFix(finding.fix!.target)} onError={() => undefined} />
}

describe('the QA panel', () => {
  it('checks the document, lists findings by check, jumps, fixes and silences', async () => {
    const { api } = fakeApi()
    withQa(api)
    const onJump = vi.fn()
    const onFix = vi.fn()
    render(<QaHarness api={api} onJump={onJump} onFix={onFix} />)
    fireEvent.click(screen.getByRole('button', { name: 'Check the document' }))
    await waitFor(() => expect(screen.getAllByRole('listitem').length).toBeGreaterThan(0))
    const items = screen.getAllByRole('listitem')
    expect(items.map((item) => item.getAttribute('data-check'))).toEqual(['punctuation', 'number', 'number', 'whitespace'])
    fireEvent.click(within(items[0]).getByRole('button', { name: 'Go to row 1' }))
    expect(onJump).toHaveBeenCalledWith('r1')
    fireEvent.click(within(items[0]).getByRole('button', { name: 'Add “.”' }))
    expect(onFix).toHaveBeenCalledWith('He left.')

    fireEvent.change(screen.getByRole('combobox', { name: /Check/ }), { target: { value: 'number' } })
    expect(screen.getAllByRole('listitem')).toHaveLength(2)
    await act(async () => fireEvent.click(within(screen.getAllByRole('listitem')[0]).getByRole('button', { name: 'Not an error' })))
    expect(api.silenceFindings).toHaveBeenCalledWith({ documentId: 'doc1', findingIds: ['number:r2:missing:3'], silenced: true })
    expect(screen.getAllByRole('listitem')).toHaveLength(1)
    expect(screen.getByRole('option', { name: 'Numbers (1)' })).toBeTruthy()
  })
})

describe('English spelling', () => {
  afterEach(() => setSpellingVariant('en-US'))

  it('is American until British is chosen, which the library keeps and the editor spells by', async () => {
    const { api } = fakeApi()
    withQa(api)
    render(<QaHarness api={api} onJump={() => undefined} onFix={() => undefined} />)
    const choice = screen.getByRole('combobox', { name: /English spelling/ }) as HTMLSelectElement
    await waitFor(() => expect(api.getQaSettings).toHaveBeenCalled())
    expect(choice.value).toBe('en-US')
    await act(async () => fireEvent.change(choice, { target: { value: 'en-GB' } }))
    expect(api.updateQaSettings).toHaveBeenCalledWith({ spelling: 'en-GB' })
    expect(spellingVariant()).toBe('en-GB')
    expect(choice.value).toBe('en-GB')
  })

  it('underlines colour and organise in American English only', async () => {
    const text = 'The organisation chose the colour of its flag.'
    expect(findMisspellings(text, await loadSpeller('en-US')).map((item) => item.word)).toEqual(['organisation', 'colour'])
    expect(findMisspellings(text, await loadSpeller('en-GB'))).toEqual([])
    expect(findMisspellings('They chose the color of the flag.', await loadSpeller('en-GB')).map((item) => item.word)).toEqual(['color'])
  })
})

describe('the Terms panel', () => {
  const president: Term = {
    id: 't1',
    fa: 'رئیس جمهور',
    en: 'president',
    alternatives: ['head of state'],
    forbidden: ['chairman'],
    status: 'preferred',
    createdAt: '',
    updatedAt: ''
  }

  it('shows the row’s terms and placeables and puts their English into the row', async () => {
    const { api } = fakeApi()
    api.getTerms = vi.fn(async () => [president])
    const row = createDocument({
      id: 'd',
      now: 'n',
      fileName: 'a',
      encoding: 'UTF-8',
      originalText: 'x',
      paragraphs: [{ sentences: ['رئیس‌جمهور در ۲۵ آبان ۱۴۰۳ به www.tpo.ir سر زد.'] }]
    }).rows[0]
    const onInsert = vi.fn()
    render(<TermsPanel api={api} row={row} draft={null} onDraft={() => undefined} onInsert={onInsert} onError={() => undefined} />)
    await waitFor(() => expect(screen.getByRole('button', { name: 'president' })).toBeTruthy())
    fireEvent.click(screen.getByRole('button', { name: 'president' }))
    fireEvent.click(screen.getByRole('button', { name: '15 November 2024' }))
    fireEvent.click(screen.getByRole('button', { name: 'www.tpo.ir' }))
    expect(onInsert.mock.calls.map((call) => call[0])).toEqual(['president', '15 November 2024', 'www.tpo.ir'])
    expect(screen.getByText(/not chairman/)).toBeTruthy()
  })

  it('adds a term from the selection draft', async () => {
    const { api } = fakeApi()
    const terms: Term[] = []
    api.getTerms = vi.fn(async () => [...terms])
    api.addTerm = vi.fn(async ({ fa, en }) => {
      const term = { ...president, id: 't2', fa, en }
      terms.push(term)
      return term
    })
    const onDraft = vi.fn()
    render(
      <TermsPanel
        api={api}
        row={undefined}
        draft={{ fa: 'خط آهن', en: 'railway' }}
        onDraft={onDraft}
        onInsert={() => undefined}
        onError={() => undefined}
      />
    )
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Add' })))
    expect(api.addTerm).toHaveBeenCalledWith({ fa: 'خط آهن', en: 'railway' })
    await waitFor(() => expect(screen.getByText('1 terms in the library.')).toBeTruthy())
    expect(onDraft).toHaveBeenCalledWith(null)
  })
})

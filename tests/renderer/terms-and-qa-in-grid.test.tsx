import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createDocument, setRowTarget } from '../../src/core/model'
import { runQa } from '../../src/core/qa/runner'
import { TermMatcher } from '../../src/core/terms/matcher'
import type { Term } from '../../src/core/terms/model'
import { EditorView } from '../../src/renderer/src/features/editor/EditorView'
import { nextTermEnglish, termMarks } from '../../src/renderer/src/features/editor/useTermbase'
import { fakeApi } from './fake-api'

afterEach(cleanup)

function term(id: string, fa: string, en: string, extra: Partial<Term> = {}): Term {
  return { id, fa, en, alternatives: [], forbidden: [], status: 'preferred', createdAt: '', updatedAt: '', ...extra }
}

const president = term('t1', 'رئیس جمهور', 'president', { alternatives: ['head of state'] })
const railway = term('t2', 'راه آهن', 'railway')

function newsDocument() {
  const doc = createDocument({
    id: 'doc1',
    now: 'now',
    fileName: 'a.txt',
    encoding: 'UTF-8',
    originalText: 'x',
    paragraphs: [{ sentences: ['رئیس‌جمهوری گفت که سه نفر آمدند.', 'راه‌آهن‌های کشور ۲۰ قطار دارد.', 'او رفت.', 'چهار نفر ماندند.'] }]
  })
  return setRowTarget(setRowTarget(doc, 'r2', 'The railways have 30 trains.', 'now'), 'r4', 'Five people stayed.', 'now')
}

describe('term marks', () => {
  it('finds inflected terms once per text and termbase, with the English for the hover', () => {
    const matcher = new TermMatcher([president, railway])
    const marks = termMarks(matcher, 'رئیس‌جمهوری گفت که راه‌آهن‌های کشور')
    expect(marks.map((mark) => mark.title)).toEqual(['Term: president (or head of state)', 'Term: railway'])
    expect(termMarks(matcher, 'رئیس‌جمهوری گفت که راه‌آهن‌های کشور')).toBe(marks)
    expect(termMarks(null, 'رئیس‌جمهوری')).toEqual([])
  })

  it('picks the first term the English lacks, any accepted rendering counting as there', () => {
    const matcher = new TermMatcher([president, railway])
    const source = 'رئیس‌جمهور از راه‌آهن بازدید کرد.'
    expect(nextTermEnglish(matcher, source, '')).toBe('president')
    expect(nextTermEnglish(matcher, source, 'The head of state visited')).toBe('railway')
    expect(nextTermEnglish(matcher, source, 'The President visited the railways')).toBeNull()
    expect(nextTermEnglish(null, source, '')).toBeNull()
  })
})

describe('terms and QA findings in the grid', () => {
  function renderEditor() {
    const doc = newsDocument()
    const fake = fakeApi([doc])
    fake.api.getTerms = vi.fn(async () => [president, railway])
    fake.api.runQa = vi.fn(async ({ rowIds }) => runQa(fake.docs.get('doc1')!, { rowIds, checks: ['number'] }))
    const view = render(
      <EditorView api={fake.api} documentId="doc1" onClose={() => {}} onError={(message) => expect.fail(message)} menuCommand={null} />
    )
    return { ...fake, view }
  }

  it('underlines terms in the Persian, also inside search highlighting', async () => {
    const { view } = renderEditor()
    await waitFor(() => expect(view.container.querySelectorAll('.cell.source .term-hit')).toHaveLength(2))
    const hits = [...view.container.querySelectorAll('.cell.source .term-hit')]
    expect(hits.map((hit) => [hit.textContent, hit.getAttribute('title')])).toEqual([
      ['رئیس‌جمهوری', 'Term: president (or head of state)'],
      ['راه‌آهن‌های', 'Term: railway']
    ])
    fireEvent.change(screen.getByLabelText('Search both languages'), { target: { value: 'آهن' } })
    await waitFor(() => expect(view.container.querySelector('.cell.source mark.search-match .term-hit')?.textContent).toBe('آهن'))
    expect(view.container.querySelector('.row[data-row-id="r2"] .cell.source')?.textContent).toBe('راه‌آهن‌های کشور ۲۰ قطار دارد.')
  })

  it('puts the active row’s missing term into the English with Ctrl+Shift+E', async () => {
    const { view } = renderEditor()
    await waitFor(() => expect(view.container.querySelectorAll('.term-hit')).toHaveLength(2))
    const editor = view.container.querySelector('.row.active [contenteditable="true"]') as HTMLElement
    expect(editor).toBeTruthy()
    fireEvent.keyDown(window, { key: 'E', code: 'KeyE', ctrlKey: true, shiftKey: true })
    await waitFor(() => expect(editor.textContent).toBe('president'))
    fireEvent.keyDown(window, { key: 'E', code: 'KeyE', ctrlKey: true, shiftKey: true })
    expect(await screen.findByText('The English has every term of this row.')).toBeTruthy()
    expect(editor.textContent).toBe('president')
  })

  it('filters the grid to the rows with findings of a check, and F7 goes to the next one', async () => {
    const { view } = renderEditor()
    await screen.findByText('او رفت.')
    fireEvent.click(screen.getByRole('tab', { name: 'QA' }))
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Check the document' })))
    await waitFor(() => expect(view.container.querySelectorAll('.qa-finding').length).toBe(4))
    const shownRows = () => [...view.container.querySelectorAll('.row[data-row-id]')].map((row) => row.getAttribute('data-row-id'))

    // Without a filter, F7 goes from row 1 to the next row with a finding.
    fireEvent.keyDown(window, { key: 'F7' })
    expect(view.container.querySelector('.row.active')?.getAttribute('data-row-id')).toBe('r2')
    fireEvent.keyDown(window, { key: 'F7' })
    expect(view.container.querySelector('.row.active')?.getAttribute('data-row-id')).toBe('r4')

    fireEvent.change(screen.getByRole('combobox', { name: /Check/ }), { target: { value: 'number' } })
    fireEvent.click(screen.getByLabelText(/Only these rows in the grid/))
    await waitFor(() => expect(shownRows()).toEqual(['r2', 'r4']))
    expect((screen.getByLabelText('Show rows') as HTMLSelectElement).selectedOptions[0].textContent).toBe('QA: Numbers')
    expect(screen.getByText('2 of 4 rows')).toBeTruthy()

    fireEvent.click(screen.getByRole('button', { name: 'Clear' }))
    await waitFor(() => expect(shownRows()).toHaveLength(4))
    expect((screen.getByLabelText(/Only these rows in the grid/) as HTMLInputElement).checked).toBe(false)
  })
})

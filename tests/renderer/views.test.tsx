import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { EditorView } from '../../src/renderer/src/features/editor/EditorView'
import { LibraryView } from '../../src/renderer/src/features/library/LibraryView'
import { createDocument, setRowTarget } from '../../src/core/model'
import { fakeApi, threeSentenceDocument } from './fake-api'

afterEach(cleanup)

describe('LibraryView', () => {
  it('offers the sample articles when the library is empty', async () => {
    const { api } = fakeApi()
    render(
      <LibraryView api={api} refreshKey={0} onOpen={() => {}} onImport={() => {}} onImportPair={() => {}} onPaste={() => {}} onError={() => {}} />
    )
    expect(await screen.findByText('Try a sample article')).toBeTruthy()
    const title = screen.getByText('نمونه اول')
    expect(title.getAttribute('dir')).toBe('rtl')
    expect(title.getAttribute('lang')).toBe('fa')
  })

  it('lists documents with sentence counts and progress', async () => {
    const { api } = fakeApi([threeSentenceDocument()])
    let opened = ''
    render(
      <LibraryView
        api={api}
        refreshKey={0}
        onOpen={(id) => (opened = id)}
        onImport={() => {}}
        onImportPair={() => {}}
        onPaste={() => {}}
        onError={() => {}}
      />
    )
    const open = await screen.findByRole('button', { name: 'عنوان' })
    const row = open.closest('tr')!
    expect(row.textContent).toContain('3')
    expect(row.textContent).toContain('0%')
    fireEvent.click(open)
    expect(opened).toBe('doc1')
  })
})

describe('EditorView', () => {
  function renderEditor() {
    const fake = fakeApi([threeSentenceDocument()])
    const errors: string[] = []
    const view = render(<EditorView api={fake.api} documentId="doc1" onClose={() => {}} onError={(m) => errors.push(m)} menuCommand={null} />)
    return { ...fake, errors, view }
  }

  it('shows each Persian sentence right to left on its own row beside the English cell', async () => {
    const { view } = renderEditor()
    await screen.findByText('جمله اول.')
    const rows = view.container.querySelectorAll('.row[data-row-id]')
    expect(rows).toHaveLength(3)
    for (const row of rows) {
      const source = row.querySelector('.cell.source')!
      expect(source.getAttribute('dir')).toBe('rtl')
      expect(source.getAttribute('lang')).toBe('fa')
      expect(row.querySelector('.cell.target')).toBeTruthy()
    }
    expect(view.container.querySelector('.row.active')?.getAttribute('data-row-id')).toBe('r1')
    expect(view.container.querySelector('[data-testid="target-editor"]')).toBeTruthy()
  })

  it('activates the row whose Persian sentence is clicked, with Alt+arrows moving between rows', async () => {
    const { view } = renderEditor()
    fireEvent.click(await screen.findByText('جمله دوم.'))
    expect(view.container.querySelector('.row.active')?.getAttribute('data-row-id')).toBe('r3')
    fireEvent.keyDown(window, { key: 'ArrowUp', altKey: true })
    expect(view.container.querySelector('.row.active')?.getAttribute('data-row-id')).toBe('r2')
    fireEvent.keyDown(window, { key: 'ArrowUp', altKey: true })
    fireEvent.keyDown(window, { key: 'ArrowUp', altKey: true })
    expect(view.container.querySelector('.row.active')?.getAttribute('data-row-id')).toBe('r1')
  })

  it('refuses to mark an empty row translated and says why', async () => {
    const { api, view } = renderEditor()
    await screen.findByText('جمله اول.')
    fireEvent.keyDown(window, { key: 'Enter', ctrlKey: true })
    expect(await screen.findByText(/Type a translation before marking/)).toBeTruthy()
    expect(api.setRowStatus).not.toHaveBeenCalled()
    expect(view.container.querySelector('.row.active')?.getAttribute('data-row-id')).toBe('r1')
  })

  it('marks a translated row with Ctrl+Enter, saves it, and moves on', async () => {
    const { api, docs, view } = renderEditor()
    await screen.findByText('جمله اول.')
    await act(async () => {
      await api.saveTarget({ documentId: 'doc1', rowId: 'r1', target: 'Title' })
    })
    // Reload the view so it shows the stored text.
    view.unmount()
    const again = render(<EditorView api={api} documentId="doc1" onClose={() => {}} onError={() => {}} menuCommand={null} />)
    await screen.findByText('جمله اول.')
    fireEvent.keyDown(window, { key: 'Enter', ctrlKey: true })
    await waitFor(() => expect(docs.get('doc1')!.rows[0].status).toBe('translated'))
    expect(again.container.querySelector('.row.active')?.getAttribute('data-row-id')).toBe('r2')
    expect(again.container.querySelector('[data-row-id="r1"]')?.getAttribute('data-status')).toBe('translated')
    expect(screen.getByText(/1 \/ 3 translated/)).toBeTruthy()
  })
})

describe('the number check in the editor', () => {
  it('flags a row whose English numbers differ from the Persian, and filters to such rows', async () => {
    const base = createDocument({
      id: 'doc1',
      now: 'now',
      fileName: 'a.txt',
      encoding: 'UTF-8',
      originalText: 'x',
      paragraphs: [{ sentences: ['در سال ۲۰۲۰ بود.', 'حدود یک میلیارد و ۲۰۰ میلیون نفر.'] }]
    })
    const doc = setRowTarget(setRowTarget(base, 'r1', 'It was in 2021.', 'now'), 'r2', 'About 1.2 billion people.', 'now')
    const fake = fakeApi([doc])
    const view = render(<EditorView api={fake.api} documentId="doc1" onClose={() => {}} onError={() => {}} menuCommand={null} />)
    await screen.findAllByText('در سال ۲۰۲۰ بود.')
    const warnings = view.container.querySelectorAll('.number-warning')
    expect(warnings).toHaveLength(1)
    expect(warnings[0].closest('.row')?.getAttribute('data-row-id')).toBe('r1')
    expect(warnings[0].getAttribute('title')).toBe('In the Persian, not the English: 2,020\nIn the English, not the Persian: 2,021')
    fireEvent.change(screen.getByLabelText('Show rows'), { target: { value: 'numbers' } })
    await waitFor(() => expect(view.container.querySelectorAll('.row[data-row-id]')).toHaveLength(1))
  })
})

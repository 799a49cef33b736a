import { cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createDocument, type HamtaDocument, type Row, type RowStatus } from '../../src/core/model'
import type { RowQuery } from '../../src/core/review/filters'
import * as overviewModule from '../../src/core/review/overview'
import { DEFAULT_PALETTE, type TagDefinition } from '../../src/core/review/palette'
import { OverviewPanel } from '../../src/renderer/src/features/editor/OverviewPanel'

vi.mock('../../src/core/review/overview', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/core/review/overview')>()
  return { ...actual, documentOverview: vi.fn(actual.documentOverview) }
})

afterEach(cleanup)

const palette: TagDefinition[] = [...DEFAULT_PALETTE]
const NOW = '2026-01-01T00:00:00.000Z'

function span(id: string, tag: string) {
  return { id, tag, start: 0, end: 2 }
}

/** Seven rows in every status, with tags, comments and an aligned translation. */
function reviewedDocument(): HamtaDocument {
  const doc = createDocument({
    id: 'doc1',
    now: NOW,
    fileName: 'a.txt',
    encoding: 'UTF-8',
    originalText: 'x',
    paragraphs: [{ sentences: ['یک.', 'دو.', 'سه.', 'چهار.', 'پنج.', 'شش.', 'انتهای پیام/'] }]
  })
  const statuses: RowStatus[] = ['untranslated', 'draft', 'draft', 'translated', 'reviewed', 'approved', 'untranslated']
  const edits: Array<Partial<Row>> = [
    { alignment: { status: 'auto', confidence: 0.4 }, tags: ['needs-review'] },
    { alignment: { status: 'auto', confidence: 0.95 }, targetSpans: [span('t1', 'person')] },
    { alignment: { status: 'flagged', confidence: 0.3 }, comments: [{ id: 'c1', author: 'A', text: 'Check', createdAt: NOW, resolved: false }] },
    {
      alignment: { status: 'confirmed' },
      comments: [
        { id: 'c2', author: 'A', text: 'Fine', createdAt: NOW, resolved: true },
        { id: 'c3', author: 'A', text: 'And?', createdAt: NOW, resolved: false }
      ]
    },
    { alignment: { status: 'confirmed' }, tags: ['old-tag'] },
    { alignment: { status: 'auto', confidence: 0.7 } },
    { doNotTranslate: true }
  ]
  const rows = doc.rows.map((row, index) => ({ ...row, status: statuses[index], target: index === 0 ? '' : 'English.', ...edits[index] }))
  // Persian spans on the second row: a person twice.
  rows[1] = { ...rows[1], source: [{ ...rows[1].source[0], spans: [span('s1', 'person'), span('s2', 'person')] }] }
  return { ...doc, rows }
}

function renderOverview(doc = reviewedDocument()) {
  const queries: RowQuery[] = []
  const view = render(<OverviewPanel doc={doc} palette={palette} onFilter={(query) => queries.push(query)} />)
  return { queries, view, doc }
}

/** A figure's button, found by the sentence that describes it (its name is what it shows). */
function countButton(description: RegExp): HTMLElement {
  return screen.getByRole('button', { description })
}

describe('OverviewPanel', () => {
  it('counts rows by status, leaving out rows not for translation, and filters by status', () => {
    const { queries } = renderOverview()
    expect(screen.getByText('7 rows · 7 sentences')).toBeTruthy()
    expect(countButton(/^Untranslated: 1 row\./).textContent).toContain('1')
    expect(countButton(/^Draft: 2 rows\./).textContent).toContain('2')
    expect(countButton(/^Translated: 1 row\./)).toBeTruthy()
    expect(countButton(/^Reviewed: 1 row\./)).toBeTruthy()
    expect(countButton(/^Approved: 1 row\./)).toBeTruthy()
    const rejected = countButton(/^Rejected: 0 rows\./)
    expect(rejected.hasAttribute('disabled')).toBe(true)
    expect(screen.getByText(/1 row not for translation/)).toBeTruthy()
    // Done: translated, reviewed and approved, of the six rows to translate.
    expect(screen.getByText(/50% done · 33% reviewed · 17% approved/)).toBeTruthy()

    fireEvent.click(countButton(/^Draft: 2 rows\./))
    fireEvent.click(countButton(/^Approved: 1 row\./))
    expect(queries).toEqual([{ statuses: ['draft'] }, { statuses: ['approved'] }])
  })

  it('draws a stacked bar with each status its share and colour', () => {
    const { view } = renderOverview()
    const bar = view.container.querySelector('.overview-bar')!
    expect(bar.getAttribute('aria-label')).toBe('Untranslated 1, Draft 2, Translated 1, Reviewed 1, Approved 1')
    const segments = [...bar.children] as HTMLElement[]
    expect(segments.map((segment) => segment.className)).toEqual([
      'overview-status-untranslated',
      'overview-status-draft',
      'overview-status-translated',
      'overview-status-reviewed',
      'overview-status-approved'
    ])
    expect(parseFloat(segments[1].style.width)).toBeCloseTo((2 / 6) * 100, 3)
  })

  it('lists the tags in use with their colour, readable text and counts, and filters by tag', () => {
    const { queries } = renderOverview()
    const person = countButton(/^Person: 0 row tags, 2 Persian spans, 1 English span\. Show the 1 row\.$/)
    const chip = person.querySelector<HTMLElement>('.overview-tag-chip')!
    expect(chip.textContent).toBe('Person')
    expect(chip.style.background).toBe('rgb(0, 114, 178)')
    expect(chip.style.color).toBe('rgb(255, 255, 255)')
    expect(within(person).getByText('2 fa')).toBeTruthy()
    expect(within(person).getByText('1 en')).toBeTruthy()

    const needsReview = countButton(/^Needs review: 1 row tag, 0 Persian spans, 0 English spans\./)
    // Yellow is light: its name is written in black.
    expect(needsReview.querySelector<HTMLElement>('.overview-tag-chip')!.style.color).toBe('rgb(0, 0, 0)')

    // A tag the document uses but the palette lost still counts, on a neutral chip.
    const old = countButton(/^old-tag \(no longer in the palette\)/)
    expect(old.querySelector('.overview-tag-chip.unknown')).toBeTruthy()

    expect(screen.getByText(/^Not used: Organization, Place, Date\/Number, Term, Quote$/)).toBeTruthy()
    fireEvent.click(person)
    fireEvent.click(old)
    expect(queries).toEqual([{ tags: ['person'] }, { tags: ['old-tag'] }])
  })

  it('counts open and resolved comments and filters by them', () => {
    const { queries } = renderOverview()
    const open = countButton(/^2 open comments in 2 rows\./)
    expect(open.textContent).toContain('Open (2 rows)')
    const resolved = countButton(/^1 resolved comment\./)
    fireEvent.click(open)
    fireEvent.click(resolved)
    expect(queries).toEqual([{ comments: 'open' }, { comments: 'resolved' }])
  })

  it('shows the alignment figures of an aligned document and filters by them', () => {
    const { queries } = renderOverview()
    expect(screen.getByRole('heading', { name: 'Alignment' })).toBeTruthy()
    expect(countButton(/^3 rows aligned automatically/)).toBeTruthy()
    expect(countButton(/^2 rows with a confirmed alignment/)).toBeTruthy()
    const flagged = countButton(/^1 row with a flagged alignment/)
    const low = countButton(/^2 rows the aligner is unsure of \(below 60%\)/)
    expect(screen.getByText('1 row without alignment.')).toBeTruthy()
    fireEvent.click(flagged)
    fireEvent.click(low)
    fireEvent.click(countButton(/^3 rows aligned automatically/))
    fireEvent.click(screen.getByRole('button', { name: 'Show all rows' }))
    expect(queries).toEqual([{ alignment: ['flagged'] }, { confidenceBelow: 0.6 }, { alignment: ['auto'] }, {}])
  })

  it('leaves out alignment and tags it does not have in a fresh document', () => {
    const doc = createDocument({
      id: 'd',
      now: NOW,
      fileName: 'a.txt',
      encoding: 'UTF-8',
      originalText: 'x',
      paragraphs: [{ sentences: ['یک.', 'دو.'] }]
    })
    renderOverview(doc)
    expect(screen.queryByRole('heading', { name: 'Alignment' })).toBeNull()
    expect(screen.getByText('No tags used yet.')).toBeTruthy()
    expect(countButton(/^Untranslated: 2 rows\./).hasAttribute('disabled')).toBe(false)
    expect(countButton(/^0 open comments/).hasAttribute('disabled')).toBe(true)
    expect(screen.getByText(/0% done/)).toBeTruthy()
  })

  it('counts once per document version, not on every render', () => {
    const counted = vi.mocked(overviewModule.documentOverview)
    counted.mockClear()
    const doc = reviewedDocument()
    const view = render(<OverviewPanel doc={doc} palette={palette} onFilter={() => {}} />)
    view.rerender(<OverviewPanel doc={doc} palette={palette} onFilter={() => {}} />)
    // The editor may wrap the same rows in a new document object.
    view.rerender(<OverviewPanel doc={{ ...doc, rows: doc.rows }} palette={palette} onFilter={() => {}} />)
    expect(counted).toHaveBeenCalledTimes(1)
    const next = { ...doc, rows: doc.rows.map((row, index) => (index === 0 ? { ...row, status: 'draft' as const, target: 'One.' } : row)) }
    view.rerender(<OverviewPanel doc={next} palette={palette} onFilter={() => {}} />)
    expect(counted).toHaveBeenCalledTimes(2)
    expect(countButton(/^Draft: 3 rows\./)).toBeTruthy()
  })
})

import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { resolveConflict } from '../../src/core/merge'
import { setRowTarget, type HamtaDocument, type RowConflict } from '../../src/core/model'
import { EditorView } from '../../src/renderer/src/features/editor/EditorView'
import { RowConflicts } from '../../src/renderer/src/features/editor/RowConflicts'
import { SyncIndicator } from '../../src/renderer/src/features/team/SyncIndicator'
import type { TeamStatusInfo } from '../../src/shared/team-contract'
import { fakeApi, threeSentenceDocument } from './fake-api'

afterEach(cleanup)

const conflict: RowConflict = {
  id: 'xabc123',
  field: 'target',
  ours: { value: 'Reza’s title', author: 'reza', at: '2026-01-02T10:00:00.000Z' },
  theirs: { value: 'Maryam’s title', author: 'maryam', at: '2026-01-02T09:30:00.000Z' },
  detectedAt: '2026-01-02T10:05:00.000Z'
}

function documentWithConflict(): HamtaDocument {
  const doc = setRowTarget(threeSentenceDocument(), 'r1', 'Reza’s title', '2026-01-02T10:00:00.000Z')
  return { ...doc, rows: doc.rows.map((row) => (row.id === 'r1' ? { ...row, conflicts: [conflict] } : row)) }
}

function status(change: Partial<TeamStatusInfo> = {}): TeamStatusInfo {
  return {
    state: 'synced',
    remote: 'https://git.example.org/team.git',
    syncing: false,
    openConflicts: 0,
    credentials: 'keychain',
    revisions: {},
    ...change
  }
}

describe('the conflict box of the Row tab', () => {
  it('shows both versions with who and when, and keeps the one clicked', () => {
    const onKeep = vi.fn()
    const doc = documentWithConflict()
    render(<RowConflicts row={doc.rows[0]} onKeep={onKeep} />)
    const box = screen.getByRole('region', { name: 'Conflicts' })
    expect(box.textContent).toContain('Conflict: changed on two computers')
    expect(box.textContent).toContain('English')
    const reza = box.querySelector('[data-side="ours"]')!
    const maryam = box.querySelector('[data-side="theirs"]')!
    expect(reza.textContent).toContain('reza')
    expect(reza.textContent).toContain('Reza’s title')
    expect(reza.querySelector('time')!.getAttribute('dateTime')).toBe('2026-01-02T10:00:00.000Z')
    expect(maryam.textContent).toContain('maryam')
    expect(maryam.textContent).toContain('Maryam’s title')
    fireEvent.click(within(box).getByRole('button', { name: 'Keep this: maryam’s version' }))
    expect(onKeep).toHaveBeenCalledWith('xabc123', 'theirs')
  })

  it('is resolved from the editor with one click, and the header tells the sync state in words', async () => {
    const { api, docs } = fakeApi([documentWithConflict()])
    let team = status({ state: 'conflict', openConflicts: 1 })
    api.teamStatus = vi.fn(async () => team)
    api.resolveConflict = vi.fn(async ({ documentId, rowId, conflictId, choice }) => {
      const next = resolveConflict(docs.get(documentId)!, rowId, conflictId, choice, '2026-01-03T00:00:00.000Z')
      docs.set(documentId, next)
      team = status()
      return { document: next, canUndo: true, canRedo: false }
    })
    const view = render(<EditorView api={api} documentId="doc1" onClose={() => {}} onError={() => {}} menuCommand={null} />)
    const indicator = await screen.findByTestId('sync-state')
    await waitFor(() => expect(indicator.textContent).toContain('1 conflict'))
    expect(indicator.textContent).toContain('⚠')
    const box = await screen.findByRole('region', { name: 'Conflicts' })
    fireEvent.click(within(box).getByRole('button', { name: 'Keep this: maryam’s version' }))
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Conflicts' })).toBeNull())
    expect(api.resolveConflict).toHaveBeenCalledWith({ documentId: 'doc1', rowId: 'r1', conflictId: 'xabc123', choice: 'theirs' })
    expect(docs.get('doc1')!.rows[0].target).toBe('Maryam’s title')
    expect(view.container.querySelector('[data-testid="target-editor"]')?.textContent).toContain('Maryam’s title')
  })

  it('reloads the open document when a sync changed it', async () => {
    const { api, docs } = fakeApi([threeSentenceDocument()])
    let team = status()
    api.teamStatus = vi.fn(async () => team)
    render(<EditorView api={api} documentId="doc1" onClose={() => {}} onError={() => {}} menuCommand={null} />)
    await screen.findByText('جمله اول.')
    await waitFor(() => expect(api.teamStatus).toHaveBeenCalled())
    docs.set('doc1', setRowTarget(docs.get('doc1')!, 'r3', 'From the team.', '2026-01-04T00:00:00.000Z'))
    team = status({ revisions: { doc1: 1 } })
    await act(async () => {
      window.dispatchEvent(new Event('focus'))
    })
    expect(await screen.findByText('From the team.')).toBeTruthy()
  })
})

describe('the sync state', () => {
  it('says each state in words with its own sign, and syncs on demand', async () => {
    const { api } = fakeApi()
    const states: Array<[TeamStatusInfo['state'], string, string]> = [
      ['synced', '✓', 'Synced'],
      ['ahead', '↑', 'Changes to send'],
      ['behind', '↓', 'Team changes to receive'],
      ['offline', '⚠', 'Offline: changes kept here'],
      ['error', '✕', 'Sync failed']
    ]
    for (const [state, icon, words] of states) {
      const view = render(<SyncIndicator api={api} status={status({ state })} onStatus={() => {}} onError={() => {}} />)
      const shown = view.getByRole('status')
      expect(shown.textContent).toContain(icon)
      expect(shown.textContent).toContain(words)
      view.unmount()
    }
    const { container } = render(<SyncIndicator api={api} status={status({ state: 'unshared' })} onStatus={() => {}} onError={() => {}} />)
    expect(container.textContent).toBe('')
    const onStatus = vi.fn()
    api.teamSyncNow = vi.fn(async () => ({ pulled: 1, pushed: 0, conflicts: 0, status: status() }))
    render(<SyncIndicator api={api} status={status({ state: 'behind' })} onStatus={onStatus} onError={() => {}} />)
    fireEvent.click(screen.getByRole('button', { name: 'Sync now' }))
    await waitFor(() => expect(onStatus).toHaveBeenCalledWith(expect.objectContaining({ state: 'synced' })))
  })
})

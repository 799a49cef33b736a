import { describe, expect, it } from 'vitest'
import {
  addComment,
  deleteComment,
  editComment,
  nextCommentId,
  openComments,
  reopenComment,
  resolveComment,
  setReviewStatus,
  statusProblem
} from '../../../src/core/review/comments'
import { setRowTarget, type HamtaDocument } from '../../../src/core/model'
import { deepFreeze, expectSound, later, now, sampleDocument, userError } from './helpers'

const third = '2026-03-03T10:00:00.000Z'

function translated(): HamtaDocument {
  return deepFreeze(setRowTarget(sampleDocument(), 'r1', 'Emphasis on trilateral economic cooperation between Iran, Turkey and Azerbaijan.', now))
}

describe('comment threads', () => {
  it('adds trimmed comments with deterministic ids and stamps the row', () => {
    const doc = sampleDocument()
    const one = expectSound(addComment(doc, 'r2', { author: ' Sara ', text: '  Is "آنا" the agency? ', now: later }))
    expect(one.rows[1].comments).toEqual([{ id: 'c1', author: 'Sara', text: 'Is "آنا" the agency?', createdAt: later, resolved: false }])
    expect(one.rows[1].updatedAt).toBe(later)
    expect(one.updatedAt).toBe(later)
    expect(doc.rows[1].comments).toEqual([])
    const two = expectSound(addComment(one, 'r3', { author: '', text: 'Second', now: later }))
    expect(two.rows[2].comments[0]).toMatchObject({ id: 'c2', author: 'Anonymous' })
    expect(nextCommentId(two)).toBe('c3')
    expect(addComment(two, 'r3', { author: 'A', text: 'Injected', now, id: 'x-1' }).rows[2].comments[1].id).toBe('x-1')
  })

  it('refuses empty text, taken ids and unknown rows', () => {
    const doc = addComment(sampleDocument(), 'r2', { author: 'Sara', text: 'One', now })
    expect(userError(() => addComment(doc, 'r2', { author: 'Sara', text: ' \n ', now })).code).toBe('empty')
    expect(userError(() => addComment(doc, 'r3', { author: 'Sara', text: 'Two', now, id: 'c1' })).code).toBe('duplicate-id')
    expect(userError(() => addComment(doc, 'r99', { author: 'Sara', text: 'Two', now })).code).toBe('not-found')
  })

  it('resolves, reopens, edits and deletes', () => {
    let doc = deepFreeze(addComment(sampleDocument(), 'r2', { author: 'Sara', text: 'Check the name.', now }))
    doc = expectSound(resolveComment(doc, 'r2', 'c1', later))
    expect(doc.rows[1].comments[0]).toMatchObject({ resolved: true, resolvedAt: later })
    expect(openComments(doc.rows[1])).toEqual([])
    expect(resolveComment(doc, 'r2', 'c1', third)).toBe(doc)
    doc = expectSound(reopenComment(doc, 'r2', 'c1', third))
    expect(doc.rows[1].comments[0]).toEqual({ id: 'c1', author: 'Sara', text: 'Check the name.', createdAt: now, resolved: false })
    expect(reopenComment(doc, 'r2', 'c1', third)).toBe(doc)
    doc = expectSound(editComment(doc, 'r2', 'c1', '  Check the spelling. ', third))
    expect(doc.rows[1].comments[0].text).toBe('Check the spelling.')
    expect(doc.rows[1].comments[0].createdAt).toBe(now)
    expect(userError(() => editComment(doc, 'r2', 'c1', '', third)).code).toBe('empty')
    expect(userError(() => resolveComment(doc, 'r3', 'c1', third)).code).toBe('not-found')
    doc = expectSound(deleteComment(doc, 'r2', 'c1', third))
    expect(doc.rows[1].comments).toEqual([])
    expect(userError(() => deleteComment(doc, 'r2', 'c1', third)).code).toBe('not-found')
  })
})

describe('review statuses', () => {
  it('rejecting needs a reason, which becomes an open comment', () => {
    const doc = translated()
    const noReason = userError(() => setReviewStatus(doc, 'r1', 'rejected', { author: 'Reza', now: later }))
    expect(noReason.code).toBe('reason-required')
    expect(userError(() => setReviewStatus(doc, 'r1', 'rejected', { author: 'Reza', now: later, reason: '   ' })).code).toBe('reason-required')
    const rejected = expectSound(setReviewStatus(doc, 'r1', 'rejected', { author: 'Reza', now: later, reason: ' "trilateral" is missing ' }))
    expect(rejected.rows[0].status).toBe('rejected')
    expect(rejected.rows[0].comments).toEqual([
      { id: 'c1', author: 'Reza', text: 'Rejected: "trilateral" is missing', createdAt: later, resolved: false }
    ])
    // Rejecting again records the new reason too.
    const again = expectSound(setReviewStatus(rejected, 'r1', 'rejected', { author: 'Reza', now: third, reason: 'Still wrong.', commentId: 'rej-2' }))
    expect(again.rows[0].comments.map((c) => [c.id, c.text])).toEqual([
      ['c1', 'Rejected: "trilateral" is missing'],
      ['rej-2', 'Rejected: Still wrong.']
    ])
  })

  it('reviewed, approved and translated need English; other moves are free', () => {
    const doc = translated()
    for (const status of ['reviewed', 'approved', 'translated'] as const) {
      expect(userError(() => setReviewStatus(doc, 'r2', status, { author: 'Reza', now: later })).code).toBe('invalid-status')
      expect(statusProblem(doc.rows[1], status)).toContain(status)
    }
    expect(statusProblem(doc.rows[0], 'approved')).toBeNull()
    const approved = expectSound(setReviewStatus(doc, 'r1', 'approved', { author: 'Reza', now: later }))
    expect(approved.rows[0].status).toBe('approved')
    expect(approved.rows[0].comments).toEqual([])
    expect(approved.rows[0].updatedAt).toBe(later)
    const back = expectSound(setReviewStatus(approved, 'r1', 'draft', { author: 'Reza', now: third }))
    expect(back.rows[0].status).toBe('draft')
    expect(setReviewStatus(back, 'r1', 'draft', { author: 'Reza', now: third })).toBe(back)
    // An untranslated row can be rejected (with a reason) or sent back to draft.
    expect(setReviewStatus(doc, 'r2', 'rejected', { author: 'Reza', now: later, reason: 'Wrong alignment.' }).rows[1].status).toBe('rejected')
    expect(setReviewStatus(doc, 'r2', 'draft', { author: 'Reza', now: later }).rows[1].status).toBe('draft')
    expect(userError(() => setReviewStatus(doc, 'r1', 'done' as never, { author: 'Reza', now: later })).code).toBe('invalid-status')
    expect(userError(() => setReviewStatus(doc, 'nope', 'draft', { author: 'Reza', now: later })).code).toBe('not-found')
  })
})

/**
 * Comment threads on rows and the review workflow. Rejecting a row needs a reason, which goes
 * into the row's thread as an open comment so the translator sees why.
 */
import { UserError } from '../errors'
import type { Comment, HamtaDocument, Row, RowStatus } from '../model'
import { ROW_STATUSES } from '../model'
import { findRow, nextId, requireText, updateRow } from './rows'

/** Prefix of generated comment ids (`c1`, `c2`, …). */
export const COMMENT_ID_PREFIX = 'c'
/** Start of the comment that records why a row was rejected. */
export const REJECTION_PREFIX = 'Rejected: '
/** Author shown when the app settings have no name. */
export const ANONYMOUS_AUTHOR = 'Anonymous'

/** Statuses that only make sense for a row with English text. */
const NEEDS_TRANSLATION: ReadonlySet<RowStatus> = new Set(['translated', 'reviewed', 'approved'])

/** A comment id not used anywhere in the document (comments move between rows when rows merge). */
export function nextCommentId(doc: HamtaDocument): string {
  return nextId(
    doc.rows.flatMap((row) => row.comments.map((comment) => comment.id)),
    COMMENT_ID_PREFIX
  )
}

export interface NewComment {
  author: string
  text: string
  now: string
  /** Injected id; by default the next free `cN`. */
  id?: string
}

function buildComment(doc: HamtaDocument, input: NewComment): Comment {
  const text = requireText(input.text, 'A comment')
  let id = input.id
  if (id === undefined) id = nextCommentId(doc)
  else if (!id.trim()) throw new UserError('A comment id cannot be empty.', 'empty')
  else if (doc.rows.some((row) => row.comments.some((comment) => comment.id === id))) {
    throw new UserError(`There is already a comment with id ${id}.`, 'duplicate-id')
  }
  return { id, author: input.author.trim() || ANONYMOUS_AUTHOR, text, createdAt: input.now, resolved: false }
}

/** Adds a comment (text trimmed, not empty) at the end of a row's thread. */
export function addComment(doc: HamtaDocument, rowId: string, input: NewComment): HamtaDocument {
  findRow(doc, rowId)
  const comment = buildComment(doc, input)
  return updateRow(doc, rowId, input.now, (row) => ({ ...row, comments: [...row.comments, comment] }))
}

function updateComment(doc: HamtaDocument, rowId: string, commentId: string, now: string, change: (comment: Comment) => Comment): HamtaDocument {
  return updateRow(doc, rowId, now, (row) => {
    const index = row.comments.findIndex((comment) => comment.id === commentId)
    if (index < 0) throw new UserError(`Row ${rowId} has no comment ${commentId}.`, 'not-found')
    const before = row.comments[index]
    const after = change(before)
    if (after === before) return row
    const comments = row.comments.slice()
    comments[index] = after
    return { ...row, comments }
  })
}

export function resolveComment(doc: HamtaDocument, rowId: string, commentId: string, now: string): HamtaDocument {
  return updateComment(doc, rowId, commentId, now, (comment) => (comment.resolved ? comment : { ...comment, resolved: true, resolvedAt: now }))
}

export function reopenComment(doc: HamtaDocument, rowId: string, commentId: string, now: string): HamtaDocument {
  return updateComment(doc, rowId, commentId, now, (comment) => {
    if (!comment.resolved) return comment
    const { resolvedAt: _resolvedAt, ...rest } = comment
    return { ...rest, resolved: false }
  })
}

/** Replaces a comment's text (trimmed, not empty); author and time stay those of the comment. */
export function editComment(doc: HamtaDocument, rowId: string, commentId: string, text: string, now: string): HamtaDocument {
  const trimmed = requireText(text, 'A comment')
  return updateComment(doc, rowId, commentId, now, (comment) => (comment.text === trimmed ? comment : { ...comment, text: trimmed }))
}

export function deleteComment(doc: HamtaDocument, rowId: string, commentId: string, now: string): HamtaDocument {
  return updateRow(doc, rowId, now, (row) => {
    if (!row.comments.some((comment) => comment.id === commentId)) throw new UserError(`Row ${rowId} has no comment ${commentId}.`, 'not-found')
    return { ...row, comments: row.comments.filter((comment) => comment.id !== commentId) }
  })
}

export function openComments(row: Row): Comment[] {
  return row.comments.filter((comment) => !comment.resolved)
}

export interface StatusChange {
  author: string
  now: string
  /** Why the row is rejected; required for `rejected`. */
  reason?: string
  /** Id for the rejection comment; by default the next free `cN`. */
  commentId?: string
}

/** Why a row cannot take a status, or null when it can (for disabling buttons). */
export function statusProblem(row: Row, status: RowStatus): string | null {
  if (!(ROW_STATUSES as readonly string[]).includes(status)) return `${status} is not a review status.`
  if (NEEDS_TRANSLATION.has(status) && row.target.trim().length === 0) {
    return `A row without an English translation cannot be marked ${status}.`
  }
  return null
}

/**
 * Moves a row to a review status. `rejected` needs a reason, added to the thread as an open
 * comment "Rejected: …" (on every rejection, also a repeated one). `translated`, `reviewed` and
 * `approved` need English text. Anything else goes, in any direction.
 */
export function setReviewStatus(doc: HamtaDocument, rowId: string, status: RowStatus, change: StatusChange): HamtaDocument {
  const row = findRow(doc, rowId)
  const problem = statusProblem(row, status)
  if (problem) throw new UserError(problem, 'invalid-status')
  if (status === 'rejected') {
    const reason = (change.reason ?? '').trim()
    if (!reason) throw new UserError('Say why the row is rejected; the reason goes into its comments.', 'reason-required')
    const comment = buildComment(doc, { author: change.author, text: `${REJECTION_PREFIX}${reason}`, now: change.now, id: change.commentId })
    return updateRow(doc, rowId, change.now, (current) => ({ ...current, status, comments: [...current.comments, comment] }))
  }
  return updateRow(doc, rowId, change.now, (current) => (current.status === status ? current : { ...current, status }))
}

import type { HamtaDocument } from '../model'
import { applySourceFixes } from '../review/spans'
import type { CleanupProposal } from './cleanup'

/**
 * Applies accepted cleanup proposals: text fixes change their Persian sentence (span tags move
 * with the text), boilerplate marks its row not for translation. The imported original is kept
 * as it was; only the sentences the user works on change.
 */
export function applyCleanup(doc: HamtaDocument, accepted: readonly CleanupProposal[], now: string): HamtaDocument {
  const bySentence = new Map<string, CleanupProposal[]>()
  let next = doc
  for (const proposal of accepted) {
    if (proposal.kind === 'boilerplate') {
      next = { ...next, rows: next.rows.map((row) => (row.id === proposal.rowId ? { ...row, doNotTranslate: true, updatedAt: now } : row)) }
      continue
    }
    const key = `${proposal.rowId}\u0000${proposal.sentenceId}`
    bySentence.set(key, [...(bySentence.get(key) ?? []), proposal])
  }
  for (const proposals of bySentence.values()) {
    const { rowId, sentenceId } = proposals[0]
    next = applySourceFixes(
      next,
      rowId,
      sentenceId,
      proposals.map(({ start, end, replacement, original }) => ({ start, end, replacement, original })),
      now
    )
  }
  return next === doc ? doc : { ...next, updatedAt: now }
}

/** Remembers proposals the user turned down, so they are not proposed again. */
export function dismissCleanup(doc: HamtaDocument, proposalIds: readonly string[]): HamtaDocument {
  const dismissed = new Set([...(doc.dismissedCleanup ?? []), ...proposalIds])
  return { ...doc, dismissedCleanup: [...dismissed] }
}

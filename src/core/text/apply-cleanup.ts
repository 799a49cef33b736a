import { titleFromText, type HamtaDocument } from '../model'
import { rowIndexOf } from '../review/rows'
import { applySourceFixes } from '../review/spans'
import type { CleanupProposal } from './cleanup'

/**
 * Applies accepted cleanup proposals: text fixes change their Persian sentence (span tags move
 * with the text), boilerplate marks its row not for translation. The imported original is kept
 * as it was; only the sentences the user works on change.
 */
export function applyCleanup(doc: HamtaDocument, accepted: readonly CleanupProposal[], now: string): HamtaDocument {
  const boilerplate = new Set<string>()
  const byRow = new Map<string, Map<string, CleanupProposal[]>>()
  for (const proposal of accepted) {
    if (proposal.kind === 'boilerplate') {
      boilerplate.add(proposal.rowId)
      continue
    }
    let bySentence = byRow.get(proposal.rowId)
    if (!bySentence) byRow.set(proposal.rowId, (bySentence = new Map()))
    const proposals = bySentence.get(proposal.sentenceId)
    if (proposals) proposals.push(proposal)
    else bySentence.set(proposal.sentenceId, [proposal])
  }
  if (boilerplate.size === 0 && byRow.size === 0) return doc
  // A fix for a row that is gone is an error, as it is for any edit of a row.
  const known = new Set(doc.rows.map((row) => row.id))
  for (const rowId of byRow.keys()) if (!known.has(rowId)) rowIndexOf(doc, rowId)
  let changed = false
  // One pass over the rows, each row's fixes applied to it alone: accepting every fix of a long
  // document costs its length, not fixes × rows.
  const rows = doc.rows.map((row) => {
    let next = row
    const bySentence = byRow.get(row.id)
    if (bySentence) {
      let single: HamtaDocument = { ...doc, rows: [row] }
      for (const [sentenceId, proposals] of bySentence) {
        single = applySourceFixes(
          single,
          row.id,
          sentenceId,
          proposals.map(({ start, end, replacement, original }) => ({ start, end, replacement, original })),
          now
        )
      }
      next = single.rows[0]
    }
    if (boilerplate.has(row.id)) next = { ...next, doNotTranslate: true, updatedAt: now }
    if (next !== row) changed = true
    return next
  })
  return changed ? { ...doc, rows, title: titleAfterFixes(doc, rows), updatedAt: now } : doc
}

/**
 * The title follows the fixes of the sentence it was made from (the first row's Persian, which is
 * the article's first line), so the editor and the library show the cleaned text; a title made
 * otherwise (a file's own title) stays as it was.
 */
function titleAfterFixes(doc: HamtaDocument, rows: HamtaDocument['rows']): string {
  const firstText = (list: HamtaDocument['rows']): string =>
    list
      .find((row) => row.source.length > 0)
      ?.source.map((s) => s.text)
      .join(' ') ?? ''
  const before = firstText(doc.rows)
  if (!before || titleFromText(before) !== doc.title) return doc.title
  return titleFromText(firstText(rows)) || doc.title
}

/** Remembers proposals the user turned down, so they are not proposed again. */
export function dismissCleanup(doc: HamtaDocument, proposalIds: readonly string[]): HamtaDocument {
  const dismissed = new Set([...(doc.dismissedCleanup ?? []), ...proposalIds])
  return { ...doc, dismissedCleanup: [...dismissed] }
}

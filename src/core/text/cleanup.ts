/**
 * Cleanup proposals for a whole document: what is wrong with its Persian sentences (Arabic letter
 * forms, missing ZWNJ, missing spaces, word groups reversed by PDF extraction, agency
 * boilerplate) and the fix for each. Nothing changes until the user accepts a proposal.
 */
import type { HamtaDocument } from '../model'
import { isBoilerplate } from './boilerplate'
import { detectScrambledLine } from './inspect'
import type { Lexicon } from './lexicon'
import { proposeFixes, type FixKind } from './normalize'

export type CleanupKind = FixKind | 'scrambled-order' | 'boilerplate'

export const CLEANUP_KIND_LABEL: Record<CleanupKind, string> = {
  'arabic-letters': 'Arabic letter forms',
  'missing-zwnj': 'Missing zero-width non-joiners',
  'missing-space': 'Missing spaces',
  'scrambled-order': 'Word groups in reverse order',
  boilerplate: 'Agency boilerplate'
}

export interface CleanupProposal {
  /** Stable for the same sentence text: sentence id, kind, offset and the text replaced. */
  id: string
  kind: CleanupKind
  rowId: string
  sentenceId: string
  /** Offsets into the sentence's text; for boilerplate the whole sentence. */
  start: number
  end: number
  original: string
  /** The fixed text; for boilerplate, empty (the row is marked not for translation). */
  replacement: string
  message: string
}

function proposalId(sentenceId: string, kind: CleanupKind, start: number, original: string): string {
  return `${sentenceId}:${kind}:${start}:${original.length}:${hash(original)}`
}

/** A short, stable fingerprint of the replaced text, so a proposal id survives only while the text does. */
function hash(text: string): string {
  let value = 5381
  for (let i = 0; i < text.length; i++) value = ((value * 33) ^ text.charCodeAt(i)) >>> 0
  return value.toString(36)
}

/**
 * Lines of the original that look reversed, matched to the sentence that holds them. The
 * sentence keeps the line's text as it was, so the line is found in it verbatim.
 */
function scrambledProposals(doc: HamtaDocument): CleanupProposal[] {
  const proposals: CleanupProposal[] = []
  const lines = doc.originalText.split(/\r\n|\r|\n/)
  for (const line of lines) {
    const scrambled = detectScrambledLine(line)
    if (!scrambled) continue
    const needle = line.trim()
    for (const row of doc.rows) {
      for (const sentence of row.source) {
        const start = sentence.text.indexOf(needle)
        if (start < 0) continue
        proposals.push({
          id: proposalId(sentence.id, 'scrambled-order', start, needle),
          kind: 'scrambled-order',
          rowId: row.id,
          sentenceId: sentence.id,
          start,
          end: start + needle.length,
          original: needle,
          replacement: scrambled.repaired.trim(),
          message: 'These word groups look reversed, as PDF extraction leaves them; the suggestion reads them in reverse order.'
        })
      }
    }
  }
  return proposals
}

export interface CleanupOptions {
  lexicon?: Lexicon | null
  /** Proposal ids the user dismissed: not proposed again. */
  dismissed?: ReadonlySet<string>
}

export function proposeCleanup(doc: HamtaDocument, options: CleanupOptions = {}): CleanupProposal[] {
  const sentences = doc.rows.flatMap((row) => row.source.map((sentence) => ({ row, sentence })))
  // One sentence a line, so the proposer sees the whole document's vocabulary at once.
  const text = sentences.map(({ sentence }) => sentence.text.replace(/[\r\n]+/g, ' ')).join('\n')
  const lineStarts: number[] = []
  let offset = 0
  for (const { sentence } of sentences) {
    lineStarts.push(offset)
    offset += sentence.text.length + 1
  }
  const proposals: CleanupProposal[] = []
  for (const fix of proposeFixes(text, { lexicon: options.lexicon ?? null })) {
    const { row, sentence } = sentences[fix.line - 1]
    const start = fix.start - lineStarts[fix.line - 1]
    proposals.push({
      id: proposalId(sentence.id, fix.kind, start, fix.original),
      kind: fix.kind,
      rowId: row.id,
      sentenceId: sentence.id,
      start,
      end: start + fix.original.length,
      original: fix.original,
      replacement: fix.replacement,
      message: fix.message
    })
  }
  proposals.push(...scrambledProposals(doc))
  for (const row of doc.rows) {
    if (row.doNotTranslate || row.source.length === 0) continue
    const whole = row.source.map((sentence) => sentence.text).join(' ')
    if (!isBoilerplate(whole)) continue
    const sentence = row.source[0]
    proposals.push({
      id: proposalId(sentence.id, 'boilerplate', 0, whole),
      kind: 'boilerplate',
      rowId: row.id,
      sentenceId: sentence.id,
      start: 0,
      end: sentence.text.length,
      original: whole,
      replacement: '',
      message: 'Agency boilerplate, not part of the article: mark the row not for translation.'
    })
  }
  const order = new Map(doc.rows.map((row, index) => [row.id, index]))
  return proposals
    .filter((proposal) => !options.dismissed?.has(proposal.id))
    .sort((a, b) => order.get(a.rowId)! - order.get(b.rowId)! || a.sentenceId.localeCompare(b.sentenceId) || a.start - b.start)
}

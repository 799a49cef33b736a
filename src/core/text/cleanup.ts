/**
 * Cleanup proposals for a whole document: what is wrong with its Persian sentences (Arabic letter
 * forms, missing ZWNJ, missing spaces, word groups reversed by PDF extraction, agency
 * boilerplate) and the fix for each. Nothing changes until the user accepts a proposal.
 */
import type { HamtaDocument, Row, SourceSentence } from '../model'
import { isBoilerplate } from './boilerplate'
import { detectScrambledLine } from './inspect'
import type { Lexicon } from './lexicon'
import { proposeFixes, type FixKind } from './normalize'
import type { WordFrequency } from './word-frequency'

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
  /**
   * True when the proposal is of a class measured right almost always on real news (see
   * CLEANUP_PRECISION): such proposals may be accepted all at once. The others need a look.
   */
  certain: boolean
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

/** A sentence of the document with its row and its place in reading order. */
interface PlacedSentence {
  row: Row
  sentence: SourceSentence
  order: number
}

/**
 * Finds many fixed strings in many texts in one pass over each text (Aho–Corasick), so matching
 * every reversed line against every sentence costs the length of the text, not lines × sentences.
 */
class NeedleMatcher {
  private readonly next: Array<Map<number, number>> = [new Map()]
  private readonly fail: number[] = [0]
  /** Needle ending at this node, or -1. */
  private readonly ends: number[] = [-1]
  /** Nearest node down the failure chain where a needle ends, or 0. */
  private readonly outLink: number[] = [0]

  constructor(private readonly needles: readonly string[]) {
    needles.forEach((needle, index) => {
      let node = 0
      for (let i = 0; i < needle.length; i++) {
        const code = needle.charCodeAt(i)
        let child = this.next[node].get(code)
        if (child === undefined) {
          child = this.next.length
          this.next.push(new Map())
          this.fail.push(0)
          this.ends.push(-1)
          this.outLink.push(0)
          this.next[node].set(code, child)
        }
        node = child
      }
      this.ends[node] = index
    })
    // Breadth first, so a node's failure target is finished before the node.
    const queue: number[] = [...this.next[0].values()]
    for (let head = 0; head < queue.length; head++) {
      const node = queue[head]
      for (const [code, child] of this.next[node]) {
        let fallback = this.fail[node]
        while (fallback !== 0 && !this.next[fallback].has(code)) fallback = this.fail[fallback]
        const target = this.next[fallback].get(code)
        this.fail[child] = target !== undefined && target !== child ? target : 0
        this.outLink[child] = this.ends[this.fail[child]] >= 0 ? this.fail[child] : this.outLink[this.fail[child]]
        queue.push(child)
      }
    }
  }

  /** Calls `found` with each needle's index and first offset in `text`, once per needle. */
  firstMatches(text: string, found: (needle: number, start: number) => void): void {
    const seen = new Set<number>()
    let node = 0
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i)
      while (node !== 0 && !this.next[node].has(code)) node = this.fail[node]
      node = this.next[node].get(code) ?? 0
      for (let hit = this.ends[node] >= 0 ? node : this.outLink[node]; hit !== 0; hit = this.outLink[hit]) {
        const needle = this.ends[hit]
        if (seen.has(needle)) continue
        seen.add(needle)
        found(needle, i + 1 - this.needles[needle].length)
      }
    }
  }
}

/**
 * Lines of the original that look reversed, matched to the sentences that hold them. The
 * sentence keeps the line's text as it was, so the line is found in it verbatim. A line that
 * occurs many times in the original is one needle: each sentence that holds it gets one
 * proposal, not one per copy of the line.
 */
function scrambledProposals(doc: HamtaDocument, sentences: readonly PlacedSentence[], into: Placed[], frequency: WordFrequency | null): void {
  const repaired = new Map<string, string | null>()
  for (const line of doc.originalText.split(/\r\n|\r|\n/)) {
    const needle = line.trim()
    if (repaired.has(needle)) continue
    repaired.set(needle, detectScrambledLine(needle, frequency)?.repaired.trim() ?? null)
  }
  const needles = [...repaired].filter((entry): entry is [string, string] => entry[1] !== null)
  if (needles.length === 0) return
  const matcher = new NeedleMatcher(needles.map(([needle]) => needle))
  for (const { row, sentence, order } of sentences) {
    matcher.firstMatches(sentence.text, (index, start) => {
      const [needle, replacement] = needles[index]
      into.push({
        order,
        proposal: {
          id: proposalId(sentence.id, 'scrambled-order', start, needle),
          kind: 'scrambled-order',
          rowId: row.id,
          sentenceId: sentence.id,
          start,
          end: start + needle.length,
          original: needle,
          replacement,
          message: 'These word groups look reversed, as PDF extraction leaves them; the suggestion reads them in reverse order.',
          certain: false
        }
      })
    })
  }
}

/** A proposal and the reading-order place of its sentence, for sorting. */
interface Placed {
  order: number
  proposal: CleanupProposal
}

export interface CleanupOptions {
  lexicon?: Lexicon | null
  /** Proposal ids the user dismissed: not proposed again. */
  dismissed?: ReadonlySet<string>
}

export function proposeCleanup(doc: HamtaDocument, options: CleanupOptions = {}): CleanupProposal[] {
  const sentences: PlacedSentence[] = []
  for (const row of doc.rows) for (const sentence of row.source) sentences.push({ row, sentence, order: sentences.length })
  // One sentence a line, so the proposer sees the whole document's vocabulary at once.
  const text = sentences.map(({ sentence }) => sentence.text.replace(/[\r\n]+/g, ' ')).join('\n')
  const lineStarts: number[] = []
  let offset = 0
  for (const { sentence } of sentences) {
    lineStarts.push(offset)
    offset += sentence.text.length + 1
  }
  const placed: Placed[] = []
  for (const fix of proposeFixes(text, { lexicon: options.lexicon ?? null })) {
    const { row, sentence, order } = sentences[fix.line - 1]
    const start = fix.start - lineStarts[fix.line - 1]
    placed.push({
      order,
      proposal: {
        id: proposalId(sentence.id, fix.kind, start, fix.original),
        kind: fix.kind,
        rowId: row.id,
        sentenceId: sentence.id,
        start,
        end: start + fix.original.length,
        original: fix.original,
        replacement: fix.replacement,
        message: fix.message,
        certain: fix.certain
      }
    })
  }
  scrambledProposals(doc, sentences, placed, options.lexicon?.frequency ?? null)
  let first = 0
  for (const row of doc.rows) {
    const order = first
    first += row.source.length
    if (row.doNotTranslate || row.source.length === 0) continue
    const whole = row.source.map((sentence) => sentence.text).join(' ')
    if (!isBoilerplate(whole)) continue
    const sentence = row.source[0]
    placed.push({
      order,
      proposal: {
        id: proposalId(sentence.id, 'boilerplate', 0, whole),
        kind: 'boilerplate',
        rowId: row.id,
        sentenceId: sentence.id,
        start: 0,
        end: sentence.text.length,
        original: whole,
        replacement: '',
        message: 'Agency boilerplate, not part of the article: mark the row not for translation.',
        certain: true
      }
    })
  }
  // Reading order: by sentence, then by offset in it.
  placed.sort((a, b) => a.order - b.order || a.proposal.start - b.proposal.start)
  // An id names one change; the list the user accepts from holds it once.
  const ids = new Set<string>()
  const proposals: CleanupProposal[] = []
  for (const { proposal } of placed) {
    if (options.dismissed?.has(proposal.id) || ids.has(proposal.id)) continue
    ids.add(proposal.id)
    proposals.push(proposal)
  }
  return proposals
}

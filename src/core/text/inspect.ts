/**
 * Inspection: what is wrong with an imported Persian text, line by line, with a suggestion for
 * each finding. Findings are advice for review; nothing is changed here.
 */

import { isBoilerplate } from './boilerplate'
import type { Lexicon } from './lexicon'
import { proposeFixes, type FixKind } from './normalize'
import { splitLines } from './segment'

export type FindingKind = FixKind | 'scrambled-order' | 'boilerplate'

export interface Finding {
  /** 1-based line number. */
  line: number
  kind: FindingKind
  message: string
  /** Replacement text: the corrected word, the repaired line, or '' for text to leave out. */
  suggestion: string
  /** 1-based column where the finding starts (UTF-16 units). */
  column: number
  /** The text the finding is about. */
  original: string
  /** Offsets into the inspected text. */
  start: number
  end: number
}

/** Words that begin phrases; a group of reversed text often ends with one. */
const PHRASE_INITIAL = new Set(['در', 'به', 'از', 'با', 'برای', 'که', 'و', 'تا', 'بر', 'این', 'آن'])
/** Sentence-final verbs: a line that starts with one plus a period was cut from a sentence end. */
const FINAL_VERB_START = /^(?:است|بود|شد|کرد|کردند|دارد|دارند|نیست|هستند|شود|شدند|گفت|داد)\s*[.!؟]/u

export interface ScrambledLine {
  groups: string[]
  /** The line with its groups in reverse order, joined by one space. */
  repaired: string
  signals: number
}

/**
 * Detects a line whose word groups were written out in reverse order, as text extraction from
 * right-to-left PDFs does: groups separated by two or more spaces, plus telltale word order
 * (a group ending in a preposition or conjunction, a group starting with را, a line starting with
 * a sentence-final verb). Returns null for an ordinary line.
 */
export function detectScrambledLine(line: string): ScrambledLine | null {
  const content = line.trim()
  const groups = content.split(/[ \t\u00a0]{2,}/u).filter((group) => group.length > 0)
  if (groups.length < 3) return null
  let signals = 0
  for (const group of groups) {
    const words = group.split(/\s+/u)
    if (PHRASE_INITIAL.has(words[words.length - 1].replace(/[،,]$/u, ''))) signals++
    if (words[0] === 'را') signals++
  }
  if (FINAL_VERB_START.test(content)) signals++
  // Ordinary text with stray double spaces rarely shows word order this odd.
  if (signals < 2) return null
  return { groups, repaired: [...groups].reverse().join(' '), signals }
}

export interface InspectOptions {
  lexicon?: Lexicon | null
}

/** Every finding in the text, ordered by line and column. */
export function inspectText(text: string, options: InspectOptions = {}): Finding[] {
  const findings: Finding[] = []
  for (const line of splitLines(text)) {
    const content = text.slice(line.contentStart, line.contentEnd)
    if (!content) continue
    const scrambled = detectScrambledLine(content)
    if (scrambled) {
      findings.push({
        line: line.number,
        kind: 'scrambled-order',
        message: `Word groups appear in reverse order (${scrambled.groups.length} groups separated by double spaces, as extracted from a right-to-left PDF); the suggestion reverses them.`,
        suggestion: scrambled.repaired,
        column: line.contentStart - line.start + 1,
        original: content,
        start: line.contentStart,
        end: line.contentEnd
      })
    }
    if (isBoilerplate(content)) {
      findings.push({
        line: line.number,
        kind: 'boilerplate',
        message: 'Agency boilerplate, not article content: mark it not for translation.',
        suggestion: '',
        column: line.contentStart - line.start + 1,
        original: content,
        start: line.contentStart,
        end: line.contentEnd
      })
    }
  }
  for (const fix of proposeFixes(text, { lexicon: options.lexicon ?? null })) {
    findings.push({
      line: fix.line,
      kind: fix.kind,
      message: fix.message,
      suggestion: fix.replacement,
      column: fix.column,
      original: fix.original,
      start: fix.start,
      end: fix.end
    })
  }
  findings.sort((a, b) => a.line - b.line || a.column - b.column)
  return findings
}

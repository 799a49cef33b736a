/**
 * Inspection: what is wrong with an imported Persian text, line by line, with a suggestion for
 * each finding. Findings are advice for review; nothing is changed here.
 */

import { isBoilerplate } from './boilerplate'
import type { Lexicon } from './lexicon'
import { persianLetters, proposeFixes, type FixKind } from './normalize'
import type { WordFrequency } from './word-frequency'
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

/** Prepositions: they need the words that follow them, so they never meet را, a verb or another preposition. */
const PREPOSITIONS = new Set(['در', 'به', 'از', 'با', 'برای', 'بر', 'بین', 'روی', 'زیر', 'درباره', 'مانند', 'بدون', 'نزد', 'جز', 'طی', 'توسط'])
/** Conjunctions that open a clause. */
const LINKERS = new Set(['و', 'که', 'یا', 'اما', 'ولی', 'اگر', 'چون'])
/** Words that close what comes before them: the object marker and common sentence-final verbs. */
const CLOSERS = new Set([
  'را',
  'است',
  'بود',
  'شد',
  'کرد',
  'کردند',
  'شدند',
  'نیست',
  'هستند',
  'دارد',
  'دارند',
  'شود',
  'گفت',
  'داد',
  'کند',
  'کنند',
  'باشد',
  'نیز'
])
/** Sentence-final verbs: a line that starts with one plus a period was cut from a sentence end. */
const FINAL_VERB_START = /^(?:است|بود|شد|کرد|کردند|دارد|دارند|نیست|هستند|شود|شدند|گفت|داد)\s*[.!؟]/u

export interface ScrambledLine {
  groups: string[]
  /** The line with its groups in reverse order, joined by one space. */
  repaired: string
  signals: number
}

const bareWord = (word: string): string => word.replace(/^[«"(\[]+|[»"),،؛:.!؟?\]]+$/gu, '')

/** Word pairs Persian does not put side by side: a preposition or conjunction right before را or a verb. */
function oddPair(before: string, after: string): boolean {
  if (/[.!?؟:؛]["»)]*$/u.test(before)) return false
  const x = bareWord(before)
  const y = bareWord(after)
  if (PREPOSITIONS.has(x)) return CLOSERS.has(y) || PREPOSITIONS.has(y) || LINKERS.has(y) || /^[»)]/u.test(after)
  if (LINKERS.has(x)) return y === 'را' || y === 'است'
  return false
}

/** A word as the pair table spells it: Persian letters, no ZWNJ, no punctuation around it. */
const pairWord = (word: string): string => persianLetters(bareWord(word)).replace(/\u200c/gu, '')

/**
 * Detects a line whose word groups were written out in reverse order, as text extraction from
 * right-to-left PDFs does: groups separated by two or more spaces whose junctions read better in
 * reverse than as written. A junction reads well when news often has its two words side by side
 * (`frequency`'s word pairs) and badly when Persian never does (a preposition right before را or
 * a verb); a line that starts with a sentence's end, or closes a quotation before it opens one,
 * counts too. Stray double spaces in an ordinary line (after و, say) join words that read well as
 * they are. Returns null for an ordinary line.
 */
export function detectScrambledLine(line: string, frequency?: WordFrequency | null): ScrambledLine | null {
  const content = line.trim()
  const groups = content.split(/[ \t\u00a0]{2,}/u).filter((group) => group.length > 0)
  if (groups.length < 3) return null
  const words = groups.map((group) => group.split(/\s+/u))
  let signals = 0
  let oddInReverse = 0
  for (let g = 0; g + 1 < words.length; g++) {
    const left = words[g]
    const right = words[g + 1]
    const last = left[left.length - 1]
    const first = right[0]
    const lastOfRight = right[right.length - 1]
    const firstOfLeft = left[0]
    const odd = oddPair(last, first)
    if (odd) signals++
    if (oddPair(lastOfRight, firstOfLeft)) {
      signals--
      oddInReverse++
    }
    if (frequency && !/[.!?؟:؛،,]["»)]*$/u.test(last)) {
      // The grammar rule outranks the pair table, which has a few odd pairs of its own (به از).
      if (!odd && frequency.hasPair(pairWord(last), pairWord(first))) signals--
      if (!/[.!?؟:؛،,]["»)]*$/u.test(lastOfRight) && frequency.hasPair(pairWord(lastOfRight), pairWord(firstOfLeft))) signals++
    }
  }
  // A preposition or را standing alone between double spaces: PDF items, not stray spaces.
  for (const group of words) if (group.length === 1 && (PREPOSITIONS.has(bareWord(group[0])) || group[0] === 'را')) signals++
  // A sentence that ends in the first group of a line that does not end one: the line's end came first.
  const firstEnds = /[.!؟]["»)]*$/u.test(groups[0])
  if (FINAL_VERB_START.test(content) || (firstEnds && !/[.!?؟]["»)]*$/u.test(content))) signals++
  // » before any « and « left open at the end: the quotation was written back to front.
  const close = content.indexOf('»')
  const open = content.lastIndexOf('«')
  if (close >= 0 && open > close && content.indexOf('«') > close && content.lastIndexOf('»') < open) signals++
  // Many groups are themselves a sign (stray double spaces are few), so they need less.
  if (signals < (groups.length >= 5 ? 1 : 2) || oddInReverse > 0) return null
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
    const scrambled = detectScrambledLine(content, options.lexicon?.frequency)
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

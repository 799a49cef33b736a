// Lines for measuring scrambled-line detection, built from real news text: each line of words is
// reversed the way text extraction from a right-to-left PDF reverses it (word runs of one to three
// words in reverse order, mostly separated by two spaces), and the same line is also kept in
// reading order with a few stray double spaces (after و among them), which must not be flagged.
import { detectScrambledLine } from '../src/core/text/inspect'
import type { WordFrequency } from '../src/core/text/word-frequency'

export interface LabelledLine {
  text: string
  reversed: boolean
}

/** A small deterministic generator (mulberry32), so the set is the same on every run. */
function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Lines of 60–170 characters cut from the text's paragraphs at word boundaries, as a PDF wraps them. */
function wrappedLines(text: string, next: () => number): string[][] {
  const lines: string[][] = []
  for (const paragraph of text.split(/\n+/)) {
    const words = paragraph.split(/\s+/).filter(Boolean)
    let line: string[] = []
    let width = 60 + Math.floor(next() * 110)
    let length = 0
    for (const word of words) {
      if (length + word.length + 1 > width && line.length > 0) {
        lines.push(line)
        line = []
        length = 0
        width = 60 + Math.floor(next() * 110)
      }
      line.push(word)
      length += word.length + 1
    }
    if (line.length >= 6) lines.push(line)
  }
  return lines.filter((line) => line.length >= 6)
}

export function scrambledLineSet(text: string, seed = 7): LabelledLine[] {
  const next = random(seed)
  const set: LabelledLine[] = []
  for (const words of wrappedLines(text, next)) {
    const runs: string[][] = []
    for (let i = 0; i < words.length;) {
      const size = 1 + Math.floor(next() * 3)
      runs.push(words.slice(i, i + size))
      i += size
    }
    runs.reverse()
    let reversed = runs[0].join(' ')
    for (let r = 1; r < runs.length; r++) reversed += (next() < 0.85 ? '  ' : ' ') + runs[r].join(' ')
    set.push({ text: reversed, reversed: true })
    // The same words in reading order with one to three stray double spaces, one after و if any.
    const gaps = words.map(() => ' ')
    const and = words.findIndex((word, i) => word === 'و' && i < words.length - 1)
    if (and >= 0) gaps[and] = '  '
    const stray = 1 + Math.floor(next() * 3)
    for (let k = 0; k < stray; k++) gaps[Math.floor(next() * (words.length - 1))] = '  '
    set.push({ text: words.map((word, i) => (i < words.length - 1 ? word + gaps[i] : word)).join(''), reversed: false })
  }
  return set
}

export interface DetectionScore {
  lines: number
  reversed: number
  truePositives: number
  falsePositives: number
  precision: number
  recall: number
}

export function scoreScrambledDetection(set: readonly LabelledLine[], frequency?: WordFrequency | null): DetectionScore {
  let truePositives = 0
  let falsePositives = 0
  let reversed = 0
  for (const line of set) {
    if (line.reversed) reversed++
    if (!detectScrambledLine(line.text, frequency)) continue
    if (line.reversed) truePositives++
    else falsePositives++
  }
  const flagged = truePositives + falsePositives
  return {
    lines: set.length,
    reversed,
    truePositives,
    falsePositives,
    precision: flagged === 0 ? 1 : truePositives / flagged,
    recall: reversed === 0 ? 1 : truePositives / reversed
  }
}

import type { SegmentedParagraph } from '../model'
import { isBoilerplate } from './boilerplate'
import {
  endsWithTerminator,
  isAsciiAlnum,
  rangeEndsWithTerminator,
  isCloser,
  isDigit,
  isLetter,
  isOpener,
  isSpace,
  isTerminator,
  isWordChar
} from './chars'

/**
 * Persian segmentation for real, damaged input: hard-wrapped lines are unwrapped into paragraphs
 * using the document's own line-length statistics, then each paragraph is cut into sentences by a
 * single left-to-right character scan (linear time, unlike Intl.Segmenter on whole documents).
 */

export type ParagraphKind = 'title' | 'body' | 'list' | 'boilerplate'

/** One line of the source. Offsets are UTF-16 indexes into the original text. */
export interface SourceLine {
  /** 1-based line number. */
  number: number
  start: number
  /** End of the line's text, before its line break. */
  end: number
  /** The line without leading and trailing white space. */
  contentStart: number
  contentEnd: number
}

export interface Sentence {
  /** Text as in the source; wrapped lines are joined with one space. */
  text: string
  /** Offsets of the sentence's first and one-past-last character in the original text. */
  start: number
  end: number
  /** 1-based lines where the sentence starts and ends. */
  line: number
  endLine: number
  /** Index of the paragraph in Segmentation.paragraphs. */
  paragraph: number
}

export interface Paragraph {
  kind: ParagraphKind
  start: number
  end: number
  line: number
  endLine: number
  sentences: Sentence[]
}

export interface WrapProfile {
  /** True when the text is hard-wrapped: many lines break mid-sentence at a similar width. */
  wrapped: boolean
  /** Typical length of a wrapped line (median), 0 when not wrapped. */
  width: number
  /** A line at least this long, without final punctuation, continues on the next line. */
  fullLength: number
  /** Lines longer than this are not part of a wrapped block. */
  maxLength: number
}

export interface Segmentation {
  paragraphs: Paragraph[]
  sentences: Sentence[]
  wrap: WrapProfile
}

// ---------------------------------------------------------------------------------------------
// Lines

const LINE_BREAK = /\r\n?|\n|\u2028|\u2029|\u0085/g

/**
 * Lines as parallel typed arrays: one object per line would make the garbage collector copy
 * tens of thousands of survivors on big input, which costs more than the scan itself.
 */
export class LineTable {
  count = 0
  start: Int32Array
  end: Int32Array
  contentStart: Int32Array
  contentEnd: Int32Array

  constructor(capacity = 64) {
    this.start = new Int32Array(capacity)
    this.end = new Int32Array(capacity)
    this.contentStart = new Int32Array(capacity)
    this.contentEnd = new Int32Array(capacity)
  }

  push(start: number, end: number, contentStart: number, contentEnd: number): void {
    if (this.count === this.start.length) {
      const grow = (array: Int32Array): Int32Array => {
        const bigger = new Int32Array(array.length * 2)
        bigger.set(array)
        return bigger
      }
      this.start = grow(this.start)
      this.end = grow(this.end)
      this.contentStart = grow(this.contentStart)
      this.contentEnd = grow(this.contentEnd)
    }
    const i = this.count++
    this.start[i] = start
    this.end[i] = end
    this.contentStart[i] = contentStart
    this.contentEnd[i] = contentEnd
  }

  length(i: number): number {
    return this.contentEnd[i] - this.contentStart[i]
  }
}

export function lineTable(text: string): LineTable {
  const table = new LineTable(Math.max(64, Math.ceil(text.length / 60)))
  let start = 0
  LINE_BREAK.lastIndex = 0
  // test() instead of exec(): no match array per line.
  for (;;) {
    const found = LINE_BREAK.test(text)
    const after = found ? LINE_BREAK.lastIndex : text.length
    const breakLength = !found ? 0 : text.charCodeAt(after - 1) === 0x0a && after >= 2 && text.charCodeAt(after - 2) === 0x0d ? 2 : 1
    const end = after - breakLength
    // A final line break does not start another (empty) line.
    if (!found && start === text.length && table.count > 0) break
    let contentStart = start
    while (contentStart < end && isSpace(text.charCodeAt(contentStart))) contentStart++
    let contentEnd = end
    while (contentEnd > contentStart && isSpace(text.charCodeAt(contentEnd - 1))) contentEnd--
    table.push(start, end, contentStart, contentEnd)
    if (!found) break
    start = after
  }
  return table
}

/** The lines of a text, with offsets of each line and of its trimmed content. */
export function splitLines(text: string): SourceLine[] {
  const table = lineTable(text)
  const lines: SourceLine[] = []
  for (let i = 0; i < table.count; i++) {
    lines.push({ number: i + 1, start: table.start[i], end: table.end[i], contentStart: table.contentStart[i], contentEnd: table.contentEnd[i] })
  }
  return lines
}

// ---------------------------------------------------------------------------------------------
// List markers

const BULLET = /^[-–—•*▪●◦·■□►▸➢✓]\s+/u
const NUMBERED = /^(?:[0-9۰-۹٠-٩]{1,3}|[a-zA-Z]|الف|[آ-ی])\s?[.)\-–](?=\s|[^\s0-9۰-۹٠-٩.)\-–])\s*/u
const PARENTHESIZED = /^[(\[](?:[0-9۰-۹٠-٩]{1,3}|[a-zA-Z]|الف|[آ-ی])[)\]]\s*/u

/** Cheap test before the regexes: a marker has . ) - – ] within its first few characters, or starts with a bullet or bracket. */
function mayStartWithMarker(text: string, start: number, end: number): boolean {
  if (start >= end) return false
  const first = text.charCodeAt(start)
  if (first === 0x28 || first === 0x5b || first === 0x2d || first === 0x2a || (first >= 0x2010 && first <= 0x2022) || (first >= 0x25a0 && first <= 0x27ff) || first === 0xb7) return true
  for (let i = start + 1; i < end && i <= start + 4; i++) {
    const code = text.charCodeAt(i)
    if (code === 0x2e || code === 0x29 || code === 0x2d || code === 0x2013) return true
  }
  return false
}

/** listMarkerLength for the line text.slice(start, end). */
function markerLengthAt(text: string, start: number, end: number): number {
  return mayStartWithMarker(text, start, end) ? listMarkerLength(text.slice(start, Math.min(end, start + 12))) : 0
}

/** Length of a list marker (`۱.` `1)` `۱-` `الف)` `•`) at the start of a line, including the spaces after it; 0 if none. */
export function listMarkerLength(line: string): number {
  const bullet = BULLET.exec(line)
  if (bullet) return bullet[0].length
  const numbered = NUMBERED.exec(line)
  // A single letter with "." could be an initial or abbreviation (ه.ش); letters need ) or -.
  if (numbered && !/^[^0-9۰-۹٠-٩]+\s?\./u.test(numbered[0])) return numbered[0].length
  const parenthesized = PARENTHESIZED.exec(line)
  if (parenthesized) return parenthesized[0].length
  return 0
}

// ---------------------------------------------------------------------------------------------
// Wrap statistics

/**
 * Learns the document's wrap width from its "break lines": lines without final punctuation that
 * are directly followed by another line. In hard-wrapped text most lines are like that and have
 * similar lengths; in one-paragraph-per-line text only titles are, and their lengths vary.
 */
export function wrapProfile(text: string, lines: LineTable = lineTable(text)): WrapProfile {
  const notWrapped: WrapProfile = { wrapped: false, width: 0, fullLength: Infinity, maxLength: 0 }
  // Histogram of break-line lengths (linear, no sort); longer lines share the last bucket.
  const histogram = new Uint32Array(HISTOGRAM_SIZE + 1)
  let nonEmpty = 0
  let breaks = 0
  for (let i = 0; i < lines.count; i++) {
    const length = lines.length(i)
    if (length === 0) continue
    nonEmpty++
    if (i + 1 >= lines.count || lines.length(i + 1) === 0) continue
    if (rangeEndsWithTerminator(text, lines.contentStart[i], lines.contentEnd[i])) continue
    if (markerLengthAt(text, lines.contentStart[i + 1], lines.contentEnd[i + 1]) > 0) continue
    histogram[Math.min(length, HISTOGRAM_SIZE)]++
    breaks++
  }
  if (nonEmpty < 3 || breaks < 3 || breaks < 0.3 * nonEmpty) return notWrapped
  const low = histogramPercentile(histogram, breaks, 0.1)
  const median = histogramPercentile(histogram, breaks, 0.5)
  const high = histogramPercentile(histogram, breaks, 0.9)
  // Wrapped lines cluster tightly under the wrap width; scattered lengths are real paragraphs.
  if (low === 0 || high >= HISTOGRAM_SIZE || high / low > 1.6) return notWrapped
  return { wrapped: true, width: median, fullLength: Math.floor(low * 0.9), maxLength: Math.ceil(high * 1.3) }
}

/** Lines longer than this are never wrapped lines. */
const HISTOGRAM_SIZE = 2048

function histogramPercentile(histogram: Uint32Array, total: number, share: number): number {
  const rank = Math.floor(share * (total - 1))
  let seen = 0
  for (let length = 0; length < histogram.length; length++) {
    seen += histogram[length]
    if (seen > rank) return length
  }
  return histogram.length - 1
}

// ---------------------------------------------------------------------------------------------
// Sentence boundaries inside one paragraph

const LATIN_ABBREVIATIONS = new Set(['mr', 'mrs', 'ms', 'dr', 'prof', 'st', 'jr', 'sr', 'vs', 'etc', 'inc', 'ltd', 'co', 'no', 'fig', 'al', 'eg', 'ie', 'cf', 'vol', 'pp', 'ed'])

/** Whether the period at `index` can end a sentence, judged by the characters around it. */
function periodCanEnd(text: string, index: number): boolean {
  const prev = index > 0 ? text.charCodeAt(index - 1) : -1
  const next = index + 1 < text.length ? text.charCodeAt(index + 1) : -1
  // Decimals and versions: ۳.۵ 28.4 ۲.۱
  if (isDigit(prev) && isDigit(next)) return false
  // Domains, file names, e-mail addresses and URLs: www.tpo.ir, a.b@c.com, example.com/x
  if (isAsciiAlnum(prev) && (isAsciiAlnum(next) || next === 0x2f || next === 0x40 || next === 0x5f || next === 0x2d)) return false
  if (isLetter(prev)) {
    let wordStart = index - 1
    while (wordStart > 0 && isLetter(text.charCodeAt(wordStart - 1))) wordStart--
    // A one-letter word is an abbreviation or initial: ه.ش ق.م ج.ا.ا م. (after a year) J.
    if (wordStart === index - 1) return false
    if (index - wordStart <= 4 && LATIN_ABBREVIATIONS.has(text.slice(wordStart, index).toLowerCase())) return false
  }
  return true
}

/** An ellipsis right after the conjunction و means "and so on", not the end of a sentence. */
function ellipsisAfterAnd(text: string, index: number): boolean {
  let i = index - 1
  while (i >= 0 && isSpace(text.charCodeAt(i))) i--
  return i >= 0 && text.charCodeAt(i) === 0x648 && (i === 0 || !isWordChar(text.charCodeAt(i - 1)))
}

/** What the scanner stops at: terminators, and straight quotes (counted to tell opening from closing). */
const SCAN_STOP = /[.!?\u061f\u2026\u06d4"]/g

/** True when text[from, to) has a letter or digit: a sentence needs some content. */
function hasContentBetween(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i)
    if (isLetter(code) || isDigit(code)) return true
  }
  return false
}

/**
 * Sentence ranges [start, end) in a single paragraph (no line breaks expected). Terminators
 * . ! ? ؟ … end a sentence before white space, a letter (glued sentences), an opening quote or
 * the paragraph's end; closing quotes and brackets stay with the sentence they close.
 * A native regex search jumps from one candidate to the next, so ordinary letters cost nothing.
 */
export function sentenceRanges(paragraph: string, scanFrom = 0): Array<[number, number]> {
  const flat: number[] = []
  scanSentences(paragraph, scanFrom, flat)
  const ranges: Array<[number, number]> = []
  for (let k = 0; k < flat.length; k += 2) ranges.push([flat[k], flat[k + 1]])
  return ranges
}

/** sentenceRanges writing start, end pairs into a flat array (fewer allocations on big input). */
function scanSentences(paragraph: string, scanFrom: number, ranges: number[]): void {
  const n = paragraph.length
  let sentenceStart = 0
  while (sentenceStart < n && isSpace(paragraph.charCodeAt(sentenceStart))) sentenceStart++
  let straightQuotes = 0
  const stop = SCAN_STOP
  stop.lastIndex = Math.max(scanFrom, sentenceStart)
  // test() instead of exec(): no match array per candidate; every stop is one character.
  while (stop.test(paragraph)) {
    const i = stop.lastIndex - 1
    const code = paragraph.charCodeAt(i)
    if (code === 0x22) {
      straightQuotes++
      continue
    }
    let runEnd = i + 1
    while (runEnd < n && isTerminator(paragraph.charCodeAt(runEnd))) runEnd++
    stop.lastIndex = runEnd
    if (runEnd === i + 1 && code === 0x2e && !periodCanEnd(paragraph, i)) continue
    if (code !== 0x2e && runEnd === i + 1 && isAsciiAlnum(paragraph.charCodeAt(i + 1)) && (isAsciiAlnum(paragraph.charCodeAt(i - 1)) || paragraph.charCodeAt(i - 1) === 0x2f)) {
      continue // a ? or ! inside a URL query
    }
    const isEllipsis = code === 0x2026 || (code === 0x2e && runEnd - i >= 3)
    if (isEllipsis && ellipsisAfterAnd(paragraph, i)) continue
    let end = runEnd
    while (end < n) {
      const closer = paragraph.charCodeAt(end)
      if (isCloser(closer)) end++
      else if (closer === 0x22 && straightQuotes % 2 === 1) {
        straightQuotes++
        end++
      } else break
    }
    stop.lastIndex = end
    const next = end < n ? paragraph.charCodeAt(end) : -1
    const boundary = next === -1 || isSpace(next) || isLetter(next) || isOpener(next) || next === 0x22
    if (!boundary || !hasContentBetween(paragraph, sentenceStart, i)) continue
    ranges.push(sentenceStart, end)
    sentenceStart = end
    while (sentenceStart < n && isSpace(paragraph.charCodeAt(sentenceStart))) sentenceStart++
    straightQuotes = 0
    stop.lastIndex = sentenceStart
  }
  let tail = n
  while (tail > sentenceStart && isSpace(paragraph.charCodeAt(tail - 1))) tail--
  if (tail > sentenceStart) ranges.push(sentenceStart, tail)
}

// ---------------------------------------------------------------------------------------------
// Paragraphs

function wordCount(text: string): number {
  let count = 0
  let inWord = false
  for (let i = 0; i < text.length; i++) {
    const word = !isSpace(text.charCodeAt(i))
    if (word && !inWord) count++
    inWord = word
  }
  return count
}

/** Finds the next line with text after `index`, looking across at most two blank lines. */
function nextContentLine(lines: LineTable, index: number): number {
  for (let j = index + 1; j < lines.count && j <= index + 3; j++) {
    if (lines.length(j) > 0) return j
  }
  return -1
}

function classify(text: string, lines: LineTable, first: number, last: number, wrap: WrapProfile): ParagraphKind {
  const start = lines.contentStart[first]
  const end = lines.contentEnd[first]
  if (markerLengthAt(text, start, end) > 0) return 'list'
  if (first !== last) return 'body'
  if (rangeEndsWithTerminator(text, start, end)) return 'body'
  const firstText = text.slice(start, end)
  if (isBoilerplate(firstText)) return 'boilerplate'
  const lastChar = firstText.charCodeAt(firstText.length - 1)
  // A line that introduces what follows (":" "،" ";") is body text, not a heading.
  if (lastChar === 0x3a || lastChar === 0x60c || lastChar === 0x2c || lastChar === 0x61b || lastChar === 0x3b) return 'body'
  const short = wrap.wrapped ? firstText.length < wrap.fullLength : wordCount(firstText) <= 30
  return short ? 'title' : 'body'
}

/** A line at least the wrap width long, without final punctuation, runs on into the next one. */
function continuesAfter(text: string, lines: LineTable, index: number, wrap: WrapProfile): boolean {
  if (!wrap.wrapped) return false
  const length = lines.length(index)
  if (length < wrap.fullLength || length > wrap.maxLength) return false
  if (!rangeEndsWithTerminator(text, lines.contentStart[index], lines.contentEnd[index])) return true
  // A full line that happens to end a sentence keeps its paragraph going when the next line follows directly.
  return index + 1 < lines.count && lines.length(index + 1) > 0
}

/**
 * Segments a whole document: paragraphs (with kind) and sentences with their offsets into the
 * original text. Deterministic and linear in the length of the text.
 */
export function segmentText(text: string): Segmentation {
  const lines = lineTable(text)
  const wrap = wrapProfile(text, lines)
  const paragraphs: Paragraph[] = []
  const sentences: Sentence[] = []
  const members: number[] = []
  const pieceStarts: number[] = []
  const ranges: number[] = []

  let index = 0
  while (index < lines.count) {
    if (lines.length(index) === 0) {
      index++
      continue
    }
    members.length = 0
    members.push(index)
    let current = index
    while (continuesAfter(text, lines, current, wrap)) {
      const next = nextContentLine(lines, current)
      if (next < 0) break
      // Across a blank line, only an unfinished sentence continues.
      if (next > current + 1 && rangeEndsWithTerminator(text, lines.contentStart[current], lines.contentEnd[current])) break
      if (lines.length(next) > wrap.maxLength) break
      if (markerLengthAt(text, lines.contentStart[next], lines.contentEnd[next]) > 0) break
      members.push(next)
      current = next
    }
    const first = members[0]
    const last = members[members.length - 1]
    const kind = classify(text, lines, first, last, wrap)
    const paragraphIndex = paragraphs.length
    const paragraph: Paragraph = {
      kind,
      start: lines.contentStart[first],
      end: lines.contentEnd[last],
      line: first + 1,
      endLine: last + 1,
      sentences: []
    }

    // Join the member lines with one space, remembering where each piece starts in the join.
    let joined: string
    pieceStarts.length = 0
    if (members.length === 1) {
      joined = text.slice(lines.contentStart[first], lines.contentEnd[first])
      pieceStarts.push(0)
    } else {
      const parts: string[] = []
      let length = 0
      for (const member of members) {
        pieceStarts.push(length)
        parts.push(text.slice(lines.contentStart[member], lines.contentEnd[member]))
        length += lines.length(member) + 1
      }
      joined = parts.join(' ')
    }
    const markerLength = kind === 'list' ? markerLengthAt(text, lines.contentStart[first], lines.contentEnd[first]) : 0
    ranges.length = 0
    scanSentences(joined, markerLength, ranges)
    let piece = 0
    for (let k = 0; k < ranges.length; k += 2) {
      const start = ranges[k]
      const end = ranges[k + 1]
      // Sentences come in order, so the piece index only moves forward.
      while (piece + 1 < pieceStarts.length && pieceStarts[piece + 1] <= start) piece++
      let endPiece = piece
      while (endPiece + 1 < pieceStarts.length && pieceStarts[endPiece + 1] <= end - 1) endPiece++
      const startLine = members[piece]
      const endLine = members[endPiece]
      const sentence: Sentence = {
        text: joined.slice(start, end),
        start: lines.contentStart[startLine] + (start - pieceStarts[piece]),
        end: lines.contentStart[endLine] + (end - pieceStarts[endPiece]),
        line: startLine + 1,
        endLine: endLine + 1,
        paragraph: paragraphIndex
      }
      paragraph.sentences.push(sentence)
      sentences.push(sentence)
    }
    paragraphs.push(paragraph)
    index = last + 1
  }
  return { paragraphs, sentences, wrap }
}

/** Paragraphs as lists of sentence texts: what the document model stores. */
export function segmentParagraphs(text: string): SegmentedParagraph[] {
  return segmentText(text).paragraphs.map((paragraph) => ({ sentences: paragraph.sentences.map((sentence) => sentence.text) }))
}

/** Sentence texts of a document, in order. */
export function segmentSentences(text: string): string[] {
  return segmentText(text).sentences.map((sentence) => sentence.text)
}

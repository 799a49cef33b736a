import type { SegmentedParagraph } from '../model'
import { isBoilerplate } from './boilerplate'
import { isLineBreak, isAsciiAlnum, rangeEndsWithTerminator, isCloser, isDigit, isLetter, isOpener, isSpace, isTerminator, isWordChar } from './chars'

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
  if (
    first === 0x28 ||
    first === 0x5b ||
    first === 0x2d ||
    first === 0x2a ||
    (first >= 0x2010 && first <= 0x2022) ||
    (first >= 0x25a0 && first <= 0x27ff) ||
    first === 0xb7
  )
    return true
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

const LATIN_ABBREVIATIONS = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'prof',
  'st',
  'jr',
  'sr',
  'vs',
  'etc',
  'inc',
  'ltd',
  'co',
  'no',
  'fig',
  'al',
  'eg',
  'ie',
  'cf',
  'vol',
  'pp',
  'ed'
])

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
    if (isLetter(next)) {
      // A period glued between letters ends a sentence (ادامه دهیم.وی) unless it is a short
      // abbreviation (پی.اس.جی, اس.خوزستان): two letters before it, or a short piece and another
      // period after it.
      if (index - wordStart <= 2 && !SHORT_FINAL_WORDS.has(text.slice(wordStart, index))) return false
      let pieceEnd = index + 1
      while (pieceEnd < text.length && isLetter(text.charCodeAt(pieceEnd))) pieceEnd++
      if (pieceEnd - index - 1 <= 3 && text.charCodeAt(pieceEnd) === 0x2e) return false
    }
  }
  return true
}

/** Two-letter words that end sentences (شد.وی), unlike the pieces of an abbreviation. */
const SHORT_FINAL_WORDS = new Set(['شد', 'زد', 'کن', 'رو', 'بد', 'ما', 'او', 'تو', 'من', 'ها', 'نه', 'جا'])

/** A footnote marker after a sentence's end, `(2)` or `[3]`: it belongs to that sentence. */
function footnoteLength(text: string, from: number, to: number): number {
  let i = from
  while (i < to && isSpace(text.charCodeAt(i))) i++
  const open = text.charCodeAt(i)
  if (open !== 0x28 && open !== 0x5b) return 0
  let j = i + 1
  while (j < to && j - i <= 3 && isDigit(text.charCodeAt(j))) j++
  if (j === i + 1 || j - i > 4) return 0
  const close = text.charCodeAt(j)
  if ((open === 0x28 && close !== 0x29) || (open === 0x5b && close !== 0x5d)) return 0
  const after = j + 1 < to ? text.charCodeAt(j + 1) : -1
  return after === -1 || isBlank(after) ? j + 1 - from : 0
}

/** An ellipsis right after the conjunction و means "and so on", not the end of a sentence. */
function ellipsisAfterAnd(text: string, index: number): boolean {
  let i = index - 1
  while (i >= 0 && (isSpace(text.charCodeAt(i)) || isLineBreak(text.charCodeAt(i)))) i--
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

/** Positions of every terminator and straight quote, found in one native regex pass. */
interface StopList {
  positions: Int32Array
  count: number
  /** Index of the first stop not consumed yet; paragraphs are scanned in order. */
  cursor: number
}

function findStops(text: string): StopList {
  let positions = new Int32Array(Math.max(16, text.length >> 6))
  let count = 0
  SCAN_STOP.lastIndex = 0
  // test() instead of exec(): no match array per stop; every stop is one character.
  while (SCAN_STOP.test(text)) {
    if (count === positions.length) {
      const bigger = new Int32Array(positions.length * 2)
      bigger.set(positions)
      positions = bigger
    }
    positions[count++] = SCAN_STOP.lastIndex - 1
  }
  return { positions, count, cursor: 0 }
}

function isBlank(code: number): boolean {
  return isSpace(code) || isLineBreak(code)
}

/**
 * Sentence ranges [start, end) in a single paragraph. Terminators . ! ? ؟ … end a sentence
 * before white space, a letter (glued sentences), an opening quote or the paragraph's end;
 * closing quotes and brackets stay with the sentence they close.
 */
export function sentenceRanges(paragraph: string, scanFrom = 0): Array<[number, number]> {
  const flat: number[] = []
  scanSentences(paragraph, 0, paragraph.length, scanFrom, findStops(paragraph), flat)
  const ranges: Array<[number, number]> = []
  for (let k = 0; k < flat.length; k += 2) ranges.push([flat[k], flat[k + 1]])
  return ranges
}

/**
 * Scans text[from, to) (one paragraph; line breaks inside count as spaces) and appends sentence
 * start, end pairs to `ranges`. Only the precomputed stops are visited, so ordinary letters cost
 * nothing and no joined copy of the paragraph is needed.
 */
function scanSentences(text: string, from: number, to: number, scanFrom: number, stops: StopList, ranges: number[]): void {
  let sentenceStart = from
  while (sentenceStart < to && isBlank(text.charCodeAt(sentenceStart))) sentenceStart++
  // Straight quotes counted over the whole paragraph: a quotation can span sentences, and its
  // closing " stays with the sentence it ends.
  let straightQuotes = 0
  const first = ranges.length
  let position = Math.max(scanFrom, sentenceStart)
  const positions = stops.positions
  for (;;) {
    while (stops.cursor < stops.count && positions[stops.cursor] < position) stops.cursor++
    if (stops.cursor >= stops.count || positions[stops.cursor] >= to) break
    const i = positions[stops.cursor]
    position = i + 1
    const code = text.charCodeAt(i)
    if (code === 0x22) {
      straightQuotes++
      continue
    }
    let runEnd = i + 1
    while (runEnd < to && isTerminator(text.charCodeAt(runEnd))) runEnd++
    position = runEnd
    if (runEnd === i + 1 && code === 0x2e && !periodCanEnd(text, i)) continue
    if (
      code !== 0x2e &&
      runEnd === i + 1 &&
      isAsciiAlnum(text.charCodeAt(i + 1)) &&
      (isAsciiAlnum(text.charCodeAt(i - 1)) || text.charCodeAt(i - 1) === 0x2f)
    ) {
      continue // a ? or ! inside a URL query
    }
    const isEllipsis = code === 0x2026 || (code === 0x2e && runEnd - i >= 3)
    if (isEllipsis && ellipsisAfterAnd(text, i)) continue
    let end = runEnd
    while (end < to) {
      const closer = text.charCodeAt(end)
      if (isCloser(closer)) end++
      else if (closer === 0x22 && straightQuotes % 2 === 1 && !isLetter(end + 1 < to ? text.charCodeAt(end + 1) : -1)) {
        // An open quotation closes here; a quote glued to the next word opens it instead.
        straightQuotes++
        end++
      } else break
    }
    end += footnoteLength(text, end, to)
    position = end
    const next = end < to ? text.charCodeAt(end) : -1
    const boundary = next === -1 || isBlank(next) || isLetter(next) || isOpener(next) || next === 0x22
    if (!boundary || !hasContentBetween(text, sentenceStart, i)) continue
    ranges.push(sentenceStart, end)
    sentenceStart = end
    while (sentenceStart < to && isBlank(text.charCodeAt(sentenceStart))) sentenceStart++
    position = sentenceStart
  }
  let tail = to
  while (tail > sentenceStart && isBlank(text.charCodeAt(tail - 1))) tail--
  if (tail <= sentenceStart) return
  // A sentence needs letters or digits: a leftover quote, mark or footnote joins the sentence
  // before it, and a paragraph of nothing else (a row of asterisks) yields no sentence.
  if (!hasContentBetween(text, sentenceStart, tail) || footnoteLength(text, sentenceStart, tail) === tail - sentenceStart) {
    if (ranges.length > first) ranges[ranges.length - 1] = tail
    return
  }
  ranges.push(sentenceStart, tail)
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

/** Receives the structure of a document as it is scanned, without intermediate objects. */
interface DocumentVisitor {
  paragraph(kind: ParagraphKind, start: number, end: number, firstLine: number, lastLine: number): void
  /** `lineIndexes[piece..endPiece]` are the 0-based lines the sentence spans. */
  sentence(start: number, end: number, lineIndexes: readonly number[], piece: number, endPiece: number): void
}

/** Paragraph reconstruction and sentence scanning for a whole document, in one linear pass. */
function scanDocument(text: string, lines: LineTable, wrap: WrapProfile, visitor: DocumentVisitor): void {
  const members: number[] = []
  const ranges: number[] = []
  const stops = findStops(text)
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
    const start = lines.contentStart[first]
    const end = lines.contentEnd[last]
    const markerLength = kind === 'list' ? markerLengthAt(text, start, lines.contentEnd[first]) : 0
    ranges.length = 0
    scanSentences(text, start, end, start + markerLength, stops, ranges)
    index = last + 1
    // Nothing to translate (a row of asterisks, a stray mark): not a paragraph.
    if (ranges.length === 0) continue
    visitor.paragraph(kind, start, end, first, last)
    let piece = 0
    for (let k = 0; k < ranges.length; k += 2) {
      const sentenceStart = ranges[k]
      const sentenceEnd = ranges[k + 1]
      // Sentences come in order, so the line index only moves forward.
      while (piece + 1 < members.length && lines.contentStart[members[piece + 1]] <= sentenceStart) piece++
      let endPiece = piece
      while (endPiece + 1 < members.length && lines.contentStart[members[endPiece + 1]] < sentenceEnd) endPiece++
      visitor.sentence(sentenceStart, sentenceEnd, members, piece, endPiece)
    }
  }
}

/**
 * A sentence's text: wrapped lines joined by one space, built as one flat string (a rope of
 * slices would leave the garbage collector many small objects to trace in long documents).
 */
function sentenceText(
  text: string,
  lines: LineTable,
  start: number,
  end: number,
  members: readonly number[],
  piece: number,
  endPiece: number
): string {
  if (piece === endPiece) return text.slice(start, end)
  const parts = [text.slice(start, lines.contentEnd[members[piece]])]
  for (let p = piece + 1; p < endPiece; p++) parts.push(text.slice(lines.contentStart[members[p]], lines.contentEnd[members[p]]))
  parts.push(text.slice(lines.contentStart[members[endPiece]], end))
  return parts.join(' ')
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
  let paragraph: Paragraph | null = null
  scanDocument(text, lines, wrap, {
    paragraph(kind, start, end, firstLine, lastLine) {
      paragraph = { kind, start, end, line: firstLine + 1, endLine: lastLine + 1, sentences: [] }
      paragraphs.push(paragraph)
    },
    sentence(start, end, members, piece, endPiece) {
      const sentence: Sentence = {
        text: sentenceText(text, lines, start, end, members, piece, endPiece),
        start,
        end,
        line: members[piece] + 1,
        endLine: members[endPiece] + 1,
        paragraph: paragraphs.length - 1
      }
      paragraph!.sentences.push(sentence)
      sentences.push(sentence)
    }
  })
  return { paragraphs, sentences, wrap }
}

/**
 * Sentence offsets only, as start, end pairs in one typed array: the same segmentation as
 * segmentText without building an object per sentence (for counting, progress and huge input).
 */
export function sentenceOffsets(text: string): Int32Array {
  const lines = lineTable(text)
  let offsets = new Int32Array(Math.max(16, text.length >> 5))
  let count = 0
  scanDocument(text, lines, wrapProfile(text, lines), {
    paragraph() {},
    sentence(start, end) {
      if (count + 2 > offsets.length) {
        const bigger = new Int32Array(offsets.length * 2)
        bigger.set(offsets)
        offsets = bigger
      }
      offsets[count++] = start
      offsets[count++] = end
    }
  })
  return offsets.slice(0, count)
}

/**
 * Paragraphs as lists of sentence texts: what the document model stores. Built straight from the
 * scan, without segmentText's object per sentence and per paragraph, which on a 100 MB import
 * would be hundreds of thousands of objects made only to be thrown away.
 */
export function segmentParagraphs(text: string): SegmentedParagraph[] {
  const lines = lineTable(text)
  const paragraphs: SegmentedParagraph[] = []
  // Sentences gather here and each paragraph gets an exact-size copy: an array grown by push
  // keeps room for 17, which for paragraphs of one to three sentences is most of its memory.
  const sentences: string[] = []
  const close = (): void => {
    if (paragraphs.length > 0) paragraphs[paragraphs.length - 1].sentences = sentences.slice()
    sentences.length = 0
  }
  scanDocument(text, lines, wrapProfile(text, lines), {
    paragraph() {
      close()
      paragraphs.push({ sentences: [] })
    },
    sentence(start, end, members, piece, endPiece) {
      sentences.push(sentenceText(text, lines, start, end, members, piece, endPiece))
    }
  })
  close()
  return paragraphs
}

/** Sentence texts of a document, in order. */
export function segmentSentences(text: string): string[] {
  const lines = lineTable(text)
  const sentences: string[] = []
  scanDocument(text, lines, wrapProfile(text, lines), {
    paragraph() {},
    sentence(start, end, members, piece, endPiece) {
      sentences.push(sentenceText(text, lines, start, end, members, piece, endPiece))
    }
  })
  return sentences
}

/**
 * Rebuilds lines and paragraphs from positioned PDF text items. PDF text has no reading order of
 * its own: producers write glyphs in visual order (Chromium writes a right-to-left line glyph by
 * glyph from left to right), so concatenating items reverses Persian word groups. Here items are
 * grouped into lines by baseline, ordered right to left on right-to-left lines (left-to-right runs
 * such as Latin names and numbers keep their own order), and lines into paragraphs by spacing.
 */

export interface PositionedItem {
  str: string
  /** Left edge and baseline of the item, in PDF units (y grows upwards). */
  x: number
  y: number
  width: number
  /** Font size (the height of the text's em square). */
  size: number
}

export interface PdfLine {
  text: string
  y: number
  size: number
  left: number
  right: number
  rtl: boolean
}

const ARABIC_LETTER = /[\u0600-\u065F\u066E-\u06D3\u06D5\u06EE-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]/u
const ARABIC_LETTERS = /[\u0600-\u065F\u066E-\u06D3\u06D5\u06EE-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]/gu
const OTHER_LETTERS = /[^\P{L}\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]/gu
/** Left-to-right material inside a right-to-left line: other scripts' letters and all digits, Persian ones too. */
const LEFT_TO_RIGHT = /[\p{Nd}]|[^\P{L}\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]/u

/** Glyphs a right-to-left line shows mirrored; the PDF records the mirrored glyph's character. */
const MIRRORED: Record<string, string> = {
  '(': ')',
  ')': '(',
  '[': ']',
  ']': '[',
  '{': '}',
  '}': '{',
  '<': '>',
  '>': '<',
  '«': '»',
  '»': '«',
  '‹': '›',
  '›': '‹'
}

/**
 * Punctuation-only items on a right-to-left line hold their glyphs in visual order (`".` for
 * `."`), and brackets as the mirrored glyph shown; read them right to left and unmirror them.
 * Items with letters already come in logical order from pdf.js.
 */
function readNeutralRightToLeft(text: string): string {
  return Array.from(text)
    .reverse()
    .map((character) => MIRRORED[character] ?? character)
    .join('')
}

type Strength = 'rtl' | 'ltr' | 'neutral'

function strength(text: string): Strength {
  if (ARABIC_LETTER.test(text)) return 'rtl'
  if (LEFT_TO_RIGHT.test(text)) return 'ltr'
  return 'neutral'
}

function letterCounts(items: PositionedItem[]): { arabic: number; other: number } {
  let arabic = 0
  let other = 0
  for (const item of items) {
    arabic += item.str.match(ARABIC_LETTERS)?.length ?? 0
    other += item.str.match(OTHER_LETTERS)?.length ?? 0
  }
  return { arabic, other }
}

/**
 * A line's direction. On a mostly Persian page a line with Persian in it belongs to a right-to-left
 * paragraph even when Latin names outweigh it, unless Latin clearly dominates.
 */
function isRightToLeftLine(items: PositionedItem[], persianPage: boolean): boolean {
  const { arabic, other } = letterCounts(items)
  if (arabic === 0) return false
  return persianPage ? arabic * 4 >= other : arabic >= other
}

const center = (item: PositionedItem): number => item.x + item.width / 2

/**
 * Orders one line's items for reading. Right-to-left lines: by position from the right, then each
 * run of left-to-right items (with the spaces and punctuation between them) turned back to
 * left-to-right order, and mirrored brackets and guillemets restored.
 */
export function orderLineItems(items: PositionedItem[], rtl: boolean): PositionedItem[] {
  if (!rtl) return [...items].sort((a, b) => center(a) - center(b))
  const visual = [...items].sort((a, b) => center(b) - center(a))
  const strengths = visual.map((item) => strength(item.str))
  // Neutrals between two left-to-right items belong to their run (the space in "Sahil Babayev", the dot in "28.4").
  const inRun = strengths.map((value) => value === 'ltr')
  for (let i = 0; i < visual.length; i++) {
    if (strengths[i] !== 'neutral') continue
    let before = i - 1
    while (before >= 0 && strengths[before] === 'neutral') before--
    let after = i + 1
    while (after < visual.length && strengths[after] === 'neutral') after++
    inRun[i] = before >= 0 && after < visual.length && strengths[before] === 'ltr' && strengths[after] === 'ltr'
  }
  const ordered: PositionedItem[] = []
  for (let i = 0; i < visual.length;) {
    if (!inRun[i]) {
      const item = visual[i]
      ordered.push(strengths[i] === 'neutral' ? { ...item, str: readNeutralRightToLeft(item.str) } : item)
      i++
      continue
    }
    let end = i
    while (end < visual.length && inRun[end]) end++
    ordered.push(...visual.slice(i, end).reverse())
    i = end
  }
  return ordered
}

/** Joins ordered items, adding a space where the PDF leaves a visible gap but writes no space. */
function joinItems(items: PositionedItem[]): string {
  let text = ''
  let previous: PositionedItem | undefined
  for (const item of items) {
    if (previous) {
      const gap = Math.max(item.x - (previous.x + previous.width), previous.x - (item.x + item.width))
      const spaced = /\s$/.test(text) || /^\s/.test(item.str)
      if (!spaced && gap > 0.18 * Math.max(item.size, previous.size)) text += ' '
    }
    text += item.str
    previous = item
  }
  return text.replace(/\s+/g, ' ').trim()
}

/** Groups items into lines by baseline, top of the page first. */
export function buildLines(items: PositionedItem[]): PdfLine[] {
  const usable = items.filter((item) => item.str.length > 0 && Number.isFinite(item.x) && Number.isFinite(item.y))
  const sorted = [...usable].sort((a, b) => b.y - a.y || a.x - b.x)
  const groups: PositionedItem[][] = []
  let current: PositionedItem[] = []
  let lineY = Number.NaN
  let lineSize = 0
  for (const item of sorted) {
    const size = item.size > 0 ? item.size : lineSize
    // Spaces often come with no height; they join whatever line their baseline matches.
    if (current.length > 0 && Math.abs(item.y - lineY) <= 0.4 * Math.max(size, lineSize, 1)) {
      current.push(item)
      if (item.str.trim().length > 0) lineSize = Math.max(lineSize, item.size)
      continue
    }
    if (current.length > 0) groups.push(current)
    current = [item]
    lineY = item.y
    lineSize = item.str.trim().length > 0 ? item.size : 0
  }
  if (current.length > 0) groups.push(current)

  const page = letterCounts(usable)
  const persianPage = page.arabic > 0 && page.arabic >= page.other
  const lines: PdfLine[] = []
  for (const group of groups) {
    const rtl = isRightToLeftLine(group, persianPage)
    const text = joinItems(orderLineItems(group, rtl))
    if (text.length === 0) continue
    const visible = group.filter((item) => item.str.trim().length > 0)
    lines.push({
      text,
      y: group[0].y,
      size: Math.max(...visible.map((item) => item.size), 0),
      left: Math.min(...visible.map((item) => item.x)),
      right: Math.max(...visible.map((item) => item.x + item.width)),
      rtl
    })
  }
  return lines
}

function median(values: number[]): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

const ENDS_SENTENCE = /[.!?؟…:»"”)]$/u
const PAGE_NUMBER = /^[\d۰-۹٠-٩\s\-–—/|]+$|^(?:page|صفحه)\s*[\d۰-۹٠-٩]+/iu

/**
 * Groups one page's lines into paragraphs: a new paragraph starts after a vertical gap clearly
 * larger than the usual line spacing, at a change of font size (a heading), and after a short line
 * (the end of a paragraph, or a title). Lines of a paragraph are joined with a space.
 */
export function buildParagraphs(lines: PdfLine[]): string[] {
  const content = lines.filter((line) => !PAGE_NUMBER.test(line.text))
  if (content.length === 0) return []
  // Usual line spacing per font size: headings are set with wider spacing than body text.
  const sizeKey = (line: PdfLine): number => Math.round(line.size * 2)
  const spacingsBySize = new Map<number, number[]>()
  for (let i = 1; i < content.length; i++) {
    const gap = content[i - 1].y - content[i].y
    if (gap > 0 && sizeKey(content[i]) === sizeKey(content[i - 1])) {
      const list = spacingsBySize.get(sizeKey(content[i])) ?? []
      list.push(gap)
      spacingsBySize.set(sizeKey(content[i]), list)
    }
  }
  const usualSpacing = (line: PdfLine): number => {
    const measured = median(spacingsBySize.get(sizeKey(line)) ?? [])
    const samples = spacingsBySize.get(sizeKey(line))?.length ?? 0
    // With few lines of a size, a measured gap may itself be a paragraph gap; cap it at a loose line height.
    return samples >= 3 ? measured : Math.min(Number.isFinite(measured) ? measured : Infinity, 1.6 * line.size)
  }
  // Full line width per font size, so a two-line heading is not taken for two short lines.
  const fullWidths = new Map<number, number>()
  for (const line of content) fullWidths.set(sizeKey(line), Math.max(fullWidths.get(sizeKey(line)) ?? 0, line.right - line.left))
  const paragraphs: string[] = []
  let current: string[] = [content[0].text]
  for (let i = 1; i < content.length; i++) {
    const previous = content[i - 1]
    const line = content[i]
    const gap = previous.y - line.y
    const sizeChange = Math.abs(line.size - previous.size) > 0.12 * Math.max(line.size, previous.size)
    const wideGap = gap > usualSpacing(line) * 1.35
    const previousWidth = previous.right - previous.left
    const fullWidth = fullWidths.get(sizeKey(previous)) ?? previousWidth
    const shortEnding = previousWidth < fullWidth * 0.8 && ENDS_SENTENCE.test(previous.text)
    const title = previousWidth < fullWidth * 0.6 && !ENDS_SENTENCE.test(previous.text)
    if (sizeChange || wideGap || gap < 0 || shortEnding || title) {
      paragraphs.push(current.join(' '))
      current = []
    }
    current.push(line.text)
  }
  paragraphs.push(current.join(' '))
  return paragraphs
}

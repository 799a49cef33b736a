/**
 * Span tags in the page: cutting text into pieces by the spans that cover them, finding where a
 * selection sits in a sentence, and turning the English editor's marks into stored spans and back.
 */
import type { JSONContent } from '@tiptap/core'
import { codeChar, codeIndex } from '../../../../core/formats/inline-codes'
import type { SpanTag } from '../../../../core/model'

export interface TextPiece {
  start: number
  end: number
  text: string
  spans: SpanTag[]
  /** Inside a search match. */
  match: boolean
  /** Inside a termbase term: its English, for the hover. */
  term?: string
}

/** Cuts text at every span, match and term boundary, so each piece has one set of spans over it. */
export function piecesOf(
  text: string,
  spans: readonly SpanTag[],
  matches: ReadonlyArray<{ start: number; end: number }> = [],
  terms: ReadonlyArray<{ start: number; end: number; title: string }> = []
): TextPiece[] {
  const cuts = new Set<number>([0, text.length])
  for (const span of spans) {
    cuts.add(Math.max(0, Math.min(text.length, span.start)))
    cuts.add(Math.max(0, Math.min(text.length, span.end)))
  }
  for (const match of [...matches, ...terms]) {
    cuts.add(Math.max(0, Math.min(text.length, match.start)))
    cuts.add(Math.max(0, Math.min(text.length, match.end)))
  }
  const points = [...cuts].sort((a, b) => a - b)
  const pieces: TextPiece[] = []
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i]
    const end = points[i + 1]
    if (start === end) continue
    const term = terms.find((hit) => hit.start <= start && hit.end >= end)
    pieces.push({
      start,
      end,
      text: text.slice(start, end),
      spans: spans.filter((span) => span.start <= start && span.end >= end),
      match: matches.some((match) => match.start <= start && match.end >= end),
      ...(term ? { term: term.title } : {})
    })
  }
  return pieces
}

/**
 * Where the user's selection lies in one sentence element, as offsets into its text; null when
 * the selection is empty or not wholly inside that element.
 */
export function selectionInElement(element: Element, selection: Selection | null): { start: number; end: number } | null {
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null
  const range = selection.getRangeAt(0)
  if (!element.contains(range.startContainer) || !element.contains(range.endContainer)) return null
  const before = document.createRange()
  before.selectNodeContents(element)
  before.setEnd(range.startContainer, range.startOffset)
  const start = before.toString().length
  return { start, end: start + range.toString().length }
}

/** The caret's offset in a sentence element (collapsed selection), for splitting there. */
export function caretInElement(element: Element, selection: Selection | null): number | null {
  if (!selection || selection.rangeCount === 0) return null
  const range = selection.getRangeAt(0)
  if (!element.contains(range.startContainer)) return null
  const before = document.createRange()
  before.selectNodeContents(element)
  before.setEnd(range.startContainer, range.startOffset)
  return before.toString().length
}

/** The stored English text and spans as the editor's document: one paragraph a line, spans as marks. */
export function editorContentFor(text: string, spans: readonly SpanTag[]): JSONContent {
  const lines = text.split('\n')
  let offset = 0
  const content: JSONContent[] = lines.map((line) => {
    const lineStart = offset
    offset += line.length + 1
    const lineSpans = spans
      .filter((span) => span.end > lineStart && span.start < lineStart + line.length)
      .map((span) => ({ ...span, start: Math.max(0, span.start - lineStart), end: Math.min(line.length, span.end - lineStart) }))
    const nodes: JSONContent[] = piecesOf(line, lineSpans).flatMap((piece) => {
      const marks =
        piece.spans.length > 0
          ? { marks: piece.spans.map((span) => ({ type: 'tag', attrs: { tag: span.tag, spanId: span.id, link: span.link ?? null } })) }
          : {}
      // Inline codes of the original file are atoms of their own, one per private-use character.
      return piece.text
        .split(/([\uE000-\uF8FF])/)
        .filter(Boolean)
        .map((part) => (codeIndex(part) >= 0 ? { type: 'inlineCode', attrs: { index: codeIndex(part) } } : { type: 'text', text: part, ...marks }))
    })
    return nodes.length > 0 ? { type: 'paragraph', content: nodes } : { type: 'paragraph' }
  })
  return { type: 'doc', content }
}

export interface EditorSpan {
  id?: string
  tag: string
  start: number
  end: number
}

/** Reads text and spans back from the editor's document; pieces of one span are joined. */
export function textAndSpansOf(doc: JSONContent): { text: string; spans: EditorSpan[] } {
  let text = ''
  const spans = new Map<string, EditorSpan>()
  const loose: EditorSpan[] = []
  ;(doc.content ?? []).forEach((paragraph, index) => {
    if (index > 0) text += '\n'
    for (const node of paragraph.content ?? []) {
      if (node.type === 'inlineCode') {
        text += codeChar(Number(node.attrs?.index ?? 0))
        continue
      }
      if (node.type !== 'text' || !node.text) continue
      const start = text.length
      text += node.text
      for (const mark of node.marks ?? []) {
        if (mark.type !== 'tag' || !mark.attrs?.tag) continue
        const id = mark.attrs.spanId as string | null
        const existing = id ? spans.get(id) : undefined
        if (existing && existing.end === start) existing.end = text.length
        else if (id && !existing) spans.set(id, { id, tag: mark.attrs.tag as string, start, end: text.length })
        else loose.push({ tag: mark.attrs.tag as string, start, end: text.length })
      }
    }
  })
  return { text, spans: [...spans.values(), ...loose] }
}

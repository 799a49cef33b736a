import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect } from 'vitest'
import { createDocument, type HamtaDocument, type Row, type SpanTag } from '../../../src/core/model'
import { validateDocument } from '../../../src/core/schema'
import { segmentParagraphs } from '../../../src/core/text/segment'

export const now = '2026-03-01T10:00:00.000Z'
export const later = '2026-03-02T10:00:00.000Z'

export const samplePath = join(process.cwd(), 'resources', 'samples', '003_1f132d0afecd6292.txt')

/** Freezes a value and everything in it, so a function that mutates its input throws. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const child of Object.values(value as Record<string, unknown>)) deepFreeze(child)
  }
  return value
}

/** The real news text, one row per sentence, frozen. */
export function sampleDocument(): HamtaDocument {
  const text = readFileSync(samplePath, 'utf8')
  return deepFreeze(
    createDocument({ id: 'doc-003', now, fileName: '003.txt', encoding: 'UTF-8', originalText: text, paragraphs: segmentParagraphs(text) })
  )
}

export function smallDocument(paragraphs: string[][]): HamtaDocument {
  return deepFreeze(
    createDocument({
      id: 'doc-small',
      now,
      fileName: 'small.txt',
      encoding: 'UTF-8',
      originalText: paragraphs.map((sentences) => sentences.join(' ')).join('\n\n'),
      paragraphs: paragraphs.map((sentences) => ({ sentences }))
    })
  )
}

/** Replaces rows by index with changes, keeping the document frozen (test set-up only). */
export function withRows(doc: HamtaDocument, changes: Record<number, Partial<Row>>): HamtaDocument {
  return deepFreeze({ ...doc, rows: doc.rows.map((row, index) => (changes[index] ? { ...row, ...changes[index] } : row)) })
}

/** Text under a Persian span, found by id anywhere in the document. */
export function sourceSpanText(doc: HamtaDocument, spanId: string): string {
  for (const row of doc.rows) {
    for (const sentence of row.source) {
      const span = sentence.spans.find((candidate) => candidate.id === spanId)
      if (span) return sentence.text.slice(span.start, span.end)
    }
  }
  throw new Error(`no Persian span ${spanId}`)
}

export function sourceSpan(doc: HamtaDocument, spanId: string): SpanTag | undefined {
  for (const row of doc.rows) for (const sentence of row.source) for (const span of sentence.spans) if (span.id === spanId) return span
  return undefined
}

export function targetSpan(doc: HamtaDocument, spanId: string): SpanTag | undefined {
  for (const row of doc.rows) for (const span of row.targetSpans) if (span.id === spanId) return span
  return undefined
}

/**
 * The document validates, and the span invariants hold: every span is non-empty and inside its
 * text, span ids are unique, and every link has a partner on the other side of the same row that
 * links back.
 */
export function expectSound(doc: HamtaDocument): HamtaDocument {
  const validation = validateDocument(doc)
  expect(validation.ok ? 'ok' : validation.problem).toBe('ok')
  const ids = new Set<string>()
  for (const row of doc.rows) {
    const persian = new Map<string, SpanTag>()
    for (const sentence of row.source) {
      for (const span of sentence.spans) {
        expect(span.start, `${span.id} start`).toBeGreaterThanOrEqual(0)
        expect(span.end, `${span.id} end`).toBeLessThanOrEqual(sentence.text.length)
        expect(span.end, `${span.id} non-empty`).toBeGreaterThan(span.start)
        expect(ids.has(span.id), `${span.id} unique`).toBe(false)
        ids.add(span.id)
        persian.set(span.id, span)
      }
    }
    const english = new Map<string, SpanTag>()
    for (const span of row.targetSpans) {
      expect(span.end, `${span.id} end`).toBeLessThanOrEqual(row.target.length)
      expect(span.end, `${span.id} non-empty`).toBeGreaterThan(span.start)
      expect(ids.has(span.id), `${span.id} unique`).toBe(false)
      ids.add(span.id)
      english.set(span.id, span)
    }
    for (const span of persian.values()) if (span.link !== undefined) expect(english.get(span.link)?.link, `link of ${span.id}`).toBe(span.id)
    for (const span of english.values()) if (span.link !== undefined) expect(persian.get(span.link)?.link, `link of ${span.id}`).toBe(span.id)
  }
  return doc
}

/** Calls `action` and returns the UserError it throws (fails the test otherwise). */
export function userError(action: () => unknown): { message: string; code: string } {
  try {
    action()
  } catch (error) {
    expect((error as Error).name).toBe('UserError')
    return error as { message: string; code: string }
  }
  throw new Error('expected a UserError')
}

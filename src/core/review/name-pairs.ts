import type { GlossaryPair } from '../align/anchors'
import type { HamtaDocument } from '../model'

/**
 * Persian–English pairs the user has linked (a name and its transliteration), as a glossary the
 * aligner can use: what was linked once helps pair the next article's sentences.
 */
export function linkedNamePairs(documents: Iterable<HamtaDocument>, limit = 5000): GlossaryPair[] {
  const pairs = new Map<string, GlossaryPair>()
  for (const doc of documents) {
    for (const row of doc.rows) {
      const targets = new Map(row.targetSpans.map((span) => [span.id, span]))
      for (const sentence of row.source) {
        for (const span of sentence.spans) {
          const partner = span.link ? targets.get(span.link) : undefined
          if (!partner) continue
          const source = sentence.text.slice(span.start, span.end).trim()
          const target = row.target.slice(partner.start, partner.end).trim()
          if (!source || !target) continue
          pairs.set(`${source}\u0000${target}`, { source, target })
          if (pairs.size >= limit) return [...pairs.values()]
        }
      }
    }
  }
  return [...pairs.values()]
}

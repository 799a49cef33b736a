/** Value helpers shared by the three-way merges: equality that ignores key order, stable hashes. */

/** Deep equality of JSON values; key order and keys holding `undefined` do not count. */
export function same(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  if (Array.isArray(a)) {
    const other = b as unknown[]
    return a.length === other.length && a.every((item, index) => same(item, other[index]))
  }
  const left = a as Record<string, unknown>
  const right = b as Record<string, unknown>
  const keys = new Set([...Object.keys(left), ...Object.keys(right)])
  for (const key of keys) if (!same(left[key], right[key])) return false
  return true
}

export type Merged<T> = { ok: true; value: T } | { ok: false }

/**
 * The classic rule: a side that did not change the value yields to the side that did; two
 * sides that made the same change agree. Anything else is a conflict.
 */
export function merge3<T>(base: T | undefined, ours: T, theirs: T): Merged<T> {
  if (same(ours, theirs)) return { ok: true, value: ours }
  if (base !== undefined && same(base, ours)) return { ok: true, value: theirs }
  if (base !== undefined && same(base, theirs)) return { ok: true, value: ours }
  return { ok: false }
}

/** JSON with keys sorted at every level: the same value always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null'
  if (value === null || typeof value !== 'object') return JSON.stringify(value)
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`
  const record = value as Record<string, unknown>
  const parts: string[] = []
  for (const key of Object.keys(record).sort()) {
    if (record[key] === undefined) continue
    parts.push(`${JSON.stringify(key)}:${canonicalJson(record[key])}`)
  }
  return `{${parts.join(',')}}`
}

/** A short stable hash (two FNV-1a passes), for ids that must come out the same on every machine. */
export function stableHash(text: string): string {
  let a = 0x811c9dc5
  let b = 0x01000193 ^ text.length
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    a = Math.imul(a ^ code, 0x01000193)
    b = Math.imul(b ^ code ^ (i & 0xff), 0x5bd1e995)
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0')
}

/** Later of two ISO timestamps. */
export function later(a: string, b: string): string {
  return a >= b ? a : b
}

/**
 * Three-way merge of string sets (row tags, dismissed cleanup proposals): what either side added
 * is kept, what either side removed goes. Never a conflict. Ours' order, then theirs' additions.
 */
export function mergeSet(base: readonly string[] | undefined, ours: readonly string[], theirs: readonly string[]): string[] {
  const inBase = new Set(base ?? [])
  const inOurs = new Set(ours)
  const inTheirs = new Set(theirs)
  const result: string[] = []
  for (const item of ours) if (!inBase.has(item) || inTheirs.has(item)) result.push(item)
  for (const item of theirs) if (!inBase.has(item) && !inOurs.has(item)) result.push(item)
  return result
}

export interface KeyedMerge<T> {
  /** Both sides changed the same item differently; return the item to keep. */
  both: (base: T | undefined, ours: T, theirs: T) => T
  /** Both sides added an item under the same id with different contents: keep theirs under a new id. */
  renamed: (theirs: T) => T
}

/**
 * Three-way merge of lists of items with ids (spans, comments, tags of the palette). Deleting an
 * item wins only over a side that left it as it was; an item one side changed survives the
 * other's deletion. Ours' order, then theirs' new items.
 */
export function mergeById<T extends { id: string }>(
  base: readonly T[] | undefined,
  ours: readonly T[],
  theirs: readonly T[],
  handlers: KeyedMerge<T>
): T[] {
  const baseById = new Map((base ?? []).map((item) => [item.id, item]))
  const theirsById = new Map(theirs.map((item) => [item.id, item]))
  const oursIds = new Set(ours.map((item) => item.id))
  const result: T[] = []
  const extra: T[] = []
  for (const item of ours) {
    const original = baseById.get(item.id)
    const other = theirsById.get(item.id)
    if (other) {
      const merged = merge3(original, item, other)
      if (merged.ok) result.push(merged.value)
      else if (!original) {
        result.push(item)
        extra.push(handlers.renamed(other))
      } else result.push(handlers.both(original, item, other))
    } else if (!original || !same(original, item)) {
      // Ours added it, or changed it while theirs deleted it: kept.
      result.push(item)
    }
  }
  for (const item of theirs) {
    if (oursIds.has(item.id)) continue
    const original = baseById.get(item.id)
    if (!original || !same(original, item)) result.push(item)
  }
  return [...result, ...extra]
}

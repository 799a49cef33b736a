/**
 * Merges of library files that are not documents (translation memory, termbase): line files
 * (one record a line) keep every record either side added; JSON files merge key by key. What
 * cannot merge is reported, so the caller can keep theirs' version beside ours.
 */
import { merge3, same } from './values'

/** Records added on either side are kept, a record removed on one side goes; order: ours, then theirs' new ones. */
export function mergeLines(base: string | undefined, ours: string, theirs: string): string {
  const split = (text: string): string[] => text.split('\n').filter((line, index, lines) => line !== '' || index < lines.length - 1)
  const baseLines = new Set(split(base ?? ''))
  const oursLines = split(ours)
  const theirsLines = split(theirs)
  const inOurs = new Set(oursLines)
  const inTheirs = new Set(theirsLines)
  const result: string[] = []
  for (const line of oursLines) if (!baseLines.has(line) || inTheirs.has(line)) result.push(line)
  for (const line of theirsLines) if (!baseLines.has(line) && !inOurs.has(line)) result.push(line)
  return result.length === 0 ? '' : `${result.join('\n')}\n`
}

export interface JsonMergeResult {
  value: unknown
  /** Paths where both sides changed the same value differently (ours kept). */
  conflicts: string[]
}

/** Objects merge key by key, arrays of `{id}` items by id; any other collision keeps ours. */
export function mergeJson(base: unknown, ours: unknown, theirs: unknown, path = ''): JsonMergeResult {
  const conflicts: string[] = []
  const isRecord = (value: unknown): value is Record<string, unknown> => !!value && typeof value === 'object' && !Array.isArray(value)
  const isKeyedList = (value: unknown): value is Array<{ id: string }> =>
    Array.isArray(value) && value.every((item) => isRecord(item) && typeof item.id === 'string')
  const quick = merge3(base, ours, theirs)
  if (quick.ok) return { value: quick.value, conflicts }
  if (isRecord(ours) && isRecord(theirs)) {
    const baseRecord = isRecord(base) ? base : {}
    const value: Record<string, unknown> = {}
    for (const key of new Set([...Object.keys(ours), ...Object.keys(theirs)])) {
      if (!(key in ours) && key in baseRecord && same(baseRecord[key], theirs[key])) continue
      if (!(key in theirs) && key in baseRecord && same(baseRecord[key], ours[key])) continue
      if (!(key in ours)) value[key] = theirs[key]
      else if (!(key in theirs)) value[key] = ours[key]
      else {
        const merged = mergeJson(baseRecord[key], ours[key], theirs[key], `${path}/${key}`)
        value[key] = merged.value
        conflicts.push(...merged.conflicts)
      }
    }
    return { value, conflicts }
  }
  if (isKeyedList(ours) && isKeyedList(theirs)) {
    const baseById = new Map((isKeyedList(base) ? base : []).map((item) => [item.id, item]))
    const theirsById = new Map(theirs.map((item) => [item.id, item]))
    const oursIds = new Set(ours.map((item) => item.id))
    const value: unknown[] = []
    for (const item of ours) {
      const other = theirsById.get(item.id)
      const original = baseById.get(item.id)
      if (other) {
        const merged = mergeJson(original, item, other, `${path}/${item.id}`)
        value.push(merged.value)
        conflicts.push(...merged.conflicts)
      } else if (!original || !same(original, item)) value.push(item)
    }
    for (const item of theirs) {
      const original = baseById.get(item.id)
      if (!oursIds.has(item.id) && (!original || !same(original, item))) value.push(item)
    }
    return { value, conflicts }
  }
  conflicts.push(path || '/')
  return { value: ours, conflicts }
}

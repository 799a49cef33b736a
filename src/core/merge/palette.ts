/** Three-way merges of the library's small files: the tag palette and settings. */
import type { TagDefinition } from '../review/palette'
import { merge3, mergeById } from './values'

/**
 * Tags added on either side are kept, a tag deleted on one side goes unless the other changed it,
 * and a tag's name, colour and shortcut merge on their own (ours wins a collision). The result is
 * a valid palette: names and shortcuts stay unique, so theirs' tag yields where they clash.
 */
export function mergePalette(
  base: readonly TagDefinition[] | undefined,
  ours: readonly TagDefinition[],
  theirs: readonly TagDefinition[]
): TagDefinition[] {
  const merged = mergeById(base, ours, theirs, {
    both: (original, mine, other) => {
      const field = <K extends keyof TagDefinition>(key: K): TagDefinition[K] => {
        const result = merge3(original?.[key], mine[key], other[key])
        return result.ok ? result.value : mine[key]
      }
      const tag: TagDefinition = { id: mine.id, name: field('name'), color: field('color') }
      const shortcut = field('shortcut')
      if (shortcut) tag.shortcut = shortcut
      return tag
    },
    // Tag ids come from names, so two sides adding the same id mean the same tag: ours' details win.
    renamed: (other) => other
  })
  const byId = new Map<string, TagDefinition>()
  for (const tag of merged) if (!byId.has(tag.id)) byId.set(tag.id, tag)
  const names = new Set<string>()
  const shortcuts = new Set<string>()
  const result: TagDefinition[] = []
  for (const tag of byId.values()) {
    let name = tag.name
    for (let n = 2; names.has(name.toLowerCase()); n++) name = `${tag.name} ${n}`
    names.add(name.toLowerCase())
    const next: TagDefinition = { ...tag, name }
    if (next.shortcut && shortcuts.has(next.shortcut)) delete next.shortcut
    if (next.shortcut) shortcuts.add(next.shortcut)
    result.push(next)
  }
  return result
}

/** Key by key: a setting changed on one side is taken; a collision keeps ours. */
export function mergeSettings<T extends Record<string, unknown>>(base: T | undefined, ours: T, theirs: T): T {
  const result: Record<string, unknown> = { ...ours }
  for (const key of new Set([...Object.keys(ours), ...Object.keys(theirs)])) {
    const merged = merge3(base?.[key], ours[key], theirs[key])
    if (merged.ok) {
      if (merged.value === undefined) delete result[key]
      else result[key] = merged.value
    }
  }
  return result as T
}

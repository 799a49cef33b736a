/**
 * The tag palette of a library: the tags translators and reviewers put on rows and on spans of
 * Persian and English text. Documents store only tag ids, so renaming or recolouring a tag
 * changes it everywhere at once; deleting one goes with `removeTagFromDocument` on each document.
 */
import { z } from 'zod'
import { UserError } from '../errors'
import type { HamtaDocument, SpanTag } from '../model'
import { dropLinksTo, nextId, rowSpans } from './rows'

export interface TagDefinition {
  id: string
  name: string
  /** `#rrggbb`, lower case. */
  color: string
  /** Normalized key combination such as `Alt+1` (see `normalizeShortcut`). */
  shortcut?: string
}

export type TagPalette = readonly TagDefinition[]

export const MAX_TAG_NAME_LENGTH = 40

/**
 * Defaults: the Okabe–Ito colours, which stay distinguishable with the common forms of colour
 * blindness; text on them should use `readableTextColor`.
 */
export const DEFAULT_PALETTE: TagPalette = Object.freeze(
  [
    { id: 'person', name: 'Person', color: '#0072b2', shortcut: 'Alt+1' },
    { id: 'organization', name: 'Organization', color: '#d55e00', shortcut: 'Alt+2' },
    { id: 'place', name: 'Place', color: '#009e73', shortcut: 'Alt+3' },
    { id: 'date-number', name: 'Date/Number', color: '#e69f00', shortcut: 'Alt+4' },
    { id: 'term', name: 'Term', color: '#cc79a7', shortcut: 'Alt+5' },
    { id: 'quote', name: 'Quote', color: '#56b4e9', shortcut: 'Alt+6' },
    { id: 'needs-review', name: 'Needs review', color: '#f0e442', shortcut: 'Alt+7' }
  ].map((tag) => Object.freeze(tag))
)

// ---------------------------------------------------------------------------------------------
// Validation helpers

/** `#rgb` or `#rrggbb` (any case) → `#rrggbb`; throws for anything else. */
export function normalizeColor(color: string): string {
  const value = color.trim().toLowerCase()
  if (/^#[0-9a-f]{6}$/.test(value)) return value
  if (/^#[0-9a-f]{3}$/.test(value)) return `#${value[1]}${value[1]}${value[2]}${value[2]}${value[3]}${value[3]}`
  throw new UserError(`"${color}" is not a colour; use a hex colour such as #0072b2.`, 'invalid-color')
}

/** Black or white, whichever reads better on `background` (WCAG relative luminance). */
export function readableTextColor(background: string): '#000000' | '#ffffff' {
  const hex = normalizeColor(background)
  const channel = (offset: number): number => {
    const value = parseInt(hex.slice(offset, offset + 2), 16) / 255
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4
  }
  const luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
  // Contrast with black is (L + 0.05) / 0.05, with white 1.05 / (L + 0.05); they are equal near 0.179.
  return luminance > 0.179 ? '#000000' : '#ffffff'
}

const MODIFIERS = ['Mod', 'Ctrl', 'Alt', 'Shift', 'Meta'] as const
const MODIFIER_ALIASES: Record<string, (typeof MODIFIERS)[number]> = {
  mod: 'Mod',
  cmdorctrl: 'Mod',
  ctrl: 'Ctrl',
  control: 'Ctrl',
  alt: 'Alt',
  option: 'Alt',
  opt: 'Alt',
  shift: 'Shift',
  meta: 'Meta',
  cmd: 'Meta',
  command: 'Meta',
  super: 'Meta'
}

/**
 * `alt+1`, `Shift + Ctrl + k` → `Alt+1`, `Ctrl+Shift+K`: modifiers in a fixed order, one key.
 * A shortcut needs Ctrl, Alt, Meta or Mod: a bare key (or Shift+key) would fire while typing.
 */
export function normalizeShortcut(shortcut: string): string {
  const parts = shortcut.split('+').map((part) => part.trim())
  // "Alt++" means Alt and the plus key.
  if (parts.length >= 2 && parts[parts.length - 1] === '' && parts[parts.length - 2] === '') parts.splice(parts.length - 2, 2, '+')
  const invalid = (why: string): UserError => new UserError(`"${shortcut}" is not a usable shortcut: ${why}.`, 'invalid-shortcut')
  if (parts.some((part) => part === '')) throw invalid('use the form Alt+1')
  const key = parts[parts.length - 1]
  const modifiers = new Set<(typeof MODIFIERS)[number]>()
  for (const part of parts.slice(0, -1)) {
    const modifier = MODIFIER_ALIASES[part.toLowerCase()]
    if (!modifier) throw invalid(`${part} is not a modifier key`)
    modifiers.add(modifier)
  }
  if (MODIFIER_ALIASES[key.toLowerCase()]) throw invalid('it has no key besides the modifiers')
  if ([...key].length !== 1 && !/^(F([1-9]|1[0-9]|2[0-4])|Digit[0-9]|Key[A-Z])$/i.test(key)) throw invalid(`${key} is not a single key`)
  if (!modifiers.has('Ctrl') && !modifiers.has('Alt') && !modifiers.has('Meta') && !modifiers.has('Mod')) {
    throw invalid('it needs Ctrl, Alt or Cmd, or it would fire while typing')
  }
  const normalizedKey = [...key].length === 1 ? key.toUpperCase() : key[0].toUpperCase() + key.slice(1)
  return [...MODIFIERS.filter((modifier) => modifiers.has(modifier)), normalizedKey].join('+')
}

function normalizeName(name: string): string {
  const value = name.trim().replace(/\s+/g, ' ')
  if (!value) throw new UserError('A tag needs a name.', 'empty')
  if (value.length > MAX_TAG_NAME_LENGTH) throw new UserError(`Tag names are at most ${MAX_TAG_NAME_LENGTH} characters long.`, 'too-long')
  return value
}

function nameKey(name: string): string {
  return name.toLocaleLowerCase()
}

function checkNameFree(palette: TagPalette, name: string, exceptId?: string): void {
  const clash = palette.find((tag) => tag.id !== exceptId && nameKey(tag.name) === nameKey(name))
  if (clash) throw new UserError(`There is already a tag named "${clash.name}".`, 'duplicate-name')
}

function checkShortcutFree(palette: TagPalette, shortcut: string, exceptId?: string): void {
  const clash = palette.find((tag) => tag.id !== exceptId && tag.shortcut === shortcut)
  if (clash) throw new UserError(`${shortcut} is already the shortcut of "${clash.name}".`, 'duplicate-shortcut')
}

function tagIndex(palette: TagPalette, id: string): number {
  const index = palette.findIndex((tag) => tag.id === id)
  if (index < 0) throw new UserError(`There is no tag with id ${id}.`, 'not-found')
  return index
}

function replaceTag(palette: TagPalette, index: number, tag: TagDefinition): TagDefinition[] {
  const next = palette.slice()
  next[index] = tag
  return next
}

/** An id derived from the name (`needs-review`), or `tag-N` for names without Latin letters. */
function idForName(palette: TagPalette, name: string): string {
  return freeIdForName(new Set(palette.map((tag) => tag.id)), name)
}

function freeIdForName(taken: ReadonlySet<string>, name: string): string {
  const slug = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
  if (slug && !taken.has(slug)) return slug
  if (slug) {
    for (let n = 2; ; n++) if (!taken.has(`${slug}-${n}`)) return `${slug}-${n}`
  }
  return nextId(taken, 'tag-')
}

// ---------------------------------------------------------------------------------------------
// Palette edits

export interface NewTag {
  name: string
  color: string
  shortcut?: string
  /** Injected id; by default one is derived from the name. */
  id?: string
}

export function findTag(palette: TagPalette, id: string): TagDefinition | undefined {
  return palette.find((tag) => tag.id === id)
}

/** The tag a key combination applies, if any (the combination is normalized first). */
export function tagForShortcut(palette: TagPalette, shortcut: string): TagDefinition | undefined {
  let normalized: string
  try {
    normalized = normalizeShortcut(shortcut)
  } catch {
    return undefined
  }
  return palette.find((tag) => tag.shortcut === normalized)
}

export function createTag(palette: TagPalette, input: NewTag): TagDefinition[] {
  const name = normalizeName(input.name)
  checkNameFree(palette, name)
  const color = normalizeColor(input.color)
  const tag: TagDefinition = { id: input.id ?? idForName(palette, name), name, color }
  if (!tag.id.trim()) throw new UserError('A tag id cannot be empty.', 'empty')
  if (palette.some((existing) => existing.id === tag.id)) throw new UserError(`There is already a tag with id ${tag.id}.`, 'duplicate-id')
  if (input.shortcut !== undefined && input.shortcut.trim() !== '') {
    tag.shortcut = normalizeShortcut(input.shortcut)
    checkShortcutFree(palette, tag.shortcut)
  }
  return [...palette, tag]
}

export function renameTag(palette: TagPalette, id: string, name: string): TagDefinition[] {
  const index = tagIndex(palette, id)
  const normalized = normalizeName(name)
  checkNameFree(palette, normalized, id)
  return replaceTag(palette, index, { ...palette[index], name: normalized })
}

export function recolorTag(palette: TagPalette, id: string, color: string): TagDefinition[] {
  const index = tagIndex(palette, id)
  return replaceTag(palette, index, { ...palette[index], color: normalizeColor(color) })
}

/** Sets or (with `undefined` or an empty string) clears a tag's shortcut. */
export function setTagShortcut(palette: TagPalette, id: string, shortcut: string | undefined): TagDefinition[] {
  const index = tagIndex(palette, id)
  const { shortcut: _old, ...rest } = palette[index]
  if (shortcut === undefined || shortcut.trim() === '') return replaceTag(palette, index, rest)
  const normalized = normalizeShortcut(shortcut)
  checkShortcutFree(palette, normalized, id)
  return replaceTag(palette, index, { ...rest, shortcut: normalized })
}

/** Removes a tag from the palette; the documents using it need `removeTagFromDocument`. */
export function deleteTag(palette: TagPalette, id: string): TagDefinition[] {
  const index = tagIndex(palette, id)
  return [...palette.slice(0, index), ...palette.slice(index + 1)]
}

// ---------------------------------------------------------------------------------------------
// Tag names from other tools

/** Palette colours, in turn, for tags made from imported names that bring no colour of their own. */
const IMPORTED_TAG_COLORS = DEFAULT_PALETTE.map((tag) => tag.color)

export interface ImportedTagNames {
  /** The tag id for a name as the file wrote it. */
  idFor: (name: string) => string
  /** Tags to add to the palette: one per name it does not have (in any case). */
  added: TagDefinition[]
}

/**
 * Tags for the tag names an XLIFF or TMX file carries. `known` maps the palette's names, lower
 * case, to their ids. A known name is its tag; a new name becomes a new tag with an id made from
 * it, never the raw name, which need not be a valid id and would then be a tag nobody can see in
 * the palette or remove.
 */
export function tagsForImportedNames(known: Readonly<Record<string, string>>, tags: Iterable<{ name: string; color?: string }>): ImportedTagNames {
  const ids = new Map(Object.entries(known))
  const taken = new Set(ids.values())
  const added: TagDefinition[] = []
  const displayName = (name: string): string => name.trim().replace(/\s+/g, ' ').slice(0, MAX_TAG_NAME_LENGTH).trim() || 'Imported tag'
  const key = (name: string): string => displayName(name).toLowerCase()
  const adopt = (rawName: string, rawColor?: string): string => {
    const existing = ids.get(key(rawName))
    if (existing !== undefined) return existing
    const name = displayName(rawName)
    let color = IMPORTED_TAG_COLORS[added.length % IMPORTED_TAG_COLORS.length]
    try {
      if (rawColor) color = normalizeColor(rawColor)
    } catch {
      // a colour Hamta cannot use: the palette's turn instead
    }
    const created: TagDefinition = { id: freeIdForName(taken, name), name, color }
    taken.add(created.id)
    ids.set(key(name), created.id)
    added.push(created)
    return created.id
  }
  // The file's own colours, where it gives them, for the tags made first.
  for (const tag of tags) adopt(tag.name, tag.color)
  return { idFor: (name) => adopt(name), added }
}

/** Adds imported tags to a palette, leaving out any whose id or name it has gained meanwhile. */
export function addImportedTags(palette: TagPalette, tags: readonly TagDefinition[]): TagDefinition[] {
  let next = [...palette]
  for (const tag of tags) {
    if (next.some((existing) => existing.id === tag.id || nameKey(existing.name) === nameKey(tag.name))) continue
    next = createTag(next, tag)
  }
  return next
}

const tagSchema = z.object({ id: z.string().min(1), name: z.string(), color: z.string(), shortcut: z.string().optional() })

/**
 * Reads a stored palette, checking what the edit functions guarantee (names, colours and
 * shortcuts valid and unique). Throws `UserError` naming the first problem.
 */
export function parsePalette(value: unknown): TagDefinition[] {
  const parsed = z.array(tagSchema).safeParse(value)
  if (!parsed.success) throw new UserError(`The tag palette is damaged: ${parsed.error.issues[0].message}.`, 'invalid-palette')
  let palette: TagDefinition[] = []
  for (const tag of parsed.data) palette = createTag(palette, tag)
  return palette
}

// ---------------------------------------------------------------------------------------------
// Usage in documents

export interface TagUsage {
  /** Documents that use the tag at all. */
  documents: number
  /** Row-level tags. */
  rows: number
  /** Spans on Persian sentences. */
  sourceSpans: number
  /** Spans on English text. */
  targetSpans: number
  total: number
}

export function countTagUsage(documents: readonly HamtaDocument[], tagId: string): TagUsage {
  const usage: TagUsage = { documents: 0, rows: 0, sourceSpans: 0, targetSpans: 0, total: 0 }
  for (const doc of documents) {
    const before = usage.total
    for (const row of doc.rows) {
      if (row.tags.includes(tagId)) usage.rows += 1
      for (const sentence of row.source) for (const span of sentence.spans) if (span.tag === tagId) usage.sourceSpans += 1
      for (const span of row.targetSpans) if (span.tag === tagId) usage.targetSpans += 1
      usage.total = usage.rows + usage.sourceSpans + usage.targetSpans
    }
    if (usage.total > before) usage.documents += 1
  }
  return usage
}

/** The question to ask before deleting a tag, with how many places use it. */
export function describeTagDeletion(tag: TagDefinition, usage: TagUsage): string {
  if (usage.total === 0) return `Delete the tag "${tag.name}"? It is not used anywhere.`
  const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`
  const parts: string[] = []
  if (usage.rows) parts.push(plural(usage.rows, 'row'))
  if (usage.sourceSpans) parts.push(plural(usage.sourceSpans, 'Persian span'))
  if (usage.targetSpans) parts.push(plural(usage.targetSpans, 'English span'))
  return `Delete the tag "${tag.name}"? It is used in ${plural(usage.total, 'place')} (${parts.join(', ')}) in ${plural(usage.documents, 'document')}; those tags will be removed.`
}

/**
 * Removes a tag from a document: row tags and spans with it go, and spans linked to a removed
 * span lose their link. Returns the same document when the tag is not used in it.
 */
export function removeTagFromDocument(doc: HamtaDocument, tagId: string, now?: string): HamtaDocument {
  let changed = false
  const rows = doc.rows.map((row) => {
    const removed = new Set(
      rowSpans(row)
        .filter((span) => span.tag === tagId)
        .map((span) => span.id)
    )
    if (removed.size === 0 && !row.tags.includes(tagId)) return row
    changed = true
    const keep = (spans: SpanTag[]): SpanTag[] =>
      dropLinksTo(
        spans.filter((span) => span.tag !== tagId),
        removed
      )
    return {
      ...row,
      tags: row.tags.filter((tag) => tag !== tagId),
      source: row.source.map((sentence) => ({ ...sentence, spans: keep(sentence.spans) })),
      targetSpans: keep(row.targetSpans),
      ...(now !== undefined ? { updatedAt: now } : {})
    }
  })
  if (!changed) return doc
  return { ...doc, rows, ...(now !== undefined ? { updatedAt: now } : {}) }
}

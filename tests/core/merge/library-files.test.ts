import { describe, expect, it } from 'vitest'
import { DEFAULT_PALETTE, parsePalette, type TagDefinition } from '../../../src/core/review/palette'
import { mergeJson, mergeLines, mergePalette, mergeSettings } from '../../../src/core/merge'

const base: TagDefinition[] = DEFAULT_PALETTE.map((tag) => ({ ...tag }))

describe('mergePalette', () => {
  it('keeps tags added on both sides, changes to different tags, and stays a valid palette', () => {
    const ours = [
      ...base.map((t) => (t.id === 'person' ? { ...t, color: '#111111' } : t)),
      { id: 'source', name: 'Source', color: '#222222', shortcut: 'Alt+8' }
    ]
    const theirs = [
      ...base.filter((t) => t.id !== 'quote').map((t) => (t.id === 'place' ? { ...t, name: 'Location' } : t)),
      { id: 'verb', name: 'Verb', color: '#333333', shortcut: 'Alt+8' }
    ]
    const merged = mergePalette(base, ours, theirs)
    expect(merged.find((t) => t.id === 'person')!.color).toBe('#111111')
    expect(merged.find((t) => t.id === 'place')!.name).toBe('Location')
    expect(merged.some((t) => t.id === 'quote')).toBe(false)
    expect(merged.find((t) => t.id === 'source')!.shortcut).toBe('Alt+8')
    expect(merged.find((t) => t.id === 'verb')!.shortcut).toBeUndefined()
    expect(parsePalette(merged)).toEqual(merged)
  })
})

describe('mergeSettings, mergeLines and mergeJson', () => {
  it('merges settings key by key', () => {
    expect(mergeSettings({ a: 1, b: 1 }, { a: 2, b: 1 }, { a: 1, b: 3 })).toEqual({ a: 2, b: 3 })
  })

  it('keeps every line either side added and drops lines one side removed', () => {
    expect(mergeLines('a\nb\nc\n', 'a\nc\nd\n', 'a\nb\nc\ne\n')).toBe('a\nc\nd\ne\n')
  })

  it('merges JSON objects and id lists, reporting true collisions', () => {
    const result = mergeJson(
      { list: [{ id: 'm1', on: true }], name: 'x' },
      { list: [{ id: 'm1', on: false }, { id: 'm2' }], name: 'y' },
      { list: [{ id: 'm1', on: true }, { id: 'm3' }], name: 'z' }
    )
    expect(result.value).toEqual({ list: [{ id: 'm1', on: false }, { id: 'm2' }, { id: 'm3' }], name: 'y' })
    expect(result.conflicts).toEqual(['/name'])
  })
})

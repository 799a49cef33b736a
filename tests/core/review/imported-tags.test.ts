import { describe, expect, it } from 'vitest'
import { addImportedTags, createTag, DEFAULT_PALETTE, parsePalette, tagsForImportedNames } from '../../../src/core/review/palette'

const VALID_ID = /^[A-Za-z0-9_.-]+$/
const known = (palette = DEFAULT_PALETTE) => Object.fromEntries(palette.map((tag) => [tag.name.toLowerCase(), tag.id]))

describe('tags for names from XLIFF and TMX files', () => {
  it('maps known names (any case) to their tags and makes a valid id for each new name, once', () => {
    const tags = tagsForImportedNames(known(), [
      { name: 'PERSON' },
      { name: 'Named Entity' },
      { name: 'named  entity ' },
      { name: 'موضوع/سیاسی' },
      { name: 'needs review' },
      { name: 'x'.repeat(60) }
    ])
    expect(tags.idFor('Person')).toBe('person')
    expect(tags.idFor('Needs Review')).toBe('needs-review')
    expect(tags.added.map((tag) => tag.name)).toEqual(['Named Entity', 'موضوع/سیاسی', 'x'.repeat(40)])
    for (const tag of tags.added) expect(tag.id).toMatch(VALID_ID)
    expect(tags.idFor('Named Entity')).toBe('named-entity')
    expect(tags.idFor('NAMED ENTITY')).toBe('named-entity')
    expect(tags.idFor('موضوع/سیاسی')).toBe('tag-1')
    expect(new Set(tags.added.map((tag) => tag.id)).size).toBe(tags.added.length)
  })

  it('never reuses an id the palette has, even one made from another name', () => {
    const palette = createTag(DEFAULT_PALETTE, { name: 'Ministries', color: '#123456', id: 'ministry' })
    const tags = tagsForImportedNames(known(palette), [{ name: 'Ministry' }])
    expect(tags.added).toEqual([expect.objectContaining({ name: 'Ministry', id: 'ministry-2' })])
  })

  it('keeps a colour the file gives, and otherwise takes the palette colours in turn', () => {
    const tags = tagsForImportedNames(known(), [{ name: 'A', color: '#ABC' }, { name: 'B' }, { name: 'C', color: 'red' }])
    expect(tags.added.map((tag) => tag.color)).toEqual(['#aabbcc', DEFAULT_PALETTE[1].color, DEFAULT_PALETTE[2].color])
  })

  it('gives a tag to a name it was not shown beforehand', () => {
    const tags = tagsForImportedNames(known(), [])
    expect(tags.idFor('Late')).toBe('late')
    expect(tags.added).toEqual([expect.objectContaining({ id: 'late', name: 'Late' })])
  })

  it('adds the new tags to a palette that stays valid, skipping any it gained meanwhile', () => {
    const { added } = tagsForImportedNames(known(), [{ name: 'Named Entity' }, { name: 'Topic' }])
    const meanwhile = createTag(DEFAULT_PALETTE, { name: 'topic', color: '#000000' })
    const next = addImportedTags(meanwhile, added)
    expect(next.map((tag) => tag.name)).toEqual([...meanwhile.map((tag) => tag.name), 'Named Entity'])
    expect(parsePalette(next)).toEqual(next)
  })
})

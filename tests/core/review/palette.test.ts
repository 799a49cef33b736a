import { describe, expect, it } from 'vitest'
import {
  countTagUsage,
  createTag,
  DEFAULT_PALETTE,
  deleteTag,
  describeTagDeletion,
  normalizeColor,
  normalizeShortcut,
  parsePalette,
  readableTextColor,
  recolorTag,
  removeTagFromDocument,
  renameTag,
  setTagShortcut,
  tagForShortcut
} from '../../../src/core/review/palette'
import { addRowTag, addSourceSpan, linkSpans, setTargetSpans } from '../../../src/core/review/spans'
import { setRowTarget, type HamtaDocument } from '../../../src/core/model'
import { deepFreeze, expectSound, later, now, sampleDocument, sourceSpan, targetSpan, userError } from './helpers'

function contrast(a: string, b: string): number {
  const luminance = (hex: string): number => {
    const channel = (k: number): number => {
      const v = parseInt(hex.slice(k, k + 2), 16) / 255
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4
    }
    return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
  }
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x)
  return (light + 0.05) / (dark + 0.05)
}

describe('default palette', () => {
  it('has the seven tags with distinct colours and shortcuts, each readable with its text colour', () => {
    expect(DEFAULT_PALETTE.map((tag) => tag.name)).toEqual(['Person', 'Organization', 'Place', 'Date/Number', 'Term', 'Quote', 'Needs review'])
    expect(new Set(DEFAULT_PALETTE.map((tag) => tag.color)).size).toBe(7)
    expect(new Set(DEFAULT_PALETTE.map((tag) => tag.shortcut)).size).toBe(7)
    expect(new Set(DEFAULT_PALETTE.map((tag) => tag.id)).size).toBe(7)
    for (const tag of DEFAULT_PALETTE) {
      expect(normalizeColor(tag.color)).toBe(tag.color)
      expect(normalizeShortcut(tag.shortcut!)).toBe(tag.shortcut)
      expect(contrast(tag.color, readableTextColor(tag.color)), tag.name).toBeGreaterThanOrEqual(4.5)
    }
    // It is frozen: edits return new palettes.
    expect(Object.isFrozen(DEFAULT_PALETTE)).toBe(true)
  })
})

describe('palette edits', () => {
  it('creates tags with an id from the name, a normalized colour and shortcut', () => {
    const palette = createTag(DEFAULT_PALETTE, { name: '  Event   name ', color: '#ABC', shortcut: 'alt + 8' })
    expect(palette).toHaveLength(8)
    expect(palette[7]).toEqual({ id: 'event-name', name: 'Event name', color: '#aabbcc', shortcut: 'Alt+8' })
    expect(DEFAULT_PALETTE).toHaveLength(7)
    const persian = createTag(createTag(palette, { name: 'رویداد', color: '#123456' }), { name: 'نهاد', color: '#654321' })
    expect(persian.slice(-2).map((tag) => tag.id)).toEqual(['tag-1', 'tag-2'])
    expect(createTag(palette, { name: 'Event-Name!', color: '#000' }).at(-1)!.id).toBe('event-name-2')
    expect(createTag(palette, { name: 'Own id', color: '#000', id: 'x' }).at(-1)!.id).toBe('x')
  })

  it('refuses duplicate names (ignoring case), bad colours and duplicate or unusable shortcuts', () => {
    expect(userError(() => createTag(DEFAULT_PALETTE, { name: 'person', color: '#000000' })).code).toBe('duplicate-name')
    expect(userError(() => createTag(DEFAULT_PALETTE, { name: ' NEEDS  review ', color: '#000000' })).message).toContain('Needs review')
    expect(userError(() => createTag(DEFAULT_PALETTE, { name: '   ', color: '#000000' })).code).toBe('empty')
    expect(userError(() => createTag(DEFAULT_PALETTE, { name: 'x'.repeat(41), color: '#000000' })).code).toBe('too-long')
    for (const color of ['red', '#12345', '#ggg', '', 'rgb(0,0,0)']) {
      expect(userError(() => createTag(DEFAULT_PALETTE, { name: 'New', color })).code).toBe('invalid-color')
    }
    expect(userError(() => createTag(DEFAULT_PALETTE, { name: 'New', color: '#000', shortcut: 'ALT+1' })).message).toContain('Person')
    for (const shortcut of ['k', 'Shift+K', 'Alt+', 'Alt+Shift', 'Hyper+K', 'Alt+Enterprise']) {
      expect(userError(() => createTag(DEFAULT_PALETTE, { name: 'New', color: '#000', shortcut })).code).toBe('invalid-shortcut')
    }
    expect(userError(() => createTag(DEFAULT_PALETTE, { name: 'New', color: '#000', id: 'person' })).code).toBe('duplicate-id')
  })

  it('normalizes shortcuts to one spelling', () => {
    expect(normalizeShortcut('shift+ctrl+k')).toBe('Ctrl+Shift+K')
    expect(normalizeShortcut('Cmd+Option+F5')).toBe('Alt+Meta+F5')
    expect(normalizeShortcut('CmdOrCtrl+Alt++')).toBe('Mod+Alt++')
    expect(tagForShortcut(DEFAULT_PALETTE, 'alt+3')?.id).toBe('place')
    expect(tagForShortcut(DEFAULT_PALETTE, 'x')).toBeUndefined()
  })

  it('renames, recolours, changes shortcuts and deletes', () => {
    let palette = renameTag(DEFAULT_PALETTE, 'person', 'PERSON')
    expect(palette[0].name).toBe('PERSON')
    expect(userError(() => renameTag(palette, 'person', 'place')).code).toBe('duplicate-name')
    expect(userError(() => renameTag(palette, 'ghost', 'Ghost')).code).toBe('not-found')
    palette = recolorTag(palette, 'place', '#FFF')
    expect(palette[2].color).toBe('#ffffff')
    expect(userError(() => recolorTag(palette, 'place', 'blue')).code).toBe('invalid-color')
    expect(userError(() => setTagShortcut(palette, 'place', 'Alt+1')).code).toBe('duplicate-shortcut')
    palette = setTagShortcut(palette, 'place', 'Alt+3') // its own shortcut again
    palette = setTagShortcut(palette, 'person', undefined)
    expect(palette[0]).toEqual({ id: 'person', name: 'PERSON', color: '#0072b2' })
    palette = setTagShortcut(palette, 'place', 'alt+1')
    expect(palette[2].shortcut).toBe('Alt+1')
    palette = deleteTag(palette, 'term')
    expect(palette.map((tag) => tag.id)).toEqual(['person', 'organization', 'place', 'date-number', 'quote', 'needs-review'])
    expect(userError(() => deleteTag(palette, 'term')).code).toBe('not-found')
  })

  it('reads a stored palette back and refuses a damaged one', () => {
    const palette = createTag(DEFAULT_PALETTE, { name: 'Event', color: '#102030', shortcut: 'Alt+8' })
    expect(parsePalette(JSON.parse(JSON.stringify(palette)))).toEqual(palette)
    expect(
      userError(() =>
        parsePalette([
          { id: 'a', name: 'A', color: '#000' },
          { id: 'b', name: 'a', color: '#111' }
        ])
      ).code
    ).toBe('duplicate-name')
    expect(userError(() => parsePalette({ tags: [] })).code).toBe('invalid-palette')
    expect(userError(() => parsePalette([{ id: 'a', name: 'A', color: 'nope' }])).code).toBe('invalid-color')
  })
})

describe('tags in documents', () => {
  function taggedDocument(): HamtaDocument {
    const palette = DEFAULT_PALETTE
    let doc = setRowTarget(sampleDocument(), 'r2', 'Vaezi met Ilham Aliyev in Baku.', now)
    const text = doc.rows[1].source[0].text
    const at = (phrase: string): [number, number] => [text.indexOf(phrase), text.indexOf(phrase) + phrase.length]
    const [aStart, aEnd] = at('الهام علیاف')
    const [bStart, bEnd] = at('باکو')
    doc = addSourceSpan(doc, { rowId: 'r2', sentenceId: 's2', start: aStart, end: aEnd, tag: 'person', id: 'pAliyev' }, palette)
    doc = addSourceSpan(doc, { rowId: 'r2', sentenceId: 's2', start: bStart, end: bEnd, tag: 'place', id: 'pBaku' }, palette)
    doc = setTargetSpans(
      doc,
      'r2',
      [
        { id: 'eAliyev', tag: 'person', start: 10, end: 22 },
        { id: 'eBaku', tag: 'place', start: 26, end: 30 }
      ],
      palette
    )
    doc = linkSpans(doc, 'r2', 'pAliyev', 'eAliyev')
    doc = linkSpans(doc, 'r2', 'pBaku', 'eBaku')
    doc = addRowTag(doc, 'r2', 'person', palette)
    doc = addRowTag(doc, 'r5', 'person', palette)
    return deepFreeze(expectSound(doc))
  }

  it('counts rows, Persian spans and English spans across documents', () => {
    const doc = taggedDocument()
    const other = sampleDocument()
    expect(countTagUsage([doc, other], 'person')).toEqual({ documents: 1, rows: 2, sourceSpans: 1, targetSpans: 1, total: 4 })
    expect(countTagUsage([doc, doc], 'place')).toEqual({ documents: 2, rows: 0, sourceSpans: 2, targetSpans: 2, total: 4 })
    expect(countTagUsage([doc], 'quote')).toEqual({ documents: 0, rows: 0, sourceSpans: 0, targetSpans: 0, total: 0 })
    const person = DEFAULT_PALETTE[0]
    expect(describeTagDeletion(person, countTagUsage([doc, other], 'person'))).toBe(
      'Delete the tag "Person"? It is used in 4 places (2 rows, 1 Persian span, 1 English span) in 1 document; those tags will be removed.'
    )
    expect(describeTagDeletion(person, countTagUsage([other], 'person'))).toBe('Delete the tag "Person"? It is not used anywhere.')
  })

  it('removing a tag from a document removes its row tags and spans and the links to them', () => {
    const doc = taggedDocument()
    const removed = expectSound(removeTagFromDocument(doc, 'person', later))
    expect(countTagUsage([removed], 'person').total).toBe(0)
    expect(sourceSpan(removed, 'pAliyev')).toBeUndefined()
    expect(targetSpan(removed, 'eAliyev')).toBeUndefined()
    expect(sourceSpan(removed, 'pBaku')?.link).toBe('eBaku')
    expect(removed.rows[1].updatedAt).toBe(later)
    expect(removed.rows[2]).toBe(doc.rows[2])
    expect(removeTagFromDocument(doc, 'quote')).toBe(doc)
  })

  it('a span whose partner has another tag loses only its link', () => {
    let doc = taggedDocument()
    doc = linkSpans(doc, 'r2', 'pAliyev', 'eBaku') // a place linked to a person
    const removed = expectSound(removeTagFromDocument(doc, 'person'))
    expect(targetSpan(removed, 'eBaku')).toEqual({ id: 'eBaku', tag: 'place', start: 26, end: 30 })
    expect(sourceSpan(removed, 'pBaku')?.link).toBeUndefined()
  })
})

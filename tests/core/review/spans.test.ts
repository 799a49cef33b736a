import { describe, expect, it } from 'vitest'
import type { HamtaDocument, SpanTag } from '../../../src/core/model'
import { DEFAULT_PALETTE } from '../../../src/core/review/palette'
import {
  addRowTag,
  addSourceSpan,
  addTargetSpan,
  applySourceFixes,
  applySourceReplacement,
  linkSpans,
  mergeSourceSentenceWithNext,
  minimalChange,
  nextSpanId,
  pruneDanglingLinks,
  removeRowTag,
  removeSourceSpan,
  removeSpan,
  setTargetSpans,
  setTargetWithSpans,
  shiftSpans,
  splitSourceSentence,
  toggleRowTag,
  unlinkSpan
} from '../../../src/core/review/spans'
import { addComment } from '../../../src/core/review/comments'
import { persianLetters, proposeFixes } from '../../../src/core/text/normalize'
import { setRowTarget } from '../../../src/core/model'
import {
  deepFreeze,
  expectSound,
  later,
  now,
  sampleDocument,
  smallDocument,
  sourceSpan,
  sourceSpanText,
  targetSpan,
  userError,
  withRows
} from './helpers'

const palette = DEFAULT_PALETTE

/** Tags the first occurrence of `phrase` in a sentence. */
function tagPhrase(doc: HamtaDocument, rowId: string, sentenceId: string, phrase: string, tag: string, id: string): HamtaDocument {
  const sentence = doc.rows.find((row) => row.id === rowId)!.source.find((s) => s.id === sentenceId)!
  const start = sentence.text.indexOf(phrase)
  expect(start, `"${phrase}" in ${sentenceId}`).toBeGreaterThanOrEqual(0)
  return expectSound(addSourceSpan(doc, { rowId, sentenceId, start, end: start + phrase.length, tag, id }, palette))
}

function englishSpan(target: string, phrase: string, tag: string, id: string): SpanTag {
  const start = target.indexOf(phrase)
  expect(start).toBeGreaterThanOrEqual(0)
  return { id, tag, start, end: start + phrase.length }
}

function targetSpanText(doc: HamtaDocument, spanId: string): string {
  for (const row of doc.rows) {
    const span = row.targetSpans.find((candidate) => candidate.id === spanId)
    if (span) return row.target.slice(span.start, span.end)
  }
  throw new Error(`no English span ${spanId}`)
}

const R2_ENGLISH = 'Mahmoud Vaezi, chief of staff of the President, met Ilham Aliyev, President of Azerbaijan, on Thursday.'

/** Sample row r2 with Persian spans, English with spans, and the names linked. */
function taggedSample(): HamtaDocument {
  let doc = sampleDocument()
  doc = tagPhrase(doc, 'r2', 's2', 'الهام علیاف', 'person', 'pAliyev')
  doc = tagPhrase(doc, 'r2', 's2', 'محمود واعظی', 'person', 'pVaezi')
  doc = tagPhrase(doc, 'r2', 's2', 'رئیس دفتر رئیسجمهور', 'term', 'pChief')
  doc = setRowTarget(doc, 'r2', R2_ENGLISH, now)
  doc = setTargetSpans(
    doc,
    'r2',
    [englishSpan(R2_ENGLISH, 'Ilham Aliyev', 'person', 'eAliyev'), englishSpan(R2_ENGLISH, 'Mahmoud Vaezi', 'person', 'eVaezi')],
    palette
  )
  doc = linkSpans(doc, 'r2', 'pAliyev', 'eAliyev')
  doc = linkSpans(doc, 'r2', 'pVaezi', 'eVaezi')
  return deepFreeze(expectSound(doc))
}

describe('adding and removing Persian spans', () => {
  it('tags a stretch of a real sentence, leaving out white space at the ends of the selection', () => {
    const doc = sampleDocument()
    const text = doc.rows[1].source[0].text
    const start = text.indexOf('الهام علیاف')
    const tagged = expectSound(
      addSourceSpan(doc, { rowId: 'r2', sentenceId: 's2', start: start - 1, end: start + 'الهام علیاف'.length + 1, tag: 'person' }, palette, later)
    )
    const span = tagged.rows[1].source[0].spans[0]
    expect(span).toEqual({ id: 'span1', tag: 'person', start, end: start + 'الهام علیاف'.length })
    expect(tagged.rows[1].updatedAt).toBe(later)
    expect(tagged.updatedAt).toBe(later)
    expect(doc.rows[1].source[0].spans).toEqual([])
    // Ids are deterministic: the next free number.
    const again = addSourceSpan(tagged, { rowId: 'r2', sentenceId: 's2', start: 0, end: 2, tag: 'term' }, palette)
    expect(again.rows[1].source[0].spans.map((s) => s.id)).toEqual(['span2', 'span1'])
    expect(nextSpanId(again)).toBe('span3')
  })

  it('refuses bad offsets, empty selections, unknown tags, duplicates and taken ids', () => {
    const doc = tagPhrase(sampleDocument(), 'r1', 's1', 'ایران', 'place', 'pIran')
    const length = doc.rows[0].source[0].text.length
    expect(userError(() => addSourceSpan(doc, { rowId: 'r1', sentenceId: 's1', start: 5, end: length + 1, tag: 'place' }, palette)).code).toBe(
      'invalid-span'
    )
    expect(userError(() => addSourceSpan(doc, { rowId: 'r1', sentenceId: 's1', start: -1, end: 3, tag: 'place' }, palette)).code).toBe('invalid-span')
    expect(userError(() => addSourceSpan(doc, { rowId: 'r1', sentenceId: 's1', start: 4, end: 4, tag: 'place' }, palette)).code).toBe('empty')
    expect(userError(() => addSourceSpan(doc, { rowId: 'r1', sentenceId: 's1', start: 5, end: 6, tag: 'place' }, palette)).code).toBe('empty') // a space
    expect(userError(() => addSourceSpan(doc, { rowId: 'r1', sentenceId: 's1', start: 0, end: 4, tag: 'nope' }, palette)).code).toBe('unknown-tag')
    const iran = doc.rows[0].source[0].spans[0]
    expect(userError(() => addSourceSpan(doc, { rowId: 'r1', sentenceId: 's1', start: iran.start, end: iran.end, tag: 'place' }, palette)).code).toBe(
      'duplicate-span'
    )
    expect(userError(() => addSourceSpan(doc, { rowId: 'r1', sentenceId: 's1', start: 0, end: 4, tag: 'term', id: 'pIran' }, palette)).code).toBe(
      'duplicate-id'
    )
    expect(userError(() => addSourceSpan(doc, { rowId: 'r1', sentenceId: 's2', start: 0, end: 4, tag: 'term' }, palette)).code).toBe('not-found')
    expect(userError(() => addSourceSpan(doc, { rowId: 'r99', sentenceId: 's1', start: 0, end: 4, tag: 'term' }, palette)).code).toBe('not-found')
    // The same text with another tag is fine.
    expectSound(addSourceSpan(doc, { rowId: 'r1', sentenceId: 's1', start: iran.start, end: iran.end, tag: 'term' }, palette))
  })

  it('removing a linked span removes its partner’s link', () => {
    const doc = taggedSample()
    const removed = expectSound(removeSourceSpan(doc, 'r2', 'pAliyev', later))
    expect(sourceSpan(removed, 'pAliyev')).toBeUndefined()
    expect(targetSpan(removed, 'eAliyev')).toEqual({
      id: 'eAliyev',
      tag: 'person',
      start: R2_ENGLISH.indexOf('Ilham'),
      end: R2_ENGLISH.indexOf('Ilham') + 12
    })
    expect(targetSpan(removed, 'eVaezi')?.link).toBe('pVaezi')
    expect(userError(() => removeSourceSpan(doc, 'r2', 'eAliyev')).code).toBe('not-found')
    const englishGone = expectSound(removeSpan(doc, 'r2', 'eVaezi'))
    expect(sourceSpan(englishGone, 'pVaezi')?.link).toBeUndefined()
  })

  it('row tags are added once, removed and toggled', () => {
    const doc = sampleDocument()
    const tagged = expectSound(addRowTag(doc, 'r3', 'needs-review', palette))
    expect(tagged.rows[2].tags).toEqual(['needs-review'])
    expect(addRowTag(tagged, 'r3', 'needs-review', palette)).toBe(tagged)
    expect(userError(() => addRowTag(doc, 'r3', 'ghost', palette)).code).toBe('unknown-tag')
    expect(removeRowTag(tagged, 'r3', 'needs-review').rows[2].tags).toEqual([])
    expect(toggleRowTag(toggleRowTag(doc, 'r3', 'quote', palette), 'r3', 'quote', palette).rows[2].tags).toEqual([])
  })
})

describe('English spans and links', () => {
  it('sets the editor’s spans, dropping empty and repeated marks and renaming clashing ids', () => {
    let doc = setRowTarget(sampleDocument(), 'r2', R2_ENGLISH, now)
    doc = tagPhrase(doc, 'r2', 's2', 'الهام علیاف', 'person', 'span7')
    const aliyev = englishSpan(R2_ENGLISH, 'Ilham Aliyev', 'person', 'span7') // clashes with the Persian span's id
    const azerbaijan = englishSpan(R2_ENGLISH, 'Azerbaijan', 'place', 'eAz')
    doc = setTargetSpans(doc, 'r2', [azerbaijan], palette)
    // A pasted copy of the eAz mark (with another tag) comes before the original: the original keeps the id.
    const set = expectSound(
      setTargetSpans(
        doc,
        'r2',
        [
          azerbaijan,
          aliyev,
          { ...azerbaijan, id: 'eAzCopy' },
          { id: 'eEmpty', tag: 'term', start: 3, end: 3 },
          { ...aliyev, id: 'eAz', tag: 'term' }
        ],
        palette
      )
    )
    const spans = set.rows[1].targetSpans
    expect(spans.map((s) => [s.id, s.tag, R2_ENGLISH.slice(s.start, s.end)])).toEqual([
      ['span8', 'person', 'Ilham Aliyev'],
      ['span9', 'term', 'Ilham Aliyev'],
      ['eAz', 'place', 'Azerbaijan']
    ])
  })

  it('refuses spans outside the English and spans of unknown tags', () => {
    const doc = setRowTarget(sampleDocument(), 'r2', R2_ENGLISH, now)
    expect(userError(() => setTargetSpans(doc, 'r2', [{ id: 'e', tag: 'person', start: 0, end: R2_ENGLISH.length + 1 }], palette)).code).toBe(
      'invalid-span'
    )
    expect(userError(() => setTargetSpans(doc, 'r2', [{ id: 'e', tag: 'person', start: 4, end: 2 }], palette)).code).toBe('invalid-span')
    expect(userError(() => setTargetSpans(doc, 'r2', [{ id: 'e', tag: 'Person', start: 0, end: 4 }], palette)).code).toBe('unknown-tag')
    expect(userError(() => addTargetSpan(doc, { rowId: 'r2', start: 0, end: 999, tag: 'person' }, palette)).code).toBe('invalid-span')
    const added = expectSound(addTargetSpan(doc, { rowId: 'r2', start: 0, end: 13, tag: 'person' }, palette))
    expect(targetSpanText(added, 'span1')).toBe('Mahmoud Vaezi')
  })

  it('links a Persian name with its transliteration, one to one, and unlinks both ends', () => {
    const doc = taggedSample()
    expect(sourceSpan(doc, 'pAliyev')?.link).toBe('eAliyev')
    expect(targetSpan(doc, 'eAliyev')?.link).toBe('pAliyev')
    expect(linkSpans(doc, 'r2', 'pAliyev', 'eAliyev')).toBe(doc)
    // Re-linking pAliyev to eVaezi frees eAliyev and pVaezi.
    const relinked = expectSound(linkSpans(doc, 'r2', 'pAliyev', 'eVaezi'))
    expect(targetSpan(relinked, 'eAliyev')?.link).toBeUndefined()
    expect(sourceSpan(relinked, 'pVaezi')?.link).toBeUndefined()
    expect(targetSpan(relinked, 'eVaezi')?.link).toBe('pAliyev')
    const unlinked = expectSound(unlinkSpan(doc, 'r2', 'eAliyev'))
    expect(sourceSpan(unlinked, 'pAliyev')?.link).toBeUndefined()
    expect(targetSpan(unlinked, 'eAliyev')?.link).toBeUndefined()
    expect(sourceSpan(unlinked, 'pVaezi')?.link).toBe('eVaezi')
    expect(userError(() => linkSpans(doc, 'r2', 'eAliyev', 'pAliyev')).code).toBe('not-found')
    expect(userError(() => linkSpans(doc, 'r3', 'pAliyev', 'eAliyev')).code).toBe('not-found')
  })

  it('keeps links through editor updates and drops them with the English text they pointed to', () => {
    const doc = taggedSample()
    // The editor knows nothing of links: they are kept by id.
    const editorSpans = doc.rows[1].targetSpans.map(({ link: _link, ...span }) => span)
    const same = setTargetSpans(doc, 'r2', editorSpans, palette)
    expect(same).toBe(doc)
    // The user deletes "Ilham Aliyev" from the English: the mark goes, and the Persian span's link with it.
    const start = R2_ENGLISH.indexOf('Ilham Aliyev, ')
    const target = R2_ENGLISH.slice(0, start) + R2_ENGLISH.slice(start + 'Ilham Aliyev, '.length)
    const vaezi = doc.rows[1].targetSpans.find((s) => s.id === 'eVaezi')!
    const edited = expectSound(setTargetWithSpans(doc, 'r2', target, [{ ...vaezi, link: 'pAliyev' }], palette, later))
    expect(edited.rows[1].target).toBe(target)
    expect(edited.rows[1].status).toBe('draft')
    expect(targetSpan(edited, 'eAliyev')).toBeUndefined()
    expect(sourceSpan(edited, 'pAliyev')).toEqual({
      id: 'pAliyev',
      tag: 'person',
      start: sourceSpan(doc, 'pAliyev')!.start,
      end: sourceSpan(doc, 'pAliyev')!.end
    })
    expect(targetSpan(edited, 'eVaezi')?.link).toBe('pVaezi')
  })

  it('a new mark never inherits the link of one just deleted', () => {
    let doc = taggedSample()
    doc = setTargetSpans(
      doc,
      'r2',
      [
        ...doc.rows[1].targetSpans,
        { id: 'span9', tag: 'place', start: R2_ENGLISH.indexOf('Azerbaijan'), end: R2_ENGLISH.indexOf('Azerbaijan') + 10 }
      ],
      palette
    )
    doc = deepFreeze(linkSpans(doc, 'r2', 'pAliyev', 'span9'))
    // The editor drops span9 and adds a mark without an id in the same update.
    const replaced = expectSound(
      setTargetSpans(doc, 'r2', [...doc.rows[1].targetSpans.filter((s) => s.id !== 'span9'), { tag: 'place', start: 0, end: 7 }], palette)
    )
    const fresh = replaced.rows[1].targetSpans.find((s) => s.start === 0 && s.tag === 'place')!
    expect(fresh.id).toBe('span10')
    expect(fresh.link).toBeUndefined()
    expect(sourceSpan(replaced, 'pAliyev')!.link).toBeUndefined()
  })

  it('prunes links whose partner is not in the row', () => {
    const doc = taggedSample()
    const broken = withRows(doc, { 1: { targetSpans: doc.rows[1].targetSpans.filter((s) => s.id !== 'eAliyev') } })
    const pruned = expectSound(pruneDanglingLinks(broken, later))
    expect(sourceSpan(pruned, 'pAliyev')?.link).toBeUndefined()
    expect(sourceSpan(pruned, 'pVaezi')?.link).toBe('eVaezi')
    expect(pruneDanglingLinks(doc)).toBe(doc)
  })
})

describe('shiftSpans', () => {
  const span = (start: number, end: number): SpanTag => ({ id: `x${start}-${end}`, tag: 't', start, end })
  const shifted = (change: { start: number; end: number; insertedLength: number }, ...spans: SpanTag[]): Array<[number, number] | null> => {
    const result = new Map(shiftSpans(spans, change).map((s) => [s.id, [s.start, s.end] as [number, number]]))
    return spans.map((s) => result.get(s.id) ?? null)
  }

  it('moves spans through an insertion; insertions at an edge stay outside the span', () => {
    expect(shifted({ start: 10, end: 10, insertedLength: 3 }, span(0, 5), span(0, 10), span(10, 15), span(5, 15), span(12, 20))).toEqual([
      [0, 5],
      [0, 10],
      [13, 18],
      [5, 18],
      [15, 23]
    ])
  })

  it('shrinks spans through a deletion and drops spans whose whole text went', () => {
    expect(
      shifted(
        { start: 10, end: 20, insertedLength: 0 },
        span(12, 18),
        span(5, 15),
        span(15, 25),
        span(5, 25),
        span(10, 20),
        span(20, 30),
        span(0, 10)
      )
    ).toEqual([null, [5, 10], [10, 15], [5, 15], null, [10, 20], [0, 10]])
  })

  it('maps spans into a shorter replacement', () => {
    expect(
      shifted({ start: 10, end: 20, insertedLength: 4 }, span(10, 20), span(12, 18), span(16, 19), span(5, 15), span(15, 25), span(25, 26))
    ).toEqual([[10, 14], [12, 14], null, [5, 14], [10, 19], [19, 20]])
  })

  it('finds the smallest equivalent change', () => {
    const text = 'رئیس دفتر رئیسجمهور'
    const start = text.indexOf('رئیسجمهور', 5)
    expect(minimalChange(text, start, start + 9, 'رئیس\u200cجمهور')).toEqual({ start: start + 4, end: start + 4, insertedLength: 1 })
    expect(minimalChange('همکاری های', 0, 10, 'همکاری\u200cهای')).toEqual({ start: 6, end: 7, insertedLength: 1 })
    expect(minimalChange('abc', 1, 1, 'x')).toEqual({ start: 1, end: 1, insertedLength: 1 })
    expect(minimalChange('aaa', 0, 3, 'aa')).toEqual({ start: 2, end: 3, insertedLength: 0 })
  })
})

describe('Persian spans through cleanup fixes', () => {
  it('a ZWNJ inserted inside a tagged phrase grows it; later spans move by one', () => {
    const doc = taggedSample()
    const text = doc.rows[1].source[0].text
    const at = text.indexOf('رئیسجمهور')
    const fixed = expectSound(applySourceReplacement(doc, 'r2', 's2', at, at + 'رئیسجمهور'.length, 'رئیس\u200cجمهور', later))
    expect(fixed.rows[1].source[0].text).toBe(text.slice(0, at) + 'رئیس\u200cجمهور' + text.slice(at + 9))
    expect(sourceSpanText(fixed, 'pChief')).toBe('رئیس دفتر رئیس\u200cجمهور')
    expect(sourceSpanText(fixed, 'pVaezi')).toBe('محمود واعظی')
    expect(sourceSpanText(fixed, 'pAliyev')).toBe('الهام علیاف')
    expect(sourceSpan(fixed, 'pAliyev')!.start).toBe(sourceSpan(doc, 'pAliyev')!.start + 1)
    expect(sourceSpan(fixed, 'pAliyev')!.link).toBe('eAliyev')
    expect(fixed.rows[1].updatedAt).toBe(later)
  })

  it('Arabic letter fixes proposed for a sentence keep every span on its word', () => {
    const sentence = 'الهام علياف رئيس‌جمهور آذربايجان در ديدار با واعظي گفت.'
    let doc = smallDocument([[sentence]])
    for (const [phrase, tag, id] of [
      ['علياف', 'person', 'a'],
      ['آذربايجان', 'place', 'b'],
      ['ديدار با واعظي', 'quote', 'c'],
      ['واعظي', 'person', 'd']
    ] as const) {
      doc = tagPhrase(doc, 'r1', 's1', phrase, tag, id)
    }
    const fixes = proposeFixes(sentence)
    expect(fixes.length).toBeGreaterThanOrEqual(4)
    const fixed = expectSound(applySourceFixes(doc, 'r1', 's1', fixes))
    expect(fixed.rows[0].source[0].text).toBe(persianLetters(sentence))
    expect(['a', 'b', 'c', 'd'].map((id) => sourceSpanText(fixed, id))).toEqual(['علیاف', 'آذربایجان', 'دیدار با واعظی', 'واعظی'])
    // Stale fixes (text no longer there) are skipped: applying them again changes nothing.
    expect(applySourceFixes(fixed, 'r1', 's1', fixes)).toBe(fixed)
  })

  it('a missing space inserted inside a tagged word widens it; a span starting there moves', () => {
    let doc = smallDocument([['همکاری دوکشور ادامه دارد.']])
    doc = tagPhrase(doc, 'r1', 's1', 'دوکشور', 'term', 'whole')
    doc = tagPhrase(doc, 'r1', 's1', 'کشور', 'place', 'tail')
    doc = tagPhrase(doc, 'r1', 's1', 'ادامه', 'term', 'after')
    const at = doc.rows[0].source[0].text.indexOf('دوکشور')
    const fixed = expectSound(applySourceReplacement(doc, 'r1', 's1', at, at + 6, 'دو کشور'))
    expect(fixed.rows[0].source[0].text).toBe('همکاری دو کشور ادامه دارد.')
    expect(sourceSpanText(fixed, 'whole')).toBe('دو کشور')
    expect(sourceSpanText(fixed, 'tail')).toBe('کشور')
    expect(sourceSpanText(fixed, 'after')).toBe('ادامه')
  })

  it('deleting the tagged text removes the span and the English link to it', () => {
    const doc = taggedSample()
    const text = doc.rows[1].source[0].text
    const at = text.indexOf('الهام علیاف ')
    const cut = expectSound(applySourceReplacement(doc, 'r2', 's2', at, at + 'الهام علیاف '.length, ''))
    expect(sourceSpan(cut, 'pAliyev')).toBeUndefined()
    expect(targetSpan(cut, 'eAliyev')).toBeDefined()
    expect(targetSpan(cut, 'eAliyev')!.link).toBeUndefined()
    expect(sourceSpan(cut, 'pVaezi')!.link).toBe('eVaezi')
    expect(userError(() => applySourceReplacement(doc, 'r2', 's2', 0, text.length + 1, 'x')).code).toBe('invalid-span')
  })
})

describe('splitting and merging Persian sentences', () => {
  const CUT_AFTER = 'اظهار کرد:'

  function splitSample(): { doc: HamtaDocument; cut: number; original: string } {
    let doc = taggedSample()
    doc = tagPhrase(doc, 'r2', 's2', 'اظهار کرد: روابط ایران', 'quote', 'pCross')
    doc = tagPhrase(doc, 'r2', 's2', 'روابط ایران و آذربایجان', 'term', 'pAfter')
    doc = setTargetSpans(doc, 'r2', [...doc.rows[1].targetSpans, englishSpan(R2_ENGLISH, 'Thursday', 'date-number', 'eThursday')], palette)
    doc = deepFreeze(linkSpans(doc, 'r2', 'pCross', 'eThursday'))
    const original = doc.rows[1].source[0].text
    return { doc, cut: original.indexOf(CUT_AFTER) + CUT_AFTER.length, original }
  }

  it('splits a sentence at a cut: spans go with their part, a span across the cut becomes two', () => {
    const { doc, cut, original } = splitSample()
    const split = expectSound(splitSourceSentence(doc, 'r2', 's2', cut, later))
    const [first, second] = split.rows[1].source
    expect(split.rows[1].source.map((s) => s.id)).toEqual(['s2', 's2.2'])
    expect(first.text).toBe(original.slice(0, cut))
    expect(second.text).toBe(original.slice(cut + 1)) // the space at the cut is dropped
    expect(sourceSpanText(split, 'pAliyev')).toBe('الهام علیاف')
    expect(sourceSpanText(split, 'pAfter')).toBe('روابط ایران و آذربایجان')
    expect(second.spans.find((s) => s.id === 'pAfter')).toBeDefined()
    // The crossing span: its first part keeps id and link, the second is a new span with the same tag.
    expect(sourceSpanText(split, 'pCross')).toBe(CUT_AFTER)
    expect(first.spans.find((s) => s.id === 'pCross')!.link).toBe('eThursday')
    const tail = second.spans.find((s) => s.tag === 'quote')!
    expect(tail.id).toBe('span1')
    expect(tail.link).toBeUndefined()
    expect(second.text.slice(tail.start, tail.end)).toBe('روابط ایران')
    // English, tags and the rest of the row are untouched.
    expect(split.rows[1].target).toBe(R2_ENGLISH)
    expect(split.rows).toHaveLength(doc.rows.length)
    // A second split of the same sentence takes the next free id.
    const again = expectSound(splitSourceSentence(split, 'r2', 's2', first.text.indexOf(' ')))
    expect(again.rows[1].source.map((s) => s.id)).toEqual(['s2', 's2.3', 's2.2'])
  })

  it('refuses cuts that leave an empty part', () => {
    const { doc } = splitSample()
    const text = doc.rows[1].source[0].text
    expect(userError(() => splitSourceSentence(doc, 'r2', 's2', 0)).code).toBe('invalid-split')
    expect(userError(() => splitSourceSentence(doc, 'r2', 's2', text.length)).code).toBe('invalid-split')
    const spaced = smallDocument([['الف  ب']])
    expect(userError(() => splitSourceSentence(spaced, 'r1', 's1', 0.5)).code).toBe('invalid-split')
    expectSound(splitSourceSentence(spaced, 'r1', 's1', 4))
    expect(splitSourceSentence(spaced, 'r1', 's1', 4).rows[0].source.map((s) => s.text)).toEqual(['الف', 'ب'])
  })

  it('merging the two parts again restores the text and every span’s text', () => {
    const { doc, cut, original } = splitSample()
    const split = splitSourceSentence(doc, 'r2', 's2', cut)
    const merged = expectSound(mergeSourceSentenceWithNext(split, 'r2', 's2', later))
    expect(merged.rows[1].source).toHaveLength(1)
    expect(merged.rows[1].source[0].text).toBe(original)
    for (const id of ['pAliyev', 'pVaezi', 'pChief', 'pAfter']) expect(sourceSpanText(merged, id)).toBe(sourceSpanText(doc, id))
    expect(sourceSpanText(merged, 'pCross')).toBe(CUT_AFTER)
    expect(sourceSpanText(merged, 'span1')).toBe('روابط ایران')
    expect(sourceSpan(merged, 'pAliyev')!.link).toBe('eAliyev')
    expect(merged.rows).toHaveLength(doc.rows.length)
  })

  it('merging the last sentence of a row merges the rows first, carrying English, tags, comments and links', () => {
    let doc = taggedSample()
    const r1English = 'Emphasis on trilateral economic cooperation between Iran, Turkey and Azerbaijan.'
    doc = setRowTarget(doc, 'r1', r1English, now)
    doc = tagPhrase(doc, 'r1', 's1', 'ایران', 'place', 'pIran')
    doc = setTargetSpans(doc, 'r1', [englishSpan(r1English, 'Iran', 'place', 'eIran')], palette)
    doc = linkSpans(doc, 'r1', 'pIran', 'eIran')
    doc = addRowTag(doc, 'r2', 'needs-review', palette)
    doc = addComment(doc, 'r2', { author: 'Sara', text: 'Check the title.', now, id: 'c1' })
    doc = deepFreeze(setRowTarget(doc, 'r5', 'Two sentences.  Spaced twice.', now))
    const first = doc.rows[0].source[0].text
    const second = doc.rows[1].source[0].text

    const merged = expectSound(mergeSourceSentenceWithNext(doc, 'r1', 's1', later))
    expect(merged.rows).toHaveLength(doc.rows.length - 1)
    const row = merged.rows[0]
    expect(row.id).toBe('r1')
    expect(row.source.map((s) => s.id)).toEqual(['s1'])
    expect(row.source[0].text).toBe(`${first} ${second}`)
    expect(row.target).toBe(`${r1English} ${R2_ENGLISH}`)
    expect(row.tags).toEqual(['needs-review'])
    expect(row.comments.map((c) => c.id)).toEqual(['c1'])
    // Spans of the second sentence moved by the first's length plus the joining space.
    expect(sourceSpan(merged, 'pAliyev')!.start).toBe(sourceSpan(doc, 'pAliyev')!.start + first.length + 1)
    for (const id of ['pIran', 'pAliyev', 'pVaezi', 'pChief']) expect(sourceSpanText(merged, id)).toBe(sourceSpanText(doc, id))
    for (const id of ['eIran', 'eAliyev', 'eVaezi']) expect(targetSpanText(merged, id)).toBe(targetSpanText(doc, id))
    expect(sourceSpan(merged, 'pAliyev')!.link).toBe('eAliyev')
    expect(sourceSpan(merged, 'pIran')!.link).toBe('eIran')
    expect(merged.rows[1].id).toBe('r3')
    // Other rows are left exactly as they were; a never-aligned document gets no alignment status.
    expect(merged.rows.slice(1)).toEqual(doc.rows.slice(2))
    merged.rows.slice(1).forEach((other, k) => expect(other).toBe(doc.rows[k + 2]))
    expect(row.alignment).toBeUndefined()
    // Rows that were aligned become one unconfirmed bead, as the alignment edit makes them.
    const aligned = withRows(doc, { 0: { alignment: { status: 'auto', confidence: 0.3 } }, 1: { alignment: { status: 'auto', confidence: 0.9 } } })
    expect(expectSound(mergeSourceSentenceWithNext(aligned, 'r1', 's1', later)).rows[0].alignment).toEqual({ status: 'auto' })
  })

  it('refuses to merge the last sentence of the document or across a row without Persian', () => {
    const doc = sampleDocument()
    expect(userError(() => mergeSourceSentenceWithNext(doc, 'r13', 's13', later)).code).toBe('invalid-merge')
    const gap = withRows(setRowTarget(doc, 'r2', 'Only English.', now), { 1: { source: [] } })
    expectSound(gap)
    expect(userError(() => mergeSourceSentenceWithNext(gap, 'r1', 's1', later)).code).toBe('invalid-merge')
    expect(userError(() => mergeSourceSentenceWithNext(doc, 'r1', 's2', later)).code).toBe('not-found')
  })
})

import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { alignTranslation, documentToAlignment, editAlignment } from '../../../src/core/align/document-alignment'
import { strictF1 } from '../../../src/core/align/evaluate'
import { createDocument, type HamtaDocument } from '../../../src/core/model'
import { validateDocument } from '../../../src/core/schema'

const seeds = join(process.cwd(), '..', 'shared', 'seeds', 'dev-align')
const fixtures = join(process.cwd(), 'tests', 'fixtures', 'align')
const now = '2026-11-24T00:00:00.000Z'

async function devPair(): Promise<{ doc: HamtaDocument; english: string[]; gold: Array<{ src: number[]; tgt: number[] }> }> {
  const read = async (name: string): Promise<string> => {
    try {
      return await readFile(join(seeds, name), 'utf8')
    } catch {
      return readFile(join(fixtures, name), 'utf8')
    }
  }
  const persian = (await read('003.fa.txt')).split('\n').filter((line) => line.trim())
  const english = (await read('003.en.txt')).split('\n').filter((line) => line.trim())
  const gold = JSON.parse(await read('003.gold.json')).beads
  const doc = createDocument({
    id: 'd',
    now,
    fileName: '003.txt',
    encoding: 'UTF-8',
    originalText: persian.join('\n'),
    paragraphs: persian.map((s) => ({ sentences: [s] }))
  })
  return { doc, english, gold }
}

/** Every Persian sentence once, in order, and all the English text, whatever the edits did. */
function expectNothingDropped(before: HamtaDocument, after: HamtaDocument): void {
  expect(after.rows.flatMap((row) => row.source.map((s) => s.id))).toEqual(before.rows.flatMap((row) => row.source.map((s) => s.id)))
  const words = (doc: HamtaDocument): string =>
    doc.rows
      .map((row) => row.target)
      .join(' ')
      .split(/\s+/)
      .filter(Boolean)
      .join(' ')
  expect(words(after)).toBe(words(before))
  expect(validateDocument(after).ok).toBe(true)
  expect(new Set(after.rows.map((row) => row.id)).size).toBe(after.rows.length)
}

function beadsOf(doc: HamtaDocument) {
  return documentToAlignment(doc).aligned.beads
}

describe('aligning a translation into a document', () => {
  it('pairs the dev translation with the Persian rows (strict F1 ≥ 0.95), with confidences', async () => {
    const { doc, english, gold } = await devPair()
    const aligned = alignTranslation(doc, '', now, { englishSentences: english })
    expect(strictF1(beadsOf(aligned), gold)).toBeGreaterThanOrEqual(0.95)
    expect(aligned.rows[1].target).toBe(`${english[1]} ${english[2]}`)
    expect(aligned.rows.every((row) => row.alignment?.status === 'auto' && row.alignment.confidence! >= 0 && row.alignment.confidence! <= 1)).toBe(
      true
    )
    const last = aligned.rows.at(-1)!
    expect(last.source[0].text).toContain('انتهای پیام')
    expect(last.target).toBe('')
    expect(last.status).toBe('untranslated')
    expect(aligned.rows[0].status).toBe('translated')
    expect(validateDocument(aligned).ok).toBe(true)
  })

  it('keeps comments of the original rows and refuses an empty translation', async () => {
    const { doc, english } = await devPair()
    doc.rows[4].comments.push({ id: 'c1', author: 'Sara', text: 'check the name', createdAt: now, resolved: false })
    const aligned = alignTranslation(doc, '', now, { englishSentences: english })
    expect(aligned.rows.flatMap((row) => row.comments.map((c) => c.id))).toEqual(['c1'])
    expect(() => alignTranslation(doc, '   ', now)).toThrow(/no sentences/)
  })
})

describe('reviewer edits of the alignment', () => {
  async function aligned(): Promise<HamtaDocument> {
    const { doc, english } = await devPair()
    return alignTranslation(doc, '', now, { englishSentences: english })
  }

  it('merges a row with the next, carrying tags and comments, dropping nothing', async () => {
    const doc = await aligned()
    doc.rows[3].comments.push({ id: 'c9', author: 'A', text: 'x', createdAt: now, resolved: false })
    doc.rows[3].tags.push('Needs review')
    const merged = editAlignment(doc, { kind: 'mergeWithNext', rowId: doc.rows[2].id }, now)
    expect(merged.rows).toHaveLength(doc.rows.length - 1)
    expect(merged.rows[2].source).toHaveLength(2)
    expect(merged.rows[2].comments.map((c) => c.id)).toEqual(['c9'])
    expect(merged.rows[2].tags).toEqual(['Needs review'])
    // Reshaped, not confirmed: the reviewer confirms a pairing, an edit never does.
    expect(merged.rows[2].alignment).toEqual({ status: 'auto' })
    expectNothingDropped(doc, merged)
  })

  it('splits a 1:2 row, moves and detaches sentences, and sets the alignment status', async () => {
    const doc = await aligned()
    const oneToTwo = doc.rows[1]
    const split = editAlignment(doc, { kind: 'splitRow', rowId: oneToTwo.id, sourceCount: 1, targetCount: 1 }, now)
    expect(split.rows).toHaveLength(doc.rows.length + 1)
    expect(split.rows[2].source).toHaveLength(0)
    expectNothingDropped(doc, split)

    const moved = editAlignment(split, { kind: 'moveSentence', rowId: split.rows[2].id, side: 'target', direction: 'previous' }, now)
    expect(moved.rows).toHaveLength(doc.rows.length)
    expect(moved.rows[1].target).toBe(oneToTwo.target)
    expectNothingDropped(doc, moved)

    const detached = editAlignment(doc, { kind: 'detachSentence', rowId: oneToTwo.id, side: 'target', which: 'last' }, now)
    expect(detached.rows[2].source).toEqual([])
    expect(detached.rows[1].target + ' ' + detached.rows[2].target).toBe(oneToTwo.target)
    expectNothingDropped(doc, detached)

    const flagged = editAlignment(doc, { kind: 'setAlignmentStatus', rowId: doc.rows[0].id, status: 'flagged' }, now)
    expect(flagged.rows[0].alignment).toEqual({ status: 'flagged', confidence: doc.rows[0].alignment!.confidence })
    expect(() => editAlignment(doc, { kind: 'mergeWithNext', rowId: doc.rows.at(-1)!.id }, now)).toThrow(/no next bead/)
    expect(() => editAlignment(doc, { kind: 'mergeWithNext', rowId: 'nope' }, now)).toThrow(/does not exist/)
  })

  it('moves English span tags with their sentence', async () => {
    const doc = await aligned()
    const row = doc.rows[1]
    const second = row.target.indexOf('He said')
    expect(second).toBeGreaterThan(0)
    row.targetSpans.push({ id: 'sp1', tag: 'Person', start: second, end: second + 2 })
    const detached = editAlignment(doc, { kind: 'detachSentence', rowId: row.id, side: 'target', which: 'last' }, now)
    const moved = detached.rows[2]
    expect(moved.targetSpans).toEqual([{ id: 'sp1', tag: 'Person', start: 0, end: 2 }])
    expect(moved.target.slice(0, 2)).toBe('He')
    expect(detached.rows[1].targetSpans).toEqual([])
  })
})

describe('rows an alignment edit does not touch', () => {
  it('come back exactly as they were', async () => {
    const { doc } = await devPair()
    doc.rows[5].target = 'One sentence.  Two  spaced sentences.'
    doc.rows[5].status = 'draft'
    const merged = editAlignment(doc, { kind: 'mergeWithNext', rowId: doc.rows[0].id }, now)
    expect(merged.rows[4]).toBe(doc.rows[5])
    expect(merged.rows[4].alignment).toBeUndefined()
    expect(merged.rows[0].alignment?.status).toBe('auto')
  })
})

describe('merging and splitting rows', () => {
  // Two rows: a heading without a final stop, and a sentence; each 1:1 with its English.
  const twoRows = (): HamtaDocument => {
    const doc = createDocument({
      id: 'd',
      now,
      fileName: 'x.txt',
      encoding: 'utf-8',
      originalText: 'x',
      paragraphs: [{ sentences: ['گفت‌وگوهای ایران'] }, { sentences: ['وزیر گفت که گفت‌وگو ادامه دارد.'] }]
    })
    doc.rows[0] = { ...doc.rows[0], target: 'Iran talks', status: 'translated', alignment: { status: 'auto', confidence: 0.8 } }
    doc.rows[1] = {
      ...doc.rows[1],
      target: 'The minister said the talks go on.',
      status: 'translated',
      alignment: { status: 'auto', confidence: 0.9 }
    }
    return doc
  }

  it('are lossless both ways: a boundary without a full stop survives the merge, and the split gives both rows back', () => {
    const doc = twoRows()
    const merged = editAlignment(doc, { kind: 'mergeWithNext', rowId: 'r1' }, now)
    expect(merged.rows).toHaveLength(1)
    // Still two English sentences (a space would have made the heading and the sentence one).
    expect(documentToAlignment(merged).aligned.target).toEqual(['Iran talks', 'The minister said the talks go on.'])
    const split = editAlignment(merged, { kind: 'splitRow', rowId: 'r1', sourceCount: 1, targetCount: 1 }, now)
    expect(split.rows.map((row) => [row.source.map((s) => s.text), row.target])).toEqual(
      doc.rows.map((row) => [row.source.map((s) => s.text), row.target])
    )
    // And split first, merged after: the row as it was.
    const again = editAlignment(split, { kind: 'mergeWithNext', rowId: 'r1' }, now)
    expect(again.rows[0].target).toBe(merged.rows[0].target)
    expect(again.rows[0].source).toEqual(merged.rows[0].source)
  })

  it('gives a row split off the row tags of the row it came from, and leaves the comments where they were', () => {
    const merged = editAlignment(twoRows(), { kind: 'mergeWithNext', rowId: 'r1' }, now)
    merged.rows[0] = {
      ...merged.rows[0],
      tags: ['needs-review'],
      comments: [{ id: 'c1', author: 'Reviewer', text: 'Check the heading', createdAt: now, resolved: false }]
    }
    const split = editAlignment(merged, { kind: 'splitRow', rowId: 'r1', sourceCount: 1, targetCount: 1 }, now)
    expect(split.rows.map((row) => row.tags)).toEqual([['needs-review'], ['needs-review']])
    expect(split.rows.map((row) => row.comments.length)).toEqual([1, 0])
  })

  it('joins full sentences with a space, as before', () => {
    const doc = twoRows()
    doc.rows[0] = { ...doc.rows[0], target: 'Iran talks resumed.' }
    expect(editAlignment(doc, { kind: 'mergeWithNext', rowId: 'r1' }, now).rows[0].target).toBe(
      'Iran talks resumed. The minister said the talks go on.'
    )
  })
})

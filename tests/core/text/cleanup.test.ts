import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { createDocument, type HamtaDocument } from '../../../src/core/model'
import { proposeCleanup, type CleanupProposal } from '../../../src/core/text/cleanup'
import { loadLexicon, type Lexicon } from '../../../src/core/text/lexicon'
import { segmentParagraphs } from '../../../src/core/text/segment'

let lexicon: Lexicon
beforeAll(async () => {
  lexicon = await loadLexicon()
})

async function sampleText(name: string): Promise<string> {
  return readFile(join(process.cwd(), 'resources', 'samples', name), 'utf8')
}

function documentOf(text: string, name = 'doc.txt'): HamtaDocument {
  return createDocument({ id: 'd', now: 'now', fileName: name, encoding: 'UTF-8', originalText: text, paragraphs: segmentParagraphs(text) })
}

async function sample(name: string): Promise<HamtaDocument> {
  return documentOf(await sampleText(name), name)
}

/** Both sample articles, one after the other. */
async function bothSamples(): Promise<string> {
  return (await sampleText('000_6be2688a1683f03a.txt')) + '\n\n' + (await sampleText('003_1f132d0afecd6292.txt')) + '\n\n'
}

const sentenceCount = (doc: HamtaDocument): number => doc.rows.reduce((count, row) => count + row.source.length, 0)

describe('cleanup proposals for a document', () => {
  it('finds the reversed PDF line of sample 000 and proposes the reading order', async () => {
    const doc = await sample('000_6be2688a1683f03a.txt')
    const scrambled = proposeCleanup(doc, { lexicon }).filter((proposal) => proposal.kind === 'scrambled-order')
    expect(scrambled.length).toBeGreaterThanOrEqual(2)
    const line27 = scrambled.find((proposal) =>
      proposal.replacement.startsWith('تأمین اجتماعی در استان های مرزی، این وزارتخانه آمادگی خود را برای همکاری')
    )
    expect(line27).toBeDefined()
    const sentence = doc.rows.find((row) => row.id === line27!.rowId)!.source.find((s) => s.id === line27!.sentenceId)!
    expect(sentence.text.slice(line27!.start, line27!.end)).toBe(line27!.original)
  })

  it('proposes ZWNJ, letter and boilerplate fixes with offsets into their sentence, and keeps precise words', async () => {
    const doc = await sample('003_1f132d0afecd6292.txt')
    const proposals = proposeCleanup(doc, { lexicon })
    const zwnj = proposals.filter((proposal) => proposal.kind === 'missing-zwnj')
    expect(zwnj.map((proposal) => proposal.replacement)).toEqual(expect.arrayContaining(['رئیس‌جمهور', 'بین‌المللی', 'می‌کنند']))
    for (const proposal of proposals) {
      const sentence = doc.rows.find((row) => row.id === proposal.rowId)!.source.find((s) => s.id === proposal.sentenceId)!
      if (proposal.kind !== 'boilerplate') expect(sentence.text.slice(proposal.start, proposal.end)).toBe(proposal.original)
    }
    expect(proposals.filter((proposal) => proposal.kind === 'boilerplate').map((proposal) => proposal.original)).toEqual(['انتهای پیام/'])
    expect(new Set(proposals.map((proposal) => proposal.id)).size).toBe(proposals.length)
    expect(proposals.some((proposal) => /بیمه|میلیون|میان/.test(proposal.original))).toBe(false)
  })

  it('leaves out dismissed proposals and rows already marked not for translation', async () => {
    const doc = await sample('003_1f132d0afecd6292.txt')
    const all = proposeCleanup(doc, { lexicon })
    const dismissed = new Set([all[0].id])
    expect(proposeCleanup(doc, { lexicon, dismissed }).map((p) => p.id)).not.toContain(all[0].id)
    const boilerplateRow = all.find((p) => p.kind === 'boilerplate')!.rowId
    const marked = { ...doc, rows: doc.rows.map((row) => (row.id === boilerplateRow ? { ...row, doNotTranslate: true } : row)) }
    expect(proposeCleanup(marked, { lexicon }).some((p) => p.kind === 'boilerplate')).toBe(false)
  })

  it('lists each change once when the same lines occur many times', async () => {
    const unit = await bothSamples()
    const once = proposeCleanup(documentOf(unit), { lexicon })
    const doc = documentOf(unit.repeat(67))
    const proposals = proposeCleanup(doc, { lexicon })
    const places = proposals.map((p) => [p.rowId, p.sentenceId, p.start, p.kind, p.original, p.replacement].join('|'))
    expect(new Set(places).size).toBe(proposals.length)
    expect(new Set(proposals.map((p) => p.id)).size).toBe(proposals.length)
    // Every copy of the article has its own sentences, so its own fixes: 67 of each, not 67².
    const count = (list: CleanupProposal[], kind: string): number => list.filter((p) => p.kind === kind).length
    expect(count(once, 'scrambled-order')).toBeGreaterThanOrEqual(2)
    for (const kind of ['scrambled-order', 'missing-zwnj', 'boilerplate']) expect(count(proposals, kind)).toBe(67 * count(once, kind))
    for (const proposal of proposals.filter((p) => p.kind === 'scrambled-order')) {
      const sentence = doc.rows.find((row) => row.id === proposal.rowId)!.source.find((s) => s.id === proposal.sentenceId)!
      expect(sentence.text.slice(proposal.start, proposal.end)).toBe(proposal.original)
    }
  })

  it('proposes for a 10,000-sentence document, in reading order', async () => {
    const unit = await bothSamples()
    const once = proposeCleanup(documentOf(unit), { lexicon })
    const perCopy = sentenceCount(documentOf(unit))
    const doc = documentOf(unit.repeat(Math.ceil(10_000 / perCopy)))
    expect(sentenceCount(doc)).toBeGreaterThanOrEqual(10_000)
    const proposals = proposeCleanup(doc, { lexicon })
    expect(new Set(proposals.map((p) => p.id)).size).toBe(proposals.length)
    expect(proposals.filter((p) => p.kind === 'scrambled-order').length).toBe(
      Math.ceil(10_000 / perCopy) * once.filter((p) => p.kind === 'scrambled-order').length
    )
    const position = new Map(doc.rows.flatMap((row) => row.source.map((sentence) => sentence.id)).map((id, index) => [id, index]))
    for (let i = 1; i < proposals.length; i++) {
      const [a, b] = [proposals[i - 1], proposals[i]]
      expect(position.get(a.sentenceId)! < position.get(b.sentenceId)! || (a.sentenceId === b.sentenceId && a.start <= b.start)).toBe(true)
    }
  })
})

import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { createDocument, type HamtaDocument } from '../../../src/core/model'
import { proposeCleanup } from '../../../src/core/text/cleanup'
import { loadLexicon, type Lexicon } from '../../../src/core/text/lexicon'
import { segmentParagraphs } from '../../../src/core/text/segment'

let lexicon: Lexicon
beforeAll(async () => {
  lexicon = await loadLexicon()
})

async function sample(name: string): Promise<HamtaDocument> {
  const text = await readFile(join(process.cwd(), 'resources', 'samples', name), 'utf8')
  return createDocument({ id: 'd', now: 'now', fileName: name, encoding: 'UTF-8', originalText: text, paragraphs: segmentParagraphs(text) })
}

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
})

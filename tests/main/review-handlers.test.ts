import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { titleFromText } from '../../src/core/model'
import { validateDocument } from '../../src/core/schema'
import { createHandlers } from '../../src/main/handlers'
import { LibraryService } from '../../src/main/services/library'
import type { HamtaApi } from '../../src/shared/contract'
import { SAMPLES_DIR, withTempDir } from '../helpers/temp'

const opened: LibraryService[] = []
afterEach(async () => {
  await Promise.all(opened.splice(0).map((library) => library.close()))
})

async function setup(dir: string): Promise<{ api: HamtaApi; library: LibraryService; documentId: string }> {
  const library = await LibraryService.open({ libraryDir: join(dir, 'lib'), samplesDir: SAMPLES_DIR, tool: 'test' })
  opened.push(library)
  const api = createHandlers({ library, mode: 'browser' })
  const { id } = await api.importSample({ sampleId: '003_1f132d0afecd6292' })
  return { api, library, documentId: id }
}

describe('tags, comments and statuses through the API handlers', () => {
  it('keeps a palette per library, and asks before deleting a tag in use', async () => {
    await withTempDir(async (dir) => {
      const { api, documentId } = await setup(dir)
      const palette = await api.getPalette({})
      expect(palette.map((tag) => tag.name)).toEqual(['Person', 'Organization', 'Place', 'Date/Number', 'Term', 'Quote', 'Needs review'])
      const withTerm = await api.createTag({ name: 'Ministry', color: '#123456' })
      const ministry = withTerm.find((tag) => tag.name === 'Ministry')!
      expect((await api.updateTag({ tagId: ministry.id, name: 'Ministries', color: '#654321' })).find((t) => t.id === ministry.id)).toMatchObject({
        name: 'Ministries',
        color: '#654321'
      })
      await expect(api.createTag({ name: 'person', color: '#000000' })).rejects.toThrow(/already/)
      await api.toggleRowTag({ documentId, rowId: 'r2', tagId: ministry.id })
      await expect(api.deleteTag({ tagId: ministry.id })).rejects.toThrow(/used in 1 place/)
      const after = await api.deleteTag({ tagId: ministry.id, confirmed: true })
      expect(after.some((tag) => tag.id === ministry.id)).toBe(false)
      expect((await api.getDocument({ documentId })).rows[1].tags).toEqual([])
    })
  })

  it('tags spans on both sides, links them, and exports the tag names', async () => {
    await withTempDir(async (dir) => {
      const { api, documentId } = await setup(dir)
      const doc = await api.getDocument({ documentId })
      const row = doc.rows[1]
      const sentence = row.source[0]
      const start = sentence.text.indexOf('الهام علیاف')
      const { row: tagged } = await api.addSourceSpan({
        documentId,
        rowId: row.id,
        sentenceId: sentence.id,
        start,
        end: start + 'الهام علیاف'.length,
        tagId: 'person'
      })
      const sourceSpan = tagged.source[0].spans[0]
      const target = 'Mahmoud Vaezi met Ilham Aliyev.'
      const at = target.indexOf('Ilham Aliyev')
      const { row: withEnglish } = await api.saveTarget({
        documentId,
        rowId: row.id,
        target,
        targetSpans: [{ tag: 'person', start: at, end: at + 12 }]
      })
      const targetSpan = withEnglish.targetSpans[0]
      const { row: linked } = await api.linkSpans({ documentId, rowId: row.id, sourceSpanId: sourceSpan.id, targetSpanId: targetSpan.id })
      expect(linked.source[0].spans[0].link).toBe(targetSpan.id)
      expect(linked.targetSpans[0].link).toBe(sourceSpan.id)
      const xliff = await api.exportDocument({ documentId, format: 'xliff12' })
      expect(xliff.content).toContain('Person')
      await expect(
        api.addSourceSpan({ documentId, rowId: row.id, sentenceId: sentence.id, start: 0, end: 99_999, tagId: 'person' })
      ).rejects.toThrow()
    })
  })

  it('keeps comment threads with the author from the settings, and asks a reason to reject', async () => {
    await withTempDir(async (dir) => {
      const { api, documentId } = await setup(dir)
      await api.updateSettings({ authorName: 'Sara' })
      const { row } = await api.addComment({ documentId, rowId: 'r3', text: '  Check the title of Vaezi.  ' })
      expect(row.comments[0]).toMatchObject({ author: 'Sara', text: 'Check the title of Vaezi.', resolved: false })
      const resolved = await api.resolveComment({ documentId, rowId: 'r3', commentId: row.comments[0].id })
      expect(resolved.row.comments[0].resolved).toBe(true)
      expect((await api.reopenComment({ documentId, rowId: 'r3', commentId: row.comments[0].id })).row.comments[0].resolved).toBe(false)

      await api.saveTarget({ documentId, rowId: 'r3', target: 'The chief of staff spoke.' })
      await expect(api.setRowStatus({ documentId, rowId: 'r3', status: 'rejected' })).rejects.toThrow(/reason/)
      const rejected = await api.setRowStatus({ documentId, rowId: 'r3', status: 'rejected', reason: 'Too free' })
      expect(rejected.row.status).toBe('rejected')
      expect(rejected.row.comments.at(-1)).toMatchObject({ author: 'Sara', text: 'Rejected: Too free' })
      expect((await api.setRowStatus({ documentId, rowId: 'r3', status: 'approved' })).summary.progress.approved).toBe(1)
    })
  })
})

describe('sentence edits and cleanup through the API handlers', () => {
  it('splits and merges Persian sentences with undo', async () => {
    await withTempDir(async (dir) => {
      const { api, documentId } = await setup(dir)
      const before = await api.getDocument({ documentId })
      const sentence = before.rows[2].source[0]
      const cut = sentence.text.indexOf(' خاطرنشان کرد')
      const split = await api.splitSentence({ documentId, rowId: before.rows[2].id, sentenceId: sentence.id, offset: cut })
      expect(split.document.rows[2].source).toHaveLength(2)
      expect(split.canUndo).toBe(true)
      const merged = await api.mergeSentence({ documentId, rowId: before.rows[2].id, sentenceId: sentence.id })
      expect(merged.document.rows[2].source).toHaveLength(1)
      expect(merged.document.rows[2].source[0].text.replace(/\s+/g, ' ')).toBe(sentence.text.replace(/\s+/g, ' '))
      const undone = await api.undoDocumentEdit({ documentId })
      expect(undone.document.rows[2].source).toHaveLength(2)
      expect(validateDocument(undone.document).ok).toBe(true)
    })
  })

  it('proposes fixes, applies the accepted ones, remembers dismissed ones, and undoes', async () => {
    await withTempDir(async (dir) => {
      const { api, documentId } = await setup(dir)
      const original = await api.getDocument({ documentId })
      const proposals = await api.proposeCleanup({ documentId })
      const zwnj = proposals.filter((proposal) => proposal.kind === 'missing-zwnj')
      const boilerplate = proposals.find((proposal) => proposal.kind === 'boilerplate')!
      expect(zwnj.length).toBeGreaterThan(3)
      const applied = await api.applyCleanup({ documentId, proposalIds: [...zwnj.map((p) => p.id), boilerplate.id] })
      const text = applied.document.rows.flatMap((row) => row.source.map((s) => s.text)).join(' ')
      expect(text).toContain('رئیس‌جمهور')
      expect(text).not.toMatch(/رئیسجمهور/)
      expect(applied.document.originalText).toBe(original.originalText)
      // The title was the first sentence's text: it shows the fixes too.
      const firstSentence = applied.document.rows[0].source.map((sentence) => sentence.text).join(' ')
      expect(applied.document.title).not.toBe(original.title)
      expect(applied.document.title).toBe(titleFromText(firstSentence))
      expect(applied.document.rows.find((row) => row.id === boilerplate.rowId)!.doNotTranslate).toBe(true)
      const remaining = await api.proposeCleanup({ documentId })
      expect(remaining.some((p) => p.kind === 'missing-zwnj' || p.kind === 'boilerplate')).toBe(false)

      const undone = await api.undoDocumentEdit({ documentId })
      expect(undone.document.rows.map((row) => row.source[0]?.text)).toEqual(original.rows.map((row) => row.source[0]?.text))
      expect(undone.document.title).toBe(original.title)
      const first = (await api.proposeCleanup({ documentId }))[0]
      const left = await api.dismissCleanup({ documentId, proposalIds: [first.id] })
      expect(left.map((p) => p.id)).not.toContain(first.id)
      expect((await api.proposeCleanup({ documentId })).map((p) => p.id)).not.toContain(first.id)
    })
  })
})

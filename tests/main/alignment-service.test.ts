import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { GENERAL_WORD_SHARE, indexDictionary } from '../../src/core/align/lexicon'
import { LibraryService } from '../../src/main/services/library'
import { SAMPLES_DIR, withTempDir } from '../helpers/temp'

const opened: LibraryService[] = []
afterEach(async () => {
  await Promise.all(opened.splice(0).map((library) => library.close()))
})

async function open(dir: string): Promise<LibraryService> {
  const library = await LibraryService.open({ libraryDir: join(dir, 'lib'), samplesDir: SAMPLES_DIR, tool: 'test' })
  opened.push(library)
  return library
}

const samplePersian = (): Promise<Buffer> => readFile(join(SAMPLES_DIR, '003_1f132d0afecd6292.txt'))
const devEnglish = (): Promise<Buffer> => readFile(join(process.cwd(), '..', 'shared', 'seeds', 'dev-align', '003.en.txt'))

describe('aligning translations in the library', () => {
  it('creates an aligned document from a Persian article and its English translation', async () => {
    await withTempDir(async (dir) => {
      const library = await open(dir)
      const summary = await library.importPair(
        { fileName: '003.txt', bytes: await samplePersian() },
        { fileName: '003.en.txt', bytes: await devEnglish() }
      )
      const doc = await library.getDocument(summary.id)
      expect(doc.rows.length).toBeGreaterThanOrEqual(12)
      expect(doc.rows[0].target).toMatch(/^Emphasis on the need to strengthen trilateral/)
      expect(doc.rows.every((row) => row.alignment?.status === 'auto')).toBe(true)
      expect(summary.progress.translated).toBeGreaterThanOrEqual(11)
    })
  })

  it('edits, undoes and redoes alignment edits; typing joins the same history, in order', async () => {
    await withTempDir(async (dir) => {
      const library = await open(dir)
      const { id } = await library.importPair(
        { fileName: '003.txt', bytes: await samplePersian() },
        { fileName: '003.en.txt', bytes: await devEnglish() }
      )
      const before = await library.getDocument(id)
      const merged = await library.editAlignment(id, { kind: 'mergeWithNext', rowId: before.rows[0].id })
      expect(merged.document.rows).toHaveLength(before.rows.length - 1)
      expect(merged).toMatchObject({ canUndo: true, canRedo: false })
      const undone = await library.undoDocumentEdit(id)
      expect(undone.document.rows.map((row) => row.target)).toEqual(before.rows.map((row) => row.target))
      expect(undone).toMatchObject({ canUndo: false, canRedo: true })
      const redone = await library.redoDocumentEdit(id)
      expect(redone.document.rows).toHaveLength(before.rows.length - 1)

      // Typing is saved a few times a second; the saves of one row make one step.
      const rowId = redone.document.rows[1].id
      const typedBefore = redone.document.rows[1].target
      await library.saveTarget(id, rowId, 'A corr')
      const saved = await library.saveTarget(id, rowId, 'A corrected translation.')
      expect(saved).toMatchObject({ canUndo: true, canRedo: false })
      await library.editAlignment(id, { kind: 'setAlignmentStatus', rowId, status: 'flagged' })

      // Undo walks back through the flag, the typing and the merge, in that order.
      const unflagged = await library.undoDocumentEdit(id)
      expect(unflagged.document.rows[1]).toMatchObject({ target: 'A corrected translation.', alignment: { status: 'auto' } })
      const untyped = await library.undoDocumentEdit(id)
      expect(untyped.document.rows[1].target).toBe(typedBefore)
      const unmerged = await library.undoDocumentEdit(id)
      expect(unmerged.document.rows).toHaveLength(before.rows.length)
      await expect(library.undoDocumentEdit(id)).rejects.toThrow(/no edit to undo/)
      // And forward again.
      await library.redoDocumentEdit(id)
      expect((await library.redoDocumentEdit(id)).document.rows[1].target).toBe('A corrected translation.')
      expect((await library.getDocument(id)).rows[1].target).toBe('A corrected translation.')
    })
  })

  it('drops a typing step typed back to what it was, and starts over after a change it did not record', async () => {
    await withTempDir(async (dir) => {
      const library = await open(dir)
      const { id } = await library.importSample('003_1f132d0afecd6292')
      const rowId = (await library.getDocument(id)).rows[0].id
      await library.saveTarget(id, rowId, 'Emphasis')
      expect(library.historyFlags(id).canUndo).toBe(true)
      expect((await library.saveTarget(id, rowId, '')).canUndo).toBe(false)

      await library.saveTarget(id, rowId, 'Emphasis on the need.')
      await library.setRowStatus(id, rowId, 'translated')
      expect((await library.undoDocumentEdit(id)).document.rows[0].status).toBe('draft')
      expect((await library.undoDocumentEdit(id)).document.rows[0].target).toBe('')
    })
  })

  it('never confirms a pairing by itself: an English sentence moved into the wrong row leaves both rows unconfirmed', async () => {
    await withTempDir(async (dir) => {
      const library = await open(dir)
      const { id } = await library.importPair(
        { fileName: '003.txt', bytes: await samplePersian() },
        { fileName: '003.en.txt', bytes: await devEnglish() }
      )
      const before = await library.getDocument(id)
      const moved = await library.editAlignment(id, { kind: 'moveSentence', rowId: before.rows[1].id, side: 'target', direction: 'next' })
      expect(moved.document.rows[1].alignment).toEqual({ status: 'auto' })
      expect(moved.document.rows[2].alignment).toEqual({ status: 'auto' })
      expect(moved.document.rows.filter((row) => row.alignment?.status === 'confirmed')).toEqual([])
      const split = await library.editAlignment(id, { kind: 'splitRow', rowId: moved.document.rows[2].id, sourceCount: 1, targetCount: 1 })
      expect(split.document.rows.filter((row) => row.alignment?.status === 'confirmed')).toEqual([])
    })
  })

  it('asks before replacing English and refuses a Persian file as the translation', async () => {
    await withTempDir(async (dir) => {
      const library = await open(dir)
      const { id } = await library.importSample('003_1f132d0afecd6292')
      await expect(library.importTranslation(id, 'fa.txt', await samplePersian())).rejects.toThrow(/looks like Persian/)
      const first = await library.importTranslation(id, '003.en.txt', await devEnglish())
      expect(first.document.rows[0].target).not.toBe('')
      await expect(library.importTranslation(id, '003.en.txt', await devEnglish())).rejects.toThrow(/already has English/)
      const replaced = await library.importTranslation(id, '003.en.txt', await devEnglish(), true)
      expect(replaced.document.rows.map((row) => row.target)).toEqual(first.document.rows.map((row) => row.target))
    })
  })
})

describe('what the library knows helps it align', () => {
  // Made-up words of equal length on both sides, so lengths cannot place a left-out sentence:
  // only knowing which word translates which can (as in the aligner's own dictionary test).
  const PERSIAN = 'بپتسجچدرزکگلمن'
  const ENGLISH = 'bdfgklmnprstvz'
  const persianWord = (k: number) => PERSIAN[k % 14] + PERSIAN[Math.floor(k / 14)] + 'ا' + PERSIAN[(k * 3 + 7) % 14]
  const englishWord = (k: number) => ENGLISH[k % 14] + 'aeiou'[k % 5] + ENGLISH[Math.floor(k / 14)] + 'aeiou'[(k * 3) % 5] + ENGLISH[(k * 7 + 2) % 14]
  let seed = 7
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648
    return seed / 2147483648
  }
  const sentence = () => Array.from({ length: 6 }, () => Math.floor(next() * 60))
  const memory = Array.from({ length: 300 }, sentence)
  const text = Array.from({ length: 12 }, sentence)
  const tmx = `<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="test" creationtoolversion="1" segtype="sentence" o-tmf="test" adminlang="en" srclang="fa" datatype="plaintext"/><body>
${memory.map((words) => `<tu><tuv xml:lang="fa"><seg>${words.map(persianWord).join(' ')}</seg></tuv><tuv xml:lang="en"><seg>${words.map(englishWord).join(' ')}</seg></tuv></tu>`).join('\n')}
</body></tmx>`
  const persian = Buffer.from(text.map((words) => `${words.map(persianWord).join(' ')}.`).join('\n\n'))
  // The translator left out the fifth sentence.
  const english = Buffer.from(
    text
      .filter((_, k) => k !== 4)
      .map((words) => `${words.map(englishWord).join(' ')}.`)
      .join('\n\n')
  )
  const leftOut = async (library: LibraryService, id: string) =>
    (await library.getDocument(id)).rows.flatMap((row, k) => (row.target.trim() ? [] : [k]))

  it('learns word pairs from an imported memory and places a left-out sentence by them', async () => {
    await withTempDir(async (dir) => {
      const library = await open(dir)
      const before = await library.importPair({ fileName: 'a.txt', bytes: persian }, { fileName: 'a.en.txt', bytes: english })
      expect(await leftOut(library, before.id)).not.toEqual([4])

      await (await library.memory()).importMemory('words.tmx', Buffer.from(tmx))
      const after = await library.importPair({ fileName: 'b.txt', bytes: persian }, { fileName: 'b.en.txt', bytes: english })
      expect(await leftOut(library, after.id)).toEqual([4])
      const rows = (await library.getDocument(after.id)).rows
      expect(rows[5].target).toBe(`${text[5].map(englishWord).join(' ')}.`)
    })
  })

  it('aligns with the word list it is given (the app gives the one it ships), on import and on a translation added later', async () => {
    await withTempDir(async (dir) => {
      const words = Array.from({ length: 60 }, (_, k) => ({ source: persianWord(k), target: englishWord(k) }))
      let asked = 0
      const library = await LibraryService.open({
        libraryDir: join(dir, 'lib'),
        samplesDir: SAMPLES_DIR,
        tool: 'test',
        wordList: async () => {
          asked++
          return indexDictionary(words, GENERAL_WORD_SHARE)
        }
      })
      opened.push(library)
      const imported = await library.importPair({ fileName: 'a.txt', bytes: persian }, { fileName: 'a.en.txt', bytes: english })
      expect(await leftOut(library, imported.id)).toEqual([4])
      const persianOnly = await library.importFile('b.txt', persian)
      await library.importTranslation(persianOnly.id, 'b.en.txt', english)
      expect(await leftOut(library, persianOnly.id)).toEqual([4])
      expect(asked).toBeGreaterThan(0)
    })
  })
})

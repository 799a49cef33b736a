/** Kept originals (originals/<id>.<ext>) go to the trash with their document, come back with it, and travel with a team library. */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import fs from 'node:fs'
import { join } from 'node:path'
import git from 'isomorphic-git'
import { afterEach, describe, expect, it } from 'vitest'
import { LibraryService } from '../../src/main/services/library'
import { GITIGNORE } from '../../src/main/sync/repository'
import { persianDocx } from '../fixtures/formats/persian-docx'
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

describe('kept originals', () => {
  it('deleting a document moves its original to trash/ too; restoring brings both back', async () => {
    await withTempDir(async (dir) => {
      const library = await open(dir)
      const original = Buffer.from(await persianDocx())
      const { id } = await library.importFile('report.docx', original)
      const kept = join(dir, 'lib', 'originals', `${id}.docx`)
      expect(readFileSync(kept).equals(original)).toBe(true)

      await library.deleteDocument(id)
      expect(existsSync(kept)).toBe(false)
      const trashed = readdirSync(join(dir, 'lib', 'trash', 'originals'))
      expect(trashed).toHaveLength(1)
      expect(trashed[0]).toMatch(new RegExp(`^${id}-.*\\.docx$`))
      // The document and its original carry the same stamp.
      const documentCopy = readdirSync(join(dir, 'lib', 'trash')).find((name) => name.endsWith('.json'))!
      expect(documentCopy.replace(/\.json$/, '')).toBe(trashed[0].replace(/\.docx$/, ''))

      await library.restoreDocument(id)
      expect(readFileSync(kept).equals(original)).toBe(true)
      expect(readdirSync(join(dir, 'lib', 'trash', 'originals'))).toHaveLength(0)
      const exported = await library.exportDocument(id, 'original')
      expect(Buffer.from(exported.content, 'base64').equals(original)).toBe(true)
    })
  })

  it('a document whose original is already missing is still deleted and restored', async () => {
    await withTempDir(async (dir) => {
      const library = await open(dir)
      const { id } = await library.importFile('report.docx', Buffer.from(await persianDocx()))
      fs.rmSync(join(dir, 'lib', 'originals', `${id}.docx`))
      await library.deleteDocument(id)
      await library.restoreDocument(id)
      await expect(library.exportDocument(id, 'original')).rejects.toThrow(/missing from the library/)
    })
  })

  it('the team library’s .gitignore shares originals/ and keeps trash/ (with trashed originals) local', async () => {
    await withTempDir(async (dir) => {
      mkdirSync(join(dir, 'repo'))
      await git.init({ fs, dir: join(dir, 'repo') })
      writeFileSync(join(dir, 'repo', '.gitignore'), GITIGNORE)
      const ignored = (filepath: string) => git.isIgnored({ fs, dir: join(dir, 'repo'), filepath })
      expect(await ignored('originals/d1.docx')).toBe(false)
      expect(await ignored('originals/d1.xlf')).toBe(false)
      expect(await ignored('documents/d1.json')).toBe(false)
      expect(await ignored('trash/originals/d1-2025.docx')).toBe(true)
    })
  })
})

/** Importing XLIFF and TMX into a library: errors name the file; tag names from other tools become palette tags. */
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { BilingualDocument } from '../../src/core/formats/bilingual'
import { writeTmx } from '../../src/core/formats/tmx'
import { writeXliff12 } from '../../src/core/formats/xliff12'
import { createHandlers } from '../../src/main/handlers'
import { LibraryService } from '../../src/main/services/library'
import { parseInput, type HamtaApi } from '../../src/shared/contract'
import { SAMPLES_DIR, withTempDir } from '../helpers/temp'

const opened: LibraryService[] = []
afterEach(async () => {
  await Promise.all(opened.splice(0).map((library) => library.close()))
})

async function open(dir: string): Promise<{ api: HamtaApi; library: LibraryService }> {
  const library = await LibraryService.open({ libraryDir: join(dir, 'lib'), samplesDir: SAMPLES_DIR, tool: 'test' })
  opened.push(library)
  return { api: createHandlers({ library, mode: 'desktop' }), library }
}

/** Calls a method as the app does: input validated by the contract first. */
async function call<M extends keyof HamtaApi>(
  api: HamtaApi,
  method: M,
  input: Parameters<HamtaApi[M]>[0]
): Promise<Awaited<ReturnType<HamtaApi[M]>>> {
  return (api[method] as (input: unknown) => Promise<Awaited<ReturnType<HamtaApi[M]>>>)(parseInput(method, input))
}

/** A file from another tool whose units carry tag names this library does not have. */
function taggedFile(): BilingualDocument {
  return {
    title: 'سند برچسب‌دار',
    sourceLang: 'fa',
    targetLang: 'en',
    units: [
      {
        id: 'u1',
        source: ['وزیر کار به باکو رفت.'],
        target: ['The labour minister went to Baku.'],
        status: 'draft',
        tags: [
          { name: 'Named Entity', side: 'unit' },
          { name: 'person', side: 'unit' },
          { name: 'Ministry', side: 'unit' }
        ],
        comments: []
      },
      {
        id: 'u2',
        source: ['دیدار انجام شد.'],
        target: ['The meeting took place.'],
        status: 'draft',
        tags: [
          { name: 'named entity', side: 'unit' },
          { name: 'موضوع/سیاسی', side: 'unit' }
        ],
        comments: []
      }
    ]
  }
}

describe('importing XLIFF and TMX into the library', () => {
  it('names the file (and the line) when the XML is malformed', async () => {
    await withTempDir(async (dir) => {
      const { library } = await open(dir)
      const broken = writeXliff12(taggedFile()).replace('</source>', '</target>')
      await expect(library.importFile('client.xlf', new TextEncoder().encode(broken))).rejects.toThrow(/^client\.xlf: line \d+/)
      const cut = writeTmx(taggedFile())
      await expect(library.importFile('cut.tmx', new TextEncoder().encode(cut.slice(0, cut.length - 40)))).rejects.toThrow(/^cut\.tmx: /)
      expect(library.listDocuments()).toEqual([])
    })
  })

  it('adds unknown tag names to the palette with valid ids, so the tags can be shown, removed and deleted', async () => {
    await withTempDir(async (dir) => {
      const { api } = await open(dir)
      const summary = await api.importDocument({ fileName: 'tagged.tmx', dataBase64: Buffer.from(writeTmx(taggedFile())).toString('base64') })
      const palette = await call(api, 'getPalette', {})
      const byName = new Map(palette.map((tag) => [tag.name.toLowerCase(), tag]))
      // Existing names keep their tag; new names become tags once, whatever their case.
      expect(palette.filter((tag) => tag.name.toLowerCase() === 'person')).toHaveLength(1)
      expect(palette.filter((tag) => tag.name.toLowerCase() === 'named entity')).toHaveLength(1)
      const named = byName.get('named entity')!
      const ministry = byName.get('ministry')!
      const topic = byName.get('موضوع/سیاسی')!
      for (const tag of [named, ministry, topic]) {
        expect(tag).toBeDefined()
        expect(() => parseInput('deleteTag', { tagId: tag.id })).not.toThrow()
        expect(tag.color).toMatch(/^#[0-9a-f]{6}$/)
      }

      const doc = await call(api, 'getDocument', { documentId: summary.id })
      expect(doc.rows[0].tags).toEqual([named.id, 'person', ministry.id])
      expect(doc.rows[1].tags).toEqual([named.id, topic.id])

      // Off a row, through the API as the row panel does it.
      const { row } = await call(api, 'toggleRowTag', { documentId: summary.id, rowId: doc.rows[0].id, tagId: named.id })
      expect(row.tags).toEqual(['person', ministry.id])
      // Out of the library altogether.
      await expect(call(api, 'deleteTag', { tagId: topic.id })).rejects.toThrow(/used in 1 place/)
      await call(api, 'deleteTag', { tagId: topic.id, confirmed: true })
      expect((await call(api, 'getDocument', { documentId: summary.id })).rows[1].tags).toEqual([named.id])
    })
  })

  it('reuses the palette tags on a second import and exports the names again', async () => {
    await withTempDir(async (dir) => {
      const { api } = await open(dir)
      const bytes = Buffer.from(writeTmx(taggedFile())).toString('base64')
      await api.importDocument({ fileName: 'a.tmx', dataBase64: bytes })
      const before = await call(api, 'getPalette', {})
      const second = await api.importDocument({ fileName: 'b.tmx', dataBase64: bytes })
      expect(await call(api, 'getPalette', {})).toEqual(before)
      const exported = await call(api, 'exportDocument', { documentId: second.id, format: 'tmx' })
      expect(exported.content).toContain('<prop type="x-tag">Named Entity</prop>')
      expect(exported.content).toContain('<prop type="x-tag">موضوع/سیاسی</prop>')
    })
  })
})

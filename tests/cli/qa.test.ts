import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { renderExport } from '../../src/core/formats/document-export'
import { setRowTarget } from '../../src/core/model'
import { LibraryService } from '../../src/main/services/library'
import { TermbaseService } from '../../src/main/services/termbase'
import { alignedDocument } from '../core/qa/helpers'
import { SAMPLES_DIR, withTempDir } from '../helpers/temp'
import { runHamta } from '../helpers/cli'

/** Imports a translated document into a library through `hamta import` of its Hamta JSON export. */
async function importTranslated(
  dir: string,
  library: string,
  change: (doc: ReturnType<typeof alignedDocument>) => ReturnType<typeof alignedDocument>
) {
  const doc = change(alignedDocument('003'))
  const file = join(dir, 'doc.hamta.json')
  await writeFile(file, (await renderExport(doc, 'json')).content as string)
  const imported = await runHamta(['import', file, '--library', library])
  expect(imported.code).toBe(0)
  return imported.out.trim().split('\n').at(-1)!
}

describe('hamta qa', () => {
  it('prints the findings as JSON with rows counted from 1, using the termbase', async () => {
    await withTempDir(async (dir) => {
      const library = join(dir, 'lib')
      const id = await importTranslated(dir, library, (doc) => {
        let next = setRowTarget(doc, 'r4', doc.rows[3].target.replace('Caspian Sea', 'Caspian  Sea'), 'now')
        next = setRowTarget(next, 'r2', next.rows[1].target.replace('Ilham Aliyev', 'Ilham Aliev'), 'now')
        return setRowTarget(next, 'r12', '', 'now')
      })
      await writeFile(join(dir, 't.csv'), 'fa,en,forbidden\nعلیاف,Aliyev,Aliev\n')
      expect((await runHamta(['term', 'import', join(dir, 't.csv'), '--library', library])).code).toBe(0)

      const result = await runHamta(['qa', id, '--library', library, '--json', '--spelling', 'en-GB'])
      expect(result.code).toBe(0)
      const { findings } = JSON.parse(result.out)
      expect(findings.map((f: { row: number; check: string }) => [f.row, f.check])).toEqual([
        [2, 'term'],
        [4, 'whitespace'],
        [12, 'untranslated']
      ])
      expect(findings[0]).toMatchObject({
        message: expect.stringContaining('“Aliev” is a forbidden rendering'),
        fix: expect.stringContaining('Ilham Aliyev')
      })
      for (const finding of findings) expect(Object.keys(finding)).toEqual(expect.arrayContaining(['row', 'check', 'message']))
    })
  })

  it('leaves out findings marked not an error, and writes HTML and CSV reports', async () => {
    await withTempDir(async (dir) => {
      const library = join(dir, 'lib')
      const id = await importTranslated(dir, library, (doc) => setRowTarget(doc, 'r3', `${doc.rows[2].target} `, 'now'))
      const service = await LibraryService.open({ libraryDir: library, samplesDir: SAMPLES_DIR, tool: 'test' })
      try {
        await new TermbaseService(service).silence(id, ['whitespace:r3:edges'], true)
      } finally {
        await service.close()
      }
      expect(JSON.parse((await runHamta(['qa', id, '--library', library, '--json', '--spelling', 'en-GB'])).out).findings).toEqual([])
      const all = JSON.parse((await runHamta(['qa', id, '--library', library, '--json', '--all', '--spelling', 'en-GB'])).out).findings
      expect(all).toEqual([expect.objectContaining({ row: 3, check: 'whitespace', silenced: true })])

      const html = join(dir, 'report.html')
      expect((await runHamta(['qa', id, '--library', library, '--report', html, '--all'])).code).toBe(0)
      expect(await readFile(html, 'utf8')).toContain('<h1>QA report')
      const csv = join(dir, 'report.csv')
      await runHamta(['qa', id, '--library', library, '--report', csv, '--checks', 'whitespace,number'])
      expect(await readFile(csv, 'utf8')).toContain('row,check,message,persian,english,fix,not an error')
    })
  })

  it('checks a Hamta JSON export given as a file, and refuses unknown checks and documents', async () => {
    await withTempDir(async (dir) => {
      const file = join(dir, 'doc.hamta.json')
      const doc = setRowTarget(alignedDocument('003'), 'r1', 'Emphasis on the need to strengthen 5 trilateral economic cooperation', 'now')
      await writeFile(file, (await renderExport(doc, 'json')).content as string)
      const result = JSON.parse((await runHamta(['qa', file, '--library', join(dir, 'none'), '--json', '--spelling', 'en-GB'])).out)
      expect(result.findings).toEqual([{ row: 1, check: 'number', message: '5 is in the English but not in the Persian.', id: 'number:r1:extra:5' }])
      expect((await runHamta(['qa', file, '--checks', 'nonsense'])).err).toContain('unknown check nonsense')
      expect((await runHamta(['qa', 'nodoc', '--library', dir])).code).toBe(1)
      expect((await runHamta(['qa', join(SAMPLES_DIR, '003_1f132d0afecd6292.txt')])).code).toBe(1)
    })
  })
})

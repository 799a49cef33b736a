import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readTbx } from '../../src/core/terms/tbx'
import { withTempDir } from '../helpers/temp'
import { runHamta } from '../helpers/cli'

describe('hamta term', () => {
  it('imports a CSV glossary, lists it as JSON and exports TBX that reads back', async () => {
    await withTempDir(async (dir) => {
      const library = join(dir, 'lib')
      const csv = join(dir, 'glossary.csv')
      await writeFile(csv, 'en,fa,forbidden,note\npresident,رئیس جمهور,chairman,\nrailway,خط آهن,,"rail, train"\n,بی‌انگلیسی,,\n')
      const imported = await runHamta(['term', 'import', csv, '--library', library])
      expect(imported).toMatchObject({ code: 0, out: 'Imported 2 terms from glossary.csv (csv): 2 new, 0 updated, 1 skipped.\n' })
      expect(imported.err).toContain('line 4: no English for بی‌انگلیسی')

      const listed = await runHamta(['term', 'list', '--library', library, '--json'])
      expect(listed.code).toBe(0)
      const json = JSON.parse(listed.out)
      expect(json.terms).toEqual([
        expect.objectContaining({ fa: 'رئیس جمهور', en: 'president', forbidden: ['chairman'], status: 'preferred' }),
        expect.objectContaining({ fa: 'خط آهن', en: 'railway', note: 'rail, train' })
      ])

      const out = join(dir, 'terms.tbx')
      expect(await runHamta(['term', 'export', '--library', library, '--out', out])).toMatchObject({ code: 0, out: `wrote ${out} (tbx, 2 terms)\n` })
      const tbx = await readFile(out, 'utf8')
      expect(tbx).toContain('type="TBX-Basic"')
      expect(readTbx(tbx).terms.map((term) => [term.fa, term.en, term.forbidden])).toEqual([
        ['رئیس جمهور', 'president', ['chairman']],
        ['خط آهن', 'railway', []]
      ])

      // Importing the export again updates rather than doubles.
      expect((await runHamta(['term', 'import', out, '--library', library])).out).toContain('0 new, 2 updated')
      expect(JSON.parse((await runHamta(['term', 'list', '--library', library, '--json'])).out).terms).toHaveLength(2)
    })
  })

  it('imports TSV and TBX 2008, and says what is wrong in one line', async () => {
    await withTempDir(async (dir) => {
      const library = join(dir, 'lib')
      await writeFile(join(dir, 'g.tsv'), 'fa\ten\nتهران\tTehran\n')
      expect((await runHamta(['term', 'import', join(dir, 'g.tsv'), '--library', library])).code).toBe(0)
      await writeFile(
        join(dir, 'old.tbx'),
        '<martif type="TBX"><text><body><termEntry><langSet xml:lang="fa"><tig><term>باکو</term></tig></langSet><langSet xml:lang="en"><tig><term>Baku</term></tig></langSet></termEntry></body></text></martif>'
      )
      expect((await runHamta(['term', 'import', join(dir, 'old.tbx'), '--library', library])).out).toContain('1 new')
      expect(JSON.parse((await runHamta(['term', 'list', '--library', library, '--json'])).out).terms.map((t: { en: string }) => t.en)).toEqual([
        'Tehran',
        'Baku'
      ])

      await writeFile(join(dir, 'bad.csv'), 'word,translation\nتهران,Tehran, Iran\n')
      const bad = await runHamta(['term', 'import', join(dir, 'bad.csv'), '--library', library])
      expect(bad.code).toBe(1)
      expect(bad.err).toMatch(/^hamta term: bad\.csv: the first row must name the columns, with one called "fa".*\n$/)
      expect((await runHamta(['term', 'frobnicate', '--library', library])).err).toContain('use import, export or list')
      expect((await runHamta(['term', 'export', '--library', library])).err).toContain('needs --out FILE')
    })
  })
})

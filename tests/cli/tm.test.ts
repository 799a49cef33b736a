import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { validateXml } from '../core/formats/tools'
import { withTempDir } from '../helpers/temp'
import { runHamta } from '../helpers/cli'

const FIXTURES = join(process.cwd(), 'tests', 'fixtures', 'tm')

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const { code, out, err } = await runHamta(args)
  return { code, stdout: out, stderr: err }
}

async function json(args: string[]): Promise<any> {
  const result = await run(args)
  expect(result.stderr).toBe('')
  expect(result.code).toBe(0)
  return JSON.parse(result.stdout)
}

describe('hamta tm', { timeout: 30_000 }, () => {
  it('imports, looks up, finds words, lists and exports a memory', async () => {
    await withTempDir(async (dir) => {
      const library = join(dir, 'lib')
      expect(await json(['tm', 'import', join(FIXTURES, 'omegat36-fa-en.tmx'), '--library', library, '--json'])).toEqual({ units: 3 })
      expect(await json(['tm', 'import', join(FIXTURES, 'lisa-ImportTest2A.tmx'), '--library', library, '--name', 'LISA', '--json'])).toEqual({
        units: 7
      })

      const exact = await json(['tm', 'lookup', 'قيمت نفت به ۷۵ دلار رسيد.', '--library', library, '--json'])
      expect(exact).toEqual({
        matches: [{ score: 100, source: 'قیمت نفت به ۷۵ دلار رسید.', target: 'The oil price reached $75.', origin: 'omegat36-fa-en' }]
      })
      const fuzzy = await json([
        'tm',
        'lookup',
        'وزیر امور خارجه ایران دیروز با همتای ترکیه دیدار کرد.',
        '--library',
        library,
        '--json',
        '--min',
        '70',
        '--max',
        '5'
      ])
      expect(fuzzy.matches).toHaveLength(1)
      expect(fuzzy.matches[0].score).toBeGreaterThanOrEqual(85)
      expect(fuzzy.matches[0].score).toBeLessThan(100)
      expect(
        (await json(['tm', 'lookup', 'وزیر امور خارجه ایران دیروز با همتای ترکیه دیدار کرد.', '--library', library, '--json', '--min', '95'])).matches
      ).toEqual([])
      const numbers = await json(['tm', 'lookup', 'قیمت نفت به ۸۰ دلار رسید.', '--library', library, '--json'])
      expect(numbers.matches[0]).toMatchObject({ score: 99, adaptedTarget: 'The oil price reached $80.' })
      expect(await json(['tm', 'lookup', 'هوا سرد است.', '--library', library, '--json'])).toEqual({ matches: [] })

      const words = await json(['tm', 'concordance', 'تورم', '--library', library, '--json'])
      expect(words).toEqual({
        units: [{ source: 'نرخ تورم ۲۸٫۴ درصد اعلام شد.', target: 'Inflation was announced at 28.4 percent.', origin: 'omegat36-fa-en' }]
      })
      const english = await json(['tm', 'concordance', 'gros', '--library', library, '--json'])
      expect(english.units.map((unit: { origin: string }) => unit.origin)).toEqual(['LISA'])

      const listed = await json(['tm', 'list', '--library', library, '--json'])
      expect(listed.memories.map((memory: { units: number }) => memory.units)).toEqual([3, 7])

      const out = join(dir, 'out.tmx')
      const exported = await run(['tm', 'export', '--library', library, '--out', out])
      expect(exported.code).toBe(0)
      expect(exported.stdout).toMatch(/Wrote 10 units/)
      expect(validateXml(out, 'tmx').status).toBe(0)
      expect(await readFile(out, 'utf8')).toContain('<seg>قیمت نفت به ۷۵ دلار رسید.</seg>')
    })
  })

  it('pre-translates and analyzes a document of the library', async () => {
    await withTempDir(async (dir) => {
      const library = join(dir, 'lib')
      await json(['tm', 'import', join(FIXTURES, 'omegat36-fa-en-level2.tmx'), '--library', library, '--json'])
      const article = join(dir, 'article.txt')
      await writeFile(article, 'قیمت نفت به ۷۵ دلار رسید.\n\nنرخ تورم ۲۸٫۴ درصد اعلام شد.\n\nهوای تهران سرد است.\n\nهوای تهران سرد است.\n')
      const imported = await run(['import', article, '--library', library])
      const id = imported.stdout.trim().split('\n').at(-1)!

      // A file not in the library yet is imported first.
      const fresh = join(dir, 'fresh.txt')
      await writeFile(fresh, 'قیمت نفت به ۷۵ دلار رسید.\n')
      const first = await run(['analyze', fresh, '--library', library, '--json'])
      expect(first.stderr).toMatch(/^imported .*fresh\.txt into the library as /)
      expect(JSON.parse(first.stdout).total).toEqual({ sentences: 1, words: 6 })

      const analysis = await json(['analyze', id, '--library', library, '--json'])
      expect(analysis.bands.map((band: { band: string; sentences: number; words: number }) => [band.band, band.sentences, band.words])).toEqual([
        ['context', 0, 0],
        ['100', 2, 12],
        ['95-99', 0, 0],
        ['85-94', 0, 0],
        ['75-84', 0, 0],
        ['50-74', 0, 0],
        ['no-match', 1, 4],
        ['repetitions', 1, 4]
      ])
      expect(analysis.total).toEqual({ sentences: 4, words: 20 })
      const csv = await run(['analyze', 'article.txt', '--library', library, '--csv'])
      expect(csv.stdout.split('\r\n')[2]).toBe('100%,2,12')

      expect(await json(['pretranslate', article, '--library', library, '--min', '100', '--json'])).toEqual({ filled: 2 })
      expect(await json(['pretranslate', id, '--library', library, '--json'])).toEqual({ filled: 0 })
      const stored = JSON.parse(await readFile(join(library, 'documents', `${id}.json`), 'utf8'))
      expect(stored.document.rows.map((row: { target: string; status: string }) => [row.target, row.status])).toEqual([
        ['The oil price reached $75.', 'draft'],
        ['Inflation was announced at 28.4 percent.', 'draft'],
        ['', 'untranslated'],
        ['', 'untranslated']
      ])
    })
  })

  it('fails with one line on bad input', async () => {
    await withTempDir(async (dir) => {
      const library = join(dir, 'lib')
      const missing = await run(['tm', 'import', join(dir, 'nope.tmx'), '--library', library])
      expect(missing.code).toBe(1)
      expect(missing.stderr).toMatch(/^hamta tm: .*nope\.tmx: no such file\.\n$/)
      await writeFile(join(dir, 'bad.tmx'), '<tmx version="1.4"><body><tu>')
      const bad = await run(['tm', 'import', join(dir, 'bad.tmx'), '--library', library, '--json'])
      expect(bad.code).toBe(1)
      expect(bad.stderr).toMatch(/^hamta tm: bad\.tmx: the TMX is not well-formed XML/)
      expect((await run(['tm', 'frobnicate', '--library', library])).stderr).toMatch(/unknown action 'frobnicate'/)
      expect((await run(['tm', 'lookup', '--library', library])).stderr).toMatch(/expected the TEXT/)
      expect((await run(['tm', 'lookup', 'x', '--min', 'abc', '--library', library])).stderr).toMatch(/--min takes a number/)
      expect((await run(['pretranslate', 'nothing', '--library', library])).stderr).toMatch(/no document "nothing"/)
      expect((await run(['tm', '--help'])).stdout).toMatch(/hamta tm lookup TEXT/)
    })
  })
})

/** `hamta align … --format F --out FILE` and `hamta export`, run in-process with captured output. */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli } from '../../src/cli/main'
import { fromBilingual } from '../../src/core/formats/bilingual'
import { readInterchange } from '../../src/core/formats/index'
import { validateDocument } from '../../src/core/schema'
import { NOW, sampleDocument } from '../fixtures/formats/sample'
import { validateXml } from '../core/formats/tools'

const SEEDS = '/work/shared/seeds/dev-align/'
const FA = `${SEEDS}003.fa.txt`
const EN = `${SEEDS}003.en.txt`
const folder = mkdtempSync(join(tmpdir(), 'hamta-export-'))
afterAll(() => rmSync(folder, { recursive: true, force: true }))

const path = (name: string) => join(folder, name)

async function cli(...args: string[]) {
  let stdout = ''
  let stderr = ''
  const code = await runCli(args, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), env: {} })
  return { code, stdout, stderr }
}

function lines(file: string): string[] {
  return readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
}

/** A Hamta JSON export of the sample document, as the app writes it. */
function sampleExport(name = 'sample.hamta.json'): string {
  const document = fromBilingual(sampleDocument(), { id: 'doc-42', now: NOW, fileName: 'article.txt' })
  writeFileSync(path(name), JSON.stringify({ format: 'hamta-document', document }, null, 2))
  return path(name)
}

describe('hamta align --format --out', () => {
  it('writes a valid XLIFF 1.2 file with one unit per bead, drafts with the bead score, the first sentence as title', async () => {
    const out = path('aligned.xlf')
    const { code, stdout, stderr } = await cli('align', FA, EN, '--presegmented', '--format', 'xliff12', '--out', out)
    expect(stderr).toBe('')
    expect(code).toBe(0)
    expect(stdout).toMatch(/^wrote .*aligned\.xlf \(xliff12, 13 of 13 beads; 13 source and 13 target sentences\)\n$/)
    expect(validateXml(out, 'xliff12').status).toBe(0)
    const doc = readInterchange(readFileSync(out))
    const persian = lines(FA)
    expect(doc.title).toBe(persian[0])
    expect(doc.units.flatMap((unit) => unit.source)).toEqual(persian)
    expect(doc.units.flatMap((unit) => unit.target)).toEqual(lines(EN))
    for (const unit of doc.units) {
      expect(unit.status).toBe(unit.target.length > 0 ? 'draft' : 'untranslated')
      expect(unit.alignment).toBe('auto')
      expect(unit.confidence).toBeGreaterThanOrEqual(0)
      expect(unit.confidence).toBeLessThanOrEqual(1)
    }
  })

  it('gives the same beads and scores as --json', async () => {
    const json = JSON.parse((await cli('align', FA, EN, '--presegmented', '--json')).stdout)
    const out = path('aligned.tmx')
    const both = await cli('align', FA, EN, '--presegmented', '--json', '--format', 'tmx', '--out', out)
    expect(both.code).toBe(0)
    // --json output is unchanged when a file is written as well.
    expect(JSON.parse(both.stdout)).toEqual(json)
    expect(validateXml(out, 'tmx').status).toBe(0)
    const doc = readInterchange(readFileSync(out))
    expect(doc.units.map((unit) => unit.confidence)).toEqual(json.beads.map((bead: { score: number }) => bead.score))
    expect(doc.units.map((unit) => unit.source.length)).toEqual(json.beads.map((bead: { src: number[] }) => bead.src.length))
  })

  it('writes every other format', async () => {
    for (const [format, name] of [
      ['xliff2', 'a2.xlf'],
      ['docx', 'a.docx'],
      ['html', 'a.html'],
      ['md', 'a.md'],
      ['csv', 'a.csv'],
      ['tsv', 'a.tsv'],
      ['json', 'a.hamta.json'],
      ['txt', 'a.txt']
    ]) {
      const { code, stderr } = await cli('align', FA, EN, '--presegmented', `--format=${format}`, `--out=${path(name)}`)
      expect(`${format}: ${stderr}`).toBe(`${format}: `)
      expect(code).toBe(0)
      expect(statSync(path(name)).size).toBeGreaterThan(100)
    }
    expect(validateXml(path('a2.xlf'), 'xliff2').status).toBe(0)
    expect([...readFileSync(path('a.docx')).subarray(0, 2)]).toEqual([0x50, 0x4b])
    expect(readFileSync(path('a.csv'), 'utf8').startsWith('\ufeffid,persian,english,status,tags,comments\r\n')).toBe(true)
    expect(readFileSync(path('a.txt'), 'utf8')).toContain(lines(EN)[1])
    const json = JSON.parse(readFileSync(path('a.hamta.json'), 'utf8'))
    expect(validateDocument(json.document).ok).toBe(true)
  })

  it.each([
    [['--format', 'tmx'], /--format needs --out FILE/],
    [['--out', 'x.tmx'], /--out needs --format/],
    [['--format', 'pdf', '--out', 'x.pdf'], /unknown format 'pdf'/],
    [['--format', 'tmx', '--out', '/no/such/folder/x.tmx'], /no such folder/]
  ])('refuses %j with a one-line error', async (extra, message) => {
    const { code, stdout, stderr } = await cli('align', FA, EN, '--presegmented', ...extra)
    expect(code).toBe(1)
    expect(stdout).toBe('')
    expect(stderr).toMatch(/^hamta align: /)
    expect(stderr).toMatch(message)
    expect(stderr.trimEnd().split('\n')).toHaveLength(1)
  })
})

describe('hamta export', () => {
  it('exports a Hamta JSON export to XLIFF 2 that keeps statuses, tags and comments', async () => {
    const out = path('sample.xlf')
    const { code, stdout, stderr } = await cli('export', sampleExport(), '--format', 'xliff2', '--out', out)
    expect(stderr).toBe('')
    expect(code).toBe(0)
    expect(stdout).toBe(`wrote ${out} (xliff2, 6 units)\n`)
    expect(validateXml(out, 'xliff2').status).toBe(0)
    const doc = readInterchange(readFileSync(out))
    const sample = sampleDocument()
    expect(doc.units.map((unit) => unit.status)).toEqual(sample.units.map((unit) => unit.status))
    expect(doc.units[2].comments.map((comment) => comment.text)).toEqual(sample.units[2].comments.map((comment) => comment.text))
    expect(doc.units[1].tags.map((tag) => tag.name).sort()).toEqual(['Person', 'Politics'])
  })

  it('applies --approved-only, --no-untranslated, --no-comments and --english-only', async () => {
    const doc = sampleExport('options.hamta.json')
    expect((await cli('export', doc, '--format', 'csv', '--out', path('approved.csv'), '--approved-only')).code).toBe(0)
    expect(lines(path('approved.csv'))).toHaveLength(2)
    expect((await cli('export', doc, '--format', 'tmx', '--out', path('translated.tmx'), '--no-untranslated', '--no-comments')).code).toBe(0)
    const tmx = readInterchange(readFileSync(path('translated.tmx')))
    expect(tmx.units).toHaveLength(5)
    expect(tmx.units.every((unit) => unit.comments.length === 0)).toBe(true)
    expect((await cli('export', doc, '--format', 'docx', '--out', path('english.docx'), '--english-only')).code).toBe(0)
    expect(statSync(path('english.docx')).size).toBeGreaterThan(1000)
  })

  it('reads a document from a library folder, read only, including one written by an older Hamta', async () => {
    const library = path('library')
    mkdirSync(join(library, 'documents'), { recursive: true })
    const document = fromBilingual(sampleDocument(), { id: 'doc-42', now: NOW, fileName: 'article.txt' })
    const file = join(library, 'documents', 'doc-42.json')
    writeFileSync(file, JSON.stringify({ schemaVersion: 2, document }))
    const before = readFileSync(file)
    const { code, stderr } = await cli('export', '--library', library, '--doc', 'doc-42', '--format', 'md', '--out', path('lib.md'))
    expect(stderr).toBe('')
    expect(code).toBe(0)
    expect(readFileSync(path('lib.md'), 'utf8')).toContain('# صادرات ایران در سال گذشته')
    expect(readFileSync(file)).toEqual(before)

    const old = {
      schemaVersion: 1,
      document: {
        ...document,
        schemaVersion: 1,
        rows: document.rows.map(({ tags: _tags, targetSpans: _spans, comments: _comments, alignment: _alignment, ...row }) => ({
          ...row,
          status: row.status === 'approved' || row.status === 'reviewed' ? 'translated' : row.status === 'rejected' ? 'draft' : row.status,
          source: row.source.map(({ id, text }) => ({ id, text }))
        }))
      }
    }
    writeFileSync(join(library, 'documents', 'old-1.json'), JSON.stringify(old))
    const migrated = await cli('export', '--library', library, '--doc', 'old-1', '--format', 'txt', '--out', path('old.txt'))
    expect(migrated.stderr).toBe('')
    expect(readFileSync(path('old.txt'), 'utf8')).toContain("Iran's exports rose 12 percent.")
  })

  it('never leaves a half-written file: an existing output is replaced whole', async () => {
    const out = path('replace.tmx')
    writeFileSync(out, 'old content')
    expect((await cli('export', sampleExport('replace.hamta.json'), '--format', 'tmx', '--out', out)).code).toBe(0)
    expect(readFileSync(out, 'utf8')).toMatch(/^<\?xml/)
    expect(existsSync(`${out}.tmp`)).toBe(false)
  })

  it.each([
    ['a missing file', () => ['export', path('missing.json'), '--format', 'tmx', '--out', path('x.tmx')], /missing\.json: no such file/],
    [
      'invalid JSON',
      () => {
        writeFileSync(path('bad.json'), '{"format": ')
        return ['export', path('bad.json'), '--format', 'tmx', '--out', path('x.tmx')]
      },
      /is not a Hamta JSON export: /
    ],
    [
      'JSON that is not a Hamta export',
      () => {
        writeFileSync(path('other.json'), '{"a": 1}')
        return ['export', path('other.json'), '--format', 'tmx', '--out', path('x.tmx')]
      },
      /not a Hamta JSON export/
    ],
    [
      'an invalid document',
      () => {
        writeFileSync(path('invalid.json'), JSON.stringify({ format: 'hamta-document', document: { schemaVersion: 2, id: 'x' } }))
        return ['export', path('invalid.json'), '--format', 'tmx', '--out', path('x.tmx')]
      },
      /is not a valid Hamta document: /
    ],
    ['no document', () => ['export', '--format', 'tmx', '--out', path('x.tmx')], /no document given/],
    ['no --format', () => ['export', sampleExport('f.hamta.json'), '--out', path('x.tmx')], /--out needs --format/],
    ['no --out', () => ['export', sampleExport('o.hamta.json'), '--format', 'tmx'], /--format needs --out/],
    [
      'an unknown format',
      () => ['export', sampleExport('u.hamta.json'), '--format', 'xliff', '--out', path('x.xlf')],
      /unknown format 'xliff'; use one of tmx, xliff12, xliff2/
    ],
    [
      '--english-only for a non-docx format',
      () => ['export', sampleExport('e.hamta.json'), '--format', 'html', '--english-only', '--out', path('x.html')],
      /--english-only applies to --format docx only/
    ],
    [
      'a missing library document',
      () => ['export', '--library', folder, '--doc', 'nope', '--format', 'tmx', '--out', path('x.tmx')],
      /has no document nope/
    ],
    [
      'an unsafe document id',
      () => ['export', '--library', folder, '--doc', '../../etc/passwd', '--format', 'tmx', '--out', path('x.tmx')],
      /is not a document id/
    ],
    ['--doc without a library', () => ['export', '--doc', 'doc-42', '--format', 'tmx', '--out', path('x.tmx')], /--doc needs --library/],
    [
      'an unknown option',
      () => ['export', sampleExport('k.hamta.json'), '--format', 'tmx', '--out', path('x.tmx'), '--fast'],
      /unknown option --fast/
    ]
  ])('refuses %s with a one-line error and exit code 1', async (_name, makeArgs, message) => {
    const { code, stdout, stderr } = await cli(...(makeArgs as () => string[])())
    expect(code).toBe(1)
    expect(stdout).toBe('')
    expect(stderr).toMatch(/^hamta export: /)
    expect(stderr).toMatch(message)
    expect(stderr.trimEnd().split('\n')).toHaveLength(1)
    expect(existsSync(path('x.tmx'))).toBe(false)
  })

  it('is listed in hamta --help and has usage', async () => {
    expect((await cli('--help')).stdout).toMatch(/^\s+export\s+export a document/m)
    const usage = await cli('export', '--help')
    expect(usage.code).toBe(0)
    expect(usage.stdout).toMatch(/--library DIR --doc ID/)
    expect(usage.stdout).toMatch(/--approved-only/)
    expect((await cli('align', '--help')).stdout).toMatch(/--format F --out FILE/)
  })
})

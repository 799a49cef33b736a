/**
 * Client XLIFF files made by other tools (tests/fixtures/xliff, see its README): each is read,
 * translated here, saved back, validated against the schema the original passes, and compared
 * unit by unit with the original.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { codesAsText, codesIn, withoutCodes, type InlineCode } from '../../../src/core/formats/inline-codes'
import { renderExport } from '../../../src/core/formats/document-export'
import { EXPORT_FORMATS } from '../../../src/core/formats/catalog'
import { strFromU8, unzipSync } from 'fflate'
import {
  checkLanguages,
  inlineXml,
  originalXliffToDocument,
  parseOriginalXliff,
  writeOriginalXliff,
  type OriginalXliff
} from '../../../src/core/formats/xliff-original'
import type { HamtaDocument } from '../../../src/core/model'
import { validateDocument } from '../../../src/core/schema'
import { PYTHON, run, SCHEMAS_DIR } from './tools'

const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'xliff')
const NOW = '2025-01-01T00:00:00.000Z'

type Schema = 'strict' | 'transitional' | 'xliff2' | 'none'

interface Fixture {
  file: string
  schema: Schema
  files: number
  units: number
  dialect?: string
}

const FIXTURE_LIST: Fixture[] = [
  { file: 'persian-article.xlf', schema: 'none', files: 1, units: 5 },
  { file: 'keepingyouawake-de.xliff', schema: 'transitional', files: 10, units: 71 },
  { file: 'okapi-htmltest.html.xlf', schema: 'transitional', files: 1, units: 8 },
  { file: 'okapi-segmented.xlf', schema: 'none', files: 1, units: 2 },
  { file: 'okapi-home_links.sdlxliff', schema: 'transitional', files: 1, units: 36, dialect: 'sdlxliff' },
  { file: 'okapi-MQ-12-Test01.mqxliff', schema: 'transitional', files: 1, units: 119, dialect: 'mqxliff' },
  { file: 'angular-messages.xlf', schema: 'strict', files: 1, units: 1 },
  { file: 'okapi-xliff2-test01.xlf', schema: 'xliff2', files: 1, units: 4 },
  { file: 'omegat36-khabar.xlf', schema: 'strict', files: 2, units: 4 }
]

function validate(path: string, schema: Schema): { status: number | null; stderr: string } {
  if (schema === 'none') return { status: 0, stderr: '' }
  const xsd = {
    strict: 'xliff-core-1.2-strict.xsd',
    transitional: 'xliff-core-1.2-transitional.xsd',
    xliff2: 'xliff_core_2.0.xsd'
  }[schema]
  return run('xmllint', ['--noout', '--nonet', '--schema', join(SCHEMAS_DIR, xsd), path])
}

function load(file: string): { bytes: Uint8Array; parsed: OriginalXliff; doc: HamtaDocument } {
  const bytes = new Uint8Array(readFileSync(join(FIXTURES, file)))
  const parsed = parseOriginalXliff(bytes, { fileName: file })
  const doc = originalXliffToDocument(parsed, { id: 'd1', now: NOW, fileName: file, original: { path: `originals/d1.xlf`, sha256: '' } })
  return { bytes, parsed, doc }
}

/** A "translation": the source with a marker in front, every code kept in its place. */
function translate(doc: HamtaDocument): HamtaDocument {
  return {
    ...doc,
    rows: doc.rows.map((row, k) =>
      row.locked
        ? row
        : {
            ...row,
            target: `EN${k + 1} ${row.source.map((sentence) => sentence.text).join(' ')}`,
            status: 'translated',
            comments:
              k === 0
                ? [...row.comments, { id: 'c1', author: 'Sara', text: 'Checked the name & title.', createdAt: NOW, resolved: false }]
                : row.comments
          }
    )
  }
}

describe('client XLIFF files round trip', () => {
  for (const fixture of FIXTURE_LIST) {
    it(`${fixture.file}: ids, files, codes and states come back`, () => {
      const { bytes, parsed, doc } = load(fixture.file)
      expect(parsed.files.length).toBe(fixture.files)
      expect(parsed.unitCount).toBe(fixture.units)
      if (fixture.dialect) expect(parsed.dialect).toBe(fixture.dialect)
      expect(validateDocument(doc).ok).toBe(true)
      expect(doc.rows.length).toBeGreaterThan(0)
      // Untouched, the file comes back byte for byte.
      expect(Buffer.from(writeOriginalXliff(doc, bytes).bytes).equals(Buffer.from(bytes))).toBe(true)

      const translated = translate(doc)
      const result = writeOriginalXliff(translated, bytes)
      expect(result.unmatched).toBe(0)
      // A byte order mark stays.
      expect(result.bytes[0] === 0xef).toBe(bytes[0] === 0xef)
      const folder = mkdtempSync(join(tmpdir(), 'hamta-xliff-'))
      const out = join(folder, fixture.file)
      writeFileSync(out, result.bytes)
      // The schema the original passes, the strictest first.
      const schema =
        (['strict', 'transitional', 'xliff2'] as const).find((kind) => validate(join(FIXTURES, fixture.file), kind).status === 0) ?? 'none'
      expect(schema).toBe(fixture.schema)
      const validation = validate(out, schema)
      expect(validation.stderr).not.toMatch(/fails to validate|error/i)
      expect(validation.status).toBe(0)

      const back = parseOriginalXliff(result.bytes, { fileName: fixture.file })
      expect(back.files.length).toBe(parsed.files.length)
      expect(back.unitCount).toBe(parsed.unitCount)
      expect(back.segments.map((s) => [s.fileId, s.unitId, s.segmentId])).toEqual(parsed.segments.map((s) => [s.fileId, s.unitId, s.segmentId]))
      const rows = translated.rows
      let k = 0
      for (const segment of back.segments) {
        if (segment.empty) continue
        const row = rows[k++]
        expect(segment.unitId).toBe(row.unitId)
        if (row.locked) continue
        // The same text and the same codes, in the same places.
        expect(inlineXml(segment.target, segment.codes)).toBe(inlineXml(row.target, row.codes ?? []))
        expect(segment.status).toBe('translated')
      }
      expect(k).toBe(rows.length)
      // The comment is a note now.
      expect(Buffer.from(result.bytes).toString('utf8')).toContain('Checked the name &amp; title.')
      // The target language is English now.
      if (back.format === 'xliff12') expect(back.targetLanguages.every((lang) => lang === 'en' || lang.startsWith('en-'))).toBe(true)
      else expect(back.root.attributes.trgLang).toBe('en')
    })
  }

  it('exports other than the original show codes by their labels, never as private-use characters', async () => {
    for (const file of ['angular-messages.xlf', 'persian-article.xlf', 'okapi-home_links.sdlxliff', 'okapi-MQ-12-Test01.mqxliff']) {
      const { doc } = load(file)
      expect(doc.rows.some((row) => row.codes?.length)).toBe(true)
      // Hamta's own JSON is the stored document: it keeps the codes, to be read back as they were.
      expect((await renderExport(doc, 'json')).content).toMatch(/[\uE000-\uF8FF]/)
      for (const format of EXPORT_FORMATS.filter((name) => name !== 'original' && name !== 'json')) {
        const out = await renderExport(doc, format)
        const text = typeof out.content === 'string' ? out.content : strFromU8(unzipSync(out.content)['word/document.xml'])
        expect({ file, format, privateUse: /[\uE000-\uF8FF]/.test(text) }).toEqual({ file, format, privateUse: false })
      }
    }
    const html = await renderExport(load('angular-messages.xlf').doc, 'html')
    expect(html.content).toContain('{{ title }}')
  })

  it('moves offsets past a code by the length of its label', () => {
    const codes: InlineCode[] = [{ id: '1', kind: 'standalone', label: '{{ x }}', xml: '<x id="1"/>' }]
    const shown = codesAsText(`Hi \uE000 there`, codes)
    expect(shown.text).toBe('Hi {{ x }} there')
    expect(shown.text.slice(shown.at(5), shown.at(10))).toBe('there')
    expect(shown.at(3)).toBe(3)
  })

  it('inline codes are placeholders in the source, with labels from the file', () => {
    const { doc } = load('angular-messages.xlf')
    const row = doc.rows[0]
    expect(codesIn(row.source[0].text)).toEqual([0])
    expect(row.codes?.[0]).toMatchObject({ id: 'INTERPOLATION', kind: 'standalone', label: '{{ title }}' })
    expect(withoutCodes(row.source[0].text)).toBe(' Hello ! ')
    const persian = load('persian-article.xlf').doc
    expect(persian.rows[1].codes?.map((code) => code.kind)).toEqual(['open', 'close'])
  })

  it('Okapi output with its:version on the root is XLIFF 1.2, not refused', () => {
    const { parsed } = load('okapi-htmltest.html.xlf')
    expect(parsed.format).toBe('xliff12')
    expect(parsed.segments.length).toBe(8)
  })

  it('segmentation inside units is respected, and XLIFF 2 segments are rows', () => {
    const segmented = load('okapi-segmented.xlf').doc
    expect(segmented.rows.map((row) => [row.unitId, row.segmentId])).toEqual([
      ['1', '0'],
      ['3', '0'],
      ['3', '1']
    ])
    const xliff2 = load('okapi-xliff2-test01.xlf').doc
    expect(xliff2.rows.map((row) => [row.unitId, row.segmentId])).toEqual([
      ['tu1', '1'],
      ['tu1', '2'],
      ['tu3', '1'],
      ['tu3end', '1'],
      ['tu2', 's1']
    ])
  })

  it('units marked not translatable are locked and never written', () => {
    const { doc } = load('okapi-home_links.sdlxliff')
    expect(doc.rows.every((row) => row.unitId)).toBe(true)
  })

  it('a broken pair of codes in the translation is written in isolated form, still valid', () => {
    const { bytes, doc } = load('persian-article.xlf')
    const row = doc.rows[1]
    // The closing code before the opening one.
    const target = `\uE001Monday\uE000 the minister met his counterpart.`
    const changed = { ...doc, rows: doc.rows.map((r) => (r.id === row.id ? { ...r, target, status: 'translated' as const } : r)) }
    const out = Buffer.from(writeOriginalXliff(changed, bytes).bytes).toString('utf8')
    expect(out).toContain('<ex id="0"/>Monday<bx id="0"/> the minister')
  })

  it('keeps line breaks: the unit gets xml:space="preserve"', () => {
    const { bytes, doc } = load('okapi-htmltest.html.xlf')
    const changed = { ...doc, rows: doc.rows.map((r, k) => (k === 0 ? { ...r, target: 'Line one\nline two', status: 'translated' as const } : r)) }
    const out = Buffer.from(writeOriginalXliff(changed, bytes).bytes).toString('utf8')
    expect(out).toMatch(/<trans-unit id="tu1" restype="x-paragraph" approved="yes" xml:space="preserve">/)
  })
})

describe('language direction', () => {
  it('an English → Persian file is refused, naming its languages', () => {
    const file = `<?xml version="1.0"?><xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file source-language="en" target-language="fa" datatype="plaintext" original="ng2.template"><body>
<trans-unit id="a"><source>About us</source><target>درباره ما</target></trans-unit></body></file></xliff>`
    const parsed = parseOriginalXliff(file)
    expect(() => checkLanguages(parsed, 'messages.fa.xlf')).toThrow(/from en into Persian.*Hamta translates from Persian into English/)
  })

  it('a file in another pair is refused with its languages', () => {
    const { parsed } = load('keepingyouawake-de.xliff')
    expect(() => checkLanguages(parsed, 'de.xliff')).toThrow(/holds en → de/)
  })

  it('Persian text passes even when the converter declared English (odf2xliff)', () => {
    const { parsed } = load('persian-article.xlf')
    expect(parsed.sourceLanguages).toEqual(['en'])
    expect(() => checkLanguages(parsed, 'persian-article.xlf')).not.toThrow()
  })
})

describe('ODT through translate-toolkit: odf2xliff → Hamta → xliff2odf', () => {
  it('gives the English ODT with its bold and its link', () => {
    const { bytes, doc } = load('persian-article.xlf')
    const english = [
      'Ministers meet in Tehran',
      'The foreign minister met his counterpart on \uE000Monday\uE001.',
      'The full statement was published at \uE000this address\uE001.',
      'The meeting lasted \uE000two hours\uE001 and both sides stressed that talks would go on.',
      'Report'
    ]
    const translated = { ...doc, rows: doc.rows.map((row, k) => ({ ...row, target: english[k], status: 'approved' as const })) }
    const folder = mkdtempSync(join(tmpdir(), 'hamta-odt-'))
    const xlf = join(folder, 'persian-article.xlf')
    writeFileSync(xlf, writeOriginalXliff(translated, bytes).bytes)
    const odt = join(folder, 'english.odt')
    const result = run('xliff2odf', ['-i', xlf, '-t', join(FIXTURES, 'persian-article.odt'), '-o', odt])
    expect(result.status, result.stderr).toBe(0)
    const content = run('unzip', ['-p', odt, 'content.xml']).stdout
    expect(content).toContain('Ministers meet in Tehran')
    expect(content).not.toMatch(/[\u0600-\u06FF]/)
    // The bold run, the link and the italic run hold the English words now.
    expect(content).toMatch(/<text:span text:style-name="[^"]+">Monday<\/text:span>/)
    expect(content).toMatch(/<text:a [^>]*xlink:href="https:\/\/example.org\/statement"[^>]*>this address<\/text:a>/)
    expect(content).toMatch(/<text:span text:style-name="[^"]+">two hours<\/text:span>/)
    // translate-toolkit reads every unit as translated, not fuzzy.
    const check = run(PYTHON, [
      '-c',
      'import sys,json\nfrom translate.storage import factory\ns=factory.getobject(sys.argv[1])\nprint(json.dumps([[u.istranslated(), u.isfuzzy()] for u in s.units]))',
      xlf
    ])
    expect(JSON.parse(check.stdout)).toEqual(english.map(() => [true, false]))
  })
})

describe("Hamta's own XLIFF 1.2 as other tools read it", () => {
  it('translated and reviewed rows are not fuzzy, line breaks stay, and comments with an author reach xliff2po', async () => {
    const { writeXliff12 } = await import('../../../src/core/formats/xliff12')
    const { readInterchange } = await import('../../../src/core/formats/index')
    const xml = writeXliff12({
      title: 't',
      sourceLang: 'fa',
      targetLang: 'en',
      units: [
        {
          id: 'a',
          source: ['یک.'],
          target: ['One.'],
          status: 'translated',
          tags: [],
          comments: [{ author: 'Sara', createdAt: NOW, text: 'Check the name.', resolved: false }]
        },
        { id: 'b', source: ['دو.'], target: ['Two\nlines.'], status: 'reviewed', tags: [], comments: [] },
        { id: 'c', source: ['سه.'], target: ['Three.'], status: 'draft', tags: [], comments: [] }
      ]
    })
    const folder = mkdtempSync(join(tmpdir(), 'hamta-own-'))
    const xlf = join(folder, 'own.xlf')
    writeFileSync(xlf, xml)
    const check = run(PYTHON, [
      '-c',
      'import sys,json\nfrom translate.storage import factory\ns=factory.getobject(sys.argv[1])\nprint(json.dumps([[u.isfuzzy(), u.target, u.getnotes("translator")] for u in s.units]))',
      xlf
    ])
    expect(JSON.parse(check.stdout)).toEqual([
      [false, 'One.', 'Check the name.'],
      [false, 'Two\nlines.', ''],
      [true, 'Three.', '']
    ])
    const back = readInterchange(xml)
    expect(back.units.map((unit) => unit.status)).toEqual(['translated', 'reviewed', 'draft'])
    expect(back.units[0].comments[0].author).toBe('Sara')
  })
})

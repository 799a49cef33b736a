/** Every XML format passes its official schema (xmllint) and reads back in translate-toolkit. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { BilingualDocument } from '../../../src/core/formats/bilingual'
import type { ExportOptions } from '../../../src/core/formats/options'
import { writeTmx } from '../../../src/core/formats/tmx'
import { writeXliff12 } from '../../../src/core/formats/xliff12'
import { writeXliff2 } from '../../../src/core/formats/xliff2'
import { NOW, sampleDocument } from '../../fixtures/formats/sample'
import { readWithTranslateToolkit, validateXml, type XmlKind } from './tools'

const folder = mkdtempSync(join(tmpdir(), 'hamta-xml-'))
afterAll(() => rmSync(folder, { recursive: true, force: true }))

function save(name: string, content: string): string {
  const path = join(folder, name)
  writeFileSync(path, content)
  return path
}

const WRITERS: Array<[XmlKind, string, (doc: BilingualDocument, options?: ExportOptions) => string]> = [
  ['tmx', 'tmx', writeTmx],
  ['xliff12', 'xlf', writeXliff12],
  ['xliff2', 'xlf', writeXliff2]
]

/** Edge cases a schema could trip on: no units at all, odd ids, a unit with no Persian. */
function awkwardDocument(): BilingualDocument {
  return {
    title: '',
    sourceLang: 'fa',
    targetLang: 'en',
    units: [
      { id: 'id with spaces/and:colons', source: ['یک'], target: ['One'], status: 'translated', tags: [], comments: [] },
      { id: 'id with spaces/and:colons', source: ['دو'], target: ['Two'], status: 'draft', tags: [], comments: [] },
      { id: '', source: [], target: ['English only, from a 0:1 bead'], status: 'draft', confidence: 0, alignment: 'auto', tags: [], comments: [] },
      { id: 'ctl', source: ['نویسه\u0001 کنترلی'], target: ['control\u0008 character ]]> end'], status: 'translated', tags: [], comments: [] }
    ]
  }
}

describe('schema validation with xmllint', () => {
  for (const [kind, extension, write] of WRITERS) {
    it(`${kind}: the sample document is valid`, () => {
      const result = validateXml(save(`sample-${kind}.${extension}`, write(sampleDocument(), { now: NOW })), kind)
      expect(result.stderr).not.toMatch(/error|warning|fails/i)
      expect(result.status).toBe(0)
    })

    it(`${kind}: every option combination and awkward content stay valid`, () => {
      const cases: Array<[string, BilingualDocument, ExportOptions]> = [
        ['approved', sampleDocument(), { approvedOnly: true, now: NOW }],
        ['filtered', sampleDocument(), { includeComments: false, includeUntranslated: false, now: NOW }],
        ['none', sampleDocument(), { approvedOnly: true, includeUntranslated: false, now: NOW }],
        ['empty', { ...sampleDocument(), units: [] }, { now: NOW }],
        ['awkward', awkwardDocument(), { now: NOW }]
      ]
      for (const [name, doc, options] of cases) {
        const result = validateXml(save(`${name}-${kind}.${extension}`, write(doc, options)), kind)
        expect(`${name}: ${result.stderr}`).not.toMatch(/error|warning|fails/i)
        expect(result.status).toBe(0)
      }
    })
  }

  it('xliff2 also passes the core schema on its own', () => {
    const result = validateXml(save('core.xlf', writeXliff2(sampleDocument(), { now: NOW })), 'xliff2-core')
    expect(result.status).toBe(0)
  })

  it('the validators do reject what the formats forbid', () => {
    // Guards against a validation step that passes everything (wrong schema, wrong flags).
    const customAttribute = writeXliff12(sampleDocument(), { now: NOW }).replace('<trans-unit id="r1"', '<trans-unit hamta-status="approved" id="r1"')
    expect(validateXml(save('bad-12.xlf', customAttribute), 'xliff12').status).not.toBe(0)
    const badMetadata = writeXliff2(sampleDocument(), { now: NOW }).replace('<mda:meta type="confidence">', '<mda:meta kind="confidence">')
    expect(validateXml(save('bad-2.xlf', badMetadata), 'xliff2').status).not.toBe(0)
    const badTmx = writeTmx(sampleDocument(), { now: NOW }).replace('<tuv xml:lang="fa">', '<tuv>')
    expect(validateXml(save('bad.tmx', badTmx), 'tmx').status).not.toBe(0)
  })
})

describe('translate-toolkit reads the files back', () => {
  const doc = sampleDocument()

  it.each([
    ['tmx', 'sample.tmx', () => writeTmx(doc, { now: NOW }), 'tmxfile'],
    ['xliff12', 'sample.xlf', () => writeXliff12(doc, { now: NOW }), 'xlifffile']
  ])('%s: every unit with its Persian source and English target', (_kind, name, write, storeType) => {
    const result = readWithTranslateToolkit(save(`tt-${name}`, write()))
    expect(result.storeType).toBe(storeType)
    expect(result.units).toHaveLength(doc.units.length)
    result.units.forEach((unit, k) => {
      expect(unit.source).toBe(doc.units[k].source.join(' '))
      expect(unit.target ?? '').toBe(doc.units[k].target.join(' '))
    })
    expect(result.units[0].source).toMatch(/[\u0600-\u06ff]/)
    expect(result.units[2].target).toContain('<script>')
    expect(result.units[2].notes).toContain('Use <b>bold</b> & check')
  })
})

import { execFileSync } from 'node:child_process'
import { existsSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseDelimited, readDelimitedTerms, writeDelimitedTerms } from '../../../src/core/terms/delimited'
import { readTermFile, writeTermFile } from '../../../src/core/terms/files'
import { emptyTermbase, mergeTerms, parseTermbase, upsertTerm } from '../../../src/core/terms/model'
import { readTbx, writeTbx } from '../../../src/core/terms/tbx'

const bytes = (text: string) => new TextEncoder().encode(text)

function termbaseOf(inputs: Parameters<typeof mergeTerms>[1]) {
  let n = 0
  return mergeTerms(emptyTermbase(), inputs, () => `t${++n}`, 'now').termbase
}

describe('TBX', () => {
  const terms = termbaseOf([
    { fa: 'رئیس‌جمهور', en: 'president', alternatives: ['head of state'], forbidden: ['chairman'], domain: 'politics', note: 'R&D <title>' },
    { fa: 'خط آهن', en: 'railway', status: 'admitted' },
    { fa: 'ایالات متحده', en: 'US', status: 'deprecated' }
  ]).terms

  it('writes TBX-Basic (TBX v3, DCA style) and reads it back unchanged', () => {
    const tbx = writeTbx(terms)
    expect(tbx).toContain('<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">')
    expect(tbx).toContain('<termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote>')
    expect(tbx).toContain('<descrip type="subjectField">politics</descrip>')
    expect(tbx).toContain('R&amp;D &lt;title&gt;')
    const back = readTbx(tbx).terms
    expect(back.map(({ fa, en, alternatives, forbidden, status, domain, note }) => ({ fa, en, alternatives, forbidden, status, domain, note }))).toEqual(
      terms.map(({ fa, en, alternatives, forbidden, status, domain, note }) => ({ fa, en, alternatives, forbidden, status, domain, note }))
    )
  })

  it('writes well-formed XML (xmllint, where installed)', () => {
    if (!existsSync('/usr/bin/xmllint')) return
    const path = join(tmpdir(), `hamta-${process.pid}.tbx`)
    writeFileSync(path, writeTbx(terms))
    expect(() => execFileSync('xmllint', ['--noout', path])).not.toThrow()
  })

  it('reads TBX 2008 martif files (tig and ntig) and DCT-style v3 files', () => {
    const martif = `<?xml version="1.0"?>
<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">
<martif type="TBX" xml:lang="en"><martifHeader><fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></martifHeader>
<text><body>
  <termEntry id="e1"><descrip type="subjectField">transport</descrip>
    <langSet xml:lang="fa-IR"><tig><term>خط آهن</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig></langSet>
    <langSet xml:lang="en-US">
      <tig><term>railway</term></tig>
      <ntig><termGrp><term>railroad</term><termNote type="administrativeStatus">admittedTerm-admn-sts</termNote></termGrp></ntig>
      <tig><term>rail line</term><termNote type="administrativeStatus">supersededTerm-admn-sts</termNote></tig>
    </langSet>
  </termEntry>
  <termEntry id="e2"><langSet xml:lang="de"><tig><term>Bahn</term></tig></langSet></termEntry>
</body></text></martif>`
    const result = readTbx(martif)
    expect(result.skipped).toBe(1)
    expect(result.terms).toEqual([
      { fa: 'خط آهن', en: 'railway', alternatives: ['railroad'], forbidden: ['rail line'], status: 'preferred', domain: 'transport', note: undefined, concept: 'e1' }
    ])
    const dct = `<tbx type="TBX-Basic" style="dct" xmlns="urn:iso:std:iso:30042:ed-2" xmlns:basic="http://www.tbxinfo.net/ns/basic" xmlns:min="http://www.tbxinfo.net/ns/min"><text><body>
      <conceptEntry id="c1"><min:subjectField>energy</min:subjectField>
        <langSec xml:lang="fa"><termSec><term>نفت</term></termSec></langSec>
        <langSec xml:lang="en"><termSec><term>petroleum</term><basic:administrativeStatus>deprecatedTerm-admn-sts</basic:administrativeStatus></termSec><termSec><term>oil</term><min:administrativeStatus>preferredTerm-admn-sts</min:administrativeStatus></termSec></langSec>
      </conceptEntry></body></text></tbx>`
    expect(readTbx(dct).terms[0]).toMatchObject({ fa: 'نفت', en: 'oil', forbidden: ['petroleum'], domain: 'energy' })
  })

  it('refuses files that are not TBX or declare entities', () => {
    expect(() => readTbx('<tmx version="1.4"/>', 'x.tmx')).toThrow(/not a TBX file/)
    expect(() => readTbx('<!DOCTYPE tbx [<!ENTITY a "b">]><tbx/>')).toThrow(/entities/)
  })
})

describe('CSV and TSV glossaries', () => {
  it('reads a header naming fa and en in any order, with optional columns and quoted cells', () => {
    const csv = '\ufeffnote,EN,fa,Forbidden,Status\r\n"capital, city",Tehran,تهران,Teheran,preferred\r\n,"railway; railroad",خط آهن,,admitted\r\n,,بی‌انگلیسی,,\r\n'
    const { terms, skipped } = readDelimitedTerms(csv)
    expect(terms).toEqual([
      { fa: 'تهران', en: 'Tehran', alternatives: [], forbidden: ['Teheran'], status: 'preferred', domain: undefined, note: 'capital, city' },
      { fa: 'خط آهن', en: 'railway', alternatives: ['railroad'], forbidden: [], status: 'admitted', domain: undefined, note: undefined }
    ])
    expect(skipped).toEqual([{ line: 4, reason: 'no English for بی‌انگلیسی' }])
  })

  it('reads TSV, semicolon-separated sheets and headerless two-column sheets', () => {
    expect(readDelimitedTerms('fa\ten\nتهران\tTehran\n').terms[0]).toMatchObject({ fa: 'تهران', en: 'Tehran' })
    expect(readDelimitedTerms('fa;en;note\nتهران;Tehran;a, b\n').terms[0]).toMatchObject({ fa: 'تهران', en: 'Tehran', note: 'a, b' })
    expect(readDelimitedTerms('تهران,Tehran\nباکو,Baku\n').terms.map((t) => t.en)).toEqual(['Tehran', 'Baku'])
    expect(() => readDelimitedTerms('source_word,translation\nتهران و,Tehran, Iran\n')).toThrow(/"fa".*"en"/)
  })

  it('parses quotes, doubled quotes and line breaks in cells', () => {
    expect(parseDelimited('a,"b ""x"",\nc"\r\nd,e', ',')).toEqual([
      ['a', 'b "x",\nc'],
      ['d', 'e']
    ])
  })

  it('writes what it reads, neutralising formula cells and reading them back', () => {
    const terms = termbaseOf([{ fa: 'منفی', en: '-1 rule', alternatives: ['a; b'] }]).terms
    const csv = writeDelimitedTerms(terms)
    expect(csv).toContain("'-1 rule")
    expect(readDelimitedTerms(csv).terms[0]).toMatchObject({ fa: 'منفی', en: '-1 rule', alternatives: ['a', 'b'] })
  })

  it('decodes spreadsheet exports in UTF-16 and picks the reader by name or content', () => {
    const utf16 = new Uint8Array([0xff, 0xfe, ...new Uint8Array(new Uint16Array([...'fa\ten\nتهران\tTehran\n'].map((c) => c.charCodeAt(0))).buffer)])
    expect(readTermFile(utf16, 'glossary.txt')).toMatchObject({ format: 'tsv', terms: [{ fa: 'تهران', en: 'Tehran' }] })
    const tbx = writeTermFile(termbaseOf([{ fa: 'تهران', en: 'Tehran' }]).terms, 'tbx').content
    expect(readTermFile(bytes(tbx), 'export')).toMatchObject({ format: 'tbx', terms: [{ fa: 'تهران', en: 'Tehran' }] })
  })
})

describe('termbase edits', () => {
  it('updates the entry with the same Persian and English instead of doubling it', () => {
    const first = upsertTerm(emptyTermbase(), { fa: 'رئیس‌جمهور', en: 'President' }, { id: 'a', now: '1' })
    const second = upsertTerm(first.termbase, { fa: 'رئیس جمهور', en: 'president', forbidden: ['chairman'], note: 'n' }, { id: 'b', now: '2' })
    expect(second.added).toBe(false)
    expect(second.termbase.terms).toHaveLength(1)
    expect(second.termbase.terms[0]).toMatchObject({ id: 'a', forbidden: ['chairman'], note: 'n', updatedAt: '2' })
    expect(() => upsertTerm(emptyTermbase(), { fa: ' ', en: 'x' }, { id: 'c', now: '1' })).toThrow(/Persian/)
  })

  it('keeps good entries of a damaged file and counts the rest', () => {
    const { termbase, dropped } = parseTermbase({ terms: [{ id: 'a', fa: 'تهران', en: 'Tehran' }, { id: 'a', fa: 'x', en: 'y' }, { fa: 'بی‌شناسه' }, null] })
    expect(termbase.terms.map((t) => t.id)).toEqual(['a'])
    expect(dropped).toBe(3)
  })
})

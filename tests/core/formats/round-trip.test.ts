/** Export to TMX and XLIFF, import again, and get the same document; read files other tools made. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { BilingualDocument } from '../../../src/core/formats/bilingual'
import { readInterchange } from '../../../src/core/formats/index'
import { readTmx, writeTmx } from '../../../src/core/formats/tmx'
import { readXliff12, writeXliff12 } from '../../../src/core/formats/xliff12'
import { readXliff2, writeXliff2 } from '../../../src/core/formats/xliff2'
import { NOW, sampleDocument } from '../../fixtures/formats/sample'
import { run } from './tools'

const FIXTURES = join(process.cwd(), 'tests', 'fixtures', 'formats')
const folder = mkdtempSync(join(tmpdir(), 'hamta-roundtrip-'))
afterAll(() => rmSync(folder, { recursive: true, force: true }))

describe('round trips of Hamta exports', () => {
  it('TMX keeps everything: units, sentences, statuses, tags, comments, confidence, document metadata', () => {
    const original = sampleDocument()
    expect(readTmx(writeTmx(original, { now: NOW }))).toEqual(original)
  })

  it('XLIFF 2 keeps everything', () => {
    const original = sampleDocument()
    expect(readXliff2(writeXliff2(original, { now: NOW }))).toEqual(original)
  })

  it('XLIFF 1.2 keeps every unit field; the document id and date have no place in it', () => {
    const original = sampleDocument()
    const { id: _id, createdAt: _createdAt, ...withoutDocumentMetadata } = original
    expect(readXliff12(writeXliff12(original, { now: NOW }))).toEqual(withoutDocumentMetadata)
  })

  it('readInterchange tells the formats apart, from text or bytes', () => {
    const original = sampleDocument()
    for (const content of [writeTmx(original), writeXliff2(original), writeXliff12(original)]) {
      const fromText = readInterchange(content)
      expect(fromText.units.map((unit) => unit.status)).toEqual(original.units.map((unit) => unit.status))
      expect(readInterchange(new TextEncoder().encode(content))).toEqual(fromText)
    }
  })

  it('keeps exotic text intact: markup characters, quotes, line breaks, ZWNJ, emoji, RTL marks', () => {
    const text = 'a < b && c > "d" \'e\' ]]> \u200c\u200f 🙂 line\nbreak'
    const doc: BilingualDocument = {
      title: text,
      sourceLang: 'fa',
      targetLang: 'en',
      units: [
        {
          id: 'x1',
          source: [text],
          target: [text],
          status: 'translated',
          tags: [{ name: text, side: 'unit' }],
          comments: [{ author: text, createdAt: '', text, resolved: false }]
        }
      ]
    }
    expect(readTmx(writeTmx(doc)).units).toEqual(doc.units)
    expect(readXliff2(writeXliff2(doc)).units).toEqual(doc.units)
    expect(readXliff12(writeXliff12(doc)).units).toEqual(doc.units)
  })

  it('edits made in another tool win over the stale Hamta detail', () => {
    const original = sampleDocument()
    // Someone changed the English of the two-sentence unit and a comment in a CAT tool.
    const edited = writeTmx(original)
      .replace('Prices rose.</seg>', 'Prices went up.</seg>')
      .replace('<note>Use &lt;b&gt;bold&lt;/b&gt; &amp; check</note>', '<note>Fixed</note>')
    const unit = readTmx(edited).units[2]
    expect(unit.target).toEqual([`${original.units[2].target[0]} Prices went up.`])
    expect(unit.comments[0]).toEqual(original.units[2].comments[0])
    expect(unit.comments[1]).toEqual({ author: '', createdAt: '', text: 'Fixed', resolved: false })
  })
})

describe('files made by other tools', () => {
  const PO = `msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: en\\n"

#. Headline of the article
msgid "سلام دنیا."
msgstr "Hello world."

#, fuzzy
msgid "جمله دوم."
msgstr "Second sentence."

msgid "ترجمه نشده."
msgstr ""
`

  it("reads translate-toolkit's po2xliff output (XLIFF 1.1, header unit, fuzzy entry)", () => {
    const po = join(folder, 'article.po')
    writeFileSync(po, PO)
    const xlf = join(folder, 'article.xlf')
    const result = run('po2xliff', [po, xlf])
    expect(result.status, result.stderr).toBe(0)
    const doc = readInterchange(readFileSync(xlf), { fileName: 'article.xlf' })
    expect(doc.units.map((unit) => [unit.source, unit.target, unit.status])).toEqual([
      // approved="yes" with state="translated": finished for PO tools, and translated, as the state says.
      [['سلام دنیا.'], ['Hello world.'], 'translated'],
      [['جمله دوم.'], ['Second sentence.'], 'draft'],
      [['ترجمه نشده.'], [], 'untranslated']
    ])
    expect(doc.units[0].comments.map((comment) => [comment.author, comment.text])).toEqual([['developer', 'Headline of the article']])
  })

  it("reads translate-toolkit's po2tmx output (both variants labelled en, Persian first)", () => {
    const po = join(folder, 'tm.po')
    writeFileSync(po, PO)
    const tmx = join(folder, 'tm.tmx')
    const result = run('po2tmx', ['-l', 'en', po, tmx])
    expect(result.status, result.stderr).toBe(0)
    const doc = readInterchange(readFileSync(tmx))
    expect(doc.units.length).toBeGreaterThan(0)
    expect(doc.units[0].source).toEqual(['سلام دنیا.'])
    expect(doc.units[0].target).toEqual(['Hello world.'])
    expect(doc.units[0].status).toBe('translated')
  })

  it('reads OmegaT-style TMX: FA-IR / FA codes, lang attribute, English variant first, inline codes dropped', () => {
    const doc = readTmx(readFileSync(join(FIXTURES, 'omegat-style.tmx')))
    expect(doc.sourceLang).toBe('fa')
    expect(doc.targetLang).toBe('en')
    expect(doc.units.map((unit) => [unit.source, unit.target, unit.status])).toEqual([
      [['وزیر امور خارجه به باکو سفر کرد.'], ['The foreign minister travelled to Baku.'], 'translated'],
      [['گفت‌وگوها روز جمعه پایان یافت.'], ['Talks ended on Friday.'], 'translated'],
      [['جمله‌ای بی‌ترجمه'], [], 'untranslated']
    ])
    expect(doc.units[1].comments.map((comment) => comment.text)).toEqual(['Checked by the editor'])
  })

  it('reads XLIFF 1.2 with inline <g>, <x/>, <mrk> and <bpt>/<ept> reduced to text, groups and states', () => {
    const doc = readXliff12(readFileSync(join(FIXTURES, 'inline-tags.xlf')))
    expect(doc.title).toBe('article.html')
    expect(doc.sourceLang).toBe('fa')
    expect(doc.units.map((unit) => [unit.id, unit.source, unit.target, unit.status])).toEqual([
      ['tu1', ['قیمت نفت به ۸۰ دلار رسید.'], ['The price of oil reached $80.'], 'translated'],
      ['tu2', ['بازار بورس رشد کرد.'], ['The stock market grew.'], 'approved'],
      ['tu3', ['هنوز ترجمه نشده.'], [], 'untranslated'],
      ['tu4', ['پیش‌نویس.'], ['Draft.'], 'draft']
    ])
    expect(doc.units[0].comments).toEqual([{ author: 'reviewer', createdAt: '', text: 'Check the figure', resolved: false }])
  })

  it('reads XLIFF 2.0 with several segments per unit as one unit of several sentences', () => {
    const doc = readXliff2(readFileSync(join(FIXTURES, 'multi-segment.xlf')))
    expect(doc.title).toBe('news.txt')
    expect(doc.units).toHaveLength(2)
    expect(doc.units[0].source).toEqual(['دریای خزر بزرگ است.', 'ماهی‌گیری در آن رایج است.'])
    expect(doc.units[0].target).toEqual(['The Caspian is large.', 'Fishing in it is common.'])
    expect(doc.units[0].status).toBe('translated')
    expect(doc.units[0].comments.map((comment) => comment.text)).toEqual(['Use "Caspian", not "Khazar".'])
    expect(doc.units[1]).toMatchObject({ source: ['نویسه\u200cی پنهان.'], target: [], status: 'untranslated' })
  })
})

import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { TmxUnitReader, sniffEncoding, type TmxUnit } from '../../../src/core/tm/tmx-units'
import { tmxFooter, tmxHeader, tmxUnit } from '../../../src/core/tm/tmx-write'

const FIXTURES = join(process.cwd(), 'tests', 'fixtures', 'tm')

async function readUnits(bytes: Uint8Array, chunkSize = 7, options = {}): Promise<{ units: TmxUnit[]; reader: TmxUnitReader }> {
  const reader = new TmxUnitReader(options)
  const chunks = function* () {
    for (let at = 0; at < bytes.length; at += chunkSize) yield bytes.subarray(at, at + chunkSize)
  }
  const units: TmxUnit[] = []
  for await (const unit of reader.units(chunks())) units.push(unit)
  return { units, reader }
}

const fixture = (name: string) => readFileSync(join(FIXTURES, name))

describe('TMX units from other tools', () => {
  it('reads OmegaT 3.6 memories of a Persian project (TMX 1.1 lang and 1.4 xml:lang)', async () => {
    for (const name of ['omegat36-fa-en.tmx', 'omegat36-fa-en-level2.tmx']) {
      const { units } = await readUnits(fixture(name), 50)
      expect(units).toHaveLength(3)
      expect(units[0]).toMatchObject({
        source: 'قیمت نفت به ۷۵ دلار رسید.',
        target: 'The oil price reached $75.',
        sourceLang: 'FA-IR',
        targetLang: 'EN-US'
      })
    }
  })

  it('reads an OmegaT project_save.tmx with authors and dates', async () => {
    const { units } = await readUnits(fixture('omegat-project_save.tmx'))
    expect(units).toHaveLength(5)
    expect(units[3]).toEqual({
      source: 'Error while reading MT results',
      target: 'Erreur lors de la lecture des résultats de TA',
      sourceLang: 'en',
      targetLang: 'fr',
      author: 'Hiroshi Miura',
      date: '2024-11-27T03:51:57Z'
    })
  })

  it('leaves inline codes out of the text and keeps what hi marks', async () => {
    const { units } = await readUnits(fixture('omegat-test-level2.tmx'))
    expect(units.map((unit) => unit.source)).toEqual(['entuv', 'First part  end.', '2  zz xx', '3 xx'])
    expect(units[1].target).toBe('First  tr.')
  })

  it('reads the LISA compliance kit in UTF-16 (both byte orders), with codes and inverted order', async () => {
    const a = await readUnits(fixture('lisa-ImportTest1A.tmx'))
    expect(a.units.map((unit) => unit.target)).toEqual(['Premier segment avec [\t\t   ]', 'Second segment avec [  \t\t]'])
    const g = await readUnits(fixture('lisa-ImportTest1G.tmx'), 3)
    expect(g.units).toHaveLength(3)
    expect(g.units[0].source).toBe('à=agrave, é=eacute, æ=aelig')
    expect(g.units[2].target).toBe('“=U+201C, –=U+2013, ¤=U+00A4')
    const two = await readUnits(fixture('lisa-ImportTest2A.tmx'), 64)
    expect(two.units).toHaveLength(7)
    expect(two.units[0].source.trim()).toBe('The big black cat sleeps.')
    expect(two.units[1].source.trim()).toBe('Test for special characters = <=lt, >=gt, &=amp, "=quot.')
    // The header says en-us is the source; the unit lists French first.
    expect(two.units[6]).toMatchObject({ sourceLang: 'en-us', targetLang: 'FR-CA' })
    expect(two.units[6].source.trim()).toBe('Some text with a part highlighted.')
  })

  it('picks one pair out of many languages, and reads notes and props', async () => {
    const { units } = await readUnits(fixture('lisa-ImportTest1C.tmx'))
    expect(units.map((unit) => [unit.source, unit.sourceLang])).toEqual([
      ['First entry in US English', 'en-us'],
      ['Second entry in US English', 'en-us'],
      ['Third entry in US English', 'en-us']
    ])
    const l = await readUnits(fixture('lisa-ImportTest1L.tmx'))
    expect(l.units).toEqual([
      expect.objectContaining({
        source: 'Text of the segment.',
        target: 'Texte du segment.',
        author: 'ys',
        date: '2002-05-23T09:12:00Z',
        note: 'Text of tu note 1'
      })
    ])
  })

  it('prefers the Persian and English variants whatever the header says', async () => {
    const xml = `<?xml version="1.0"?><tmx version="1.4"><header creationtool="x" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" srclang="en-US" datatype="plaintext"/><body>
      <tu><tuv xml:lang="de"><seg>Hallo</seg></tuv><tuv xml:lang="en-US"><seg>Hello</seg></tuv><tuv xml:lang="fa-IR"><seg>سلام</seg></tuv></tu>
      <tu><tuv xml:lang="en-US"><seg>Only one language</seg></tuv></tu>
    </body></tmx>`
    const { units, reader } = await readUnits(new TextEncoder().encode(xml))
    expect(units).toEqual([{ source: 'سلام', target: 'Hello', sourceLang: 'fa-IR', targetLang: 'en-US' }])
    expect(reader.skipped).toBe(1)
  })

  it('reads a Trados-style file: UTF-16LE with BOM, dates and users on the unit, context props', async () => {
    const xml = `<?xml version="1.0" encoding="utf-16"?>
<tmx version="1.4"><header creationtool="SDL Language Platform" creationtoolversion="8.1" o-tmf="SDL TM8 Format" datatype="xml" segtype="sentence" adminlang="en-US" srclang="fa-IR"><prop type="x-Recognizers">RecognizeAll</prop></header><body>
<tu creationdate="20230105T101010Z" creationid="PC\\mina" changedate="20230106T111111Z" changeid="PC\\reza" lastusagedate="20230106T111111Z"><prop type="x-Context">123, 456</prop><prop type="x-ConfirmationLevel">Translated</prop><tuv xml:lang="fa-IR"><seg>وزیر امور خارجه <ph x="1" type="0"/>ایران به باکو رفت.</seg></tuv><tuv xml:lang="en-US"><seg>The foreign minister of <ph x="1" type="0"/>Iran went to Baku.</seg></tuv></tu>
</body></tmx>`
    const utf16 = new Uint8Array(2 + xml.length * 2)
    utf16[0] = 0xff
    utf16[1] = 0xfe
    for (let i = 0; i < xml.length; i++) {
      utf16[2 + i * 2] = xml.charCodeAt(i) & 0xff
      utf16[3 + i * 2] = xml.charCodeAt(i) >> 8
    }
    const { units } = await readUnits(utf16, 5)
    expect(units).toEqual([
      {
        source: 'وزیر امور خارجه ایران به باکو رفت.',
        target: 'The foreign minister of Iran went to Baku.',
        sourceLang: 'fa-IR',
        targetLang: 'en-US',
        author: 'PC\\reza',
        date: '2023-01-06T11:11:11Z'
      }
    ])
  })

  it('round-trips its own TMX with context', async () => {
    const text =
      tmxHeader({ tool: 'Hamta', toolVersion: '1', sourceLang: 'fa', now: '2024-01-01T00:00:00.000Z' }) +
      tmxUnit({
        source: 'سلام & «خوش» <آمدید>',
        target: 'Hello & "welcome"',
        sourceLang: 'fa',
        targetLang: 'en',
        author: 'Mina',
        date: '2024-02-03T04:05:06.000Z',
        prev: '',
        next: 'بعدی'
      }) +
      tmxFooter()
    const { units } = await readUnits(new TextEncoder().encode(text), 11)
    expect(units).toEqual([
      {
        source: 'سلام & «خوش» <آمدید>',
        target: 'Hello & "welcome"',
        sourceLang: 'fa',
        targetLang: 'en',
        author: 'Mina',
        date: '2024-02-03T04:05:06Z',
        prev: '',
        next: 'بعدی'
      }
    ])
  })
})

describe('TMX units from hostile or broken files', () => {
  it('refuses entities declared in a DOCTYPE and anything not TMX, with a clear message', async () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><tmx version="1.4"><header/><body><tu><tuv xml:lang="fa"><seg>&b;</seg></tuv><tuv xml:lang="en"><seg>x</seg></tuv></tu></body></tmx>`
    await expect(readUnits(new TextEncoder().encode(bomb), 100, { fileName: 'bomb.tmx' })).rejects.toThrow(/bomb\.tmx: the TMX is not well-formed/)
    const external = `<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY x SYSTEM "file:///etc/passwd">]><tmx version="1.4"><body><tu><tuv xml:lang="fa"><seg>&x;</seg></tuv><tuv xml:lang="en"><seg>x</seg></tuv></tu></body></tmx>`
    await expect(readUnits(new TextEncoder().encode(external))).rejects.toThrow(/not well-formed/)
    await expect(readUnits(new TextEncoder().encode('<xliff version="1.2"/>'))).rejects.toThrow(/not a TMX file/)
    await expect(readUnits(new TextEncoder().encode('<tmx><body><tu>'))).rejects.toThrow(/not well-formed/)
    await expect(readUnits(new Uint8Array(0))).rejects.toThrow(/empty or not XML/)
  })

  it('skips oversized segments instead of keeping them', async () => {
    const huge = 'ا'.repeat(200_000)
    const xml = `<tmx version="1.4"><body><tu><tuv xml:lang="fa"><seg>${huge}</seg></tuv><tuv xml:lang="en"><seg>x</seg></tuv></tu><tu><tuv xml:lang="fa"><seg>کوتاه</seg></tuv><tuv xml:lang="en"><seg>short</seg></tuv></tu></body></tmx>`
    const { units, reader } = await readUnits(new TextEncoder().encode(xml), 65536)
    expect(units.map((unit) => unit.target)).toEqual(['short'])
    expect(reader.skipped).toBe(1)
  })

  it('detects encodings from the first bytes', () => {
    expect(sniffEncoding(new Uint8Array([0xef, 0xbb, 0xbf, 0x3c]))).toEqual({ encoding: 'utf-8', skip: 3 })
    expect(sniffEncoding(new Uint8Array([0x3c, 0x00, 0x3f, 0x00]))).toEqual({ encoding: 'utf-16le', skip: 0 })
    expect(sniffEncoding(new TextEncoder().encode('<?xml version="1.0" encoding="ISO-8859-1"?><tmx/>'))).toEqual({ encoding: 'iso-8859-1', skip: 0 })
  })

  it('reads a Latin-1 file the declaration names', async () => {
    const text =
      '<?xml version="1.0" encoding="ISO-8859-1"?><tmx version="1.4"><body><tu><tuv xml:lang="en"><seg>caf\u00e9</seg></tuv><tuv xml:lang="fr"><seg>\u00e9t\u00e9</seg></tuv></tu></body></tmx>'
    const bytes = Uint8Array.from(text, (char) => char.charCodeAt(0))
    const { units } = await readUnits(bytes, 9)
    expect(units[0]).toMatchObject({ source: 'café', target: 'été' })
  })
})

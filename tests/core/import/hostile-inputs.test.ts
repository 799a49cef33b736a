/**
 * Files built to exhaust memory (zip bombs, giant attributes, millions of references) are refused
 * quickly with a message naming the file and the limit, or read in bounded memory; ordinary large
 * files within the limits still import.
 */
import { spawnSync } from 'node:child_process'
import { crc32, deflateRawSync } from 'node:zlib'
import JSZip from 'jszip'
import { describe, expect, it } from 'vitest'
import { isUserError } from '../../../src/core/errors'
import { readInterchange } from '../../../src/core/formats/reader'
import { parseXml } from '../../../src/core/formats/xml'
import { readDocument } from '../../../src/core/import'
import { MAX_DOCX_XML_BYTES, MAX_IMPORT_BYTES } from '../../../src/core/import/limits'
import { readZipDirectory } from '../../../src/core/import/zip'
import { makeSampleDocx } from './fixtures'

const MB = 1024 * 1024

async function refusal(read: () => Promise<unknown> | unknown): Promise<{ error: Error; ms: number }> {
  const started = performance.now()
  try {
    await read()
  } catch (error) {
    expect(isUserError(error), String(error)).toBe(true)
    return { error: error as Error, ms: performance.now() - started }
  }
  throw new Error('expected the read to be refused')
}

/** Offsets of the central directory record of `name` in a zip. */
function centralRecord(zip: Uint8Array, name: string): number {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength)
  for (let at = zip.length - 46; at >= 0; at--) {
    if (view.getUint32(at, true) !== 0x02014b50) continue
    const length = view.getUint16(at + 28, true)
    if (Buffer.from(zip.subarray(at + 46, at + 46 + length)).toString('utf8') === name) return at
  }
  throw new Error(`${name} not in the zip`)
}

/** The zip with `name`'s uncompressed size in the central directory set to `size`. */
function claimSize(zip: Uint8Array, name: string, size: number): Uint8Array {
  const copy = new Uint8Array(zip)
  new DataView(copy.buffer).setUint32(centralRecord(copy, name) + 24, size, true)
  return copy
}

/** The sample .docx with word/document.xml replaced by `xml`, deflated by zlib (level 9). */
async function docxWithDocument(xml: Buffer): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(await makeSampleDocx())
  // Stored by JSZip, then swapped for zlib's deflate: JSZip's own deflate of 30 MB takes seconds.
  zip.file('word/document.xml', 'x'.repeat(16), { compression: 'STORE' })
  const stored = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' })
  return replaceEntry(stored, 'word/document.xml', xml)
}

/** Rebuilds a zip with one entry's content replaced (deflated), every other entry copied as it is. */
function replaceEntry(zip: Uint8Array, name: string, content: Buffer): Uint8Array {
  const entries = readZipDirectory(zip)
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength)
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const entry of entries) {
    const at = entry.localHeaderOffset
    const headerLength = 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true)
    const central = Buffer.from(zip.subarray(centralRecord(zip, entry.name), centralRecord(zip, entry.name) + 46 + Buffer.byteLength(entry.name)))
    let header = Buffer.from(zip.subarray(at, at + headerLength))
    let data = Buffer.from(zip.subarray(at + headerLength, at + headerLength + entry.compressedSize))
    if (entry.name === name) {
      data = deflateRawSync(content, { level: 9 })
      header = Buffer.from(header)
      for (const record of [header, central]) {
        record.writeUInt16LE(8, record === header ? 8 : 10)
        record.writeUInt32LE(crc32(content), record === header ? 14 : 16)
        record.writeUInt32LE(data.length, record === header ? 18 : 20)
        record.writeUInt32LE(content.length, record === header ? 22 : 24)
      }
      header.writeUInt16LE(0, 6) // no data descriptor
    }
    central.writeUInt16LE(0, 30) // extra
    central.writeUInt16LE(0, 32) // comment
    central.writeUInt32LE(offset, 42)
    locals.push(header, data)
    centrals.push(central)
    offset += header.length + data.length
  }
  const directory = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(entries.length, 8)
  end.writeUInt16LE(entries.length, 10)
  end.writeUInt32LE(directory.length, 12)
  end.writeUInt32LE(offset, 16)
  return new Uint8Array(Buffer.concat([...locals, directory, end]))
}

/** A valid Word body of `size` bytes: one paragraph, padded with a run of spaces Word would keep. */
function documentXml(size: number): Buffer {
  const head =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t xml:space="preserve">سلام '
  const tail = '.</w:t></w:r></w:p></w:body></w:document>'
  const xml = Buffer.alloc(size, 0x20)
  xml.write(head, 0)
  xml.write(tail, size - Buffer.byteLength(tail))
  return xml
}

describe('Word zip bombs', () => {
  it('refuses a .docx whose directory claims gigabytes, before unpacking anything', async () => {
    const bomb = claimSize(await makeSampleDocx(), 'word/document.xml', 2.1 * 1024 * MB)
    const { error, ms } = await refusal(() => readDocument('report.docx', bomb))
    expect(error.message).toBe('report.docx expands to 2.1 GB when unpacked; Hamta reads Word files of up to 200 MB unpacked.')
    expect(ms).toBeLessThan(500)
  })

  it('refuses a small .docx that unpacks to more XML than the Word reader can take', async () => {
    const bomb = await docxWithDocument(documentXml(MAX_DOCX_XML_BYTES + MB))
    expect(bomb.length).toBeLessThan(100 * 1024)
    const { error, ms } = await refusal(() => readDocument('report.docx', bomb))
    expect(error.message).toMatch(/^report\.docx expands to 21\.\d MB of XML; Hamta reads Word files with up to 20 MB of it/)
    expect(ms).toBeLessThan(500)
  })

  it('refuses a part packed more tightly than Deflate can pack real content', async () => {
    // 8 MB in ~8 KB: within the size limits, but only a run of one byte packs like that.
    const bomb = await docxWithDocument(Buffer.alloc(8 * MB, 0x20))
    const { error } = await refusal(() => readDocument('blank.docx', bomb))
    expect(error.message).toMatch(/^blank\.docx is a zip bomb: its part word\/document\.xml is packed \d+ times smaller/)
  })

  it('catches a part that unpacks to more than its directory entry says', async () => {
    const honest = await docxWithDocument(documentXml(3 * MB))
    const lying = claimSize(honest, 'word/document.xml', 1000)
    const { error } = await refusal(() => readDocument('liar.docx', lying))
    expect(error.message).toMatch(
      /^liar\.docx cannot be read: it is damaged \(its part word\/document\.xml does not unpack to the size its zip directory gives\)/
    )
    // The honest file reads as usual.
    expect((await readDocument('big.docx', honest)).text).toBe('سلام .')
  })

  it('still reads ordinary Word files', async () => {
    expect((await readDocument('article.docx', await makeSampleDocx())).text.length).toBeGreaterThan(1000)
  })
})

const XLIFF_HEAD =
  '<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n<file original="a" source-language="fa" target-language="en" datatype="plaintext"><body>\n'
const XLIFF_TAIL = '</body></file></xliff>\n'

describe('hostile XLIFF and TMX', () => {
  it('refuses a 40 MB attribute value quickly, naming the file, line and limit', async () => {
    const xml = `${XLIFF_HEAD}<trans-unit id="1" resname="${'ش'.repeat(20 * MB)}"><source>سلام.</source></trans-unit>\n${XLIFF_TAIL}`
    const { error, ms } = await refusal(() => readInterchange(new TextEncoder().encode(xml), { fileName: 'big.xlf' }))
    expect(error.message).toBe(
      "big.xlf: line 4: attribute 'resname' of <trans-unit> is 20 M characters long; Hamta reads attribute values of up to 1 M characters."
    )
    expect(ms).toBeLessThan(2000)
  })

  it('refuses a segment of millions of character references', async () => {
    const xml = `${XLIFF_HEAD}<trans-unit id="1"><source>${'&#1588;'.repeat(3_000_000)}</source></trans-unit>\n${XLIFF_TAIL}`
    const { error } = await refusal(() => readInterchange(xml, { fileName: 'refs.xlf' }))
    expect(error.message).toMatch(/^refs\.xlf: a <source> element holds more than 1 M characters of text; Hamta reads segments/)
  })

  it('decodes many references in a long text correctly', () => {
    const note = `${'&#1588;&amp;'.repeat(50_000)}end`
    const xml = `${XLIFF_HEAD}<trans-unit id="1"><source>سلام.</source><note>${note}</note></trans-unit>\n${XLIFF_TAIL}`
    expect(readInterchange(xml).units[0].comments[0].text).toBe(`${'ش&'.repeat(50_000)}end`)
  })

  it('refuses deep nesting and floods of elements with the limit in the message', async () => {
    const deep = `${XLIFF_HEAD}<trans-unit id="1"><source>${'<g>'.repeat(1000)}x${'</g>'.repeat(1000)}</source></trans-unit>${XLIFF_TAIL}`
    expect((await refusal(() => readInterchange(deep, { fileName: 'deep.xlf' }))).error.message).toMatch(
      /^deep\.xlf: line 4: elements are nested more than 256 deep/
    )
  })

  it('reads only real references and well-formed tags', async () => {
    expect((await refusal(() => parseXml('<a>&constructor;</a>'))).error.message).toMatch(/unknown or malformed entity reference &constructor;/)
    expect((await refusal(() => parseXml('<a b="1" b="2"/>'))).error.message).toMatch(/line 1: the XML is malformed \(attribute 'b' is repeated\)/)
    expect((await refusal(() => parseXml(`<a ${Array.from({ length: 300 }, (_, k) => `x${k}="1"`).join(' ')}/>`))).error.message).toMatch(
      /more than 256 attributes/
    )
    const root = parseXml('<a t="x\r\ny">1\r\n2\r3<!-- c --><b:c/></a>')
    expect(root.attributes.t).toBe('x\ny')
    expect(root.children).toEqual(['1\n2\n3', { name: 'c', prefix: 'b', attributes: {}, children: [] }])
  })

  it('refuses a file over the import limit without decoding it', async () => {
    const big = new Uint8Array(MAX_IMPORT_BYTES + 1).fill(0x20)
    const { error, ms } = await refusal(() => readInterchange(big, { fileName: 'huge.tmx' }))
    expect(error.message).toBe('huge.tmx: the file is 100.0 MB, more than the 100.0 MB Hamta reads.')
    expect(ms).toBeLessThan(200)
    expect((await refusal(() => readDocument('huge.txt', big))).error.message).toBe('huge.txt is 100.0 MB; Hamta imports files of up to 100 MB.')
  })
})

describe('large ordinary files within the limits', () => {
  // Run in a child process so the peak resident memory is this import's alone.
  const measure = (script: string): { ms: number; rssMb: number; units: number } => {
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      encoding: 'utf8',
      cwd: process.cwd()
    })
    if (child.status !== 0) throw new Error(child.stderr)
    return JSON.parse(child.stdout.trim().split('\n').pop()!)
  }

  it('reads a 100 MB XLIFF in under a gigabyte', () => {
    const result = measure(`
      import { readInterchange } from './src/core/formats/reader.ts'
      const unit = (n) => '<trans-unit id="u' + n + '"><source xml:lang="fa">وزیر کار و امور اجتماعی ایران با همتای آذربایجانی خود درباره تعاملات و گسترش روابط دو کشور گفت‌وگو کرد.</source><target xml:lang="en" state="translated">The minister of labour &amp; social affairs spoke with his counterpart.</target><note>n&#233;</note></trans-unit>\\n'
      const parts = [${JSON.stringify(XLIFF_HEAD)}]
      let size = 0
      for (let n = 1; size < 99 * 1024 * 1024; n++) { const u = unit(n); parts.push(u); size += Buffer.byteLength(u) }
      parts.push(${JSON.stringify(XLIFF_TAIL)})
      const bytes = Buffer.from(parts.join(''))
      parts.length = 0
      const started = performance.now()
      const doc = readInterchange(bytes, { fileName: 'big.xlf' })
      const ms = performance.now() - started
      if (doc.units.at(-1).comments[0].text !== 'né') throw new Error('misread')
      console.log(JSON.stringify({ ms, rssMb: process.resourceUsage().maxRSS / 1024, units: doc.units.length }))
    `)
    expect(result.units).toBeGreaterThan(250_000)
    expect(result.rssMb).toBeLessThan(1024)
  }, 120_000)
})

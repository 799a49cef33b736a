/** Reading interchange files is safe: no entities, bounded size, clear messages with line numbers. */
import { describe, expect, it } from 'vitest'
import { isUserError } from '../../../src/core/errors'
import { readInterchange } from '../../../src/core/formats/index'
import { readTmx, writeTmx } from '../../../src/core/formats/tmx'
import { readXliff12 } from '../../../src/core/formats/xliff12'
import { parseXml } from '../../../src/core/formats/xml'
import { sampleDocument } from '../../fixtures/formats/sample'

function userErrorOf(read: () => unknown): Error {
  try {
    read()
  } catch (error) {
    expect(isUserError(error)).toBe(true)
    return error as Error
  }
  throw new Error('expected the read to fail')
}

const ENTITY_BOMB = `<?xml version="1.0"?>
<!DOCTYPE lolz [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<tmx version="1.4"><header/><body><tu><tuv xml:lang="fa"><seg>&lol3;</seg></tuv></tu></body></tmx>`

const EXTERNAL_ENTITY = `<?xml version="1.0"?>
<!DOCTYPE xliff [ <!ENTITY x SYSTEM "file:///etc/passwd"> ]>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="a" source-language="fa" datatype="plaintext"><body>
<trans-unit id="1"><source>&x;</source></trans-unit></body></file></xliff>`

describe('safe XML reading', () => {
  it('refuses an entity expansion bomb before expanding anything', () => {
    const error = userErrorOf(() => readTmx(ENTITY_BOMB))
    expect(error.message).toMatch(/declares XML entities/)
    expect(error.message).toMatch(/line 3/)
  })

  it('refuses an external entity and never reads the file it names', () => {
    const error = userErrorOf(() => readXliff12(EXTERNAL_ENTITY, { fileName: 'evil.xlf' }))
    expect(error.message).toMatch(/^evil\.xlf: line 2: .*<!ENTITY>/)
    expect(error.message).not.toMatch(/root:/)
  })

  it('refuses a reference to an entity that was never declared', () => {
    const error = userErrorOf(() => readTmx('<tmx version="1.4"><body><tu>\n<tuv xml:lang="fa"><seg>a &nbsp; b</seg></tuv></tu></body></tmx>'))
    expect(error.message).toMatch(/line 2: unknown or malformed entity reference &nbsp;/)
  })

  it('accepts a DOCTYPE that only names its DTD (as TMX files often do) without loading it', () => {
    const doc = readTmx(
      `<?xml version="1.0"?>\n<!DOCTYPE tmx SYSTEM "http://example.invalid/tmx14.dtd">\n${writeTmx(sampleDocument()).replace(/^<\?xml[^>]*>\n/, '')}`
    )
    expect(doc.units).toHaveLength(sampleDocument().units.length)
  })

  it('names the line of malformed XML', () => {
    const broken = writeTmx(sampleDocument()).replace('</tuv>\n      <tuv xml:lang="en">', '\n      <tuv xml:lang="en">')
    const line = broken.split('\n').findIndex((text) => text.includes('</tu>')) + 1
    const error = userErrorOf(() => readInterchange(broken, { fileName: 'broken.tmx' }))
    expect(error.message).toMatch(/^broken\.tmx: line \d+: the XML is malformed/)
    expect(Number(/line (\d+)/.exec(error.message)![1])).toBe(line)
  })

  it('reports truncated files, text that is not XML and wrong roots clearly', () => {
    expect(userErrorOf(() => readInterchange('<xliff version="1.2">\n<file>\n')).message).toMatch(/line \d+: the XML is malformed/)
    expect(userErrorOf(() => readInterchange('just some text')).message).toMatch(/malformed|not an XML/)
    expect(userErrorOf(() => readInterchange('<html><body/></html>')).message).toMatch(/neither TMX nor XLIFF/)
    expect(userErrorOf(() => readInterchange(new Uint8Array([0x3c, 0x61, 0x3e, 0xff, 0xfe, 0x3c, 0x2f, 0x61, 0x3e]))).message).toMatch(
      /not valid UTF-8/
    )
  })

  it('refuses files over the size limit without parsing them', () => {
    const big = writeTmx(sampleDocument())
    const error = userErrorOf(() => readTmx(big, { maxBytes: 1024 }))
    expect(error.message).toMatch(/more than the 1 KB Hamta reads/)
    expect(readTmx(big, { maxBytes: big.length * 4 }).units).toHaveLength(6)
  })

  it('decodes character references and keeps CDATA literal', () => {
    const root = parseXml('<a t="&#x41;&#66;&quot;">x &#1601;&#x200c; <![CDATA[<b>&amp;</b>]]></a>')
    expect(root.attributes.t).toBe('AB"')
    expect(root.children.join('')).toBe('x ف\u200c <b>&amp;</b>')
  })

  it('reads UTF-16 files with a byte order mark', () => {
    const text = writeTmx(sampleDocument()).replace('encoding="UTF-8"', 'encoding="UTF-16"')
    const bytes = new Uint8Array(2 + text.length * 2)
    bytes[0] = 0xff
    bytes[1] = 0xfe
    for (let k = 0; k < text.length; k++) {
      bytes[2 + 2 * k] = text.charCodeAt(k) & 0xff
      bytes[3 + 2 * k] = text.charCodeAt(k) >> 8
    }
    expect(readTmx(bytes).units[0].source).toEqual(sampleDocument().units[0].source)
  })
})

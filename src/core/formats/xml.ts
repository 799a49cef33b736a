/**
 * XML helpers shared by the TMX and XLIFF writers and readers.
 *
 * Reading is deliberately strict and small: interchange files come from other people's tools, so
 * a DOCTYPE may name its DTD but never declare entities (no external entities, no expansion
 * bombs), the file size is capped, only the five predefined entities and character references
 * are decoded, and every problem becomes a UserError that names the line.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { UserError } from '../errors'

// ---------------------------------------------------------------------------------------------
// Writing

/** Characters XML 1.0 cannot hold at all, even as references; dropped on output. */
const INVALID_XML_CHARS =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g

export function xmlSafe(text: string): string {
  return text.replace(INVALID_XML_CHARS, '')
}

/** Escapes text content. `>` is escaped too so `]]>` never appears literally. */
export function escapeXmlText(text: string): string {
  return xmlSafe(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

/** Escapes an attribute value written in double quotes; tabs and newlines survive as references. */
export function escapeXmlAttr(text: string): string {
  return escapeXmlText(text).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;')
}

export function attrs(values: Record<string, string | number | undefined>): string {
  return Object.entries(values)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([name, value]) => ` ${name}="${escapeXmlAttr(String(value))}"`)
    .join('')
}

/** `<name attrs>text</name>` on one line. */
export function element(name: string, attributes: Record<string, string | number | undefined>, text: string): string {
  return `<${name}${attrs(attributes)}>${escapeXmlText(text)}</${name}>`
}

// ---------------------------------------------------------------------------------------------
// Reading

export interface XmlElement {
  /** Local name: namespace prefixes are removed (`mda:meta` → `meta`, `xml:lang` → `lang`). */
  name: string
  attributes: Record<string, string>
  children: XmlNode[]
}
export type XmlNode = XmlElement | string

export interface XmlReadOptions {
  /** Largest file accepted, in bytes (UTF-8). Default 50 MB. */
  maxBytes?: number
  /** Used in error messages. */
  fileName?: string
}

export const DEFAULT_MAX_XML_BYTES = 50 * 1024 * 1024

function lineAt(text: string, index: number): number {
  let line = 1
  for (let k = 0; k < index && k < text.length; k++) if (text.charCodeAt(k) === 10) line++
  return line
}

function fail(options: XmlReadOptions, message: string, code = 'invalid-xml'): never {
  throw new UserError(`${options.fileName ? `${options.fileName}: ` : ''}${message}`, code)
}

/** Decodes bytes by BOM, then by the XML declaration's encoding, else as UTF-8. */
export function decodeXmlBytes(bytes: Uint8Array, options: XmlReadOptions = {}): string {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return utf8(bytes.subarray(3), options)
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2))
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2))
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 200))
  const declared = /^<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head)?.[1]
  if (declared && !/^utf-?8$/i.test(declared)) {
    try {
      return new TextDecoder(declared).decode(bytes)
    } catch {
      fail(options, `the file declares the encoding ${declared}, which Hamta cannot read.`, 'unsupported-encoding')
    }
  }
  return utf8(bytes, options)
}

function utf8(bytes: Uint8Array, options: XmlReadOptions): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    fail(options, 'the file is not valid UTF-8 text.', 'invalid-encoding')
  }
}

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }

/** Decodes the predefined entities and character references; anything else is an error. */
function decodeEntities(text: string, source: string, options: XmlReadOptions): string {
  if (!text.includes('&')) return text
  return text.replace(/&([^;\s&]{0,32});?/g, (match, name: string) => {
    let decoded: string | undefined
    if (match.endsWith(';')) {
      if (name in PREDEFINED) decoded = PREDEFINED[name]
      else if (/^#x[0-9a-f]+$/i.test(name)) decoded = codePoint(parseInt(name.slice(2), 16))
      else if (/^#[0-9]+$/.test(name)) decoded = codePoint(parseInt(name.slice(1), 10))
    }
    if (decoded === undefined) {
      const at = source.indexOf(match)
      fail(options, `line ${lineAt(source, at < 0 ? 0 : at)}: unknown or malformed entity reference ${match}.`)
    }
    return decoded
  })
}

function codePoint(value: number): string | undefined {
  if (!Number.isFinite(value) || value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff)) return undefined
  return String.fromCodePoint(value)
}

/**
 * Parses XML text into a small element tree. Rejects entity declarations, files over the size
 * limit and malformed XML, each with a UserError whose message gives the line.
 */
export function parseXml(input: string | Uint8Array, options: XmlReadOptions = {}): XmlElement {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_XML_BYTES
  const size = typeof input === 'string' ? new TextEncoder().encode(input).length : input.length
  if (size > maxBytes) {
    fail(options, `the file is ${formatBytes(size)}, more than the ${formatBytes(maxBytes)} Hamta reads.`, 'too-large')
  }
  const text = (typeof input === 'string' ? input : decodeXmlBytes(input, options)).replace(/^\ufeff/, '')

  const doctype = /<!DOCTYPE/i.exec(text)
  if (doctype) {
    // A DOCTYPE naming its DTD is common (TMX); an internal subset declaring entities is how
    // external-entity and expansion attacks work, and no interchange file needs one.
    // Only the DOCTYPE's internal subset (between `[` and `]>`) can declare entities; text later
    // in the document that merely mentions <!ENTITY is left alone.
    const rest = text.slice(doctype.index)
    const open = rest.indexOf('[')
    const end = rest.indexOf('>')
    const subset = open >= 0 && open < end ? rest.slice(open, rest.includes(']>') ? rest.indexOf(']>') : undefined) : ''
    const entity = /<!ENTITY/i.exec(subset)
    if (entity) {
      fail(
        options,
        `line ${lineAt(text, doctype.index + open + entity.index)}: the file declares XML entities (<!ENTITY>), which Hamta refuses to read for safety.`,
        'xml-entities'
      )
    }
  }

  const validation = XMLValidator.validate(text, { allowBooleanAttributes: false })
  if (validation !== true) {
    fail(options, `line ${validation.err.line}: the XML is malformed (${validation.err.msg.replace(/\s+/g, ' ')}).`)
  }

  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    trimValues: false,
    parseTagValue: false,
    parseAttributeValue: false,
    removeNSPrefix: true,
    processEntities: false,
    htmlEntities: false,
    ignoreDeclaration: true,
    ignorePiTags: true,
    cdataPropName: '#cdata'
  })
  let parsed: unknown[]
  try {
    parsed = parser.parse(text) as unknown[]
  } catch (error) {
    fail(options, `the XML cannot be read (${error instanceof Error ? error.message : String(error)}).`)
  }
  const roots = convert(parsed, text, options).filter((node): node is XmlElement => typeof node !== 'string')
  if (roots.length !== 1) fail(options, 'the file has no single root element; it is not an XML document.')
  return roots[0]
}

function convert(nodes: unknown[], source: string, options: XmlReadOptions): XmlNode[] {
  const result: XmlNode[] = []
  for (const node of nodes) {
    const record = node as Record<string, unknown>
    for (const key of Object.keys(record)) {
      if (key === ':@') continue
      if (key === '#text') {
        result.push(decodeEntities(String(record[key]), source, options))
        continue
      }
      if (key === '#cdata') {
        // CDATA is literal text: no entity decoding.
        for (const part of (record[key] as Array<Record<string, unknown>>) ?? []) result.push(String(part['#text'] ?? ''))
        continue
      }
      if (key.startsWith('?') || key.startsWith('!')) continue
      const rawAttributes = (record[':@'] ?? {}) as Record<string, unknown>
      const attributes: Record<string, string> = {}
      for (const [name, value] of Object.entries(rawAttributes)) attributes[name] = decodeEntities(String(value), source, options)
      result.push({ name: key, attributes, children: convert((record[key] as unknown[]) ?? [], source, options) })
    }
  }
  return result
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`
  return `${bytes} bytes`
}

// ---------------------------------------------------------------------------------------------
// Tree helpers

export function childElements(node: XmlElement, name?: string): XmlElement[] {
  return node.children.filter((child): child is XmlElement => typeof child !== 'string' && (name === undefined || child.name === name))
}

export function firstChild(node: XmlElement, name: string): XmlElement | undefined {
  return childElements(node, name)[0]
}

/** Every descendant element with this name, in document order. */
export function descendants(node: XmlElement, name: string): XmlElement[] {
  const found: XmlElement[] = []
  const walk = (current: XmlElement) => {
    for (const child of childElements(current)) {
      if (child.name === name) found.push(child)
      else walk(child)
    }
  }
  walk(node)
  return found
}

/**
 * The text of a segment with inline markup reduced to its text: elements that wrap translatable
 * text (`g`, `mrk`, `pc`, `hi`) keep it, placeholders for native codes (`x`, `ph`, `bpt`, …) drop
 * their content, and XLIFF 2's `cp` becomes its character.
 */
export function inlineText(node: XmlElement, skip: ReadonlySet<string> = NATIVE_CODE_ELEMENTS): string {
  let text = ''
  for (const child of node.children) {
    if (typeof child === 'string') text += child
    else if (child.name === 'cp') text += codePoint(parseInt(child.attributes.hex ?? '', 16)) ?? ''
    else if (!skip.has(child.name)) text += inlineText(child, skip)
  }
  return text
}

const NATIVE_CODE_ELEMENTS: ReadonlySet<string> = new Set(['x', 'bx', 'ex', 'ph', 'bpt', 'ept', 'it', 'ut', 'sc', 'ec', 'sm', 'em', 'sub'])

/** Plain text content of an element (for notes, props and metadata). */
export function textContent(node: XmlElement): string {
  return node.children.map((child) => (typeof child === 'string' ? child : textContent(child))).join('')
}

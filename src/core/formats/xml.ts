/**
 * XML helpers shared by the TMX and XLIFF writers and readers.
 *
 * Reading is deliberately strict and small: interchange files come from other people's tools, so
 * a DOCTYPE may name its DTD but never declare entities (no external entities, no expansion
 * bombs), the file size is capped, only the five predefined entities and character references
 * are decoded, and every problem becomes a UserError that names the line.
 */
import { UserError } from '../errors'
import { MAX_SEGMENT_CHARS, MAX_XML_ATTRIBUTE_CHARS, MAX_XML_ATTRIBUTES, MAX_XML_BYTES, MAX_XML_DEPTH, MAX_XML_ELEMENTS } from '../import/limits'

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
  /** The prefix of a prefixed element (`sdl` for `sdl:seg`); absent for unprefixed ones. */
  prefix?: string
  attributes: Record<string, string>
  children: XmlNode[]
  /**
   * Offsets into the decoded text, with `positions`: where the start tag begins and ends, where
   * the end tag begins and ends (equal to the start tag's for an empty-element tag). Writers that
   * give a file back change only the spans they mean to change.
   */
  at?: XmlPosition
}
export type XmlNode = XmlElement | string

export interface XmlPosition {
  start: number
  openEnd: number
  closeStart: number
  end: number
}
export interface XmlReadOptions {
  /** Largest file accepted, in bytes (UTF-8). Default 100 MB. */
  maxBytes?: number
  /** Used in error messages. */
  fileName?: string
  /** Record each element's offsets (`XmlElement.at`) in the decoded text. */
  positions?: boolean
}

export const DEFAULT_MAX_XML_BYTES = MAX_XML_BYTES

function lineAt(text: string, index: number): number {
  let line = 1
  for (let k = text.indexOf('\n'); k >= 0 && k < index; k = text.indexOf('\n', k + 1)) line++
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

/** UTF-8 length of a string without encoding it (a 100 MB copy just to measure would double the cost). */
function utf8Length(text: string): number {
  const buffer = (globalThis as { Buffer?: { byteLength(text: string, encoding: 'utf8'): number } }).Buffer
  if (buffer) return buffer.byteLength(text, 'utf8')
  let length = 0
  for (let k = 0; k < text.length; k++) {
    const code = text.charCodeAt(k)
    length += code < 0x80 ? 1 : code < 0x800 ? 2 : code >= 0xd800 && code <= 0xdbff ? 2 : 3
  }
  return length
}

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }

function codePoint(value: number): string | undefined {
  if (!Number.isFinite(value) || value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff)) return undefined
  return String.fromCodePoint(value)
}

/** The character a reference's name (between & and ;) stands for; undefined if none. */
function referenced(name: string): string | undefined {
  if (Object.hasOwn(PREDEFINED, name)) return PREDEFINED[name]
  if (/^#x[0-9a-f]+$/i.test(name)) return codePoint(parseInt(name.slice(2), 16))
  if (/^#[0-9]+$/.test(name)) return codePoint(parseInt(name.slice(1), 10))
  return undefined
}

const REFERENCE = /&([^;\s&]{0,32});?/g

/** Values up to this long are stored once (of the first SHARED_VALUES distinct ones; names and blanks likewise). */
const SHARED_VALUE_LENGTH = 24
const SHARED_VALUES = 10_000

/** Longer text is decoded into one buffer: a replace() over millions of references would keep a piece per reference. */
const BUFFERED_DECODE_FROM = 64 * 1024

/**
 * XML parsing without a general-purpose parser: one forward pass with indexOf, text and
 * attribute values kept as slices of the source (no per-character strings), every node checked
 * against the limits as it is made. A hostile file is refused (or read) in memory proportional to
 * the file, and a large ordinary one is read in a few times its size.
 */
class XmlReader {
  private position = 0
  private readonly open: XmlElement[] = []
  /** Qualified names and start offsets of the open elements, for matching end tags and for messages. */
  private readonly openNames: string[] = []
  private readonly openAt: number[] = []
  /**
   * Children of the open elements, innermost last; each element's share starts at openChildren.
   * An element gets its children as one exact-size array when it closes: arrays grown by push
   * keep room for 17 or more, which is most of the tree's memory in a file of short elements.
   */
  private readonly pending: XmlNode[] = []
  private readonly openChildren: number[] = []
  private root: XmlElement | null = null
  private elements = 0
  /** Local names and whitespace runs, stored once however often they occur. */
  private readonly names = new Map<string, string>()
  private readonly blanks = new Map<string, string>()
  private readonly values = new Map<string, string>()
  /** Attribute names of the tag being read, to refuse repeats; reused from tag to tag. */
  private readonly seen = new Set<string>()

  constructor(
    private readonly text: string,
    private readonly options: XmlReadOptions
  ) {}

  private malformed(at: number, problem: string): never {
    fail(this.options, `line ${lineAt(this.text, at)}: the XML is malformed (${problem}).`)
  }

  read(): XmlElement {
    const text = this.text
    while (this.position < text.length) {
      const lt = text.indexOf('<', this.position)
      const textEnd = lt < 0 ? text.length : lt
      if (textEnd > this.position) this.addText(this.position, textEnd)
      if (lt < 0) break
      const next = text.charCodeAt(lt + 1)
      if (next === 0x2f) this.closeTag(lt)
      else if (next === 0x3f) this.position = this.skipTo(lt, '?>', 'processing instruction')
      else if (next === 0x21) this.declaration(lt)
      else this.openTag(lt)
    }
    if (this.open.length > 0) {
      const last = this.open.length - 1
      this.malformed(this.openAt[last], `the element <${this.openNames[last]}> is never closed; the file may be cut short`)
    }
    if (!this.root) fail(this.options, 'the file has no single root element; it is not an XML document.')
    return this.root
  }

  /** Offset just past `end`, searched from `from`. */
  private skipTo(from: number, end: string, what: string): number {
    const found = this.text.indexOf(end, from + 2)
    if (found < 0) this.malformed(from, `a ${what} is never closed`)
    return found + end.length
  }

  private declaration(lt: number): void {
    const text = this.text
    if (text.startsWith('<!--', lt)) {
      this.position = this.skipTo(lt + 2, '-->', 'comment')
    } else if (text.startsWith('<![CDATA[', lt)) {
      const end = text.indexOf(']]>', lt + 9)
      if (end < 0) this.malformed(lt, 'a CDATA section is never closed')
      if (this.open.length === 0) this.malformed(lt, 'CDATA outside the root element')
      // CDATA is literal text: no references decoded.
      if (end > lt + 9) this.pending.push(this.normalizeNewlines(text.slice(lt + 9, end)))
      this.position = end + 3
    } else if (/^<!DOCTYPE\s/i.test(text.slice(lt, lt + 10))) {
      if (this.root || this.open.length > 0) this.malformed(lt, 'a DOCTYPE inside the document')
      const close = text.indexOf('>', lt)
      const subset = text.indexOf('[', lt)
      if (subset >= 0 && (close < 0 || subset < close)) {
        const end = /\]\s*>/g
        end.lastIndex = subset
        if (!end.exec(text)) this.malformed(lt, 'the DOCTYPE is never closed')
        this.position = end.lastIndex
      } else {
        if (close < 0) this.malformed(lt, 'the DOCTYPE is never closed')
        this.position = close + 1
      }
    } else {
      this.malformed(lt, `unexpected "${text.slice(lt, lt + 9)}"`)
    }
  }

  /** End of the XML name starting at `from` (from itself when there is none). */
  private nameEnd(from: number): number {
    const text = this.text
    let end = from
    if (end < text.length && isNameStart(text.charCodeAt(end))) {
      end++
      while (end < text.length && isNameChar(text.charCodeAt(end))) end++
    }
    return end
  }

  /** The local name of a qualified one (everything after the first colon), shared between all its uses. */
  private localName(qualified: string): string {
    let local = this.names.get(qualified)
    if (local === undefined) {
      const colon = qualified.indexOf(':')
      local = colon >= 0 ? qualified.slice(colon + 1) : qualified
      if (this.names.size < SHARED_VALUES) this.names.set(qualified, local)
    }
    return local
  }

  private skipSpace(from: number): number {
    const text = this.text
    let at = from
    while (at < text.length && isXmlSpace(text.charCodeAt(at))) at++
    return at
  }

  private openTag(lt: number): void {
    const text = this.text
    const nameEnd = this.nameEnd(lt + 1)
    if (nameEnd === lt + 1) this.malformed(lt, `"<" is not followed by an element name`)
    const qualified = text.slice(lt + 1, nameEnd)
    let attributes: Record<string, string> | null = null
    const seen = this.seen
    seen.clear()
    let at = nameEnd
    let selfClosing = false
    for (;;) {
      at = this.skipSpace(at)
      if (at >= text.length) this.malformed(lt, `the tag <${qualified}> is never closed`)
      const code = text.charCodeAt(at)
      if (code === 0x3e) {
        at++
        break
      }
      if (code === 0x2f && text.charCodeAt(at + 1) === 0x3e) {
        at += 2
        selfClosing = true
        break
      }
      const attributeEnd = this.nameEnd(at)
      if (attributeEnd === at) this.malformed(at, `unexpected "${text[at]}" in the tag <${qualified}>`)
      const attribute = text.slice(at, attributeEnd)
      at = this.skipSpace(attributeEnd)
      if (text.charCodeAt(at) !== 0x3d) this.malformed(at, `attribute '${attribute}' of <${qualified}> is without value`)
      at = this.skipSpace(at + 1)
      const quote = text.charCodeAt(at)
      if (quote !== 0x22 && quote !== 0x27) this.malformed(at, `the value of attribute '${attribute}' is not in quotes`)
      const valueEnd = text.indexOf(quote === 0x22 ? '"' : "'", at + 1)
      if (valueEnd < 0) this.malformed(at, `the value of attribute '${attribute}' is never closed`)
      if (valueEnd - at - 1 > MAX_XML_ATTRIBUTE_CHARS) {
        fail(
          this.options,
          `line ${lineAt(text, at)}: attribute '${attribute}' of <${qualified}> is ${formatChars(valueEnd - at - 1)} long; Hamta reads attribute values of up to ${formatChars(MAX_XML_ATTRIBUTE_CHARS)}.`,
          'too-large'
        )
      }
      if (seen.has(attribute)) this.malformed(at, `attribute '${attribute}' is repeated`)
      seen.add(attribute)
      if (seen.size > MAX_XML_ATTRIBUTES) {
        fail(
          this.options,
          `line ${lineAt(text, lt)}: the element <${qualified}> has more than ${MAX_XML_ATTRIBUTES} attributes; Hamta reads elements with up to that many.`,
          'too-large'
        )
      }
      // Namespace declarations say nothing the readers use once prefixes are gone.
      if (attribute !== 'xmlns' && !attribute.startsWith('xmlns:')) {
        attributes ??= {}
        const local = this.localName(attribute)
        // An extension's attribute (Okapi's its:version) never hides the element's own (version).
        if (local === attribute || !Object.hasOwn(attributes, local) || xmlPrefixed(attribute)) attributes[local] = this.value(at + 1, valueEnd)
      }
      at = valueEnd + 1
    }
    this.position = at
    if (++this.elements > MAX_XML_ELEMENTS) {
      fail(
        this.options,
        `line ${lineAt(text, lt)}: the file has more than ${MAX_XML_ELEMENTS.toLocaleString('en')} elements; Hamta reads XLIFF and TMX files with up to that many.`,
        'too-large'
      )
    }
    const name = this.localName(qualified)
    const element: XmlElement = { name, attributes: attributes ?? NO_ATTRIBUTES, children: NO_CHILDREN }
    if (name !== qualified) element.prefix = qualified.slice(0, qualified.length - name.length - 1)
    if (this.options.positions) element.at = { start: lt, openEnd: at, closeStart: at, end: at }
    if (this.open.length === 0) {
      if (this.root) fail(this.options, 'the file has no single root element; it is not an XML document.')
      this.root = element
    } else {
      this.pending.push(element)
    }
    if (selfClosing) return
    if (this.open.length >= MAX_XML_DEPTH) {
      fail(
        this.options,
        `line ${lineAt(text, lt)}: elements are nested more than ${MAX_XML_DEPTH} deep; Hamta reads files nested up to that depth.`,
        'too-deep'
      )
    }
    this.open.push(element)
    this.openNames.push(qualified)
    this.openAt.push(lt)
    this.openChildren.push(this.pending.length)
  }

  private closeTag(lt: number): void {
    const text = this.text
    const nameEnd = this.nameEnd(lt + 2)
    const qualified = text.slice(lt + 2, nameEnd)
    const end = this.skipSpace(nameEnd)
    if (nameEnd === lt + 2 || text.charCodeAt(end) !== 0x3e)
      this.malformed(lt, `a malformed closing tag "${text.slice(lt, Math.min(end + 1, lt + 40))}"`)
    const last = this.open.length - 1
    if (last < 0) this.malformed(lt, `closing tag </${qualified}> has no opening tag`)
    if (this.openNames[last] !== qualified) {
      this.malformed(
        lt,
        `expected </${this.openNames[last]}> to close the element opened on line ${lineAt(text, this.openAt[last])}, found </${qualified}>`
      )
    }
    const element = this.open.pop()!
    if (element.at) {
      element.at.closeStart = lt
      element.at.end = end + 1
    }
    this.openNames.pop()
    this.openAt.pop()
    const first = this.openChildren.pop()!
    if (first < this.pending.length) {
      element.children = this.pending.slice(first)
      this.pending.length = first
    }
    this.position = end + 1
  }

  private addText(from: number, to: number): void {
    const text = this.text
    let blank = true
    for (let k = from; k < to && blank; k++) blank = isXmlSpace(text.charCodeAt(k))
    if (this.open.length === 0) {
      if (!blank) this.malformed(from, 'text outside the root element')
      return
    }
    const children = this.pending
    if (blank && to - from <= 64) {
      // Indentation repeats on every line of a file; one copy of each run serves them all.
      const run = text.slice(from, to)
      let shared = this.blanks.get(run)
      if (shared === undefined) {
        shared = this.normalizeNewlines(run)
        if (this.blanks.size < SHARED_VALUES) this.blanks.set(run, shared)
      }
      children.push(shared)
      return
    }
    children.push(this.value(from, to))
  }

  /** Text or an attribute value: newlines normalized, references decoded. */
  private value(from: number, to: number): string {
    const raw = this.normalizeNewlines(this.text.slice(from, to))
    const value = !raw.includes('&') ? raw : raw.length < BUFFERED_DECODE_FROM ? this.decodeSmall(raw, from) : this.decodeLarge(raw, from)
    return value.length <= SHARED_VALUE_LENGTH ? this.shared(value) : value
  }

  /** One copy of a short value that recurs (states, languages, context types, numbers). */
  private shared(value: string): string {
    const known = this.values.get(value)
    if (known !== undefined) return known
    if (this.values.size < SHARED_VALUES) this.values.set(value, value)
    return value
  }

  /** XML reads \r\n and a lone \r as \n. */
  private normalizeNewlines(raw: string): string {
    return raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw
  }

  private badReference(reference: string, at: number): never {
    fail(this.options, `line ${lineAt(this.text, at)}: unknown or malformed entity reference ${reference}.`)
  }

  private decodeSmall(raw: string, from: number): string {
    return raw.replace(REFERENCE, (match, name: string, offset: number) => {
      const decoded = match.endsWith(';') ? referenced(name) : undefined
      if (decoded === undefined) this.badReference(match, from + offset)
      return decoded
    })
  }

  /** The same decoding into one UTF-16 buffer; the text only shrinks, so its own length is enough. */
  private decodeLarge(raw: string, from: number): string {
    const out = new Uint16Array(raw.length)
    let length = 0
    let copied = 0
    REFERENCE.lastIndex = 0
    for (let match = REFERENCE.exec(raw); match; match = REFERENCE.exec(raw)) {
      const decoded = match[0].endsWith(';') ? referenced(match[1]) : undefined
      if (decoded === undefined) this.badReference(match[0], from + match.index)
      for (let k = copied; k < match.index; k++) out[length++] = raw.charCodeAt(k)
      for (let k = 0; k < decoded.length; k++) out[length++] = decoded.charCodeAt(k)
      copied = REFERENCE.lastIndex
    }
    for (let k = copied; k < raw.length; k++) out[length++] = raw.charCodeAt(k)
    return new TextDecoder('utf-16le').decode(new Uint8Array(out.buffer, 0, length * 2))
  }
}

const NO_ATTRIBUTES: Record<string, string> = Object.freeze({}) as Record<string, string>
const NO_CHILDREN: XmlNode[] = Object.freeze([]) as unknown as XmlNode[]

/** `xml:lang`, `xml:space`: the xml prefix is the language's own, read as plain `lang`, `space`. */
function xmlPrefixed(attribute: string): boolean {
  return attribute.startsWith('xml:')
}

function isXmlSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x09 || code === 0x0d
}

function isNameStart(code: number): boolean {
  return (
    (code >= 0x61 && code <= 0x7a) ||
    (code >= 0x41 && code <= 0x5a) ||
    code === 0x5f ||
    code === 0x3a ||
    (code >= 0xc0 &&
      code !== 0xd7 &&
      code !== 0xf7 &&
      !(code >= 0x300 && code <= 0x36f) &&
      code !== 0x37e &&
      !(code >= 0x2000 && code <= 0x200b) &&
      !(code >= 0x200e && code <= 0x206f) &&
      !(code >= 0x2190 && code <= 0x2bff) &&
      !(code >= 0x2ff0 && code <= 0x3000) &&
      !(code >= 0xfdd0 && code <= 0xfdef) &&
      code !== 0xfffe &&
      code !== 0xffff)
  )
}

function isNameChar(code: number): boolean {
  return (
    isNameStart(code) ||
    (code >= 0x30 && code <= 0x39) ||
    code === 0x2d ||
    code === 0x2e ||
    code === 0xb7 ||
    (code >= 0x300 && code <= 0x36f) ||
    code === 0x203f ||
    code === 0x2040
  )
}

/** A count of characters for people: 1 M characters, 40.0 M characters, 512 K characters. */
function formatChars(count: number): string {
  if (count >= 1024 * 1024) return `${count % (1024 * 1024) === 0 ? count / (1024 * 1024) : (count / (1024 * 1024)).toFixed(1)} M characters`
  if (count >= 1024) return `${Math.round(count / 1024)} K characters`
  return `${count} characters`
}

/**
 * Parses XML text into a small element tree. Rejects entity declarations, files over the size
 * limit, hostile sizes and malformed XML, each with a UserError whose message gives the line.
 */
export function parseXml(input: string | Uint8Array, options: XmlReadOptions = {}): XmlElement {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_XML_BYTES
  const size = typeof input === 'string' ? utf8Length(input) : input.length
  if (size > maxBytes) {
    fail(options, `the file is ${formatBytes(size)}, more than the ${formatBytes(maxBytes)} Hamta reads.`, 'too-large')
  }
  let text = typeof input === 'string' ? input : decodeXmlBytes(input, options)
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)

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
  return new XmlReader(text, options).read()
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
 * their content, and XLIFF 2's `cp` becomes its character. Refuses a segment too long to be one.
 */
export function inlineText(node: XmlElement, options: XmlReadOptions = {}, skip: ReadonlySet<string> = NATIVE_CODE_ELEMENTS): string {
  const parts: string[] = []
  let length = 0
  const walk = (current: XmlElement): void => {
    for (const child of current.children) {
      const part = typeof child === 'string' ? child : child.name === 'cp' ? (codePoint(parseInt(child.attributes.hex ?? '', 16)) ?? '') : null
      if (part !== null) {
        length += part.length
        if (length > MAX_SEGMENT_CHARS) tooLong(node, options)
        parts.push(part)
      } else if (!skip.has((child as XmlElement).name)) walk(child as XmlElement)
    }
  }
  walk(node)
  return parts.length === 1 ? parts[0] : parts.join('')
}

function tooLong(node: XmlElement, options: XmlReadOptions): never {
  fail(
    options,
    `a <${node.name}> element holds more than ${formatChars(MAX_SEGMENT_CHARS)} of text; Hamta reads segments, notes and properties of up to that length.`,
    'too-large'
  )
}

const NATIVE_CODE_ELEMENTS: ReadonlySet<string> = new Set(['x', 'bx', 'ex', 'ph', 'bpt', 'ept', 'it', 'ut', 'sc', 'ec', 'sm', 'em', 'sub'])

/** Plain text content of an element (for notes, props and metadata). */
export function textContent(node: XmlElement, options: XmlReadOptions = {}): string {
  const parts: string[] = []
  let length = 0
  const walk = (current: XmlElement): void => {
    for (const child of current.children) {
      if (typeof child !== 'string') {
        walk(child)
        continue
      }
      length += child.length
      if (length > MAX_SEGMENT_CHARS) tooLong(node, options)
      parts.push(child)
    }
  }
  walk(node)
  return parts.length === 1 ? parts[0] : parts.join('')
}

/**
 * Client Word files in, the same files back.
 *
 * Reading: the body (`word/document.xml`), the footnotes and endnotes, then the headers and
 * footers (`word/header1.xml`, `word/footer1.xml`, …) are read with element offsets; every
 * paragraph with text is segmented into sentences (the Persian segmenter) and each sentence
 * becomes a row keeping where it sits (`fileId` the part, `unitId` the paragraph, `segmentId` the
 * sentence). A text box's paragraphs follow the paragraph it is anchored in (see paragraphsOf).
 * What the translator must place is carried as inline codes: a change of formatting against the
 * paragraph's usual formatting (bold, italic, a character style…) is a pair of codes, a hyperlink
 * is a pair, and a footnote reference, tab, break, field, image, text box or bookmark inside the
 * text is a standalone code. Leading and trailing non-text (a footnote's number, bookmarks around
 * a heading) stays where it is and is not shown.
 *
 * Writing: the kept original is read again the same way, so the codes' XML comes from the file,
 * never from the document. Each paragraph with English has its runs rewritten from the English
 * (the codes place the formatting and links), with its direction left to right (`w:bidi` off,
 * `w:rtl` off, language English); sentences without English keep their Persian. In a part that
 * was translated, paragraphs without text turn left to right too, tables are no longer mirrored
 * (`w:bidiVisual` removed), sections lose `w:bidi`, and content controls holding translated
 * paragraphs lose their data binding and placeholder mark (see unbindTranslated). Every other part
 * of the package is copied packed as it was; a document with no English comes back byte for byte.
 *
 * Not read: comments (notes to the translator, left as they are); tracked deletions and
 * simple fields are kept as codes, tracked insertions and content controls inside a paragraph are
 * accepted (their text is read, the wrapper dropped when the paragraph is rewritten).
 */
import { createHash } from 'node:crypto'
import { UserError } from '../errors'
import { checkPackage } from '../import/docx'
import { formatBytes, formatLimit, MAX_DOCX_XML_BYTES, MAX_IMPORT_BYTES } from '../import/limits'
import { readEntry, readZipDirectory, rewriteZip, type ZipEntry } from '../import/zip'
import { DOCUMENT_SCHEMA_VERSION, titleFromText, type HamtaDocument, type Row } from '../model'
import { sentenceRanges } from '../text/segment'
import { codeChar, codeIndex, MAX_CODES, type InlineCode } from './inline-codes'
import { childElements, decodeXmlBytes, escapeXmlText, parseXml, textContent, type XmlElement } from './xml'

/** Parts read for text, in reading order, before the headers and footers (see textParts). */
export const DOCX_TEXT_PARTS = ['word/document.xml', 'word/footnotes.xml', 'word/endnotes.xml'] as const

/**
 * The parts of a package to read for text: the body and notes first (what the translator starts
 * with, and where the title comes from), then headers and footers in number order. A section can
 * have three of each (first page, even pages, the rest).
 */
function textParts(entries: Iterable<string>): string[] {
  const names = [...entries]
  const numbered = (kind: 'header' | 'footer') =>
    names
      .map((name) => ({ name, match: new RegExp(`^word/${kind}(\\d*)\\.xml$`).exec(name) }))
      .filter((entry) => entry.match)
      .sort((a, b) => Number(a.match![1] || 0) - Number(b.match![1] || 0))
      .map((entry) => entry.name)
  return [...DOCX_TEXT_PARTS, ...numbered('header'), ...numbered('footer')]
}

interface Prop {
  name: string
  xml: string
}

/**
 * Raw XML of a code's pieces: a run (rewritten with the run properties of the output) or anything
 * else, as it was. `start` and `end` place it in the part; `rewritten` is its XML with the English
 * of the text boxes inside it (see writePart).
 */
type CodePart = ({ props: Prop[] | null; inner: string } | { raw: string }) & { start: number; end: number; rewritten?: string }

type Piece =
  | { kind: 'text'; text: string; props: Prop[] | null; key: string; link: number }
  | { kind: 'code'; parts: CodePart[]; label: string; essential: boolean; link: number }

interface Link {
  startTag: string
  closeTag: string
  label: string
}

/** An inline code with what the writer needs; rows store only the InlineCode part. */
type DocxCode = InlineCode &
  ({ role: 'format'; props: Prop[] | null } | { role: 'link'; link: number } | { role: 'object'; parts: CodePart[]; essential: boolean })

interface DocxSentence {
  /** With one private-use character per code. */
  text: string
  codes: DocxCode[]
}

interface DocxParagraph {
  node: XmlElement
  /** `p<k>` in the part's flow, `<id>.b<k>` in a text box anchored in paragraph <id> (see paragraphsOf). */
  unitId: string
  /** A text box's copy for older readers (mc:Fallback): written with the English of the paragraph of the same unitId, never read as rows. */
  copy: boolean
  pPr?: XmlElement
  /** `w:` (or the prefix the file uses, with its colon). */
  w: string
  links: Link[]
  prefix: Piece[]
  suffix: Piece[]
  /** The run properties most of the paragraph's text has; text with other properties is in format codes. */
  base: Prop[] | null
  linkBase: Array<Prop[] | null>
  sentences: DocxSentence[]
  /** The paragraph's text without codes. */
  plain: string
}

interface DocxPart {
  name: string
  text: string
  root: XmlElement
  paragraphs: DocxParagraph[]
}

export interface OriginalDocx {
  parts: DocxPart[]
  entries: ZipEntry[]
}

// ---------------------------------------------------------------------------------------------
// Run properties

/** Element order of `w:rPr` (CT_RPr) and `w:pPr` (CT_PPr): Word refuses some properties out of order. */
const RPR_ORDER = [
  'rStyle', 'rFonts', 'b', 'bCs', 'i', 'iCs', 'caps', 'smallCaps', 'strike', 'dstrike', 'outline', 'shadow', 'emboss', 'imprint', 'noProof',
  'snapToGrid', 'vanish', 'webHidden', 'color', 'spacing', 'w', 'kern', 'position', 'sz', 'szCs', 'highlight', 'u', 'effect', 'bdr', 'shd',
  'fitText', 'vertAlign', 'rtl', 'cs', 'em', 'lang', 'eastAsianLayout', 'specVanish', 'oMath', 'rPrChange'
] // prettier-ignore
const PPR_ORDER = [
  'pStyle', 'keepNext', 'keepLines', 'pageBreakBefore', 'framePr', 'widowControl', 'numPr', 'suppressLineNumbers', 'pBdr', 'shd', 'tabs',
  'suppressAutoHyphens', 'kinsoku', 'wordWrap', 'overflowPunct', 'topLinePunct', 'autoSpaceDE', 'autoSpaceDN', 'bidi', 'adjustRightInd',
  'snapToGrid', 'spacing', 'ind', 'contextualSpacing', 'mirrorIndents', 'suppressOverlap', 'jc', 'textDirection', 'textAlignment',
  'textboxTightWrap', 'outlineLvl', 'divId', 'cnfStyle', 'rPr', 'sectPr', 'pPrChange'
] // prettier-ignore

/** Properties that say nothing a translator places: direction, language, spelling marks. */
const NOT_FORMATTING = new Set(['rtl', 'cs', 'lang', 'noProof', 'rPrChange'])
/** Complex-script properties (what Persian text shows) and their counterparts for English. */
const COMPLEX_SCRIPT: Array<[string, string]> = [
  ['bCs', 'b'],
  ['iCs', 'i'],
  ['szCs', 'sz']
]

/** Inserts a property where its element order puts it (unknown ones are passed over). */
function insertOrdered(list: Prop[], prop: Prop, order: readonly string[]): Prop[] {
  const rank = order.indexOf(prop.name)
  const at = list.findIndex((other) => {
    const otherRank = order.indexOf(other.name)
    return otherRank > rank
  })
  return at < 0 ? [...list, prop] : [...list.slice(0, at), prop, ...list.slice(at)]
}

/** Formatting as the reader sees it: complex-script bold, italic and size count as bold, italic and size; font hints are dropped. */
function normalized(props: Prop[] | null): Prop[] {
  let list: Prop[] = []
  for (const prop of props ?? []) {
    if (NOT_FORMATTING.has(prop.name)) continue
    if (prop.name === 'rFonts') {
      const xml = prop.xml.replace(/\s[\w.-]*:?hint\s*=\s*("[^"]*"|'[^']*')/, '')
      if (/^<[\w.:-]+\s*\/>$/.test(xml)) continue
      list.push({ name: prop.name, xml })
      continue
    }
    list.push(prop)
  }
  for (const [complex, plain] of COMPLEX_SCRIPT) {
    const source = list.find((prop) => prop.name === complex)
    if (source && !list.some((prop) => prop.name === plain)) {
      list = insertOrdered(list, { name: plain, xml: source.xml.replace(new RegExp(`^(<(?:[\\w.-]+:)?)${complex}\\b`), `$1${plain}`) }, RPR_ORDER)
    }
  }
  return list
}

function formatKey(props: Prop[] | null): string {
  return normalized(props)
    .filter((prop) => !COMPLEX_SCRIPT.some(([complex]) => complex === prop.name))
    .map((prop) => prop.xml)
    .join('')
}

/** Run properties for English: the formatting kept, left to right, English. */
function englishRunProperties(props: Prop[] | null, w: string): string {
  let list = normalized(props)
  list = insertOrdered(list, { name: 'rtl', xml: `<${w}rtl ${w}val="0"/>` }, RPR_ORDER)
  list = insertOrdered(list, { name: 'lang', xml: `<${w}lang ${w}val="en-US"/>` }, RPR_ORDER)
  return `<${w}rPr>${list.map((prop) => prop.xml).join('')}</${w}rPr>`
}

function originalRunProperties(props: Prop[] | null, w: string): string {
  return props ? `<${w}rPr>${props.map((prop) => prop.xml).join('')}</${w}rPr>` : ''
}

const FORMAT_NAMES: Record<string, string> = {
  b: 'b',
  i: 'i',
  u: 'u',
  strike: 's',
  dstrike: 's',
  caps: 'caps',
  smallCaps: 'caps',
  color: 'color',
  highlight: 'mark',
  sz: 'size',
  rFonts: 'font',
  shd: 'shade',
  vanish: 'hidden'
}

/** What a format code changes against the paragraph's usual formatting: `b i`, `sup`, `Emphasis`. */
function formatLabel(props: Prop[] | null, base: Prop[] | null): string {
  const here = normalized(props)
  const usual = normalized(base)
  const names: string[] = []
  const describe = (prop: Prop): string => {
    const value = /\bval\s*=\s*"([^"]*)"/.exec(prop.xml)?.[1]
    if (prop.name === 'vertAlign') return value === 'superscript' ? 'sup' : value === 'subscript' ? 'sub' : 'baseline'
    if (prop.name === 'rStyle') return value ?? 'style'
    return FORMAT_NAMES[prop.name] ?? prop.name
  }
  for (const prop of here) {
    if (COMPLEX_SCRIPT.some(([complex]) => complex === prop.name)) continue
    if (!usual.some((other) => other.xml === prop.xml)) names.push(describe(prop))
  }
  for (const prop of usual) {
    if (COMPLEX_SCRIPT.some(([complex]) => complex === prop.name)) continue
    if (!here.some((other) => other.name === prop.name)) names.push(`-${describe(prop)}`)
  }
  return [...new Set(names)].join(' ') || 'format'
}

// ---------------------------------------------------------------------------------------------
// Reading

const slice = (text: string, node: XmlElement): string => text.slice(node.at!.start, node.at!.end)
const span = (node: XmlElement): { start: number; end: number } => ({ start: node.at!.start, end: node.at!.end })

function propsOf(text: string, rPr: XmlElement | undefined): Prop[] | null {
  if (!rPr) return null
  return childElements(rPr).map((child) => ({ name: child.name, xml: slice(text, child) }))
}

/** Containers inside a paragraph whose runs are read as the paragraph's own (the wrapper is not kept). */
const TRANSPARENT = new Set(['ins', 'smartTag', 'customXml', 'dir', 'bdo', 'moveTo'])
/** Markers that show nothing: kept in place, dropped only when Word itself would not miss them. */
const DROPPED = new Set(['proofErr', 'lastRenderedPageBreak', 'permStart', 'permEnd'])

/** Whether an element holds one named `name` at any depth. */
function holds(node: XmlElement, name: string): boolean {
  return childElements(node).some((child) => child.name === name || holds(child, name))
}

function runChildLabel(child: XmlElement): { label: string; essential: boolean } | null {
  switch (child.name) {
    case 'footnoteReference':
      return { label: `footnote ${child.attributes.id ?? ''}`.trim(), essential: true }
    case 'endnoteReference':
      return { label: `endnote ${child.attributes.id ?? ''}`.trim(), essential: true }
    case 'footnoteRef':
    case 'endnoteRef':
      return { label: 'note number', essential: true }
    case 'tab':
    case 'ptab':
      return { label: 'tab', essential: false }
    case 'br':
      return {
        label: child.attributes.type === 'page' ? 'page break' : child.attributes.type === 'column' ? 'column break' : 'line break',
        essential: false
      }
    case 'cr':
      return { label: 'line break', essential: false }
    case 'drawing':
    case 'pict':
    case 'object':
    case 'AlternateContent':
      return { label: holds(child, 'txbxContent') ? 'text box' : 'image', essential: true }
    case 'fldChar':
      return { label: `field ${child.attributes.fldCharType ?? ''}`.trim(), essential: true }
    case 'instrText':
      return { label: `field ${textContent(child).trim().split(/\s+/)[0] ?? ''}`.trim(), essential: true }
    case 'sym':
      return { label: 'symbol', essential: false }
    case 'lastRenderedPageBreak':
      return null
    default:
      return { label: child.name, essential: false }
  }
}

function readPieces(text: string, paragraph: XmlElement, rels: Map<string, string>): { pieces: Piece[]; links: Link[]; pPr?: XmlElement } {
  const pieces: Piece[] = []
  const links: Link[] = []
  let pPr: XmlElement | undefined
  const goBack = new Set<string>()
  const addText = (value: string, props: Prop[] | null, link: number): void => {
    if (!value) return
    const key = formatKey(props)
    const last = pieces[pieces.length - 1]
    if (last?.kind === 'text' && last.link === link && last.key === key) last.text += value
    else pieces.push({ kind: 'text', text: value, props, key, link })
  }
  const addCode = (part: CodePart, label: string, essential: boolean, link: number): void => {
    const last = pieces[pieces.length - 1]
    // Codes with no text between them are one code: fewer badges, and a field's begin, instruction
    // and separator stay together.
    if (last?.kind === 'code' && last.link === link) {
      last.parts.push(part)
      last.label = `${last.label} ${label}`
      last.essential ||= essential
    } else pieces.push({ kind: 'code', parts: [part], label, essential, link })
  }
  const readRun = (run: XmlElement, link: number): void => {
    const rPr = childElements(run, 'rPr')[0]
    const props = propsOf(text, rPr)
    for (const child of childElements(run)) {
      if (child === rPr) continue
      if (child.name === 't') addText(textContent(child).replace(/[\uE000-\uF8FF]/g, ' '), props, link)
      else if (child.name === 'noBreakHyphen') addText('\u2011', props, link)
      else if (child.name === 'softHyphen') addText('\u00ad', props, link)
      else {
        const described = runChildLabel(child)
        if (described) addCode({ props, inner: slice(text, child), ...span(child) }, described.label, described.essential, link)
      }
    }
  }
  const walk = (node: XmlElement, link: number): void => {
    for (const child of childElements(node)) {
      switch (child.name) {
        case 'pPr':
          if (node === paragraph) pPr = child
          break
        case 'r':
          readRun(child, link)
          break
        case 'hyperlink': {
          const target = child.attributes.id ? rels.get(child.attributes.id) : undefined
          const anchor = child.attributes.anchor
          links.push({
            startTag: text.slice(child.at!.start, child.at!.openEnd).replace(/\/>$/, '>'),
            closeTag: `</${child.prefix ? `${child.prefix}:` : ''}hyperlink>`,
            label: `<a ${target ?? (anchor ? `#${anchor}` : 'link')}>`
          })
          walk(child, links.length - 1)
          break
        }
        case 'sdt':
          for (const content of childElements(child, 'sdtContent')) walk(content, link)
          break
        case 'bookmarkStart':
          // Word's own "where I last edited" mark.
          if (child.attributes.name === '_GoBack') goBack.add(child.attributes.id ?? '')
          else addCode({ raw: slice(text, child), ...span(child) }, `bookmark ${child.attributes.name ?? ''}`.trim(), false, link)
          break
        case 'bookmarkEnd':
          if (!goBack.has(child.attributes.id ?? '')) addCode({ raw: slice(text, child), ...span(child) }, 'bookmark end', false, link)
          break
        default:
          if (TRANSPARENT.has(child.name)) walk(child, link)
          else if (!DROPPED.has(child.name))
            addCode({ raw: slice(text, child), ...span(child) }, child.name === 'del' ? 'deleted text' : child.name, child.name === 'fldSimple', link)
      }
    }
  }
  walk(paragraph, -1)
  return { pieces, links, pPr }
}

const hasLetters = (value: string): boolean => /\S/.test(value)

/** The properties most characters of the text pieces have (white space not counted). */
function dominant(pieces: Piece[]): Prop[] | null {
  const counts = new Map<string, { count: number; props: Prop[] | null }>()
  for (const piece of pieces) {
    if (piece.kind !== 'text') continue
    const count = piece.text.replace(/\s/g, '').length
    const entry = counts.get(piece.key) ?? { count: 0, props: piece.props }
    entry.count += count
    counts.set(piece.key, entry)
  }
  let best: { count: number; props: Prop[] | null } | undefined
  for (const entry of counts.values()) if (!best || entry.count > best.count) best = entry
  return best?.props ?? null
}

function readParagraph(text: string, { node, unitId, copy }: FoundParagraph, rels: Map<string, string>): DocxParagraph {
  const { pieces, links, pPr } = readPieces(text, node, rels)
  const w = node.prefix ? `${node.prefix}:` : ''
  const first = pieces.findIndex((piece) => piece.kind === 'text' && hasLetters(piece.text))
  let last = -1
  for (let k = pieces.length - 1; k >= 0; k--) {
    const piece = pieces[k]
    if (piece.kind === 'text' && hasLetters(piece.text)) {
      last = k
      break
    }
  }
  const body = first < 0 ? [] : pieces.slice(first, last + 1)
  const prefix = first < 0 ? pieces : pieces.slice(0, first)
  const suffix = first < 0 ? [] : pieces.slice(last + 1)
  const outside = body.filter((piece) => piece.link < 0)
  const base = dominant(outside.some((piece) => piece.kind === 'text' && hasLetters(piece.text)) ? outside : body)
  const linkBase = links.map((_, index) => dominant(body.filter((piece) => piece.link === index)))
  const paragraph: DocxParagraph = { node, unitId, copy, pPr, w, links, prefix, suffix, base, linkBase, sentences: [], plain: '' }
  paragraph.sentences = sentencesOf(paragraph, body)
  paragraph.plain = body
    .map((piece) => (piece.kind === 'text' ? piece.text : ''))
    .join('')
    .trim()
  return paragraph
}

/** Splits the paragraph's text into sentences, each with its own codes (pairs closed at its end, opened again in the next). */
function sentencesOf(paragraph: DocxParagraph, body: Piece[]): DocxSentence[] {
  if (body.length === 0) return []
  // One unit per character of text, one per code.
  const unitPiece: number[] = []
  let full = ''
  body.forEach((piece, index) => {
    const value = piece.kind === 'text' ? piece.text : '\uFFFC'
    full += value
    for (let k = 0; k < value.length; k++) unitPiece.push(index)
  })
  let plain = ''
  const plainToFull: number[] = []
  for (let k = 0; k < full.length; k++) {
    if (body[unitPiece[k]].kind !== 'text') continue
    plain += full[k]
    plainToFull.push(k)
  }
  let ranges = sentenceRanges(plain)
  if (ranges.length === 0) ranges = [[0, plain.length]]
  const starts = ranges.map(([start]) => (start === 0 ? 0 : plainToFull[start]))
  const sentences: DocxSentence[] = []
  starts.forEach((start, k) => {
    let end = k + 1 < starts.length ? starts[k + 1] : full.length
    while (end > start && body[unitPiece[end - 1]].kind === 'text' && /\s/.test(full[end - 1])) end--
    let from = start
    while (from < end && body[unitPiece[from]].kind === 'text' && /\s/.test(full[from])) from++
    if (from < end) sentences.push(codedSentence(paragraph, body, full, unitPiece, from, end))
  })
  return sentences
}

function codedSentence(paragraph: DocxParagraph, body: Piece[], full: string, unitPiece: number[], from: number, to: number): DocxSentence {
  const codes: DocxCode[] = []
  let out = ''
  let formats = 0
  let linkCount = 0
  let objects = 0
  let format: { index: number; key: string } | null = null
  let link = -1
  let linkCode = -1
  const add = (code: DocxCode): void => {
    if (codes.length >= MAX_CODES) throw new UserError(`A paragraph holds more than ${MAX_CODES} formatting changes.`, 'too-large')
    codes.push(code)
    out += codeChar(codes.length - 1)
  }
  const paragraphKey = formatKey(paragraph.base)
  const linkKeys = paragraph.linkBase.map(formatKey)
  const baseKey = (): string => (link >= 0 ? linkKeys[link] : paragraphKey)
  const closeFormat = (): void => {
    if (!format) return
    const open = codes[format.index]
    add({ id: open.id, kind: 'close', label: `</${open.label.slice(1, -1)}>`, xml: '', role: 'format', props: null })
    format = null
  }
  const closeLink = (): void => {
    if (link < 0) return
    closeFormat()
    add({ id: codes[linkCode].id, kind: 'close', label: '</a>', xml: paragraph.links[link].closeTag, role: 'link', link })
    link = -1
  }
  // White space waits for the next character: it goes inside a format pair only when the pair goes on after it.
  let spaces = ''
  const flushSpaces = (): void => {
    out += spaces
    spaces = ''
  }
  for (let k = from; k < to; k++) {
    const piece = body[unitPiece[k]]
    if (piece.kind === 'text' && /\s/.test(full[k])) {
      spaces += full[k]
      continue
    }
    if (piece.link !== link) {
      // Formatting never crosses a link's edge: the pairs nest.
      closeFormat()
      closeLink()
      flushSpaces()
      if (piece.link >= 0) {
        link = piece.link
        linkCode = codes.length
        add({ id: `l${++linkCount}`, kind: 'open', label: paragraph.links[link].label, xml: paragraph.links[link].startTag, role: 'link', link })
      }
    }
    if (piece.kind === 'code') {
      // A piece is one code, however many characters stand for it.
      if (k > from && unitPiece[k - 1] === unitPiece[k]) continue
      flushSpaces()
      const xml = piece.parts.map((part) => ('raw' in part ? part.raw : part.inner)).join('')
      add({ id: `x${++objects}`, kind: 'standalone', label: piece.label, xml, role: 'object', parts: piece.parts, essential: piece.essential })
      continue
    }
    const char = full[k]
    // White space takes whatever formatting is open: a plain space between two bold words is no reason to close the bold.
    const current: string = format ? format.key : baseKey()
    if (piece.key !== current) {
      closeFormat()
      flushSpaces()
      if (piece.key !== baseKey()) {
        const usual = link >= 0 ? paragraph.linkBase[link] : paragraph.base
        format = { index: codes.length, key: piece.key }
        add({
          id: `f${++formats}`,
          kind: 'open',
          label: `<${formatLabel(piece.props, usual)}>`,
          xml: originalRunProperties(piece.props, paragraph.w),
          role: 'format',
          props: piece.props
        })
      }
    }
    flushSpaces()
    out += char
  }
  closeLink()
  closeFormat()
  return { text: out, codes }
}

interface FoundParagraph {
  node: XmlElement
  unitId: string
  copy: boolean
}

/**
 * Paragraphs of a part in reading order. A text box sits in a run of the paragraph it is anchored
 * to, so its paragraphs follow that paragraph and take their ids from it (`p3.b0`, `p3.b1`, …);
 * numbering the flow's paragraphs alone keeps the ids of documents read before text boxes were.
 * Word writes a text box twice, as a drawing (mc:Choice) and as a copy for older readers
 * (mc:Fallback): the copy's paragraphs get the same ids and are marked as copies, so the
 * translator sees the text once and both are written with its English. A Fallback without
 * paragraphs (LibreOffice writes an empty one) or one that differs from its Choice is left as it is.
 */
function paragraphsOf(root: XmlElement): FoundParagraph[] {
  const found: FoundParagraph[] = []
  let flow = 0
  const walk = (node: XmlElement, owner: { id: string; boxes: number } | null, into: FoundParagraph[]): void => {
    for (const child of childElements(node)) {
      if (child.name === 'p') {
        const unitId = owner ? `${owner.id}.b${owner.boxes++}` : `p${flow++}`
        into.push({ node: child, unitId, copy: false })
        walk(child, { id: unitId, boxes: 0 }, into)
      }
      // Separator "notes" are the line above the notes, not text.
      else if ((child.name === 'footnote' || child.name === 'endnote') && child.attributes.type && child.attributes.type !== 'normal') continue
      else if (child.name === 'AlternateContent' && owner) {
        const choice = childElements(child, 'Choice')[0]
        const fallback = childElements(child, 'Fallback')[0]
        const first = owner.boxes
        const chosen: FoundParagraph[] = []
        if (choice) walk(choice, owner, chosen)
        into.push(...chosen)
        if (!fallback) continue
        if (chosen.length === 0) {
          walk(fallback, owner, into)
          continue
        }
        const copies: FoundParagraph[] = []
        walk(fallback, { id: owner.id, boxes: first }, copies)
        if (copies.length === chosen.length && copies.every((copy, k) => copy.unitId === chosen[k].unitId))
          into.push(...copies.map((copy) => ({ ...copy, copy: true })))
      } else walk(child, owner, into)
    }
  }
  walk(root, null, found)
  return found
}

function relationships(bytes: Uint8Array | undefined): Map<string, string> {
  const rels = new Map<string, string>()
  if (!bytes) return rels
  try {
    const root = parseXml(bytes, { maxBytes: MAX_DOCX_XML_BYTES })
    for (const rel of childElements(root, 'Relationship'))
      if (rel.attributes.Id && rel.attributes.Target) rels.set(rel.attributes.Id, rel.attributes.Target)
  } catch {
    // Labels only: a broken relationships part leaves links labelled "link".
  }
  return rels
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
}

/** Reads a Word package's text parts, after checking the package against the import limits. */
export async function parseOriginalDocx(fileName: string, bytes: Uint8Array): Promise<OriginalDocx> {
  await checkPackage(fileName, bytes)
  const entries = readZipDirectory(bytes)
  const byName = new Map(entries.map((entry) => [entry.name, entry]))
  const unpack = (name: string): Uint8Array | undefined => {
    const entry = byName.get(name)
    return entry ? readEntry(bytes, entry) : undefined
  }
  if (!byName.has('word/document.xml')) {
    throw new UserError(
      `${fileName} cannot be read: it has no word/document.xml, so it is not a Word document Hamta can translate into its original.`,
      'broken-file'
    )
  }
  const parts: DocxPart[] = []
  for (const name of textParts(byName.keys())) {
    const raw = unpack(name)
    if (!raw) continue
    const text = stripBom(decodeXmlBytes(raw, { fileName }))
    const root = parseXml(text, { fileName: `${fileName} (${name})`, positions: true, maxBytes: MAX_DOCX_XML_BYTES })
    const rels = relationships(unpack(name.replace(/^word\//, 'word/_rels/') + '.rels'))
    parts.push({ name, text, root, paragraphs: paragraphsOf(root).map((found) => readParagraph(text, found, rels)) })
  }
  return { parts, entries }
}

const storedCode = (code: DocxCode): InlineCode => ({ id: code.id, kind: code.kind, label: code.label, xml: code.xml })

/** The plain text of a document read from Word: paragraphs separated by blank lines (for the Persian check and the title). */
export function docxPlainText(parsed: OriginalDocx): string {
  return parsed.parts
    .flatMap((part) => part.paragraphs.filter((paragraph) => !paragraph.copy).map((paragraph) => paragraph.plain))
    .filter(Boolean)
    .join('\n\n')
}

/** A new document from a parsed Word file: one row per sentence of each paragraph, the file kept by reference. */
export function originalDocxToDocument(
  parsed: OriginalDocx,
  options: { id: string; now: string; fileName: string; original: { path: string; sha256: string } }
): HamtaDocument {
  const rows: Row[] = []
  let paragraphNumber = 0
  for (const part of parsed.parts) {
    for (const paragraph of part.paragraphs) {
      if (paragraph.sentences.length === 0 || paragraph.copy) continue
      paragraph.sentences.forEach((sentence, k) => {
        const number = rows.length + 1
        const row: Row = {
          id: `r${number}`,
          paragraph: paragraphNumber,
          source: [{ id: `s${number}`, text: sentence.text, spans: [] }],
          target: '',
          status: 'untranslated',
          tags: [],
          targetSpans: [],
          comments: [],
          updatedAt: options.now,
          fileId: part.name,
          unitId: paragraph.unitId,
          segmentId: String(k)
        }
        if (sentence.codes.length > 0) row.codes = sentence.codes.map(storedCode)
        rows.push(row)
      })
      paragraphNumber++
    }
  }
  const originalText = docxPlainText(parsed)
  return {
    schemaVersion: DOCUMENT_SCHEMA_VERSION,
    id: options.id,
    title: titleFromText(originalText) || options.fileName,
    sourceLang: 'fa',
    targetLang: 'en',
    createdAt: options.now,
    updatedAt: options.now,
    origin: {
      fileName: options.fileName,
      encoding: 'DOCX',
      importedAt: options.now,
      original: { format: 'docx', path: options.original.path, sha256: options.original.sha256 }
    },
    originalText,
    rows
  }
}

/** Reads a client Word file into a document; the caller keeps the bytes at `path`. */
export async function readOriginalDocx(
  fileName: string,
  bytes: Uint8Array,
  options: { id: string; now: string; path: string }
): Promise<{ document: HamtaDocument; text: string }> {
  if (bytes.length > MAX_IMPORT_BYTES) {
    throw new UserError(`${fileName} is ${formatBytes(bytes.length)}; Hamta imports files of up to ${formatLimit(MAX_IMPORT_BYTES)}.`, 'too-large')
  }
  const parsed = await parseOriginalDocx(fileName, bytes)
  const sha256 = createHash('sha256').update(bytes).digest('hex')
  const document = originalDocxToDocument(parsed, { id: options.id, now: options.now, fileName, original: { path: options.path, sha256 } })
  return { document, text: document.originalText }
}

// ---------------------------------------------------------------------------------------------
// Writing back

/** Text as runs: line breaks and tabs typed in the English become Word's own. */
function runs(value: string, rPr: string, w: string): string {
  if (!value) return ''
  let out = ''
  for (const part of value.split(/(\n|\t)/)) {
    if (!part) continue
    const inner = part === '\n' ? `<${w}br/>` : part === '\t' ? `<${w}tab/>` : `<${w}t xml:space="preserve">${escapeXmlText(part)}</${w}t>`
    out += `<${w}r>${rPr}${inner}</${w}r>`
  }
  return out
}

function renderParts(parts: CodePart[], english: boolean, w: string): string {
  return parts
    .map((part) =>
      'raw' in part
        ? (part.rewritten ?? part.raw)
        : `<${w}r>${english ? englishRunProperties(part.props, w) : originalRunProperties(part.props, w)}${part.rewritten ?? part.inner}</${w}r>`
    )
    .join('')
}

/** Pieces kept as they are (before and after the paragraph's text), with their links. */
function renderPieces(pieces: Piece[], paragraph: DocxParagraph, english: boolean): string {
  const { w } = paragraph
  let out = ''
  let link = -1
  for (const piece of pieces) {
    if (piece.link !== link) {
      if (link >= 0) out += paragraph.links[link].closeTag
      link = piece.link
      if (link >= 0) out += paragraph.links[link].startTag
    }
    if (piece.kind === 'text') out += runs(piece.text, english ? englishRunProperties(piece.props, w) : originalRunProperties(piece.props, w), w)
    else out += renderParts(piece.parts, english, w)
  }
  if (link >= 0) out += paragraph.links[link].closeTag
  return out
}

/**
 * A sentence's text with codes as runs. Format codes choose the run properties, link codes open
 * and close hyperlinks; a code used twice counts once, a closing code without its opening is
 * dropped, a link left open is closed at the end, and a footnote reference, field or image the
 * translation lost is put at its end (a note without its reference, or half a field, breaks the file).
 */
function renderSentence(text: string, codes: readonly DocxCode[], paragraph: DocxParagraph, english: boolean): string {
  const { w } = paragraph
  const rPr = (props: Prop[] | null): string => (english ? englishRunProperties(props, w) : originalRunProperties(props, w))
  const used = new Set<number>()
  const formats: number[] = []
  let link = -1
  let out = ''
  let pending = ''
  const currentProps = (): Prop[] | null => {
    const top = formats[formats.length - 1]
    if (top !== undefined) return (codes[top] as Extract<DocxCode, { role: 'format' }>).props
    const open = link >= 0 ? (codes[link] as Extract<DocxCode, { role: 'link' }>) : undefined
    return open ? paragraph.linkBase[open.link] : paragraph.base
  }
  const flush = (): void => {
    out += runs(pending, rPr(currentProps()), w)
    pending = ''
  }
  const closeLink = (): void => {
    if (link < 0) return
    out += paragraph.links[(codes[link] as Extract<DocxCode, { role: 'link' }>).link].closeTag
    link = -1
  }
  for (const char of text) {
    const index = codeIndex(char)
    if (index < 0) {
      pending += char
      continue
    }
    const code = codes[index]
    if (!code || used.has(index)) continue
    used.add(index)
    flush()
    if (code.role === 'object') out += renderParts(code.parts, english, w)
    else if (code.role === 'format') {
      if (code.kind === 'open') formats.push(index)
      else {
        const at = formats.findIndex((open) => codes[open].id === code.id)
        if (at >= 0) formats.splice(at, 1)
      }
    } else if (code.kind === 'open') {
      closeLink()
      link = index
      out += paragraph.links[code.link].startTag
    } else if (link >= 0 && codes[link].id === code.id) closeLink()
  }
  flush()
  closeLink()
  codes.forEach((code, index) => {
    if (!used.has(index) && code.role === 'object' && code.essential) out += renderParts(code.parts, english, w)
  })
  return out
}

function elementXml(text: string, node: XmlElement): Prop {
  return { name: node.name, xml: slice(text, node) }
}

/** Paragraph properties for English: `w:bidi` off, the paragraph mark's run properties English, sections not right to left. */
function englishParagraphProperties(text: string, paragraph: DocxParagraph): string {
  const { w, pPr } = paragraph
  let list: Prop[] = []
  for (const child of pPr ? childElements(pPr) : []) {
    if (child.name === 'bidi') continue
    if (child.name === 'rPr') list.push({ name: 'rPr', xml: englishRunProperties(propsOf(text, child), w) })
    else if (child.name === 'sectPr') list.push({ name: 'sectPr', xml: withoutSectionBidi(slice(text, child)) })
    else list.push(elementXml(text, child))
  }
  list = insertOrdered(list, { name: 'bidi', xml: `<${w}bidi ${w}val="0"/>` }, PPR_ORDER)
  const open = pPr && pPr.at!.openEnd !== pPr.at!.end ? text.slice(pPr.at!.start, pPr.at!.openEnd) : `<${w}pPr>`
  return `${open}${list.map((prop) => prop.xml).join('')}</${w}pPr>`
}

function withoutSectionBidi(xml: string): string {
  return xml.replace(/<(?:[\w.-]+:)?bidi(?:\s[^>]*)?\/>/g, '')
}

interface Edit {
  start: number
  end: number
  text: string
}

function applyEdits(text: string, edits: Edit[]): string {
  // Pieces joined once: slicing the whole part per edit would be quadratic in a long document.
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end)
  const pieces: string[] = []
  let position = 0
  for (const edit of sorted) {
    if (edit.start < position) throw new Error('overlapping edits in the Word writer')
    pieces.push(text.slice(position, edit.start), edit.text)
    position = edit.end
  }
  pieces.push(text.slice(position))
  return pieces.join('')
}

/**
 * Edits that take the data binding off the content controls holding translated paragraphs: Word
 * (and LibreOffice) fill a bound control from the document's properties or data on opening, which
 * would put the Persian back over the English (a cover page's title, a template's author). Their
 * "showing the placeholder" mark goes too: the English is text, not a grey prompt Word replaces.
 */
function unbindTranslated(part: DocxPart, translated: DocxParagraph[]): Edit[] {
  const edits: Edit[] = []
  const ranges = translated.map((paragraph) => paragraph.node.at!)
  const walk = (node: XmlElement): void => {
    for (const child of childElements(node)) {
      if (child.name === 'sdt') {
        const binding = childElements(child, 'sdtPr').flatMap((sdtPr) =>
          childElements(sdtPr).filter((property) => property.name === 'dataBinding' || property.name === 'showingPlcHdr')
        )
        const at = child.at!
        if (binding.length > 0 && ranges.some((range) => range.start >= at.start && range.end <= at.end))
          for (const element of binding) edits.push({ start: element.at!.start, end: element.at!.end, text: '' })
      }
      walk(child)
    }
  }
  walk(part.root)
  return edits
}

/** How many text boxes deep a paragraph is. */
const boxDepth = (unitId: string): number => unitId.split('.').length - 1

/** Code parts a paragraph renders, as kept (the sentences' codes share them with the pieces). */
function codeParts(paragraph: DocxParagraph): CodePart[] {
  const parts: CodePart[] = []
  for (const piece of [...paragraph.prefix, ...paragraph.suffix]) if (piece.kind === 'code') parts.push(...piece.parts)
  for (const sentence of paragraph.sentences) for (const code of sentence.codes) if (code.role === 'object') parts.push(...code.parts)
  return parts
}

/**
 * The part with its translated paragraphs rewritten; undefined when nothing in it was translated.
 * Text boxes are written first, deepest first: a paragraph holding one is rewritten from its
 * pieces, so the text box's XML it renders must already hold the English (its code part's
 * `rewritten`); where the holding paragraph keeps its Persian, the text box's edit goes in as it is.
 */
function writePart(part: DocxPart, rowsOf: (unitId: string) => Row[]): string | undefined {
  const { text } = part
  const untextual: DocxParagraph[] = []
  const originals = new Map(part.paragraphs.filter((paragraph) => !paragraph.copy).map((paragraph) => [paragraph.unitId, paragraph]))
  const english = new Map<DocxParagraph, string[]>()
  for (const paragraph of part.paragraphs) {
    if (paragraph.sentences.length === 0) {
      untextual.push(paragraph)
      continue
    }
    // A copy whose text is not its original's is not the same text box: it keeps its Persian.
    if (paragraph.copy && originals.get(paragraph.unitId)?.plain !== paragraph.plain) continue
    const bySentence = new Map(rowsOf(paragraph.unitId).map((row) => [row.segmentId, row]))
    const targets = paragraph.sentences.map((_, k) => bySentence.get(String(k))?.target ?? '')
    if (targets.some((target) => target.trim())) english.set(paragraph, targets)
  }
  if (english.size === 0) return undefined
  const edits: Edit[] = unbindTranslated(part, [...english.keys()])
  const absorbed = new Set<Edit>()
  const deepestFirst = [...english.keys()].sort((a, b) => boxDepth(b.unitId) - boxDepth(a.unitId))
  for (const paragraph of deepestFirst) {
    const targets = english.get(paragraph)!
    const { node, w } = paragraph
    const start = node.at!.openEnd
    const end = node.at!.closeStart
    const inside = edits.filter((edit) => edit.start >= start && edit.end <= end && !absorbed.has(edit))
    if (inside.length > 0) {
      for (const codePart of codeParts(paragraph)) {
        const held = inside.filter((edit) => edit.start >= codePart.start && edit.end <= codePart.end)
        if (held.length === 0) continue
        const shifted = held.map((edit) => ({ ...edit, start: edit.start - codePart.start, end: edit.end - codePart.start }))
        codePart.rewritten = applyEdits(text.slice(codePart.start, codePart.end), shifted)
        held.forEach((edit) => absorbed.add(edit))
      }
    }
    const sentences = paragraph.sentences.map((sentence, k) =>
      targets[k].trim()
        ? renderSentence(targets[k].trim(), sentence.codes, paragraph, true)
        : renderSentence(sentence.text, sentence.codes, paragraph, false)
    )
    const space = runs(' ', englishRunProperties(paragraph.base, w), w)
    const content = [
      englishParagraphProperties(text, paragraph),
      renderPieces(paragraph.prefix, paragraph, true),
      sentences.join(space),
      renderPieces(paragraph.suffix, paragraph, true)
    ].join('')
    edits.push({ start, end, text: content })
  }
  for (const paragraph of untextual) {
    const at = paragraph.node.at!
    if (at.openEnd === at.end) continue
    const pPr = paragraph.pPr
    if (pPr) edits.push({ start: pPr.at!.start, end: pPr.at!.end, text: englishParagraphProperties(text, paragraph) })
    else edits.push({ start: at.openEnd, end: at.openEnd, text: englishParagraphProperties(text, paragraph) })
  }
  // Tables read left to right, and sections lose their right-to-left layout.
  const walk = (node: XmlElement): void => {
    for (const child of childElements(node)) {
      if (child.name === 'p') continue
      if (child.name === 'tblPr') {
        for (const prop of childElements(child, 'bidiVisual')) edits.push({ start: prop.at!.start, end: prop.at!.end, text: '' })
      } else if (child.name === 'sectPr') {
        for (const prop of childElements(child, 'bidi')) edits.push({ start: prop.at!.start, end: prop.at!.end, text: '' })
      } else walk(child)
    }
  }
  walk(part.root)
  return applyEdits(
    text,
    edits.filter((edit) => !absorbed.has(edit))
  )
}

/** The original Word file with the document's English in it; the original itself when no row has English. */
export async function writeOriginalDocx(doc: HamtaDocument, original: Uint8Array): Promise<Uint8Array> {
  const parsed = await parseOriginalDocx(doc.origin.fileName, original)
  const rows = new Map<string, Row[]>()
  for (const row of doc.rows) {
    if (row.fileId === undefined || row.unitId === undefined) continue
    const key = `${row.fileId}\u0000${row.unitId}`
    const list = rows.get(key) ?? []
    list.push(row)
    rows.set(key, list)
  }
  const replacements = new Map<string, Uint8Array>()
  for (const part of parsed.parts) {
    const written = writePart(part, (unitId) => rows.get(`${part.name}\u0000${unitId}`) ?? [])
    if (written === undefined) continue
    // Written as UTF-8: a declaration naming another encoding would now be wrong.
    const out = written.replace(/^(<\?xml[^>]*\bencoding\s*=\s*)(["'])(?!utf-?8\2)[^"']*\2/i, '$1$2UTF-8$2')
    replacements.set(part.name, new TextEncoder().encode(out))
  }
  if (replacements.size === 0) return original
  return rewriteZip(original, replacements)
}

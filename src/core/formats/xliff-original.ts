/**
 * Client XLIFF files in, the same files back.
 *
 * Reading keeps what the file says of each segment (its unit id, file, segment id, notes, target,
 * state, lock and inline codes) so the document's rows map back onto it. Writing re-reads the kept
 * original with element offsets and changes only the spans a row changed: the target content, the
 * state attributes, new notes, the target language. Everything else, unknown extensions included,
 * comes back byte for byte; a file nothing changed in comes back identical.
 *
 * Covered: XLIFF 1.2 (and 1.0/1.1) with `<seg-source>`/`<mrk mtype="seg">` segmentation, Trados
 * `sdlxliff` (status in `<sdl:seg conf>`) and memoQ `mqxliff` (status in `mq:status`), and XLIFF 2.x
 * (one row per `<segment>`).
 *
 * Status mapping (row status → file), the same for reading back:
 *
 * | Hamta        | XLIFF 1.2 state / approved              | XLIFF 2 state | Trados conf         | memoQ mq:status     |
 * |--------------|------------------------------------------|---------------|---------------------|---------------------|
 * | untranslated | (no target)                              | initial       | Unspecified         | NotStarted          |
 * | draft        | needs-review-translation, not approved   | initial       | Draft               | PartiallyEdited     |
 * | translated   | translated, approved="yes"               | translated    | Translated          | ManuallyConfirmed   |
 * | reviewed     | signed-off, approved="yes"               | reviewed      | ApprovedTranslation | Reviewer1Confirmed  |
 * | approved     | final, approved="yes"                    | final         | ApprovedSignOff     | Reviewer2Confirmed  |
 * | rejected     | needs-translation, not approved          | initial       | RejectedTranslation | Rejected            |
 */
import { UserError } from '../errors'
import { DOCUMENT_SCHEMA_VERSION, type Comment, type HamtaDocument, type OriginalFormat, type Row, type RowStatus } from '../model'
import { codeChar, codeIndex, MAX_CODES, withoutCodes, type InlineCode } from './inline-codes'
import { primaryLanguage } from './options'
import { APPROVED, XLIFF12_STATES } from './xliff12'
import { XLIFF2_STATES } from './xliff2'
import { decodeXmlBytes, escapeXmlAttr, escapeXmlText, parseXml, textContent, type XmlElement, type XmlReadOptions } from './xml'

export type XliffDialect = 'xliff' | 'sdlxliff' | 'mqxliff'

/** One segment of the file: what becomes one row. */
export interface OriginalSegment {
  fileIndex: number
  /** `original` of an XLIFF 1.2 file, `id` of an XLIFF 2 file. */
  fileId: string
  unitId: string
  /** `mid` of a `<mrk mtype="seg">`, `id` of an XLIFF 2 segment (or its position); absent for a whole unit. */
  segmentId?: string
  source: string
  target: string
  codes: InlineCode[]
  status: RowStatus
  locked: boolean
  /** Notes of the unit, given with its first segment. */
  notes: Array<{ author: string; text: string }>
  /** For the writer. */
  unit: XmlElement
  sourceNode: XmlElement
  targetNode?: XmlElement
  /** XLIFF 2 `<segment>`. */
  segmentNode?: XmlElement
  /** XLIFF 1.2 `<seg-source>` of a segmented unit. */
  segSource?: XmlElement
  /** Trados `<sdl:seg>` holding the segment's status. */
  sdlSeg?: XmlElement
  /** The source holds no text, only codes or spaces: nothing to translate, no row. */
  empty: boolean
}

export interface OriginalXliff {
  format: Extract<OriginalFormat, 'xliff12' | 'xliff2'>
  dialect: XliffDialect
  /** Declared languages, as written, one per file for XLIFF 1.2. */
  sourceLanguages: string[]
  targetLanguages: string[]
  files: XmlElement[]
  unitCount: number
  segments: OriginalSegment[]
  root: XmlElement
}

const fail = (options: XmlReadOptions, message: string, code = 'wrong-format'): never => {
  throw new UserError(`${options.fileName ? `${options.fileName}: ` : ''}${message}`, code)
}

function children(node: XmlElement, name?: string): XmlElement[] {
  return node.children.filter((child): child is XmlElement => typeof child !== 'string' && (name === undefined || child.name === name))
}

/** XLIFF's own elements: unprefixed, or carrying the root's prefix. Extensions (sdl:, mq:) are not. */
function own(node: XmlElement, rootPrefix: string | undefined): boolean {
  return node.prefix === rootPrefix
}

function qualified(node: XmlElement): string {
  return node.prefix ? `${node.prefix}:${node.name}` : node.name
}

// ---------------------------------------------------------------------------------------------
// Inline content

const PAIRED_12 = new Set(['g', 'mrk'])
const PAIRED_2 = new Set(['pc', 'mrk'])
const OPEN_CODES = new Set(['bx', 'bpt', 'sc', 'sm'])
const CLOSE_CODES = new Set(['ex', 'ept', 'ec', 'em'])

class InlineReader {
  readonly codes: InlineCode[] = []
  private readonly byKey = new Map<string, number>()

  constructor(
    private readonly text: string,
    private readonly version: 1 | 2,
    private readonly options: XmlReadOptions
  ) {}

  private code(key: string, make: () => InlineCode): string {
    let index = this.byKey.get(key)
    if (index === undefined) {
      if (this.codes.length >= MAX_CODES) fail(this.options, `a segment holds more than ${MAX_CODES} inline codes.`, 'too-large')
      index = this.codes.length
      this.codes.push(make())
      this.byKey.set(key, index)
    }
    return codeChar(index)
  }

  private raw(node: XmlElement, from: number, to: number): string {
    return this.text.slice(from, to)
  }

  /** The content of a source or target as text with one private-use character per code. */
  read(node: XmlElement, occurrences = new Map<string, number>()): string {
    let out = ''
    for (const child of node.children) {
      if (typeof child === 'string') {
        // Text that is already a private-use character would read as a code; it is kept as a space.
        out += child.replace(/[\uE000-\uF8FF]/g, ' ')
        continue
      }
      out += this.element(child, occurrences)
    }
    return out
  }

  private element(node: XmlElement, occurrences: Map<string, number>): string {
    const at = node.at!
    const id = node.attributes.id ?? node.attributes.mid ?? node.attributes.startRef ?? ''
    const name = node.name
    // A code repeated with the same id (two `<x id="1"/>`) is two codes.
    const base = `${node.prefix ?? ''}:${name}:${id}`
    const seen = occurrences.get(base) ?? 0
    occurrences.set(base, seen + 1)
    const key = `${base}:${seen}`
    if (this.version === 2 && name === 'cp' && !node.prefix) {
      const value = parseInt(node.attributes.hex ?? '', 16)
      return Number.isFinite(value) && value <= 0x10ffff ? String.fromCodePoint(value) : ''
    }
    const paired = !node.prefix && (this.version === 1 ? PAIRED_12 : PAIRED_2).has(name)
    if (paired && at.openEnd !== at.end) {
      const open = this.code(`${key}:open`, () => ({
        id,
        kind: 'open',
        label: pairLabel(node, 'open'),
        xml: this.raw(node, at.start, at.openEnd),
        ...isolatedPair(node, this.version, 'open')
      }))
      const inner = this.read(node, occurrences)
      const close = this.code(`${key}:close`, () => ({
        id,
        kind: 'close',
        label: pairLabel(node, 'close'),
        xml: this.raw(node, at.closeStart, at.end),
        ...isolatedPair(node, this.version, 'close')
      }))
      return open + inner + close
    }
    return this.code(key, () => ({
      id,
      kind: OPEN_CODES.has(name) ? 'open' : CLOSE_CODES.has(name) ? 'close' : 'standalone',
      label: standaloneLabel(node, this.options),
      xml: this.raw(node, at.start, at.end)
    }))
  }
}

function pairLabel(node: XmlElement, half: 'open' | 'close'): string {
  const a = node.attributes
  const given = half === 'open' ? (a['equiv-text'] ?? a.equivStart ?? a.dispStart) : (a.equivEnd ?? a.dispEnd)
  if (given) return given
  const kind = a.ctype ?? a.type ?? a.mtype ?? node.name
  return half === 'open' ? `<${kind}>` : `</${kind}>`
}

function standaloneLabel(node: XmlElement, options: XmlReadOptions): string {
  const a = node.attributes
  const given = a['equiv-text'] ?? a.equiv ?? a.disp
  if (given) return given
  const native = textContent(node, options).trim()
  if (native) return native.length > 60 ? `${native.slice(0, 59)}…` : native
  return `<${node.name}${a.id ? ` ${a.id}` : ''}/>`
}

/** The isolated forms of a pair's halves, for a translation that reorders or drops one half. */
function isolatedPair(node: XmlElement, version: 1 | 2, half: 'open' | 'close'): { isolated?: string } {
  const id = escapeXmlAttr(node.attributes.id ?? node.attributes.mid ?? '')
  if (!id) return {}
  if (version === 1) {
    if (node.name !== 'g') return {}
    const ctype = node.attributes.ctype ? ` ctype="${escapeXmlAttr(node.attributes.ctype)}"` : ''
    return { isolated: half === 'open' ? `<bx id="${id}"${ctype}/>` : `<ex id="${id}"/>` }
  }
  const [start, end] = node.name === 'pc' ? ['sc', 'ec'] : ['sm', 'em']
  return { isolated: half === 'open' ? `<${start} id="${id}"/>` : `<${end} startRef="${id}"/>` }
}

/** Writes text with codes back as XLIFF content: codes as their XML, pairs broken by the translation in isolated form. */
export function inlineXml(text: string, codes: readonly InlineCode[]): string {
  const tokens: Array<string | number> = []
  for (const char of text) {
    const index = codeIndex(char)
    if (index >= 0 && codes[index]) tokens.push(index)
    else if (index < 0) tokens.push(char)
  }
  // Each code once; a pair whose halves are missing, reversed or crossed with another is broken.
  const used = new Set<number>()
  const kept = tokens.filter((token) => typeof token === 'string' || (!used.has(token) && used.add(token)))
  const broken = new Set<number>()
  const stack: number[] = []
  const partner = (index: number): number =>
    codes.findIndex((code, k) => k !== index && code.id === codes[index].id && code.kind !== codes[index].kind && code.kind !== 'standalone')
  for (const token of kept) {
    if (typeof token === 'string') continue
    const code = codes[token]
    if (!code.isolated && !isPairHalf(code)) continue
    if (code.kind === 'open' && isPairHalf(code)) stack.push(token)
    else if (code.kind === 'close' && isPairHalf(code)) {
      const open = partner(token)
      const at = stack.lastIndexOf(open)
      if (at < 0) broken.add(token)
      else {
        for (const inner of stack.splice(at)) if (inner !== open) broken.add(inner)
      }
    }
  }
  for (const open of stack) broken.add(open)
  for (const index of [...broken]) {
    const other = partner(index)
    if (other >= 0) broken.add(other)
  }
  let out = ''
  let run = ''
  for (const token of kept) {
    if (typeof token === 'string') {
      run += token
      continue
    }
    out += escapeXmlText(run)
    run = ''
    const code = codes[token]
    out += broken.has(token) ? (code.isolated ?? '') : code.xml
  }
  return out + escapeXmlText(run)
}

/** A half of a pair written as an open and a close tag (g, mrk, pc): the halves must nest. */
function isPairHalf(code: InlineCode): boolean {
  return code.kind !== 'standalone' && (code.xml.startsWith('</') || !code.xml.endsWith('/>'))
}

// ---------------------------------------------------------------------------------------------
// Status

const SDL_CONF: Record<string, RowStatus> = {
  Draft: 'draft',
  Translated: 'translated',
  ApprovedTranslation: 'reviewed',
  ApprovedSignOff: 'approved',
  RejectedTranslation: 'rejected',
  RejectedSignOff: 'rejected'
}
export const SDL_CONF_OF: Record<RowStatus, string> = {
  untranslated: 'Unspecified',
  draft: 'Draft',
  translated: 'Translated',
  reviewed: 'ApprovedTranslation',
  approved: 'ApprovedSignOff',
  rejected: 'RejectedTranslation'
}
const MQ_STATUS: Record<string, RowStatus> = {
  PartiallyEdited: 'draft',
  Edited: 'draft',
  Pretranslated: 'draft',
  MachineTranslated: 'draft',
  ManuallyConfirmed: 'translated',
  Confirmed: 'translated',
  Reviewer1Confirmed: 'reviewed',
  Reviewer2Confirmed: 'approved',
  Rejected: 'rejected'
}
export const MQ_STATUS_OF: Record<RowStatus, string> = {
  untranslated: 'NotStarted',
  draft: 'PartiallyEdited',
  translated: 'ManuallyConfirmed',
  reviewed: 'Reviewer1Confirmed',
  approved: 'Reviewer2Confirmed',
  rejected: 'Rejected'
}
function status12(state: string | undefined, approved: string | undefined): RowStatus {
  switch (state) {
    case 'final':
      return 'approved'
    case 'signed-off':
      return 'reviewed'
    case 'translated':
      return 'translated'
    case 'new':
    case 'needs-translation':
    case 'needs-l10n':
    case 'needs-adaptation':
    case 'needs-review-translation':
    case 'needs-review-l10n':
    case 'needs-review-adaptation':
      return approved === 'yes' ? 'translated' : 'draft'
    default:
      return approved === 'yes' ? 'approved' : 'translated'
  }
}

function status2(state: string | undefined, subState: string | undefined): RowStatus {
  const hamta = /^hamta:(.+)$/.exec(subState ?? '')?.[1]
  if (hamta && ['draft', 'translated', 'reviewed', 'approved', 'rejected'].includes(hamta)) return hamta as RowStatus
  return state === 'final' ? 'approved' : state === 'reviewed' ? 'reviewed' : state === 'translated' ? 'translated' : 'draft'
}

// ---------------------------------------------------------------------------------------------
// Reading

const hasText = (text: string): boolean => /[^\s\uE000-\uF8FF]/.test(text)

/** Reads a client XLIFF (1.x or 2.x) keeping what the save-back needs. */
export function parseOriginalXliff(input: string | Uint8Array, options: XmlReadOptions = {}): OriginalXliff {
  const text = typeof input === 'string' ? input : stripBom(decodeXmlBytes(input, options))
  const root = parseXml(text, { ...options, positions: true })
  if (root.name !== 'xliff') fail(options, `this is not an XLIFF file (the root element is <${root.name}>).`)
  const version = String(root.attributes.version ?? '1.2')
  const rootPrefix = root.prefix
  const files = children(root, 'file').filter((file) => own(file, rootPrefix))
  const isSdl = /xmlns:sdl\s*=\s*["']http:\/\/sdl\.com\/FileTypes\/SdlXliff/.test(text.slice(0, root.at!.openEnd))
  const isMq = /xmlns:mq\s*=\s*["']MQXliff["']/.test(text.slice(0, root.at!.openEnd))
  const dialect: XliffDialect = isSdl ? 'sdlxliff' : isMq ? 'mqxliff' : 'xliff'
  const segments: OriginalSegment[] = []
  let unitCount = 0
  if (version.startsWith('2.')) {
    files.forEach((file, fileIndex) => {
      const fileId = file.attributes.id ?? `f${fileIndex + 1}`
      const walk = (node: XmlElement, translate: boolean): void => {
        for (const child of children(node)) {
          if (!own(child, rootPrefix)) continue
          const here = child.attributes.translate ? child.attributes.translate !== 'no' : translate
          if (child.name === 'group') walk(child, here)
          else if (child.name === 'unit') {
            unitCount++
            segments.push(...readUnit2(text, child, fileIndex, fileId, !here, rootPrefix, options))
          }
        }
      }
      walk(file, file.attributes.translate !== 'no')
    })
    return {
      format: 'xliff2',
      dialect,
      sourceLanguages: root.attributes.srcLang ? [root.attributes.srcLang] : [],
      targetLanguages: root.attributes.trgLang ? [root.attributes.trgLang] : [],
      files,
      unitCount,
      segments,
      root
    }
  }
  files.forEach((file, fileIndex) => {
    const fileId = file.attributes.original ?? `f${fileIndex + 1}`
    const walk = (node: XmlElement, translate: boolean): void => {
      for (const child of children(node)) {
        if (!own(child, rootPrefix)) continue
        const here = child.attributes.translate ? child.attributes.translate !== 'no' : translate
        if (child.name === 'body' || child.name === 'group') walk(child, here)
        else if (child.name === 'trans-unit') {
          // po2xliff writes the PO header as a unit of its own; it is not text to translate.
          if (child.attributes.restype === 'x-gettext-domain-header') continue
          unitCount++
          segments.push(...readUnit12(text, child, fileIndex, fileId, !here, rootPrefix, dialect, options))
        }
      }
    }
    walk(file, true)
  })
  return {
    format: 'xliff12',
    dialect,
    sourceLanguages: files.map((file) => file.attributes['source-language'] ?? ''),
    targetLanguages: files.map((file) => file.attributes['target-language'] ?? ''),
    files,
    unitCount,
    segments,
    root
  }
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
}

function notesOf(unit: XmlElement, rootPrefix: string | undefined, options: XmlReadOptions): Array<{ author: string; text: string }> {
  const notes = [...children(unit, 'note'), ...children(unit, 'notes').flatMap((group) => children(group, 'note'))]
  return notes
    .filter((note) => own(note, rootPrefix))
    .map((note) => ({ author: note.attributes.from ?? note.attributes.category ?? '', text: textContent(note, options).trim() }))
    .filter((note) => note.text)
}

/** Segment mrks inside a seg-source or a target, in order (they may sit inside a `g`). */
function segMarks(node: XmlElement): XmlElement[] {
  const found: XmlElement[] = []
  const walk = (current: XmlElement): void => {
    for (const child of children(current)) {
      if (child.name === 'mrk' && !child.prefix && child.attributes.mtype === 'seg') found.push(child)
      else walk(child)
    }
  }
  walk(node)
  return found
}

function readUnit12(
  text: string,
  unit: XmlElement,
  fileIndex: number,
  fileId: string,
  locked: boolean,
  rootPrefix: string | undefined,
  dialect: XliffDialect,
  options: XmlReadOptions
): OriginalSegment[] {
  const source = children(unit, 'source').find((node) => own(node, rootPrefix))
  if (!source) return []
  const target = children(unit, 'target').find((node) => own(node, rootPrefix))
  const segSource = children(unit, 'seg-source').find((node) => own(node, rootPrefix))
  const notes = notesOf(unit, rootPrefix, options)
  const unitId = unit.attributes.id ?? ''
  const sdlSegs = dialect === 'sdlxliff' ? children(unit, 'seg-defs').flatMap((defs) => children(defs, 'seg')) : []
  const mqStatus = dialect === 'mqxliff' ? unit.attributes.status : undefined
  const base = { fileIndex, fileId, unitId, unit, locked }
  const statusOf = (targetText: string, sdlSeg?: XmlElement): RowStatus => {
    if (!hasText(targetText)) return 'untranslated'
    if (sdlSeg?.attributes.conf && SDL_CONF[sdlSeg.attributes.conf]) return SDL_CONF[sdlSeg.attributes.conf]
    if (sdlSeg) return 'draft'
    if (mqStatus && MQ_STATUS[mqStatus]) return MQ_STATUS[mqStatus]
    if (mqStatus === 'NotStarted') return 'draft'
    return status12(target?.attributes.state, unit.attributes.approved)
  }
  const marks = segSource ? segMarks(segSource) : []
  if (marks.length > 0) {
    const targetMarks = target ? segMarks(target) : []
    return marks.map((mark, k) => {
      const mid = mark.attributes.mid ?? String(k)
      const reader = new InlineReader(text, 1, options)
      const sourceText = reader.read(mark)
      const targetMark = targetMarks.find((candidate) => candidate.attributes.mid === mid)
      const targetText = targetMark ? reader.read(targetMark) : ''
      const sdlSeg = sdlSegs.find((seg) => seg.attributes.id === mid)
      return {
        ...base,
        locked: locked || sdlSeg?.attributes.locked === 'true',
        segmentId: mid,
        source: sourceText,
        target: targetText,
        codes: reader.codes,
        status: statusOf(targetText, sdlSeg),
        notes: k === 0 ? notes : [],
        sourceNode: mark,
        targetNode: targetMark,
        segSource,
        sdlSeg,
        empty: !hasText(sourceText)
      }
    })
  }
  const reader = new InlineReader(text, 1, options)
  const sourceText = reader.read(source)
  const targetText = target ? reader.read(target) : ''
  return [
    {
      ...base,
      source: sourceText,
      target: targetText,
      codes: reader.codes,
      status: statusOf(targetText),
      notes,
      sourceNode: source,
      targetNode: target,
      empty: !hasText(sourceText)
    }
  ]
}

function readUnit2(
  text: string,
  unit: XmlElement,
  fileIndex: number,
  fileId: string,
  locked: boolean,
  rootPrefix: string | undefined,
  options: XmlReadOptions
): OriginalSegment[] {
  const notes = notesOf(unit, rootPrefix, options)
  const unitId = unit.attributes.id ?? ''
  const segments = children(unit, 'segment').filter((node) => own(node, rootPrefix))
  // Codes are numbered per unit in XLIFF 2 (ids are unique in the unit), but each row has its own list.
  return segments.flatMap((segment, k): OriginalSegment[] => {
    const source = children(segment, 'source').find((node) => own(node, rootPrefix))
    if (!source) return []
    const target = children(segment, 'target').find((node) => own(node, rootPrefix))
    const reader = new InlineReader(text, 2, options)
    const sourceText = reader.read(source)
    const targetText = target ? reader.read(target) : ''
    return [
      {
        fileIndex,
        fileId,
        unitId,
        segmentId: segment.attributes.id ?? String(k + 1),
        source: sourceText,
        target: targetText,
        codes: reader.codes,
        status: hasText(targetText) ? status2(segment.attributes.state, segment.attributes.subState) : 'untranslated',
        locked,
        notes: k === 0 ? notes : [],
        unit,
        sourceNode: source,
        targetNode: target,
        segmentNode: segment,
        empty: !hasText(sourceText)
      }
    ]
  })
}

// ---------------------------------------------------------------------------------------------
// Languages

const PERSIAN = new Set(['fa', 'per', 'fas', 'pes', 'prs'])

export function isPersian(code: string | undefined): boolean {
  return PERSIAN.has(primaryLanguage(code))
}

/** Share of the texts (with letters) written mostly in Arabic script. */
function persianShare(texts: string[]): number {
  let counted = 0
  let persian = 0
  for (const text of texts) {
    const arabic = text.match(/[\u0600-\u06FF]/g)?.length ?? 0
    const latin = text.match(/[A-Za-z\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF\u3040-\u30FF\u4E00-\u9FFF\uAC00-\uD7AF]/g)?.length ?? 0
    if (arabic + latin === 0) continue
    counted++
    if (arabic > latin) persian++
  }
  return counted === 0 ? 0 : persian / counted
}

/**
 * Refuses a file whose source is not Persian, saying which languages it holds; nothing is
 * imported reversed. The text decides over the declaration: converters such as odf2xliff write
 * `source-language="en"` whatever the document's language is.
 */
export function checkLanguages(parsed: OriginalXliff, fileName: string): void {
  const segments = parsed.segments.filter((segment) => !segment.empty)
  const sourceShare = persianShare(segments.map((segment) => segment.source))
  const declared = [...new Set(parsed.sourceLanguages.filter(Boolean))]
  if (sourceShare >= 0.5) return
  if (declared.length > 0 && declared.every(isPersian) && sourceShare > 0) return
  const targets = [...new Set(parsed.targetLanguages.filter(Boolean))]
  const sources = declared.length > 0 ? declared : ['a language other than Persian']
  const pair = `${sources.join(', ')} → ${targets.join(', ') || 'no target language'}`
  const targetShare = persianShare(segments.map((segment) => segment.target))
  if (targets.some(isPersian) || targetShare >= 0.5) {
    throw new UserError(
      `${fileName} is a translation from ${sources.join(', ')} into Persian (${pair}): its source text is not Persian. Hamta translates from Persian into English; importing it would put the ${sources.join(', ')} text in the Persian column, so it was not imported.`,
      'wrong-direction'
    )
  }
  throw new UserError(
    `${fileName} holds ${pair} and its source text is not Persian. Hamta translates from Persian into English, so it was not imported.`,
    'wrong-language'
  )
}

// ---------------------------------------------------------------------------------------------
// Into a document

/** Comments that came from the file's own notes; they are in the file already and are not written again. */
export const FILE_NOTE_PREFIX = 'file-note-'

export function segmentsToRows(parsed: OriginalXliff, now: string): Row[] {
  const rows: Row[] = []
  let sentence = 0
  for (const segment of parsed.segments) {
    if (segment.empty) continue
    sentence++
    const comments: Comment[] = segment.notes.map((note, k) => ({
      id: `${FILE_NOTE_PREFIX}${sentence}-${k + 1}`,
      author: note.author,
      text: note.text,
      createdAt: '',
      resolved: false
    }))
    const row: Row = {
      id: `r${sentence}`,
      paragraph: rows.length,
      source: [{ id: `s${sentence}`, text: segment.source, spans: [] }],
      target: segment.target,
      status: segment.status,
      tags: [],
      targetSpans: [],
      comments,
      updatedAt: now,
      unitId: segment.unitId,
      fileId: segment.fileId
    }
    if (segment.segmentId !== undefined) row.segmentId = segment.segmentId
    if (segment.codes.length > 0) row.codes = segment.codes
    if (segment.locked) {
      row.locked = true
      row.doNotTranslate = true
    }
    rows.push(row)
  }
  return rows
}

// ---------------------------------------------------------------------------------------------
// Writing back

interface Edit {
  start: number
  end: number
  text: string
  order: number
}

/** Attribute changes on one start tag (undefined removes), with the content that replaces the element's, if any. */
interface ElementChange {
  attributes: Map<string, string | undefined>
  content?: string
}

class Editor {
  private readonly edits: Edit[] = []
  private readonly changes = new Map<XmlElement, ElementChange>()
  private order = 0

  constructor(private readonly text: string) {}

  private change(node: XmlElement): ElementChange {
    let change = this.changes.get(node)
    if (!change) {
      change = { attributes: new Map() }
      this.changes.set(node, change)
    }
    return change
  }

  setAttribute(node: XmlElement, name: string, value: string | undefined): void {
    this.change(node).attributes.set(name, value)
  }

  setContent(node: XmlElement, content: string): void {
    this.change(node).content = content
  }

  insert(at: number, text: string): void {
    this.edits.push({ start: at, end: at, text, order: this.order++ })
  }

  get changed(): boolean {
    return this.edits.length > 0 || this.changes.size > 0
  }

  /** The start tag with the attribute changes applied. */
  startTag(node: XmlElement, attributes: Map<string, string | undefined>): string {
    const at = node.at!
    let tag = this.text.slice(at.start, at.openEnd)
    for (const [name, value] of attributes) {
      const pattern = new RegExp(`(\\s)${name.replace(/[.:-]/g, '\\$&')}\\s*=\\s*("[^"]*"|'[^']*')`)
      if (pattern.test(tag)) {
        tag = value === undefined ? tag.replace(pattern, '') : tag.replace(pattern, `$1${name}="${escapeXmlAttr(value)}"`)
      } else if (value !== undefined) {
        tag = tag.replace(/\s*(\/?>)$/, (end) => ` ${name}="${escapeXmlAttr(value)}"${end.trim()}`)
      }
    }
    return tag
  }

  apply(): string {
    const edits = [...this.edits]
    for (const [node, change] of this.changes) {
      const at = node.at!
      const selfClosing = at.openEnd === at.end && this.text.slice(at.start, at.openEnd).endsWith('/>')
      if (change.content !== undefined && selfClosing) {
        const tag = this.startTag(node, change.attributes).replace(/\s*\/>$/, '>')
        edits.push({ start: at.start, end: at.end, text: `${tag}${change.content}</${qualified(node)}>`, order: this.order++ })
        continue
      }
      if (change.attributes.size > 0)
        edits.push({ start: at.start, end: at.openEnd, text: this.startTag(node, change.attributes), order: this.order++ })
      if (change.content !== undefined) edits.push({ start: at.openEnd, end: at.closeStart, text: change.content, order: this.order++ })
    }
    edits.sort((a, b) => b.start - a.start || b.order - a.order)
    let out = this.text
    let limit = Infinity
    for (const edit of edits) {
      if (edit.end > limit) throw new Error('overlapping edits in the XLIFF writer')
      out = out.slice(0, edit.start) + edit.text + out.slice(edit.end)
      limit = edit.start
    }
    return out
  }
}

/** Whitespace before an element on its line: new siblings are indented like it. */
function indentBefore(text: string, at: number): string {
  let k = at
  while (k > 0 && (text[k - 1] === ' ' || text[k - 1] === '\t')) k--
  return k > 0 && text[k - 1] === '\n' ? `\n${text.slice(k, at)}` : ''
}

function segmentKey(fileId: string | undefined, unitId: string | undefined, segmentId: string | undefined): string {
  return `${fileId ?? ''}\u0000${unitId ?? ''}\u0000${segmentId ?? ''}`
}

const newComments = (row: Row): Comment[] => row.comments.filter((comment) => !comment.id.startsWith(FILE_NOTE_PREFIX))

function rowChanged(row: Row, segment: OriginalSegment): boolean {
  return row.target !== segment.target || row.status !== segment.status
}

/** The least advanced status of a unit's segments: what a unit-level state can say of all of them. */
function unitStatus(statuses: RowStatus[]): RowStatus {
  const order: RowStatus[] = ['untranslated', 'rejected', 'draft', 'translated', 'reviewed', 'approved']
  return statuses.reduce((least, status) => (order.indexOf(status) < order.indexOf(least) ? status : least), 'approved' as RowStatus)
}

export interface SaveBackResult {
  bytes: Uint8Array
  /** Segments whose translation was written. */
  written: number
  /** Rows that matched no segment of the original (they were made in Hamta by splitting). */
  unmatched: number
}

/** The original XLIFF with the document's translations, states and comments in it. */
export function writeOriginalXliff(doc: HamtaDocument, original: Uint8Array, options: XmlReadOptions = {}): SaveBackResult {
  const text = stripBom(decodeXmlBytes(original, options))
  const bom = original[0] === 0xef && original[1] === 0xbb && original[2] === 0xbf
  const parsed = parseOriginalXliff(text, options)
  const rows = new Map<string, Row[]>()
  for (const row of doc.rows) {
    if (row.unitId === undefined) continue
    const key = segmentKey(row.fileId, row.unitId, row.segmentId)
    const list = rows.get(key) ?? []
    list.push(row)
    rows.set(key, list)
  }
  const editor = new Editor(text)
  let written = 0
  let matched = 0
  const xml2 = parsed.format === 'xliff2'
  // Segments grouped by unit: a 1.2 unit has one target and one state for all its segments.
  const units = new Map<XmlElement, Array<{ segment: OriginalSegment; row?: Row }>>()
  for (const segment of parsed.segments) {
    const row = segment.empty ? undefined : rows.get(segmentKey(segment.fileId, segment.unitId, segment.segmentId))?.shift()
    if (row) matched++
    const list = units.get(segment.unit) ?? []
    list.push({ segment, row })
    units.set(segment.unit, list)
  }
  for (const [unit, entries] of units) {
    const comments = entries.flatMap(({ row }) => (row ? newComments(row) : []))
    const changed = entries.filter(({ segment, row }) => row && !segment.locked && rowChanged(row, segment))
    if (changed.length === 0 && comments.length === 0) continue
    written += changed.length
    if (xml2) writeUnit2(text, editor, unit, entries, comments)
    else writeUnit12(text, editor, unit, entries, comments, parsed.dialect)
  }
  if (!editor.changed) return { bytes: original, written: 0, unmatched: doc.rows.length - matched }
  // The translation is English now, whatever target the file named.
  if (xml2) {
    if (primaryLanguage(parsed.root.attributes.trgLang) !== 'en') editor.setAttribute(parsed.root, 'trgLang', 'en')
  } else {
    for (const file of parsed.files) {
      if (primaryLanguage(file.attributes['target-language']) !== 'en') editor.setAttribute(file, 'target-language', 'en')
    }
  }
  let out = editor.apply()
  let bytes: Uint8Array
  if (original[0] === 0xff && original[1] === 0xfe) bytes = concat([0xff, 0xfe], Buffer.from(out, 'utf16le'))
  else if (original[0] === 0xfe && original[1] === 0xff) bytes = concat([0xfe, 0xff], Buffer.from(out, 'utf16le').swap16())
  else {
    // Written as UTF-8: a declaration naming another encoding would now be wrong.
    out = out.replace(/^(<\?xml[^>]*\bencoding\s*=\s*)(["'])(?!utf-?8\2)[^"']*\2/i, '$1$2UTF-8$2')
    const body = new TextEncoder().encode(out)
    bytes = bom ? concat([0xef, 0xbb, 0xbf], body) : body
  }
  return { bytes, written, unmatched: doc.rows.length - matched }
}

function concat(head: number[], body: Uint8Array): Uint8Array {
  const out = new Uint8Array(head.length + body.length)
  out.set(head, 0)
  out.set(body, head.length)
  return out
}

function commentText(comment: Comment): string {
  return comment.text
}

function writeUnit12(
  text: string,
  editor: Editor,
  unit: XmlElement,
  entries: Array<{ segment: OriginalSegment; row?: Row }>,
  comments: Comment[],
  dialect: XliffDialect
): void {
  const first = entries[0].segment
  const target = first.segSource ? findTarget(unit) : first.targetNode
  const current = (entry: { segment: OriginalSegment; row?: Row }) =>
    entry.row && !entry.segment.locked
      ? { text: entry.row.target, status: entry.row.status }
      : { text: entry.segment.target, status: entry.segment.status }
  const statuses = entries.filter((entry) => !entry.segment.empty).map((entry) => current(entry).status)
  const status = unitStatus(statuses.length > 0 ? statuses : ['untranslated'])
  const targetChanged = entries.some(({ segment, row }) => row && !segment.locked && row.target !== segment.target)
  const anyText = entries.some((entry) => current(entry).text.length > 0)
  let targetEnd: number | undefined = target?.at!.end
  if (targetChanged || (target && entries.some(({ segment, row }) => row && row.status !== segment.status))) {
    if (first.segSource) {
      // Each segment's mrk in the target gets its translation; a missing target is built from the seg-source.
      if (target) {
        for (const entry of entries) {
          const { segment, row } = entry
          if (!row || segment.locked || row.target === segment.target) continue
          const mark = segment.targetNode
          if (mark) editor.setContent(mark, inlineXml(row.target, row.codes ?? []))
        }
      } else if (anyText) {
        const segSource = first.segSource
        const at = segSource.at!
        let inner = text.slice(at.openEnd, at.closeStart)
        const marks = entries.map((entry) => entry.segment).filter((segment) => segment.sourceNode.at)
        for (const segment of [...marks].sort((a, b) => b.sourceNode.at!.start - a.sourceNode.at!.start)) {
          const mark = segment.sourceNode.at!
          // A self-closed mrk has no content to replace.
          if (mark.openEnd === mark.end) continue
          const entry = entries.find((candidate) => candidate.segment === segment)!
          const content =
            entry.row && !segment.locked
              ? inlineXml(entry.row.target, entry.row.codes ?? [])
              : segment.empty
                ? text.slice(mark.openEnd, mark.closeStart)
                : ''
          const from = mark.openEnd - at.openEnd
          const to = mark.closeStart - at.openEnd
          inner = inner.slice(0, from) + content + inner.slice(to)
        }
        editor.insert(
          at.end,
          `${indentBefore(text, at.start)}${newTargetTag(dialect, status, firstSource(unit))}${inner}</${qualified(segSource).replace('seg-source', 'target')}>`
        )
        targetEnd = at.end
      }
    } else {
      const entry = entries[0]
      const row = entry.row!
      const content = inlineXml(row.target, row.codes ?? [])
      if (target) {
        if (row.target !== entry.segment.target) editor.setContent(target, content)
      } else if (row.target.length > 0) {
        const source = first.sourceNode
        editor.insert(
          source.at!.end,
          `${indentBefore(text, source.at!.start)}${newTargetTag(dialect, status, source)}${content}</${qualified(source).replace('source', 'target')}>`
        )
        targetEnd = source.at!.end
      }
    }
    if (target) {
      if (dialect === 'xliff') editor.setAttribute(target, 'state', XLIFF12_STATES[status])
      if (target.attributes.lang !== undefined && primaryLanguage(target.attributes.lang) !== 'en') editor.setAttribute(target, 'xml:lang', 'en')
    }
  }
  const statusTouched = entries.some(({ segment, row }) => row && !segment.locked && rowChanged(row, segment))
  if (!statusTouched) {
    // Only comments were added: the states stay as the file had them.
  } else if (dialect === 'xliff') {
    const approved = APPROVED.has(status) && anyText
    if (approved) editor.setAttribute(unit, 'approved', 'yes')
    else if (unit.attributes.approved !== undefined) editor.setAttribute(unit, 'approved', 'no')
  } else if (dialect === 'mqxliff') {
    editor.setAttribute(unit, 'mq:status', MQ_STATUS_OF[status])
  } else {
    for (const { segment, row } of entries) {
      if (row && segment.sdlSeg && !segment.locked && row.status !== segment.status)
        editor.setAttribute(segment.sdlSeg, 'conf', SDL_CONF_OF[row.status])
    }
  }
  // Line breaks and runs of spaces survive only where the unit says so.
  const needsPreserve = entries.some(({ row }) => row && /\n| {2}|\t/.test(row.target))
  if (needsPreserve && unit.attributes.space !== 'preserve') editor.setAttribute(unit, 'xml:space', 'preserve')
  if (comments.length > 0) {
    const notes = children(unit, 'note').filter((note) => !note.prefix)
    const anchor = notes.length > 0 ? notes[notes.length - 1].at!.end : (targetEnd ?? (first.segSource ?? first.sourceNode).at!.end)
    const indentFrom = notes[0]?.at!.start ?? (first.segSource ?? firstSource(unit) ?? first.sourceNode).at!.start
    const indent = indentBefore(text, indentFrom)
    const prefix = first.sourceNode.prefix ? `${first.sourceNode.prefix}:` : ''
    editor.insert(
      anchor,
      comments
        .map(
          (comment) =>
            `${indent}<${prefix}note${comment.author ? ` from="${escapeXmlAttr(`${comment.author} (translator)`)}"` : ' from="translator"'} annotates="general">${escapeXmlText(commentText(comment))}</${prefix}note>`
        )
        .join('')
    )
  }
}

function firstSource(unit: XmlElement): XmlElement | undefined {
  return children(unit, 'source')[0]
}

function findTarget(unit: XmlElement): XmlElement | undefined {
  return children(unit, 'target').find((node) => !node.prefix || node.prefix === firstSource(unit)?.prefix)
}

function newTargetTag(dialect: XliffDialect, status: RowStatus, source: XmlElement | undefined): string {
  const prefix = source?.prefix ? `${source.prefix}:` : ''
  const lang = source?.attributes.lang !== undefined ? ' xml:lang="en"' : ''
  const state = dialect === 'xliff' ? ` state="${XLIFF12_STATES[status]}"` : ''
  return `<${prefix}target${lang}${state}>`
}

function writeUnit2(
  text: string,
  editor: Editor,
  unit: XmlElement,
  entries: Array<{ segment: OriginalSegment; row?: Row }>,
  comments: Comment[]
): void {
  for (const { segment, row } of entries) {
    if (!row || segment.locked || !rowChanged(row, segment)) continue
    const node = segment.segmentNode!
    if (row.target !== segment.target) {
      const content = inlineXml(row.target, row.codes ?? [])
      if (segment.targetNode) editor.setContent(segment.targetNode, content)
      else if (row.target.length > 0) {
        const source = segment.sourceNode
        const prefix = source.prefix ? `${source.prefix}:` : ''
        const space = /\n| {2}|\t/.test(row.target) ? ' xml:space="preserve"' : ''
        editor.insert(source.at!.end, `${indentBefore(text, source.at!.start)}<${prefix}target${space}>${content}</${prefix}target>`)
      }
    }
    editor.setAttribute(node, 'state', row.target.length > 0 ? XLIFF2_STATES[row.status] : 'initial')
    if (node.attributes.subState !== undefined) editor.setAttribute(node, 'subState', undefined)
  }
  if (comments.length === 0) return
  const notes = children(unit, 'notes').find((node) => !node.prefix || node.prefix === unit.prefix)
  const prefix = unit.prefix ? `${unit.prefix}:` : ''
  const lines = comments.map(
    (comment) =>
      `<${prefix}note category="comment">${escapeXmlText(comment.author ? `${comment.author}: ${commentText(comment)}` : commentText(comment))}</${prefix}note>`
  )
  if (notes) {
    const last = children(notes, 'note').pop()
    const indent = last ? indentBefore(text, last.at!.start) : ''
    editor.insert(last ? last.at!.end : notes.at!.closeStart, lines.map((line) => `${indent}${line}`).join(''))
    return
  }
  const before = children(unit).find(
    (child) => (child.name === 'originalData' || child.name === 'segment' || child.name === 'ignorable') && child.prefix === unit.prefix
  )
  if (!before) return
  const indent = indentBefore(text, before.at!.start)
  const inner = indent ? `${indent}  ` : ''
  editor.insert(before.at!.start, `<${prefix}notes>${lines.map((line) => `${inner}${line}`).join('')}${indent}</${prefix}notes>${indent}`)
}

/** A new document from a parsed client XLIFF: one row per segment with text, the file kept by reference. */
export function originalXliffToDocument(
  parsed: OriginalXliff,
  options: { id: string; now: string; fileName: string; original: { path: string; sha256: string } }
): HamtaDocument {
  const rows = segmentsToRows(parsed, options.now)
  const originalText = rows.map((row) => row.source.map((sentence) => withoutCodes(sentence.text)).join(' ')).join('\n')
  return {
    schemaVersion: DOCUMENT_SCHEMA_VERSION,
    id: options.id,
    title: options.fileName,
    sourceLang: 'fa',
    targetLang: 'en',
    createdAt: options.now,
    updatedAt: options.now,
    origin: {
      fileName: options.fileName,
      encoding: 'UTF-8',
      importedAt: options.now,
      original: { format: parsed.format, path: options.original.path, sha256: options.original.sha256 }
    },
    originalText,
    rows
  }
}

/** Hamta's own XLIFF exports carry their extras (tags, sentence boundaries) and re-import as such, not as a client file. */
export function isHamtaXliff(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 64 * 1024)).toString('latin1')
  return /tool-id="hamta"/.test(head) || /subState="hamta:/.test(head) || /<mda:metaGroup category="hamta"/.test(head)
}

/** What an `.xml` file is, by its root element: XLIFF, TMX or neither. */
export function sniffInterchange(bytes: Uint8Array): 'xliff' | 'tmx' | undefined {
  let head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 4096)).toString(
    bytes[0] === 0xff || bytes[0] === 0xfe ? 'utf16le' : 'utf8'
  )
  // Past the declaration, comments and a DOCTYPE, the first element is the root.
  head = head.replace(/^\uFEFF/, '').replace(/<\?[^>]*\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>]*>/g, '')
  const root = /<([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)/.exec(head)?.[2]
  return root === 'xliff' ? 'xliff' : root === 'tmx' ? 'tmx' : undefined
}

/** The language check for a TMX or Hamta XLIFF read as a bilingual document. */
export function checkBilingualLanguages(
  doc: { sourceLang: string; targetLang: string; units: Array<{ source: string[]; target: string[] }> },
  fileName: string
): void {
  const sources = doc.units.map((unit) => unit.source.join(' '))
  if (persianShare(sources) >= 0.5 || (isPersian(doc.sourceLang) && persianShare(sources) > 0)) return
  const pair = `${doc.sourceLang || 'an undeclared language'} → ${doc.targetLang || 'no target language'}`
  if (persianShare(doc.units.map((unit) => unit.target.join(' '))) >= 0.5 || isPersian(doc.targetLang)) {
    throw new UserError(
      `${fileName} is a translation into Persian (${pair}): its source text is not Persian. Hamta translates from Persian into English, so it was not imported.`,
      'wrong-direction'
    )
  }
  throw new UserError(
    `${fileName} holds ${pair} and its source text is not Persian. Hamta translates from Persian into English, so it was not imported.`,
    'wrong-language'
  )
}

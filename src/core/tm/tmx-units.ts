/**
 * TMX read as a stream of translation units, for memories of any size (1.4 from OmegaT, memoQ,
 * Trados and Hamta; 1.1 `lang` too). The bytes may be UTF-8, UTF-16 (either order, with or
 * without a byte-order mark) or another encoding the XML declaration names.
 *
 * Only the text of a segment is kept: inline codes (`bpt`, `ept`, `ph`, `it`, `ut` and their
 * `sub`s) are the original file's formatting, not words to match; `hi` text is kept. The parser
 * (saxes) never reads external entities and refuses entities a DOCTYPE declares, so a hostile
 * file cannot expand or reach outside itself; oversized segments are skipped, not kept.
 */
import { SaxesParser } from 'saxes'
import { UserError } from '../errors'

export interface TmxUnit {
  source: string
  target: string
  sourceLang: string
  targetLang: string
  /** Who made or last changed the translation (changeid, else creationid). */
  author?: string
  /** When (ISO 8601), from changedate, else creationdate. */
  date?: string
  /** Source text of the previous and next sentence, where the tool kept them (context). */
  prev?: string
  next?: string
  note?: string
}

export interface TmxReadOptions {
  fileName?: string
  /** Preferred languages: the `tuv`s in these languages are taken when present. */
  sourceLang?: string
  targetLang?: string
  /** Called with the number of bytes read so far. */
  onBytes?: (bytes: number) => void
}

/** Longest segment kept, in characters; a longer one is not a sentence. */
const MAX_SEGMENT = 100_000
/** Most variants looked at in one unit. */
const MAX_VARIANTS = 64

/** The part of TextDecoder used here (its type is not global in the Node typings). */
interface Decoder {
  decode(input?: Uint8Array, options?: { stream?: boolean }): string
}

const CODE_ELEMENTS = new Set(['bpt', 'ept', 'ph', 'it', 'ut'])

const primaryCache = new Map<string, string>()

export function primaryLanguage(code: string | undefined): string {
  const value = code ?? ''
  let primary = primaryCache.get(value)
  if (primary === undefined) {
    primary = value.trim().split(/[-_]/)[0].toLowerCase()
    // Files hold a handful of language codes; the cache stays small unless a file is hostile.
    if (primaryCache.size < 1000) primaryCache.set(value, primary)
  }
  return primary
}

/** TMX `YYYYMMDDThhmmssZ` → ISO 8601; anything else is returned as it is. */
export function isoFromTmxDate(value: string | undefined): string | undefined {
  if (!value) return undefined
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value.trim())
  if (!match) return value.trim() || undefined
  return `${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:${match[6]}Z`
}

/** Which decoder the first bytes call for. */
export function sniffEncoding(head: Uint8Array): { encoding: string; skip: number } {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', skip: 3 }
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', skip: 2 }
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', skip: 2 }
  if (head[0] === 0x3c && head[1] === 0x00) return { encoding: 'utf-16le', skip: 0 }
  if (head[0] === 0x00 && head[1] === 0x3c) return { encoding: 'utf-16be', skip: 0 }
  let start = ''
  for (let i = 0; i < Math.min(head.length, 200); i++) start += String.fromCharCode(head[i])
  const declared = /^<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(start)?.[1]?.toLowerCase()
  if (!declared || declared === 'utf-8' || declared === 'utf8' || declared.startsWith('utf-16')) return { encoding: 'utf-8', skip: 0 }
  return { encoding: declared, skip: 0 }
}

interface Variant {
  lang: string
  text: string
  author?: string
  date?: string
}

interface UnitState {
  variants: Variant[]
  props: Map<string, string>
  note?: string
  author?: string
  date?: string
  tooLong: boolean
}

/**
 * Reads TMX units from a stream of byte chunks. `skipped` counts units left out (no text on one
 * side, or a segment too long); `header` holds the header's attributes once read.
 */
export class TmxUnitReader {
  skipped = 0
  header: Record<string, string> = {}
  private readonly queue: TmxUnit[] = []

  constructor(private readonly options: TmxReadOptions = {}) {}

  private fail(message: string): never {
    throw new UserError(`${this.options.fileName ? `${this.options.fileName}: ` : ''}${message}`, 'invalid-tmx')
  }

  async *units(chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): AsyncGenerator<TmxUnit> {
    const parser = new SaxesParser({ xmlns: false })
    const preferredSource = primaryLanguage(this.options.sourceLang ?? 'fa')
    const preferredTarget = primaryLanguage(this.options.targetLang ?? 'en')
    let sawRoot = false
    let inBody = false
    let unit: UnitState | null = null
    let variant: Variant | null = null
    let segDepth = 0 // > 0 inside <seg>
    let codeDepth = 0 // > 0 inside an inline code
    let propType: string | null = null
    let propText = ''
    let noteText: string | null = null
    let segText = ''

    parser.on('opentag', (tag) => {
      const name = tag.name
      const attributes = tag.attributes as Record<string, string>
      if (!sawRoot) {
        sawRoot = true
        if (name !== 'tmx') this.fail(`this is not a TMX file (its root element is <${name}>).`)
        return
      }
      if (segDepth > 0) {
        if (CODE_ELEMENTS.has(name) || codeDepth > 0) codeDepth++
        segDepth++
        return
      }
      switch (name) {
        case 'header':
          this.header = { ...attributes }
          break
        case 'body':
          inBody = true
          break
        case 'tu':
          if (!inBody) break
          unit = {
            variants: [],
            props: new Map(),
            author: attributes.changeid || attributes.creationid || undefined,
            date: isoFromTmxDate(attributes.changedate || attributes.creationdate),
            tooLong: false
          }
          break
        case 'tuv':
          if (!unit) break
          variant = {
            lang: attributes['xml:lang'] ?? attributes.lang ?? '',
            text: '',
            author: attributes.changeid || attributes.creationid || undefined,
            date: isoFromTmxDate(attributes.changedate || attributes.creationdate)
          }
          break
        case 'seg':
          if (!variant) break
          segDepth = 1
          codeDepth = 0
          segText = ''
          break
        case 'prop':
          if (unit && !variant) {
            propType = attributes.type ?? ''
            propText = ''
          }
          break
        case 'note':
          if (unit && !variant && unit.note === undefined) noteText = ''
          break
      }
    })

    parser.on('text', (text) => {
      if (segDepth > 0) {
        if (codeDepth === 0 && segText.length <= MAX_SEGMENT) segText += text
      } else if (propType !== null) {
        if (propText.length <= MAX_SEGMENT) propText += text
      } else if (noteText !== null) {
        if (noteText.length <= MAX_SEGMENT) noteText += text
      }
    })
    parser.on('cdata', (text) => {
      if (segDepth > 0 && codeDepth === 0 && segText.length <= MAX_SEGMENT) segText += text
    })

    parser.on('closetag', (tag) => {
      const name = tag.name
      if (segDepth > 0) {
        segDepth--
        if (segDepth === 0) {
          if (variant) {
            if (segText.length > MAX_SEGMENT) unit!.tooLong = true
            else variant.text = segText
          }
          segText = ''
        } else if (codeDepth > 0) codeDepth--
        return
      }
      switch (name) {
        case 'body':
          inBody = false
          break
        case 'tuv':
          if (unit && variant && unit.variants.length < MAX_VARIANTS) unit.variants.push(variant)
          variant = null
          break
        case 'prop':
          if (unit && propType !== null) unit.props.set(propType, propText)
          propType = null
          break
        case 'note':
          if (unit && noteText !== null) unit.note = noteText
          noteText = null
          break
        case 'tu':
          if (unit) this.finishUnit(unit, preferredSource, preferredTarget)
          unit = null
          break
      }
    })

    const feed = (text: string): void => {
      try {
        parser.write(text)
      } catch (error) {
        if (error instanceof UserError) throw error
        this.fail(`the TMX is not well-formed XML (${(error as Error).message.replace(/\s+/g, ' ')}).`)
      }
    }

    let decoder: Decoder | null = null
    let head: Uint8Array = new Uint8Array(0)
    let bytes = 0
    for await (const chunk of chunks) {
      bytes += chunk.length
      let piece = chunk
      if (!decoder) {
        // Enough bytes to see a byte-order mark and the XML declaration.
        const joined = new Uint8Array(head.length + chunk.length)
        joined.set(head)
        joined.set(chunk, head.length)
        if (joined.length < 200) {
          head = joined
          continue
        }
        const { encoding, skip } = sniffEncoding(joined)
        decoder = this.decoderFor(encoding)
        piece = joined.subarray(skip)
      }
      feed(decoder.decode(piece, { stream: true }))
      this.options.onBytes?.(bytes)
      while (this.queue.length > 0) yield this.queue.shift()!
    }
    if (!decoder) {
      const { encoding, skip } = sniffEncoding(head)
      decoder = this.decoderFor(encoding)
      feed(decoder.decode(head.subarray(skip), { stream: true }))
    }
    feed(decoder.decode())
    if (!sawRoot) this.fail('the file is empty or not XML.')
    try {
      parser.close()
    } catch (error) {
      this.fail(`the TMX is not well-formed XML (${(error as Error).message.replace(/\s+/g, ' ')}).`)
    }
    this.options.onBytes?.(bytes)
    while (this.queue.length > 0) yield this.queue.shift()!
  }

  private decoderFor(encoding: string): Decoder {
    try {
      return new TextDecoder(encoding)
    } catch {
      this.fail(`the file is in an encoding Hamta cannot read (${encoding}).`)
    }
  }

  private finishUnit(unit: UnitState, preferredSource: string, preferredTarget: string): void {
    const variants = unit.variants.filter((candidate) => candidate.text.trim().length > 0)
    if (unit.tooLong || variants.length < 2) {
      this.skipped++
      return
    }
    const byLanguage = (code: string, among: Variant[]) => among.find((candidate) => primaryLanguage(candidate.lang) === code)
    const headerSource = this.header.srclang && this.header.srclang !== '*all*' ? primaryLanguage(this.header.srclang) : ''
    const source = byLanguage(preferredSource, variants) ?? (headerSource ? byLanguage(headerSource, variants) : undefined) ?? variants[0]
    // A variant in the source's own language (en-GB beside en-US) is no translation of it.
    const others = variants.filter((candidate) => candidate !== source)
    const otherLanguages = others.filter((candidate) => primaryLanguage(candidate.lang) !== primaryLanguage(source.lang))
    const pool = otherLanguages.length > 0 ? otherLanguages : others
    const target = byLanguage(preferredTarget, pool) ?? pool[0]
    const record: TmxUnit = {
      source: source.text,
      target: target.text,
      sourceLang: source.lang,
      targetLang: target.lang
    }
    const author = target.author ?? unit.author ?? source.author
    const date = target.date ?? unit.date ?? source.date
    if (author) record.author = author
    if (date) record.date = date
    const prev = unit.props.get('x-context-prev') ?? unit.props.get('prev')
    const next = unit.props.get('x-context-next') ?? unit.props.get('next')
    if (prev !== undefined) record.prev = prev
    if (next !== undefined) record.next = next
    if (unit.note) record.note = unit.note
    this.queue.push(record)
  }
}

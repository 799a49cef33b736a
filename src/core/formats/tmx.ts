/**
 * TMX 1.4b: one `tu` per unit, the Persian `tuv` first (translate-toolkit takes the first `tuv`
 * as the source whatever the header says), the English `tuv` only when there is a translation.
 * Status, confidence, alignment, paragraph and tag names are `prop type="x-…"`; comments are
 * `note`s; sentence boundaries, tag spans and comment authors ride in one `x-hamta-detail` prop.
 * TMX has no direction attribute: text is in logical order and `xml:lang` says the rest.
 */
import { APP_NAME, APP_VERSION } from '../../shared/version'
import { sideText, type BilingualDocument, type BilingualUnit } from './bilingual'
import {
  isAlignmentStatus,
  isUnitStatus,
  mergeComments,
  mergeTags,
  parseConfidence,
  parseParagraph,
  parseUnitDetail,
  primaryLanguage,
  progressReporter,
  selectUnits,
  sentencesOf,
  unitDetail,
  type ExportOptions
} from './options'
import { attrs, childElements, element, firstChild, inlineText, parseXml, textContent, type XmlElement, type XmlReadOptions } from './xml'
import { UserError } from '../errors'

/** TMX dates are `YYYYMMDDThhmmssZ`. */
export function tmxDate(iso: string): string | undefined {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return undefined
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')
}

function prop(type: string, value: string): string {
  return element('prop', { type }, value)
}

function writeUnit(unit: BilingualUnit, doc: BilingualDocument): string {
  const lines: string[] = [`    <tu${attrs({ tuid: unit.id })}>`]
  lines.push(`      ${prop('x-status', unit.status)}`)
  if (unit.confidence !== undefined) lines.push(`      ${prop('x-confidence', String(unit.confidence))}`)
  if (unit.alignment) lines.push(`      ${prop('x-alignment', unit.alignment)}`)
  if (unit.paragraph !== undefined) lines.push(`      ${prop('x-paragraph', String(unit.paragraph))}`)
  for (const tag of unit.tags) lines.push(`      ${prop('x-tag', tag.name)}`)
  const detail = unitDetail(unit)
  if (detail) lines.push(`      ${prop('x-hamta-detail', JSON.stringify(detail))}`)
  for (const comment of unit.comments) lines.push(`      ${element('note', {}, comment.text)}`)
  lines.push(`      <tuv${attrs({ 'xml:lang': doc.sourceLang })}>${element('seg', {}, sideText(unit.source))}</tuv>`)
  const target = sideText(unit.target)
  if (target.trim()) lines.push(`      <tuv${attrs({ 'xml:lang': doc.targetLang })}>${element('seg', {}, target)}</tuv>`)
  lines.push('    </tu>')
  return lines.join('\n')
}

export function writeTmx(doc: BilingualDocument, options: ExportOptions = {}): string {
  const units = selectUnits(doc, options)
  const report = progressReporter(options, units.length)
  const header = [
    `  <header${attrs({
      creationtool: APP_NAME,
      creationtoolversion: APP_VERSION,
      segtype: 'sentence',
      'o-tmf': APP_NAME,
      adminlang: 'en',
      srclang: doc.sourceLang,
      datatype: 'plaintext',
      creationdate: tmxDate(options.now ?? new Date().toISOString())
    })}>`,
    `    ${prop('x-title', doc.title)}`,
    ...(doc.id ? [`    ${prop('x-document-id', doc.id)}`] : []),
    ...(doc.createdAt ? [`    ${prop('x-created', doc.createdAt)}`] : []),
    '  </header>'
  ]
  const body = units.map((unit, index) => {
    const xml = writeUnit(unit, doc)
    report(index + 1)
    return xml
  })
  return ['<?xml version="1.0" encoding="UTF-8"?>', '<tmx version="1.4">', ...header, '  <body>', ...body, '  </body>', '</tmx>', ''].join('\n')
}

// ---------------------------------------------------------------------------------------------
// Reading

function props(node: XmlElement, options: XmlReadOptions): Array<[string, string]> {
  return childElements(node, 'prop').map((child) => [child.attributes.type ?? '', textContent(child, options)])
}

function propValue(list: Array<[string, string]>, type: string): string | undefined {
  return list.find(([name]) => name === type)?.[1]
}

function tuvLanguage(tuv: XmlElement): string {
  // `xml:lang` in TMX 1.4, `lang` in 1.1; both arrive as `lang` once prefixes are removed.
  return tuv.attributes.lang ?? ''
}

/** Picks the source and target `tuv`: Persian first if present, else the header's srclang, else the first. */
function pickVariants(tuvs: XmlElement[], headerSource: string): { source?: XmlElement; target?: XmlElement } {
  const byLanguage = (code: string) => tuvs.find((tuv) => primaryLanguage(tuvLanguage(tuv)) === code)
  const source = byLanguage('fa') ?? (headerSource && headerSource !== '*all*' ? byLanguage(primaryLanguage(headerSource)) : undefined) ?? tuvs[0]
  const others = tuvs.filter((tuv) => tuv !== source)
  const target = others.find((tuv) => primaryLanguage(tuvLanguage(tuv)) === 'en') ?? others[0]
  return { source, target }
}

function segText(tuv: XmlElement | undefined, options: XmlReadOptions): string {
  const seg = tuv ? firstChild(tuv, 'seg') : undefined
  return seg ? inlineText(seg, options) : ''
}

/** Reads a TMX file (Hamta's own or another tool's) as a bilingual document, one unit per `tu`. */
export function readTmx(input: string | Uint8Array, options: XmlReadOptions = {}): BilingualDocument {
  const root = parseXml(input, options)
  return tmxToBilingual(root, options)
}

/** `news-2024.omegat.tmx` → `news-2024.omegat`: the name without folders and its extension. */
function titleFromFileName(fileName: string | undefined): string {
  const name = (fileName ?? '').split(/[\\/]/).pop() ?? ''
  return name.replace(/\.(tmx|xml)$/i, '').trim()
}

export function tmxToBilingual(root: XmlElement, options: XmlReadOptions = {}): BilingualDocument {
  if (root.name !== 'tmx')
    throw new UserError(
      `${options.fileName ? `${options.fileName}: ` : ''}this is not a TMX file (its root element is <${root.name}>).`,
      'wrong-format'
    )
  const header = firstChild(root, 'header')
  const headerProps = header ? props(header, options) : []
  const headerSource = header?.attributes.srclang ?? ''
  const body = firstChild(root, 'body')
  const units: BilingualUnit[] = []
  let sourceLang = ''
  let targetLang = ''
  for (const [index, tu] of (body ? childElements(body, 'tu') : []).entries()) {
    const { source, target } = pickVariants(childElements(tu, 'tuv'), headerSource)
    if (source && !sourceLang) sourceLang = primaryLanguage(tuvLanguage(source))
    if (target && !targetLang) targetLang = primaryLanguage(tuvLanguage(target))
    const list = props(tu, options)
    const detail = parseUnitDetail(propValue(list, 'x-hamta-detail'))
    const targetSentences = sentencesOf(segText(target, options), detail.target)
    const status = propValue(list, 'x-status')
    const alignment = propValue(list, 'x-alignment')
    const confidence = parseConfidence(propValue(list, 'x-confidence'))
    const paragraph = parseParagraph(propValue(list, 'x-paragraph'))
    const unit: BilingualUnit = {
      id: tu.attributes.tuid || `tu${index + 1}`,
      source: sentencesOf(segText(source, options), detail.source),
      target: targetSentences,
      // A TM entry from another tool has no status: a translation there is a finished one.
      status: isUnitStatus(status) ? status : targetSentences.length > 0 ? 'translated' : 'untranslated',
      tags: mergeTags(
        list.filter(([type]) => type === 'x-tag').map(([, value]) => value),
        detail.tags
      ),
      comments: mergeComments(
        [...childElements(tu, 'note'), ...(source ? childElements(source, 'note') : []), ...(target ? childElements(target, 'note') : [])].map(
          (note) => ({
            text: textContent(note, options)
          })
        ),
        detail.comments
      )
    }
    if (confidence !== undefined) unit.confidence = confidence
    if (isAlignmentStatus(alignment)) unit.alignment = alignment
    if (paragraph !== undefined) unit.paragraph = paragraph
    units.push(unit)
  }
  const doc: BilingualDocument = {
    // Another tool's memory has no title of its own; its first unit is just any sentence, the file's name says what it is.
    title:
      propValue(headerProps, 'x-title') ?? (titleFromFileName(options.fileName) || units.find((unit) => unit.source.length > 0)?.source[0]) ?? '',
    sourceLang: sourceLang || primaryLanguage(headerSource) || 'fa',
    targetLang: targetLang || 'en',
    units
  }
  const id = propValue(headerProps, 'x-document-id')
  const createdAt = propValue(headerProps, 'x-created')
  if (id) doc.id = id
  if (createdAt) doc.createdAt = createdAt
  return doc
}

/**
 * XLIFF 1.2, valid against the strict schema: one `trans-unit` per unit, states mapped to XLIFF's
 * own, `approved="yes"` on approved units, comments as `note from="author"`. The strict schema
 * refuses attributes of our own on `trans-unit`, so Hamta's data (exact status, confidence,
 * alignment, paragraph, tag names and the detail record) goes in a `context-group` with `x-`
 * context types, which the schema allows and other tools ignore or show as context.
 */
import { UserError } from '../errors'
import { sideText, type BilingualDocument, type BilingualUnit, type UnitStatus } from './bilingual'
import {
  applyUnitExtras,
  hasTarget,
  isUnitStatus,
  mergeComments,
  mergeTags,
  parseUnitDetail,
  primaryLanguage,
  progressReporter,
  selectUnits,
  sentencesOf,
  unitDetail,
  type ExportOptions
} from './options'
import { APP_NAME, APP_VERSION } from '../../shared/version'
import {
  attrs,
  childElements,
  descendants,
  element,
  firstChild,
  inlineText,
  parseXml,
  textContent,
  type XmlElement,
  type XmlReadOptions
} from './xml'

export const XLIFF12_NAMESPACE = 'urn:oasis:names:tc:xliff:document:1.2'

/** Hamta status → XLIFF 1.2 target state. */
export const XLIFF12_STATES: Record<UnitStatus, string> = {
  untranslated: 'needs-translation',
  draft: 'needs-review-translation',
  translated: 'translated',
  reviewed: 'signed-off',
  approved: 'final',
  rejected: 'needs-translation'
}

/** Statuses written with approved="yes": what PO-based tools (translate-toolkit, Pootle) read as finished, not fuzzy. */
export const APPROVED: ReadonlySet<UnitStatus> = new Set(['translated', 'reviewed', 'approved'])

/** XLIFF 1.2 state (from any tool) → Hamta status, for files without Hamta's own status; the state says more than approved. */
export function statusFromXliff12(state: string | undefined, approved: boolean, translated: boolean): UnitStatus {
  if (!translated) return 'untranslated'
  if (state === 'final') return 'approved'
  if (state === 'signed-off') return 'reviewed'
  if (state === 'translated') return 'translated'
  if (state === undefined) return approved ? 'approved' : 'translated'
  return 'draft'
}

/** Line breaks, tabs and runs of spaces are kept only in a unit that says xml:space="preserve". */
function needsPreserve(unit: BilingualUnit): boolean {
  return [...unit.source, ...unit.target].some((text) => /\n|\t| {2}/.test(text))
}

/** A note's `from`: translate-toolkit keeps notes whose from contains "translator" (or "developer"), so the author goes with it. */
export function noteFrom(author: string): string {
  return author.trim() ? `${author.trim()} (translator)` : 'translator'
}

/** The author back from a note's `from`. */
export function authorFromNote(from: string | undefined): string {
  if (!from || from === 'translator') return ''
  return from.replace(/ \(translator\)$/, '')
}

function context(type: string, value: string): string {
  return element('context', { 'context-type': type }, value)
}

function uniqueIds(units: BilingualUnit[]): string[] {
  const seen = new Set<string>()
  return units.map((unit, index) => {
    let id = unit.id.trim() || `u${index + 1}`
    while (seen.has(id)) id = `${id}-${index + 1}`
    seen.add(id)
    return id
  })
}

function writeUnit(unit: BilingualUnit, id: string, doc: BilingualDocument): string {
  const translated = hasTarget(unit)
  const lines = [
    `      <trans-unit${attrs({ id, approved: APPROVED.has(unit.status) && translated ? 'yes' : undefined, 'xml:space': needsPreserve(unit) ? 'preserve' : undefined })}>`
  ]
  lines.push(`        ${element('source', { 'xml:lang': doc.sourceLang }, sideText(unit.source))}`)
  if (translated)
    lines.push(`        ${element('target', { 'xml:lang': doc.targetLang, state: XLIFF12_STATES[unit.status] }, sideText(unit.target))}`)
  // No `name`: group names must be unique in the file, and the x-hamta- context types identify it.
  lines.push('        <context-group purpose="information">')
  lines.push(`          ${context('x-hamta-status', unit.status)}`)
  if (unit.confidence !== undefined) lines.push(`          ${context('x-hamta-confidence', String(unit.confidence))}`)
  if (unit.alignment) lines.push(`          ${context('x-hamta-alignment', unit.alignment)}`)
  if (unit.paragraph !== undefined) lines.push(`          ${context('x-hamta-paragraph', String(unit.paragraph))}`)
  for (const tag of unit.tags) lines.push(`          ${context('x-hamta-tag', tag.name)}`)
  const detail = unitDetail(unit)
  if (detail) lines.push(`          ${context('x-hamta-detail', JSON.stringify(detail))}`)
  lines.push('        </context-group>')
  for (const comment of unit.comments) {
    lines.push(`        ${element('note', { from: noteFrom(comment.author), annotates: 'general' }, comment.text)}`)
  }
  lines.push('      </trans-unit>')
  return lines.join('\n')
}

/** `xsd:dateTime` without fractions. */
function dateTime(iso: string | undefined): string | undefined {
  const date = new Date(iso ?? '')
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString().replace(/\.\d+Z$/, 'Z')
}

export function writeXliff12(doc: BilingualDocument, options: ExportOptions = {}): string {
  const units = selectUnits(doc, options)
  const ids = uniqueIds(units)
  const report = progressReporter(options, units.length)
  const body = units.map((unit, index) => {
    const xml = writeUnit(unit, ids[index], doc)
    report(index + 1)
    return xml
  })
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<xliff version="1.2" xmlns="${XLIFF12_NAMESPACE}">`,
    `  <file${attrs({
      // `original` names what was translated; Hamta's documents are known by their title.
      original: doc.title || doc.id || 'document',
      'source-language': doc.sourceLang,
      'target-language': doc.targetLang,
      datatype: 'plaintext',
      date: dateTime(options.now ?? new Date().toISOString()),
      'tool-id': 'hamta'
    })}>`,
    '    <header>',
    `      <tool${attrs({ 'tool-id': 'hamta', 'tool-name': APP_NAME, 'tool-version': APP_VERSION })}/>`,
    '    </header>',
    '    <body>',
    ...body,
    '    </body>',
    '  </file>',
    '</xliff>',
    ''
  ].join('\n')
}

// ---------------------------------------------------------------------------------------------
// Reading

function contexts(unit: XmlElement, options: XmlReadOptions): Array<[string, string]> {
  return childElements(unit, 'context-group').flatMap((group) =>
    childElements(group, 'context').map((child): [string, string] => [child.attributes['context-type'] ?? '', textContent(child, options)])
  )
}

function readUnit(node: XmlElement, index: number, options: XmlReadOptions): BilingualUnit {
  const source = firstChild(node, 'source')
  const target = firstChild(node, 'target')
  const list = contexts(node, options)
  const value = (type: string) => list.find(([name]) => name === type)?.[1]
  const detail = parseUnitDetail(value('x-hamta-detail'))
  const targetSentences = sentencesOf(target ? inlineText(target, options) : '', detail.target)
  const hamtaStatus = value('x-hamta-status')
  const status = isUnitStatus(hamtaStatus)
    ? hamtaStatus
    : statusFromXliff12(target?.attributes.state, node.attributes.approved === 'yes', targetSentences.length > 0)
  const unit: BilingualUnit = {
    id: node.attributes.id || `u${index + 1}`,
    source: sentencesOf(source ? inlineText(source, options) : '', detail.source),
    target: targetSentences,
    status,
    tags: mergeTags(
      list.filter(([type]) => type === 'x-hamta-tag').map(([, name]) => name),
      detail.tags
    ),
    comments: mergeComments(
      childElements(node, 'note').map((note) => ({ text: textContent(note, options), author: authorFromNote(note.attributes.from) })),
      detail.comments
    )
  }
  return applyUnitExtras(unit, {
    confidence: value('x-hamta-confidence'),
    alignment: value('x-hamta-alignment'),
    paragraph: value('x-hamta-paragraph')
  })
}

/** Reads an XLIFF 1.x file (every `file` in it) as one bilingual document, a unit per `trans-unit`. */
export function readXliff12(input: string | Uint8Array, options: XmlReadOptions = {}): BilingualDocument {
  return xliff12ToBilingual(parseXml(input, options), options)
}

export function xliff12ToBilingual(root: XmlElement, options: XmlReadOptions = {}): BilingualDocument {
  if (root.name !== 'xliff' || !String(root.attributes.version ?? '1.2').startsWith('1.')) {
    throw new UserError(`${options.fileName ? `${options.fileName}: ` : ''}this is not an XLIFF 1.2 file.`, 'wrong-format')
  }
  const files = childElements(root, 'file')
  const units = files
    .flatMap((file) => descendants(file, 'trans-unit'))
    // po2xliff writes the PO header as a unit of its own; it is not text to translate.
    .filter((node) => node.attributes.restype !== 'x-gettext-domain-header')
    .map((node, index) => readUnit(node, index, options))
  const first = files[0]
  return {
    title: first?.attributes.original ?? units.find((unit) => unit.source.length > 0)?.source[0] ?? '',
    sourceLang: primaryLanguage(first?.attributes['source-language']) || 'fa',
    targetLang: primaryLanguage(first?.attributes['target-language']) || 'en',
    units
  }
}

/**
 * XLIFF 2.1 (core namespace `urn:oasis:names:tc:xliff:document:2.0`), valid against the core
 * schema and the metadata module.
 *
 * Structure: one `unit` per Hamta unit (alignment bead) and ONE `segment` per unit, holding the
 * unit's sentences joined with a space. A bead may pair two Persian sentences with one English
 * sentence, which per-sentence segments cannot express; the sentence boundaries are kept in the
 * unit's `mda:metadata` instead (a `metaGroup category="sentences"` per side), together with
 * confidence, alignment status and paragraph (`category="hamta"`), one group per tag
 * (`category="tag"`) and comment authors and dates (`category="comment"`, linked to the `note`
 * by its id). The exact status is the segment's `subState` (`hamta:draft`, …) next to the
 * nearest XLIFF `state`. The file says `srcDir="rtl"` and `trgDir="ltr"`.
 *
 * Reading files from other tools, a unit with several segments becomes one unit whose sentences
 * are its segments.
 */
import { UserError } from '../errors'
import { sideText, type BilingualComment, type BilingualDocument, type BilingualTag, type BilingualUnit, type UnitStatus } from './bilingual'
import {
  applyUnitExtras,
  hasTarget,
  isUnitStatus,
  parseParagraph,
  primaryLanguage,
  progressReporter,
  selectUnits,
  type ExportOptions
} from './options'
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

export const XLIFF2_NAMESPACE = 'urn:oasis:names:tc:xliff:document:2.0'
export const METADATA_NAMESPACE = 'urn:oasis:names:tc:xliff:metadata:2.0'

/** Hamta status → XLIFF 2 segment state; the exact status goes in `subState`. */
export const XLIFF2_STATES: Record<UnitStatus, 'initial' | 'translated' | 'reviewed' | 'final'> = {
  untranslated: 'initial',
  draft: 'initial',
  translated: 'translated',
  reviewed: 'reviewed',
  approved: 'final',
  rejected: 'initial'
}

/** XLIFF's ids are NMTOKENs: anything else is replaced, and duplicates numbered. */
function tokenIds(units: BilingualUnit[]): string[] {
  const seen = new Set<string>()
  return units.map((unit, index) => {
    let id = unit.id.replace(/[^\p{L}\p{N}._-]/gu, '_') || `u${index + 1}`
    while (seen.has(id)) id = `${id}-${index + 1}`
    seen.add(id)
    return id
  })
}

function meta(type: string, value: string): string {
  return element('mda:meta', { type }, value)
}

function metaGroup(indent: string, attributes: Record<string, string | undefined>, metas: string[]): string[] {
  return [`${indent}<mda:metaGroup${attrs(attributes)}>`, ...metas.map((line) => `${indent}  ${line}`), `${indent}</mda:metaGroup>`]
}

function tagMetas(tag: BilingualTag): string[] {
  const metas = [meta('name', tag.name), meta('side', tag.side)]
  if (tag.id !== undefined) metas.push(meta('id', tag.id))
  if (tag.start !== undefined) metas.push(meta('start', String(tag.start)))
  if (tag.end !== undefined) metas.push(meta('end', String(tag.end)))
  if (tag.text !== undefined) metas.push(meta('text', tag.text))
  if (tag.color !== undefined) metas.push(meta('color', tag.color))
  if (tag.link !== undefined) metas.push(meta('link', tag.link))
  return metas
}

function writeUnit(unit: BilingualUnit, id: string): string {
  const pad = '      '
  const groups: string[] = []
  const hamta: string[] = []
  if (unit.confidence !== undefined) hamta.push(meta('confidence', String(unit.confidence)))
  if (unit.alignment) hamta.push(meta('alignment', unit.alignment))
  if (unit.paragraph !== undefined) hamta.push(meta('paragraph', String(unit.paragraph)))
  if (hamta.length > 0) groups.push(...metaGroup(`${pad}  `, { category: 'hamta' }, hamta))
  if (unit.source.length > 1)
    groups.push(
      ...metaGroup(
        `${pad}  `,
        { category: 'sentences', appliesTo: 'source' },
        unit.source.map((text) => meta('sentence', text))
      )
    )
  if (unit.target.length > 1)
    groups.push(
      ...metaGroup(
        `${pad}  `,
        { category: 'sentences', appliesTo: 'target' },
        unit.target.map((text) => meta('sentence', text))
      )
    )
  for (const tag of unit.tags) groups.push(...metaGroup(`${pad}  `, { category: 'tag' }, tagMetas(tag)))
  unit.comments.forEach((comment, k) => {
    groups.push(
      ...metaGroup(`${pad}  `, { category: 'comment' }, [
        meta('note', `c${k + 1}`),
        meta('author', comment.author),
        meta('createdAt', comment.createdAt),
        meta('resolved', comment.resolved ? 'yes' : 'no')
      ])
    )
  })
  const lines = [`    <unit${attrs({ id })}>`]
  if (groups.length > 0) lines.push(`${pad}<mda:metadata>`, ...groups, `${pad}</mda:metadata>`)
  if (unit.comments.length > 0) {
    lines.push(`${pad}<notes>`)
    unit.comments.forEach((comment, k) => lines.push(`${pad}  ${element('note', { id: `c${k + 1}`, category: 'comment' }, comment.text)}`))
    lines.push(`${pad}</notes>`)
  }
  lines.push(`${pad}<segment${attrs({ id: 's1', state: XLIFF2_STATES[unit.status], subState: `hamta:${unit.status}` })}>`)
  lines.push(`${pad}  ${element('source', {}, sideText(unit.source))}`)
  if (hasTarget(unit)) lines.push(`${pad}  ${element('target', {}, sideText(unit.target))}`)
  lines.push(`${pad}</segment>`, '    </unit>')
  return lines.join('\n')
}

export function writeXliff2(doc: BilingualDocument, options: ExportOptions = {}): string {
  const units = selectUnits(doc, options)
  const ids = tokenIds(units)
  const report = progressReporter(options, units.length)
  const documentMetas = [meta('title', doc.title)]
  if (doc.id) documentMetas.push(meta('id', doc.id))
  if (doc.createdAt) documentMetas.push(meta('createdAt', doc.createdAt))
  const body = units.map((unit, index) => {
    const xml = writeUnit(unit, ids[index])
    report(index + 1)
    return xml
  })
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!-- One unit per alignment bead and one segment per unit (its sentences joined with a space);',
    '     sentence boundaries, tags and comment details are in the unit metadata (mda:metadata). -->',
    `<xliff${attrs({ xmlns: XLIFF2_NAMESPACE, 'xmlns:mda': METADATA_NAMESPACE, version: '2.1', srcLang: doc.sourceLang, trgLang: doc.targetLang })}>`,
    `  <file${attrs({ id: 'f1', srcDir: 'rtl', trgDir: 'ltr' })}>`,
    '    <mda:metadata>',
    ...metaGroup('      ', { category: 'document' }, documentMetas),
    '    </mda:metadata>',
    // The schema wants at least one unit or group in a file: an empty selection gets an empty group.
    ...(body.length > 0 ? body : ['    <group id="empty"/>']),
    '  </file>',
    '</xliff>',
    ''
  ].join('\n')
}

// ---------------------------------------------------------------------------------------------
// Reading

interface MetaGroup {
  category: string
  appliesTo?: string
  metas: Array<[string, string]>
}

function metaGroups(node: XmlElement, options: XmlReadOptions): MetaGroup[] {
  return childElements(node, 'metadata').flatMap((metadata) =>
    descendants(metadata, 'metaGroup').map((group) => ({
      category: group.attributes.category ?? '',
      appliesTo: group.attributes.appliesTo,
      metas: childElements(group, 'meta').map((item): [string, string] => [item.attributes.type ?? '', textContent(item, options)])
    }))
  )
}

function metaValue(group: MetaGroup | undefined, type: string): string | undefined {
  return group?.metas.find(([name]) => name === type)?.[1]
}

function readTag(group: MetaGroup): BilingualTag | undefined {
  const name = metaValue(group, 'name')
  if (name === undefined) return undefined
  const side = metaValue(group, 'side')
  const tag: BilingualTag = { name, side: side === 'source' || side === 'target' ? side : 'unit' }
  const id = metaValue(group, 'id')
  if (id !== undefined) tag.id = id
  const start = parseParagraph(metaValue(group, 'start'))
  const end = parseParagraph(metaValue(group, 'end'))
  const text = metaValue(group, 'text')
  const color = metaValue(group, 'color')
  if (start !== undefined) tag.start = start
  if (end !== undefined) tag.end = end
  if (text !== undefined) tag.text = text
  if (color !== undefined) tag.color = color
  const link = metaValue(group, 'link')
  if (link !== undefined) tag.link = link
  return tag
}

/** The unit's status: Hamta's `subState` if present, else the least advanced segment state. */
function readStatus(segments: XmlElement[], translated: boolean): UnitStatus {
  const hamta = segments.map((segment) => /^hamta:(.+)$/.exec(segment.attributes.subState ?? '')?.[1]).find(isUnitStatus)
  if (hamta) return hamta
  if (!translated) return 'untranslated'
  const order = ['initial', 'translated', 'reviewed', 'final']
  const least = Math.min(...segments.map((segment) => order.indexOf(segment.attributes.state ?? 'initial')).map((k) => (k < 0 ? 0 : k)))
  return (['draft', 'translated', 'reviewed', 'approved'] as const)[least] ?? 'draft'
}

function sentences(parts: string[], group: MetaGroup | undefined): string[] {
  const listed = group?.metas.filter(([type]) => type === 'sentence').map(([, text]) => text) ?? []
  const joined = parts.join(' ')
  if (listed.length > 0 && sideText(listed) === joined) return listed
  return parts.map((part) => part.trim()).filter(Boolean)
}

function readUnit(node: XmlElement, index: number, options: XmlReadOptions): BilingualUnit {
  const segments = childElements(node, 'segment')
  const groups = metaGroups(node, options)
  const sourceParts = segments.map((segment) => {
    const source = firstChild(segment, 'source')
    return source ? inlineText(source, options) : ''
  })
  const targetParts = segments.map((segment) => {
    const target = firstChild(segment, 'target')
    return target ? inlineText(target, options) : ''
  })
  const source = sentences(
    sourceParts,
    groups.find((group) => group.category === 'sentences' && group.appliesTo === 'source')
  )
  const target = sentences(
    targetParts.filter((part) => part.trim()),
    groups.find((group) => group.category === 'sentences' && group.appliesTo === 'target')
  )
  const commentDetails = new Map(
    groups.filter((group) => group.category === 'comment').map((group) => [metaValue(group, 'note') ?? '', group] as const)
  )
  const notesElement = firstChild(node, 'notes')
  const comments: BilingualComment[] = (notesElement ? childElements(notesElement, 'note') : []).map((note) => {
    const detail = note.attributes.id ? commentDetails.get(note.attributes.id) : undefined
    return {
      author: metaValue(detail, 'author') ?? '',
      createdAt: metaValue(detail, 'createdAt') ?? '',
      text: textContent(note, options),
      resolved: metaValue(detail, 'resolved') === 'yes'
    }
  })
  const hamta = groups.find((group) => group.category === 'hamta')
  const unit: BilingualUnit = {
    id: node.attributes.id || `u${index + 1}`,
    source,
    target,
    status: readStatus(segments, target.length > 0),
    tags: groups
      .filter((group) => group.category === 'tag')
      .map(readTag)
      .filter((tag): tag is BilingualTag => tag !== undefined),
    comments
  }
  return applyUnitExtras(unit, {
    confidence: metaValue(hamta, 'confidence'),
    alignment: metaValue(hamta, 'alignment'),
    paragraph: metaValue(hamta, 'paragraph')
  })
}

/** Reads an XLIFF 2.x file (every `file`, units inside groups too) as one bilingual document. */
export function readXliff2(input: string | Uint8Array, options: XmlReadOptions = {}): BilingualDocument {
  return xliff2ToBilingual(parseXml(input, options), options)
}

export function xliff2ToBilingual(root: XmlElement, options: XmlReadOptions = {}): BilingualDocument {
  if (root.name !== 'xliff' || !String(root.attributes.version ?? '').startsWith('2.')) {
    throw new UserError(`${options.fileName ? `${options.fileName}: ` : ''}this is not an XLIFF 2 file.`, 'wrong-format')
  }
  const files = childElements(root, 'file')
  const units = files.flatMap((file) => descendants(file, 'unit')).map((node, index) => readUnit(node, index, options))
  const documentGroup = files.length > 0 ? metaGroups(files[0], options).find((group) => group.category === 'document') : undefined
  const doc: BilingualDocument = {
    title: metaValue(documentGroup, 'title') ?? files[0]?.attributes.original ?? units.find((unit) => unit.source.length > 0)?.source[0] ?? '',
    sourceLang: primaryLanguage(root.attributes.srcLang) || 'fa',
    targetLang: primaryLanguage(root.attributes.trgLang) || 'en',
    units
  }
  const id = metaValue(documentGroup, 'id')
  const createdAt = metaValue(documentGroup, 'createdAt')
  if (id) doc.id = id
  if (createdAt) doc.createdAt = createdAt
  return doc
}

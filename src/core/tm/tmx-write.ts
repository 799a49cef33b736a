/**
 * TMX 1.4 written piece by piece (header, one `tu` at a time, footer), so a memory of a million
 * units streams to disk. Valid against the TMX 1.4 DTD: the header carries every required
 * attribute, `prop`s come before the `tuv`s, and dates are `YYYYMMDDThhmmssZ`.
 */
import { attrs, element } from '../formats/xml'
import type { TmxUnit } from './tmx-units'

/** A unit as written: what a TMX unit holds, and where it came from. */
export type TmxWriteUnit = TmxUnit & {
  /** Where the unit came from: a document title or a memory name. */
  origin?: string
}

/** ISO 8601 (or an already TMX-shaped date) → `YYYYMMDDThhmmssZ`; undefined when unreadable. */
export function tmxDateOf(value: string | undefined): string | undefined {
  if (!value) return undefined
  if (/^\d{8}T\d{6}Z$/.test(value)) return value
  const date = new Date(value)
  if (Number.isNaN(date.getTime())) return undefined
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')
}

export function tmxHeader(options: { tool: string; toolVersion: string; sourceLang: string; now: string; title?: string }): string {
  const header = attrs({
    creationtool: options.tool,
    creationtoolversion: options.toolVersion,
    segtype: 'sentence',
    'o-tmf': options.tool,
    adminlang: 'en',
    srclang: options.sourceLang,
    datatype: 'plaintext',
    creationdate: tmxDateOf(options.now)
  })
  const props = options.title ? `\n    ${element('prop', { type: 'x-title' }, options.title)}\n  ` : ''
  return `<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n  <header${header}>${props}</header>\n  <body>\n`
}

export function tmxUnit(unit: TmxWriteUnit): string {
  const date = tmxDateOf(unit.date)
  const lines = [`    <tu${attrs({ creationid: unit.author || undefined, creationdate: date, changedate: date })}>`]
  if (unit.origin) lines.push(`      ${element('prop', { type: 'x-origin' }, unit.origin)}`)
  if (unit.prev !== undefined) lines.push(`      ${element('prop', { type: 'x-context-prev' }, unit.prev)}`)
  if (unit.next !== undefined) lines.push(`      ${element('prop', { type: 'x-context-next' }, unit.next)}`)
  if (unit.note) lines.push(`      ${element('note', {}, unit.note)}`)
  lines.push(`      <tuv${attrs({ 'xml:lang': unit.sourceLang })}>${element('seg', {}, unit.source)}</tuv>`)
  lines.push(`      <tuv${attrs({ 'xml:lang': unit.targetLang })}>${element('seg', {}, unit.target)}</tuv>`)
  lines.push('    </tu>\n')
  return lines.join('\n')
}

export function tmxFooter(): string {
  return '  </body>\n</tmx>\n'
}

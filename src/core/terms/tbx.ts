/**
 * TBX termbases: written as TBX-Basic of TBX v3 (ISO 30042:2019, DCA style); read from TBX v3 in
 * either style (DCA `<termNote type="administrativeStatus">` or DCT `<basic:administrativeStatus>`)
 * and from TBX 2008 `martif` files (`termEntry`, `langSet`, `tig` or `ntig/termGrp`).
 *
 * One concept holds a Persian term and its English terms. Mapping to Hamta's terms:
 * the Persian term's administrative status is the term's status; English terms that are
 * deprecated or superseded are its forbidden variants; the first other English term is the
 * English to use, the rest its alternatives.
 */
import { UserError } from '../errors'
import { attrs, childElements, escapeXmlText, parseXml, textContent, type XmlElement } from '../formats/xml'
import type { Term, TermInput, TermStatus } from './model'

const TBX_NAMESPACE = 'urn:iso:std:iso:30042:ed-2'

const STATUS_VALUE: Record<TermStatus, string> = {
  preferred: 'preferredTerm-admn-sts',
  admitted: 'admittedTerm-admn-sts',
  deprecated: 'deprecatedTerm-admn-sts'
}

function termSec(term: string, status: TermStatus, indent: string): string {
  return `${indent}<termSec><term>${escapeXmlText(term)}</term><termNote type="administrativeStatus">${STATUS_VALUE[status]}</termNote></termSec>`
}

/** Concepts of the termbase: terms imported from one TBX concept are written as one again. */
function concepts(terms: readonly Term[]): Term[][] {
  const groups = new Map<string, Term[]>()
  for (const term of terms) {
    const key = term.concept ? `c:${term.concept}` : `t:${term.id}`
    const group = groups.get(key)
    if (group) group.push(term)
    else groups.set(key, [term])
  }
  return [...groups.values()]
}

function xmlId(text: string, used: Set<string>): string {
  let id = text.replace(/[^A-Za-z0-9_.-]/g, '_')
  if (!/^[A-Za-z_]/.test(id)) id = `c${id}`
  let unique = id
  for (let n = 2; used.has(unique); n++) unique = `${id}-${n}`
  used.add(unique)
  return unique
}

/** The termbase as a TBX-Basic (TBX v3, DCA style) file. */
export function writeTbx(terms: readonly Term[], title = 'Hamta termbase'): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<tbx${attrs({ type: 'TBX-Basic', style: 'dca', 'xml:lang': 'en', xmlns: TBX_NAMESPACE })}>`,
    '  <tbxHeader>',
    '    <fileDesc>',
    `      <titleStmt><title>${escapeXmlText(title)}</title></titleStmt>`,
    '      <sourceDesc><p>Exported from Hamta</p></sourceDesc>',
    '    </fileDesc>',
    '  </tbxHeader>',
    '  <text>',
    '    <body>'
  ]
  const used = new Set<string>()
  for (const group of concepts(terms)) {
    const first = group[0]
    lines.push(`      <conceptEntry id="${xmlId(first.concept ?? `t-${first.id}`, used)}">`)
    const domain = group.find((term) => term.domain)?.domain
    if (domain) lines.push(`        <descrip type="subjectField">${escapeXmlText(domain)}</descrip>`)
    for (const note of new Set(group.map((term) => term.note).filter((note): note is string => Boolean(note)))) {
      lines.push(`        <note>${escapeXmlText(note)}</note>`)
    }
    lines.push('        <langSec xml:lang="fa">')
    const persian = new Set<string>()
    for (const term of group) {
      if (persian.has(term.fa)) continue
      persian.add(term.fa)
      lines.push(termSec(term.fa, term.status, '          '))
    }
    lines.push('        </langSec>')
    lines.push('        <langSec xml:lang="en">')
    const english = new Map<string, TermStatus>()
    for (const term of group) {
      if (!english.has(term.en)) english.set(term.en, term.status)
      for (const alternative of term.alternatives) if (!english.has(alternative)) english.set(alternative, 'admitted')
    }
    for (const term of group) for (const forbidden of term.forbidden) if (!english.has(forbidden)) english.set(forbidden, 'deprecated')
    for (const [text, status] of english) lines.push(termSec(text, status, '          '))
    lines.push('        </langSec>')
    lines.push('      </conceptEntry>')
  }
  lines.push('    </body>', '  </text>', '</tbx>', '')
  return lines.join('\n')
}

// ---------------------------------------------------------------------------------------------
// Reading

function statusFrom(value: string): TermStatus | undefined {
  const text = value.trim().toLowerCase()
  if (!text) return undefined
  if (text.startsWith('preferred') || text.startsWith('standardized')) return 'preferred'
  if (text.startsWith('admitted')) return 'admitted'
  if (text.startsWith('deprecated') || text.startsWith('superseded') || text.startsWith('notrecommended') || text.startsWith('forbidden')) {
    return 'deprecated'
  }
  return undefined
}

/** A data category's value on an element: DCA `<termNote type="X">` / `<descrip type="X">`, or DCT `<ns:X>`. */
function category(node: XmlElement, name: string): string | undefined {
  for (const child of childElements(node)) {
    if (
      child.name === name ||
      ((child.name === 'termNote' || child.name === 'descrip' || child.name === 'admin') && child.attributes.type === name)
    ) {
      return textContent(child).trim()
    }
    if (child.name === 'termNoteGrp' || child.name === 'descripGrp' || child.name === 'adminGrp') {
      const inner = category(child, name)
      if (inner !== undefined) return inner
    }
  }
  return undefined
}

function notes(node: XmlElement): string[] {
  const found: string[] = []
  for (const child of childElements(node)) {
    if (child.name === 'note') found.push(textContent(child).trim())
    else if (child.name === 'descrip' && child.attributes.type === 'definition') found.push(textContent(child).trim())
    else if (child.name === 'definition') found.push(textContent(child).trim())
    else if (child.name === 'descripGrp') found.push(...notes(child))
  }
  return found.filter(Boolean)
}

interface ReadTerm {
  text: string
  status?: TermStatus
}

/** Terms of a language section: TBX v3 `termSec`, TBX 2008 `tig` and `ntig/termGrp`. */
function sectionTerms(section: XmlElement): ReadTerm[] {
  const found: ReadTerm[] = []
  for (const child of childElements(section)) {
    if (child.name !== 'termSec' && child.name !== 'tig' && child.name !== 'ntig') continue
    const holder = child.name === 'ntig' ? (childElements(child, 'termGrp')[0] ?? child) : child
    const term = childElements(holder, 'term')[0]
    if (!term) continue
    const text = textContent(term).replace(/\s+/g, ' ').trim()
    if (!text) continue
    const status = category(holder, 'administrativeStatus') ?? category(child, 'administrativeStatus') ?? category(holder, 'normativeAuthorization')
    found.push({ text, status: status ? statusFrom(status) : undefined })
  }
  return found
}

function language(section: XmlElement): 'fa' | 'en' | null {
  const lang = (section.attributes.lang ?? '').toLowerCase()
  if (/^(fa|pes|per|fas|prs)\b/.test(lang)) return 'fa'
  if (/^en\b/.test(lang)) return 'en'
  return null
}

export interface TbxReadResult {
  terms: TermInput[]
  /** Concepts left out, with why (no Persian or no English term). */
  skipped: number
}

function entriesOf(root: XmlElement): XmlElement[] {
  const found: XmlElement[] = []
  const walk = (node: XmlElement): void => {
    for (const child of childElements(node)) {
      if (child.name === 'conceptEntry' || child.name === 'termEntry') found.push(child)
      else walk(child)
    }
  }
  walk(root)
  return found
}

/** Reads a TBX file (v3 or 2008) into term inputs. */
export function readTbx(input: string | Uint8Array, fileName = 'the file'): TbxReadResult {
  const root = parseXml(input, { fileName })
  if (root.name !== 'tbx' && root.name !== 'martif') {
    throw new UserError(`${fileName} is not a TBX file (its root element is <${root.name}>, not <tbx> or <martif>).`, 'unsupported-format')
  }
  const terms: TermInput[] = []
  let skipped = 0
  for (const entry of entriesOf(root)) {
    const concept = entry.attributes.id
    const persian: ReadTerm[] = []
    const english: ReadTerm[] = []
    const entryNotes = notes(entry)
    let domain = category(entry, 'subjectField')
    for (const section of [...childElements(entry, 'langSec'), ...childElements(entry, 'langSet')]) {
      const lang = language(section)
      if (!lang) continue
      ;(lang === 'fa' ? persian : english).push(...sectionTerms(section))
      entryNotes.push(...notes(section))
      domain ??= category(section, 'subjectField')
    }
    const usable = english.filter((term) => term.status !== 'deprecated')
    const forbidden = english.filter((term) => term.status === 'deprecated').map((term) => term.text)
    if (persian.length === 0 || english.length === 0) {
      skipped++
      continue
    }
    // Preferred English first; a concept whose English are all deprecated keeps them as its (deprecated) English.
    const ordered = usable.length > 0 ? [...usable].sort((a, b) => rank(a.status) - rank(b.status)) : english
    for (const term of persian) {
      terms.push({
        fa: term.text,
        en: ordered[0].text,
        alternatives: ordered.slice(1).map((candidate) => candidate.text),
        forbidden: usable.length > 0 ? forbidden : [],
        status: usable.length > 0 ? (term.status ?? ordered[0].status ?? 'preferred') : 'deprecated',
        note: [...new Set(entryNotes)].join(' ') || undefined,
        domain: domain || undefined,
        concept
      })
    }
  }
  return { terms, skipped }
}

function rank(status: TermStatus | undefined): number {
  return status === 'preferred' ? 0 : status === undefined ? 1 : 2
}

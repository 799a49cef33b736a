/**
 * The first worksheet of an Excel workbook (.xlsx) as rows of text, for glossaries kept in a
 * spreadsheet. Only what a term list needs is read: the workbook's first sheet, its shared
 * strings (rich text runs joined), inline strings and values; formulas give their cached value.
 * Every part is judged by its zip directory entry before it is unpacked, and unpacks to no more
 * than that entry says (see import/zip.ts), so a zip bomb is refused, not inflated.
 */
import { UserError } from '../errors'
import { parseXml, type XmlElement, type XmlNode } from '../formats/xml'
import { formatBytes, formatLimit, MAX_ZIP_RATIO, ZIP_RATIO_MIN_BYTES } from '../import/limits'
import { readEntry, readZipDirectory, type ZipEntry } from '../import/zip'

/** Largest part (the sheet or its shared strings) unpacked: a glossary of some hundred thousand terms. */
export const MAX_XLSX_PART_BYTES = 64 * 1024 * 1024

const damaged = (fileName: string, detail: string): UserError =>
  new UserError(
    `${fileName} cannot be read as an Excel workbook: ${detail}. Save it again from Excel or LibreOffice as .xlsx, or as CSV.`,
    'broken-file'
  )

function children(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((child): child is XmlElement => typeof child !== 'string' && child.name === name)
}

function child(element: XmlElement, name: string): XmlElement | undefined {
  return children(element, name)[0]
}

/** All text below an element, or only that of its `t` elements (a rich string's runs). */
function textOf(node: XmlNode, onlyT = false): string {
  if (typeof node === 'string') return onlyT ? '' : node
  if (onlyT && node.name === 't') return node.children.map((part) => textOf(part)).join('')
  // Phonetic guides (rPh) repeat the text in another script; they are not part of the cell.
  if (node.name === 'rPh') return ''
  return node.children.map((part) => textOf(part, onlyT)).join('')
}

/** `C12` → 2 (zero-based column). */
function columnOf(reference: string): number {
  let column = 0
  for (const letter of reference) {
    const code = letter.charCodeAt(0)
    if (code < 65 || code > 90) break
    column = column * 26 + (code - 64)
  }
  return column - 1
}

/** A part's path from a relationship target, relative to the part that points at it. */
function resolvePart(from: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1)
  const base = from.split('/').slice(0, -1)
  for (const step of target.split('/')) {
    if (step === '..') base.pop()
    else if (step !== '.') base.push(step)
  }
  return base.join('/')
}

function relationsPath(part: string): string {
  const parts = part.split('/')
  const name = parts.pop()!
  return [...parts, '_rels', `${name}.rels`].join('/')
}

/** A part the package lacks, read as an element without children. */
const ABSENT: XmlElement = { name: '', attributes: {}, children: [] }

export function readXlsxRows(bytes: Uint8Array, fileName: string): string[][] {
  let entries: ZipEntry[]
  try {
    entries = readZipDirectory(bytes)
  } catch {
    throw damaged(fileName, 'it is not a zip package')
  }
  const byName = new Map(entries.map((entry) => [entry.name, entry]))
  const read = (name: string): XmlElement | null => {
    const entry = byName.get(name)
    if (!entry) return null
    if (entry.uncompressedSize > MAX_XLSX_PART_BYTES) {
      throw new UserError(
        `${fileName}: its part ${name} unpacks to ${formatBytes(entry.uncompressedSize)}; Hamta reads glossary sheets of up to ${formatLimit(MAX_XLSX_PART_BYTES)}. Save the sheet as CSV instead.`,
        'too-large'
      )
    }
    if (entry.uncompressedSize >= ZIP_RATIO_MIN_BYTES && entry.uncompressedSize > MAX_ZIP_RATIO * Math.max(1, entry.compressedSize)) {
      throw new UserError(`${fileName} is a zip bomb: its part ${name} is packed impossibly small. Hamta refuses to unpack it.`, 'zip-bomb')
    }
    let data: Uint8Array
    try {
      data = readEntry(bytes, entry)
    } catch {
      throw damaged(fileName, `its part ${name} is damaged`)
    }
    return parseXml(data, { fileName: `${fileName} (${name})` })
  }
  const relations = (part: string): Array<{ id: string; type: string; target: string }> =>
    children(read(relationsPath(part)) ?? ABSENT, 'Relationship').map((relation) => ({
      id: relation.attributes.Id ?? '',
      type: relation.attributes.Type ?? '',
      target: resolvePart(part, relation.attributes.Target ?? '')
    }))

  const office = relations('').find((relation) => relation.type.endsWith('/officeDocument'))
  const workbookPath = office?.target ?? 'xl/workbook.xml'
  const workbook = read(workbookPath)
  if (!workbook) throw damaged(fileName, 'it holds no workbook (is it a Word or PowerPoint file?)')
  const firstSheet = child(child(workbook, 'sheets') ?? workbook, 'sheet')
  if (!firstSheet) throw damaged(fileName, 'its workbook has no sheet')
  const workbookRelations = relations(workbookPath)
  // The relationship id is r:id (the reader drops prefixes, so it is "id").
  const sheetPath = workbookRelations.find((relation) => relation.id === firstSheet.attributes.id)?.target ?? 'xl/worksheets/sheet1.xml'
  const sharedPath = workbookRelations.find((relation) => relation.type.endsWith('/sharedStrings'))?.target ?? 'xl/sharedStrings.xml'

  const shared = children(read(sharedPath) ?? ABSENT, 'si').map((item) => textOf(item, true))
  const sheet = read(sheetPath)
  if (!sheet) throw damaged(fileName, `its first sheet (${sheetPath}) is missing`)
  const rows: string[][] = []
  for (const row of children(child(sheet, 'sheetData') ?? sheet, 'row')) {
    const cells: string[] = []
    let next = 0
    for (const cell of children(row, 'c')) {
      const column = cell.attributes.r ? columnOf(cell.attributes.r) : next
      next = column + 1
      const type = cell.attributes.t
      const value = child(cell, 'v')
      let text = ''
      if (type === 's') text = shared[Number(value ? textOf(value) : -1)] ?? ''
      else if (type === 'inlineStr') text = textOf(child(cell, 'is') ?? cell, true)
      else if (type === 'b') text = value && textOf(value) === '1' ? 'TRUE' : 'FALSE'
      else if (value) text = textOf(value)
      while (cells.length < column) cells.push('')
      cells[column] = text
    }
    // Rows without any text (formatting only) are not rows of the list.
    if (cells.some((cell) => cell.trim() !== '')) rows.push(cells)
  }
  return rows
}

/**
 * Word (DOCX) export: the title, then a two-column table with the Persian on the left and the
 * English on the right (plus an optional status column), one row per unit; or, with
 * `englishOnly`, the English text in paragraphs.
 *
 * Right-to-left handling, as Word and LibreOffice need it:
 * - Persian paragraphs are `bidi` and their runs `rtl`, in a Persian font with the language set
 *   to fa-IR. Alignment is left to the bidi setting: an explicit `jc=right` on an RTL paragraph
 *   is read as "end" and moves it to the left.
 * - English paragraphs say `bidi` off explicitly.
 * - The table says `bidiVisual` off, so a first cell holding RTL text does not make the reader
 *   mirror the columns.
 * The Persian font is Vazirmatn by name; where it is not installed, Word and LibreOffice fall
 * back to another font with Persian glyphs (Arial / Times New Roman in Word, DejaVu Sans on a
 * bare Linux). No font is embedded.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType
} from 'docx'
import { sideText, type BilingualDocument, type BilingualUnit } from './bilingual'
import { commentLabel, progressReporter, selectUnits, tagLabel, type ExportOptions } from './options'
import { englishParagraphs } from './plaintext'

export const DOCX_PERSIAN_FONT = 'Vazirmatn'
export const DOCX_ENGLISH_FONT = 'Calibri'

/** Half-points. */
const BODY_SIZE = 22
const SMALL_SIZE = 18

const PERSIAN = /[\u0600-\u06ff\ufb50-\ufdff\ufe70-\ufeff]/

function persianParagraph(
  text: string,
  options: { size?: number; bold?: boolean; heading?: (typeof HeadingLevel)[keyof typeof HeadingLevel] } = {}
): Paragraph {
  const size = options.size ?? BODY_SIZE
  return new Paragraph({
    bidirectional: true,
    heading: options.heading,
    children: [
      new TextRun({
        text,
        rightToLeft: true,
        bold: options.bold,
        boldComplexScript: options.bold,
        font: { ascii: DOCX_PERSIAN_FONT, hAnsi: DOCX_PERSIAN_FONT, cs: DOCX_PERSIAN_FONT, eastAsia: DOCX_PERSIAN_FONT },
        size,
        sizeComplexScript: size,
        language: { value: 'fa-IR', bidirectional: 'fa-IR' }
      })
    ]
  })
}

function englishParagraph(
  text: string,
  options: { size?: number; bold?: boolean; italics?: boolean; color?: string; heading?: (typeof HeadingLevel)[keyof typeof HeadingLevel] } = {}
): Paragraph {
  const size = options.size ?? BODY_SIZE
  return new Paragraph({
    bidirectional: false,
    heading: options.heading,
    children: [
      new TextRun({
        text,
        bold: options.bold,
        italics: options.italics,
        color: options.color,
        font: DOCX_ENGLISH_FONT,
        size,
        sizeComplexScript: size,
        language: { value: 'en-US' }
      })
    ]
  })
}

/** The title in its own direction: a Persian title is an RTL paragraph. */
function titleParagraph(title: string): Paragraph {
  const text = title || 'Untitled'
  return PERSIAN.test(text)
    ? persianParagraph(text, { heading: HeadingLevel.TITLE, size: 36, bold: true })
    : englishParagraph(text, { heading: HeadingLevel.TITLE, size: 36, bold: true })
}

const CELL_MARGINS = { top: 80, bottom: 80, left: 110, right: 110 }

function headerCell(text: string, width: number): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.PERCENTAGE },
    margins: CELL_MARGINS,
    shading: { fill: 'EDEDF0' },
    children: [englishParagraph(text, { bold: true })]
  })
}

function unitRow(unit: BilingualUnit, widths: number[], withStatus: boolean): TableRow {
  const target = sideText(unit.target).trim()
  const persian = [persianParagraph(sideText(unit.source))]
  const english = [target ? englishParagraph(target) : englishParagraph('(not translated)', { italics: true, color: '888888' })]
  if (unit.tags.length > 0) english.push(englishParagraph(`Tags: ${unit.tags.map(tagLabel).join(', ')}`, { size: SMALL_SIZE, color: '555555' }))
  for (const comment of unit.comments)
    english.push(englishParagraph(`Comment: ${commentLabel(comment)}`, { size: SMALL_SIZE, italics: true, color: '555555' }))
  const cells = [
    new TableCell({ width: { size: widths[0], type: WidthType.PERCENTAGE }, margins: CELL_MARGINS, children: persian }),
    new TableCell({ width: { size: widths[1], type: WidthType.PERCENTAGE }, margins: CELL_MARGINS, children: english })
  ]
  if (withStatus) {
    cells.push(
      new TableCell({
        width: { size: widths[2], type: WidthType.PERCENTAGE },
        margins: CELL_MARGINS,
        children: [englishParagraph(unit.status, { size: SMALL_SIZE })]
      })
    )
  }
  return new TableRow({ cantSplit: true, children: cells })
}

function bilingualTable(units: BilingualUnit[], options: ExportOptions, report: (done: number) => void): Table {
  const withStatus = options.statusColumn !== false
  const widths = withStatus ? [42, 43, 15] : [50, 50]
  const header = new TableRow({
    tableHeader: true,
    children: [headerCell('Persian', widths[0]), headerCell('English', widths[1]), ...(withStatus ? [headerCell('Status', widths[2])] : [])]
  })
  const rows = units.map((unit, index) => {
    const row = unitRow(unit, widths, withStatus)
    report(index + 1)
    return row
  })
  const line = { style: BorderStyle.SINGLE, size: 4, color: 'B8B8BE' }
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    layout: TableLayoutType.FIXED,
    // Explicitly not mirrored: the Persian column stays on the left.
    visuallyRightToLeft: false,
    alignment: AlignmentType.LEFT,
    borders: { top: line, bottom: line, left: line, right: line, insideHorizontal: line, insideVertical: line },
    rows: [header, ...rows]
  })
}

/** Builds the DOCX file's bytes. */
export async function writeDocx(doc: BilingualDocument, options: ExportOptions = {}): Promise<Uint8Array> {
  const units = selectUnits(doc, options)
  const report = progressReporter(options, units.length)
  const children: Array<Paragraph | Table> = [titleParagraph(doc.title)]
  if (options.englishOnly) {
    for (const paragraph of englishParagraphs(doc, options)) children.push(englishParagraph(paragraph))
    report(units.length)
  } else {
    children.push(
      englishParagraph(`Persian–English, ${units.length} ${units.length === 1 ? 'unit' : 'units'}`, { size: SMALL_SIZE, color: '666666' })
    )
    children.push(bilingualTable(units, options, report))
  }
  const file = new Document({
    creator: 'Hamta',
    title: doc.title,
    description: options.englishOnly ? 'English translation' : 'Persian–English bilingual document',
    styles: { default: { document: { run: { font: DOCX_ENGLISH_FONT, size: BODY_SIZE } } } },
    sections: [{ properties: { page: { margin: { top: 1000, bottom: 1000, left: 1000, right: 1000 } } }, children }]
  })
  return new Uint8Array(await Packer.toArrayBuffer(file))
}

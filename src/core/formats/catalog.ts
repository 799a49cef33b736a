/**
 * What each export format is called, its file extension and the options it understands. Kept
 * apart from the writers so the export dialog can list formats without loading them.
 */
export const EXPORT_FORMATS = ['tmx', 'xliff12', 'xliff2', 'docx', 'html', 'md', 'csv', 'tsv', 'json', 'txt', 'original'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]

export const EXPORT_OPTION_NAMES = ['approvedOnly', 'includeComments', 'includeUntranslated', 'englishOnly', 'statusColumn', 'rawCells'] as const
export type ExportOptionName = (typeof EXPORT_OPTION_NAMES)[number]

export interface FormatInfo {
  name: ExportFormat
  /** Shown in the export dialog. */
  label: string
  /** With the dot. */
  extension: string
  mimeType: string
  /** Options the format uses, so a dialog shows only those. */
  options: readonly ExportOptionName[]
  binary: boolean
}

const FILTERS = ['approvedOnly', 'includeComments', 'includeUntranslated'] as const

export const FORMAT_CATALOG: Record<ExportFormat, FormatInfo> = {
  // The imported XLIFF or Word file with the translation in it; only for documents imported from one.
  original: {
    name: 'original',
    label: 'Original format (the imported XLIFF or Word file, translated)',
    extension: '',
    mimeType: 'application/octet-stream',
    options: [],
    binary: true
  },
  tmx: { name: 'tmx', label: 'TMX 1.4b translation memory', extension: '.tmx', mimeType: 'application/x-tmx+xml', options: FILTERS, binary: false },
  xliff12: { name: 'xliff12', label: 'XLIFF 1.2', extension: '.xliff12.xlf', mimeType: 'application/xliff+xml', options: FILTERS, binary: false },
  xliff2: { name: 'xliff2', label: 'XLIFF 2.1', extension: '.xliff21.xlf', mimeType: 'application/xliff+xml', options: FILTERS, binary: false },
  docx: {
    name: 'docx',
    label: 'Word document (bilingual table)',
    extension: '.docx',
    mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    options: [...FILTERS, 'englishOnly', 'statusColumn'],
    binary: true
  },
  html: {
    name: 'html',
    label: 'Web page (side by side)',
    extension: '.html',
    mimeType: 'text/html;charset=utf-8',
    options: [...FILTERS, 'statusColumn'],
    binary: false
  },
  md: { name: 'md', label: 'Markdown (bilingual)', extension: '.md', mimeType: 'text/markdown;charset=utf-8', options: FILTERS, binary: false },
  csv: {
    name: 'csv',
    label: 'CSV spreadsheet',
    extension: '.csv',
    mimeType: 'text/csv;charset=utf-8',
    options: [...FILTERS, 'rawCells'],
    binary: false
  },
  tsv: {
    name: 'tsv',
    label: 'TSV spreadsheet',
    extension: '.tsv',
    mimeType: 'text/tab-separated-values;charset=utf-8',
    options: [...FILTERS, 'rawCells'],
    binary: false
  },
  json: {
    name: 'json',
    label: 'Hamta document (JSON)',
    extension: '.hamta.json',
    mimeType: 'application/json',
    options: ['approvedOnly', 'includeUntranslated'],
    binary: false
  },
  txt: { name: 'txt', label: 'English text', extension: '.en.txt', mimeType: 'text/plain;charset=utf-8', options: ['approvedOnly'], binary: false }
}

export const EXPORT_OPTION_LABEL: Record<ExportOptionName, string> = {
  approvedOnly: 'Only approved rows',
  includeComments: 'Include comments',
  includeUntranslated: 'Include untranslated rows',
  englishOnly: 'English only (no Persian column)',
  statusColumn: 'Status column',
  rawCells: 'Keep cells starting with = + - @ as they are (a spreadsheet may run them as formulas)'
}

/** Defaults as the writers apply them. */
export const EXPORT_OPTION_DEFAULT: Record<ExportOptionName, boolean> = {
  approvedOnly: false,
  includeComments: true,
  includeUntranslated: true,
  englishOnly: false,
  statusColumn: true,
  rawCells: false
}

import { existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { basename, dirname, join, resolve } from 'node:path'
import { UserError } from '../../core/errors'
import { toBilingual, type BilingualDocument } from '../../core/formats/bilingual'
import { renderExport } from '../../core/formats/document-export'
import { noOriginal, renderOriginal } from '../../core/formats/original'
import { EXPORT_FORMATS, FORMAT_WRITERS, isExportFormat, type ExportFormat } from '../../core/formats/index'
import { persianFontBase64 } from '../../main/services/export-fonts'
import { selectUnits, type ExportOptions } from '../../core/formats/options'
import type { HamtaDocument } from '../../core/model'
import { validateDocument } from '../../core/schema'
import { migrateFile } from '../../main/store/migrations'
import type { CliCommand, CliIO } from '../command'

/** Usage lines for the options `hamta export` and `hamta align --out` share. */
export const EXPORT_OPTIONS_USAGE = `  --format F        one of: ${EXPORT_FORMATS.join(', ')}
  --out FILE        the file to write (replaced if it exists)
  --approved-only   only units whose status is approved
  --no-comments     leave comments out
  --no-untranslated leave out units without an English translation
  --english-only    docx: English text only, not the bilingual table
  --no-status       docx, html: no status column
  --raw-cells       csv, tsv: keep cells starting with = + - @ as they are (by default they get a
                    leading ' so spreadsheets do not run them as formulas)`

const USAGE = `Usage: hamta export DOC --format F --out FILE [OPTIONS]
       hamta export ID --library DIR --format F --out FILE [OPTIONS]
       hamta export --library DIR --doc ID --format F --out FILE [OPTIONS]

Exports a Hamta document as a bilingual or English file. DOC is a Hamta JSON export
(*.hamta.json); with --library DIR, ID (or --doc ID) is a document in that library folder (read
only; --library defaults to $HAMTA_LIBRARY). --format original saves a document imported from an
XLIFF or Word file back into that file, translated (it needs the library, which keeps the file).

Options:
${EXPORT_OPTIONS_USAGE}
  --library DIR     the library folder
  --doc ID          the document's id in the library
`

// ---------------------------------------------------------------------------------------------
// Options shared with `hamta align`

export interface OutputOptions {
  format?: ExportFormat
  out?: string
  exportOptions: ExportOptions
}

export function newOutputOptions(): OutputOptions {
  return { exportOptions: {} }
}

function optionValue(args: string[], k: number, name: string): [string, number] {
  const arg = args[k]
  if (arg.startsWith(`${name}=`)) return [arg.slice(name.length + 1), k]
  const value = args[k + 1]
  if (value === undefined || value === '') throw new UserError(`${name} needs a value.`, 'usage')
  return [value, k + 1]
}

/**
 * Reads one of the output options at args[k] into `output`. Returns the index of the last
 * argument it used, or -1 when args[k] is not one of them.
 */
export function parseOutputOption(args: string[], k: number, output: OutputOptions): number {
  const arg = args[k]
  const name = arg.split('=')[0]
  switch (name) {
    case '--format': {
      const [value, next] = optionValue(args, k, name)
      const format = value.toLowerCase()
      if (!isExportFormat(format)) throw new UserError(`unknown format '${value}'; use one of ${EXPORT_FORMATS.join(', ')}.`, 'usage')
      output.format = format
      return next
    }
    case '--out': {
      const [value, next] = optionValue(args, k, name)
      output.out = value
      return next
    }
    case '--approved-only':
      output.exportOptions.approvedOnly = true
      return k
    case '--no-comments':
      output.exportOptions.includeComments = false
      return k
    case '--no-untranslated':
      output.exportOptions.includeUntranslated = false
      return k
    case '--english-only':
      output.exportOptions.englishOnly = true
      return k
    case '--no-status':
      output.exportOptions.statusColumn = false
      return k
    case '--raw-cells':
      output.exportOptions.rawCells = true
      return k
    default:
      return -1
  }
}

/** Checks that --format and --out came together and the output folder exists. */
export function checkOutputOptions(output: OutputOptions, command: string): { format: ExportFormat; out: string } | undefined {
  if (!output.format && !output.out) return undefined
  if (!output.format) throw new UserError(`--out needs --format (one of ${EXPORT_FORMATS.join(', ')}).`, 'usage')
  if (!output.out) throw new UserError(`--format needs --out FILE. Run 'hamta ${command} --help'.`, 'usage')
  if (output.exportOptions.englishOnly && output.format !== 'docx') throw new UserError('--english-only applies to --format docx only.', 'usage')
  if (output.exportOptions.rawCells && output.format !== 'csv' && output.format !== 'tsv') {
    throw new UserError('--raw-cells applies to --format csv and tsv only.', 'usage')
  }
  const folder = dirname(resolve(output.out))
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new UserError(`${dirname(output.out)}: no such folder for --out.`, 'not-found')
  if (existsSync(output.out) && statSync(output.out).isDirectory())
    throw new UserError(`${output.out} is a folder; --out needs a file name.`, 'usage')
  return { format: output.format, out: output.out }
}

// ---------------------------------------------------------------------------------------------
// Progress

/** Progress only goes to a real terminal: the process's own stderr, and only when it is a TTY. */
function showsProgress(io: CliIO): boolean {
  return io.env === process.env && process.stderr.isTTY === true
}

/** A one-line progress bar on stderr, drawn only for jobs that take a while. */
export class ProgressBar {
  private readonly started = Date.now()
  private drawn = false
  private lastDraw = 0

  constructor(
    private readonly io: CliIO,
    private readonly label: string,
    /** Jobs quicker than this never show a bar. */
    private readonly delayMs = 300
  ) {}

  get enabled(): boolean {
    return showsProgress(this.io)
  }

  update(done: number, total: number): void {
    if (!this.enabled || total <= 0) return
    const now = Date.now()
    if (now - this.started < this.delayMs || (now - this.lastDraw < 80 && done < total)) return
    this.lastDraw = now
    const width = 30
    const filled = Math.round((done / total) * width)
    const percent = Math.floor((done / total) * 100)
    this.io.stderr(`\r${this.label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(percent).padStart(3)}% ${done}/${total}`)
    this.drawn = true
  }

  /** Shows a stage without a count (for work that reports no progress of its own). */
  stage(text: string): void {
    if (!this.enabled || Date.now() - this.started < this.delayMs) return
    this.io.stderr(`\r\x1b[K${text}`)
    this.drawn = true
  }

  finish(): void {
    if (this.drawn) this.io.stderr('\r\x1b[K')
    this.drawn = false
  }
}

// ---------------------------------------------------------------------------------------------
// Writing

/**
 * Writes the document in the format to `out`, through a temporary file renamed into place, so
 * a failed export never leaves a half-written file behind. Returns the number of units written.
 */
export async function writeExportFile(
  io: CliIO,
  doc: BilingualDocument,
  target: { format: ExportFormat; out: string },
  options: ExportOptions,
  progress: ProgressBar = new ProgressBar(io, `writing ${target.format}`)
): Promise<number> {
  const font = target.format === 'html' ? { persianFontWoff2Base64: await persianFontBase64() } : {}
  const content = await FORMAT_WRITERS[target.format].write(doc, { ...options, ...font, onProgress: (done, total) => progress.update(done, total) })
  progress.finish()
  writeFileAtomically(target.out, content)
  return selectUnits(doc, options).length
}

/** Writes through a temporary file renamed into place: a failed write never leaves half a file. */
function writeFileAtomically(out: string, content: string | Uint8Array): void {
  const temporary = join(dirname(resolve(out)), `.${basename(out)}.${process.pid}.tmp`)
  try {
    writeFileSync(temporary, content)
    renameSync(temporary, out)
  } catch (error) {
    rmSync(temporary, { force: true })
    const code = (error as NodeJS.ErrnoException).code
    throw new UserError(`${out} cannot be written (${code ?? (error as Error).message}).`, 'unwritable')
  }
}

// ---------------------------------------------------------------------------------------------
// Reading the document

function readJsonFile(path: string, what: string): unknown {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') throw new UserError(`${path}: no such file.`, 'not-found')
    if (code === 'EISDIR') throw new UserError(`${path} is a folder, not ${what}.`, 'not-file')
    throw new UserError(`${path} cannot be read (${code ?? 'error'}).`, 'unreadable')
  }
  try {
    return JSON.parse(text.replace(/^\ufeff/, ''))
  } catch (error) {
    throw new UserError(`${path} is not ${what}: ${(error as Error).message}.`, 'invalid-json')
  }
}

/** Validates a document, first bringing one written by an older Hamta up to the current format. */
function checkedDocument(value: unknown, path: string, what: string): HamtaDocument {
  const version = (value as { schemaVersion?: unknown } | null)?.schemaVersion
  if (typeof version === 'number') {
    try {
      value = migrateFile({ schemaVersion: version, document: value }).file.document
    } catch (error) {
      throw new UserError(`${path}: ${(error as Error).message}.`, 'invalid-document')
    }
  }
  const result = validateDocument(value)
  if (!result.ok) throw new UserError(`${path} is not a valid ${what}: ${result.problem}.`, 'invalid-document')
  return result.document
}

/** A Hamta JSON export: `{"format":"hamta-document","document":{...}}`. */
export function readHamtaExport(path: string): HamtaDocument {
  const value = readJsonFile(path, 'a Hamta JSON export') as { format?: unknown; document?: unknown; schemaVersion?: unknown } | null
  if (value && typeof value === 'object' && value.format === 'hamta-document') return checkedDocument(value.document, path, 'Hamta document')
  // A library document file (`{"schemaVersion":1,"document":{...}}`) holds the same document.
  if (value && typeof value === 'object' && typeof value.schemaVersion === 'number' && value.document)
    return checkedDocument(value.document, path, 'Hamta document')
  throw new UserError(`${path} is not a Hamta JSON export (expected {"format": "hamta-document", "document": ...}).`, 'invalid-document')
}

const SAFE_DOCUMENT_ID = /^[A-Za-z0-9_-]{1,100}$/

/**
 * Reads one document from a library folder, read only: `DIR/documents/ID.json`, shaped
 * `{"schemaVersion":1,"document":{...}}`. Kept apart so it can follow the library store.
 */
export function readLibraryDocument(libraryDir: string, id: string): HamtaDocument {
  if (!SAFE_DOCUMENT_ID.test(id)) throw new UserError(`'${id}' is not a document id (letters, digits, - and _ only).`, 'usage')
  if (!existsSync(libraryDir) || !statSync(libraryDir).isDirectory()) throw new UserError(`${libraryDir}: no such library folder.`, 'not-found')
  const path = join(libraryDir, 'documents', `${id}.json`)
  if (!existsSync(path)) throw new UserError(`the library ${libraryDir} has no document ${id}.`, 'not-found')
  const value = readJsonFile(path, 'a library document file') as { schemaVersion?: unknown; document?: unknown } | null
  if (!value || typeof value !== 'object' || typeof value.schemaVersion !== 'number') {
    throw new UserError(`${path} is not a library document file (expected {"schemaVersion": 1, "document": ...}).`, 'invalid-document')
  }
  return checkedDocument(value.document, path, 'library document')
}

/** The original file a document was imported from, kept in the library under originals/. */
function readKeptOriginal(libraryDir: string, relative: string): Uint8Array {
  if (!/^originals\/[A-Za-z0-9_-]{1,100}(\.[A-Za-z0-9]{1,12})?$/.test(relative))
    throw new UserError(`${relative} is not a kept original's path.`, 'invalid-document')
  const path = join(libraryDir, relative)
  if (!existsSync(path))
    throw new UserError(`the original file of this document (${path}) is missing, so it cannot be saved back into it.`, 'not-found')
  return new Uint8Array(readFileSync(path))
}

// ---------------------------------------------------------------------------------------------
// The command

interface ExportArgs {
  file?: string
  library?: string
  doc?: string
  output: OutputOptions
}

function parseArgs(args: string[]): ExportArgs {
  const parsed: ExportArgs = { output: newOutputOptions() }
  const files: string[] = []
  for (let k = 0; k < args.length; k++) {
    const arg = args[k]
    const used = parseOutputOption(args, k, parsed.output)
    if (used >= 0) {
      k = used
      continue
    }
    const name = arg.split('=')[0]
    if (name === '--library' || name === '--doc') {
      const [value, next] = optionValue(args, k, name)
      if (name === '--library') parsed.library = value
      else parsed.doc = value
      k = next
    } else if (arg.startsWith('-') && arg !== '-') throw new UserError(`unknown option ${arg}. Run 'hamta export --help'.`, 'usage')
    else files.push(arg)
  }
  if (files.length > 1) throw new UserError(`expected one document, got ${files.length}. Run 'hamta export --help'.`, 'usage')
  parsed.file = files[0]
  return parsed
}

export const exportCommand: CliCommand = {
  name: 'export',
  summary: 'export a document as TMX, XLIFF, DOCX, HTML, Markdown, CSV/TSV, JSON or English text',
  usage: USAGE,
  async run(args, io) {
    const options = parseArgs(args)
    // `hamta export ID --library DIR`: with a library, DOC is a document id.
    if (options.file && options.library && !options.doc && !existsSync(options.file)) {
      options.doc = options.file
      options.file = undefined
    }
    if (options.file && (options.doc || options.library)) throw new UserError('give either DOC or --library DIR --doc ID, not both.', 'usage')
    if (!options.file && !options.doc)
      throw new UserError(`no document given: hamta export DOC or --library DIR --doc ID. Run 'hamta export --help'.`, 'usage')
    const target = checkOutputOptions(options.output, 'export')
    if (!target) throw new UserError(`--format and --out are required. Run 'hamta export --help'.`, 'usage')
    let document: HamtaDocument
    if (options.file) document = readHamtaExport(options.file)
    else {
      const library = options.library ?? io.env.HAMTA_LIBRARY
      if (!library) throw new UserError('--doc needs --library DIR (or HAMTA_LIBRARY).', 'usage')
      document = readLibraryDocument(library, options.doc!)
    }
    if (target.format === 'original') {
      const kept = document.origin.original
      if (!kept) throw noOriginal(document)
      const library = options.library ?? io.env.HAMTA_LIBRARY
      if (!library) throw new UserError('--format original needs the library the document was imported into (--library DIR).', 'usage')
      const rendered = await renderOriginal(document, readKeptOriginal(library, kept.path))
      writeFileAtomically(target.out, rendered.content)
      io.stdout(`wrote ${target.out} (original ${kept.format}, ${document.rows.length} ${document.rows.length === 1 ? 'row' : 'rows'})\n`)
      return 0
    }
    if (target.format === 'json' && !options.output.exportOptions.approvedOnly && options.output.exportOptions.includeUntranslated !== false) {
      // Hamta's own JSON is the whole stored document, original text and all.
      writeFileAtomically(target.out, (await renderExport(document, 'json')).content)
      io.stdout(`wrote ${target.out} (json, ${document.rows.length} ${document.rows.length === 1 ? 'unit' : 'units'})\n`)
      return 0
    }
    const units = await writeExportFile(io, toBilingual(document), target, options.output.exportOptions)
    io.stdout(`wrote ${target.out} (${target.format}, ${units} ${units === 1 ? 'unit' : 'units'})\n`)
    return 0
  }
}

import { createHash } from 'node:crypto'
import { basename, extname } from 'node:path'
import { alignTranslation } from '../../core/align/document-alignment'
import type { GlossaryPair } from '../../core/align/anchors'
import type { DictionaryIndex, DictionaryPair } from '../../core/align/lexicon'
import { UserError } from '../../core/errors'
import { fromBilingual } from '../../core/formats/bilingual'
import { readOriginalDocx } from '../../core/formats/docx-original'
import { INTERCHANGE_EXTENSIONS, readInterchange } from '../../core/formats/index'
import {
  checkBilingualLanguages,
  checkLanguages,
  isHamtaXliff,
  originalXliffToDocument,
  parseOriginalXliff,
  sniffInterchange
} from '../../core/formats/xliff-original'
import { readDocument } from '../../core/import'
import { createDocument, summarize, type DocumentSummary, type HamtaDocument } from '../../core/model'
import { tagsForImportedNames, type TagDefinition } from '../../core/review/palette'
import { validateDocument } from '../../core/schema'
import { assertPersianText, decodeTextFile, persianLetterShare } from '../../core/text/decode'
import { segmentParagraphs } from '../../core/text/segment'
import { DOCUMENT_FILE_VERSION, migrateFile } from '../store/migrations'
import { serializeDocumentFileToBytes } from '../store/document-format'

export interface ImportFile {
  fileName: string
  bytes: Uint8Array
}

/** Everything an import needs, as plain data: it may run in a worker thread. */
export interface ImportJob {
  source: ImportFile
  /** An English translation to align with the Persian (Align an existing translation). */
  translation?: ImportFile
  id: string
  now: string
  /** Tag names (lower case) to this library's tag ids, for files from other tools. */
  tagIds: Record<string, string>
  /** Names linked across the library, anchors for the aligner. */
  glossary?: GlossaryPair[]
  /** Word pairs learned from the library's confirmed rows (learnDictionary), for the aligner. */
  dictionary?: DictionaryPair[]
  /** The general word list, prepared (indexDictionary). */
  wordList?: DictionaryIndex
}

export type ImportStage = 'reading' | 'segmenting' | 'aligning' | 'saving'

/** The prepared document as the bytes of its library file, ready to write, and its summary. */
export interface PreparedImport {
  id: string
  summary: DocumentSummary
  fileBytes: Uint8Array
  /** Tags the file names that the palette lacks; they go into the palette before the document is stored. */
  newTags?: TagDefinition[]
  /** The imported file itself, kept in the library (`originals/<id>.<ext>`) to save the translation back into. */
  original?: { path: string; bytes: Uint8Array }
}

/** Reads an English translation file; refuses binary, empty and Persian text. */
export async function readEnglish({ fileName, bytes }: ImportFile): Promise<string> {
  const name = basename(fileName)
  const { text } = await readDocument(name, bytes)
  if (!text.trim()) throw new UserError(`${name} has no text in it.`, 'empty')
  if (persianLetterShare(text) > 0.5) throw new UserError(`${name} looks like Persian, not an English translation.`, 'not-english')
  return text
}

/**
 * Reads a file into a new document without storing it: a Persian text (checked and segmented),
 * a bilingual XLIFF or TMX file from another tool, or a Hamta JSON export.
 */
export async function readImport(
  job: ImportJob,
  onStage: (stage: ImportStage) => void = () => undefined,
  newTags: TagDefinition[] = [],
  kept: { original?: { path: string; bytes: Uint8Array } } = {}
): Promise<HamtaDocument> {
  const { fileName, bytes } = job.source
  const name = basename(fileName)
  const extension = extname(name).toLowerCase()
  onStage('reading')
  // An .xml file is XLIFF or TMX when its root element says so (Okapi names its samples .xml).
  const sniffed = extension === '.xml' ? sniffInterchange(bytes) : undefined
  const xliff = sniffed === 'xliff' || (extension !== '.tmx' && (INTERCHANGE_EXTENSIONS as readonly string[]).includes(extension))
  if (xliff && !isHamtaXliff(bytes)) {
    // A client's file: its units become rows and the file is kept, to be saved back translated.
    const parsed = parseOriginalXliff(bytes, { fileName: name })
    if (parsed.segments.every((segment) => segment.empty)) throw new UserError(`${name} holds no text to translate.`, 'empty')
    checkLanguages(parsed, name)
    const path = `originals/${job.id}${extension === '.xml' ? '.xlf' : extension}`
    kept.original = { path, bytes }
    const sha256 = createHash('sha256').update(bytes).digest('hex')
    return originalXliffToDocument(parsed, { id: job.id, now: job.now, fileName: name, original: { path, sha256 } })
  }
  if (sniffed || (INTERCHANGE_EXTENSIONS as readonly string[]).includes(extension)) {
    const bilingual = readInterchange(bytes, { fileName: name })
    if (bilingual.units.length === 0) throw new UserError(`${name} holds no translation units.`, 'empty')
    checkBilingualLanguages(bilingual, name)
    // Tags travel by name between tools; here they become this library's tags, new names new tags.
    const tags = tagsForImportedNames(
      job.tagIds,
      bilingual.units.flatMap((unit) => unit.tags)
    )
    const document = fromBilingual(bilingual, { id: job.id, now: job.now, fileName: name, tagId: tags.idFor })
    newTags.push(...tags.added)
    return document
  }
  if (extension === '.json') return readHamtaJson(name, bytes, job)
  // A Word file (a zip) is kept and read paragraph by paragraph, to be saved back translated. With
  // a translation to align, the aligner reshapes the rows, so that import reads plain text instead.
  if (extension === '.docx' && !job.translation && bytes[0] === 0x50 && bytes[1] === 0x4b) {
    const path = `originals/${job.id}.docx`
    onStage('segmenting')
    const { document, text } = await readOriginalDocx(name, bytes, { id: job.id, now: job.now, path })
    assertPersianText(text, name)
    if (document.rows.length === 0) throw new UserError(`${name} has no sentences to translate.`, 'empty')
    kept.original = { path, bytes }
    return document
  }
  // Text, Markdown, HTML, DOCX and PDF; readDocument refuses anything else with a clear message.
  const imported = await readDocument(name, bytes)
  const { text } = imported
  const encoding = imported.encoding ?? imported.format.toUpperCase()
  assertPersianText(text, name)
  onStage('segmenting')
  const paragraphs = segmentParagraphs(text)
  if (paragraphs.every((paragraph) => paragraph.sentences.length === 0)) {
    throw new UserError(`${name} has no sentences to translate.`, 'empty')
  }
  return createDocument({ id: job.id, now: job.now, fileName: name, encoding, originalText: text, paragraphs })
}

/** A Hamta JSON export, reloaded as a new document (a new id, so it never overwrites one). */
function readHamtaJson(name: string, bytes: Uint8Array, job: ImportJob): HamtaDocument {
  let parsed: { format?: string; document?: unknown }
  try {
    parsed = JSON.parse(decodeTextFile(bytes, name).text)
  } catch (error) {
    if (error instanceof UserError) throw error
    throw new UserError(`${name} is not valid JSON (${(error as Error).message}).`, 'invalid-json')
  }
  if (parsed?.format !== 'hamta-document') throw new UserError(`${name} is not a Hamta document export.`, 'unsupported-format')
  const raw = parsed.document as { schemaVersion?: number } | undefined
  const migrated = raw && typeof raw.schemaVersion === 'number' ? migrateFile({ schemaVersion: raw.schemaVersion, document: raw }).file.document : raw
  const checked = validateDocument(migrated)
  if (!checked.ok) throw new UserError(`${name} does not hold a valid Hamta document (${checked.problem}).`, 'invalid-document')
  return { ...checked.document, id: job.id, origin: { ...checked.document.origin, fileName: name, importedAt: job.now } }
}

/** An English translation to align with a document already in the library: plain data, it may run in a worker thread. */
export interface AlignJob {
  document: HamtaDocument
  translation: ImportFile
  now: string
  glossary?: GlossaryPair[]
  dictionary?: DictionaryPair[]
  wordList?: DictionaryIndex
}

/** The document with the translation read and aligned with its rows (Import translation…). */
export async function prepareAlignment(job: AlignJob): Promise<HamtaDocument> {
  const english = await readEnglish(job.translation)
  return alignTranslation(job.document, english, job.now, { glossary: job.glossary ?? [], dictionary: job.dictionary, wordList: job.wordList })
}

/** The whole import, up to the bytes of the library file: what a worker does off the app's thread. */
export async function prepareImport(job: ImportJob, onStage: (stage: ImportStage) => void = () => undefined): Promise<PreparedImport> {
  const newTags: TagDefinition[] = []
  const kept: { original?: { path: string; bytes: Uint8Array } } = {}
  let document = await readImport(job, onStage, newTags, kept)
  if (job.translation) {
    onStage('aligning')
    document = await prepareAlignment({ ...job, document, translation: job.translation })
  }
  onStage('saving')
  const fileBytes = serializeDocumentFileToBytes({ schemaVersion: DOCUMENT_FILE_VERSION, document })
  return {
    id: document.id,
    summary: summarize(document),
    fileBytes,
    ...(newTags.length > 0 ? { newTags } : {}),
    ...(kept.original ? { original: kept.original } : {})
  }
}

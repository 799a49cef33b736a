/**
 * The one API between the renderer and the main-process services. Electron serves it over IPC,
 * browser mode over HTTP; both validate every call's input with these schemas before a service
 * sees it.
 */
import { z } from 'zod'
import { MAX_IMPORT_BYTES } from '../core/import/limits'
import { UserError } from '../core/errors'
import type { DocumentSummary, HamtaDocument, Row, TrashedDocument } from '../core/model'
import type { AlignmentEdit } from '../core/align/document-alignment'
import { EXPORT_FORMATS, type ExportFormat } from '../core/formats/catalog'
import { ALIGNMENT_STATUSES, ROW_STATUSES } from '../core/model'
import type { TagDefinition } from '../core/review/palette'
import type { CleanupProposal } from '../core/text/cleanup'
import type { Analysis } from '../core/tm/analysis'
import type { ConcordanceUnit, MemoryInfo, PretranslatedMark, TmMatch } from '../core/tm/types'
import { API_METHODS, type ApiMethod } from './methods'
import { QA_CHECKS, type QaCheckName } from '../core/qa/finding'
import type { QaReport } from '../core/qa/runner'
import { TERM_STATUSES, type Term } from '../core/terms/model'
import { teamInputSchemas, type TeamApiResults } from './team-contract'

export { API_METHODS, type ApiMethod }

const id = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9_.-]+$/, 'must be letters, digits, dot, dash or underscore')

/** The largest file Hamta imports (one limit for every way in). Files travel as base64 so the main process can detect their encoding. */
export { MAX_IMPORT_BYTES }

/** Megabytes for people, to a tenth: "140 MB", "100.2 MB". */
export function formatMegabytes(bytes: number, round: (value: number) => number = Math.round): string {
  return `${round((bytes / (1024 * 1024)) * 10) / 10} MB`
}

/** What the user is told about a file over the limit; `subject` is "The file is", "notes.txt is" and so on. */
export function importTooLargeMessage(bytes: number, subject = 'The file is', estimated = false): string {
  const limit = formatMegabytes(MAX_IMPORT_BYTES)
  let size = formatMegabytes(bytes)
  // A file just over the limit must not read as the limit itself.
  if (bytes > MAX_IMPORT_BYTES && size === limit) size = formatMegabytes(bytes, Math.ceil)
  return `${subject} ${estimated ? 'about ' : ''}${size}; Hamta imports files up to ${limit}.`
}

/** Bytes a base64 text decodes to (padding aside), without decoding it. */
export function base64Bytes(base64: string): number {
  const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0
  return Math.floor((base64.length * 3) / 4) - padding
}

/** Base64 characters that carry a file of the largest size. */
export const MAX_IMPORT_BASE64_LENGTH = Math.ceil(MAX_IMPORT_BYTES / 3) * 4

/**
 * Refuses a file over the size limit with a message about its size, not a schema message: the
 * issue carries the code parseInput turns into a UserError as it is.
 */
function checkImportSize(file: { fileName: string; dataBase64: string }, context: z.RefinementCtx): void {
  if (base64Bytes(file.dataBase64) <= MAX_IMPORT_BYTES) return
  context.addIssue({
    code: 'custom',
    path: ['dataBase64'],
    message: importTooLargeMessage(base64Bytes(file.dataBase64), `${file.fileName} is`),
    params: { userErrorCode: 'too-large' }
  })
}

export { EXPORT_FORMATS, type ExportFormat }

/** Settings of a library: who is writing comments. */
/** Settings of a library: who is writing comments, and how the translation memory offers matches. */
export const settingsSchema = z.object({
  authorName: z.string().max(100),
  /** Lowest match score shown (Trados and memoQ default to 70). */
  tmMinScore: z.number().int().min(0).max(100).default(70),
  tmMaxMatches: z.number().int().min(1).max(20).default(5),
  /** Put an exact match into an empty row on entering it. */
  tmAutoInsertExact: z.boolean().default(false)
})
export type LibrarySettings = z.infer<typeof settingsSchema>
export const DEFAULT_SETTINGS: LibrarySettings = { authorName: '', tmMinScore: 70, tmMaxMatches: 5, tmAutoInsertExact: false }

const fileName = z.string().min(1).max(500)
const dataBase64 = z.string()
const importedFileFields = z.object({ fileName, dataBase64 }).strict()
const importedFile = importedFileFields.superRefine(checkImportSize)
const side = z.enum(['source', 'target'])

const alignmentEdit = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('mergeWithNext'), rowId: id }).strict(),
  z.object({ kind: z.literal('splitRow'), rowId: id, sourceCount: z.number().int().min(0), targetCount: z.number().int().min(0) }).strict(),
  z.object({ kind: z.literal('moveSentence'), rowId: id, side, direction: z.enum(['previous', 'next']) }).strict(),
  z.object({ kind: z.literal('detachSentence'), rowId: id, side, which: z.enum(['first', 'last']) }).strict(),
  z.object({ kind: z.literal('setAlignmentStatus'), rowId: id, status: z.enum(ALIGNMENT_STATUSES) }).strict()
]) satisfies z.ZodType<AlignmentEdit>

const termText = z.string().min(1).max(500)
const termFields = z.object({
  fa: termText,
  en: termText,
  alternatives: z.array(termText).max(100).optional(),
  forbidden: z.array(termText).max(100).optional(),
  note: z.string().max(5000).optional(),
  domain: z.string().max(200).optional(),
  status: z.enum(TERM_STATUSES).optional()
})

/** Spelling variety of the QA spelling check, and of nothing else. */
export interface QaSettings {
  spelling: 'en-US' | 'en-GB'
}

export const inputSchemas = {
  getAppInfo: z.object({}).strict(),
  listDocuments: z.object({}).strict(),
  listProblems: z.object({}).strict(),
  listSamples: z.object({}).strict(),
  importSample: z.object({ sampleId: id }).strict(),
  importDocument: importedFileFields.extend({ jobId: id.optional() }).superRefine(checkImportSize),
  importProgress: z.object({ jobId: id }).strict(),
  cancelImport: z.object({ jobId: id }).strict(),
  getDocument: z.object({ documentId: id }).strict(),
  saveTarget: z
    .object({
      documentId: id,
      rowId: id,
      target: z.string().max(1_000_000),
      /** English span tags as the editor's marks put them; omitted when only the text changed. */
      targetSpans: z
        .array(z.object({ id: z.string().max(100).optional(), tag: id, start: z.number().int().min(0), end: z.number().int().min(0) }).strict())
        .max(10_000)
        .optional()
    })
    .strict(),
  setRowStatus: z.object({ documentId: id, rowId: id, status: z.enum(ROW_STATUSES), reason: z.string().max(10_000).optional() }).strict(),
  deleteDocument: z.object({ documentId: id }).strict(),
  restoreDocument: z.object({ documentId: id }).strict(),
  listTrash: z.object({}).strict(),
  exportDocument: z
    .object({
      documentId: id,
      format: z.enum(EXPORT_FORMATS),
      options: z
        .object({
          approvedOnly: z.boolean().optional(),
          includeComments: z.boolean().optional(),
          includeUntranslated: z.boolean().optional(),
          englishOnly: z.boolean().optional(),
          statusColumn: z.boolean().optional(),
          rawCells: z.boolean().optional()
        })
        .strict()
        .optional()
    })
    .strict(),
  importTranslation: z.object({ documentId: id, fileName, dataBase64, replace: z.boolean().optional() }).strict().superRefine(checkImportSize),
  importPair: z.object({ source: importedFile, target: importedFile, jobId: id.optional() }).strict(),
  editAlignment: z.object({ documentId: id, edit: alignmentEdit }).strict(),
  undoDocumentEdit: z.object({ documentId: id }).strict(),
  redoDocumentEdit: z.object({ documentId: id }).strict(),
  getPalette: z.object({}).strict(),
  createTag: z.object({ name: z.string().min(1).max(40), color: z.string().max(20), shortcut: z.string().max(40).optional() }).strict(),
  updateTag: z
    .object({
      tagId: id,
      name: z.string().min(1).max(40).optional(),
      color: z.string().max(20).optional(),
      shortcut: z.string().max(40).nullable().optional()
    })
    .strict(),
  deleteTag: z.object({ tagId: id, confirmed: z.boolean().optional() }).strict(),
  getSettings: z.object({}).strict(),
  updateSettings: settingsSchema.partial().strict(),
  tmLookup: z
    .object({ documentId: id, rowId: id, min: z.number().min(0).max(101).optional(), max: z.number().int().min(1).max(20).optional() })
    .strict(),
  tmConcordance: z.object({ text: z.string().min(1).max(500), lang: z.enum(['fa', 'en']).optional() }).strict(),
  tmListMemories: z.object({}).strict(),
  tmImportMemory: z.object({ fileName, dataBase64, name: z.string().min(1).max(200).optional() }).strict(),
  tmUpdateMemory: z.object({ memoryId: id, enabled: z.boolean().optional(), penalty: z.number().int().min(0).max(100).optional() }).strict(),
  tmRemoveMemory: z.object({ memoryId: id }).strict(),
  tmExport: z.object({ documentId: id.optional() }).strict(),
  tmPretranslate: z.object({ documentId: id, min: z.number().int().min(0).max(101) }).strict(),
  tmAnalyze: z.object({ documentId: id }).strict(),
  tmMemoryDrafts: z.object({ documentId: id }).strict(),
  tmPropagate: z.object({ documentId: id, rowId: id }).strict(),
  tmOccurrenceDiffers: z.object({ documentId: id, rowId: id }).strict(),
  toggleRowTag: z.object({ documentId: id, rowId: id, tagId: id }).strict(),
  addSourceSpan: z
    .object({ documentId: id, rowId: id, sentenceId: id, start: z.number().int().min(0), end: z.number().int().min(0), tagId: id })
    .strict(),
  removeSpan: z.object({ documentId: id, rowId: id, spanId: id }).strict(),
  linkSpans: z.object({ documentId: id, rowId: id, sourceSpanId: id, targetSpanId: id }).strict(),
  unlinkSpan: z.object({ documentId: id, rowId: id, spanId: id }).strict(),
  addComment: z.object({ documentId: id, rowId: id, text: z.string().min(1).max(20_000) }).strict(),
  resolveComment: z.object({ documentId: id, rowId: id, commentId: id }).strict(),
  reopenComment: z.object({ documentId: id, rowId: id, commentId: id }).strict(),
  deleteComment: z.object({ documentId: id, rowId: id, commentId: id }).strict(),
  setDoNotTranslate: z.object({ documentId: id, rowId: id, doNotTranslate: z.boolean() }).strict(),
  splitSentence: z.object({ documentId: id, rowId: id, sentenceId: id, offset: z.number().int().min(1) }).strict(),
  mergeSentence: z.object({ documentId: id, rowId: id, sentenceId: id }).strict(),
  proposeCleanup: z.object({ documentId: id }).strict(),
  applyCleanup: z.object({ documentId: id, proposalIds: z.array(z.string().min(1).max(400)).min(1).max(100_000) }).strict(),
  dismissCleanup: z.object({ documentId: id, proposalIds: z.array(z.string().min(1).max(400)).min(1).max(100_000) }).strict(),
  getTerms: z.object({}).strict(),
  addTerm: termFields.strict(),
  updateTerm: termFields.partial().extend({ termId: id }).strict(),
  deleteTerm: z.object({ termId: id }).strict(),
  importTerms: importedFileFields.superRefine(checkImportSize),
  exportTerms: z.object({ format: z.enum(['tbx', 'csv', 'tsv']) }).strict(),
  termSuggestions: z.object({}).strict(),
  runQa: z.object({ documentId: id, rowIds: z.array(id).max(1_000_000).optional(), checks: z.array(z.enum(QA_CHECKS)).optional() }).strict(),
  silenceFindings: z.object({ documentId: id, findingIds: z.array(z.string().min(1).max(1000)).min(1).max(100_000), silenced: z.boolean() }).strict(),
  exportQaReport: z.object({ documentId: id, format: z.enum(['html', 'csv']) }).strict(),
  getQaSettings: z.object({}).strict(),
  updateQaSettings: z.object({ spelling: z.enum(['en-US', 'en-GB']) }).strict(),
  ...teamInputSchemas
} satisfies Record<ApiMethod, z.ZodType>

export interface AppInfo {
  name: string
  version: string
  libraryPath: string
  mode: 'desktop' | 'browser'
  /** Set when the library opened read-only (read-only media, no permission): why, in words. */
  readOnly?: string
}

/** A running import: which stage it is at (reading, segmenting, aligning, saving) and for how long. */
export interface ImportProgressInfo {
  stage: 'queued' | 'reading' | 'segmenting' | 'aligning' | 'saving'
  elapsedMs: number
}

/** A file found damaged in the library, what was done, and where its bytes were kept. */
export interface LibraryProblemInfo {
  file: string
  documentId?: string
  message: string
  keptAt?: string
  restoredFrom?: string
  at: string
}

export interface SampleInfo {
  id: string
  title: string
  sentences: number
}

export interface RowUpdate {
  row: Row
  summary: DocumentSummary
  /** The document's undo history after the edit (every edit is recorded in it). */
  canUndo?: boolean
  canRedo?: boolean
}

export interface ExportedFile {
  fileName: string
  mimeType: string
  /** Text as is; binary formats (DOCX) as base64. */
  content: string
  encoding: 'utf8' | 'base64'
}

export interface ApiResults extends TeamApiResults {
  getAppInfo: AppInfo
  listDocuments: DocumentSummary[]
  listProblems: LibraryProblemInfo[]
  listSamples: SampleInfo[]
  importSample: DocumentSummary
  importDocument: DocumentSummary
  /** Null once the import has ended (or never ran). */
  importProgress: ImportProgressInfo | null
  cancelImport: { cancelled: boolean }
  getDocument: HamtaDocument
  saveTarget: RowUpdate
  setRowStatus: RowUpdate
  deleteDocument: { deleted: true }
  restoreDocument: DocumentSummary
  listTrash: TrashedDocument[]
  exportDocument: ExportedFile
  importTranslation: DocumentEditState
  importPair: DocumentSummary
  editAlignment: DocumentEditState
  undoDocumentEdit: DocumentEditState
  redoDocumentEdit: DocumentEditState
  getPalette: TagDefinition[]
  createTag: TagDefinition[]
  updateTag: TagDefinition[]
  deleteTag: TagDefinition[]
  getSettings: LibrarySettings
  updateSettings: LibrarySettings
  tmLookup: TmMatch[]
  tmConcordance: { units: ConcordanceUnit[]; more: boolean }
  tmListMemories: { memories: MemoryInfo[]; documentUnits: number }
  tmImportMemory: MemoryInfo
  tmUpdateMemory: MemoryInfo
  tmRemoveMemory: { removed: true }
  tmExport: ExportedFile
  /** How many rows were filled, and the document as it now is. */
  tmPretranslate: { filled: number; document: HamtaDocument }
  tmAnalyze: { analysis: Analysis; csv: string }
  /** Rows whose English is still what the memory put there: its score and where it came from. */
  tmMemoryDrafts: Record<string, PretranslatedMark>
  /** Rows that received a confirmed row's English because they hold the same sentence. */
  tmPropagate: { rowIds: string[]; document: HamtaDocument }
  tmOccurrenceDiffers: { document: HamtaDocument }
  toggleRowTag: RowUpdate
  addSourceSpan: RowUpdate
  removeSpan: RowUpdate
  linkSpans: RowUpdate
  unlinkSpan: RowUpdate
  addComment: RowUpdate
  resolveComment: RowUpdate
  reopenComment: RowUpdate
  deleteComment: RowUpdate
  setDoNotTranslate: RowUpdate
  splitSentence: DocumentEditState
  mergeSentence: DocumentEditState
  proposeCleanup: CleanupProposal[]
  applyCleanup: DocumentEditState
  dismissCleanup: CleanupProposal[]
  getTerms: Term[]
  addTerm: Term
  updateTerm: Term
  deleteTerm: { deleted: true }
  importTerms: { added: number; updated: number; skipped: string[]; format: 'tbx' | 'csv' | 'tsv' | 'xlsx' }
  exportTerms: ExportedFile
  termSuggestions: Array<{ fa: string; en: string }>
  runQa: QaReport
  silenceFindings: { silenced: string[] }
  exportQaReport: ExportedFile
  getQaSettings: QaSettings
  updateQaSettings: QaSettings
}

export type { QaCheckName }

/** A document after a structural edit (alignment, sentences, cleanup), and whether undo and redo are possible. */
export interface DocumentEditState {
  document: HamtaDocument
  canUndo: boolean
  canRedo: boolean
}

export type ApiInput<M extends ApiMethod> = z.infer<(typeof inputSchemas)[M]>

/** The typed client both transports implement and every service handler set fulfils. */
export type HamtaApi = { [M in ApiMethod]: (input: ApiInput<M>) => Promise<ApiResults[M]> }

/** Errors cross the process boundary as this shape; `code` lets the renderer tell kinds apart. */
export interface ApiErrorBody {
  error: { code: string; message: string }
}

export class ApiInputError extends Error {
  constructor(method: string, issues: string) {
    super(`Invalid input for ${method}: ${issues}`)
    this.name = 'UserError'
  }
}

export function isApiMethod(name: string): name is ApiMethod {
  return (API_METHODS as readonly string[]).includes(name)
}

export function parseInput<M extends ApiMethod>(method: M, input: unknown): ApiInput<M> {
  const result = inputSchemas[method].safeParse(input ?? {})
  if (!result.success) {
    // A problem the user can act on (a file too large) is told in its own words.
    for (const issue of result.error.issues) {
      const code = issue.code === 'custom' ? (issue.params as { userErrorCode?: string } | undefined)?.userErrorCode : undefined
      if (code) throw new UserError(issue.message, code)
    }
    const issues = result.error.issues.map((issue) => `${issue.path.join('.') || 'input'} ${issue.message}`).join('; ')
    throw new ApiInputError(method, issues)
  }
  return result.data as ApiInput<M>
}

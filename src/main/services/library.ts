import { AsyncLocalStorage } from 'node:async_hooks'
import { randomUUID } from 'node:crypto'
import { readdir, readFile, stat } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { editAlignment, type AlignmentEdit } from '../../core/align/document-alignment'
import { alignmentHints, type AlignmentHints } from '../../core/align/hints'
import type { DictionaryIndex } from '../../core/align/lexicon'
import { flagsOf, historyFor, record, redoStep, undoStep, type DocumentHistory, type HistoryFlags } from '../../core/history/document-history'
import { UserError } from '../../core/errors'
import type { ExportFormat } from '../../core/formats/catalog'
import { renderExport } from '../../core/formats/document-export'
import type { ExportOptions } from '../../core/formats/index'
import {
  setRowStatus,
  setRowTarget,
  summarize,
  type DocumentSummary,
  type HamtaDocument,
  type Row,
  type RowStatus,
  type TrashedDocument
} from '../../core/model'
import {
  addImportedTags,
  countTagUsage,
  DEFAULT_PALETTE,
  deleteTag,
  describeTagDeletion,
  parsePalette,
  removeTagFromDocument,
  type TagDefinition,
  type TagPalette
} from '../../core/review/palette'
import { DEFAULT_SETTINGS, settingsSchema, type DocumentEditState, type ExportedFile, type LibrarySettings } from '../../shared/contract'
import { LibraryStore, type LibraryProblem, type LibraryStoreOptions } from '../store/library-store'
import { importCancelled, runAlignHere, runImportHere, type RunAlign, type RunImport } from '../import/import-runner'
import { persianFontBase64 } from './export-fonts'
import { TranslationMemoryService } from './translation-memory'
import { importedMemoriesDir } from '../store/tm-store'
import { TERMBASE_FILE, TermbaseStore } from '../store/termbase-store'
import type { ImportFile, ImportJob, ImportStage } from '../import/prepare-import'

/** What a change listener is told besides the document: whether a team sync made the change. */
export interface DocumentChange {
  fromTeamSync: boolean
}

/** Marks the writes a team sync makes, however deep in its awaits: see asTeamSync. */
const teamSyncWrites = new AsyncLocalStorage<true>()

/**
 * Runs a team sync's work so that the changes it writes into documents are told to listeners as
 * the sync's own: they are not edits to send, and must not schedule another sync.
 */
export function asTeamSync<T>(work: () => Promise<T>): Promise<T> {
  return teamSyncWrites.run(true, work)
}

export interface LibraryOptions extends Partial<Omit<LibraryStoreOptions, 'libraryDir'>> {
  libraryDir: string
  samplesDir: string
  now?: () => string
  newId?: () => string
  /** Where imports are parsed: a worker thread in the app and browser mode, this thread otherwise. */
  runImport?: RunImport
  /** Where Import translation… aligns (default: this thread). The app gives it a worker: workerAlignRunner. */
  runAlign?: RunAlign
  /** A general English–Persian word list for aligning translations (the app's: loadWordList). */
  wordList?: () => Promise<DictionaryIndex | undefined>
}

/** How long after a save the translation memory takes the changed rows in. */
const MEMORY_SYNC_DELAY_MS = 800

/** An import while it runs, for its progress and its cancel button. */
export interface ImportProgressInfo {
  stage: ImportStage | 'queued'
  elapsedMs: number
}

interface RunningImport {
  stage: ImportStage | 'queued'
  startedAt: number
  controller: AbortController
}

export interface SampleFile {
  id: string
  path: string
}

/**
 * What translators do with their library: import, edit, export. Storage (files, lock, backups,
 * recovery) is the LibraryStore's business; this layer turns requests into pure document edits.
 */
export class LibraryService {
  private readonly now: () => string
  private readonly newId: () => string
  /**
   * One undo history per document, in the order edits were made: typing (a row's saves joined
   * into one step), statuses, tags, comments, cleanup, sentence and alignment edits. Kept in
   * memory for as long as the library is open.
   */
  private readonly editHistory = new Map<string, DocumentHistory>()
  private readonly imports = new Map<string, RunningImport>()
  private openMemory: Promise<TranslationMemoryService> | null = null
  private readonly memorySyncs = new Map<string, NodeJS.Timeout>()
  private readonly runner: RunImport
  private readonly aligner: RunAlign

  private constructor(
    private readonly store: LibraryStore,
    private readonly options: LibraryOptions
  ) {
    this.now = options.now ?? (() => new Date().toISOString())
    this.newId = options.newId ?? (() => randomUUID().replace(/-/g, '').slice(0, 16))
    this.runner = options.runImport ?? runImportHere
    this.aligner = options.runAlign ?? runAlignHere
  }

  static async open(options: LibraryOptions): Promise<LibraryService> {
    const store = await LibraryStore.open({ ...options, tool: options.tool ?? 'Hamta' })
    return new LibraryService(store, options)
  }

  get libraryDir(): string {
    return this.store.libraryDir
  }

  get problems(): LibraryProblem[] {
    return this.store.problems
  }

  /** Why the library cannot be changed (read-only media or permissions); '' when it can. */
  get readOnlyReason(): string {
    return this.store.readOnlyReason
  }

  listDocuments(): DocumentSummary[] {
    return this.store.list()
  }

  /** Reads every document so damaged files are found (and restored) now rather than later. */
  async verify(): Promise<void> {
    await this.store.verifyAll()
  }

  async getDocument(id: string): Promise<HamtaDocument> {
    return this.store.read(id)
  }

  /**
   * Imports a file as a new document. Nothing is written unless the whole file is acceptable.
   * With a `jobId`, the import's stage can be asked for and the import cancelled meanwhile.
   */
  async importFile(fileName: string, bytes: Uint8Array, jobId?: string): Promise<DocumentSummary> {
    return this.runImport({ source: { fileName, bytes } }, jobId)
  }

  /** Where an import is, while it runs; null when no import of that id is running. */
  importProgress(jobId: string): ImportProgressInfo | null {
    const job = this.imports.get(jobId)
    return job ? { stage: job.stage, elapsedMs: Date.now() - job.startedAt } : null
  }

  /** Stops an import: nothing of it is stored. False when no import of that id is running. */
  cancelImport(jobId: string): boolean {
    const job = this.imports.get(jobId)
    job?.controller.abort()
    return job !== undefined
  }

  private async runImport(files: Pick<ImportJob, 'source' | 'translation'>, jobId = `import-${this.newId()}`): Promise<DocumentSummary> {
    if (this.imports.has(jobId)) throw new UserError(`An import ${jobId} is already running.`, 'exists')
    const tracked: RunningImport = { stage: 'queued', startedAt: Date.now(), controller: new AbortController() }
    this.imports.set(jobId, tracked)
    try {
      const tagIds = Object.fromEntries((await this.palette()).map((tag) => [tag.name.toLowerCase(), tag.id]))
      const hints = files.translation ? await this.alignmentHints() : undefined
      const job: ImportJob = {
        ...files,
        id: this.newId(),
        now: this.now(),
        tagIds,
        glossary: hints?.glossary,
        dictionary: hints?.dictionary,
        wordList: hints?.wordList
      }
      const prepared = await this.runner(job, { signal: tracked.controller.signal, onStage: (stage) => (tracked.stage = stage) })
      if (tracked.controller.signal.aborted) throw importCancelled(basename(files.source.fileName))
      tracked.stage = 'saving'
      // The palette first: a document whose tags are missing from it could never show or lose them.
      if (prepared.newTags) await this.changePalette((palette) => addImportedTags(palette, prepared.newTags!))
      const summary = await this.store.createPrepared(prepared)
      this.noteChanged(summary.id)
      return summary
    } finally {
      this.imports.delete(jobId)
    }
  }

  async saveTarget(documentId: string, rowId: string, target: string): Promise<{ row: Row; summary: DocumentSummary } & HistoryFlags> {
    return this.updateRow(documentId, rowId, (doc) => setRowTarget(doc, rowId, target, this.now()), rowId)
  }

  async setRowStatus(documentId: string, rowId: string, status: RowStatus): Promise<{ row: Row; summary: DocumentSummary } & HistoryFlags> {
    return this.updateRow(documentId, rowId, (doc) => setRowStatus(doc, rowId, status, this.now()))
  }

  private async updateRow(
    documentId: string,
    rowId: string,
    change: (doc: HamtaDocument) => HamtaDocument,
    typingRow?: string
  ): Promise<{ row: Row; summary: DocumentSummary } & HistoryFlags> {
    const next = await this.edit(documentId, change, { typingRow })
    return { row: next.rows.find((row) => row.id === rowId)!, summary: summarize(next), ...this.historyFlags(documentId) }
  }

  /** Aligns an existing English translation with a document's Persian sentences. */
  async importTranslation(documentId: string, fileName: string, bytes: Uint8Array, replace = false): Promise<DocumentEditState> {
    const current = await this.getDocument(documentId)
    if (!replace && current.rows.some((row) => row.target.trim())) {
      throw new UserError('This document already has English. Importing a translation replaces it; confirm to go on.', 'has-translation')
    }
    const { glossary, dictionary, wordList } = await this.alignmentHints()
    const aligned = await this.aligner({ document: current, translation: { fileName, bytes }, now: this.now(), glossary, dictionary, wordList })
    return this.editStructure(documentId, (doc) => {
      // The rows were aligned as they stood when the import began: an edit since would be lost.
      if (doc.updatedAt !== current.updatedAt)
        throw new UserError(
          `${doc.title} changed while ${fileName} was being aligned with it; nothing was replaced. Import the translation again.`,
          'conflict'
        )
      return aligned
    })
  }

  private hintsCache: { key: string; hints: AlignmentHints } | null = null

  /**
   * What the library knows that helps align a new text (see alignmentHints): linked names,
   * confirmed rows, the imported memories' units and the termbase. Kept until one of them
   * changes, since reading every document and learning the pairs takes a while in a large library.
   */
  private async alignmentHints(): Promise<AlignmentHints> {
    const memory = await this.memoryIfAny()
    const termbase = await stat(join(this.libraryDir, TERMBASE_FILE)).catch(() => null)
    const key = [
      ...this.listDocuments().map((summary) => `${summary.id} ${summary.updatedAt}`),
      ...(memory?.listMemories() ?? []).map((info) => `memory ${info.id} ${info.units} ${info.enabled}`),
      `terms ${termbase?.mtimeMs ?? 0} ${termbase?.size ?? 0}`
    ].join('\n')
    if (this.hintsCache?.key === key) return this.hintsCache.hints
    const documents: HamtaDocument[] = []
    for (const summary of this.listDocuments()) {
      try {
        documents.push(await this.getDocument(summary.id))
      } catch {
        // A damaged document is reported elsewhere; it only lends no names here.
      }
    }
    const terms = termbase
      ? await new TermbaseStore({ libraryDir: this.libraryDir, writable: () => false }).readTermbase().then(
          (read) => read.terms,
          () => []
        )
      : []
    const memoryUnits = memory ? await memory.trainingUnits().catch(() => []) : []
    const wordList = await this.options.wordList?.()
    const hints = alignmentHints({ documents, memoryUnits, terms, wordList })
    this.hintsCache = { key, hints }
    return hints
  }

  /** The translation memory if it is open or has imported memories (opening it only to find none would slow every import). */
  private async memoryIfAny(): Promise<TranslationMemoryService | null> {
    if (!this.openMemory) {
      const imported = await readdir(importedMemoriesDir(this.libraryDir)).catch(() => [] as string[])
      if (!imported.some((name) => name.endsWith('.units'))) return null
    }
    return this.memory().catch(() => null)
  }

  /** A new document from a Persian article and its English translation, aligned. */
  async importPair(source: ImportFile, target: ImportFile, jobId?: string): Promise<DocumentSummary> {
    return this.runImport({ source, translation: target }, jobId)
  }

  async editAlignment(documentId: string, edit: AlignmentEdit): Promise<DocumentEditState> {
    return this.editStructure(documentId, (doc) => editAlignment(doc, edit, this.now()))
  }

  async undoDocumentEdit(documentId: string): Promise<DocumentEditState> {
    return this.step(documentId, 'undo')
  }

  async redoDocumentEdit(documentId: string): Promise<DocumentEditState> {
    return this.step(documentId, 'redo')
  }

  private async step(documentId: string, direction: 'undo' | 'redo'): Promise<DocumentEditState> {
    const document = await this.updateStored(documentId, (stored) => {
      const history = historyFor(this.editHistory.get(documentId), stored)
      const flags = flagsOf(history)
      if (direction === 'undo' ? !flags.canUndo : !flags.canRedo) {
        throw new UserError(direction === 'undo' ? 'There is no edit to undo.' : 'There is no edit to redo.', `nothing-to-${direction}`)
      }
      const next = direction === 'undo' ? undoStep(history) : redoStep(history)
      this.editHistory.set(documentId, next)
      return next.states.present
    })
    return { document, ...this.historyFlags(documentId) }
  }

  /** Whether the document has edits to undo or redo. */
  historyFlags(documentId: string): HistoryFlags {
    return flagsOf(this.editHistory.get(documentId))
  }

  /**
   * An edit of a document, applied, stored and recorded in its undo history. `typingRow` marks a
   * save of that row's English, which joins the row's typing step.
   */
  async edit(documentId: string, change: (doc: HamtaDocument) => HamtaDocument, options: { typingRow?: string } = {}): Promise<HamtaDocument> {
    return this.updateStored(documentId, (stored) => {
      let next: HamtaDocument
      try {
        next = change(stored)
      } catch (error) {
        if (error instanceof UserError) throw error
        throw new UserError((error as Error).message, 'invalid-edit')
      }
      // Recorded inside the store's update, so no other edit can come between the two.
      this.editHistory.set(documentId, record(historyFor(this.editHistory.get(documentId), stored), next, options))
      return next
    })
  }

  /** An edit that changes rows or sentences (alignment, cleanup, splits, merges): the whole document comes back. */
  async editStructure(documentId: string, change: (doc: HamtaDocument) => HamtaDocument): Promise<DocumentEditState> {
    const document = await this.edit(documentId, change)
    return { document, ...this.historyFlags(documentId) }
  }

  async palette(): Promise<TagDefinition[]> {
    return this.store.readLibraryFile('palette', [...DEFAULT_PALETTE], (value) => parsePalette((value as { value?: unknown })?.value))
  }

  async changePalette(change: (palette: TagPalette) => TagDefinition[]): Promise<TagDefinition[]> {
    const next = change(await this.palette())
    await this.store.writeLibraryFile('palette', next)
    return next
  }

  /** Deletes a tag; if documents use it, only once the user has seen how many places and confirmed. */
  async deleteTag(tagId: string, confirmed: boolean): Promise<TagDefinition[]> {
    const palette = await this.palette()
    const tag = palette.find((candidate) => candidate.id === tagId)
    if (!tag) throw new UserError(`There is no tag ${tagId}.`, 'not-found')
    const documents: HamtaDocument[] = []
    for (const summary of this.listDocuments()) documents.push(await this.getDocument(summary.id))
    const usage = countTagUsage(documents, tagId)
    if (usage.total > 0 && !confirmed) throw new UserError(describeTagDeletion(tag, usage), 'tag-in-use')
    for (const doc of documents) {
      const cleaned = removeTagFromDocument(doc, tagId, this.now())
      if (cleaned !== doc) await this.edit(doc.id, () => cleaned)
    }
    return this.changePalette((current) => deleteTag(current, tagId))
  }

  async settings(): Promise<LibrarySettings> {
    return this.store.readLibraryFile('settings', { ...DEFAULT_SETTINGS }, (value) => ({
      ...DEFAULT_SETTINGS,
      ...settingsSchema.parse((value as { value?: unknown })?.value)
    }))
  }

  async updateSettings(change: Partial<LibrarySettings>): Promise<LibrarySettings> {
    const next = { ...(await this.settings()), ...change }
    await this.store.writeLibraryFile('settings', next)
    return next
  }

  async deleteDocument(documentId: string): Promise<void> {
    await this.store.remove(documentId)
    this.editHistory.delete(documentId)
    this.memorySyncs.delete(documentId)
    if (this.openMemory) await (await this.openMemory).removeDocument(documentId)
  }

  /** Deleted documents that can be brought back, the last deleted first. */
  async listTrash(): Promise<TrashedDocument[]> {
    return this.store.listTrash()
  }

  /** Brings back a deleted document (from the library's trash folder). */
  async restoreDocument(documentId: string): Promise<DocumentSummary> {
    const summary = await this.store.restore(documentId)
    this.noteChanged(documentId)
    return summary
  }

  async exportDocument(documentId: string, format: ExportFormat, options: ExportOptions = {}): Promise<ExportedFile> {
    const names = new Map((await this.palette()).map((tag) => [tag.id, tag.name]))
    const document = await this.getDocument(documentId)
    const original = format === 'original' && document.origin.original ? await this.store.readOriginal(document.origin.original.path) : undefined
    const withFont = format === 'html' ? { ...options, persianFontWoff2Base64: await persianFontBase64() } : options
    const rendered = await renderExport(document, format, withFont, (id) => names.get(id) ?? id, original)
    return typeof rendered.content === 'string'
      ? { ...rendered, content: rendered.content, encoding: 'utf8' }
      : { ...rendered, content: Buffer.from(rendered.content).toString('base64'), encoding: 'base64' }
  }

  async listSampleFiles(): Promise<SampleFile[]> {
    let names: string[]
    try {
      names = await readdir(this.options.samplesDir)
    } catch {
      return []
    }
    return names
      .filter((name) => name.endsWith('.txt'))
      .sort()
      .map((name) => ({ id: name.slice(0, -'.txt'.length), path: join(this.options.samplesDir, name) }))
  }

  async importSample(sampleId: string): Promise<DocumentSummary> {
    const sample = (await this.listSampleFiles()).find((candidate) => candidate.id === sampleId)
    if (!sample) throw new UserError(`There is no sample article called ${sampleId}.`, 'not-found')
    return this.importFile(`${sample.id}.txt`, await readFile(sample.path))
  }

  /**
   * The library's translation memory, opened on first use (it reads what changed since it was
   * last open, so documents edited meanwhile are never missed).
   */
  memory(): Promise<TranslationMemoryService> {
    this.openMemory ??= TranslationMemoryService.open({ libraryDir: this.libraryDir, documents: this, now: this.now }).catch((error) => {
      this.openMemory = null
      throw error
    })
    return this.openMemory
  }

  private async updateStored(documentId: string, change: (doc: HamtaDocument) => HamtaDocument): Promise<HamtaDocument> {
    const next = await this.store.update(documentId, change)
    this.noteChanged(documentId)
    return next
  }

  private readonly changeListeners = new Set<(documentId: string, change: DocumentChange) => void>()

  /** Told after every change of a document (a team library syncs a little after saves stop); returns the unsubscribe. */
  onDocumentChanged(listener: (documentId: string, change: DocumentChange) => void): () => void {
    this.changeListeners.add(listener)
    return () => this.changeListeners.delete(listener)
  }

  /**
   * Keeps the memory in step with a changed document a moment later, so typing never waits for
   * it; a burst of saves of one document becomes one update of the memory.
   */
  private noteChanged(documentId: string): void {
    const change: DocumentChange = { fromTeamSync: teamSyncWrites.getStore() === true }
    for (const listener of this.changeListeners) listener(documentId, change)
    if (!this.openMemory || this.memorySyncs.has(documentId)) return
    const timer = setTimeout(() => {
      this.memorySyncs.delete(documentId)
      void this.syncMemory(documentId)
    }, MEMORY_SYNC_DELAY_MS)
    timer.unref?.()
    this.memorySyncs.set(documentId, timer)
  }

  private async syncMemory(documentId: string): Promise<void> {
    try {
      const memory = await this.memory()
      if (this.store.has(documentId)) await memory.syncDocument(await this.getDocument(documentId))
    } catch (error) {
      console.warn(`Hamta: the translation memory could not take in ${documentId} yet: ${(error as Error).message}`)
    }
  }

  /** Brings the memory up to date with every pending change now (before a lookup that must see them). */
  async flushMemory(): Promise<void> {
    const pending = [...this.memorySyncs.entries()]
    for (const [id, timer] of pending) {
      clearTimeout(timer)
      this.memorySyncs.delete(id)
      await this.syncMemory(id)
    }
  }

  /** The memory (or one document's part) as a TMX file in pieces, up to date with every change: to stream, whatever its size. */
  async memoryTmx(documentId?: string): Promise<{ fileName: string; pieces: AsyncGenerator<string> }> {
    // An unknown document is refused now, before a download has begun and could only break off.
    if (documentId !== undefined) await this.getDocument(documentId)
    await this.flushMemory()
    return (await this.memory()).tmxFile(documentId)
  }

  /** Writes every pending change to disk, where a team sync reads it. */
  async flush(): Promise<void> {
    await this.store.flush()
  }

  /** Stores a document that arrived whole from a team sync. */
  async receiveDocument(document: HamtaDocument): Promise<DocumentSummary> {
    return this.store.create(document)
  }

  /** Writes what is pending and releases the library for other processes. */
  async close(): Promise<void> {
    if (this.openMemory) {
      await this.flushMemory()
      await (await this.openMemory).close()
      this.openMemory = null
    }
    await this.store.close()
  }
}

import { appendFile, copyFile, mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { Low } from 'lowdb'
import { UserError } from '../../core/errors'
import { summarize, type DocumentSummary, type HamtaDocument, type TrashedDocument } from '../../core/model'
import { validateDocument } from '../../core/schema'
import { DEFAULT_BACKUP_POLICY, DocumentBackups, type BackupPolicy } from './backups'
import { DurableJsonFile, writeDurably, type DurableWrite } from './durable-json-file'
import { DocumentJsonFile, serializeDocumentFile, serializeLibraryFile } from './document-format'
import { acquireLibraryLock, type LibraryLock } from './library-lock'
import { DOCUMENT_FILE_VERSION, migrateFile } from './migrations'
import { describeWriteError } from './write-errors'

export const INDEX_FILE_VERSION = 1
/** How long the library list may lag behind the documents on disk. */
const INDEX_WRITE_DELAY_MS = 1000

interface IndexFile {
  schemaVersion: number
  documents: Record<string, DocumentSummary>
}

interface DocumentFile {
  schemaVersion: number
  document: HamtaDocument
}

/** Something found wrong with a file, told to the user, with where its bytes were kept. */
export interface LibraryProblem {
  file: string
  documentId?: string
  message: string
  /** Where the damaged file's bytes were moved, untouched. */
  keptAt?: string
  /** The backup the document was restored from, if one was good. */
  restoredFrom?: string
  at: string
}

/** `2026-11-28T09-38-01-123Z` (fileStamp) back to ISO time. */
function stampTime(stamp: string): string {
  return stamp.replace(/T(\d\d)-(\d\d)-(\d\d)-(\d{3})Z$/, 'T$1:$2:$3.$4Z')
}

const STAMP_LENGTH = fileStamp(new Date(0)).length

export interface LibraryStoreOptions {
  libraryDir: string
  /** Who holds the lock: "Hamta desktop app", "hamta import", … */
  tool: string
  lockWaitMs?: number
  write?: DurableWrite
  backupPolicy?: BackupPolicy
  /** Delay before a failed write is tried again without being asked. */
  retryMs?: number
}

const SAFE_ID = /^[A-Za-z0-9_-]{1,100}$/

function assertSafeId(id: string): void {
  // Ids become file names: nothing that could climb out of the library folder.
  if (!SAFE_ID.test(id)) throw new UserError(`${JSON.stringify(id)} is not a valid document id.`, 'invalid-input')
}

function fileStamp(date = new Date()): string {
  return date.toISOString().replace(/[:.]/g, '-')
}

/**
 * Serializes writes of one file and folds edits made while a write is running into the next
 * one, so a burst of edits costs at most two writes and every caller learns when its edit is
 * on disk.
 */
class CoalescingWriter {
  private running: Promise<void> | null = null
  private queued: Promise<void> | null = null

  constructor(private readonly write: () => Promise<void>) {}

  request(): Promise<void> {
    if (this.queued) return this.queued
    if (!this.running) return this.start()
    this.queued = this.running
      .catch(() => undefined)
      .then(() => {
        this.queued = null
        return this.start()
      })
    return this.queued
  }

  private start(): Promise<void> {
    const run = this.write()
    this.running = run
    const clear = (): void => {
      if (this.running === run) this.running = null
    }
    run.then(clear, clear)
    return run
  }

  async idle(): Promise<void> {
    while (this.running || this.queued) await (this.queued ?? this.running)!.catch(() => undefined)
  }
}

type LibraryFileName = 'palette' | 'settings'

interface LibraryFileSlot {
  value: unknown
  writer: CoalescingWriter
  retryTimer?: NodeJS.Timeout
}

async function isFolder(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory()
  } catch {
    return false
  }
}

function describeOpenError(error: unknown, libraryDir: string): UserError {
  const code = (error as NodeJS.ErrnoException)?.code
  if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') {
    return new UserError(
      `Hamta cannot create a library at ${libraryDir}: that place is read-only. Choose another folder (HAMTA_LIBRARY).`,
      'read-only'
    )
  }
  return new UserError(`Hamta cannot open the library at ${libraryDir}: ${(error as Error)?.message ?? String(error)}`, 'open-failed')
}

interface DocumentSlot {
  db: Low<DocumentFile>
  writer: CoalescingWriter
  /** True while the copy in memory holds edits the disk does not. */
  dirty: boolean
  retryTimer?: NodeJS.Timeout
}

/**
 * The library on disk: index.json (a small list for the library view), documents/ID.json (one
 * lowdb file per document), backups/ID/, damaged/ (files moved aside, bytes intact), trash/.
 * One process holds it at a time (library.lock). A save rewrites only the document it touches.
 */
export class LibraryStore {
  private index!: Low<IndexFile>
  private readonly slots = new Map<string, DocumentSlot>()
  private readonly backups: DocumentBackups
  private readonly write: DurableWrite
  private lock: LibraryLock | null = null
  private readonly libraryFiles = new Map<LibraryFileName, LibraryFileSlot>()
  private indexWriter!: CoalescingWriter
  private indexTimer: NodeJS.Timeout | undefined
  readonly problems: LibraryProblem[] = []

  private constructor(private readonly options: LibraryStoreOptions) {
    this.write = options.write ?? writeDurably
    this.backups = new DocumentBackups(join(options.libraryDir, 'backups'), options.backupPolicy ?? DEFAULT_BACKUP_POLICY)
  }

  static async open(options: LibraryStoreOptions): Promise<LibraryStore> {
    const store = new LibraryStore(options)
    try {
      await mkdir(options.libraryDir, { recursive: true })
    } catch (error) {
      // A library on read-only media already exists; anything else is a real problem.
      if (!(await isFolder(options.libraryDir))) throw describeOpenError(error, options.libraryDir)
    }
    store.lock = await acquireLibraryLock(options.libraryDir, { tool: options.tool, waitMs: options.lockWaitMs })
    try {
      if (store.writable) {
        await mkdir(store.documentsDir, { recursive: true })
        await store.removeOrphanTemporaryFiles()
      }
      await store.loadIndex()
    } catch (error) {
      await store.close()
      throw error
    }
    return store
  }

  /** False when the library is on read-only media or not writable by this user. */
  get writable(): boolean {
    return this.lock?.writable ?? false
  }

  /** Why the library cannot be changed, in words ('' when it can). */
  get readOnlyReason(): string {
    return this.lock?.readOnlyReason ?? ''
  }

  private assertWritable(): void {
    if (!this.writable) throw new UserError(this.readOnlyReason, 'read-only')
  }

  /**
   * Temporary files of writes cut short by a crash (`name.json.<number>`, written then renamed by
   * the atomic writer). Only the lock holder writes, so any found now belong to a dead process.
   */
  private async removeOrphanTemporaryFiles(): Promise<void> {
    for (const folder of [this.libraryDir, this.documentsDir]) {
      for (const name of await readdir(folder).catch(() => [] as string[])) {
        if (/\.json\.\d+$/.test(name)) await rm(join(folder, name), { force: true }).catch(() => undefined)
      }
    }
  }

  get libraryDir(): string {
    return this.options.libraryDir
  }

  private get documentsDir(): string {
    return join(this.options.libraryDir, 'documents')
  }

  private documentPath(id: string): string {
    return join(this.documentsDir, `${id}.json`)
  }

  private async loadIndex(): Promise<void> {
    const path = join(this.libraryDir, 'index.json')
    this.index = new Low(new DurableJsonFile<IndexFile>(path, this.write), { schemaVersion: INDEX_FILE_VERSION, documents: {} })
    this.indexWriter = new CoalescingWriter(() => this.index.write())
    let rebuild = false
    try {
      await this.index.read()
      const data = this.index.data as unknown
      if (!data || typeof data !== 'object' || typeof (data as IndexFile).documents !== 'object') throw new Error('not an index')
    } catch (error) {
      // The index only lists what documents/ holds: keep the bad one aside and rebuild it.
      const keptAt = this.writable ? await this.moveAside(path, 'index') : undefined
      this.report({
        file: path,
        message: `The library index could not be read (${(error as Error).message}); it was rebuilt from the document files.`,
        keptAt
      })
      this.index.data = { schemaVersion: INDEX_FILE_VERSION, documents: {} }
      rebuild = true
    }
    const changed = await this.reconcileIndex()
    if ((rebuild || changed) && this.writable) await this.indexWriter.request()
  }

  /** Makes the index list exactly the document files on disk. */
  private async reconcileIndex(): Promise<boolean> {
    const onDisk = new Set(
      (await readdir(this.documentsDir).catch(() => [] as string[]))
        .filter((name) => name.endsWith('.json'))
        .map((name) => name.slice(0, -'.json'.length))
    )
    let changed = false
    for (const id of Object.keys(this.index.data.documents)) {
      if (!onDisk.has(id)) {
        delete this.index.data.documents[id]
        changed = true
      }
    }
    for (const id of onDisk) {
      if (this.index.data.documents[id] || !SAFE_ID.test(id)) continue
      const document = await this.tryRead(id)
      if (document) {
        this.index.data.documents[id] = summarize(document)
        changed = true
      }
    }
    return changed
  }

  private report(problem: Omit<LibraryProblem, 'at'>): void {
    const entry = { ...problem, at: new Date().toISOString() }
    this.problems.push(entry)
    console.warn(`Hamta: ${entry.message}`)
    void appendFile(join(this.libraryDir, 'problems.log'), JSON.stringify(entry) + '\n').catch(() => undefined)
  }

  private async moveAside(path: string, name: string): Promise<string | undefined> {
    const folder = join(this.libraryDir, 'damaged')
    await mkdir(folder, { recursive: true })
    const keptAt = join(folder, `${name}-${fileStamp()}.json`)
    try {
      await rename(path, keptAt)
      return keptAt
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
      throw error
    }
  }

  list(): DocumentSummary[] {
    return Object.values(this.index.data.documents).sort((a, b) => b.createdAt.localeCompare(a.createdAt))
  }

  has(id: string): boolean {
    return SAFE_ID.test(id) && id in this.index.data.documents
  }

  private async tryRead(id: string): Promise<HamtaDocument | undefined> {
    try {
      return await this.read(id)
    } catch {
      return undefined
    }
  }

  /** Parses, migrates and validates a document file's text; throws with the reason. */
  private parseDocumentFile(text: string): { file: DocumentFile; fromVersion: number } {
    let raw: unknown
    try {
      raw = JSON.parse(text)
    } catch (error) {
      throw new UserError(text.trim() === '' ? 'the file is empty' : `it is not valid JSON (${(error as Error).message})`, 'damaged')
    }
    const { file, fromVersion } = migrateFile(raw)
    const checked = validateDocument((file as Partial<DocumentFile>).document)
    if (!checked.ok) throw new UserError(`it does not hold a valid document (${checked.problem})`, 'damaged')
    return { file: { schemaVersion: DOCUMENT_FILE_VERSION, document: checked.document }, fromVersion }
  }

  async read(id: string): Promise<HamtaDocument> {
    assertSafeId(id)
    const cached = this.slots.get(id)
    if (cached) return cached.db.data.document
    const path = this.documentPath(id)
    let text: string
    try {
      text = await readFile(path, 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new UserError(`There is no document ${id} in this library.`, 'not-found')
      throw error
    }
    let parsed: { file: DocumentFile; fromVersion: number }
    try {
      parsed = this.parseDocumentFile(text)
    } catch (error) {
      if ((error as UserError).code === 'newer-version') throw new UserError(`Document ${id}: ${(error as Error).message}`, 'newer-version')
      parsed = await this.recover(id, (error as Error).message)
    }
    const slot = this.slot(id, parsed.file)
    if (parsed.fromVersion < DOCUMENT_FILE_VERSION && this.writable) {
      // Keep the file as it was before migrating, then store it in the current format.
      const folder = join(this.libraryDir, 'migrated')
      await mkdir(folder, { recursive: true })
      await copyFile(path, join(folder, `${id}.v${parsed.fromVersion}.json`))
      await this.persist(id, slot)
    }
    return slot.db.data.document
  }

  /** A document file that cannot be read: keep its bytes aside and restore the newest good backup. */
  private async recover(id: string, reason: string): Promise<{ file: DocumentFile; fromVersion: number }> {
    const path = this.documentPath(id)
    const title = this.index.data.documents[id]?.title
    // Bidi isolates keep a Persian title from reordering the English sentence around it.
    const name = title ? `“\u2068${title}\u2069” (${id}.json)` : `${id}.json`
    if (!this.writable)
      throw new UserError(`The document ${name} is damaged (${reason}); the library is read-only, so it was left as it is.`, 'damaged')
    const keptAt = await this.moveAside(path, id)
    for (const backup of await this.backups.list(id)) {
      try {
        const parsed = this.parseDocumentFile(await readFile(backup, 'utf8'))
        await this.write(path, serializeDocumentFile(parsed.file))
        this.index.data.documents[id] = summarize(parsed.file.document)
        await this.indexWriter.request().catch(() => undefined)
        this.report({
          file: path,
          documentId: id,
          message: `The document ${name} was damaged (${reason}). Its bytes were kept at ${keptAt}; it was restored from the backup of ${parsed.file.document.updatedAt}.`,
          keptAt,
          restoredFrom: backup
        })
        return { file: parsed.file, fromVersion: DOCUMENT_FILE_VERSION }
      } catch {
        // Try the next older backup.
      }
    }
    delete this.index.data.documents[id]
    await this.indexWriter.request().catch(() => undefined)
    this.report({
      file: path,
      documentId: id,
      message: `The document ${name} was damaged (${reason}) and no good backup exists. Its bytes were kept at ${keptAt}.`,
      keptAt
    })
    throw new UserError(`The document ${name} is damaged and could not be restored. Its bytes were kept at ${keptAt}.`, 'damaged')
  }

  /** Reads every document, recovering damaged ones, so problems show before the user trips on them. */
  async verifyAll(): Promise<void> {
    for (const id of Object.keys(this.index.data.documents)) {
      const document = await this.tryRead(id)
      if (document) this.noteSummary(id, document)
    }
    // Files that never made it into the index (for example added by hand) are checked too.
    for (const name of await readdir(this.documentsDir)) {
      const id = name.slice(0, -'.json'.length)
      if (name.endsWith('.json') && SAFE_ID.test(id) && !this.slots.has(id)) {
        const document = await this.tryRead(id)
        if (document) this.noteSummary(id, document)
      }
    }
  }

  private slot(id: string, file: DocumentFile): DocumentSlot {
    const db = new Low<DocumentFile>(new DocumentJsonFile(this.documentPath(id), this.write), file)
    db.data = file
    const slot: DocumentSlot = { db, dirty: false, writer: new CoalescingWriter(() => this.writeSlot(id, slot)) }
    this.slots.set(id, slot)
    return slot
  }

  private async writeSlot(id: string, slot: DocumentSlot): Promise<void> {
    slot.dirty = false
    try {
      await this.backups.beforeWrite(id, this.documentPath(id)).catch((error) => {
        console.warn(`Hamta: could not back up ${id}: ${(error as Error).message}`)
      })
      await slot.db.write()
    } catch (error) {
      slot.dirty = true
      this.scheduleRetry(id, slot)
      throw describeWriteError(error, this.documentPath(id))
    }
  }

  private scheduleRetry(id: string, slot: DocumentSlot): void {
    if (slot.retryTimer) return
    slot.retryTimer = setTimeout(() => {
      slot.retryTimer = undefined
      if (slot.dirty) void this.persist(id, slot).catch(() => undefined)
    }, this.options.retryMs ?? 5000)
    slot.retryTimer.unref?.()
  }

  private persist(id: string, slot: DocumentSlot): Promise<void> {
    slot.dirty = true
    return slot.writer.request()
  }

  /**
   * Adds a new document; resolves once it is durable on disk and listed. A create that fails
   * leaves nothing behind and is not retried: the user was told it failed, so a later write
   * would be a surprise and, after a second try, a duplicate.
   */
  async create(document: HamtaDocument): Promise<DocumentSummary> {
    assertSafeId(document.id)
    this.assertWritable()
    if (this.has(document.id)) throw new UserError(`A document ${document.id} already exists.`, 'exists')
    const path = this.documentPath(document.id)
    const file: DocumentFile = { schemaVersion: DOCUMENT_FILE_VERSION, document }
    try {
      await this.write(path, serializeDocumentFile(file))
    } catch (error) {
      await rm(path, { force: true }).catch(() => undefined)
      throw describeWriteError(error, path, { kept: false })
    }
    this.slot(document.id, file)
    const summary = summarize(document)
    this.index.data.documents[document.id] = summary
    // The document is on disk; a list that lags is rebuilt from it at the next start.
    await this.indexWriter.request().catch((error) => console.warn(`Hamta: the library index could not be saved yet: ${(error as Error).message}`))
    return summary
  }

  /**
   * Adds a document prepared elsewhere (an import worker) as the bytes of its file: written as
   * they are, never parsed on this thread; the document is read when it is first opened.
   */
  async createPrepared(prepared: {
    id: string
    summary: DocumentSummary
    fileBytes: Uint8Array
    /** The imported file itself, kept beside the document (`originals/…`) for saving back into it. */
    original?: { path: string; bytes: Uint8Array }
  }): Promise<DocumentSummary> {
    assertSafeId(prepared.id)
    this.assertWritable()
    if (this.has(prepared.id)) throw new UserError(`A document ${prepared.id} already exists.`, 'exists')
    const path = this.documentPath(prepared.id)
    const originalPath = prepared.original ? this.originalPath(prepared.original.path) : undefined
    try {
      // The original first: a document on disk always has its original beside it.
      if (originalPath && prepared.original) {
        await mkdir(dirname(originalPath), { recursive: true })
        await this.write(originalPath, prepared.original.bytes)
      }
      await this.write(path, prepared.fileBytes)
    } catch (error) {
      await rm(path, { force: true }).catch(() => undefined)
      if (originalPath) await rm(originalPath, { force: true }).catch(() => undefined)
      throw describeWriteError(error, path, { kept: false })
    }
    this.index.data.documents[prepared.id] = prepared.summary
    await this.indexWriter.request().catch((error) => console.warn(`Hamta: the library index could not be saved yet: ${(error as Error).message}`))
    return prepared.summary
  }

  /**
   * Applies a pure change to a document. The change is kept in memory at once; the promise
   * resolves when it is on disk, or rejects with a clear message (and the store keeps retrying).
   */
  async update(id: string, change: (document: HamtaDocument) => HamtaDocument): Promise<HamtaDocument> {
    this.assertWritable()
    await this.read(id)
    const slot = this.slots.get(id)!
    const next = change(slot.db.data.document)
    slot.db.data = { ...slot.db.data, document: next }
    await this.persist(id, slot)
    this.noteSummary(id, next)
    return next
  }

  /**
   * Keeps the library list up to date with a document. The index is written a moment later, not
   * with every save, so a save costs the same in a library of one document or a thousand; if the
   * process dies first, `verifyAll` rebuilds the stale entries from the documents themselves.
   */
  private noteSummary(id: string, document: HamtaDocument): void {
    const summary = summarize(document)
    const listed = this.index.data.documents[id]
    if (listed && listed.title === summary.title && JSON.stringify(listed.progress) === JSON.stringify(summary.progress)) return
    this.index.data.documents[id] = summary
    if (this.indexTimer) return
    this.indexTimer = setTimeout(() => {
      this.indexTimer = undefined
      void this.indexWriter.request().catch((error) => console.warn(`Hamta: the library index could not be saved yet: ${(error as Error).message}`))
    }, INDEX_WRITE_DELAY_MS)
    this.indexTimer.unref?.()
  }

  private async flushIndex(): Promise<void> {
    if (this.indexTimer) {
      clearTimeout(this.indexTimer)
      this.indexTimer = undefined
      await this.indexWriter.request()
    }
    await this.indexWriter.idle()
  }

  /** A small JSON file of the library's own (the tag palette, settings); `fallback` when absent or unreadable. */
  async readLibraryFile<T>(name: LibraryFileName, fallback: T, parse: (value: unknown) => T): Promise<T> {
    // A value whose write failed is kept here and retried, so it is what the user sees meanwhile.
    const pending = this.libraryFiles.get(name)
    if (pending) return parse({ schemaVersion: 1, value: pending.value })
    const path = join(this.libraryDir, `${name}.json`)
    let text: string
    try {
      text = await readFile(path, 'utf8')
    } catch {
      return fallback
    }
    try {
      return parse(JSON.parse(text))
    } catch (error) {
      const keptAt = this.writable ? await this.moveAside(path, name) : undefined
      this.report({
        file: path,
        message: `The library's ${name} file could not be read (${(error as Error).message}); the defaults are used.${keptAt ? ` Its bytes were kept at ${keptAt}.` : ''}`,
        keptAt
      })
      return fallback
    }
  }

  /** Stores a library file; on failure the value is kept in memory and written again until it lands. */
  async writeLibraryFile(name: LibraryFileName, value: unknown): Promise<void> {
    this.assertWritable()
    let slot = this.libraryFiles.get(name)
    if (!slot) {
      const created: LibraryFileSlot = { value, writer: new CoalescingWriter(() => this.writeLibrarySlot(name, created)) }
      slot = created
      this.libraryFiles.set(name, slot)
    }
    slot.value = value
    await slot.writer.request()
  }

  private async writeLibrarySlot(name: LibraryFileName, slot: LibraryFileSlot): Promise<void> {
    const path = join(this.libraryDir, `${name}.json`)
    const value = slot.value
    try {
      await this.write(path, serializeLibraryFile({ schemaVersion: 1, value }))
    } catch (error) {
      if (!slot.retryTimer) {
        slot.retryTimer = setTimeout(() => {
          slot.retryTimer = undefined
          void slot.writer.request().catch(() => undefined)
        }, this.options.retryMs ?? 5000)
        slot.retryTimer.unref?.()
      }
      throw describeWriteError(error, path)
    }
    // Written: from now on the file on disk is the truth (unless a newer value came meanwhile).
    if (slot.value === value && !slot.retryTimer) this.libraryFiles.delete(name)
  }

  /** Where a document's kept original lives: only paths under originals/, never outside the library. */
  private originalPath(relative: string): string {
    if (!/^originals\/[A-Za-z0-9_-]{1,100}(\.[A-Za-z0-9]{1,12})?$/.test(relative))
      throw new UserError(`${relative} is not a kept original's path.`, 'invalid-document')
    return join(this.libraryDir, relative)
  }

  /** The bytes of a document's kept original file. */
  async readOriginal(relative: string): Promise<Uint8Array> {
    const path = this.originalPath(relative)
    try {
      return new Uint8Array(await readFile(path))
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      throw new UserError(
        code === 'ENOENT'
          ? `The original file of this document (${relative}) is missing from the library, so it cannot be saved back into it.`
          : `${path} cannot be read (${code ?? 'error'}).`,
        'not-found'
      )
    }
  }

  /** Moves a document to trash/ (never deletes bytes). */
  async remove(id: string): Promise<void> {
    this.assertWritable()
    const document = await this.read(id)
    const slot = this.slots.get(id)
    await slot?.writer.idle()
    if (slot?.retryTimer) clearTimeout(slot.retryTimer)
    const trash = join(this.libraryDir, 'trash')
    await mkdir(trash, { recursive: true })
    const stamp = fileStamp()
    await rename(this.documentPath(id), join(trash, `${id}-${stamp}.json`))
    // The kept original goes with it, under the same stamp, so restoring brings back the pair.
    if (document.origin.original) await this.trashOriginal(id, stamp, document.origin.original.path)
    this.slots.delete(id)
    delete this.index.data.documents[id]
    await this.indexWriter.request()
  }

  /** Where a deleted document's original waits in trash/: `trash/originals/<id>-<stamp>.<ext>`. */
  private trashedOriginalPath(id: string, stamp: string, relative: string): string {
    const extension = /(\.[A-Za-z0-9]{1,12})$/.exec(relative)?.[1] ?? ''
    return join(this.libraryDir, 'trash', 'originals', `${id}-${stamp}${extension}`)
  }

  private async trashOriginal(id: string, stamp: string, relative: string): Promise<void> {
    const to = this.trashedOriginalPath(id, stamp, relative)
    await mkdir(dirname(to), { recursive: true })
    await rename(this.originalPath(relative), to).catch((error: NodeJS.ErrnoException) => {
      // An original already missing has nothing to move; the document is deleted all the same.
      if (error.code !== 'ENOENT') throw error
    })
  }

  private async restoreOriginal(id: string, stamp: string, relative: string): Promise<void> {
    const path = this.originalPath(relative)
    try {
      await stat(path)
      return
    } catch {
      // Not there: brought back from the trash below.
    }
    await mkdir(dirname(path), { recursive: true })
    await rename(this.trashedOriginalPath(id, stamp, relative), path).catch((error: NodeJS.ErrnoException) => {
      // Deleted before originals went to the trash: the document comes back; saving it back into its original says the file is missing.
      if (error.code !== 'ENOENT') throw error
    })
  }

  /** The documents in trash/ that are not in the library, the last deleted first. */
  async listTrash(): Promise<TrashedDocument[]> {
    const trash = join(this.libraryDir, 'trash')
    const names = (await readdir(trash).catch(() => [] as string[])).filter((name) => name.endsWith('.json') && name.length > STAMP_LENGTH + 6).sort()
    const newest = new Map<string, { name: string; copies: number }>()
    for (const name of names) {
      const id = name.slice(0, -('.json'.length + STAMP_LENGTH + 1))
      if (this.index.data.documents[id]) continue
      // Names sort by stamp within one id: the last seen is the newest.
      newest.set(id, { name, copies: (newest.get(id)?.copies ?? 0) + 1 })
    }
    const out: TrashedDocument[] = []
    for (const [id, { name, copies }] of newest) {
      const deletedAt = stampTime(name.slice(id.length + 1, -'.json'.length))
      try {
        const summary = summarize(this.parseDocumentFile(await readFile(join(trash, name), 'utf8')).file.document)
        out.push({ id, title: summary.title, sentences: summary.sentences, fileName: summary.fileName, deletedAt, copies })
      } catch (error) {
        out.push({
          id,
          title: id,
          sentences: 0,
          fileName: name,
          deletedAt,
          copies,
          problem: `The copy in the trash cannot be read: ${(error as Error).message}.`
        })
      }
    }
    return out.sort((a, b) => b.deletedAt.localeCompare(a.deletedAt))
  }

  /** Brings a deleted document back from trash/ (its newest copy there), as it was when deleted. */
  async restore(id: string): Promise<DocumentSummary> {
    this.assertWritable()
    assertSafeId(id)
    if (this.index.data.documents[id]) throw new UserError(`The document ${id} is in the library already.`, 'exists')
    const trash = join(this.libraryDir, 'trash')
    // Stamps sort by time, so the last name is the newest copy.
    const copies = (await readdir(trash).catch(() => [] as string[])).filter((name) => name.startsWith(`${id}-`) && name.endsWith('.json')).sort()
    const newest = copies.at(-1)
    if (!newest) throw new UserError(`There is no deleted document ${id} to bring back.`, 'not-found')
    await rename(join(trash, newest), this.documentPath(id))
    const document = await this.read(id)
    if (document.origin.original) await this.restoreOriginal(id, newest.slice(id.length + 1, -'.json'.length), document.origin.original.path)
    const summary = summarize(document)
    this.index.data.documents[id] = summary
    await this.indexWriter.request()
    return summary
  }

  /** Waits until everything in memory is on disk (or has failed to get there). */
  async flush(): Promise<void> {
    for (const [id, slot] of this.slots) {
      if (slot.dirty) await this.persist(id, slot).catch(() => undefined)
      await slot.writer.idle()
    }
    for (const slot of this.libraryFiles.values()) await slot.writer.request().catch(() => undefined)
    await this.flushIndex()
  }

  get hasUnsavedChanges(): boolean {
    return [...this.slots.values()].some((slot) => slot.dirty) || this.libraryFiles.size > 0
  }

  async close(): Promise<void> {
    await this.flush().catch(() => undefined)
    for (const slot of [...this.slots.values(), ...this.libraryFiles.values()]) if (slot.retryTimer) clearTimeout(slot.retryTimer)
    const lock = this.lock
    this.lock = null
    await lock?.release()
  }
}

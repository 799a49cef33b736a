import { randomUUID } from 'node:crypto'
import { mkdir, readdir, readFile, rename, rm } from 'node:fs/promises'
import { basename, extname, join } from 'node:path'
import { Low } from 'lowdb'
import { UserError } from '../../core/errors'
import { exportEnglishText, exportJson, type ExportResult } from '../../core/formats/export'
import {
  createDocument,
  setRowStatus,
  setRowTarget,
  summarize,
  type DocumentSummary,
  type HamtaDocument,
  type Row,
  type RowStatus
} from '../../core/model'
import { validateDocument } from '../../core/schema'
import { assertPersianText, decodeTextFile } from '../../core/text/decode'
import { segmentParagraphs } from '../../core/text/segment'
import { DurableJsonFile } from '../store/durable-json-file'

export const LIBRARY_SCHEMA_VERSION = 1

interface LibraryIndexFile {
  schemaVersion: number
  documents: Record<string, DocumentSummary>
}

interface DocumentFile {
  schemaVersion: number
  document: HamtaDocument
}

export interface LibraryOptions {
  libraryDir: string
  samplesDir: string
  now?: () => string
  newId?: () => string
}

export interface SampleFile {
  id: string
  path: string
}

const TEXT_EXTENSIONS = new Set(['.txt', '.text', ''])

/**
 * The translator's library on disk: a small index plus one lowdb file per document, so an edit
 * rewrites only the document it touches. Only one process may hold a LibraryService for a folder.
 */
export class LibraryService {
  private index!: Low<LibraryIndexFile>
  private readonly documents = new Map<string, Low<DocumentFile>>()
  private readonly now: () => string
  private readonly newId: () => string

  private constructor(private readonly options: LibraryOptions) {
    this.now = options.now ?? (() => new Date().toISOString())
    this.newId = options.newId ?? (() => randomUUID().replace(/-/g, '').slice(0, 16))
  }

  static async open(options: LibraryOptions): Promise<LibraryService> {
    const service = new LibraryService(options)
    await service.load()
    return service
  }

  get libraryDir(): string {
    return this.options.libraryDir
  }

  private get documentsDir(): string {
    return join(this.options.libraryDir, 'documents')
  }

  private async load(): Promise<void> {
    await mkdir(this.documentsDir, { recursive: true })
    this.index = new Low(new DurableJsonFile<LibraryIndexFile>(join(this.options.libraryDir, 'index.json')), {
      schemaVersion: LIBRARY_SCHEMA_VERSION,
      documents: {}
    })
    try {
      await this.index.read()
    } catch {
      // An unreadable index is rebuilt from the document files, which are the source of truth.
      this.index.data = { schemaVersion: LIBRARY_SCHEMA_VERSION, documents: {} }
    }
    await this.reconcileIndex()
  }

  /** Makes the index agree with the document files on disk (files added, removed or edited). */
  private async reconcileIndex(): Promise<void> {
    const files = (await readdir(this.documentsDir)).filter((name) => name.endsWith('.json'))
    const onDisk = new Set(files.map((name) => name.slice(0, -'.json'.length)))
    let changed = false
    for (const id of Object.keys(this.index.data.documents)) {
      if (!onDisk.has(id)) {
        delete this.index.data.documents[id]
        changed = true
      }
    }
    for (const id of onDisk) {
      if (this.index.data.documents[id]) continue
      const doc = await this.tryLoadDocument(id)
      if (doc) {
        this.index.data.documents[id] = summarize(doc.data.document)
        changed = true
      }
    }
    if (changed) await this.index.write()
  }

  private async tryLoadDocument(id: string): Promise<Low<DocumentFile> | undefined> {
    try {
      return await this.loadDocument(id)
    } catch {
      return undefined
    }
  }

  private async loadDocument(id: string): Promise<Low<DocumentFile>> {
    const cached = this.documents.get(id)
    if (cached) return cached
    const db = new Low<DocumentFile>(new DurableJsonFile(join(this.documentsDir, `${id}.json`)), null as never)
    let raw: DocumentFile | null
    try {
      await db.read()
      raw = db.data
    } catch {
      throw new UserError(`The document file ${id}.json is damaged and cannot be read.`, 'damaged')
    }
    if (!raw) throw new UserError(`There is no document ${id} in this library.`, 'not-found')
    const checked = validateDocument(raw.document)
    if (!checked.ok) throw new UserError(`The document file ${id}.json is not valid (${checked.problem}).`, 'damaged')
    db.data = { schemaVersion: raw.schemaVersion, document: checked.document }
    this.documents.set(id, db)
    return db
  }

  listDocuments(): DocumentSummary[] {
    return Object.values(this.index.data.documents).sort((a, b) => b.createdAt.localeCompare(a.createdAt))
  }

  async getDocument(id: string): Promise<HamtaDocument> {
    return (await this.loadDocument(id)).data.document
  }

  /** Imports a Persian text file. Nothing is written unless the whole file is acceptable. */
  async importFile(fileName: string, bytes: Uint8Array): Promise<DocumentSummary> {
    const name = basename(fileName)
    const extension = extname(name).toLowerCase()
    if (!TEXT_EXTENSIONS.has(extension)) {
      throw new UserError(`${name}: Hamta imports plain text (.txt) files for now.`, 'unsupported-format')
    }
    const { text, encoding } = decodeTextFile(bytes, name)
    assertPersianText(text, name)
    const paragraphs = segmentParagraphs(text)
    if (paragraphs.every((paragraph) => paragraph.sentences.length === 0)) {
      throw new UserError(`${name} has no sentences to translate.`, 'empty')
    }
    const now = this.now()
    const document = createDocument({ id: this.newId(), now, fileName: name, encoding, originalText: text, paragraphs })
    return this.addDocument(document)
  }

  private async addDocument(document: HamtaDocument): Promise<DocumentSummary> {
    const db = new Low<DocumentFile>(new DurableJsonFile(join(this.documentsDir, `${document.id}.json`)), {
      schemaVersion: LIBRARY_SCHEMA_VERSION,
      document
    })
    await db.write()
    this.documents.set(document.id, db)
    const summary = summarize(document)
    this.index.data.documents[document.id] = summary
    await this.index.write()
    return summary
  }

  async saveTarget(documentId: string, rowId: string, target: string): Promise<{ row: Row; summary: DocumentSummary }> {
    return this.updateDocument(documentId, rowId, (doc) => setRowTarget(doc, rowId, target, this.now()))
  }

  async setRowStatus(documentId: string, rowId: string, status: RowStatus): Promise<{ row: Row; summary: DocumentSummary }> {
    return this.updateDocument(documentId, rowId, (doc) => setRowStatus(doc, rowId, status, this.now()))
  }

  private async updateDocument(
    documentId: string,
    rowId: string,
    change: (doc: HamtaDocument) => HamtaDocument
  ): Promise<{ row: Row; summary: DocumentSummary }> {
    const db = await this.loadDocument(documentId)
    let next: HamtaDocument
    try {
      next = change(db.data.document)
    } catch (error) {
      throw new UserError((error as Error).message, 'invalid-edit')
    }
    db.data = { ...db.data, document: next }
    await db.write()
    const summary = summarize(next)
    // The index changes only when what the library list shows changes, so typing costs one write.
    const listed = this.index.data.documents[documentId]
    if (!listed || JSON.stringify(listed.progress) !== JSON.stringify(summary.progress) || listed.title !== summary.title) {
      this.index.data.documents[documentId] = summary
      await this.index.write()
    }
    return { row: next.rows.find((row) => row.id === rowId)!, summary }
  }

  async deleteDocument(documentId: string): Promise<void> {
    await this.loadDocument(documentId)
    // Deleted documents go to a trash folder rather than vanishing: nothing is lost by one click.
    const trash = join(this.options.libraryDir, 'trash')
    await mkdir(trash, { recursive: true })
    await rename(join(this.documentsDir, `${documentId}.json`), join(trash, `${documentId}-${Date.now()}.json`))
    this.documents.delete(documentId)
    delete this.index.data.documents[documentId]
    await this.index.write()
  }

  async exportDocument(documentId: string, format: 'json' | 'txt'): Promise<ExportResult> {
    const document = await this.getDocument(documentId)
    return format === 'json' ? exportJson(document) : exportEnglishText(document)
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

  /** For tests and shutdown: drops cached handles. Writes are already on disk when calls return. */
  async close(): Promise<void> {
    this.documents.clear()
  }

  /** Removes the library folder: only for tests. */
  static async destroy(libraryDir: string): Promise<void> {
    await rm(libraryDir, { recursive: true, force: true })
  }
}

import { randomUUID } from 'node:crypto'
import { readdir, readFile } from 'node:fs/promises'
import { basename, extname, join } from 'node:path'
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
import { assertPersianText, decodeTextFile } from '../../core/text/decode'
import { segmentParagraphs } from '../../core/text/segment'
import { LibraryStore, type LibraryProblem, type LibraryStoreOptions } from '../store/library-store'

export interface LibraryOptions extends Partial<Omit<LibraryStoreOptions, 'libraryDir'>> {
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
 * What translators do with their library: import, edit, export. Storage (files, lock, backups,
 * recovery) is the LibraryStore's business; this layer turns requests into pure document edits.
 */
export class LibraryService {
  private readonly now: () => string
  private readonly newId: () => string

  private constructor(
    private readonly store: LibraryStore,
    private readonly options: LibraryOptions
  ) {
    this.now = options.now ?? (() => new Date().toISOString())
    this.newId = options.newId ?? (() => randomUUID().replace(/-/g, '').slice(0, 16))
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
    const document = createDocument({ id: this.newId(), now: this.now(), fileName: name, encoding, originalText: text, paragraphs })
    return this.store.create(document)
  }

  /** Adds a document built elsewhere (an imported XLIFF or TMX, an alignment). */
  async addDocument(document: HamtaDocument): Promise<DocumentSummary> {
    return this.store.create(document)
  }

  async saveTarget(documentId: string, rowId: string, target: string): Promise<{ row: Row; summary: DocumentSummary }> {
    return this.updateRow(documentId, rowId, (doc) => setRowTarget(doc, rowId, target, this.now()))
  }

  async setRowStatus(documentId: string, rowId: string, status: RowStatus): Promise<{ row: Row; summary: DocumentSummary }> {
    return this.updateRow(documentId, rowId, (doc) => setRowStatus(doc, rowId, status, this.now()))
  }

  private async updateRow(
    documentId: string,
    rowId: string,
    change: (doc: HamtaDocument) => HamtaDocument
  ): Promise<{ row: Row; summary: DocumentSummary }> {
    const next = await this.store.update(documentId, (doc) => {
      try {
        return change(doc)
      } catch (error) {
        throw new UserError((error as Error).message, 'invalid-edit')
      }
    })
    return { row: next.rows.find((row) => row.id === rowId)!, summary: summarize(next) }
  }

  async deleteDocument(documentId: string): Promise<void> {
    await this.store.remove(documentId)
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

  /** Writes what is pending and releases the library for other processes. */
  async close(): Promise<void> {
    await this.store.close()
  }
}

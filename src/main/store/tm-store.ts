/**
 * The translation memory on disk, under the library folder (only the library lock holder writes):
 *
 *   tm/memories.json          imported memories: name, unit count, on/off, penalty
 *   tm/memories/ID.units      one JSON record per line (source, target, author, date, context)
 *   tm/memories/ID.index      the memory's frozen segment (see SegmentData), typed arrays laid out
 *                             to be read back as views: reopening a million units costs one read
 *   tm/documents.jsonl        the library's rows, as a log of changes per document; packed again
 *                             when stale lines outweigh live ones
 *   tm/pretranslated.json     rows filled from the memory, so the editor can mark them
 *
 * The documents log is derived data: a line lost in a crash is rebuilt from the documents
 * themselves, which the service compares by `updatedAt` when it opens.
 */
import { randomUUID } from 'node:crypto'
import { closeSync, createReadStream, fsyncSync, openSync, readSync, writeSync } from 'node:fs'
import { appendFile, mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { UserError } from '../../core/errors'
import { sameUnit, type DocumentUnit } from '../../core/tm/document-units'
import { DynamicSegment, FrozenSegment, SegmentBuilder, type SegmentData } from '../../core/tm/segment'
import { contextHash, hashKeys, tokenize, type Token } from '../../core/tm/tokenize'
import { TmxUnitReader, type TmxUnit } from '../../core/tm/tmx-units'
import { writeDurably } from './durable-json-file'
import type { MemoryInfo, PretranslatedMark } from '../../core/tm/types'

export type { MemoryInfo }

/** One unit of an imported memory as stored in its .units file: a TMX unit as read. */
export type MemoryRecord = TmxUnit

/** Where a library's imported memories are kept (a `.units` file each). */
export function importedMemoriesDir(libraryDir: string): string {
  return join(libraryDir, 'tm', 'memories')
}

interface StoredRecord {
  s: string
  t: string
  sl?: string
  tl?: string
  a?: string
  d?: string
  p?: string
  n?: string
  x?: string
}

export interface DocumentEntry {
  title: string
  updatedAt: string
  rows: Map<string, { unit: DocumentUnit; slot: number }>
}

/** A row filled from the memory by pre-translation. */
export type { PretranslatedMark }

interface LoadedMemory {
  info: MemoryInfo
  segment: FrozenSegment
  offsets: Float64Array
  fd: number
}

export interface ImportProgress {
  bytes: number
  totalBytes?: number
  units: number
}

const MEMORIES_VERSION = 1
const INDEX_MAGIC = 0x584d5448 // "HTMX"
const INDEX_VERSION = 1
const SAFE_ID = /^[A-Za-z0-9_-]{1,100}$/

function align8(value: number): number {
  return (value + 7) & ~7
}

// ---------------------------------------------------------------------------------------------
// Index file

interface IndexHeader {
  count: number
  tokens: number
  vocab: number
  postings: number
  targetVocab: number
  targetPostings: number
  vocabBytes: number
  targetVocabBytes: number
}

type Section = Float64Array | Uint32Array | Int32Array | Uint8Array

function sectionsOf(data: SegmentData, offsets: Float64Array, vocabBytes: Uint8Array, targetVocabBytes: Uint8Array): Section[] {
  return [
    offsets,
    data.tokenStart,
    data.tokens,
    data.unitWeight,
    data.keyHash,
    data.prevHash,
    data.nextHash,
    data.exactOrder,
    data.postStart,
    data.postings,
    data.targetPostStart,
    data.targetPostings,
    data.punct,
    vocabBytes,
    targetVocabBytes
  ]
}

function writeIndex(path: string, data: SegmentData, offsets: Float64Array): void {
  const vocabBytes = Buffer.from(data.vocab.join('\n'), 'utf8')
  const targetVocabBytes = Buffer.from(data.targetVocab.join('\n'), 'utf8')
  const header: IndexHeader = {
    count: data.count,
    tokens: data.tokens.length,
    vocab: data.vocab.length,
    postings: data.postings.length,
    targetVocab: data.targetVocab.length,
    targetPostings: data.targetPostings.length,
    vocabBytes: vocabBytes.length,
    targetVocabBytes: targetVocabBytes.length
  }
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8')
  const fd = openSync(path, 'w')
  try {
    const start = Buffer.alloc(align8(12 + headerBytes.length))
    start.writeUInt32LE(INDEX_MAGIC, 0)
    start.writeUInt32LE(INDEX_VERSION, 4)
    start.writeUInt32LE(headerBytes.length, 8)
    headerBytes.copy(start, 12)
    writeSync(fd, start)
    const padding = Buffer.alloc(8)
    for (const section of sectionsOf(data, offsets, vocabBytes, targetVocabBytes)) {
      const bytes = Buffer.from(section.buffer, section.byteOffset, section.byteLength)
      // Large sections in pieces: one write call is limited to 2 GB.
      for (let at = 0; at < bytes.length; at += 1 << 28) writeSync(fd, bytes.subarray(at, Math.min(bytes.length, at + (1 << 28))))
      const pad = align8(bytes.length) - bytes.length
      if (pad > 0) writeSync(fd, padding.subarray(0, pad))
    }
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}

async function readIndex(path: string): Promise<{ data: SegmentData; offsets: Float64Array }> {
  const file = await readFile(path)
  // Views need 8-byte alignment from the start of their buffer.
  const bytes = file.byteOffset % 8 === 0 ? file : Buffer.from(new Uint8Array(file))
  if (bytes.length < 12 || bytes.readUInt32LE(0) !== INDEX_MAGIC) throw new Error('not a memory index')
  if (bytes.readUInt32LE(4) !== INDEX_VERSION) throw new Error('memory index of another version')
  const headerLength = bytes.readUInt32LE(8)
  const header = JSON.parse(bytes.subarray(12, 12 + headerLength).toString('utf8')) as IndexHeader
  let at = align8(12 + headerLength)
  const take = <T extends Section>(make: (buffer: ArrayBufferLike, offset: number, length: number) => T, length: number, size: number): T => {
    if (at + length * size > bytes.length) throw new Error('memory index is cut short')
    const view = make(bytes.buffer, bytes.byteOffset + at, length)
    at = align8(at + length * size)
    return view
  }
  const f64 = (b: ArrayBufferLike, o: number, l: number) => new Float64Array(b, o, l)
  const u32 = (b: ArrayBufferLike, o: number, l: number) => new Uint32Array(b, o, l)
  const i32 = (b: ArrayBufferLike, o: number, l: number) => new Int32Array(b, o, l)
  const u8 = (b: ArrayBufferLike, o: number, l: number) => new Uint8Array(b, o, l)
  const { count } = header
  const offsets = take(f64, count + 1, 8)
  const tokenStart = take(u32, count + 1, 4)
  const tokens = take(i32, header.tokens, 4)
  const unitWeight = take(u32, count, 4)
  const keyHash = take(u32, count, 4)
  const prevHash = take(u32, count, 4)
  const nextHash = take(u32, count, 4)
  const exactOrder = take(u32, count, 4)
  const postStart = take(u32, header.vocab + 1, 4)
  const postings = take(i32, header.postings, 4)
  const targetPostStart = take(u32, header.targetVocab + 1, 4)
  const targetPostings = take(i32, header.targetPostings, 4)
  const punct = take(u8, header.vocab, 1)
  const vocabText = Buffer.from(take(u8, header.vocabBytes, 1)).toString('utf8')
  const targetText = Buffer.from(take(u8, header.targetVocabBytes, 1)).toString('utf8')
  const vocab = header.vocab === 0 ? [] : vocabText.split('\n')
  const targetVocab = header.targetVocab === 0 ? [] : targetText.split('\n')
  if (vocab.length !== header.vocab || targetVocab.length !== header.targetVocab) throw new Error('memory index vocabulary does not add up')
  return {
    offsets,
    data: {
      count,
      vocab,
      punct,
      tokenStart,
      tokens,
      unitWeight,
      keyHash,
      prevHash,
      nextHash,
      exactOrder,
      postStart,
      postings,
      targetVocab,
      targetPostStart,
      targetPostings
    }
  }
}

function fromStored(record: StoredRecord, info: MemoryInfo): MemoryRecord {
  const out: MemoryRecord = { source: record.s, target: record.t, sourceLang: record.sl ?? info.sourceLang, targetLang: record.tl ?? info.targetLang }
  if (record.a) out.author = record.a
  if (record.d) out.date = record.d
  if (record.p !== undefined) out.prev = record.p
  if (record.n !== undefined) out.next = record.n
  if (record.x) out.note = record.x
  return out
}

// ---------------------------------------------------------------------------------------------
// The store

interface DocumentLogLine {
  doc: string
  title?: string
  at?: string
  put?: DocumentUnit[]
  del?: string[]
  drop?: boolean
}

export class TmStore {
  private memories: LoadedMemory[] = []
  /** The library's rows. */
  readonly documentSegment = new DynamicSegment()
  readonly documents = new Map<string, DocumentEntry>()
  /** Which document row each slot of the document segment holds. */
  readonly slotRows: Array<{ documentId: string; rowId: string } | undefined> = []
  private logBytes = 0
  private liveBytes = 0
  private writes: Promise<void> = Promise.resolve()
  private marks: Record<string, Record<string, PretranslatedMark>> = {}
  /** Problems found when opening (a damaged memory file is left out and reported). */
  readonly problems: string[] = []

  private constructor(readonly libraryDir: string) {}

  get dir(): string {
    return join(this.libraryDir, 'tm')
  }

  private get memoriesDir(): string {
    return importedMemoriesDir(this.libraryDir)
  }

  private get listPath(): string {
    return join(this.dir, 'memories.json')
  }

  private get logPath(): string {
    return join(this.dir, 'documents.jsonl')
  }

  private get marksPath(): string {
    return join(this.dir, 'pretranslated.json')
  }

  static async open(libraryDir: string): Promise<TmStore> {
    const store = new TmStore(libraryDir)
    try {
      await mkdir(store.memoriesDir, { recursive: true })
    } catch (error) {
      // A library on read-only media still has a memory to read; changing it fails later, plainly.
      const code = (error as NodeJS.ErrnoException).code
      if (code !== 'EROFS' && code !== 'EACCES' && code !== 'EPERM') throw error
    }
    await store.loadMemories()
    await store.loadDocuments()
    // Marks only label rows; damaged ones are dropped rather than stopping the memory.
    store.marks = await readJson(store.marksPath, {}).catch(() => ({}))
    return store
  }

  private async loadMemories(): Promise<void> {
    let list: { version: number; memories: MemoryInfo[] }
    let listRead = true
    try {
      list = await readJson(this.listPath, { version: MEMORIES_VERSION, memories: [] })
    } catch (error) {
      // The memory files stay where they are: nothing is deleted on the word of a damaged list.
      this.problems.push(`The list of memories cannot be read (${(error as Error).message}).`)
      list = { version: MEMORIES_VERSION, memories: [] }
      listRead = false
    }
    const listed = new Set((list.memories ?? []).map((info) => info.id))
    // Files of an import cut short (temporary names) or of a memory removed from the list.
    for (const name of await readdir(this.memoriesDir).catch(() => [] as string[])) {
      const id = name.split('.')[0]
      if (name.endsWith('.tmp') || (listRead && !listed.has(id))) await rm(join(this.memoriesDir, name), { force: true }).catch(() => undefined)
    }
    for (const info of list.memories ?? []) {
      if (!SAFE_ID.test(info.id)) continue
      try {
        const { data, offsets } = await readIndex(join(this.memoriesDir, `${info.id}.index`))
        const fd = openSync(join(this.memoriesDir, `${info.id}.units`), 'r')
        this.memories.push({ info, segment: new FrozenSegment(data), offsets, fd })
      } catch (error) {
        this.problems.push(`The memory “${info.name}” cannot be read (${(error as Error).message}); import it again.`)
      }
    }
  }

  private async saveMemoryList(): Promise<void> {
    await writeDurably(this.listPath, JSON.stringify({ version: MEMORIES_VERSION, memories: this.memories.map((memory) => memory.info) }, null, 1))
  }

  listMemories(): MemoryInfo[] {
    return this.memories.map((memory) => ({ ...memory.info }))
  }

  loadedMemories(): ReadonlyArray<{ info: MemoryInfo; segment: FrozenSegment }> {
    return this.memories
  }

  private memory(id: string): LoadedMemory {
    const found = this.memories.find((memory) => memory.info.id === id)
    if (!found) throw new UserError(`There is no memory ${id}.`, 'not-found')
    return found
  }

  async updateMemory(id: string, change: Partial<Pick<MemoryInfo, 'enabled' | 'penalty' | 'name'>>): Promise<MemoryInfo> {
    const memory = this.memory(id)
    memory.info = { ...memory.info, ...change }
    await this.saveMemoryList()
    return { ...memory.info }
  }

  async removeMemory(id: string): Promise<void> {
    const memory = this.memory(id)
    this.memories = this.memories.filter((candidate) => candidate !== memory)
    await this.saveMemoryList()
    closeSync(memory.fd)
    await rm(join(this.memoriesDir, `${id}.units`), { force: true })
    await rm(join(this.memoriesDir, `${id}.index`), { force: true })
  }

  /** One unit of a memory, read from its file. */
  readRecord(memoryId: string, slot: number): MemoryRecord {
    const memory = this.memory(memoryId)
    const start = memory.offsets[slot]
    const length = memory.offsets[slot + 1] - start
    const buffer = Buffer.allocUnsafe(length)
    let read = 0
    while (read < length) {
      const got = readSync(memory.fd, buffer, read, length - read, start + read)
      if (got === 0) break
      read += got
    }
    return fromStored(JSON.parse(buffer.toString('utf8', 0, read)) as StoredRecord, memory.info)
  }

  /** Every unit of a memory, in file order. */
  async *records(memoryId: string): AsyncGenerator<MemoryRecord> {
    const memory = this.memory(memoryId)
    const lines = createInterface({ input: createReadStream(join(this.memoriesDir, `${memoryId}.units`), { encoding: 'utf8' }), crlfDelay: Infinity })
    for await (const line of lines) if (line) yield fromStored(JSON.parse(line) as StoredRecord, memory.info)
  }

  /**
   * Imports a TMX file read from `chunks`. The memory appears only once both of its files are
   * complete on disk; a failure leaves nothing behind.
   */
  async importTmx(
    chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
    options: { fileName: string; name?: string; now: string; totalBytes?: number; onProgress?: (progress: ImportProgress) => void }
  ): Promise<MemoryInfo> {
    const id = randomUUID().replace(/-/g, '').slice(0, 16)
    const unitsPath = join(this.memoriesDir, `${id}.units`)
    const indexPath = join(this.memoriesDir, `${id}.index`)
    const unitsTemp = `${unitsPath}.tmp`
    const indexTemp = `${indexPath}.tmp`
    let units = 0
    let bytes = 0
    const report = () => options.onProgress?.({ bytes, totalBytes: options.totalBytes, units })
    const reader = new TmxUnitReader({
      fileName: options.fileName,
      onBytes: (count) => {
        bytes = count
        report()
      }
    })
    const builder = new SegmentBuilder()
    let offsets = new Float64Array(1 << 16)
    let position = 0
    let sourceLang = ''
    let targetLang = ''
    let skippedEmpty = 0
    const fd = openSync(unitsTemp, 'w')
    try {
      let batch: string[] = []
      let batchBytes = 0
      const flush = () => {
        if (batch.length === 0) return
        const buffer = Buffer.from(batch.join(''), 'utf8')
        for (let at = 0; at < buffer.length;) at += writeSync(fd, buffer, at)
        batch = []
        batchBytes = 0
      }
      for await (const unit of reader.units(chunks)) {
        const tokens = tokenize(unit.source)
        if (tokens.length === 0 || !unit.target.trim()) {
          skippedEmpty++
          continue
        }
        if (!sourceLang) {
          sourceLang = unit.sourceLang
          targetLang = unit.targetLang
        }
        const line = JSON.stringify(toStored(unit, sourceLang, targetLang)) + '\n'
        const length = Buffer.byteLength(line, 'utf8')
        if (units + 2 > offsets.length) {
          const next = new Float64Array(offsets.length * 2)
          next.set(offsets)
          offsets = next
        }
        offsets[units] = position
        position += length
        addToBuilder(builder, unit, tokens)
        units++
        batch.push(line)
        batchBytes += length
        if (batchBytes > 1 << 22) flush()
      }
      flush()
      fsyncSync(fd)
    } catch (error) {
      closeSync(fd)
      await rm(unitsTemp, { force: true })
      throw error
    }
    closeSync(fd)
    if (units === 0) {
      await rm(unitsTemp, { force: true })
      throw new UserError(`${options.fileName} holds no translation units with text in two languages.`, 'empty')
    }
    offsets[units] = position
    const finalOffsets = offsets.slice(0, units + 1)
    const data = builder.finish()
    try {
      writeIndex(indexTemp, data, finalOffsets)
      await rename(unitsTemp, unitsPath)
      await rename(indexTemp, indexPath)
    } catch (error) {
      await rm(unitsTemp, { force: true })
      await rm(indexTemp, { force: true })
      throw error
    }
    const info: MemoryInfo = {
      id,
      name: options.name?.trim() || options.fileName.replace(/\.tmx$/i, ''),
      fileName: options.fileName,
      importedAt: options.now,
      units,
      skipped: reader.skipped + skippedEmpty,
      sourceLang,
      targetLang,
      enabled: true,
      penalty: 0
    }
    this.memories.push({ info, segment: new FrozenSegment(data), offsets: finalOffsets, fd: openSync(unitsPath, 'r') })
    await this.saveMemoryList()
    report()
    return { ...info }
  }

  // -------------------------------------------------------------------------------------------
  // Documents

  private async loadDocuments(): Promise<void> {
    let text: string
    try {
      text = await readFile(this.logPath, 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return
      throw error
    }
    this.logBytes = Buffer.byteLength(text, 'utf8')
    for (const line of text.split('\n')) {
      if (!line) continue
      let entry: DocumentLogLine
      try {
        entry = JSON.parse(line) as DocumentLogLine
      } catch {
        continue // a line cut short by a crash; the service rebuilds that document from the library
      }
      this.applyLogLine(entry)
    }
    if (this.logBytes > 2 * this.liveBytes + (1 << 20)) await this.packLog()
  }

  private applyLogLine(line: DocumentLogLine): void {
    if (line.drop) {
      this.dropDocumentUnits(line.doc)
      return
    }
    let entry = this.documents.get(line.doc)
    if (!entry) {
      entry = { title: line.title ?? '', updatedAt: line.at ?? '', rows: new Map() }
      this.documents.set(line.doc, entry)
    }
    if (line.title !== undefined) entry.title = line.title
    if (line.at !== undefined) entry.updatedAt = line.at
    for (const rowId of line.del ?? []) this.removeRow(entry, rowId)
    for (const unit of line.put ?? []) {
      this.removeRow(entry, unit.rowId)
      const tokens = tokenize(unit.source)
      const slot = this.documentSegment.add(tokens, hashKeys(tokens), contextHash(unit.prev), contextHash(unit.next))
      this.slotRows[slot] = { documentId: line.doc, rowId: unit.rowId }
      entry.rows.set(unit.rowId, { unit, slot })
      this.liveBytes += unitBytes(unit)
    }
  }

  private removeRow(entry: DocumentEntry, rowId: string): void {
    const existing = entry.rows.get(rowId)
    if (!existing) return
    this.documentSegment.remove(existing.slot)
    this.slotRows[existing.slot] = undefined
    entry.rows.delete(rowId)
    this.liveBytes -= unitBytes(existing.unit)
  }

  private dropDocumentUnits(documentId: string): void {
    const entry = this.documents.get(documentId)
    if (!entry) return
    for (const rowId of [...entry.rows.keys()]) this.removeRow(entry, rowId)
    this.documents.delete(documentId)
  }

  /**
   * Makes the memory hold exactly `units` for the document: rows that changed are replaced,
   * rows gone are removed, the rest is left alone. Returns how many units were added or removed.
   */
  async setDocument(documentId: string, title: string, updatedAt: string, units: DocumentUnit[]): Promise<{ added: number; removed: number }> {
    const entry = this.documents.get(documentId)
    const wanted = new Map(units.map((unit) => [unit.rowId, unit]))
    const del: string[] = []
    const put: DocumentUnit[] = []
    if (entry) {
      for (const rowId of entry.rows.keys()) if (!wanted.has(rowId)) del.push(rowId)
    }
    for (const unit of units) {
      const existing = entry?.rows.get(unit.rowId)
      if (!existing || !sameUnit(existing.unit, unit)) put.push(unit)
    }
    if (entry && del.length === 0 && put.length === 0 && entry.title === title && entry.updatedAt === updatedAt) return { added: 0, removed: 0 }
    const line: DocumentLogLine = { doc: documentId, title, at: updatedAt }
    if (put.length > 0) line.put = put
    if (del.length > 0) line.del = del
    this.applyLogLine(line)
    await this.appendLog(line)
    return { added: put.length, removed: del.length }
  }

  async removeDocument(documentId: string): Promise<void> {
    if (!this.documents.has(documentId)) return
    const line: DocumentLogLine = { doc: documentId, drop: true }
    this.applyLogLine(line)
    await this.appendLog(line)
  }

  private appendLog(line: DocumentLogLine): Promise<void> {
    const text = JSON.stringify(line) + '\n'
    const run = this.writes.then(async () => {
      await appendFile(this.logPath, text, 'utf8')
      this.logBytes += Buffer.byteLength(text, 'utf8')
      if (this.logBytes > 2 * this.liveBytes + (1 << 20)) await this.packLog()
    })
    this.writes = run.catch(() => undefined)
    return run
  }

  /** Rewrites the log as one line per document. */
  private async packLog(): Promise<void> {
    const lines: string[] = []
    for (const [documentId, entry] of this.documents) {
      const line: DocumentLogLine = { doc: documentId, title: entry.title, at: entry.updatedAt, put: [...entry.rows.values()].map((row) => row.unit) }
      lines.push(JSON.stringify(line))
    }
    const text = lines.length > 0 ? lines.join('\n') + '\n' : ''
    await writeDurably(this.logPath, text)
    this.logBytes = Buffer.byteLength(text, 'utf8')
  }

  // -------------------------------------------------------------------------------------------
  // Pre-translation marks

  pretranslated(documentId: string): Record<string, PretranslatedMark> {
    return { ...(this.marks[documentId] ?? {}) }
  }

  async setPretranslated(documentId: string, marks: Record<string, PretranslatedMark>): Promise<void> {
    if (Object.keys(marks).length === 0) delete this.marks[documentId]
    else this.marks[documentId] = marks
    await writeDurably(this.marksPath, JSON.stringify(this.marks))
  }

  async close(): Promise<void> {
    await this.writes
    for (const memory of this.memories) closeSync(memory.fd)
    this.memories = []
  }

  /** Bytes of a memory's files, for listings. */
  async memoryBytes(id: string): Promise<number> {
    const sizes = await Promise.all(
      ['units', 'index'].map((ext) =>
        stat(join(this.memoriesDir, `${id}.${ext}`)).then(
          (s) => s.size,
          () => 0
        )
      )
    )
    return sizes[0] + sizes[1]
  }
}

function unitBytes(unit: DocumentUnit): number {
  return unit.source.length * 2 + unit.target.length + unit.prev.length * 2 + unit.next.length * 2 + 80
}

function toStored(unit: TmxUnit, sourceLang: string, targetLang: string): StoredRecord {
  const record: StoredRecord = { s: unit.source, t: unit.target }
  if (unit.sourceLang !== sourceLang) record.sl = unit.sourceLang
  if (unit.targetLang !== targetLang) record.tl = unit.targetLang
  if (unit.author) record.a = unit.author
  if (unit.date) record.d = unit.date
  if (unit.prev !== undefined) record.p = unit.prev
  if (unit.next !== undefined) record.n = unit.next
  if (unit.note) record.x = unit.note
  return record
}

function addToBuilder(builder: SegmentBuilder, unit: TmxUnit, tokens: Token[]): void {
  builder.add({ tokens, keyHash: hashKeys(tokens), prevHash: contextHash(unit.prev), nextHash: contextHash(unit.next), target: unit.target })
}

async function readJson<T>(path: string, fallback: T): Promise<T> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return fallback
    throw error
  }
  return JSON.parse(text) as T
}

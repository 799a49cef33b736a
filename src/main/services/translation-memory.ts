/**
 * The translation memory as the app and the command line use it. Open it after the library (it
 * lives in the library folder and relies on the library lock), and close it before the library.
 *
 * For the editor:
 * - `lookup(documentId, { rowId } | { text }, { min, max })`: best matches first, each with its
 *   score (0–100, 101 = same sentence with the same neighbours), source, target, origin
 *   ({ kind: 'document' | 'memory', name, author?, date? }), `diff` (the match's source in parts:
 *   same / changed / extra, plus the sentence's words it lacks as missing) and `adaptedTarget`
 *   when only numbers differ (the English with the sentence's numbers). Repetitions (the same
 *   sentence elsewhere in the document, even as a draft) come with `repetition: true`.
 * - `autoInsertion(documentId, rowId)`: the English to put into an empty row on entering it
 *   (an exact or context match), or null.
 * - `concordance(query, { lang })`: units containing the words, with the found words' offsets.
 * - `listMemories`, `setMemoryEnabled`, `setMemoryPenalty`, `removeMemory`,
 *   `importMemory(fileName, bytes, { onProgress })`, `exportTmx(documentId?)` (the text, for one
 *   document or a small memory); `importMemoryFile(path)` and `exportTmxToFile(path)` stream, for
 *   memories of any size (a million units is about 500 MB of TMX).
 * - `pretranslate(documentId, min)` fills empty rows as drafts; `memoryDrafts(documentId)` tells
 *   which rows still hold what the memory put there. `analyze(documentId)` gives the bands,
 *   `analysisCsv(documentId)` the same as CSV.
 * - `syncDocument(doc)` after a document is saved and `removeDocument(id)` after it is deleted
 *   keep the library's rows in the memory; only rows that changed are touched.
 */
import { createReadStream } from 'node:fs'
import { open as openFile, stat } from 'node:fs/promises'
import { basename } from 'node:path'
import { UserError } from '../../core/errors'
import type { DocumentSummary, HamtaDocument, Row } from '../../core/model'
import type { ConcordanceUnit, TmMatch, TmOrigin } from '../../core/tm/types'
import { analysisCsv, analyze, type Analysis, type AnalyzedSentence } from '../../core/tm/analysis'
import { compareSentences } from '../../core/tm/compare'
import { concordanceQuery, englishHits, persianHits, type ConcordanceLang } from '../../core/tm/concordance'
import { documentUnits, rowSource } from '../../core/tm/document-units'
import { searchSegment, segmentQuery, type SegmentHit } from '../../core/tm/search'
import { contextHash, countWords, hashKeys, tokenize, type Token } from '../../core/tm/tokenize'
import { tmxFooter, tmxHeader, tmxUnit, type TmxWriteUnit } from '../../core/tm/tmx-write'
import { APP_NAME, APP_VERSION } from '../../shared/version'
import { TmStore, type ImportProgress, type MemoryInfo, type MemoryRecord, type PretranslatedMark } from '../store/tm-store'

export type { TmMatch, TmOrigin }

export interface LookupOptions {
  /** Lowest score shown; default 70. */
  min?: number
  /** Most matches; default 5. */
  max?: number
}

export type LookupQuery = { rowId: string } | { text: string; prev?: string; next?: string }

export type { ConcordanceUnit }

export interface PretranslateResult {
  filled: number
  rowIds: string[]
}

/** What the memory needs from the library: its documents, and a way to change one. */
export interface TmDocumentSource {
  listDocuments(): DocumentSummary[]
  getDocument(id: string): Promise<HamtaDocument>
  edit(id: string, change: (doc: HamtaDocument) => HamtaDocument): Promise<HamtaDocument>
}

export interface TranslationMemoryOptions {
  libraryDir: string
  documents: TmDocumentSource
  now?: () => string
}

interface Candidate {
  hit: SegmentHit
  penalty: number
  read: () => { record: MemoryRecord | { source: string; target: string; author?: string; date?: string }; origin: TmOrigin }
}

/** Context hash of the start or end of a document (contextHash('')). */
const EDGE_HASH = contextHash('')

interface DocumentView {
  sources: string[]
  tokens: Token[][]
  hashes: number[]
  byHash: Map<number, number[]>
}

/**
 * Postings read per sentence in an analysis: a third of a lookup's, since an analysis looks up
 * every sentence of a document; it only loses low matches that share nothing but common words.
 */
const ANALYSIS_POSTINGS = 50_000

const DEFAULT_MIN = 70
const DEFAULT_MAX = 5

function clampScore(value: number | undefined, fallback: number): number {
  if (value === undefined || !Number.isFinite(value)) return fallback
  return Math.max(0, Math.min(101, Math.round(value)))
}

export class TranslationMemoryService {
  private readonly views = new WeakMap<HamtaDocument, DocumentView>()

  private constructor(
    private readonly store: TmStore,
    private readonly documents: TmDocumentSource,
    private readonly now: () => string
  ) {}

  static async open(options: TranslationMemoryOptions): Promise<TranslationMemoryService> {
    const store = await TmStore.open(options.libraryDir)
    const service = new TranslationMemoryService(store, options.documents, options.now ?? (() => new Date().toISOString()))
    await service.reconcile()
    return service
  }

  /** Problems met when opening (a memory file that cannot be read). */
  get problems(): string[] {
    return [...this.store.problems]
  }

  /**
   * Brings the memory in line with the library: documents changed since the memory last saw
   * them are read again, documents gone are removed. Cheap when nothing changed.
   */
  async reconcile(): Promise<void> {
    const listed = this.documents.listDocuments()
    const ids = new Set(listed.map((summary) => summary.id))
    for (const summary of listed) {
      const known = this.store.documents.get(summary.id)
      if (known && known.updatedAt === summary.updatedAt) continue
      try {
        await this.syncDocument(await this.documents.getDocument(summary.id))
      } catch {
        // A damaged document is the library's to report; it adds nothing here until repaired.
      }
    }
    for (const documentId of [...this.store.documents.keys()]) if (!ids.has(documentId)) await this.store.removeDocument(documentId)
  }

  /** (Re)indexes a document's finished rows; rows unchanged since last time are left alone. */
  async syncDocument(doc: HamtaDocument): Promise<{ added: number; removed: number }> {
    return this.store.setDocument(doc.id, doc.title, doc.updatedAt, documentUnits(doc))
  }

  async removeDocument(documentId: string): Promise<void> {
    await this.store.removeDocument(documentId)
    const marks = this.store.pretranslated(documentId)
    if (Object.keys(marks).length > 0) await this.store.setPretranslated(documentId, {})
  }

  // -------------------------------------------------------------------------------------------
  // Matches

  private documentOrigin(slot: number): { documentId: string; rowId: string } | undefined {
    return this.store.slotRows[slot]
  }

  /** Hits from every enabled source, each with how to read its text. */
  private candidates(
    tokens: Token[],
    context: { prev: number; next: number },
    min: number,
    limit: number,
    exclude: { documentId?: string; rowId?: string; wholeDocument?: boolean },
    maxPostings?: number
  ): Candidate[] {
    const query = segmentQuery(tokens, context.prev, context.next)
    const found: Candidate[] = []
    const excludeSlot = (slot: number): boolean => {
      const row = this.documentOrigin(slot)
      if (!row || row.documentId !== exclude.documentId) return false
      return exclude.wholeDocument === true || row.rowId === exclude.rowId
    }
    for (const hit of searchSegment(this.store.documentSegment, query, { minScore: min, limit, exclude: excludeSlot, maxPostings })) {
      found.push({
        hit,
        penalty: 0,
        read: () => {
          const row = this.documentOrigin(hit.slot)!
          const entry = this.store.documents.get(row.documentId)!
          const unit = entry.rows.get(row.rowId)!.unit
          return {
            record: { source: unit.source, target: unit.target, date: unit.date },
            origin: { kind: 'document', name: entry.title, id: row.documentId, rowId: row.rowId, date: unit.date }
          }
        }
      })
    }
    for (const { info, segment } of this.store.loadedMemories()) {
      if (!info.enabled) continue
      if (min + info.penalty > 101) continue
      for (const hit of searchSegment(segment, query, { minScore: Math.min(100, min + info.penalty), limit, maxPostings })) {
        found.push({
          hit,
          penalty: info.penalty,
          read: () => {
            const record = this.store.readRecord(info.id, hit.slot)
            const origin: TmOrigin = { kind: 'memory', name: info.name, id: info.id }
            if (record.author) origin.author = record.author
            if (record.date) origin.date = record.date
            return { record, origin }
          }
        })
      }
    }
    return found
  }

  private rank(text: string, candidates: Candidate[], min: number, max: number, extra: TmMatch[] = []): TmMatch[] {
    const tokens = tokenize(text)
    const matches: TmMatch[] = [...extra]
    // Read only as many as can still make the list.
    candidates.sort((a, b) => b.hit.score - b.penalty - (a.hit.score - a.penalty))
    for (const candidate of candidates) {
      const { record, origin } = candidate.read()
      const comparison = compareSentences({ text, tokens }, { source: record.source, target: record.target })
      let score = comparison.score
      if (candidate.hit.score === 101 && score === 100) score = 101
      score = Math.max(0, score - candidate.penalty)
      if (score < min) continue
      const match: TmMatch = { score, source: record.source, target: record.target, origin, diff: comparison.diff }
      if (comparison.adaptedTarget !== undefined) {
        match.adaptedTarget = comparison.adaptedTarget
        match.adaptedNumbers = comparison.numberChanges
      }
      matches.push(match)
    }
    matches.sort(
      (a, b) =>
        b.score - a.score ||
        Number(b.repetition ?? false) - Number(a.repetition ?? false) ||
        Number(b.origin.kind === 'document') - Number(a.origin.kind === 'document') ||
        (b.origin.date ?? '').localeCompare(a.origin.date ?? '')
    )
    // One entry per translation of the same sentence: the best-placed one.
    const seen = new Set<string>()
    const out: TmMatch[] = []
    for (const match of matches) {
      const key = `${hashKeys(tokenize(match.source))}\u0000${match.target.trim()}`
      if (seen.has(key)) continue
      seen.add(key)
      out.push(match)
      if (out.length >= max) break
    }
    return out
  }

  /** Each row's source, tokens and hash, worked out once per version of a document. */
  private view(doc: HamtaDocument): DocumentView {
    let view = this.views.get(doc)
    if (!view) {
      const sources = doc.rows.map(rowSource)
      const tokens = sources.map((source) => tokenize(source))
      const hashes = tokens.map((list) => hashKeys(list))
      const byHash = new Map<number, number[]>()
      hashes.forEach((hash, index) => {
        const list = byHash.get(hash)
        if (list) list.push(index)
        else byHash.set(hash, [index])
      })
      view = { sources, tokens, hashes, byHash }
      this.views.set(doc, view)
    }
    return view
  }

  private rowContext(doc: HamtaDocument, index: number): { prev: number; next: number } {
    const { hashes } = this.view(doc)
    return {
      prev: index > 0 ? hashes[index - 1] : EDGE_HASH,
      next: index + 1 < doc.rows.length ? hashes[index + 1] : EDGE_HASH
    }
  }

  /** The same sentence in other rows of the document that already have English. */
  private repetitions(doc: HamtaDocument, rowIndex: number, tokens: Token[], text: string): TmMatch[] {
    const view = this.view(doc)
    const matches: TmMatch[] = []
    for (const index of view.byHash.get(hashKeys(tokens)) ?? []) {
      const row = doc.rows[index]
      if (index === rowIndex || !row.target.trim() || row.status === 'rejected' || row.doNotTranslate) continue
      const comparison = compareSentences({ text, tokens }, { source: view.sources[index], target: row.target, tokens: view.tokens[index] })
      if (comparison.score < 100) continue
      matches.push({
        score: 100,
        source: view.sources[index],
        target: row.target,
        origin: { kind: 'document', name: doc.title, id: doc.id, rowId: row.id, date: row.updatedAt },
        diff: comparison.diff,
        repetition: true
      })
    }
    return matches
  }

  async lookup(documentId: string | null, query: LookupQuery, options: LookupOptions = {}): Promise<TmMatch[]> {
    const min = clampScore(options.min, DEFAULT_MIN)
    const max = Math.max(1, Math.min(50, Math.round(options.max ?? DEFAULT_MAX)))
    if ('rowId' in query) {
      if (!documentId) throw new UserError('A row is looked up within its document.', 'invalid-input')
      const doc = await this.documents.getDocument(documentId)
      const index = doc.rows.findIndex((row) => row.id === query.rowId)
      if (index < 0) throw new UserError(`Row ${query.rowId} does not exist in this document.`, 'not-found')
      return this.lookupRow(doc, index, min, max, false)
    }
    const text = query.text
    const tokens = tokenize(text)
    const context = {
      prev: query.prev === undefined ? 0 : contextHash(query.prev),
      next: query.next === undefined ? 0 : contextHash(query.next)
    }
    const candidates = this.candidates(tokens, context, min, max * 3, { documentId: documentId ?? undefined })
    let extra: TmMatch[] = []
    if (documentId) {
      const doc = await this.documents.getDocument(documentId)
      extra = this.repetitions(doc, -1, tokens, text)
    }
    return this.rank(text, candidates, min, max, extra)
  }

  private lookupRow(doc: HamtaDocument, index: number, min: number, max: number, wholeDocument: boolean, maxPostings?: number): TmMatch[] {
    const row = doc.rows[index]
    const view = this.view(doc)
    const text = view.sources[index]
    const tokens = view.tokens[index]
    if (tokens.length === 0) return []
    const candidates = this.candidates(
      tokens,
      this.rowContext(doc, index),
      min,
      max * 3,
      { documentId: doc.id, rowId: row.id, wholeDocument },
      maxPostings
    )
    return this.rank(text, candidates, min, max, wholeDocument ? [] : this.repetitions(doc, index, tokens, text))
  }

  /**
   * The best match at or above `floor`. Searching from high thresholds down is exact (a search
   * at t finds every unit scoring t or more) and cheap where a good match exists: high thresholds
   * read few postings.
   */
  private bestMatch(doc: HamtaDocument, index: number, floor: number, wholeDocument: boolean, maxPostings?: number): TmMatch | undefined {
    for (const threshold of [100, 80, 50, 0]) {
      if (threshold < floor && threshold !== 0) continue
      const found = this.lookupRow(doc, index, Math.max(threshold, floor), 1, wholeDocument, maxPostings)[0]
      if (found || threshold <= floor) return found
    }
    return undefined
  }

  /** The English to insert on entering an empty row: an exact or context match, else null. */
  async autoInsertion(documentId: string, rowId: string): Promise<TmMatch | null> {
    const doc = await this.documents.getDocument(documentId)
    const index = doc.rows.findIndex((row) => row.id === rowId)
    if (index < 0 || doc.rows[index].target.trim()) return null
    return this.lookupRow(doc, index, 100, 1, false)[0] ?? null
  }

  // -------------------------------------------------------------------------------------------
  // Concordance

  async concordance(text: string, options: { lang?: ConcordanceLang; max?: number } = {}): Promise<{ units: ConcordanceUnit[]; more: boolean }> {
    const query = concordanceQuery(text, options.lang)
    const max = Math.max(1, Math.min(1000, options.max ?? 100))
    const units: ConcordanceUnit[] = []
    if (query.words.length === 0) return { units, more: false }
    const hitsOf = (source: string, target: string) => {
      const sourceHits = query.lang === 'fa' ? persianHits(source, query) : []
      const targetHits = query.lang === 'en' ? englishHits(target, query) : []
      return sourceHits.length > 0 || targetHits.length > 0 ? { sourceHits, targetHits } : null
    }
    let more = false
    documents: for (const [documentId, entry] of this.store.documents) {
      for (const { unit } of entry.rows.values()) {
        const hits = hitsOf(unit.source, unit.target)
        if (!hits) continue
        if (units.length >= max) {
          more = true
          break documents
        }
        units.push({
          source: unit.source,
          target: unit.target,
          origin: { kind: 'document', name: entry.title, id: documentId, rowId: unit.rowId, date: unit.date },
          ...hits
        })
      }
    }
    const side = query.lang === 'fa' ? 'source' : 'target'
    memories: for (const { info, segment } of this.store.loadedMemories()) {
      if (!info.enabled || more) continue
      // Candidates come from the query word with the fewest units; the text decides the rest.
      const perWord = query.words.map((word) => segment.wordIds(word, side))
      if (perWord.some((ids) => ids.length === 0)) continue
      const rarest = perWord.reduce((best, ids) => (segment.postingCount(ids, side) < segment.postingCount(best, side) ? ids : best))
      const seen = new Set<number>()
      for (const slot of segment.unitsWith(rarest, side)) {
        if (seen.has(slot)) continue
        seen.add(slot)
        const record = this.store.readRecord(info.id, slot)
        const hits = hitsOf(record.source, record.target)
        if (!hits) continue
        if (units.length >= max) {
          more = true
          break memories
        }
        const origin: TmOrigin = { kind: 'memory', name: info.name, id: info.id }
        if (record.author) origin.author = record.author
        if (record.date) origin.date = record.date
        units.push({ source: record.source, target: record.target, origin, ...hits })
      }
    }
    return { units, more }
  }

  // -------------------------------------------------------------------------------------------
  // Memories

  /**
   * Persian–English units of the enabled imported memories, newest memory first, at most `limit`:
   * confirmed translations the aligner learns word pairs from.
   */
  async trainingUnits(limit = 50_000): Promise<Array<{ source: string; target: string }>> {
    const units: Array<{ source: string; target: string }> = []
    const memories = this.store
      .listMemories()
      .filter((memory) => memory.enabled)
      .sort((a, b) => b.importedAt.localeCompare(a.importedAt))
    for (const memory of memories) {
      for await (const record of this.store.records(memory.id)) {
        if (units.length >= limit) return units
        if (!/^(fa|pes)\b/i.test(record.sourceLang) || !record.source.trim() || !record.target.trim()) continue
        units.push({ source: record.source, target: record.target })
      }
    }
    return units
  }

  listMemories(): MemoryInfo[] {
    return this.store.listMemories()
  }

  /** Units of the library's documents in the memory. */
  documentUnitCount(): number {
    return this.store.documentSegment.size
  }

  async setMemoryEnabled(id: string, enabled: boolean): Promise<MemoryInfo> {
    return this.store.updateMemory(id, { enabled })
  }

  async setMemoryPenalty(id: string, penalty: number): Promise<MemoryInfo> {
    if (!Number.isFinite(penalty) || penalty < 0 || penalty > 100)
      throw new UserError('A penalty is a number of points from 0 to 100.', 'invalid-input')
    return this.store.updateMemory(id, { penalty: Math.round(penalty) })
  }

  async removeMemory(id: string): Promise<void> {
    await this.store.removeMemory(id)
  }

  /** Imports a TMX file given as bytes (the app's file dialog). */
  async importMemory(
    fileName: string,
    bytes: Uint8Array,
    options: { name?: string; onProgress?: (progress: ImportProgress) => void } = {}
  ): Promise<MemoryInfo> {
    const name = basename(fileName)
    const chunks = function* () {
      for (let at = 0; at < bytes.length; at += 1 << 20) yield bytes.subarray(at, Math.min(bytes.length, at + (1 << 20)))
    }
    return this.store.importTmx(chunks(), {
      fileName: name,
      name: options.name,
      now: this.now(),
      totalBytes: bytes.length,
      onProgress: options.onProgress
    })
  }

  /** Imports a TMX file from disk, streaming (the command line; files of any size). */
  async importMemoryFile(path: string, options: { name?: string; onProgress?: (progress: ImportProgress) => void } = {}): Promise<MemoryInfo> {
    const size = (await stat(path)).size
    return this.store.importTmx(createReadStream(path, { highWaterMark: 1 << 20 }), {
      fileName: basename(path),
      name: options.name,
      now: this.now(),
      totalBytes: size,
      onProgress: options.onProgress
    })
  }

  // -------------------------------------------------------------------------------------------
  // Export

  /** Every unit (or one document's), as TMX pieces in order. */
  private async *tmxPieces(documentId?: string): AsyncGenerator<string> {
    if (documentId !== undefined && !this.store.documents.has(documentId)) {
      // Make sure the document exists at all (and is up to date) before saying it has nothing.
      await this.syncDocument(await this.documents.getDocument(documentId))
    }
    const title = documentId !== undefined ? this.store.documents.get(documentId)?.title : undefined
    yield tmxHeader({ tool: APP_NAME, toolVersion: APP_VERSION, sourceLang: 'fa', now: this.now(), title })
    for (const [id, entry] of this.store.documents) {
      if (documentId !== undefined && id !== documentId) continue
      for (const { unit } of entry.rows.values()) {
        yield tmxUnit({
          source: unit.source,
          target: unit.target,
          sourceLang: 'fa',
          targetLang: 'en',
          date: unit.date,
          prev: unit.prev,
          next: unit.next,
          origin: entry.title
        })
      }
    }
    if (documentId !== undefined) {
      yield tmxFooter()
      return
    }
    for (const info of this.store.listMemories()) {
      for await (const record of this.store.records(info.id)) {
        const unit: TmxWriteUnit = { ...record, origin: info.name }
        yield tmxUnit(unit)
      }
    }
    yield tmxFooter()
  }

  /** The memory (or one document's part of it) as a TMX 1.4 file's text. */
  async exportTmx(documentId?: string): Promise<{ fileName: string; content: string }> {
    const { fileName, pieces } = this.tmxFile(documentId)
    const parts: string[] = []
    for await (const piece of pieces) parts.push(piece)
    return { fileName, content: parts.join('') }
  }

  /** The TMX file's name and its text in pieces, in order: to stream a memory of any size. */
  tmxFile(documentId?: string): { fileName: string; pieces: AsyncGenerator<string> } {
    const name = documentId !== undefined ? this.store.documents.get(documentId)?.title || documentId : 'memory'
    const fileName = `${
      name
        .replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ')
        .trim()
        .slice(0, 80) || 'memory'
    }.tmx`
    return { fileName, pieces: this.tmxPieces(documentId) }
  }

  /** Writes the TMX to a file, streaming (for memories too large to hold as one string). */
  async exportTmxToFile(path: string, documentId?: string): Promise<{ units: number }> {
    return writeTmxFile(path, this.tmxPieces(documentId))
  }

  // -------------------------------------------------------------------------------------------
  // Pre-translation and analysis

  /**
   * Fills the document's empty rows from matches at or above `min` (numbers adapted where only
   * numbers differ), as drafts, and remembers which rows came from the memory.
   */
  async pretranslate(documentId: string, min = 100): Promise<PretranslateResult> {
    const threshold = clampScore(min, 100)
    const doc = await this.documents.getDocument(documentId)
    const fills = new Map<string, { target: string; mark: PretranslatedMark }>()
    doc.rows.forEach((row, index) => {
      if (!isOpenRow(row)) return
      const best = this.bestMatch(doc, index, threshold, false)
      if (!best) return
      const target = best.adaptedTarget ?? best.target
      fills.set(row.id, { target, mark: { target, score: best.score, origin: best.origin.name } })
    })
    if (fills.size === 0) return { filled: 0, rowIds: [] }
    const now = this.now()
    const filled: string[] = []
    const updated = await this.documents.edit(documentId, (current) => {
      filled.length = 0
      const rows = current.rows.map((row) => {
        const fill = fills.get(row.id)
        // A row typed into since the matches were found keeps what was typed.
        if (!fill || !isOpenRow(row)) return row
        filled.push(row.id)
        return { ...row, target: fill.target, status: 'draft' as const, updatedAt: now }
      })
      return filled.length === 0 ? current : { ...current, rows, updatedAt: now }
    })
    const marks = this.store.pretranslated(documentId)
    for (const rowId of filled) marks[rowId] = fills.get(rowId)!.mark
    await this.store.setPretranslated(documentId, marks)
    await this.syncDocument(updated)
    return { filled: filled.length, rowIds: filled }
  }

  /** Rows whose English is still what pre-translation put there, with its score and origin. */
  async memoryDrafts(documentId: string): Promise<Record<string, PretranslatedMark>> {
    const doc = await this.documents.getDocument(documentId)
    const marks = this.store.pretranslated(documentId)
    const current: Record<string, PretranslatedMark> = {}
    for (const row of doc.rows) {
      const mark = marks[row.id]
      if (mark && mark.origin !== DIFFERS && row.target === mark.target) current[row.id] = mark
    }
    return current
  }

  /**
   * Match bands for a document: each sentence's best match in the memory outside this document,
   * and repetitions within it.
   */
  async analyze(documentId: string): Promise<Analysis> {
    const doc = await this.documents.getDocument(documentId)
    const seen = new Set<number>()
    const sentences: AnalyzedSentence[] = []
    const view = this.view(doc)
    // The same sentence with the same neighbours has the same best match: look it up once.
    const known = new Map<string, number>()
    doc.rows.forEach((row, index) => {
      if (row.doNotTranslate || row.source.length === 0) return
      const tokens = view.tokens[index]
      if (tokens.length === 0) return
      const hash = view.hashes[index]
      const context = this.rowContext(doc, index)
      const key = `${hash}:${context.prev}:${context.next}`
      let score = known.get(key)
      if (score === undefined) {
        score = this.bestMatch(doc, index, 50, true, ANALYSIS_POSTINGS)?.score ?? 0
        known.set(key, score)
      }
      sentences.push({ score, words: countWords(tokens), repetition: seen.has(hash) })
      seen.add(hash)
    })
    return analyze(sentences)
  }

  async analysisCsv(documentId: string): Promise<string> {
    return analysisCsv(await this.analyze(documentId))
  }

  // -------------------------------------------------------------------------------------------
  // Repetitions

  /**
   * Puts a row's English into the other rows of its document with the same Persian (by match
   * key) that are still empty, as drafts marked as repetitions; rows the user said differ are
   * left alone.
   */
  async propagate(documentId: string, rowId: string): Promise<PretranslateResult> {
    const doc = await this.documents.getDocument(documentId)
    const index = doc.rows.findIndex((row) => row.id === rowId)
    const origin = doc.rows[index]
    if (!origin || !origin.target.trim()) return { filled: 0, rowIds: [] }
    const tokens = tokenize(rowSource(origin))
    if (tokens.length === 0) return { filled: 0, rowIds: [] }
    const hash = hashKeys(tokens)
    const marks = this.store.pretranslated(documentId)
    const same = new Set(
      doc.rows
        .filter((row) => row.id !== rowId && isOpenRow(row) && marks[row.id]?.origin !== DIFFERS && hashKeys(tokenize(rowSource(row))) === hash)
        .map((row) => row.id)
    )
    if (same.size === 0) return { filled: 0, rowIds: [] }
    const now = this.now()
    const target = origin.target
    const filled: string[] = []
    await this.documents.edit(documentId, (current) => {
      filled.length = 0
      const rows = current.rows.map((row) => {
        if (!same.has(row.id) || !isOpenRow(row)) return row
        filled.push(row.id)
        return { ...row, target, status: 'draft' as const, updatedAt: now }
      })
      return filled.length === 0 ? current : { ...current, rows, updatedAt: now }
    })
    for (const id of filled) marks[id] = { target, score: 100, origin: `repetition of row ${index + 1}` }
    await this.store.setPretranslated(documentId, marks)
    return { filled: filled.length, rowIds: filled }
  }

  /**
   * "This occurrence differs": takes back English a repetition put into the row (if it is still
   * there) and never fills the row from its repetitions again.
   */
  async markOccurrenceDiffers(documentId: string, rowId: string): Promise<void> {
    const marks = this.store.pretranslated(documentId)
    const previous = marks[rowId]
    marks[rowId] = { target: '', score: 0, origin: DIFFERS }
    await this.store.setPretranslated(documentId, marks)
    if (!previous?.origin.startsWith('repetition')) return
    const now = this.now()
    await this.documents.edit(documentId, (current) => ({
      ...current,
      updatedAt: now,
      rows: current.rows.map((row) =>
        row.id === rowId && row.target === previous.target
          ? { ...row, target: '', targetSpans: [], status: 'untranslated' as const, updatedAt: now }
          : row
      )
    }))
  }

  async close(): Promise<void> {
    await this.store.close()
  }
}

/** The mark of a row whose user said it differs from its repetitions. */
const DIFFERS = 'differs'

function isOpenRow(row: Row): boolean {
  return !row.doNotTranslate && row.source.length > 0 && row.target.trim().length === 0
}

/** Writes TMX pieces to a file in blocks of a few megabytes, synced; counts the units written. */
export async function writeTmxFile(path: string, pieces: AsyncIterable<string>): Promise<{ units: number }> {
  const handle = await openFile(path, 'w')
  let units = 0
  try {
    let buffer: string[] = []
    let size = 0
    for await (const piece of pieces) {
      if (piece.startsWith('    <tu')) units++
      buffer.push(piece)
      size += piece.length
      if (size > 1 << 22) {
        await handle.write(buffer.join(''))
        buffer = []
        size = 0
      }
    }
    await handle.write(buffer.join(''))
    await handle.sync()
  } finally {
    await handle.close()
  }
  return { units }
}

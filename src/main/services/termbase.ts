/**
 * The termbase and QA as services: terms shared by the library (add, edit, import, export),
 * names linked in documents offered as terms, and QA runs over a document with the termbase,
 * the rest of the library and the English dictionary, remembering findings marked "not an error".
 */
import { randomUUID } from 'node:crypto'
import { UserError } from '../../core/errors'
import type { HamtaDocument } from '../../core/model'
import { LibraryTranslations } from '../../core/qa/checks/inconsistent'
import type { QaCheckName } from '../../core/qa/finding'
import { writeQaCsv, writeQaHtml, type QaReportFormat } from '../../core/qa/report'
import { runQa, type QaReport } from '../../core/qa/runner'
import { linkedNamePairs } from '../../core/review/name-pairs'
import { readTermFile, termFileFormat, writeTermFile, type TermFileFormat } from '../../core/terms/files'
import { TermMatcher } from '../../core/terms/matcher'
import { mergeTerms, removeTerm, updateTerm, upsertTerm, type Term, type TermInput } from '../../core/terms/model'
import { matchKey } from '../../core/text/normalize'
import { loadEnglishSpeller } from './english-speller'
import { TermbaseStore, type QaState, type SpellingVariant } from '../store/termbase-store'

/** What the termbase needs of the library: its folder, whether it may write, and its documents. */
export interface TermbaseLibrary {
  libraryDir: string
  readOnlyReason: string
  listDocuments(): Array<{ id: string }>
  getDocument(id: string): Promise<HamtaDocument>
}

export interface TermImportResult {
  added: number
  updated: number
  skipped: string[]
  format: TermFileFormat | 'xlsx'
}

export interface TermSuggestion {
  fa: string
  en: string
}

export interface QaRunOptions {
  rowIds?: string[]
  checks?: QaCheckName[]
  /** Spelling variety for this run instead of the library's setting. */
  spelling?: SpellingVariant
  /** Leave out the rest of the library (for `inconsistent`). */
  withoutLibrary?: boolean
}

export class TermbaseService {
  private readonly store: TermbaseStore
  private matcher: { terms: readonly Term[]; matcher: TermMatcher } | null = null

  constructor(
    private readonly library: TermbaseLibrary,
    private readonly options: { now?: () => string; newId?: () => string } = {}
  ) {
    this.store = new TermbaseStore({ libraryDir: library.libraryDir, writable: () => !library.readOnlyReason })
  }

  private now(): string {
    return this.options.now?.() ?? new Date().toISOString()
  }

  private newId(): string {
    return this.options.newId?.() ?? `t${randomUUID().replace(/-/g, '').slice(0, 12)}`
  }

  private assertWritable(): void {
    if (this.library.readOnlyReason) throw new UserError(this.library.readOnlyReason, 'read-only')
  }

  get problems(): string[] {
    return this.store.problems
  }

  async terms(): Promise<Term[]> {
    return (await this.store.readTermbase()).terms
  }

  /** A matcher for the current terms, rebuilt only when they change. */
  async termMatcher(): Promise<TermMatcher> {
    const terms = await this.terms()
    if (this.matcher?.terms !== terms) this.matcher = { terms, matcher: new TermMatcher(terms) }
    return this.matcher.matcher
  }

  async addTerm(input: TermInput): Promise<Term> {
    this.assertWritable()
    const { termbase, term } = upsertTerm(await this.store.readTermbase(), input, { id: this.newId(), now: this.now() })
    await this.store.writeTermbase(termbase)
    return term
  }

  async updateTerm(id: string, change: Partial<TermInput>): Promise<Term> {
    this.assertWritable()
    const termbase = updateTerm(await this.store.readTermbase(), id, change, this.now())
    await this.store.writeTermbase(termbase)
    return termbase.terms.find((term) => term.id === id)!
  }

  async removeTerm(id: string): Promise<void> {
    this.assertWritable()
    await this.store.writeTermbase(removeTerm(await this.store.readTermbase(), id))
  }

  async importTerms(fileName: string, bytes: Uint8Array): Promise<TermImportResult> {
    this.assertWritable()
    const contents = readTermFile(bytes, fileName)
    if (contents.terms.length === 0) {
      throw new UserError(`${fileName} holds no terms with both Persian and English${contents.skipped.length ? ` (${contents.skipped.slice(0, 3).join('; ')})` : ''}.`, 'empty')
    }
    const skipped = [...contents.skipped]
    const valid: TermInput[] = []
    for (const input of contents.terms) {
      // One bad entry (no letters, too long) is reported and left out; the rest is imported.
      try {
        upsertTerm({ schemaVersion: 1, terms: [] }, input, { id: 'check', now: '' })
        valid.push(input)
      } catch (error) {
        skipped.push((error as Error).message)
      }
    }
    const result = mergeTerms(await this.store.readTermbase(), valid, () => this.newId(), this.now())
    await this.store.writeTermbase(result.termbase)
    return { added: result.added, updated: result.updated, skipped, format: contents.format }
  }

  async exportTerms(fileName: string): Promise<{ fileName: string; mimeType: string; content: string; format: TermFileFormat }> {
    const format = termFileFormat(fileName)
    const { content, mimeType } = writeTermFile(await this.terms(), format)
    return { fileName, mimeType, content, format }
  }

  /** Names linked in the library's documents that the termbase does not have yet. */
  async suggestions(limit = 200): Promise<TermSuggestion[]> {
    const known = new Set((await this.terms()).map((term) => matchKey(term.fa)))
    const pairs = linkedNamePairs(await this.documents())
    const seen = new Set<string>()
    const found: TermSuggestion[] = []
    for (const pair of pairs) {
      const key = matchKey(pair.source)
      if (!key || known.has(key) || seen.has(key)) continue
      seen.add(key)
      found.push({ fa: pair.source, en: pair.target })
      if (found.length >= limit) break
    }
    return found
  }

  private async documents(exceptId?: string): Promise<HamtaDocument[]> {
    const documents: HamtaDocument[] = []
    for (const summary of this.library.listDocuments()) {
      if (summary.id === exceptId) continue
      try {
        documents.push(await this.library.getDocument(summary.id))
      } catch {
        // A damaged document is reported by the library; it only lends nothing here.
      }
    }
    return documents
  }

  async qaState(): Promise<QaState> {
    return this.store.readQaState()
  }

  async setSpelling(spelling: SpellingVariant): Promise<QaState> {
    this.assertWritable()
    const state = { ...(await this.store.readQaState()), spelling }
    await this.store.writeQaState(state)
    return state
  }

  /** Marks findings "not an error" (or takes that back); they stay so when QA runs again. */
  async silence(documentId: string, findingIds: string[], silenced: boolean): Promise<string[]> {
    this.assertWritable()
    const state = await this.store.readQaState()
    const current = new Set(state.silenced[documentId] ?? [])
    for (const id of findingIds) {
      if (silenced) current.add(id)
      else current.delete(id)
    }
    const next = { ...state, silenced: { ...state.silenced, [documentId]: [...current] } }
    if (current.size === 0) delete next.silenced[documentId]
    await this.store.writeQaState(next)
    return [...current]
  }

  /** QA of a document in the library, or of a document given as it is (a file on the command line). */
  async runQa(document: HamtaDocument, options: QaRunOptions = {}): Promise<QaReport> {
    const state = await this.store.readQaState()
    const wantsSpelling = !options.checks || options.checks.includes('spelling')
    const wantsLibrary = !options.withoutLibrary && (!options.checks || options.checks.includes('inconsistent'))
    const [matcher, speller, others] = await Promise.all([
      this.termMatcher(),
      wantsSpelling ? loadEnglishSpeller(options.spelling ?? state.spelling) : Promise.resolve(null),
      wantsLibrary ? this.documents(document.id) : Promise.resolve([])
    ])
    return runQa(document, {
      terms: matcher,
      speller,
      library: wantsLibrary ? LibraryTranslations.fromDocuments(others) : null,
      checks: options.checks,
      rowIds: options.rowIds,
      silenced: state.silenced[document.id] ?? []
    })
  }

  async qaReport(document: HamtaDocument, format: QaReportFormat, options: QaRunOptions = {}): Promise<{ fileName: string; mimeType: string; content: string }> {
    const report = await this.runQa(document, options)
    const base = `${document.origin.fileName.replace(/\.[^.]+$/, '') || document.id}-qa`
    return format === 'csv'
      ? { fileName: `${base}.csv`, mimeType: 'text/csv', content: writeQaCsv(document, report.findings) }
      : { fileName: `${base}.html`, mimeType: 'text/html', content: writeQaHtml(document, report.findings, this.now()) }
  }
}

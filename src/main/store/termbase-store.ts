/**
 * The library's termbase (termbase.json) and QA state (qa.json: findings marked "not an error"
 * per document, and the spelling variety), each a small JSON file in the library folder,
 * written durably. Only the process holding the library lock writes them; reading needs no lock,
 * since a durable write replaces the file whole.
 */
import { mkdir, readFile, rename } from 'node:fs/promises'
import { join } from 'node:path'
import { emptyTermbase, parseTermbase, type Termbase } from '../../core/terms/model'
import { writeDurably, type DurableWrite } from './durable-json-file'
import { describeWriteError } from './write-errors'

export const TERMBASE_FILE = 'termbase.json'
export const QA_STATE_FILE = 'qa.json'

export const SPELLING_VARIANTS = ['en-US', 'en-GB'] as const
export type SpellingVariant = (typeof SPELLING_VARIANTS)[number]

export interface QaState {
  schemaVersion: number
  /** Finding ids marked "not an error", per document id. */
  silenced: Record<string, string[]>
  spelling: SpellingVariant
}

export function emptyQaState(): QaState {
  return { schemaVersion: 1, silenced: {}, spelling: 'en-US' }
}

function parseQaState(value: unknown): QaState {
  const raw = value as Partial<QaState> | null
  if (!raw || typeof raw !== 'object' || typeof raw.silenced !== 'object' || raw.silenced === null) throw new Error('not a QA state file')
  const silenced: Record<string, string[]> = {}
  for (const [id, list] of Object.entries(raw.silenced)) if (Array.isArray(list)) silenced[id] = list.filter((entry) => typeof entry === 'string')
  return { schemaVersion: 1, silenced, spelling: raw.spelling === 'en-GB' ? 'en-GB' : 'en-US' }
}

function stamp(): string {
  return new Date().toISOString().replace(/[:.]/g, '-')
}

/** One JSON file of the library: read once, kept in memory, written whole and one write at a time. */
class LibraryJsonFile<T> {
  private value: T | null = null
  private writing: Promise<void> = Promise.resolve()
  /** Set when the file on disk could not be read: what was wrong and where its bytes went. */
  problem: string | null = null

  constructor(
    private readonly libraryDir: string,
    private readonly name: string,
    private readonly fallback: () => T,
    private readonly parse: (value: unknown) => T,
    private readonly write_: DurableWrite,
    private readonly writable: () => boolean
  ) {}

  get path(): string {
    return join(this.libraryDir, this.name)
  }

  async read(): Promise<T> {
    if (this.value) return this.value
    let text: string
    try {
      text = await readFile(this.path, 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
      this.value = this.fallback()
      return this.value
    }
    try {
      this.value = this.parse(JSON.parse(text))
    } catch (error) {
      // Keep the unreadable bytes aside, never over them, and start afresh.
      let keptAt = ''
      if (this.writable()) {
        const folder = join(this.libraryDir, 'damaged')
        await mkdir(folder, { recursive: true })
        keptAt = join(folder, `${this.name.replace(/\.json$/, '')}-${stamp()}.json`)
        await rename(this.path, keptAt).catch(() => (keptAt = ''))
      }
      this.problem = `${this.path} could not be read (${(error as Error).message})${keptAt ? `; its bytes were kept at ${keptAt}` : ''}.`
      this.value = this.fallback()
    }
    return this.value
  }

  /** Stores a new value; resolves once it is on disk. */
  async write(value: T): Promise<void> {
    this.value = value
    const run = this.writing.catch(() => undefined).then(async () => {
      try {
        await this.write_(this.path, JSON.stringify(this.value))
      } catch (error) {
        throw describeWriteError(error, this.path)
      }
    })
    this.writing = run
    await run
  }
}

export interface TermbaseStoreOptions {
  libraryDir: string
  write?: DurableWrite
  /** False for a library opened read-only: then nothing is moved or written. */
  writable?: () => boolean
}

export class TermbaseStore {
  private readonly termbaseFile: LibraryJsonFile<Termbase>
  private readonly qaFile: LibraryJsonFile<QaState>
  /** Entries of termbase.json that were unreadable and left out. */
  droppedTerms = 0

  constructor(options: TermbaseStoreOptions) {
    const write = options.write ?? writeDurably
    const writable = options.writable ?? (() => true)
    this.termbaseFile = new LibraryJsonFile(
      options.libraryDir,
      TERMBASE_FILE,
      emptyTermbase,
      (value) => {
        const { termbase, dropped } = parseTermbase(value)
        this.droppedTerms = dropped
        return termbase
      },
      write,
      writable
    )
    this.qaFile = new LibraryJsonFile(options.libraryDir, QA_STATE_FILE, emptyQaState, parseQaState, write, writable)
  }

  readTermbase(): Promise<Termbase> {
    return this.termbaseFile.read()
  }

  writeTermbase(termbase: Termbase): Promise<void> {
    return this.termbaseFile.write(termbase)
  }

  readQaState(): Promise<QaState> {
    return this.qaFile.read()
  }

  writeQaState(state: QaState): Promise<void> {
    return this.qaFile.write(state)
  }

  /** What went wrong reading the files, in words (empty when nothing did). */
  get problems(): string[] {
    return [this.termbaseFile.problem, this.qaFile.problem].filter((problem): problem is string => problem !== null)
  }
}

import type { Adapter } from 'lowdb'
import { DurableJsonFile, writeDurably, type DurableWrite } from './durable-json-file'

/**
 * How a document file is laid out on disk, so that a library kept in Git diffs small: keys in
 * a fixed (sorted) order at every level, each top-level field of the document on its own line
 * and each row on its own line. Editing one row changes two lines (the row and `updatedAt`);
 * rows nobody touched come out byte for byte the same. It is still one JSON value.
 */

/** Gives JSON.stringify each object with its keys in sorted order (the engine does the rest, fast). */
function sortKeys(_key: string, value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value
  const record = value as Record<string, unknown>
  const keys = Object.keys(record)
  let sorted = true
  for (let i = 1; i < keys.length && sorted; i++) sorted = keys[i - 1] < keys[i]
  if (sorted) return value
  const out: Record<string, unknown> = {}
  for (const key of keys.sort()) out[key] = record[key]
  return out
}

function sortedJson(value: unknown): string {
  return JSON.stringify(value, sortKeys) ?? 'null'
}

/**
 * Rows are immutable (every edit makes a new row object), so a row's text is kept with the object
 * and a save of a large document serializes only the rows that changed.
 */
const rowText = new WeakMap<object, string>()

function serializeRow(row: unknown): string {
  if (!row || typeof row !== 'object') return sortedJson(row)
  let text = rowText.get(row)
  if (text === undefined) {
    text = sortedJson(row)
    rowText.set(row, text)
  }
  return text
}

/**
 * The same bytes as serializeDocumentFile, built in pieces: a large document (an import of 100 MB)
 * never exists as one string of its whole file besides the bytes.
 */
export function serializeDocumentFileToBytes(file: { schemaVersion: number; document: object }): Buffer {
  const document = file.document as Record<string, unknown>
  const rows = Array.isArray(document.rows) ? (document.rows as unknown[]) : []
  const head: string[] = []
  for (const key of Object.keys(document).sort()) {
    if (key === 'rows' || document[key] === undefined) continue
    head.push(`${JSON.stringify(key)}:${sortedJson(document[key])}`)
  }
  const parts: Buffer[] = [Buffer.from(`{"schemaVersion":${JSON.stringify(file.schemaVersion)},"document":{\n${head.join(',\n')}${head.length ? ',\n' : ''}"rows":`)]
  if (rows.length === 0) parts.push(Buffer.from('[]'))
  const BATCH = 2000
  for (let start = 0; start < rows.length; start += BATCH) {
    const lines = rows.slice(start, start + BATCH).map((row) => sortedJson(row))
    parts.push(Buffer.from(`${start === 0 ? '[\n' : ',\n'}${lines.join(',\n')}${start + BATCH >= rows.length ? '\n]' : ''}`))
  }
  parts.push(Buffer.from('\n}}\n'))
  return Buffer.concat(parts)
}

/** The text of a document file (`{schemaVersion, document}`); parses back to the same value. */
export function serializeDocumentFile(file: { schemaVersion: number; document: object }): string {
  const document = file.document as Record<string, unknown>
  const lines: string[] = []
  for (const key of Object.keys(document).sort()) {
    if (key === 'rows' || document[key] === undefined) continue
    lines.push(`${JSON.stringify(key)}:${sortedJson(document[key])}`)
  }
  const rows = Array.isArray(document.rows) ? (document.rows as unknown[]) : []
  const rowLines = rows.map(serializeRow)
  const rowsText = rowLines.length === 0 ? '[]' : `[\n${rowLines.join(',\n')}\n]`
  lines.push(`"rows":${rowsText}`)
  return `{"schemaVersion":${JSON.stringify(file.schemaVersion)},"document":{\n${lines.join(',\n')}\n}}\n`
}

/** Small library files (palette, settings): sorted keys, one item of a list per line. */
export function serializeLibraryFile(value: { schemaVersion: number; value: unknown }): string {
  const inner = Array.isArray(value.value) ? `[\n${value.value.map((item) => sortedJson(item)).join(',\n')}\n]` : sortedJson(value.value)
  return `{"schemaVersion":${JSON.stringify(value.schemaVersion)},"value":${inner}}\n`
}

/** The lowdb adapter of a document file: durable writes (see DurableJsonFile) in the layout above. */
export class DocumentJsonFile<T extends { schemaVersion: number; document: object }> implements Adapter<T> {
  private readonly file: DurableJsonFile<T>

  constructor(
    readonly path: string,
    private readonly write_: DurableWrite = writeDurably
  ) {
    this.file = new DurableJsonFile<T>(path, write_)
  }

  read(): Promise<T | null> {
    return this.file.read()
  }

  async write(data: T): Promise<void> {
    await this.write_(this.path, serializeDocumentFile(data))
  }
}

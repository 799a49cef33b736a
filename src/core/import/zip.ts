/**
 * The central directory of a zip file: every entry's name and sizes, read without inflating
 * anything, so a Word file can be judged by what it would unpack to before any of it is unpacked.
 */
import { createInflateRaw } from 'node:zlib'

export interface ZipEntry {
  name: string
  /** 0 stored, 8 deflated; Word files use nothing else. */
  method: number
  compressedSize: number
  /** As the directory claims it; checkEntrySize holds the data to it. */
  uncompressedSize: number
  localHeaderOffset: number
}

const EOCD = 0x06054b50
const ZIP64_LOCATOR = 0x07064b50
const ZIP64_EOCD = 0x06064b50
const CENTRAL = 0x02014b50
const LOCAL = 0x04034b50

/** Thrown for a file that is not a readable zip; the caller words the message. */
export class ZipFormatError extends Error {}

const u16 = (view: DataView, at: number): number => view.getUint16(at, true)
const u32 = (view: DataView, at: number): number => view.getUint32(at, true)
const u64 = (view: DataView, at: number): number => Number(view.getBigUint64(at, true))

/** The entries listed in the zip's central directory (ZIP64 included), in directory order. */
export function readZipDirectory(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const need = (at: number, length: number): void => {
    if (at < 0 || at + length > bytes.length) throw new ZipFormatError('the zip directory points outside the file')
  }
  // The end record is the last 22 bytes, unless a comment (at most 65535 bytes) follows it.
  let end = -1
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 65535); at--) {
    if (u32(view, at) === EOCD) {
      end = at
      break
    }
  }
  if (end < 0) throw new ZipFormatError('no end of central directory')
  let count = u16(view, end + 10)
  let size = u32(view, end + 12)
  let offset = u32(view, end + 16)
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) {
    const locator = end - 20
    need(locator, 20)
    if (u32(view, locator) !== ZIP64_LOCATOR) throw new ZipFormatError('ZIP64 locator missing')
    const record = u64(view, locator + 8)
    need(record, 56)
    if (u32(view, record) !== ZIP64_EOCD) throw new ZipFormatError('ZIP64 end record missing')
    count = u64(view, record + 32)
    size = u64(view, record + 40)
    offset = u64(view, record + 48)
  }
  need(offset, size)
  const entries: ZipEntry[] = []
  let at = offset
  for (let index = 0; index < count; index++) {
    need(at, 46)
    if (u32(view, at) !== CENTRAL) throw new ZipFormatError('damaged central directory')
    const nameLength = u16(view, at + 28)
    const extraLength = u16(view, at + 30)
    const commentLength = u16(view, at + 32)
    need(at + 46, nameLength + extraLength + commentLength)
    const entry: ZipEntry = {
      name: Buffer.from(bytes.buffer, bytes.byteOffset + at + 46, nameLength).toString('utf8'),
      method: u16(view, at + 10),
      compressedSize: u32(view, at + 20),
      uncompressedSize: u32(view, at + 24),
      localHeaderOffset: u32(view, at + 42)
    }
    // ZIP64 sizes live in extra field 0x0001, holding only the values that overflowed, in this order.
    let extra = at + 46 + nameLength
    const extraEnd = extra + extraLength
    while (extra + 4 <= extraEnd) {
      const id = u16(view, extra)
      const length = u16(view, extra + 2)
      if (id === 0x0001) {
        let field = extra + 4
        const take = (): number => {
          if (field + 8 > extra + 4 + length) throw new ZipFormatError('damaged ZIP64 field')
          const value = u64(view, field)
          field += 8
          return value
        }
        if (entry.uncompressedSize === 0xffffffff) entry.uncompressedSize = take()
        if (entry.compressedSize === 0xffffffff) entry.compressedSize = take()
        if (entry.localHeaderOffset === 0xffffffff) entry.localHeaderOffset = take()
      }
      extra += 4 + length
    }
    entries.push(entry)
    at += 46 + nameLength + extraLength + commentLength
  }
  return entries
}

/** The entry's packed bytes, found through its local header. */
function entryData(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const at = entry.localHeaderOffset
  if (at + 30 > bytes.length || u32(view, at) !== LOCAL) throw new ZipFormatError(`damaged local header of ${entry.name}`)
  const start = at + 30 + u16(view, at + 26) + u16(view, at + 28)
  if (start + entry.compressedSize > bytes.length) throw new ZipFormatError(`${entry.name} runs past the end of the file`)
  return bytes.subarray(start, start + entry.compressedSize)
}

/**
 * Inflates an entry without keeping what comes out, and stops as soon as it unpacks to more than
 * the directory claims: the claimed sizes, which the limits were checked against, are then true
 * for whoever unpacks the entry next. Resolves to the real unpacked size.
 */
export function checkEntrySize(bytes: Uint8Array, entry: ZipEntry): Promise<number> {
  const data = entryData(bytes, entry)
  if (entry.method === 0) {
    if (data.length !== entry.uncompressedSize) return Promise.reject(new ZipFormatError(`${entry.name} has the wrong size`))
    return Promise.resolve(data.length)
  }
  if (entry.method !== 8) return Promise.reject(new ZipFormatError(`${entry.name} is packed with method ${entry.method}`))
  return new Promise((resolve, reject) => {
    const inflate = createInflateRaw()
    let total = 0
    let settled = false
    const fail = (error: Error): void => {
      if (settled) return
      settled = true
      inflate.destroy()
      reject(error)
    }
    inflate.on('data', (chunk: Buffer) => {
      total += chunk.length
      if (total > entry.uncompressedSize) fail(new ZipFormatError(`${entry.name} unpacks to more than its directory entry says`))
    })
    inflate.on('error', (error) => fail(new ZipFormatError(`${entry.name}: ${error.message}`)))
    inflate.on('end', () => {
      if (settled) return
      settled = true
      if (total !== entry.uncompressedSize) reject(new ZipFormatError(`${entry.name} unpacks to ${total} bytes, not ${entry.uncompressedSize}`))
      else resolve(total)
    })
    inflate.end(data)
  })
}

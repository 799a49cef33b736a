/**
 * The central directory of a zip file: every entry's name and sizes, read without inflating
 * anything, so a Word file can be judged by what it would unpack to before any of it is unpacked.
 */
import { createInflateRaw, deflateRawSync, inflateRawSync } from 'node:zlib'

export interface ZipEntry {
  name: string
  /** 0 stored, 8 deflated; Word files use nothing else. */
  method: number
  compressedSize: number
  /** As the directory claims it; checkEntrySize holds the data to it. */
  uncompressedSize: number
  localHeaderOffset: number
  /** What rewriting the package needs to copy the entry as it was. */
  crc32?: number
  flags?: number
  time?: number
  date?: number
  versionMadeBy?: number
  versionNeeded?: number
  internalAttributes?: number
  externalAttributes?: number
  /** The name exactly as stored (not always UTF-8). */
  rawName?: Uint8Array
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
      localHeaderOffset: u32(view, at + 42),
      crc32: u32(view, at + 16),
      flags: u16(view, at + 8),
      time: u16(view, at + 12),
      date: u16(view, at + 14),
      versionMadeBy: u16(view, at + 4),
      versionNeeded: u16(view, at + 6),
      internalAttributes: u16(view, at + 36),
      externalAttributes: u32(view, at + 38),
      rawName: bytes.subarray(at + 46, at + 46 + nameLength)
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

/**
 * An entry unpacked. Call only after checkEntrySize has held the entry to its claimed size (the
 * package check does), so what comes out is as large as the limits allowed.
 */
export function readEntry(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  const data = entryData(bytes, entry)
  if (entry.method === 0) return data
  if (entry.method !== 8) throw new ZipFormatError(`${entry.name} is packed with method ${entry.method}`)
  return inflateRawSync(data, { maxOutputLength: Math.max(1, entry.uncompressedSize) })
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    table[n] = c >>> 0
  }
  return table
})()

export function crc32(data: Uint8Array): number {
  let crc = 0xffffffff
  for (let k = 0; k < data.length; k++) crc = CRC_TABLE[(crc ^ data[k]) & 0xff] ^ (crc >>> 8)
  return (crc ^ 0xffffffff) >>> 0
}

/**
 * The package again with some entries' content replaced. Every other entry keeps its packed bytes
 * as they were (so it unpacks to the same bytes), in the same order, with the same name, time and
 * attributes; only the headers around them are written anew (without data descriptors).
 */
export function rewriteZip(bytes: Uint8Array, replacements: ReadonlyMap<string, Uint8Array>): Uint8Array {
  const entries = readZipDirectory(bytes)
  const locals: Uint8Array[] = []
  const centrals: Uint8Array[] = []
  let offset = 0
  for (const entry of entries) {
    const replacement = replacements.get(entry.name)
    const data = replacement ? deflateRawSync(replacement) : entryData(bytes, entry)
    const method = replacement ? 8 : entry.method
    const crc = replacement ? crc32(replacement) : (entry.crc32 ?? 0)
    const size = replacement ? replacement.length : entry.uncompressedSize
    const name = entry.rawName ?? Buffer.from(entry.name, 'utf8')
    if (offset > 0xfffffffe || data.length > 0xfffffffe || size > 0xfffffffe)
      throw new ZipFormatError('the package is too large to write without ZIP64')
    // Bit 3 (sizes in a data descriptor) is dropped: the sizes are in the headers now.
    const flags = (entry.flags ?? 0) & ~0x0008
    // ZIP64 extras are not written, so the entry needs no more than version 2.0.
    const needed = Math.min(entry.versionNeeded ?? 20, 20)
    const local = Buffer.alloc(30 + name.length)
    local.writeUInt32LE(LOCAL, 0)
    local.writeUInt16LE(needed, 4)
    local.writeUInt16LE(flags, 6)
    local.writeUInt16LE(method, 8)
    local.writeUInt16LE(entry.time ?? 0, 10)
    local.writeUInt16LE(entry.date ?? 0x21, 12)
    local.writeUInt32LE(crc, 14)
    local.writeUInt32LE(data.length, 18)
    local.writeUInt32LE(size, 22)
    local.writeUInt16LE(name.length, 26)
    local.writeUInt16LE(0, 28)
    local.set(name, 30)
    const central = Buffer.alloc(46 + name.length)
    central.writeUInt32LE(CENTRAL, 0)
    central.writeUInt16LE(entry.versionMadeBy ?? 20, 4)
    central.writeUInt16LE(needed, 6)
    central.writeUInt16LE(flags, 8)
    central.writeUInt16LE(method, 10)
    central.writeUInt16LE(entry.time ?? 0, 12)
    central.writeUInt16LE(entry.date ?? 0x21, 14)
    central.writeUInt32LE(crc, 16)
    central.writeUInt32LE(data.length, 20)
    central.writeUInt32LE(size, 24)
    central.writeUInt16LE(name.length, 28)
    central.writeUInt16LE(entry.internalAttributes ?? 0, 36)
    central.writeUInt32LE(entry.externalAttributes ?? 0, 38)
    central.writeUInt32LE(offset, 42)
    central.set(name, 46)
    locals.push(local, data)
    centrals.push(central)
    offset += local.length + data.length
  }
  const directorySize = centrals.reduce((sum, part) => sum + part.length, 0)
  if (entries.length > 0xfffe || offset + directorySize > 0xfffffffe) throw new ZipFormatError('the package is too large to write without ZIP64')
  const end = Buffer.alloc(22)
  end.writeUInt32LE(EOCD, 0)
  end.writeUInt16LE(entries.length, 8)
  end.writeUInt16LE(entries.length, 10)
  end.writeUInt32LE(directorySize, 12)
  end.writeUInt32LE(offset, 16)
  return new Uint8Array(Buffer.concat([...locals, ...centrals, end]))
}

import { UserError } from '../errors'
import { decodeTextFile } from '../text/decode'
import { yieldToEventLoop, type ImportedText, type ReadOptions } from './types'

/** Large files are decoded in slices of this many bytes, with a progress report and a yield after each. */
const SLICE = 1 << 20

const DECODER_LABELS: Record<string, string> = {
  'UTF-8': 'utf-8',
  'UTF-8 with BOM': 'utf-8',
  'UTF-16LE': 'utf-16le',
  'UTF-16LE (no BOM)': 'utf-16le',
  'UTF-16BE': 'utf-16be',
  'UTF-16BE (no BOM)': 'utf-16be',
  'Windows-1256': 'windows-1256'
}

/**
 * Length of a prefix of at most `limit` bytes that ends just after a line break, so it ends on a
 * character boundary in UTF-8, UTF-16 (either byte order) and single-byte encodings alike; 0 if the
 * first `limit` bytes have no line break.
 */
function prefixLength(bytes: Uint8Array, limit: number): number {
  let end = bytes.subarray(0, limit).lastIndexOf(0x0a) + 1
  if (end === 0) return 0
  if (end % 2 === 1 && bytes[end] === 0x00) end++ // the high byte of a UTF-16LE newline
  return end
}

function fold(text: string): { text: string; lineEndings: number } {
  let lineEndings = 0
  const folded = text.indexOf('\r') === -1 ? text : text.replace(/\r\n?/g, () => (lineEndings++, '\n'))
  return { text: folded, lineEndings }
}

/**
 * Decodes a large file slice by slice in the encoding its beginning shows, reporting progress and
 * yielding between slices so the process stays responsive. Returns null if the whole file turns
 * out not to be in that encoding (the caller then decodes it as a whole).
 */
async function decodeInSlices(bytes: Uint8Array, label: string, skip: number, report: (fraction: number) => void): Promise<string | null> {
  const decoder = new TextDecoder(label, { fatal: true })
  const parts: string[] = []
  try {
    for (let start = skip; start < bytes.length; start += SLICE) {
      const end = Math.min(bytes.length, start + SLICE)
      const part = decoder.decode(bytes.subarray(start, end), { stream: end < bytes.length })
      if (part.includes('\u0000')) return null
      parts.push(part)
      report(end / bytes.length)
      if (end < bytes.length) await yieldToEventLoop()
    }
  } catch {
    return null
  }
  return parts.join('')
}

/** Plain text in UTF-8, UTF-16 or Windows-1256; see decodeTextFile. */
export async function readPlainText(fileName: string, bytes: Uint8Array, options: ReadOptions = {}): Promise<ImportedText> {
  const report = options.onProgress ?? (() => {})
  let text: string | null = null
  let encoding: string
  let warnings: string[] = []
  const probeLength = bytes.length > 2 * SLICE ? prefixLength(bytes, 65536) : 0
  if (probeLength > 0) {
    // The beginning tells the encoding; the rest is decoded in slices.
    const probe = decodeTextFile(bytes.subarray(0, probeLength), fileName)
    encoding = probe.encoding
    const label = DECODER_LABELS[encoding]
    const bom = encoding === 'UTF-8 with BOM' ? 3 : encoding === 'UTF-16LE' || encoding === 'UTF-16BE' ? 2 : 0
    if (label) text = await decodeInSlices(bytes, label, bom, (fraction) => report(0.9 * fraction))
  }
  if (text === null) {
    const decoded = decodeTextFile(bytes, fileName)
    text = decoded.text
    encoding = decoded.encoding
    warnings = decoded.warnings ?? []
  }
  report(0.9)
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
  const folded = fold(text)
  if (folded.text.trim().length === 0) throw new UserError(`${fileName} has no text in it.`, 'empty')
  const notes = [`decoded as ${encoding!}`, ...warnings]
  if (folded.lineEndings > 0) notes.push(`converted ${folded.lineEndings} Windows or old Mac line endings`)
  return { text: folded.text, format: 'txt', encoding: encoding!, notes }
}

import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { readDocument } from '../../../src/core/import'
import { sampleText } from './fixtures'

const sample = sampleText('003_1f132d0afecd6292.txt')
/** Windows-1256 has Arabic yeh but not the Persian one; old Persian files are written with it. */
const sample1256 = sample.replace(/ی/g, 'ي')

describe('reading plain text', () => {
  it('reads large UTF-16 files in slices too', async () => {
    const large = sample.repeat(Math.ceil((3 * 1024 * 1024) / sample.length))
    const le = await readDocument('le.txt', new Uint8Array([0xff, 0xfe, ...Buffer.from(large, 'utf16le')]))
    expect([le.encoding, le.text === large]).toEqual(['UTF-16LE', true])
    const be = Buffer.from(large, 'utf16le').swap16()
    const noBom = await readDocument('be.txt', new Uint8Array(be))
    expect([noBom.encoding, noBom.text === large]).toEqual(['UTF-16BE (no BOM)', true])
  })

  it('reads UTF-8, UTF-16 and Windows-1256 and says which it used', async () => {
    const utf8 = await readDocument('a.txt', new TextEncoder().encode(sample))
    expect([utf8.format, utf8.encoding, utf8.text]).toEqual(['txt', 'UTF-8', sample])
    const utf16 = await readDocument('a.txt', new Uint8Array([0xff, 0xfe, ...Buffer.from(sample, 'utf16le')]))
    expect([utf16.encoding, utf16.text]).toEqual(['UTF-16LE', sample])
    const legacy = await readDocument('a.txt', new Uint8Array(iconv.encode(sample1256, 'win1256')))
    expect([legacy.encoding, legacy.text]).toEqual(['Windows-1256', sample1256])
  })

  it('turns Windows line endings into newlines and drops the byte order mark', async () => {
    const bytes = new TextEncoder().encode('\uFEFFسطر یک\r\nسطر دو\r\n')
    const result = await readDocument('crlf.txt', bytes)
    expect(result.text).toBe('سطر یک\nسطر دو\n')
    expect(result.notes.join('\n')).toMatch(/converted 2 Windows/)
  })

  it('imports 10 MB of text in reasonable time, reporting progress as it goes', async () => {
    const unit = sample.replace(/\n/g, '\r\n') + '\r\n'
    const large = unit.repeat(Math.ceil((10 * 1024 * 1024) / Buffer.byteLength(unit)))
    const bytes = new TextEncoder().encode(large)
    const progress: number[] = []
    let turns = 0
    const ticker = setInterval(() => turns++, 0) // counts event-loop turns the import leaves free
    const started = performance.now()
    const result = await readDocument('large.txt', bytes, { onProgress: (fraction) => progress.push(fraction) })
    const elapsed = performance.now() - started
    clearInterval(ticker)
    expect(result.encoding).toBe('UTF-8')
    expect(result.text === large.replace(/\r\n/g, '\n')).toBe(true)
    expect(elapsed).toBeLessThan(5000)
    expect(progress.length).toBeGreaterThanOrEqual(10)
    expect(progress).toEqual([...progress].sort((a, b) => a - b))
    expect(progress.at(-1)).toBe(1)
    expect(turns).toBeGreaterThan(0)
  })

  it('reads a large Windows-1256 file slice by slice', async () => {
    const large = sample1256.repeat(Math.ceil((3 * 1024 * 1024) / sample1256.length))
    const result = await readDocument('old.txt', new Uint8Array(iconv.encode(large, 'win1256')))
    expect(result.encoding).toBe('Windows-1256')
    expect(result.text === large).toBe(true)
  })

  it('falls back to decoding the whole file when the beginning misleads', async () => {
    // Valid UTF-8 for the first megabytes, then a byte that is not: read as UTF-8 with that byte replaced and reported.
    const head = new TextEncoder().encode('سلام دنیا\n'.repeat(200_000))
    const bytes = new Uint8Array([...head, 0xe1, 0x0a])
    const result = await readDocument('mixed.txt', bytes)
    expect(result.encoding).toBe(`UTF-8 (1 invalid byte replaced with �, at byte ${head.length.toLocaleString('en-US')})`)
    expect(result.text.split('\ufffd')).toHaveLength(2)
    expect(result.text.trimEnd().endsWith('سلام دنیا\n\ufffd')).toBe(true)
  })
})

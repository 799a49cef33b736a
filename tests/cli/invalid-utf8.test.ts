import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../../src/cli/main'
import { readSample, SAMPLE_000 } from '../core/text/samples'
import { withTempDir } from '../helpers/temp'
import { captureIo } from '../helpers/cli'

/** The first sample with three Persian letters damaged (their second byte made "x"), and where. */
function damagedSample(): { bytes: Uint8Array; offsets: number[] } {
  const bytes = new Uint8Array(Buffer.from(readSample(SAMPLE_000), 'utf8'))
  const offsets: number[] = []
  for (const at of [1204, 3000, 5000]) {
    let lead = at
    while (bytes[lead] < 0xd8 || bytes[lead] > 0xdb) lead++ // the lead byte of a Persian letter
    bytes[lead + 1] = 0x78
    offsets.push(lead)
  }
  return { bytes, offsets }
}

describe('a UTF-8 file with bad bytes on the command line', () => {
  it('hamta segment prints the sentences and says on stderr which bytes were replaced', async () => {
    await withTempDir(async (dir) => {
      const { bytes, offsets } = damagedSample()
      const file = join(dir, 'damaged.txt')
      await writeFile(file, bytes)
      const clean = captureIo()
      const cleanFile = join(dir, 'clean.txt')
      await writeFile(cleanFile, readSample(SAMPLE_000))
      expect(await runCli(['segment', cleanFile], clean.io)).toBe(0)
      expect(clean.err).toEqual([])

      const run = captureIo()
      expect(await runCli(['segment', file], run.io)).toBe(0)
      expect(run.out.join('').split('\n').length).toBe(clean.out.join('').split('\n').length)
      const at = offsets.map((offset) => offset.toLocaleString('en-US'))
      expect(run.err.join('')).toMatch(
        new RegExp(
          `^warning: damaged\\.txt: 3 bytes that are not valid UTF-8 \\(at bytes ${at[0]}, ${at[1]} and ${at[2]}; lines [^)]+\\) were replaced with �\\.\\n$`
        )
      )
    })
  })

  it('hamta import stores the document, notes the replaced bytes in its origin and warns on stderr', async () => {
    await withTempDir(async (dir) => {
      const { bytes, offsets } = damagedSample()
      const file = join(dir, 'damaged.txt')
      await writeFile(file, bytes)
      const library = join(dir, 'lib')
      const run = captureIo()
      expect(await runCli(['import', file, '--library', library], run.io)).toBe(0)
      const id = run.out.join('').trimEnd().split('\n').at(-1)!
      const stored = JSON.parse(await readFile(join(library, 'documents', `${id}.json`), 'utf8'))
      const at = offsets.map((offset) => offset.toLocaleString('en-US'))
      const encoding = `UTF-8 (3 invalid bytes replaced with �, at bytes ${at[0]}, ${at[1]} and ${at[2]})`
      expect(stored.document.origin.encoding).toBe(encoding)
      expect(stored.document.title).toBe(readSample(SAMPLE_000).trim().split('\n')[0].trim().replace(/\s+/g, ' '))
      expect(run.err.join('')).toBe(`warning: damaged.txt was read as ${encoding}.\n`)

      const clean = captureIo()
      const cleanFile = join(dir, 'clean.txt')
      await writeFile(cleanFile, readSample(SAMPLE_000))
      expect(await runCli(['import', cleanFile, '--library', library], clean.io)).toBe(0)
      expect(clean.err).toEqual([])
    })
  })
})

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli } from '../../src/cli/main'
import { strictScore } from '../../src/core/align/evaluate'
import { DEV_ALIGN_FOLDER, devCase } from '../fixtures/align/cases'

const folder = mkdtempSync(join(tmpdir(), 'hamta-align-'))
afterAll(() => rmSync(folder, { recursive: true, force: true }))

function file(name: string, content: string | Uint8Array): string {
  const path = join(folder, name)
  writeFileSync(path, content)
  return path
}

async function cli(...args: string[]) {
  let stdout = ''
  let stderr = ''
  const code = await runCli(['align', ...args], { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), env: {} })
  return { code, stdout, stderr }
}

const FA = 'صادرات ۱۲ درصد افزایش یافت. آیا این روند ادامه دارد؟\n\nکارشناسان می‌گویند واردات ۲۸٫۴ میلیارد دلار بود.\n'
const EN = 'Exports rose 12 percent. Dr. Smith asked: will the trend continue?\n\nExperts say imports were $28.4 billion.\n'

describe('hamta align', () => {
  it('segments both files and prints beads, source and target as JSON', async () => {
    const { code, stdout, stderr } = await cli(file('a.fa.txt', FA), file('a.en.txt', EN), '--json')
    expect(stderr).toBe('')
    expect(code).toBe(0)
    const output = JSON.parse(stdout)
    expect(Object.keys(output).sort()).toEqual(['beads', 'source', 'target'])
    expect(output.target).toEqual([
      'Exports rose 12 percent.',
      'Dr. Smith asked: will the trend continue?',
      'Experts say imports were $28.4 billion.'
    ])
    expect(output.source).toHaveLength(3)
    expect(output.beads).toEqual([
      { src: [0], tgt: [0], score: expect.any(Number) },
      { src: [1], tgt: [1], score: expect.any(Number) },
      { src: [2], tgt: [2], score: expect.any(Number) }
    ])
    for (const bead of output.beads) expect(bead.score).toBeGreaterThanOrEqual(0)
    for (const bead of output.beads) expect(bead.score).toBeLessThanOrEqual(1)
  })

  it.skipIf(!devCase())('takes every non-empty line as a sentence with --presegmented', async () => {
    const { code, stdout } = await cli(`${DEV_ALIGN_FOLDER}003.fa.txt`, `${DEV_ALIGN_FOLDER}003.en.txt`, '--presegmented', '--json')
    expect(code).toBe(0)
    const output = JSON.parse(stdout)
    const dev = devCase()!
    expect(output.source).toEqual(dev.source)
    expect(output.target).toEqual(dev.target)
    expect(strictScore(output.beads, dev.gold).f1).toBeGreaterThanOrEqual(0.95)
  })

  it('keeps lines whole with --presegmented even when they hold several sentences', async () => {
    const { stdout } = await cli(file('p.fa.txt', 'یک. دو.\n\n\nسه.\n'), file('p.en.txt', 'One. Two.\nThree.\n'), '--presegmented', '--json')
    const output = JSON.parse(stdout)
    expect(output.source).toEqual(['یک. دو.', 'سه.'])
    expect(output.target).toEqual(['One. Two.', 'Three.'])
  })

  it('prints a readable table without --json', async () => {
    const { code, stdout } = await cli(file('b.fa.txt', FA), file('b.en.txt', EN))
    expect(code).toBe(0)
    expect(stdout).toMatch(/3 beads, 3 source and 3 target sentences/)
  })

  it('uses a glossary file', async () => {
    const glossary = file('g.tsv', 'الهام علیاف\tIlham Aliyev\n')
    const { code } = await cli(file('c.fa.txt', 'الهام علیاف آمد.\n'), file('c.en.txt', 'Ilham Aliyev came.\n'), '--glossary', glossary, '--json')
    expect(code).toBe(0)
  })

  it.each([
    ['a missing file', () => [join(folder, 'missing.txt'), file('d.en.txt', EN)], /missing\.txt: no such file/],
    ['an empty file', () => [file('e.fa.txt', ''), file('e.en.txt', EN)], /is empty/],
    ['a side with only blank lines', () => [file('f.fa.txt', FA), file('f.en.txt', '\n   \n\n')], /has no sentences/],
    ['a binary file', () => [file('g.fa.txt', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2])), file('g.en.txt', EN)], /binary|not a UTF-8/],
    ['one file only', () => [file('h.fa.txt', FA)], /expected two files/],
    ['an unknown option', () => [file('i.fa.txt', FA), file('i.en.txt', EN), '--fast'], /unknown option --fast/]
  ])('refuses %s with a one-line error and exit code 1', async (_name, makeArgs, message) => {
    const { code, stdout, stderr } = await cli(...(makeArgs as () => string[])(), '--json')
    expect(code).toBe(1)
    expect(stdout).toBe('')
    expect(stderr).toMatch(message)
    expect(stderr.trimEnd().split('\n')).toHaveLength(1)
    expect(stderr).toMatch(/^hamta align: /)
  })

  it('prints usage for --help', async () => {
    const { code, stdout } = await cli('--help')
    expect(code).toBe(0)
    expect(stdout).toMatch(/--presegmented/)
  })
})

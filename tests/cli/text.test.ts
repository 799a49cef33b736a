import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { CliIO } from '../../src/cli/command'
import { runCli } from '../../src/cli/main'
import { collapse, expectedSentences, readSample, SAMPLE_000, SAMPLE_003, samplePath } from '../core/text/samples'

interface Run {
  code: number
  stdout: string
  stderr: string
}

async function hamta(...argv: string[]): Promise<Run> {
  let stdout = ''
  let stderr = ''
  const io: CliIO = { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), env: {} }
  const code = await runCli(argv, io)
  return { code, stdout, stderr }
}

const folder = mkdtempSync(path.join(tmpdir(), 'hamta-text-cli-'))
afterAll(() => rmSync(folder, { recursive: true, force: true }))

function tempFile(name: string, content: string | Uint8Array): string {
  const file = path.join(folder, name)
  writeFileSync(file, content)
  return file
}

describe('hamta segment', () => {
  it('prints {"sentences": [{"text", ...}]} matching the expected segmentation', async () => {
    const expected = expectedSentences()
    for (const name of [SAMPLE_000, SAMPLE_003]) {
      const run = await hamta('segment', samplePath(name), '--json')
      expect(run.code).toBe(0)
      expect(run.stderr).toBe('')
      const output = JSON.parse(run.stdout) as { sentences: Array<{ text: string; line: number; start: number; end: number }> }
      expect(Object.keys(output)).toEqual(['sentences'])
      expect(output.sentences.map((sentence) => collapse(sentence.text))).toEqual(expected[name].map(collapse))
      for (const sentence of output.sentences) {
        expect(typeof sentence.text).toBe('string')
        expect(sentence.text).not.toMatch(/\n/)
        expect(sentence.line).toBeGreaterThanOrEqual(1)
      }
    }
  })

  it('joins wrapped lines with one space in the JSON text', async () => {
    const run = await hamta('segment', samplePath(SAMPLE_000), '--json')
    const sentences = (JSON.parse(run.stdout) as { sentences: Array<{ text: string }> }).sentences
    expect(sentences[2].text).toContain('ویدئو کنفرانسی، دیدار')
  })

  it('prints one sentence per line without --json', async () => {
    const run = await hamta('segment', samplePath(SAMPLE_003))
    expect(run.code).toBe(0)
    const lines = run.stdout.trimEnd().split('\n')
    expect(lines).toHaveLength(13)
    expect(lines[12]).toBe('انتهای پیام/')
  })

  it('refuses an unknown option and a missing FILE argument', async () => {
    expect((await hamta('segment', samplePath(SAMPLE_003), '--xml')).code).toBe(1)
    const run = await hamta('segment')
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/FILE/)
  })
})

describe('hamta normalize', () => {
  it('prints the file with all safe fixes applied, one output line per input line', async () => {
    for (const name of [SAMPLE_000, SAMPLE_003]) {
      const run = await hamta('normalize', samplePath(name))
      expect(run.code).toBe(0)
      const input = readSample(name).replace(/\n$/, '').split('\n')
      const output = run.stdout.replace(/\n$/, '').split('\n')
      expect(output).toHaveLength(input.length)
    }
    const output = (await hamta('normalize', samplePath(SAMPLE_003))).stdout.split('\n')
    expect(output[8]).toContain('می\u200cکنند')
    expect(output[8]).toContain('بین\u200cالمللی')
    expect(output[1]).toContain('رئیس\u200cجمهور')
    expect(output[5]).toContain('درگیری و کشتار')
  })

  it('fixes letters, ZWNJ and spaces in a small file and leaves precise words alone', async () => {
    const file = tempFile('small.txt', 'ميكنند و همكاري های دوکشور\nمیز میوه میلیون بیمه در ماه می\n')
    const run = await hamta('normalize', file)
    expect(run.code).toBe(0)
    expect(run.stdout).toBe('می\u200cکنند و همکاری\u200cهای دو کشور\nمیز میوه میلیون بیمه در ماه می\n')
  })

  it('lists the proposals with --json', async () => {
    const run = await hamta('normalize', tempFile('p.txt', 'رئیسجمهور گفت'), '--json')
    const { fixes } = JSON.parse(run.stdout) as { fixes: Array<Record<string, unknown>> }
    expect(fixes).toEqual([
      expect.objectContaining({ line: 1, column: 1, start: 0, end: 9, kind: 'missing-zwnj', original: 'رئیسجمهور', replacement: 'رئیس\u200cجمهور' })
    ])
  })
})

describe('hamta inspect', () => {
  it('prints {"findings": [...]} with 1-based lines, including the scrambled lines of sample 000', async () => {
    const run = await hamta('inspect', samplePath(SAMPLE_000), '--json')
    expect(run.code).toBe(0)
    const { findings } = JSON.parse(run.stdout) as { findings: Array<{ line: number; kind: string; message: string; suggestion: string }> }
    for (const finding of findings) {
      expect(Object.keys(finding)).toEqual(expect.arrayContaining(['line', 'kind', 'message', 'suggestion']))
      expect(finding.line).toBeGreaterThanOrEqual(1)
    }
    const scrambled = findings.filter((finding) => finding.kind === 'scrambled-order')
    expect(scrambled.map((finding) => finding.line)).toEqual([14, 27, 41])
    expect(scrambled[1].suggestion).toMatch(/^تأمین اجتماعی در استان های مرزی، این وزارتخانه آمادگی خود را برای همکاری/)
    expect(findings.some((finding) => finding.kind === 'missing-zwnj' && finding.line === 3)).toBe(true)
  })

  it('reports boilerplate and Arabic letters', async () => {
    const { findings } = JSON.parse((await hamta('inspect', samplePath(SAMPLE_003), '--json')).stdout) as {
      findings: Array<{ line: number; kind: string }>
    }
    expect(findings).toContainEqual(expect.objectContaining({ line: 13, kind: 'boilerplate' }))
    const arabic = JSON.parse((await hamta('inspect', tempFile('a.txt', 'عنوان\nكتاب علي'), '--json')).stdout) as {
      findings: Array<{ line: number; kind: string; suggestion: string }>
    }
    expect(arabic.findings.map((finding) => [finding.line, finding.kind, finding.suggestion])).toEqual([
      [2, 'arabic-letters', 'کتاب'],
      [2, 'arabic-letters', 'علی']
    ])
  })

  it('prints readable findings without --json', async () => {
    const run = await hamta('inspect', samplePath(SAMPLE_000))
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/^27:1 scrambled-order: /m)
  })
})

describe('errors', () => {
  const empty = tempFile('empty.txt', '')
  const blank = tempFile('blank.txt', '  \n\n ')
  const binary = tempFile('binary.bin', new Uint8Array(Array.from({ length: 600 }, (_, i) => (i * 73 + 5) % 256)))
  const missing = path.join(folder, 'missing.txt')

  for (const command of ['segment', 'normalize', 'inspect']) {
    for (const [label, file] of [
      ['missing', missing],
      ['empty', empty],
      ['white-space only', blank],
      ['binary', binary]
    ] as const) {
      it(`${command} on a ${label} file: one line on stderr, exit code 1`, async () => {
        const run = await hamta(command, file, ...(command === 'normalize' ? [] : ['--json']))
        expect(run.code).toBe(1)
        expect(run.stdout).toBe('')
        expect(run.stderr.endsWith('\n')).toBe(true)
        expect(run.stderr.trimEnd().split('\n')).toHaveLength(1)
        expect(run.stderr).toMatch(new RegExp(`^hamta ${command}: `))
        expect(run.stderr).not.toMatch(/unexpected error/)
      })
    }
  }
})

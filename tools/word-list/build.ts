// Rebuilds resources/dictionary/fa-en-words.tsv.gz, the general English–Persian word list the
// aligner uses, from the published workbook kept in tests/fixtures/terms (see the README beside
// the output). Run: npx tsx tools/word-list/build.ts
import { readFileSync, writeFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { readXlsxRows } from '../../src/core/terms/xlsx'

const WORKBOOK = 'tests/fixtures/terms/semnan-english-persian-words.xlsx'
const OUTPUT = 'resources/dictionary/fa-en-words.tsv.gz'

const rows = readXlsxRows(new Uint8Array(readFileSync(WORKBOOK)), WORKBOOK)
const [header, ...entries] = rows
if (header[0] !== 'EnglishWord' || header[1] !== 'PersianWord') throw new Error(`${WORKBOOK}: unexpected columns ${header.join(', ')}`)
const cell = (value: string | undefined) => (value ?? '').replace(/\s+/g, ' ').trim()
const lines = new Set<string>()
for (const [english, persian] of entries) {
  const en = cell(english)
  const fa = cell(persian)
  if (en && fa) lines.add(`${fa}\t${en}`)
}
writeFileSync(OUTPUT, gzipSync(`${[...lines].join('\n')}\n`, { level: 9 }))
console.log(`${OUTPUT}: ${lines.size} pairs from ${entries.length} rows`)

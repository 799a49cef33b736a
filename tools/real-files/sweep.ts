/**
 * Round trip of every client file in a folder, for robustness on files other tools made: each
 * Word (.docx) or XLIFF file is read as the import reads it, every row is given English, the file
 * is written back, and the result is checked well-formed (xmllint) and read again. Prints a tally
 * and each failure; a refusal in words is a pass for a broken file.
 *
 *   npx tsx tools/real-files/sweep.ts FOLDER
 *
 * Folders used so far: Apache POI's test-data/document (.docx) and vistatec-okapi's test
 * resources (XLIFF, sdlxliff, mqxliff), fetched from their public repositories.
 */
import { spawnSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { extname, join } from 'node:path'
import JSZip from 'jszip'
import { isUserError } from '../../src/core/errors'
import { originalDocxToDocument, parseOriginalDocx, writeOriginalDocx } from '../../src/core/formats/docx-original'
import { originalXliffToDocument, parseOriginalXliff, writeOriginalXliff } from '../../src/core/formats/xliff-original'
import type { HamtaDocument } from '../../src/core/model'

const XLIFF = new Set(['.xlf', '.xliff', '.sdlxliff', '.mqxliff', '.txlf', '.mxliff'])
const NOW = '2026-01-01T00:00:00.000Z'
const tally = new Map<string, number>()
const count = (what: string): void => void tally.set(what, (tally.get(what) ?? 0) + 1)
const wellFormed = (xml: Uint8Array): boolean => spawnSync('xmllint', ['--noout', '-'], { input: Buffer.from(xml) }).status === 0

function translateAll(doc: HamtaDocument): HamtaDocument {
  return { ...doc, rows: doc.rows.map((row) => ({ ...row, target: `This is ${row.id.replace(/\D/g, '')} in English.`, status: 'translated' })) }
}

async function docx(name: string, bytes: Uint8Array): Promise<string> {
  const read = async (data: Uint8Array) =>
    originalDocxToDocument(await parseOriginalDocx(name, data), { id: 'd', now: NOW, fileName: name, original: { path: name, sha256: '' } })
  const doc = await read(bytes)
  if (doc.rows.some((row) => row.unitId?.includes('.b'))) count('docx with text boxes')
  const out = await writeOriginalDocx(translateAll(doc), bytes)
  const zip = await JSZip.loadAsync(out)
  for (const part of Object.keys(zip.files).filter((path) => /^word\/(document|footnotes|endnotes|header\d*|footer\d*)\.xml$/.test(path)))
    if (!wellFormed(await zip.files[part].async('uint8array'))) return `written ${part} is not well-formed`
  return (await read(out)).rows.length === doc.rows.length ? '' : 'read back with other rows'
}

function xliff(name: string, bytes: Uint8Array): string {
  const read = (data: Uint8Array) =>
    originalXliffToDocument(parseOriginalXliff(data, { fileName: name }), { id: 'x', now: NOW, fileName: name, original: { path: name, sha256: '' } })
  const doc = read(bytes)
  const out = writeOriginalXliff(translateAll(doc), bytes, { fileName: name })
  if (!wellFormed(out.bytes)) return wellFormed(bytes) ? 'written file is not well-formed' : ''
  if (doc.rows.some((row) => row.locked)) count('xliff with locked units (left as they were)')
  return read(out.bytes).rows.length === doc.rows.length ? '' : 'read back with other rows'
}

const folder = process.argv[2]
if (!folder) throw new Error('usage: npx tsx tools/real-files/sweep.ts FOLDER')
for (const name of readdirSync(folder).sort()) {
  const extension = extname(name).toLowerCase()
  if (extension !== '.docx' && !XLIFF.has(extension)) continue
  const bytes = new Uint8Array(readFileSync(join(folder, name)))
  try {
    const problem = extension === '.docx' ? await docx(name, bytes) : xliff(name, bytes)
    count(problem ? 'FAILED' : 'read, written back well-formed, read again with the same rows')
    if (problem) console.log(`${name}: ${problem}`)
  } catch (error) {
    if (isUserError(error)) count('refused in words')
    else {
      count('FAILED')
      console.log(`${name}: ${(error as Error).stack?.split('\n').slice(0, 3).join(' | ')}`)
    }
  }
}
for (const [what, number] of tally) console.log(`${String(number).padStart(5)}  ${what}`)

import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { createDocument, setRowStatus, setRowTarget, type HamtaDocument } from '../../../src/core/model'

export const QA_FIXTURES = fileURLToPath(new URL('../../fixtures/qa/', import.meta.url))

function lines(path: string): string[] {
  return readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
}

/** A document of rows as the gold alignment pairs them, English filled in and marked translated. */
export function alignedDocument(stem: string, folder = QA_FIXTURES): HamtaDocument {
  const source = lines(`${folder}${stem}.fa.txt`)
  const target = lines(`${folder}${stem}.en.txt`)
  const beads = (JSON.parse(readFileSync(`${folder}${stem}.gold.json`, 'utf8')) as { beads: Array<{ src: number[]; tgt: number[] }> }).beads
  let doc = createDocument({
    id: `doc-${stem}`,
    now: '2024-01-01T00:00:00Z',
    fileName: `${stem}.txt`,
    encoding: 'UTF-8',
    originalText: source.join('\n'),
    paragraphs: [{ sentences: [] }]
  })
  let sentence = 0
  doc = {
    ...doc,
    rows: beads.map((bead, index) => ({
      id: `r${index + 1}`,
      paragraph: 0,
      source: bead.src.map((k) => ({ id: `s${++sentence}`, text: source[k], spans: [] })),
      target: '',
      status: 'untranslated' as const,
      tags: [],
      targetSpans: [],
      comments: [],
      updatedAt: '2024-01-01T00:00:00Z'
    }))
  }
  beads.forEach((bead, index) => {
    const english = bead.tgt.map((k) => target[k]).join(' ')
    if (english) doc = setRowStatus(setRowTarget(doc, `r${index + 1}`, english, 'now'), `r${index + 1}`, 'translated', 'now')
    // A Persian row with no English (agency boilerplate) is not part of the article.
    else doc = { ...doc, rows: doc.rows.map((row, k) => (k === index ? { ...row, doNotTranslate: true } : row)) }
  })
  return doc
}

/** Simple row documents for unit tests: each pair is one row. */
export function pairsDocument(pairs: Array<[string, string]>): HamtaDocument {
  let doc = createDocument({
    id: 'pairs',
    now: 'now',
    fileName: 'pairs.txt',
    encoding: 'UTF-8',
    originalText: pairs.map(([fa]) => fa).join('\n'),
    paragraphs: [{ sentences: pairs.map(([fa]) => fa) }]
  })
  pairs.forEach(([, en], index) => {
    if (en) doc = setRowTarget(doc, `r${index + 1}`, en, 'now')
  })
  return doc
}

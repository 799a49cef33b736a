import { vi } from 'vitest'
import { createDocument, setRowStatus, setRowTarget, summarize, type HamtaDocument } from '../../src/core/model'
import { DEFAULT_PALETTE } from '../../src/core/review/palette'
import { DEFAULT_SETTINGS, type HamtaApi } from '../../src/shared/contract'
import { API_METHODS } from '../../src/shared/methods'

/** An in-memory API with the real model functions behind it, for component tests. */
export function fakeApi(initial: HamtaDocument[] = []) {
  const docs = new Map(initial.map((doc) => [doc.id, doc]))
  const now = () => '2026-01-01T00:00:00.000Z'
  const api: HamtaApi = {
    ...unusedInTheseTests(),
    getAppInfo: vi.fn(async () => ({ name: 'Hamta', version: '0', libraryPath: '/tmp', mode: 'browser' as const })),
    listDocuments: vi.fn(async () => [...docs.values()].map(summarize)),
    listProblems: vi.fn(async () => []),
    listSamples: vi.fn(async () => [{ id: 'sample-a', title: 'نمونه اول', sentences: 3 }]),
    importSample: vi.fn(async () => summarize([...docs.values()][0])),
    importDocument: vi.fn(async () => summarize([...docs.values()][0])),
    getDocument: vi.fn(async ({ documentId }) => docs.get(documentId)!),
    saveTarget: vi.fn(async ({ documentId, rowId, target }) => {
      const doc = setRowTarget(docs.get(documentId)!, rowId, target, now())
      docs.set(documentId, doc)
      return { row: doc.rows.find((row) => row.id === rowId)!, summary: summarize(doc) }
    }),
    setRowStatus: vi.fn(async ({ documentId, rowId, status }) => {
      const doc = setRowStatus(docs.get(documentId)!, rowId, status, now())
      docs.set(documentId, doc)
      return { row: doc.rows.find((row) => row.id === rowId)!, summary: summarize(doc) }
    }),
    deleteDocument: vi.fn(async ({ documentId }) => {
      docs.delete(documentId)
      return { deleted: true as const }
    }),
    restoreDocument: vi.fn(async ({ documentId }) => summarize(docs.get(documentId) ?? [...docs.values()][0])),
    getQaSettings: vi.fn(async () => ({ spelling: 'en-US' as const })),
    updateQaSettings: vi.fn(async ({ spelling }) => ({ spelling })),
    exportDocument: vi.fn(async () => ({ fileName: 'x.json', mimeType: 'application/json', content: '{}', encoding: 'utf8' as const })),
    importTranslation: vi.fn(async () => ({ document: [...docs.values()][0], canUndo: false, canRedo: false })),
    importPair: vi.fn(async () => summarize([...docs.values()][0])),
    editAlignment: vi.fn(async () => ({ document: [...docs.values()][0], canUndo: true, canRedo: false })),
    undoDocumentEdit: vi.fn(async () => ({ document: [...docs.values()][0], canUndo: false, canRedo: true })),
    redoDocumentEdit: vi.fn(async () => ({ document: [...docs.values()][0], canUndo: true, canRedo: false })),
    getPalette: vi.fn(async () => [...DEFAULT_PALETTE]),
    getSettings: vi.fn(async () => ({ ...DEFAULT_SETTINGS, authorName: 'Tester' })),
    tmLookup: vi.fn(async () => []),
    getTerms: vi.fn(async () => [])
  }
  return { api, docs }
}

/** Methods the component tests do not exercise: calling one fails the test loudly. */
function unusedInTheseTests(): HamtaApi {
  return Object.fromEntries(
    API_METHODS.map((name) => [
      name,
      vi.fn(async () => {
        throw new Error(`${name} was not expected in this test`)
      })
    ])
  ) as unknown as HamtaApi
}

export function threeSentenceDocument(): HamtaDocument {
  return createDocument({
    id: 'doc1',
    now: '2026-01-01T00:00:00.000Z',
    fileName: 'a.txt',
    encoding: 'UTF-8',
    originalText: 'عنوان\n\nجمله اول. جمله دوم.',
    paragraphs: [{ sentences: ['عنوان'] }, { sentences: ['جمله اول.', 'جمله دوم.'] }]
  })
}

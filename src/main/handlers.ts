import { readFile } from 'node:fs/promises'
import { titleFromText } from '../core/model'
import { segmentParagraphs } from '../core/text/segment'
import { decodeTextFile } from '../core/text/decode'
import type { HamtaApi } from '../shared/contract'
import { APP_NAME, APP_VERSION } from '../shared/version'
import type { LibraryService } from './services/library'

export interface HandlerContext {
  library: LibraryService
  mode: 'desktop' | 'browser'
}

/**
 * Every API method's implementation, shared by the IPC adapter (desktop) and the HTTP adapter
 * (browser mode). Inputs arrive already validated against the contract's schemas.
 */
export function createHandlers({ library, mode }: HandlerContext): HamtaApi {
  return {
    getAppInfo: async () => ({ name: APP_NAME, version: APP_VERSION, libraryPath: library.libraryDir, mode }),
    listDocuments: async () => library.listDocuments(),
    listProblems: async () => library.problems,
    listSamples: async () => {
      const samples = await library.listSampleFiles()
      return Promise.all(
        samples.map(async (sample) => {
          const { text } = decodeTextFile(await readFile(sample.path), sample.id)
          const sentences = segmentParagraphs(text).reduce((count, paragraph) => count + paragraph.sentences.length, 0)
          return { id: sample.id, title: titleFromText(text), sentences }
        })
      )
    },
    importSample: async ({ sampleId }) => library.importSample(sampleId),
    importDocument: async ({ fileName, dataBase64 }) => library.importFile(fileName, Buffer.from(dataBase64, 'base64')),
    getDocument: async ({ documentId }) => library.getDocument(documentId),
    saveTarget: async ({ documentId, rowId, target }) => library.saveTarget(documentId, rowId, target),
    setRowStatus: async ({ documentId, rowId, status }) => library.setRowStatus(documentId, rowId, status),
    deleteDocument: async ({ documentId }) => {
      await library.deleteDocument(documentId)
      return { deleted: true as const }
    },
    exportDocument: async ({ documentId, format, options }) => library.exportDocument(documentId, format, options),
    importTranslation: async ({ documentId, fileName, dataBase64, replace }) =>
      library.importTranslation(documentId, fileName, Buffer.from(dataBase64, 'base64'), replace),
    importPair: async ({ source, target }) =>
      library.importPair(
        { fileName: source.fileName, bytes: Buffer.from(source.dataBase64, 'base64') },
        { fileName: target.fileName, bytes: Buffer.from(target.dataBase64, 'base64') }
      ),
    editAlignment: async ({ documentId, edit }) => library.editAlignment(documentId, edit),
    undoDocumentEdit: async ({ documentId }) => library.undoDocumentEdit(documentId),
    redoDocumentEdit: async ({ documentId }) => library.redoDocumentEdit(documentId)
  }
}

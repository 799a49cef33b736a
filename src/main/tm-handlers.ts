import { analysisCsv } from '../core/tm/analysis'
import type { HamtaApi } from '../shared/contract'
import type { LibraryService } from './services/library'

type TmMethods =
  | 'tmLookup'
  | 'tmConcordance'
  | 'tmListMemories'
  | 'tmImportMemory'
  | 'tmUpdateMemory'
  | 'tmRemoveMemory'
  | 'tmExport'
  | 'tmPretranslate'
  | 'tmAnalyze'
  | 'tmMemoryDrafts'
  | 'tmPropagate'
  | 'tmOccurrenceDiffers'

/** The translation memory's part of the API (see TranslationMemoryService). */
export function createTmHandlers(library: LibraryService): Pick<HamtaApi, TmMethods> {
  const memory = (): ReturnType<LibraryService['memory']> => library.memory()
  return {
    tmLookup: async ({ documentId, rowId, min, max }) => {
      // Rows saved a moment ago are in the memory before it is asked.
      await library.flushMemory()
      return (await memory()).lookup(documentId, { rowId }, { min, max })
    },
    tmConcordance: async ({ text, lang }) => {
      await library.flushMemory()
      return (await memory()).concordance(text, { lang })
    },
    tmListMemories: async () => {
      const tm = await memory()
      return { memories: tm.listMemories(), documentUnits: tm.documentUnitCount() }
    },
    tmImportMemory: async ({ fileName, dataBase64, name }) => (await memory()).importMemory(fileName, Buffer.from(dataBase64, 'base64'), { name }),
    tmUpdateMemory: async ({ memoryId, enabled, penalty }) => {
      const tm = await memory()
      let info = tm.listMemories().find((candidate) => candidate.id === memoryId)
      if (enabled !== undefined) info = await tm.setMemoryEnabled(memoryId, enabled)
      if (penalty !== undefined) info = await tm.setMemoryPenalty(memoryId, penalty)
      if (!info) info = await tm.setMemoryEnabled(memoryId, true) // throws the service's own "no such memory"
      return info
    },
    tmRemoveMemory: async ({ memoryId }) => {
      await (await memory()).removeMemory(memoryId)
      return { removed: true as const }
    },
    tmExport: async ({ documentId }) => {
      await library.flushMemory()
      const { fileName, content } = await (await memory()).exportTmx(documentId)
      return { fileName, content, mimeType: 'application/x-tmx+xml', encoding: 'utf8' as const }
    },
    tmPretranslate: async ({ documentId, min }) => {
      await library.flushMemory()
      const { filled } = await (await memory()).pretranslate(documentId, min)
      return { filled, document: await library.getDocument(documentId) }
    },
    tmAnalyze: async ({ documentId }) => {
      await library.flushMemory()
      const analysis = await (await memory()).analyze(documentId)
      return { analysis, csv: analysisCsv(analysis) }
    },
    tmMemoryDrafts: async ({ documentId }) => (await memory()).memoryDrafts(documentId),
    tmPropagate: async ({ documentId, rowId }) => {
      const { rowIds } = await (await memory()).propagate(documentId, rowId)
      return { rowIds, document: await library.getDocument(documentId) }
    },
    tmOccurrenceDiffers: async ({ documentId, rowId }) => {
      await (await memory()).markOccurrenceDiffers(documentId, rowId)
      return { document: await library.getDocument(documentId) }
    }
  }
}

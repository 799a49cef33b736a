import { readFile } from 'node:fs/promises'
import { UserError } from '../core/errors'
import { summarize, titleFromText, type HamtaDocument } from '../core/model'
import { addComment, deleteComment, reopenComment, resolveComment, setReviewStatus } from '../core/review/comments'
import { createTag, recolorTag, renameTag, setTagShortcut } from '../core/review/palette'
import {
  addSourceSpan,
  linkSpans,
  mergeSourceSentenceWithNext,
  removeSpan,
  setTargetWithSpans,
  splitSourceSentence,
  toggleRowTag,
  unlinkSpan
} from '../core/review/spans'
import { applyCleanup, dismissCleanup } from '../core/text/apply-cleanup'
import { proposeCleanup } from '../core/text/cleanup'
import { loadLexicon } from '../core/text/lexicon'
import { segmentParagraphs } from '../core/text/segment'
import { decodeTextFile } from '../core/text/decode'
import type { HamtaApi, RowUpdate } from '../shared/contract'
import { APP_NAME, APP_VERSION } from '../shared/version'
import type { LibraryService } from './services/library'
import { TermbaseService } from './services/termbase'
import { createTmHandlers } from './tm-handlers'
import { createSyncHandlers } from './sync-handlers'
import type { TeamService } from './sync/team-service'

export interface HandlerContext {
  library: LibraryService
  mode: 'desktop' | 'browser'
  clock?: () => string
  /** The team library's sync (started by the app); without one, team methods sync on demand only. */
  team?: TeamService
}

/**
 * Every API method's implementation, shared by the IPC adapter (desktop) and the HTTP adapter
 * (browser mode). Inputs arrive already validated against the contract's schemas.
 */
export function createHandlers({ library, mode, clock = () => new Date().toISOString(), team }: HandlerContext): HamtaApi {
  const now = clock
  const termbase = new TermbaseService(library)
  const rowUpdate = (doc: HamtaDocument, rowId: string): RowUpdate => {
    const row = doc.rows.find((candidate) => candidate.id === rowId)
    if (!row) throw new UserError(`Row ${rowId} does not exist in this document.`, 'not-found')
    return { row, summary: summarize(doc), ...library.historyFlags(doc.id) }
  }
  return {
    getAppInfo: async () => ({
      name: APP_NAME,
      version: APP_VERSION,
      libraryPath: library.libraryDir,
      mode,
      ...(library.readOnlyReason ? { readOnly: library.readOnlyReason } : {})
    }),
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
    importDocument: async ({ fileName, dataBase64, jobId }) => library.importFile(fileName, Buffer.from(dataBase64, 'base64'), jobId),
    importProgress: async ({ jobId }) => library.importProgress(jobId),
    cancelImport: async ({ jobId }) => ({ cancelled: library.cancelImport(jobId) }),
    getDocument: async ({ documentId }) => library.getDocument(documentId),
    saveTarget: async ({ documentId, rowId, target, targetSpans }) => {
      if (!targetSpans) return library.saveTarget(documentId, rowId, target)
      const palette = await library.palette()
      return rowUpdate(
        await library.edit(documentId, (doc) => setTargetWithSpans(doc, rowId, target, targetSpans, palette, now()), { typingRow: rowId }),
        rowId
      )
    },
    setRowStatus: async ({ documentId, rowId, status, reason }) => {
      const { authorName } = await library.settings()
      return rowUpdate(
        await library.edit(documentId, (doc) => setReviewStatus(doc, rowId, status, { author: authorName, now: now(), reason })),
        rowId
      )
    },
    deleteDocument: async ({ documentId }) => {
      await library.deleteDocument(documentId)
      return { deleted: true as const }
    },
    restoreDocument: async ({ documentId }) => library.restoreDocument(documentId),
    listTrash: async () => library.listTrash(),
    exportDocument: async ({ documentId, format, options }) => library.exportDocument(documentId, format, options),
    importTranslation: async ({ documentId, fileName, dataBase64, replace }) =>
      library.importTranslation(documentId, fileName, Buffer.from(dataBase64, 'base64'), replace),
    importPair: async ({ source, target, jobId }) =>
      library.importPair(
        { fileName: source.fileName, bytes: Buffer.from(source.dataBase64, 'base64') },
        { fileName: target.fileName, bytes: Buffer.from(target.dataBase64, 'base64') },
        jobId
      ),
    editAlignment: async ({ documentId, edit }) => library.editAlignment(documentId, edit),
    undoDocumentEdit: async ({ documentId }) => library.undoDocumentEdit(documentId),
    redoDocumentEdit: async ({ documentId }) => library.redoDocumentEdit(documentId),

    getPalette: async () => library.palette(),
    createTag: async ({ name, color, shortcut }) => library.changePalette((palette) => createTag(palette, { name, color, shortcut })),
    updateTag: async ({ tagId, name, color, shortcut }) =>
      library.changePalette((palette) => {
        let next = [...palette]
        if (name !== undefined) next = renameTag(next, tagId, name)
        if (color !== undefined) next = recolorTag(next, tagId, color)
        if (shortcut !== undefined) next = setTagShortcut(next, tagId, shortcut ?? undefined)
        return next
      }),
    deleteTag: async ({ tagId, confirmed }) => library.deleteTag(tagId, confirmed ?? false),
    getSettings: async () => library.settings(),
    updateSettings: async (change) => library.updateSettings(change),
    ...createTmHandlers(library),
    ...createSyncHandlers(library, team),

    toggleRowTag: async ({ documentId, rowId, tagId }) => {
      const palette = await library.palette()
      return rowUpdate(await library.edit(documentId, (doc) => toggleRowTag(doc, rowId, tagId, palette, now())), rowId)
    },
    addSourceSpan: async ({ documentId, rowId, sentenceId, start, end, tagId }) => {
      const palette = await library.palette()
      return rowUpdate(
        await library.edit(documentId, (doc) => addSourceSpan(doc, { rowId, sentenceId, start, end, tag: tagId }, palette, now())),
        rowId
      )
    },
    removeSpan: async ({ documentId, rowId, spanId }) =>
      rowUpdate(await library.edit(documentId, (doc) => removeSpan(doc, rowId, spanId, now())), rowId),
    linkSpans: async ({ documentId, rowId, sourceSpanId, targetSpanId }) =>
      rowUpdate(await library.edit(documentId, (doc) => linkSpans(doc, rowId, sourceSpanId, targetSpanId, now())), rowId),
    unlinkSpan: async ({ documentId, rowId, spanId }) =>
      rowUpdate(await library.edit(documentId, (doc) => unlinkSpan(doc, rowId, spanId, now())), rowId),

    addComment: async ({ documentId, rowId, text }) => {
      const { authorName } = await library.settings()
      return rowUpdate(await library.edit(documentId, (doc) => addComment(doc, rowId, { author: authorName, text, now: now() })), rowId)
    },
    resolveComment: async ({ documentId, rowId, commentId }) =>
      rowUpdate(await library.edit(documentId, (doc) => resolveComment(doc, rowId, commentId, now())), rowId),
    reopenComment: async ({ documentId, rowId, commentId }) =>
      rowUpdate(await library.edit(documentId, (doc) => reopenComment(doc, rowId, commentId, now())), rowId),
    deleteComment: async ({ documentId, rowId, commentId }) =>
      rowUpdate(await library.edit(documentId, (doc) => deleteComment(doc, rowId, commentId, now())), rowId),
    setDoNotTranslate: async ({ documentId, rowId, doNotTranslate }) =>
      rowUpdate(
        await library.edit(documentId, (doc) => ({
          ...doc,
          rows: doc.rows.map((row) => (row.id === rowId ? { ...row, doNotTranslate, updatedAt: now() } : row))
        })),
        rowId
      ),

    splitSentence: async ({ documentId, rowId, sentenceId, offset }) =>
      library.editStructure(documentId, (doc) => splitSourceSentence(doc, rowId, sentenceId, offset, now())),
    mergeSentence: async ({ documentId, rowId, sentenceId }) =>
      library.editStructure(documentId, (doc) => mergeSourceSentenceWithNext(doc, rowId, sentenceId, now())),
    proposeCleanup: async ({ documentId }) => {
      const doc = await library.getDocument(documentId)
      return proposeCleanup(doc, { lexicon: await loadLexicon(), dismissed: new Set(doc.dismissedCleanup ?? []) })
    },
    applyCleanup: async ({ documentId, proposalIds }) => {
      const wanted = new Set(proposalIds)
      const lexicon = await loadLexicon()
      return library.editStructure(documentId, (doc) => {
        const accepted = proposeCleanup(doc, { lexicon }).filter((proposal) => wanted.has(proposal.id))
        if (accepted.length === 0) throw new UserError('These fixes no longer apply: the text changed since they were proposed.', 'stale')
        return applyCleanup(doc, accepted, now())
      })
    },
    dismissCleanup: async ({ documentId, proposalIds }) => {
      const doc = await library.edit(documentId, (current) => dismissCleanup(current, proposalIds))
      return proposeCleanup(doc, { lexicon: await loadLexicon(), dismissed: new Set(doc.dismissedCleanup ?? []) })
    },

    getTerms: async () => termbase.terms(),
    addTerm: async (input) => termbase.addTerm(input),
    updateTerm: async ({ termId, ...change }) => termbase.updateTerm(termId, change),
    deleteTerm: async ({ termId }) => {
      await termbase.removeTerm(termId)
      return { deleted: true as const }
    },
    importTerms: async ({ fileName, dataBase64 }) => termbase.importTerms(fileName, Buffer.from(dataBase64, 'base64')),
    exportTerms: async ({ format }) => ({ ...(await termbase.exportTerms(`termbase.${format}`)), encoding: 'utf8' as const }),
    termSuggestions: async () => termbase.suggestions(),
    runQa: async ({ documentId, rowIds, checks }) => termbase.runQa(await library.getDocument(documentId), { rowIds, checks }),
    silenceFindings: async ({ documentId, findingIds, silenced }) => ({ silenced: await termbase.silence(documentId, findingIds, silenced) }),
    exportQaReport: async ({ documentId, format }) => ({
      ...(await termbase.qaReport(await library.getDocument(documentId), format)),
      encoding: 'utf8' as const
    }),
    getQaSettings: async () => ({ spelling: (await termbase.qaState()).spelling }),
    updateQaSettings: async ({ spelling }) => ({ spelling: (await termbase.setSpelling(spelling)).spelling })
  }
}

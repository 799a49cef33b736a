/**
 * Names of the API methods. Kept apart from the schemas so the preload can build its facade
 * without bundling the validation library.
 */
export const API_METHODS = [
  'getAppInfo',
  'listDocuments',
  'listProblems',
  'listSamples',
  'importSample',
  'importDocument',
  'importProgress',
  'cancelImport',
  'getDocument',
  'saveTarget',
  'setRowStatus',
  'deleteDocument',
  'restoreDocument',
  'listTrash',
  'exportDocument',
  'importTranslation',
  'importPair',
  'editAlignment',
  'undoDocumentEdit',
  'redoDocumentEdit',
  'getPalette',
  'createTag',
  'updateTag',
  'deleteTag',
  'getSettings',
  'updateSettings',
  'tmLookup',
  'tmConcordance',
  'tmListMemories',
  'tmImportMemory',
  'tmUpdateMemory',
  'tmRemoveMemory',
  'tmExport',
  'tmPretranslate',
  'tmAnalyze',
  'tmMemoryDrafts',
  'tmPropagate',
  'tmOccurrenceDiffers',
  'toggleRowTag',
  'addSourceSpan',
  'removeSpan',
  'linkSpans',
  'unlinkSpan',
  'addComment',
  'resolveComment',
  'reopenComment',
  'deleteComment',
  'setDoNotTranslate',
  'splitSentence',
  'mergeSentence',
  'proposeCleanup',
  'applyCleanup',
  'dismissCleanup',
  'getTerms',
  'addTerm',
  'updateTerm',
  'deleteTerm',
  'importTerms',
  'exportTerms',
  'termSuggestions',
  'runQa',
  'silenceFindings',
  'exportQaReport',
  'getQaSettings',
  'updateQaSettings',
  'teamStatus',
  'teamShare',
  'teamJoin',
  'teamSyncNow',
  'teamUnshare',
  'rowHistory',
  'restoreRowVersion',
  'resolveConflict'
] as const

export type ApiMethod = (typeof API_METHODS)[number]

/** IPC channel of a method: one scheme, `api:<method>`. */
export function apiChannel(method: ApiMethod): string {
  return `api:${method}`
}

/** Desktop-only operations (native dialogs, menus); browser mode uses the page's own means. */
export const DESKTOP_CHANNELS = {
  importWithDialog: 'desktop:importWithDialog',
  saveFile: 'desktop:saveFile',
  saveMemoryTmx: 'desktop:saveMemoryTmx',
  menuCommand: 'desktop:menuCommand'
} as const

/** Commands the application menu sends to the page. */
export const MENU_COMMANDS = ['import', 'export-json', 'export-txt', 'library', 'next-row', 'previous-row'] as const
export type MenuCommand = (typeof MENU_COMMANDS)[number]

import type { ListedCommand } from '../command'

/**
 * Every `hamta` command, in the order `hamta --help` lists them. Each loads its code only when
 * it runs, so `hamta segment` does not pay for the PDF and DOCX readers the library needs.
 */
export const commands: ListedCommand[] = [
  { name: 'segment', summary: 'split a Persian text file into sentences', load: async () => (await import('./segment')).segmentCommand },
  {
    name: 'normalize',
    summary: 'print a Persian text file with the safe fixes applied',
    load: async () => (await import('./normalize')).normalizeCommand
  },
  {
    name: 'inspect',
    summary: 'list problems in a Persian text file (scrambled lines, ZWNJ, letters, boilerplate)',
    load: async () => (await import('./inspect')).inspectCommand
  },
  {
    name: 'align',
    summary: 'align the sentences of a Persian text with its English translation',
    load: async () => (await import('./align')).alignCommand
  },
  {
    name: 'export',
    summary: 'export a document as TMX, XLIFF, DOCX, HTML, Markdown, CSV/TSV, JSON or English text',
    load: async () => (await import('./export')).exportCommand
  },
  { name: 'import', summary: 'import a file into the library as a new document', load: async () => (await import('./library')).importCommand },
  { name: 'list', summary: 'list the documents in the library', load: async () => (await import('./library')).listCommand },
  { name: 'term', summary: 'import, export and list the termbase (TBX, CSV, TSV)', load: async () => (await import('./term')).termCommand },
  {
    name: 'qa',
    summary: 'check a translation: numbers, dates, terms, consistency, punctuation, spelling',
    load: async () => (await import('./qa')).qaCommand
  },
  { name: 'edit', summary: 'change one row of a document (its English, its status)', load: async () => (await import('./team')).editCommand },
  {
    name: 'show',
    summary: 'print a document’s rows with their English, status and any conflict',
    load: async () => (await import('./team')).showCommand
  },
  { name: 'sync', summary: 'send and receive changes with the team library (Git)', load: async () => (await import('./team')).syncCommand },
  {
    name: 'resolve',
    summary: 'settle a conflict a sync left on a row by taking one side',
    load: async () => (await import('./team')).resolveCommand
  },
  {
    name: 'history',
    summary: 'list who changed a row and when, from the team library’s history',
    load: async () => (await import('./team')).historyCommand
  },
  { name: 'tm', summary: 'translation memory: import, lookup, concordance, export', load: async () => (await import('./tm')).tmCommand },
  {
    name: 'pretranslate',
    summary: 'fill the empty rows of a document from the translation memory',
    load: async () => (await import('./tm')).pretranslateCommand
  },
  { name: 'analyze', summary: 'match analysis of a document against the translation memory', load: async () => (await import('./tm')).analyzeCommand }
]

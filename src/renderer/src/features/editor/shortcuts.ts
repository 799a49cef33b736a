/**
 * Every editor shortcut, in one table: the key handler, the in-app list and the key editor all
 * read it. Keys are written as combinations ("Ctrl+Shift+Enter", "Alt+↓"); the user may bind an
 * action to other keys (kept per machine, as keyboards are).
 */
export type EditorAction =
  | 'confirmTranslation'
  | 'nextRow'
  | 'previousRow'
  | 'goToRow'
  | 'nextUntranslated'
  | 'previousUntranslated'
  | 'nextUnconfirmed'
  | 'previousUnconfirmed'
  | 'nextFinding'
  | 'previousFinding'
  | 'confirmAlignment'
  | 'flagAlignment'
  | 'mergeWithNext'
  | 'splitRow'
  | 'englishToPrevious'
  | 'englishToNext'
  | 'persianToPrevious'
  | 'persianToNext'
  | 'detachEnglish'
  | 'undoDocumentEdit'
  | 'redoDocumentEdit'
  | 'approveRow'
  | 'markReviewed'
  | 'rejectRow'
  | 'insertMatch1'
  | 'insertMatch2'
  | 'insertMatch3'
  | 'insertMatch4'
  | 'insertMatch5'
  | 'concordance'
  | 'addTerm'
  | 'insertTerm'
  | 'insertNextCode'
  | 'revertRow'
  | 'toggleSidePanel'
  | 'toggleToolbars'
  | 'toggleDensity'
  | 'showShortcuts'
  | 'focusSearch'
  | 'nextSideTab'
  | 'previousSideTab'
  | 'toggleReview'
  | 'exportDocument'

export interface Shortcut {
  action: EditorAction
  /** The default key combinations, the first one shown. */
  keys: string[]
  description: string
  /** Only for documents whose English was aligned from an existing translation. */
  alignment?: boolean
  /** Only in review mode. */
  review?: boolean
}

export const SHORTCUTS: Shortcut[] = [
  { action: 'confirmTranslation', keys: ['Ctrl+Enter'], description: 'mark the row translated and go to the next' },
  { action: 'nextRow', keys: ['Alt+↓'], description: 'next row' },
  { action: 'previousRow', keys: ['Alt+↑'], description: 'previous row' },
  { action: 'goToRow', keys: ['Ctrl+G'], description: 'go to a row by its number' },
  { action: 'nextUntranslated', keys: ['F4'], description: 'next row without English or with a draft' },
  { action: 'previousUntranslated', keys: ['Shift+F4'], description: 'previous row without English or with a draft' },
  { action: 'nextUnconfirmed', alignment: true, keys: ['F8'], description: 'next pairing nobody confirmed' },
  { action: 'previousUnconfirmed', alignment: true, keys: ['Shift+F8'], description: 'previous pairing nobody confirmed' },
  {
    action: 'nextFinding',
    keys: ['F7'],
    description: 'next row with a finding (a QA finding, numbers that differ, an open comment, a flag, a conflict)'
  },
  { action: 'previousFinding', keys: ['Shift+F7'], description: 'previous row with a finding' },
  { action: 'confirmAlignment', alignment: true, keys: ['Ctrl+Shift+Enter'], description: 'confirm the pairing, go to the next unconfirmed row' },
  { action: 'flagAlignment', alignment: true, keys: ['Ctrl+Shift+F'], description: 'flag the row for another look (again to unflag)' },
  { action: 'mergeWithNext', alignment: true, keys: ['Ctrl+M'], description: 'merge the row with the next' },
  { action: 'splitRow', alignment: true, keys: ['Ctrl+Shift+S'], description: 'split the row in two (Enter splits where proposed)' },
  { action: 'englishToPrevious', alignment: true, keys: ['Ctrl+Shift+↑'], description: 'move the first English sentence to the row above' },
  { action: 'englishToNext', alignment: true, keys: ['Ctrl+Shift+↓'], description: 'move the last English sentence to the row below' },
  { action: 'persianToPrevious', alignment: true, keys: ['Ctrl+Alt+Shift+↑'], description: 'move the first Persian sentence to the row above' },
  { action: 'persianToNext', alignment: true, keys: ['Ctrl+Alt+Shift+↓'], description: 'move the last Persian sentence to the row below' },
  { action: 'detachEnglish', alignment: true, keys: ['Ctrl+Shift+D'], description: 'give the last English sentence a row of its own' },
  {
    action: 'undoDocumentEdit',
    keys: ['Ctrl+Z'],
    description: 'undo the last edit of the document, typing included, in order (in the English editor, its own typing first)'
  },
  { action: 'redoDocumentEdit', keys: ['Ctrl+Shift+Z', 'Ctrl+Y'], description: 'redo' },
  { action: 'approveRow', review: true, keys: ['Ctrl+Alt+A'], description: 'approve the row and go to the next' },
  { action: 'markReviewed', review: true, keys: ['Ctrl+Alt+V'], description: 'mark the row reviewed and go to the next' },
  { action: 'rejectRow', review: true, keys: ['Ctrl+Alt+R'], description: 'reject the row (asks why)' },
  ...([1, 2, 3, 4, 5] as const).map((n): Shortcut => ({
    action: `insertMatch${n}`,
    keys: [`Ctrl+Shift+${n}`],
    description: `put translation memory match ${n} into the English`
  })),
  { action: 'concordance', keys: ['Ctrl+K'], description: 'search the translation memory for the selected words (concordance)' },
  { action: 'addTerm', keys: ['Ctrl+Shift+G'], description: 'add a term from the Persian and English selected (Terms tab)' },
  { action: 'insertTerm', keys: ['Ctrl+Shift+E'], description: 'put the English of the row’s next term the translation lacks at the cursor' },
  { action: 'insertNextCode', keys: ['F9'], description: 'put the next inline code the English lacks at the cursor (XLIFF and Word files)' },
  {
    action: 'revertRow',
    keys: ['Escape'],
    description: 'in the English, give the row back the English and status it had when you came to it (Ctrl+Z brings the typing back)'
  },
  { action: 'toggleSidePanel', keys: ['Ctrl+B'], description: 'show or hide the side panel' },
  { action: 'nextSideTab', keys: ['Ctrl+Alt+PageDown'], description: 'next tab of the side panel' },
  { action: 'previousSideTab', keys: ['Ctrl+Alt+PageUp'], description: 'previous tab of the side panel' },
  { action: 'toggleToolbars', keys: ['Ctrl+Shift+B'], description: 'show or hide the toolbars' },
  { action: 'focusSearch', keys: ['Ctrl+F'], description: 'search both languages (the filter bar)' },
  { action: 'toggleReview', keys: ['Ctrl+Alt+M'], description: 'review mode on or off' },
  { action: 'exportDocument', keys: ['Ctrl+E'], description: 'export the document (choose the format)' },
  { action: 'toggleDensity', keys: ['Ctrl+Shift+L'], description: 'compact or comfortable rows' },
  { action: 'showShortcuts', keys: ['F1'], description: 'list (and change) the shortcuts' }
]

/** The user's own keys for some actions, replacing their defaults. */
export type KeyBindings = Partial<Record<EditorAction, string[]>>

export interface ShortcutContext {
  aligned: boolean
  reviewing: boolean
}

export function shortcutAvailable(shortcut: Shortcut, context: ShortcutContext): boolean {
  return (context.aligned || !shortcut.alignment) && (context.reviewing || !shortcut.review)
}

const ARROWS: Record<string, string> = { ArrowUp: '↑', ArrowDown: '↓', ArrowLeft: '←', ArrowRight: '→' }

/**
 * The key combination an event makes, as shortcuts are written ("Ctrl+Shift+1"), or null for
 * keys that type text. Letters and digits are read by key position, as Shift or a Persian layout
 * changes the character; Cmd counts as Ctrl.
 */
export function comboOf(event: KeyboardEvent): string | null {
  const key =
    /^Key([A-Z])$/.exec(event.code)?.[1] ??
    /^Digit(\d)$/.exec(event.code)?.[1] ??
    ARROWS[event.key] ??
    (/^(F\d{1,2}|Enter|Escape|PageUp|PageDown|Home|End|Tab|Backspace|Delete)$/.test(event.key) ? event.key : null)
  if (!key || ['Control', 'Alt', 'Shift', 'Meta'].includes(event.key)) return null
  const ctrl = event.ctrlKey || event.metaKey
  // Unmodified keys type text, but for the function keys and Escape.
  if (!ctrl && !event.altKey && !/^F\d/.test(key) && key !== 'Escape') return null
  return [ctrl && 'Ctrl', event.altKey && 'Alt', event.shiftKey && 'Shift', key].filter(Boolean).join('+')
}

/** The keys of an action, the user's own where given. */
export function keysOf(shortcut: Shortcut, bindings: KeyBindings = {}): string[] {
  return bindings[shortcut.action] ?? shortcut.keys
}

export function actionFor(event: KeyboardEvent, context: ShortcutContext, bindings: KeyBindings = {}): EditorAction | null {
  const combo = comboOf(event)
  if (!combo) return null
  const shortcut = SHORTCUTS.find((candidate) => shortcutAvailable(candidate, context) && keysOf(candidate, bindings).includes(combo))
  return shortcut?.action ?? null
}

/** The action that already uses a combination, to warn before binding it twice. */
export function actionUsing(combo: string, bindings: KeyBindings = {}): Shortcut | undefined {
  return SHORTCUTS.find((shortcut) => keysOf(shortcut, bindings).includes(combo))
}

/** The pressed key combination in the palette's spelling (Alt+1), to find a tag by its shortcut. */
export function shortcutOf(event: KeyboardEvent): string | null {
  const key = /^Digit(\d)$/.exec(event.code)?.[1] ?? /^Key([A-Z])$/.exec(event.code)?.[1] ?? /^F\d{1,2}$/.exec(event.code)?.[0]
  if (!key) return null
  const parts = [event.ctrlKey && 'Ctrl', event.altKey && 'Alt', event.shiftKey && 'Shift', event.metaKey && 'Meta'].filter(Boolean)
  return parts.length > 0 ? [...parts, key].join('+') : null
}

const STORAGE_KEY = 'hamta.keyBindings'

export function loadKeyBindings(): KeyBindings {
  try {
    const parsed = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}') as unknown
    if (!parsed || typeof parsed !== 'object') return {}
    const known = new Set(SHORTCUTS.map((shortcut) => shortcut.action))
    return Object.fromEntries(
      Object.entries(parsed).filter(
        ([action, keys]) => known.has(action as EditorAction) && Array.isArray(keys) && keys.every((key) => typeof key === 'string')
      )
    ) as KeyBindings
  } catch {
    return {}
  }
}

export function saveKeyBindings(bindings: KeyBindings): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(bindings))
  } catch {
    // Storage refused (private mode): the keys hold until the page closes.
  }
}

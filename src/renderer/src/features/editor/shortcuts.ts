/** Every editor shortcut, in one table: the handler and the in-app help both read it. */
export type EditorAction =
  | 'confirmTranslation'
  | 'nextRow'
  | 'previousRow'
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

export interface Shortcut {
  action: EditorAction
  keys: string
  description: string
  /** Only for documents whose English was aligned from an existing translation. */
  alignment?: boolean
  /** Only in review mode. */
  review?: boolean
  matches: (event: KeyboardEvent) => boolean
}

const mod = (event: KeyboardEvent): boolean => event.ctrlKey || event.metaKey

export const SHORTCUTS: Shortcut[] = [
  {
    action: 'confirmTranslation',
    keys: 'Ctrl+Enter',
    description: 'mark the row translated and go to the next',
    matches: (e) => mod(e) && !e.shiftKey && !e.altKey && e.key === 'Enter'
  },
  { action: 'nextRow', keys: 'Alt+↓', description: 'next row', matches: (e) => e.altKey && !mod(e) && !e.shiftKey && e.key === 'ArrowDown' },
  { action: 'previousRow', keys: 'Alt+↑', description: 'previous row', matches: (e) => e.altKey && !mod(e) && !e.shiftKey && e.key === 'ArrowUp' },
  {
    action: 'confirmAlignment',
    alignment: true,
    keys: 'Ctrl+Shift+Enter',
    description: 'confirm the pairing, go to the next unconfirmed row',
    matches: (e) => mod(e) && e.shiftKey && e.key === 'Enter'
  },
  {
    action: 'flagAlignment',
    alignment: true,
    keys: 'Ctrl+Shift+F',
    description: 'flag the row for another look (again to unflag)',
    matches: (e) => mod(e) && e.shiftKey && !e.altKey && e.code === 'KeyF'
  },
  {
    action: 'mergeWithNext',
    alignment: true,
    keys: 'Ctrl+M',
    description: 'merge the row with the next',
    matches: (e) => mod(e) && !e.shiftKey && !e.altKey && e.code === 'KeyM'
  },
  {
    action: 'splitRow',
    alignment: true,
    keys: 'Ctrl+Shift+S',
    description: 'split the row in two',
    matches: (e) => mod(e) && e.shiftKey && !e.altKey && e.code === 'KeyS'
  },
  {
    action: 'englishToPrevious',
    alignment: true,
    keys: 'Ctrl+Shift+↑',
    description: 'move the first English sentence to the row above',
    matches: (e) => mod(e) && e.shiftKey && !e.altKey && e.key === 'ArrowUp'
  },
  {
    action: 'englishToNext',
    alignment: true,
    keys: 'Ctrl+Shift+↓',
    description: 'move the last English sentence to the row below',
    matches: (e) => mod(e) && e.shiftKey && !e.altKey && e.key === 'ArrowDown'
  },
  {
    action: 'persianToPrevious',
    alignment: true,
    keys: 'Ctrl+Alt+Shift+↑',
    description: 'move the first Persian sentence to the row above',
    matches: (e) => mod(e) && e.shiftKey && e.altKey && e.key === 'ArrowUp'
  },
  {
    action: 'persianToNext',
    alignment: true,
    keys: 'Ctrl+Alt+Shift+↓',
    description: 'move the last Persian sentence to the row below',
    matches: (e) => mod(e) && e.shiftKey && e.altKey && e.key === 'ArrowDown'
  },
  {
    action: 'detachEnglish',
    alignment: true,
    keys: 'Ctrl+Shift+D',
    description: 'give the last English sentence a row of its own',
    matches: (e) => mod(e) && e.shiftKey && !e.altKey && e.code === 'KeyD'
  },
  {
    action: 'undoDocumentEdit',
    keys: 'Ctrl+Z',
    description: 'undo the last alignment, sentence or cleanup edit (in the English editor, once its own typing is undone)',
    matches: (e) => mod(e) && !e.shiftKey && !e.altKey && e.code === 'KeyZ'
  },
  {
    action: 'approveRow',
    review: true,
    keys: 'Ctrl+Alt+A',
    description: 'approve the row and go to the next',
    matches: (e) => mod(e) && e.altKey && !e.shiftKey && e.code === 'KeyA'
  },
  {
    action: 'markReviewed',
    review: true,
    keys: 'Ctrl+Alt+V',
    description: 'mark the row reviewed and go to the next',
    matches: (e) => mod(e) && e.altKey && !e.shiftKey && e.code === 'KeyV'
  },
  {
    action: 'rejectRow',
    review: true,
    keys: 'Ctrl+Alt+R',
    description: 'reject the row (asks why)',
    matches: (e) => mod(e) && e.altKey && !e.shiftKey && e.code === 'KeyR'
  },
  ...([1, 2, 3, 4, 5] as const).map((n): Shortcut => ({
    action: `insertMatch${n}`,
    keys: `Ctrl+Shift+${n}`,
    description: `put translation memory match ${n} into the English`,
    // By key position: Shift turns the digit into a symbol on most layouts.
    matches: (e) => mod(e) && e.shiftKey && !e.altKey && e.code === `Digit${n}`
  })),
  {
    action: 'concordance',
    keys: 'Ctrl+K',
    description: 'search the translation memory for the selected words (concordance)',
    matches: (e) => mod(e) && !e.shiftKey && !e.altKey && e.code === 'KeyK'
  },
  {
    action: 'redoDocumentEdit',
    keys: 'Ctrl+Shift+Z',
    description: 'redo',
    matches: (e) => mod(e) && ((e.shiftKey && e.code === 'KeyZ') || (!e.shiftKey && e.code === 'KeyY'))
  }
]

export function shortcutAvailable(shortcut: Shortcut, context: { aligned: boolean; reviewing: boolean }): boolean {
  return (context.aligned || !shortcut.alignment) && (context.reviewing || !shortcut.review)
}

export function actionFor(event: KeyboardEvent, context: { aligned: boolean; reviewing: boolean }): EditorAction | null {
  const shortcut = SHORTCUTS.find((candidate) => shortcutAvailable(candidate, context) && candidate.matches(event))
  return shortcut?.action ?? null
}

/** The pressed key combination in the palette's spelling (Alt+1), to find a tag by its shortcut. */
export function shortcutOf(event: KeyboardEvent): string | null {
  const key = /^Digit(\d)$/.exec(event.code)?.[1] ?? /^Key([A-Z])$/.exec(event.code)?.[1] ?? /^F\d{1,2}$/.exec(event.code)?.[0]
  if (!key) return null
  const parts = [event.ctrlKey && 'Ctrl', event.altKey && 'Alt', event.shiftKey && 'Shift', event.metaKey && 'Meta'].filter(Boolean)
  return parts.length > 0 ? [...parts, key].join('+') : null
}

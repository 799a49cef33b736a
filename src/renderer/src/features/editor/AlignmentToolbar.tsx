import { keysOf, SHORTCUTS, type EditorAction, type KeyBindings } from './shortcuts'

interface AlignmentToolbarProps {
  unconfirmed: number
  canUndo: boolean
  canRedo: boolean
  perform: (action: EditorAction) => void
  bindings?: KeyBindings
  /** Why an action cannot be done on the active row (a row saved back into a kept original), if it cannot. */
  refusal?: (action: EditorAction) => string | null
}

/** The reviewer's tools for the pairing of the active row. */
export function AlignmentToolbar({ unconfirmed, canUndo, canRedo, perform, bindings, refusal }: AlignmentToolbarProps): React.JSX.Element {
  // The keys shown are the user's own, where changed.
  const tool = (action: EditorAction, _defaultKeys: string, label: string, primary = false): React.JSX.Element => {
    const shortcut = SHORTCUTS.find((candidate) => candidate.action === action)!
    const keys = keysOf(shortcut, bindings).join(', ')
    const refused = refusal?.(action) ?? null
    return (
      <button
        type="button"
        className={primary ? undefined : 'secondary'}
        disabled={refused !== null}
        title={refused ?? `${shortcut.description}${keys ? ` (${keys})` : ''}`}
        aria-keyshortcuts={keys ? keys.replace(/↑/g, 'ArrowUp').replace(/↓/g, 'ArrowDown').replace(/, /g, ' ') : undefined}
        onClick={() => perform(action)}
      >
        {label}
      </button>
    )
  }
  return (
    <div className="alignment-toolbar" role="toolbar" aria-label="Alignment">
      <span className="toolbar-count">{unconfirmed} unconfirmed</span>
      <span className="toolbar-separator" />
      {tool('confirmAlignment', 'Ctrl+Shift+Enter', '✓ Confirm', true)}
      {tool('flagAlignment', 'Ctrl+Shift+F', '⚑ Flag')}
      {tool('mergeWithNext', 'Ctrl+M', 'Merge with next')}
      {tool('splitRow', 'Ctrl+Shift+S', 'Split…')}
      {tool('englishToPrevious', 'Ctrl+Shift+↑', 'English ↑')}
      {tool('englishToNext', 'Ctrl+Shift+↓', 'English ↓')}
      {tool('persianToPrevious', 'Ctrl+Alt+Shift+↑', 'Persian ↑')}
      {tool('persianToNext', 'Ctrl+Alt+Shift+↓', 'Persian ↓')}
      <span className="toolbar-separator" />
      <button type="button" className="secondary" title="Ctrl+Z" disabled={!canUndo} onClick={() => perform('undoDocumentEdit')}>
        Undo
      </button>
      <button type="button" className="secondary" title="Ctrl+Shift+Z" disabled={!canRedo} onClick={() => perform('redoDocumentEdit')}>
        Redo
      </button>
    </div>
  )
}

import type { EditorAction } from './shortcuts'

interface AlignmentToolbarProps {
  unconfirmed: number
  canUndo: boolean
  canRedo: boolean
  perform: (action: EditorAction) => void
}

/** The reviewer's tools for the pairing of the active row. */
export function AlignmentToolbar({ unconfirmed, canUndo, canRedo, perform }: AlignmentToolbarProps): React.JSX.Element {
  const tool = (action: EditorAction, keys: string, label: string, primary = false): React.JSX.Element => (
    <button type="button" className={primary ? undefined : 'secondary'} title={keys} onClick={() => perform(action)}>
      {label}
    </button>
  )
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

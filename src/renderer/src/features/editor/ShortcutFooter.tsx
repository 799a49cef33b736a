import { useState } from 'react'
import type { TagDefinition } from '../../../../core/review/palette'
import { shortcutAvailable, SHORTCUTS } from './shortcuts'

/** The main keys at a glance, and every shortcut on demand. */
export function ShortcutFooter({
  aligned,
  reviewing,
  palette
}: {
  aligned: boolean
  reviewing: boolean
  palette: TagDefinition[]
}): React.JSX.Element {
  const [showHelp, setShowHelp] = useState(false)
  return (
    <footer className="shortcuts">
      <span>
        <kbd>Ctrl</kbd>+<kbd>Enter</kbd> mark translated, next row · <kbd>Alt</kbd>+<kbd>↑</kbd>/<kbd>↓</kbd> previous / next row
        {aligned ? ' · Ctrl+Shift+Enter confirm pairing' : ''} · edits save by themselves
      </span>
      <button type="button" className="link" onClick={() => setShowHelp((shown) => !shown)}>
        {showHelp ? 'Hide shortcuts' : 'All shortcuts'}
      </button>
      {showHelp && (
        <table className="shortcut-help" aria-label="Keyboard shortcuts">
          <tbody>
            {[
              ...SHORTCUTS.filter((shortcut) => shortcutAvailable(shortcut, { aligned, reviewing })),
              ...palette
                .filter((tag) => tag.shortcut)
                .map((tag) => ({ action: `tag-${tag.id}`, keys: tag.shortcut!, description: `tag the selection (or the row) ${tag.name}` }))
            ].map((shortcut) => (
              <tr key={shortcut.action}>
                <td>
                  <kbd>{shortcut.keys}</kbd>
                </td>
                <td>{shortcut.description}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </footer>
  )
}

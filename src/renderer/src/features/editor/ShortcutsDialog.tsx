import { useState } from 'react'
import type { TagDefinition } from '../../../../core/review/palette'
import { Dialog } from '../../components/Dialog'
import { actionUsing, comboOf, keysOf, shortcutAvailable, SHORTCUTS, type KeyBindings, type ShortcutContext } from './shortcuts'

interface ShortcutsDialogProps {
  context: ShortcutContext
  palette: TagDefinition[]
  bindings: KeyBindings
  onChangeBindings: (bindings: KeyBindings) => void
  onClose: () => void
}

/** Every shortcut of the editor, each one changeable: press Change, then the new keys. */
export function ShortcutsDialog({ context, palette, bindings, onChangeBindings, onClose }: ShortcutsDialogProps): React.JSX.Element {
  const [capturing, setCapturing] = useState<string | null>(null)
  const [message, setMessage] = useState('')
  const shown = SHORTCUTS.filter((shortcut) => shortcutAvailable(shortcut, context))
  const bind = (action: (typeof SHORTCUTS)[number]['action'], combo: string): void => {
    const next: KeyBindings = { ...bindings, [action]: [combo] }
    const previous = actionUsing(combo, bindings)
    // A key does one thing: the action that had it gives it up.
    if (previous && previous.action !== action) {
      next[previous.action] = keysOf(previous, bindings).filter((keys) => keys !== combo)
      setMessage(
        `${combo} was “${previous.description}”, which now has ${next[previous.action]!.length ? next[previous.action]!.join(', ') : 'no key'}.`
      )
    } else {
      setMessage(`${combo}: ${SHORTCUTS.find((shortcut) => shortcut.action === action)!.description}.`)
    }
    onChangeBindings(next)
    setCapturing(null)
  }
  return (
    // While keys are being chosen, Escape stops choosing instead of closing the dialog.
    <Dialog label="Keyboard shortcuts" className="shortcuts-dialog" busy={capturing !== null} onCancel={onClose} onSubmit={onClose}>
      <h2>Keyboard shortcuts</h2>
      <p>They work wherever the caret is, the English editor included. To change one, press Change, then the new keys.</p>
      <p className="shortcut-message" role="status">
        {message}
      </p>
      <div className="shortcut-table-frame">
        <table className="shortcut-help">
          <thead>
            <tr>
              <th scope="col">Keys</th>
              <th scope="col">Does</th>
              <th scope="col">
                <span className="visually-hidden">Change</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((shortcut) => {
              const keys = keysOf(shortcut, bindings)
              return (
                <tr key={shortcut.action} data-action={shortcut.action}>
                  <td>{keys.length ? keys.map((combo) => <kbd key={combo}>{combo}</kbd>) : <span className="muted">none</span>}</td>
                  <td>{shortcut.description}</td>
                  <td className="shortcut-actions">
                    <button
                      type="button"
                      className="secondary"
                      aria-label={
                        capturing === shortcut.action
                          ? `Press the new keys for: ${shortcut.description}`
                          : `Change the keys for: ${shortcut.description}`
                      }
                      onClick={() => setCapturing(capturing === shortcut.action ? null : shortcut.action)}
                      onBlur={() => capturing === shortcut.action && setCapturing(null)}
                      onKeyDown={(event) => {
                        if (capturing !== shortcut.action) return
                        // Escape stops choosing keys (the dialog stays open); Default gives it back to its action.
                        if (event.key === 'Escape' && !event.ctrlKey && !event.altKey && !event.metaKey) {
                          event.preventDefault()
                          event.stopPropagation()
                          setCapturing(null)
                          return
                        }
                        const combo = comboOf(event.nativeEvent)
                        if (!combo) return
                        event.preventDefault()
                        event.stopPropagation()
                        bind(shortcut.action, combo)
                      }}
                    >
                      {capturing === shortcut.action ? 'Press keys…' : 'Change'}
                    </button>
                    {bindings[shortcut.action] && (
                      <button
                        type="button"
                        className="link"
                        aria-label={`Default keys for: ${shortcut.description}`}
                        onClick={() => {
                          const { [shortcut.action]: _dropped, ...rest } = bindings
                          onChangeBindings(rest)
                          setMessage(`${shortcut.keys.join(', ')}: ${shortcut.description} again.`)
                        }}
                      >
                        Default
                      </button>
                    )}
                  </td>
                </tr>
              )
            })}
            {palette
              .filter((tag) => tag.shortcut)
              .map((tag) => (
                <tr key={tag.id}>
                  <td>
                    <kbd>{tag.shortcut}</kbd>
                  </td>
                  <td>tag the selection (or the row) {tag.name}</td>
                  <td className="muted">in Tags &amp; settings</td>
                </tr>
              ))}
          </tbody>
        </table>
      </div>
      <div className="dialog-actions">
        {Object.keys(bindings).length > 0 && (
          <button type="button" className="secondary" onClick={() => onChangeBindings({})}>
            All keys to their defaults
          </button>
        )}
        <button type="submit">Done</button>
      </div>
    </Dialog>
  )
}

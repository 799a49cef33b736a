import { useEffect, useState } from 'react'
import type { TagDefinition } from '../../../../core/review/palette'
import type { HamtaApi } from '../../../../shared/contract'
import { Dialog } from '../../components/Dialog'

interface TagsDialogProps {
  api: HamtaApi
  onClose: () => void
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/** The library's tag palette (names, colours, shortcuts) and the name shown with comments. */
export function TagsDialog({ api, onClose }: TagsDialogProps): React.JSX.Element {
  const [palette, setPalette] = useState<TagDefinition[]>([])
  const [authorName, setAuthorName] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const [newName, setNewName] = useState('')
  const [newColor, setNewColor] = useState('#6b7382')

  useEffect(() => {
    void api.getPalette({}).then(setPalette, (error) => setProblem(errorMessage(error)))
    void api.getSettings({}).then(
      (settings) => setAuthorName(settings.authorName),
      (error) => setProblem(errorMessage(error))
    )
  }, [api])

  const change = async (request: () => Promise<TagDefinition[]>): Promise<void> => {
    try {
      setPalette(await request())
      setProblem(null)
    } catch (error) {
      setProblem(errorMessage(error))
      // Show the stored palette again, not the edit that was refused.
      setPalette(await api.getPalette({}))
    }
  }

  const remove = async (tag: TagDefinition): Promise<void> => {
    try {
      setPalette(await api.deleteTag({ tagId: tag.id }))
    } catch (error) {
      // A tag in use is deleted only once the user has seen where it is used.
      if ((error as { code?: string }).code === 'tag-in-use' && window.confirm(`${errorMessage(error)} Delete it everywhere?`)) {
        await change(() => api.deleteTag({ tagId: tag.id, confirmed: true }))
      } else if ((error as { code?: string }).code !== 'tag-in-use') setProblem(errorMessage(error))
    }
  }

  return (
    <Dialog label="Tags and settings" className="tags-dialog" onCancel={onClose} onSubmit={onClose}>
      <h2>Tags</h2>
      <p>Tags belong to this library: every document uses the same ones.</p>
      {problem && (
        <div className="dialog-problem" role="alert">
          {problem}
        </div>
      )}
      <table className="palette-table">
        <thead>
          <tr>
            <th>Colour</th>
            <th>Name</th>
            <th>Shortcut</th>
            <th>
              <span className="visually-hidden">Delete</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {palette.map((tag) => (
            <tr key={tag.id} data-tag-id={tag.id}>
              <td>
                <input
                  type="color"
                  aria-label={`Colour of ${tag.name}`}
                  defaultValue={tag.color}
                  onBlur={(event) =>
                    event.target.value !== tag.color && void change(() => api.updateTag({ tagId: tag.id, color: event.target.value }))
                  }
                />
              </td>
              <td>
                <input
                  aria-label={`Name of ${tag.name}`}
                  defaultValue={tag.name}
                  onBlur={(event) =>
                    event.target.value.trim() !== tag.name && void change(() => api.updateTag({ tagId: tag.id, name: event.target.value }))
                  }
                />
              </td>
              <td>
                <input
                  className="shortcut-input"
                  aria-label={`Shortcut of ${tag.name}`}
                  placeholder="e.g. Alt+8"
                  defaultValue={tag.shortcut ?? ''}
                  onBlur={(event) =>
                    event.target.value.trim() !== (tag.shortcut ?? '') &&
                    void change(() => api.updateTag({ tagId: tag.id, shortcut: event.target.value.trim() || null }))
                  }
                />
              </td>
              <td>
                <button type="button" className="danger" aria-label={`Delete ${tag.name}`} onClick={() => void remove(tag)}>
                  Delete
                </button>
              </td>
            </tr>
          ))}
          <tr>
            <td>
              <input type="color" aria-label="Colour of the new tag" value={newColor} onChange={(event) => setNewColor(event.target.value)} />
            </td>
            <td>
              <input aria-label="Name of the new tag" placeholder="New tag" value={newName} onChange={(event) => setNewName(event.target.value)} />
            </td>
            <td colSpan={2}>
              <button
                type="button"
                className="secondary"
                disabled={!newName.trim()}
                onClick={() =>
                  void change(() => api.createTag({ name: newName, color: newColor })).then(() => {
                    setNewName('')
                  })
                }
              >
                Add tag
              </button>
            </td>
          </tr>
        </tbody>
      </table>
      <h2>You</h2>
      <label>
        Your name, shown with your comments
        <input
          value={authorName}
          onChange={(event) => setAuthorName(event.target.value)}
          onBlur={() => void api.updateSettings({ authorName: authorName.trim() }).catch((error) => setProblem(errorMessage(error)))}
        />
      </label>
      <div className="dialog-actions">
        <button type="submit">Done</button>
      </div>
    </Dialog>
  )
}

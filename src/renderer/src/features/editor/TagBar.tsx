import type { TagDefinition } from '../../../../core/review/palette'

/** One button per tag of the palette: tags the selected words, or the row with nothing selected. */
export function TagBar({ palette, onTag }: { palette: TagDefinition[]; onTag: (tagId: string) => void }): React.JSX.Element {
  return (
    <div className="tag-bar" role="toolbar" aria-label="Tag the selection">
      <span className="tag-bar-label">Tag</span>
      {palette.map((tag) => (
        <button
          key={tag.id}
          type="button"
          className="tag-button"
          style={{ '--tag-color': tag.color } as React.CSSProperties}
          title={`Tag the selected words${tag.shortcut ? ` (${tag.shortcut})` : ''}; with nothing selected, tag the row`}
          // Keep the selection: a click must not move focus away from the selected words.
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => onTag(tag.id)}
        >
          {tag.name}
        </button>
      ))}
    </div>
  )
}

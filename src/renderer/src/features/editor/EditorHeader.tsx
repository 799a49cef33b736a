import type { Progress } from '../../../../core/model'
import { ProgressBar } from '../../components/ProgressBar'
import type { SaveState } from './autosave'
import type { EditorLayout } from './useEditorLayout'

const SAVE_LABEL: Record<SaveState, string> = {
  saved: 'All changes saved',
  pending: 'Saving…',
  saving: 'Saving…',
  error: 'Not saved yet: retrying'
}

interface EditorHeaderProps {
  title: string
  progress: Progress
  saveState: SaveState
  reviewing: boolean
  onToggleReview: () => void
  onImportTranslation: () => void
  onExport: () => void
  onClose: () => void
  layout: EditorLayout
  onToggleSidePanel: () => void
  onToggleToolbars: () => void
  onToggleDensity: () => void
  onShowShortcuts: () => void
  /** The team library's sync state, when the library is shared. */
  sync?: React.ReactNode
}

/** The document's title, progress and save state, and the document-wide actions. */
export function EditorHeader(props: EditorHeaderProps): React.JSX.Element {
  const { title, progress, saveState, reviewing, layout } = props
  return (
    <header className="editor-header">
      <button type="button" className="secondary" onClick={props.onClose}>
        ← Library
      </button>
      <h1 className="doc-title" dir="rtl" lang="fa" title={title}>
        {title}
      </h1>
      <div className="doc-progress">
        <ProgressBar progress={progress} label="Translated" />
        <span className="progress-text">
          {progress.translated + progress.reviewed + progress.approved} / {progress.total} translated
          {progress.draft > 0 ? ` · ${progress.draft} draft` : ''}
          {progress.approved > 0 ? ` · ${progress.approved} approved` : ''}
          {progress.rejected > 0 ? ` · ${progress.rejected} rejected` : ''}
        </span>
      </div>
      <span className={`save-state ${saveState}`} role="status" data-testid="save-state">
        {SAVE_LABEL[saveState]}
      </span>
      {props.sync}
      <div className="header-actions">
        <button
          type="button"
          className={reviewing ? '' : 'secondary'}
          aria-pressed={reviewing}
          title="Review mode: the English is read-only unless you choose to edit; approve and reject with the keyboard"
          onClick={props.onToggleReview}
        >
          {reviewing ? 'Reviewing' : 'Review mode'}
        </button>
        <button type="button" className="secondary" onClick={props.onImportTranslation}>
          Import translation…
        </button>
        <button type="button" className="secondary" onClick={props.onExport}>
          Export…
        </button>
        <span className="toolbar-separator" />
        <button
          type="button"
          className="secondary icon-button"
          aria-pressed={layout.toolbars}
          aria-controls="editor-toolbars"
          title="Show or hide the toolbars (filters, tags, alignment)"
          onClick={props.onToggleToolbars}
        >
          Toolbars
        </button>
        <button
          type="button"
          className="secondary icon-button"
          aria-pressed={layout.sidePanel}
          title="Show or hide the side panel (Ctrl+B)"
          onClick={props.onToggleSidePanel}
        >
          Panel
        </button>
        <button
          type="button"
          className="secondary icon-button"
          aria-pressed={layout.density === 'compact'}
          title="Compact rows (Ctrl+Shift+L)"
          onClick={props.onToggleDensity}
        >
          Compact
        </button>
        <button type="button" className="secondary icon-button" title="Keyboard shortcuts (F1)" onClick={props.onShowShortcuts}>
          Keys
        </button>
      </div>
    </header>
  )
}

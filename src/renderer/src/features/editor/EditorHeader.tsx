import type { Progress } from '../../../../core/model'
import { ProgressBar } from '../../components/ProgressBar'
import type { SaveState } from './autosave'

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
}

/** The document's title, progress and save state, and the document-wide actions. */
export function EditorHeader(props: EditorHeaderProps): React.JSX.Element {
  const { title, progress, saveState, reviewing } = props
  return (
    <header className="editor-header">
      <button type="button" className="secondary" onClick={props.onClose}>
        ← Library
      </button>
      <h1 className="doc-title" dir="rtl" lang="fa" title={title}>
        {title}
      </h1>
      <div className="doc-progress" aria-label="Progress">
        <ProgressBar progress={progress} />
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
      </div>
    </header>
  )
}

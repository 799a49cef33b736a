import type { Progress } from '../../../core/model'

/** Done (translated, reviewed or approved: solid) and draft (light) shares of a document's rows. */
export function ProgressBar({ progress, label = 'Progress' }: { progress: Progress; label?: string }): React.JSX.Element {
  const percent = (count: number): number => (progress.total === 0 ? 0 : (count / progress.total) * 100)
  const done = progress.translated + progress.reviewed + progress.approved
  return (
    <div
      className="progress-bar"
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={progress.total}
      aria-valuenow={done}
      aria-valuetext={`${done} of ${progress.total} rows translated`}
    >
      <div className="progress-translated" style={{ width: `${percent(done)}%` }} />
      <div className="progress-draft" style={{ width: `${percent(progress.draft)}%` }} />
    </div>
  )
}

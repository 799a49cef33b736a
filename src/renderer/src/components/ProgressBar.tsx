import type { Progress } from '../../../core/model'

/** Translated (solid) and draft (light) shares of a document's rows. */
export function ProgressBar({ progress }: { progress: Progress }): React.JSX.Element {
  const percent = (count: number): number => (progress.total === 0 ? 0 : (count / progress.total) * 100)
  return (
    <div
      className="progress-bar"
      role="progressbar"
      aria-valuemin={0}
      aria-valuemax={progress.total}
      aria-valuenow={progress.translated}
      aria-valuetext={`${progress.translated} of ${progress.total} rows translated`}
    >
      <div className="progress-translated" style={{ width: `${percent(progress.translated)}%` }} />
      <div className="progress-draft" style={{ width: `${percent(progress.draft)}%` }} />
    </div>
  )
}

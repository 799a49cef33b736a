import { Dialog } from '../../components/Dialog'
import type { TmxUse } from '../../platform'

/** Asks what a TMX file is for: the translation memory (the default) or a document to review. */
export function TmxChoiceDialog({ fileName, onChoose }: { fileName: string; onChoose: (use: TmxUse) => void }): React.JSX.Element {
  return (
    <Dialog label={`Open ${fileName}`} onCancel={() => onChoose(null)} onSubmit={() => onChoose('memory')}>
      <h2>{fileName}</h2>
      <p>This is a translation memory file (TMX). Add its units to the library’s translation memory, or open it as a document to review?</p>
      <div className="dialog-actions">
        <button type="button" className="secondary" onClick={() => onChoose(null)}>
          Cancel
        </button>
        <button type="button" className="secondary" onClick={() => onChoose('document')}>
          Open as document
        </button>
        <button type="submit" autoFocus>
          Add to translation memory
        </button>
      </div>
    </Dialog>
  )
}

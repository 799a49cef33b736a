import { useState } from 'react'
import { Dialog } from '../../components/Dialog'
import {
  EXPORT_FORMATS,
  EXPORT_OPTION_DEFAULT,
  EXPORT_OPTION_LABEL,
  FORMAT_CATALOG,
  type ExportFormat,
  type ExportOptionName
} from '../../../../core/formats/catalog'

interface ExportDialogProps {
  /** The file name of the kept original (a client XLIFF or Word file), when the document has one. */
  original?: string
  onCancel: () => void
  onExport: (format: ExportFormat, options: Partial<Record<ExportOptionName, boolean>>) => Promise<void>
}

/** Every export format, with the options that format understands; the original format first, when there is one. */
export function ExportDialog({ original, onCancel, onExport }: ExportDialogProps): React.JSX.Element {
  const [format, setFormat] = useState<ExportFormat>(original ? 'original' : 'docx')
  const formats = original
    ? ['original' as const, ...EXPORT_FORMATS.filter((name) => name !== 'original')]
    : EXPORT_FORMATS.filter((name) => name !== 'original')
  const [options, setOptions] = useState<Record<ExportOptionName, boolean>>({ ...EXPORT_OPTION_DEFAULT })
  const [busy, setBusy] = useState(false)
  const info = FORMAT_CATALOG[format]
  return (
    <Dialog
      label="Export"
      className="export-dialog"
      busy={busy}
      onCancel={onCancel}
      onSubmit={() => {
        setBusy(true)
        const chosen = Object.fromEntries(info.options.map((name) => [name, options[name]]))
        void onExport(format, chosen).finally(() => setBusy(false))
      }}
    >
      <h2>Export</h2>
      <fieldset className="format-list">
        <legend>Format</legend>
        {formats.map((name) => (
          <label key={name} className="format-choice">
            <input type="radio" name="format" value={name} checked={format === name} onChange={() => setFormat(name)} />
            <span>{FORMAT_CATALOG[name].label}</span>
            <span className="extension">{name === 'original' ? original : FORMAT_CATALOG[name].extension}</span>
          </label>
        ))}
      </fieldset>
      {info.options.length > 0 && (
        <fieldset className="option-list">
          <legend>Options</legend>
          {info.options.map((name) => (
            <label key={name} className="option-choice">
              <input
                type="checkbox"
                checked={options[name]}
                onChange={(event) => setOptions((current) => ({ ...current, [name]: event.target.checked }))}
              />
              {EXPORT_OPTION_LABEL[name]}
            </label>
          ))}
        </fieldset>
      )}
      <div className="dialog-actions">
        <button type="button" className="secondary" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
        <button type="submit" disabled={busy}>
          {busy ? 'Exporting…' : 'Export'}
        </button>
      </div>
    </Dialog>
  )
}

import type { HamtaApi } from '../../../../shared/contract'
import { readFileAsBase64, saveExport } from '../../platform'

interface TermFileActionsProps {
  api: HamtaApi
  /** After an import: what it did, for the user to read. */
  onImported: (message: string) => void
  onError: (message: string) => void
}

/** Importing a glossary (TBX, CSV, TSV) into the termbase and exporting the termbase. */
export function TermFileActions({ api, onImported, onError }: TermFileActionsProps): React.JSX.Element {
  const importFile = async (file: File): Promise<void> => {
    try {
      const result = await api.importTerms({ fileName: file.name, dataBase64: await readFileAsBase64(file) })
      onImported(
        `Imported ${result.added} new and ${result.updated} updated terms${result.skipped.length ? `; ${result.skipped.length} skipped (${result.skipped.slice(0, 2).join('; ')})` : ''}.`
      )
    } catch (error) {
      onError((error as Error).message)
    }
  }
  return (
    <>
      <label className="secondary button-like">
        Import TBX, Excel, CSV or TSV…
        <input
          type="file"
          accept=".tbx,.xml,.csv,.tsv,.txt,.xlsx"
          hidden
          onChange={(event) => {
            const file = event.target.files?.[0]
            if (file) void importFile(file)
            event.target.value = ''
          }}
        />
      </label>
      {(['tbx', 'csv', 'tsv'] as const).map((format) => (
        <button
          key={format}
          type="button"
          className="secondary"
          onClick={() => void api.exportTerms({ format }).then(saveExport, (error: Error) => onError(error.message))}
        >
          Export {format.toUpperCase()}
        </button>
      ))}
    </>
  )
}

/** Hamta's own JSON: the bilingual document turned back into a Hamta document, reloadable by the app. */
import { fromBilingual, type BilingualDocument } from './bilingual'
import { exportJson } from './export'
import { selectUnits, type ExportOptions } from './options'

export function writeHamtaJson(doc: BilingualDocument, options: ExportOptions & { fileName?: string } = {}): string {
  const now = options.now ?? new Date().toISOString()
  const units = selectUnits(doc, options)
  const hamta = fromBilingual(
    { ...doc, units },
    { id: doc.id ?? `export-${now.replace(/[^0-9]/g, '').slice(0, 14)}`, now, fileName: options.fileName ?? `${doc.title || 'document'}.txt` }
  )
  options.onProgress?.(units.length, units.length)
  return exportJson(doc.createdAt ? { ...hamta, createdAt: doc.createdAt } : hamta).content
}

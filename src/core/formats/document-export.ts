import type { HamtaDocument } from '../model'
import { toBilingual } from './bilingual'
import { exportBaseName, exportJson } from './export'
import { FORMAT_WRITERS, type ExportFormat, type ExportOptions } from './index'
import { noOriginal, renderOriginal } from './original'

export interface RenderedExport {
  fileName: string
  mimeType: string
  content: string | Uint8Array
}

/**
 * A Hamta document in any export format. Hamta's own JSON is the stored document itself, so it
 * reloads with everything (the original text included); other formats go through the neutral
 * bilingual document.
 */
export async function renderExport(
  doc: HamtaDocument,
  format: ExportFormat,
  options: ExportOptions = {},
  tagName?: (id: string) => string,
  /** The kept original file's bytes, for `original`. */
  original?: Uint8Array
): Promise<RenderedExport> {
  if (format === 'original') {
    if (!original) throw noOriginal(doc)
    return renderOriginal(doc, original)
  }
  if (format === 'json' && !options.approvedOnly && options.includeUntranslated !== false) return exportJson(doc)
  const writer = FORMAT_WRITERS[format]
  return {
    fileName: `${exportBaseName(doc)}${writer.extension}`,
    mimeType: writer.mimeType,
    content: await writer.write(toBilingual(doc, tagName), options)
  }
}

import type { HamtaDocument } from '../model'
import { toBilingual } from './bilingual'
import { exportBaseName, exportJson } from './export'
import { FORMAT_WRITERS, type ExportFormat, type ExportOptions } from './index'
import { codesAsText } from './inline-codes'
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
    content: await writer.write(toBilingual(withCodesShown(doc), tagName), options)
  }
}

/**
 * Rows of a client file hold its inline codes as private-use characters; formats other than the
 * original show each code by its label instead, spans moved to match.
 */
function withCodesShown(doc: HamtaDocument): HamtaDocument {
  if (!doc.rows.some((row) => row.codes?.length)) return doc
  const moved = <S extends { start: number; end: number }>(span: S, at: (offset: number) => number): S => ({
    ...span,
    start: at(span.start),
    end: at(span.end)
  })
  return {
    ...doc,
    rows: doc.rows.map((row) => {
      const codes = row.codes
      if (!codes?.length) return row
      const target = codesAsText(row.target, codes)
      return {
        ...row,
        source: row.source.map((sentence) => {
          const shown = codesAsText(sentence.text, codes)
          return { ...sentence, text: shown.text, spans: sentence.spans.map((span) => moved(span, shown.at)) }
        }),
        target: target.text,
        targetSpans: row.targetSpans.map((span) => moved(span, target.at))
      }
    })
  }
}

/**
 * Rows read from a kept original (an XLIFF unit or segment, a sentence of a Word paragraph) are
 * where the translation is written back: each row's English goes into its own place in the file,
 * and its inline codes are numbered for that row alone. Merging two such rows would put both
 * translations into the first place and leave the second untranslated, splitting would make a row
 * that belongs nowhere, and moving a sentence would carry its codes into a row where they mean
 * other codes. So these edits are refused on them, with the reason, rather than silently
 * corrupting the file saved back; a segmentation to change is changed in the tool the file came
 * from. Pure, so the editor can grey out what the library would refuse.
 */
import type { HamtaDocument } from '../model'

export type ReshapingEdit =
  { kind: 'mergeWithNext' } | { kind: 'splitRow' } | { kind: 'detachSentence' } | { kind: 'moveSentence'; direction: 'previous' | 'next' }

/** Why `edit` on row `index` would break the original saved back, or null when it may be made. */
export function reshapingRefusal(doc: Pick<HamtaDocument, 'rows' | 'origin'>, index: number, edit: ReshapingEdit): string | null {
  const involved = [index]
  if (edit.kind === 'mergeWithNext') involved.push(index + 1)
  if (edit.kind === 'moveSentence') involved.push(edit.direction === 'previous' ? index - 1 : index + 1)
  const kept = involved.find((k) => doc.rows[k]?.unitId !== undefined)
  if (kept === undefined) return null
  const what = edit.kind === 'mergeWithNext' ? 'merged' : edit.kind === 'splitRow' || edit.kind === 'detachSentence' ? 'split' : 'moved between rows'
  const docx = doc.origin.original?.format === 'docx'
  const place = docx ? 'a sentence of a paragraph of the original Word document' : `unit “${doc.rows[kept].unitId}” of the original XLIFF file`
  const way = docx ? 'sentence by sentence' : 'unit by unit'
  return `Row ${kept + 1} is ${place}, which is saved back ${way}: its sentences cannot be ${what}. Translate each row on its own${docx ? '' : ', or change the segmentation in the tool the file came from'}.`
}

/**
 * `placeholder`: the English must hold the row's inline codes (tags and placeholders of an
 * XLIFF or Word original) as the Persian does: none missing, none extra, and paired codes in
 * the order the source has them, or the file the translation goes back into breaks.
 */
import { codesIn } from '../../formats/inline-codes'
import type { RowCheck, RowFinding } from '../finding'

export const placeholderCheck: RowCheck = {
  name: 'placeholder',
  run({ row, source, target }) {
    const codes = row.codes
    if (!codes || codes.length === 0 || !target.trim()) return []
    const inSource = codesIn(source)
    const inTarget = codesIn(target)
    const label = (index: number) => `${index + 1} ${codes[index]?.label ?? ''}`.trim()
    const findings: RowFinding[] = []
    const left = [...inTarget]
    for (const index of inSource) {
      const at = left.indexOf(index)
      if (at >= 0) left.splice(at, 1)
      else findings.push({ subject: `missing:${index}`, message: `The code ${label(index)} of the Persian is missing from the English.` })
    }
    for (const index of left) findings.push({ subject: `extra:${index}`, message: `The code ${label(index)} is in the English ${inSource.includes(index) ? 'more often than in the Persian' : 'but not in the Persian'}.` })
    // A pair whose closing code comes first, or pairs crossing each other, cannot be written back as they are.
    const open: number[] = []
    for (const index of inTarget) {
      const code = codes[index]
      if (!code || code.kind === 'standalone') continue
      const partner = codes.findIndex((other, k) => k !== index && other.id === code.id && other.kind !== code.kind && other.kind !== 'standalone')
      if (partner < 0) continue
      if (code.kind === 'open') open.push(index)
      else if (open[open.length - 1] === partner) open.pop()
      else if (inTarget.includes(partner)) {
        findings.push({ subject: `order:${index}`, message: `The codes ${label(partner)} and ${label(index)} are reordered: the pair opens after it closes or crosses another pair.` })
        const at = open.indexOf(partner)
        if (at >= 0) open.splice(at, 1)
      }
    }
    return findings
  }
}

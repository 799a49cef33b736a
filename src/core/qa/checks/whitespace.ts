/** `whitespace`: double spaces, spaces at the start or end of the English. */
import type { RowCheck, RowFinding } from '../finding'

const DOUBLE_SPACE = /[ \u00a0\t]{2,}/

export const whitespaceCheck: RowCheck = {
  name: 'whitespace',
  run({ target }) {
    if (!target.trim()) return []
    const findings: RowFinding[] = []
    if (DOUBLE_SPACE.test(target.trim())) {
      const fixed = target.replace(/([^\s])[ \u00a0\t]{2,}(?=[^\s])/g, '$1 ')
      findings.push({ subject: 'double', message: 'Two or more spaces in a row.', fix: { label: 'Use single spaces', target: fixed } })
    }
    if (/^\s/.test(target) || /\s$/.test(target)) {
      findings.push({ subject: 'edges', message: 'Space at the start or end of the English.', fix: { label: 'Remove the space', target: target.trim() } })
    }
    return findings
  }
}

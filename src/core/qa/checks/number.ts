/** `number`: the Persian and English numbers differ (the review's number check, with its exceptions). */
import { formatNumberValue } from '../../review/number-check'
import type { RowCheck } from '../finding'
import { compareNumbers } from '../numbers'

export const numberCheck: RowCheck = {
  name: 'number',
  run({ source, target }) {
    const { missingInEnglish, extraInEnglish } = compareNumbers(source, target)
    const findings = missingInEnglish.map((value) => ({
      subject: `missing:${value}`,
      message: `${formatNumberValue(value)} is in the Persian but not in the English.`
    }))
    for (const value of extraInEnglish) {
      findings.push({ subject: `extra:${value}`, message: `${formatNumberValue(value)} is in the English but not in the Persian.` })
    }
    return findings
  }
}

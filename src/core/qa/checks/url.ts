/** `url`: web addresses and e-mail addresses of the Persian are not those of the English. */
import { extractUrls } from '../../align/anchors'
import type { RowCheck, RowFinding } from '../finding'

function minus(a: string[], b: string[]): string[] {
  const left = [...b]
  return a.filter((value) => {
    const index = left.indexOf(value)
    if (index < 0) return true
    left.splice(index, 1)
    return false
  })
}

/** Cheap test first: most sentences hold no address at all. */
const ADDRESS_HINT = /https?:|www\.|@|\.(?:com|org|net|ir|info|io|gov|edu|int)\b/i

export const urlCheck: RowCheck = {
  name: 'url',
  run({ source, target }) {
    if (!ADDRESS_HINT.test(source) && !ADDRESS_HINT.test(target)) return []
    const persian = extractUrls(source)
    const english = extractUrls(target)
    if (persian.length === 0 && english.length === 0) return []
    const findings: RowFinding[] = []
    for (const url of minus(persian, english)) findings.push({ subject: `missing:${url}`, message: `${url} is in the Persian but not in the English.` })
    for (const url of minus(english, persian)) findings.push({ subject: `extra:${url}`, message: `${url} is in the English but not in the Persian.` })
    return findings
  }
}

/**
 * Number adaptation: when a match differs from the sentence only in numbers, the match's English
 * gets the sentence's numbers, written with English numerals (Persian and Arabic-Indic digits to
 * ASCII, `٫` to a decimal point), keeping the English's digit grouping.
 */

/** An English number in a target text: digits with optional comma groups and decimals. */
const ENGLISH_NUMBER = /(?<![\d.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,])|(?<![\d.,])\d+(?:\.\d+)?(?![\d])/g

export interface NumberChange {
  /** Number key as in the match (ASCII digits, `.` decimal). */
  from: string
  /** Number key as in the sentence. */
  to: string
}

function groupThousands(key: string): string {
  const [whole, fraction] = key.split('.')
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return fraction === undefined ? grouped : `${grouped}.${fraction}`
}

function sameValue(a: string, b: string): boolean {
  return a === b || (Number.isFinite(Number(a)) && Number(a) === Number(b))
}

/**
 * The target with each `from` number replaced by its `to`, or null when that cannot be done
 * safely: a number of the match is not in the English, or is there a different number of times
 * than in the Persian, or one number of the match would have to become two different numbers.
 */
export function adaptNumbers(target: string, changes: readonly NumberChange[], matchNumbers: readonly string[]): string | null {
  if (changes.length === 0) return null
  const plan = new Map<string, string>()
  for (const change of changes) {
    const planned = plan.get(change.from)
    if (planned !== undefined && planned !== change.to) return null
    plan.set(change.from, change.to)
  }
  const found = [...target.matchAll(ENGLISH_NUMBER)]
  for (const [from] of plan) {
    const inSource = matchNumbers.filter((key) => key === from).length
    const inTarget = found.filter((match) => sameValue(match[0].replace(/,/g, ''), from)).length
    if (inTarget === 0 || inTarget !== inSource) return null
  }
  let out = ''
  let position = 0
  for (const match of found) {
    const plain = match[0].replace(/,/g, '')
    const to = [...plan].find(([from]) => sameValue(plain, from))?.[1]
    if (to === undefined) continue
    out += target.slice(position, match.index) + (match[0].includes(',') ? groupThousands(to) : to)
    position = match.index! + match[0].length
  }
  return out + target.slice(position)
}

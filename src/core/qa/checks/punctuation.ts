/**
 * `punctuation`: quotes and brackets left open or closed twice (unless the Persian is unbalanced
 * the same way: a quotation running over several sentences), Persian punctuation left in the
 * English, and a missing final stop where the Persian has one.
 */
import type { RowCheck, RowFinding } from '../finding'

const PERSIAN_PUNCTUATION: Record<string, string> = { '،': ',', '؛': ';', '؟': '?', '«': '“', '»': '”', '٪': '%', '٫': '.', '٬': ',' }
const PERSIAN_PUNCTUATION_PATTERN = /[،؛؟«»٪٫٬]/g

interface Balance {
  round: number
  square: number
  quotes: number
}

/** Opening minus closing marks of each kind, in one pass; straight quotes count 1 when odd. */
function balance(text: string, persian: boolean): Balance {
  let round = 0
  let square = 0
  let curly = 0
  let straight = 0
  for (let i = 0; i < text.length; i++) {
    switch (text.charCodeAt(i)) {
      case 0x28:
        round++
        break
      case 0x29:
        round--
        break
      case 0x5b:
        square++
        break
      case 0x5d:
        square--
        break
      case 0x22:
        straight ^= 1
        break
      case 0x201c:
        curly++
        break
      case 0x201d:
        curly--
        break
      case 0xab:
        if (persian) curly++
        break
      case 0xbb:
        if (persian) curly--
        break
    }
  }
  return { round, square, quotes: curly !== 0 ? curly : straight }
}

const CLOSERS = /[\s"'”’»)\]]+$/u
const END = /[.!?؟…:;؛]$/u

export const punctuationCheck: RowCheck = {
  name: 'punctuation',
  run({ source, target }) {
    if (!target.trim()) return []
    const findings: RowFinding[] = []
    const persianMarks = target.match(PERSIAN_PUNCTUATION_PATTERN)
    if (persianMarks) {
      const fixed = target.replace(PERSIAN_PUNCTUATION_PATTERN, (mark) => PERSIAN_PUNCTUATION[mark]).replace(/ ,/g, ',')
      findings.push({
        subject: 'persian-marks',
        message: `Persian punctuation in the English: ${[...new Set(persianMarks)].join(' ')}.`,
        fix: { label: 'Use English punctuation', target: fixed }
      })
    }
    const english = balance(target, false)
    const persian = balance(source, true)
    const names: Array<[keyof Balance, string]> = [
      ['round', 'brackets ( )'],
      ['square', 'square brackets [ ]'],
      ['quotes', 'quotation marks']
    ]
    for (const [kind, name] of names) {
      if (english[kind] === 0 || english[kind] === persian[kind] || (kind === 'quotes' && persian[kind] !== 0)) continue
      findings.push({ subject: `unbalanced:${kind}`, message: `Unbalanced ${name} in the English.` })
    }
    const sourceEnd = source.trim().replace(CLOSERS, '')
    const targetEnd = target.trim().replace(CLOSERS, '')
    const sourceStop = /[.!?؟…]$/u.exec(sourceEnd)
    if (sourceStop && !END.test(targetEnd) && /[\p{L}\p{N}]$/u.test(targetEnd)) {
      const stop = sourceStop[0] === '؟' ? '?' : sourceStop[0]
      const trimmed = target.replace(/\s+$/, '')
      const tail = CLOSERS.exec(trimmed)?.[0] ?? ''
      const body = trimmed.slice(0, trimmed.length - tail.length)
      findings.push({
        subject: 'end',
        message: `The Persian ends with “${sourceStop[0]}”; the English has no final punctuation.`,
        fix: { label: `Add “${stop}”`, target: body + stop + tail + target.slice(trimmed.length) }
      })
    }
    return findings
  }
}

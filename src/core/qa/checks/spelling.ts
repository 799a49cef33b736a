/**
 * `spelling`: English words the dictionary (US or UK, as the library is set) does not know.
 * Capitalized words are left alone (mostly names), and so are words with digits and Latin words
 * the Persian itself contains (names and acronyms kept in Latin script).
 */
import { extractUrls } from '../../align/anchors'
import type { RowCheck, RowFinding } from '../finding'

const ADDRESS_HINT = /https?:|www\.|@|\.(?:com|org|net|ir|info|io|gov|edu|int)\b/i
const WORD = /[A-Za-z][A-Za-z'’]*[A-Za-z]|[A-Za-z]/g
const URL_OR_EMAIL = /\b(?:https?:\/\/|www\.)[^\s<>"«»()]+|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|ir|info|io|gov|edu|int)\b(?:\/[^\s<>"«»()]*)?/giu

export const spellingCheck: RowCheck = {
  name: 'spelling',
  run({ source, target }, { speller }) {
    if (!speller || !target.trim()) return []
    const latin = source.match(/[A-Za-z]+/g)
    const latinInPersian = new Set(latin ? latin.map((word) => word.toLowerCase()) : [])
    const text = ADDRESS_HINT.test(target) && extractUrls(target).length > 0 ? target.replace(URL_OR_EMAIL, (url) => ' '.repeat(url.length)) : target
    const findings: RowFinding[] = []
    const seen = new Set<string>()
    for (const match of text.matchAll(WORD)) {
      const word = match[0].replace(/’/g, "'").replace(/'s$/, '')
      if (/^[A-Z]/.test(word) || latinInPersian.has(word.toLowerCase()) || seen.has(word)) continue
      const around = target.slice(Math.max(0, match.index! - 2), match.index! + match[0].length + 2)
      // Digits next to it (3rd, COVID-19) or a capitalized name joined by a hyphen (al-Adha, bin-Salman).
      if (/[0-9]/.test(around) || /-[A-Z]/.test(target.slice(match.index! + match[0].length, match.index! + match[0].length + 2))) continue
      seen.add(word)
      if (speller.correct(word) || speller.correct(word.replace(/'$/, ''))) continue
      const suggestions = speller.suggest(word).slice(0, 3)
      const finding: RowFinding = {
        subject: word.toLowerCase(),
        message: `“${match[0]}” is not in the dictionary${suggestions.length ? `; did you mean ${suggestions.map((s) => `“${s}”`).join(', ')}?` : '.'}`
      }
      if (suggestions.length > 0) {
        const start = match.index!
        finding.fix = { label: `Write “${suggestions[0]}”`, target: target.slice(0, start) + suggestions[0] + target.slice(start + match[0].length) }
      }
      findings.push(finding)
    }
    return findings
  }
}

/** `untranslated`: no English yet, English identical to the Persian, or Persian words left in the English. */
import { isArabicScriptLetter } from '../../text/chars'
import { matchKey } from '../../text/normalize'
import type { RowCheck, RowFinding } from '../finding'

const ARABIC_SCRIPT_WORD = /[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff\u200c]+/g
const ARABIC_SCRIPT = /[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]/

export const untranslatedCheck: RowCheck = {
  name: 'untranslated',
  run({ source, target }) {
    if (!target.trim()) return [{ subject: 'empty', message: 'The row has no English translation.' }]
    const persianInEnglish = ARABIC_SCRIPT.test(target)
    // Only English with Persian letters, or Persian without any, can be the same text.
    if ((persianInEnglish || !ARABIC_SCRIPT.test(source)) && matchKey(target) === matchKey(source)) {
      return [{ subject: 'identical', message: 'The English is the same as the Persian.' }]
    }
    const findings: RowFinding[] = []
    if (!persianInEnglish) return findings
    const words = [...target.matchAll(ARABIC_SCRIPT_WORD)].map((match) => match[0]).filter((word) => [...word].some((char) => isArabicScriptLetter(char.charCodeAt(0))))
    if (words.length > 0) {
      const shown = [...new Set(words)].slice(0, 5)
      findings.push({ subject: 'persian-letters', message: `Persian left in the English: ${shown.map((word) => `«${word}»`).join(', ')}${words.length > shown.length ? ' …' : ''}.` })
    }
    return findings
  }
}

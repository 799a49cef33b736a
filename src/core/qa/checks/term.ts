/** `term`: a termbase term is in the Persian but its English is not in the translation, or a forbidden variant is. */
import { acceptedEnglish } from '../../terms/model'
import { englishHasTerm, findEnglishTerm } from '../../terms/matcher'
import type { RowCheck, RowFinding } from '../finding'

function quoteList(values: string[]): string {
  return values.map((value) => `“${value}”`).join(' or ')
}

/** The replacement written with the capital the replaced word had (sentence starts). */
function matchCase(replacement: string, replaced: string): string {
  return /^[A-Z]/.test(replaced) && /^[a-z]/.test(replacement) ? replacement[0].toUpperCase() + replacement.slice(1) : replacement
}

export const termCheck: RowCheck = {
  name: 'term',
  run({ source, target }, { terms }) {
    if (!terms) return []
    const findings: RowFinding[] = []
    const reported = new Set<string>()
    for (const hit of terms.find(source)) {
      const accepted = [...new Set(hit.terms.flatMap(acceptedEnglish))]
      const forbidden = [...new Set(hit.terms.flatMap((term) => (term.status === 'deprecated' ? [term.en, ...term.forbidden] : term.forbidden)))]
      const key = hit.terms.map((term) => term.id).join('+')
      if (reported.has(key)) continue
      reported.add(key)
      const preferred = accepted[0]
      let usedForbidden = false
      for (const variant of forbidden) {
        const found = findEnglishTerm(target, variant)
        if (!found) continue
        const used = target.slice(found.start, found.end)
        usedForbidden = true
        findings.push({
          subject: `forbidden:${key}:${variant.toLowerCase()}`,
          message: `“${used}” is a forbidden rendering of ${hit.text}${preferred ? `; the termbase has ${quoteList(accepted)}` : ''}.`,
          fix: preferred
            ? { label: `Use “${preferred}”`, target: target.slice(0, found.start) + matchCase(preferred, used) + target.slice(found.end) }
            : undefined
        })
      }
      // ی may make another word of the term (بازرگانی "commerce" from بازرگان "trader"), whose English differs.
      if (accepted.length === 0 || hit.derived || usedForbidden) continue
      // A name used as an adjective is fine: آذربایجان in an ezafe is often "Azerbaijani".
      const derived = (english: string): boolean => /^[A-Z][a-z]+$/.test(english)
      if (accepted.some((english) => englishHasTerm(target, english, derived(english)))) continue
      findings.push({
        subject: `missing:${key}`,
        message: `${hit.text} is in the Persian; the termbase has ${quoteList(accepted)}, which the English does not use.`
      })
    }
    return findings
  }
}

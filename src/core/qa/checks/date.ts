/**
 * `date`: a Solar Hijri date in the Persian needs its Gregorian date in the English, or the
 * Solar Hijri date said as such (25 Aban 1403). A wrong Gregorian date is corrected in place.
 */
import type { RowCheck, RowFinding } from '../finding'
import {
  englishForPersianDate,
  findEnglishDates,
  findPersianDates,
  formatGregorian,
  formatHijri,
  formatLike,
  gregorianCandidates,
  GREGORIAN_MONTHS,
  toGregorian,
  type EnglishDate,
  type PersianDate
} from '../dates'

/** "Solar Hijri", "SH", "Iranian calendar" next to a year: the year is said to be Solar Hijri. */
const HIJRI_MARK = /\b(?:S\.?H\.?|A\.?P\.?|Solar Hijri|Hijri|Iranian calendar|Persian calendar|Jalali)\b/i

function hijriAgrees(date: PersianDate, english: EnglishDate): boolean {
  return (
    english.calendar === 'hijri' &&
    english.month === date.month &&
    (date.day === undefined || english.day === undefined || english.day === date.day) &&
    (date.year === undefined || english.year === undefined || english.year === date.year)
  )
}

function gregorianAgrees(date: PersianDate, english: EnglishDate): boolean {
  if (english.calendar !== 'gregorian') return false
  if (date.day === undefined) {
    if (date.year === undefined || english.year === undefined) return false
    // A month and year: either Gregorian month the Solar Hijri month overlaps.
    const first = toGregorian(date.year, date.month, 1)
    const last = toGregorian(date.year, date.month, 28)
    return [first, last].some((candidate) => candidate.month === english.month && candidate.year === english.year)
  }
  if (english.day === undefined) return false
  return gregorianCandidates(date).some(
    (candidate) =>
      candidate.month === english.month && candidate.day === english.day && (Number.isNaN(candidate.year) || english.year === undefined || english.year === candidate.year)
  )
}

export const dateCheck: RowCheck = {
  name: 'date',
  run({ source, target }) {
    const findings: RowFinding[] = []
    const english = findEnglishDates(target)
    const used = new Set<EnglishDate>()
    for (const date of findPersianDates(source)) {
      const match = english.find((candidate) => !used.has(candidate) && (gregorianAgrees(date, candidate) || hijriAgrees(date, candidate)))
      if (match) {
        used.add(match)
        continue
      }
      const expected = englishForPersianDate(date)
      const subject = `${date.year ?? ''}-${date.month}-${date.day ?? ''}`
      const candidates = gregorianCandidates(date)
      // A Gregorian date in the same month or the next, or with the same day: most likely this date, mistranslated.
      const wrong = english.find(
        (candidate) =>
          !used.has(candidate) &&
          candidate.calendar === 'gregorian' &&
          candidate.day !== undefined &&
          candidates.some((expectedDate) => Math.abs(expectedDate.month - candidate.month) <= 1 || candidate.day === date.day)
      )
      if (wrong && candidates.length === 1) {
        used.add(wrong)
        const right = candidates[0]
        const corrected = formatLike(wrong.style, right, wrong.year !== undefined)
        findings.push({
          subject,
          message: `${date.text.trim()} is ${formatGregorian(right)}, but the English says ${wrong.text}.`,
          fix: { label: `Write ${corrected}`, target: target.slice(0, wrong.start) + corrected + target.slice(wrong.end) }
        })
        continue
      }
      if (wrong) {
        used.add(wrong)
        const options = candidates.map((candidate) => `${GREGORIAN_MONTHS[candidate.month - 1]} ${candidate.day}`).join(' or ')
        findings.push({ subject, message: `${date.text.trim()} is ${options}, but the English says ${wrong.text}.` })
        continue
      }
      if (date.day === undefined && date.year !== undefined && new RegExp(`\\b${date.year}\\b`).test(target) && HIJRI_MARK.test(target)) continue
      findings.push({
        subject,
        message: `${date.text.trim()} is a Solar Hijri date; the English has neither its Gregorian date (${expected}) nor the Solar Hijri date (${formatHijri(date)}).`
      })
    }
    return findings
  }
}

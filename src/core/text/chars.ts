/**
 * Character classes used by the Persian text pipeline. Plain code-point tests instead of Unicode
 * property regexes: the segmenter calls them once per character of multi-megabyte input.
 */

export const ZWNJ = '\u200C'
export const ZWNJ_CODE = 0x200c

/** Sentence terminators: . ! ? ؟ … (and the Arabic full stop ۔). */
export function isTerminator(code: number): boolean {
  return code === 0x2e || code === 0x21 || code === 0x3f || code === 0x61f || code === 0x2026 || code === 0x6d4
}

export function isDigit(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x6f0 && code <= 0x6f9) || (code >= 0x660 && code <= 0x669)
}

export function isAsciiAlnum(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)
}

/** Combining marks of the Arabic script (harakat, tanwin, shadda, superscript alef, hamza above). */
export function isArabicMark(code: number): boolean {
  return (code >= 0x64b && code <= 0x65f) || code === 0x670 || (code >= 0x610 && code <= 0x61a) || (code >= 0x6d6 && code <= 0x6ed)
}

/** Letters of the Arabic script as used for Persian, including presentation forms. */
export function isArabicScriptLetter(code: number): boolean {
  if (code >= 0x620 && code <= 0x64a) return true
  if (code >= 0x671 && code <= 0x6d3) return true
  if (code === 0x6d5 || code === 0x6ee || code === 0x6ef || (code >= 0x6fa && code <= 0x6ff)) return true
  if (code >= 0x750 && code <= 0x77f) return true
  if (code >= 0xfb50 && code <= 0xfdff) return true
  return code >= 0xfe70 && code <= 0xfefc
}

const OTHER_LETTER = /\p{L}/u

export function isLetter(code: number): boolean {
  if ((code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)) return true
  if (code < 0xc0) return false
  if (isArabicScriptLetter(code)) return true
  if (code >= 0x600 && code <= 0x6ff) return false
  return OTHER_LETTER.test(String.fromCharCode(code))
}

/** Letters, digits and the marks and joiners that occur inside Persian words. */
export function isWordChar(code: number): boolean {
  return isLetter(code) || isDigit(code) || isArabicMark(code) || code === ZWNJ_CODE || code === 0x640
}

export function isSpace(code: number): boolean {
  return (
    code === 0x20 ||
    code === 0x09 ||
    code === 0xa0 ||
    code === 0x0c ||
    code === 0x0b ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x202f ||
    code === 0x3000 ||
    code === 0xfeff
  )
}

export function isLineBreak(code: number): boolean {
  return code === 0x0a || code === 0x0d || code === 0x2028 || code === 0x2029 || code === 0x85
}

/** Quotes and brackets that close a phrase and stay with the sentence before them. */
export function isCloser(code: number): boolean {
  return code === 0xbb || code === 0x201d || code === 0x2019 || code === 0x29 || code === 0x5d || code === 0x7d || code === 0x203a
}

/** Quotes and brackets that open a phrase (the straight quote " is decided by parity). */
export function isOpener(code: number): boolean {
  return code === 0xab || code === 0x201c || code === 0x2018 || code === 0x28 || code === 0x5b || code === 0x7b || code === 0x2039
}

/**
 * Persian letters that do not join to the letter after them. A missing space after a word that
 * ends in one of these is invisible on screen, which is why such words get glued in real text.
 */
export function isNonJoiningLetter(code: number): boolean {
  return (
    code === 0x627 ||
    code === 0x622 ||
    code === 0x623 ||
    code === 0x625 ||
    code === 0x62f ||
    code === 0x630 ||
    code === 0x631 ||
    code === 0x632 ||
    code === 0x698 ||
    code === 0x648 ||
    code === 0x624 ||
    code === 0x621
  )
}

/** Ends with . ! ? ؟ … once closing quotes and brackets are set aside. */
export function endsWithTerminator(text: string): boolean {
  return rangeEndsWithTerminator(text, 0, text.length)
}

/** endsWithTerminator for text.slice(start, end), without making the slice. */
export function rangeEndsWithTerminator(text: string, start: number, end: number): boolean {
  let i = end - 1
  while (i >= start && (isSpace(text.charCodeAt(i)) || isCloser(text.charCodeAt(i)) || text.charCodeAt(i) === 0x22)) i--
  return i >= start && isTerminator(text.charCodeAt(i))
}

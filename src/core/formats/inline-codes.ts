/**
 * Inline codes (XLIFF's `<x/>`, `<g>`, `<bpt>`/`<ept>`, `<ph>`, `<pc>`…, Word's formatting runs)
 * inside a row's text. Each code is ONE private-use character, U+E000 + its index in the row's
 * `codes`: offsets, spans, search and the aligner keep working on plain strings, a code can never
 * be half deleted, and no real text is mistaken for one (unlike `{1}`, which ICU messages use).
 */

export interface InlineCode {
  /** The code's id in the file (`id` of x, g, bpt, ph, pc…): what ties a target code to its source code. */
  id: string
  /** Paired codes open and close (`<g>` … `</g>`, `<bpt>` … `<ept>`); the rest stand alone. */
  kind: 'open' | 'close' | 'standalone'
  /** What the code shows in the editor: the native code when the file has it (`<b>`, `{{ user.email }}`), else the element. */
  label: string
  /** The code's exact XML in the source, written back where the code sits in the translation. */
  xml: string
  /** XML for this half of a pair when the translation breaks the pair (`<bx/>`, `<sc/>`); dropped when absent. */
  isolated?: string
}

export const FIRST_CODE = 0xe000
/** The private-use area holds 6400 code points; no segment holds that many codes. */
export const MAX_CODES = 0x1900

export function codeChar(index: number): string {
  return String.fromCharCode(FIRST_CODE + index)
}

export function codeIndex(char: string | number): number {
  const code = typeof char === 'number' ? char : char.charCodeAt(0)
  return code >= FIRST_CODE && code < FIRST_CODE + MAX_CODES ? code - FIRST_CODE : -1
}

const CODE_CHARS = /[\uE000-\uF8FF]/g

/** The code indices in a text, in order. */
export function codesIn(text: string): number[] {
  const found: number[] = []
  for (const match of text.matchAll(CODE_CHARS)) found.push(codeIndex(match[0]))
  return found
}

/** The text without its codes, for checks and exports that have no place for them. */
export function withoutCodes(text: string): string {
  return text.replace(CODE_CHARS, '')
}

/**
 * The text with each code shown by its label (`<b>`, `{{ title }}`), for exports that have no
 * place for codes, and where each offset of the old text lands in the new one (for spans).
 */
export function codesAsText(text: string, codes: readonly InlineCode[]): { text: string; at: (offset: number) => number } {
  const shifts: Array<{ after: number; by: number }> = []
  let shift = 0
  const shown = text.replace(CODE_CHARS, (char, offset: number) => {
    const label = codes[codeIndex(char)]?.label ?? ''
    shift += label.length - 1
    shifts.push({ after: offset, by: shift })
    return label
  })
  const at = (offset: number): number => {
    let by = 0
    for (const entry of shifts) if (entry.after < offset) by = entry.by
    return offset + by
  }
  return { text: shown, at }
}

/** A short label for a code in the editor: its number in the row, with / for a closing code. */
export function codeBadge(index: number, codes: readonly InlineCode[]): string {
  const code = codes[index]
  if (!code) return '?'
  const number = index + 1
  return code.kind === 'close' ? `/${number}` : code.kind === 'open' ? `${number}` : `${number}/`
}

/** The source codes the target lacks, in source order: what "insert the next missing code" offers. */
export function missingCodes(source: string, target: string): number[] {
  const left = codesIn(target)
  return codesIn(source).filter((index) => {
    const at = left.indexOf(index)
    if (at < 0) return true
    left.splice(at, 1)
    return false
  })
}

/**
 * English sentence segmentation with rules for English: abbreviations (Dr., Mr., U.S., e.g.,
 * etc.), initials, decimals, ellipses, closing quotes and brackets after the terminator, and
 * paragraph breaks. One left-to-right scan over the text: linear time.
 */
import type { SegmentedParagraph } from '../model'

/** Titles and abbreviations that are followed by more of the same sentence. */
const NEVER_FINAL = new Set([
  'mr',
  'mrs',
  'ms',
  'mx',
  'dr',
  'prof',
  'sr',
  'jr',
  'st',
  'mt',
  'ft',
  'gen',
  'col',
  'maj',
  'capt',
  'cpt',
  'lt',
  'sgt',
  'cmdr',
  'adm',
  'rev',
  'hon',
  'gov',
  'sen',
  'rep',
  'pres',
  'supt',
  'messrs',
  'mme',
  'mlle',
  'vs',
  'v',
  'cf',
  'approx',
  'dept',
  'univ',
  'assn',
  'bros',
  'inc',
  'ltd',
  'co',
  'corp',
  'fig',
  'figs',
  'eq',
  'vol',
  'vols',
  'ch',
  'sec',
  'art',
  'para',
  'pp',
  'p',
  'est',
  'ave',
  'blvd',
  'rd'
])

/** Abbreviations that usually precede a number ("No. 5", "Jan. 12"): final unless a digit follows. */
const BEFORE_NUMBER = new Set(['no', 'nos', 'nr', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'op', 'tel'])

/** "e.g." and "i.e." never end a sentence; "etc." ends one only when a capital follows. */
const NEVER_FINAL_DOTTED = new Set(['e.g', 'i.e', 'viz', 'a.k.a', 'cf'])

/**
 * Words that often start a sentence. After an ambiguous abbreviation ("U.S.", "etc.", "a.m.")
 * a capitalised word from this list is read as a new sentence, any other capital as a name.
 */
const SENTENCE_STARTERS = new Set([
  'the',
  'a',
  'an',
  'he',
  'she',
  'it',
  'they',
  'we',
  'i',
  'you',
  'this',
  'that',
  'these',
  'those',
  'there',
  'his',
  'her',
  'their',
  'its',
  'our',
  'in',
  'on',
  'at',
  'but',
  'and',
  'so',
  'yet',
  'however',
  'meanwhile',
  'after',
  'before',
  'as',
  'if',
  'when',
  'while',
  'since',
  'although',
  'though',
  'for',
  'from',
  'to',
  'with',
  'by',
  'no',
  'not',
  'some',
  'many',
  'most',
  'all',
  'both',
  'each',
  'one',
  'two',
  'other',
  'what',
  'why',
  'how',
  'who',
  'where',
  'which',
  'during',
  'under',
  'according',
  'earlier',
  'later',
  'last',
  'next',
  'also',
  'still',
  'officials'
])

/** Characters that close a sentence after its terminator: quotes and brackets. */
const CLOSERS = new Set(['"', "'", '”', '’', ')', ']', '}', '»'])
/** Characters that may open a sentence before its first letter. */
const OPENERS = new Set(['"', "'", '“', '‘', '(', '[', '«'])

function isSpace(char: string | undefined): boolean {
  return char === ' ' || char === '\t' || char === '\n' || char === '\r' || char === '\u00a0' || char === '\f'
}

function isLower(char: string | undefined): boolean {
  return char !== undefined && char !== char.toUpperCase() && char === char.toLowerCase()
}

function isDigit(char: string | undefined): boolean {
  return char !== undefined && char >= '0' && char <= '9'
}

/** The word that follows position `from` (skipping white space and opening quotes). */
function nextWord(text: string, from: number): { first: string | undefined; word: string } {
  let k = from
  while (k < text.length && (isSpace(text[k]) || OPENERS.has(text[k]))) k++
  let end = k
  while (end < text.length && /[\p{L}\p{N}'’-]/u.test(text[end])) end++
  return { first: text[k], word: text.slice(k, end) }
}

/**
 * Whether the period at `dot` ends a sentence, given the token it ends (the text since the last
 * white space, without the period) and what comes after.
 */
function periodEndsSentence(text: string, token: string, after: number): boolean {
  const { first, word } = nextWord(text, after)
  if (first === undefined) return true
  if (isLower(first)) return false
  const bare = token.replace(/^[("'“‘[«]+/u, '')
  const lower = bare.toLowerCase()
  if (NEVER_FINAL.has(lower)) return false
  if (NEVER_FINAL_DOTTED.has(lower)) return false
  if (BEFORE_NUMBER.has(lower)) return !isDigit(first)
  const startsSentence = SENTENCE_STARTERS.has(word.toLowerCase())
  // A single capital letter is an initial ("John F. Kennedy"), unless a sentence clearly starts.
  if (/^\p{Lu}$/u.test(bare)) return startsSentence && word.length > 1
  // "etc.", "a.m." and "p.m." are rarely followed by a name: a capital starts a new sentence.
  if (lower === 'etc' || lower === 'a.m' || lower === 'p.m') return true
  // Dotted abbreviations (U.S., U.K., U.N.) are often followed by a name ("U.S. President").
  if (/^(?:\p{L}\.)+\p{L}$/u.test(bare) || lower === 'al') return startsSentence
  return true
}

/** Splits one paragraph (already joined to one line) into sentences. */
export function splitEnglishSentences(paragraph: string): string[] {
  const sentences: string[] = []
  let start = 0
  let tokenStart = 0
  const n = paragraph.length
  for (let i = 0; i < n; i++) {
    const char = paragraph[i]
    if (isSpace(char)) {
      tokenStart = i + 1
      continue
    }
    if (char !== '.' && char !== '!' && char !== '?' && char !== '…') continue
    // Take the whole run of terminators ("?!", "...") and the quotes/brackets that close it.
    let end = i + 1
    while (end < n && (paragraph[end] === '.' || paragraph[end] === '!' || paragraph[end] === '?' || paragraph[end] === '…')) end++
    while (end < n && CLOSERS.has(paragraph[end])) end++
    // A terminator inside a token (28.4, U.S.A, example.com) is not a boundary.
    if (end < n && !isSpace(paragraph[end])) {
      i = end - 1
      continue
    }
    const run = paragraph.slice(i, end).replace(/[^.!?…]/g, '')
    let boundary: boolean
    if (run === '.') boundary = periodEndsSentence(paragraph, paragraph.slice(tokenStart, i), end)
    else {
      // "?", "!", "..." and "…": a new sentence only when a capital, digit or quote follows.
      const { first } = nextWord(paragraph, end)
      boundary = first === undefined || !isLower(first)
    }
    if (boundary) {
      const sentence = paragraph.slice(start, end).trim()
      if (sentence) sentences.push(sentence)
      start = end
    }
    i = end - 1
  }
  const rest = paragraph.slice(start).trim()
  if (rest) sentences.push(rest)
  return sentences
}

const TERMINAL = /[.!?…:;]["'”’)\]»]*$/u

/**
 * Splits a text into paragraphs. A blank line always separates paragraphs. A single line break
 * separates them too (one paragraph per line is the usual form of pasted text, and a heading has
 * no final period), unless the line is a wrapped continuation: it does not end like a sentence
 * and either the next line starts in lower case or the line is nearly as long as the text's
 * longest lines (hard-wrapped text).
 */
export function splitEnglishParagraphs(text: string): string[] {
  const lines = text.split(/\r\n|\r|\n/).map((line) => line.trim())
  const lengths = lines
    .filter(Boolean)
    .map((line) => line.length)
    .sort((a, b) => a - b)
  const wrapWidth = lengths.length >= 3 ? lengths[Math.floor(lengths.length * 0.9)] : Infinity
  const paragraphs: string[] = []
  let current: string[] = []
  const flush = () => {
    if (current.length > 0) paragraphs.push(current.join(' '))
    current = []
  }
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k]
    if (!line) {
      flush()
      continue
    }
    current.push(line)
    const next = lines[k + 1]
    const continues = Boolean(next) && (isLower(next.replace(/^["'“‘(\[]+/u, '')[0]) || (!TERMINAL.test(line) && line.length >= wrapWidth * 0.8))
    if (!continues) flush()
  }
  flush()
  return paragraphs
}

/** Paragraphs of sentences, the same shape the Persian segmenter returns. */
export function segmentEnglishParagraphs(text: string): SegmentedParagraph[] {
  return splitEnglishParagraphs(text)
    .map((paragraph) => ({ sentences: splitEnglishSentences(paragraph) }))
    .filter((paragraph) => paragraph.sentences.length > 0)
}

/** All sentences of an English text, in order. */
export function segmentEnglish(text: string): string[] {
  return segmentEnglishParagraphs(text).flatMap((paragraph) => paragraph.sentences)
}

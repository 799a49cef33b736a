/**
 * Names written in both scripts: "ترامپ" and "Trump", "تهران" and "Tehran", "قرآن" and "Quran".
 * A translator transliterates names of people and places (and keeps loanwords), so a Persian
 * word and a capitalised English word with the same consonants are strong evidence that the two
 * sentences translate each other, even when no dictionary knows the name.
 *
 * Both words are reduced to a consonant skeleton over classes that survive transliteration:
 * vowels, and the letters that are vowels or silent as often as consonants (alef, vav, ye, he,
 * ain, hamza; English h, w, y, v), are dropped; letters English spells alike share a class
 * (ت ط → t, ث س ص ش → s, ذ ز ض ظ ژ → z, ک گ ق غ خ → k); runs of one class count once, since
 * Persian does not write doubled consonants.
 */

const PERSIAN_CLASSES: Record<string, string> = {
  ب: 'b',
  پ: 'p',
  ت: 't',
  ط: 't',
  ث: 's',
  س: 's',
  ص: 's',
  ش: 's',
  ج: 'j',
  چ: 'c',
  د: 'd',
  ذ: 'z',
  ز: 'z',
  ض: 'z',
  ظ: 'z',
  ژ: 'z',
  ر: 'r',
  ف: 'f',
  ک: 'k',
  ك: 'k',
  گ: 'k',
  ق: 'k',
  غ: 'k',
  خ: 'k',
  ل: 'l',
  م: 'm',
  ن: 'n'
}

/** Letters of English spellings by class; two-letter spellings are read first (see englishSkeleton). */
const ENGLISH_CLASSES: Record<string, string> = {
  b: 'b',
  p: 'p',
  t: 't',
  s: 's',
  j: 'j',
  d: 'd',
  z: 'z',
  r: 'r',
  f: 'f',
  k: 'k',
  q: 'k',
  g: 'k',
  c: 'k',
  l: 'l',
  m: 'm',
  n: 'n'
}

const ENGLISH_DIGRAPHS: Record<string, string> = { ch: 'c', ph: 'f', sh: 's', kh: 'k', gh: 'k', zh: 'z', th: 't' }

/** A name's skeleton must hold this many consonant classes: shorter ones coincide by chance. */
export const MIN_SKELETON = 3

function collapse(classes: string[]): string {
  let out = ''
  for (const letter of classes) if (out[out.length - 1] !== letter) out += letter
  return out
}

/** Consonant skeleton of one Persian word (Arabic-script letters outside the table are dropped). */
export function persianSkeleton(word: string): string {
  const classes: string[] = []
  for (const letter of word) {
    const mapped = PERSIAN_CLASSES[letter]
    if (mapped) classes.push(mapped)
  }
  return collapse(classes)
}

/** Consonant skeleton of one English word. */
export function englishSkeleton(word: string): string {
  const lower = word.toLowerCase()
  const classes: string[] = []
  for (let i = 0; i < lower.length; i++) {
    const digraph = ENGLISH_DIGRAPHS[lower.slice(i, i + 2)]
    if (digraph !== undefined) {
      classes.push(digraph)
      i++
      continue
    }
    if (lower[i] === 'x') {
      classes.push('k', 's')
      continue
    }
    const mapped = ENGLISH_CLASSES[lower[i]]
    if (mapped) classes.push(mapped)
  }
  return collapse(classes)
}

const isLower = (code: number) => code >= 97 && code <= 122
const isUpper = (code: number) => code >= 65 && code <= 90
const isApostrophe = (code: number) => code === 39 || code === 0x2019

/** A word's letters lower-cased as a number (a hash: two words sharing one merely hide a name). */
function loweredHash(text: string, from: number, to: number): number {
  let hash = 0
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i)
    if (!isApostrophe(code)) hash = (Math.imul(hash, 31) + (code | 32)) | 0
  }
  return hash
}

/**
 * Skeletons of the names of each English sentence: capitalised words that the text never writes
 * in lower case ("Most Merciful" and "most" are not names; "Tehran" is). Words are read by hand
 * and lower-case ones kept as hashes: every word of a book goes through here.
 */
export function englishNameSkeletons(sentences: readonly string[]): string[][] {
  const lowered = new Set<number>()
  const candidates: Array<Array<{ word: string; hash: number }>> = sentences.map((sentence) => {
    const found: Array<{ word: string; hash: number }> = []
    const length = sentence.length
    let i = 0
    while (i < length) {
      const first = sentence.charCodeAt(i)
      if (!isLower(first) && !isUpper(first)) {
        i++
        continue
      }
      let end = i + 1
      for (;;) {
        while (end < length && (isLower(sentence.charCodeAt(end)) || isUpper(sentence.charCodeAt(end)))) end++
        // An apostrophe inside a transliteration (Qur’an, Ka'ba) belongs to the word; a
        // possessive ’s does not.
        if (end + 1 < length && isApostrophe(sentence.charCodeAt(end)) && isLower(sentence.charCodeAt(end + 1))) {
          const possessive = sentence.charCodeAt(end + 1) === 115 && (end + 2 >= length || !isLower(sentence.charCodeAt(end + 2)))
          if (!possessive) {
            end += 2
            continue
          }
        }
        break
      }
      const hash = loweredHash(sentence, i, end)
      if (isLower(first)) lowered.add(hash)
      else found.push({ word: sentence.slice(i, end), hash })
      i = end
      while (i < length && (isLower(sentence.charCodeAt(i)) || isUpper(sentence.charCodeAt(i)) || isApostrophe(sentence.charCodeAt(i)))) i++
    }
    return found
  })
  // Names recur (a book says "Moses" hundreds of times): each word's skeleton is made once.
  const skeletons = new Map<string, string>()
  return candidates.map((found) => {
    const out: string[] = []
    for (const { word, hash } of found) {
      if (lowered.has(hash)) continue
      let skeleton = skeletons.get(word)
      if (skeleton === undefined) {
        skeleton = englishSkeleton(word.replace(/['’]/g, ''))
        skeletons.set(word, skeleton)
      }
      if (skeleton.length >= MIN_SKELETON) out.push(skeleton)
    }
    return out
  })
}

/** The classes, in the order their codes in a skeleton key use (1 up). */
const CLASS_LETTERS = 'bptsjcdzrfklmn'
/** A key holds this many classes at most (in a double's 53 bits); longer names share a key. */
const KEY_CLASSES = 13

/** A skeleton as a number, so that every Persian word of a book is looked up without a string. */
export function skeletonKey(skeleton: string): number {
  let key = 0
  for (let k = 0; k < skeleton.length && k < KEY_CLASSES; k++) key = key * 16 + CLASS_LETTERS.indexOf(skeleton[k]) + 1
  return key
}

/** Class code (1 up, 0: dropped) of each Arabic-script code point from U+0600, and which are letters. */
const PERSIAN_CLASS_CODES = new Uint8Array(0x100)
const PERSIAN_LETTER = new Uint8Array(0x100)
for (let code = 0x621; code <= 0x6ff; code++) {
  // Diacritics (harakat, superscript alef) are inside words, of no class.
  if (code <= 0x65f || code === 0x670 || (code >= 0x671 && code <= 0x6d3) || code >= 0x6fa) PERSIAN_LETTER[code - 0x600] = 1
}
for (const [letter, mapped] of Object.entries(PERSIAN_CLASSES)) PERSIAN_CLASS_CODES[letter.charCodeAt(0) - 0x600] = CLASS_LETTERS.indexOf(mapped) + 1

/**
 * Skeletons of the words of a Persian sentence (any word may be a name: Persian has no capitals),
 * only those whose key is `wanted` if given. One pass over the characters, and a string only for
 * a word that is wanted: every word of a book goes through here.
 */
export function persianWordSkeletons(sentence: string, wanted?: ReadonlySet<number>): string[] {
  const out: string[] = []
  let key = 0
  let classes = 0
  let last = 0
  let start = -1
  for (let i = 0; i <= sentence.length; i++) {
    const at = i < sentence.length ? sentence.charCodeAt(i) - 0x600 : -1
    if (at >= 0 && at < 0x100 && PERSIAN_LETTER[at] === 1) {
      if (start < 0) start = i
      const code = PERSIAN_CLASS_CODES[at]
      if (code !== 0 && code !== last) {
        if (classes < KEY_CLASSES) key = key * 16 + code
        classes++
        last = code
      }
      continue
    }
    if (classes >= MIN_SKELETON && (!wanted || wanted.has(key))) out.push(persianSkeleton(sentence.slice(start, i)))
    key = 0
    classes = 0
    last = 0
    start = -1
  }
  return out
}

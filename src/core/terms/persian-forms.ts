/**
 * How a Persian term can look in running text, as regular-expression source over match keys
 * (`matchKey`: letters unified, آ → ا, ئ → ی, ۀ → ه, ZWNJ and diacritics gone). Texts are
 * scanned as a stream of token keys separated by ' ' (white space between them) or '|'
 * (punctuation or anything else), so a pattern can allow a space where writers put one or not.
 */

/** Suffixes a noun or adjective takes (plural, comparative, ezafe/indefinite, possessive), in their order. */
export const NOUN_SUFFIX = '(?:ها|ان|ات)?(?:ترین|تر)?(?:یی|ای|ی|ام|اش|ات|مان|تان|شان|یم|یت|یش|یمان|یتان|یشان)?'

/** Suffixes that writers often separate with a space (`همکاری های`, `منطقه ای`, `بزرگ تر`). */
export const DETACHED_SUFFIX = '(?:ها(?:ی(?:ی|م|ت|ش|مان|تان|شان)?)?|ترین|تر|ای|ام|اش|ات)'

/** The end of a token in the stream. */
export const TOKEN_END = '(?=[ |]|$)'

/**
 * Present stems of verbs whose stem is not the infinitive minus a regular ending, keyed by the
 * infinitive's match key. Light verbs of compound verbs (کردن, شدن, دادن …) come first.
 */
const PRESENT_STEM_LIST: Record<string, string> = {
  کردن: 'کن',
  شدن: 'شو',
  دادن: 'ده',
  داشتن: 'دار',
  گرفتن: 'گیر',
  زدن: 'زن',
  امدن: 'ای',
  رفتن: 'رو',
  گفتن: 'گوی',
  یافتن: 'یاب',
  ساختن: 'ساز',
  نمودن: 'نما',
  گذاشتن: 'گذار',
  بردن: 'بر',
  اوردن: 'اور',
  دیدن: 'بین',
  خواستن: 'خواه',
  پذیرفتن: 'پذیر',
  بستن: 'بند',
  دانستن: 'دان',
  توانستن: 'توان',
  نشستن: 'نشین',
  انداختن: 'انداز',
  شناختن: 'شناس',
  فرستادن: 'فرست',
  گشتن: 'گرد',
  افتادن: 'افت',
  خوردن: 'خور',
  ماندن: 'مان',
  کاستن: 'کاه',
  افزودن: 'افزا',
  شکستن: 'شکن',
  پرداختن: 'پرداز',
  فروختن: 'فروش',
  ریختن: 'ریز',
  اموختن: 'اموز',
  سوختن: 'سوز',
  گشودن: 'گشا',
  ازمودن: 'ازما',
  فرمودن: 'فرما',
  بودن: 'باش',
  نهادن: 'نه',
  جستن: 'جوی',
  خاستن: 'خیز',
  برخاستن: 'برخیز',
  کشتن: 'کش',
  نوشتن: 'نویس',
  گزیدن: 'گزین',
  امیختن: 'امیز',
  گریختن: 'گریز',
  شنیدن: 'شنو',
  زیستن: 'زی',
  ستاندن: 'ستان'
}

// A Map, not the object: an object also answers "constructor" or "toString" (a Latin word in a
// term's Persian column), and looks up the many words that are not verbs more slowly.
const PRESENT_STEMS = new Map(Object.entries(PRESENT_STEM_LIST))

export interface VerbStems {
  past: string
  present: string
}

/**
 * The stems of an infinitive (as a match key), or null when the word is not a verb Hamta
 * knows: the table above, regular verbs in -یدن (رسیدن → رسید, رس) and causatives in -اندن
 * (رساندن → رساند, رسان). Nouns that merely end in دن or تن (تمدن, معدن, بدن) are not verbs.
 */
export function verbStems(infinitiveKey: string): VerbStems | null {
  const present = PRESENT_STEMS.get(infinitiveKey)
  if (present) return { past: infinitiveKey.slice(0, -1), present }
  if (infinitiveKey.length >= 5 && infinitiveKey.endsWith('یدن')) return { past: infinitiveKey.slice(0, -1), present: infinitiveKey.slice(0, -3) }
  if (infinitiveKey.length >= 6 && infinitiveKey.endsWith('اندن')) return { past: infinitiveKey.slice(0, -1), present: infinitiveKey.slice(0, -2) }
  return null
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

const REGEXP_SPECIAL = new Set('.*+?^${}()|[]\\')

/** A word's key with an optional space between its letters (written joined, with ZWNJ or apart). */
export function looseWord(key: string): string {
  // Character by character, not a replace per letter: a termbase of 70,000 terms builds this
  // for every word of every term.
  let out = ''
  for (const char of key) {
    if (out) out += ' ?'
    out += REGEXP_SPECIAL.has(char) ? `\\${char}` : char
  }
  return out
}

/**
 * Every form of a verb: negation and the می/نمی prefix (joined, with ZWNJ or a space), the
 * future auxiliary خواه-, past and present stems with their person endings, the participle
 * with its attached auxiliary (کرده‌اند) and the infinitive.
 */
export function verbPattern(stems: VerbStems): string {
  const past = looseWord(stems.past)
  // Stems ending in ا take ی before the person ending: نماید, افزاید.
  const present = looseWord(stems.present.endsWith('ا') ? `${stems.present}ی` : stems.present)
  const future = '(?:ن?خ ?و ?ا ?ه ?(?:م|ی|د|یم|ید|ند) ?)?'
  const prefix = '(?:ن?م ?ی ?|نی|بی|ن|ب)?'
  // An auxiliary written on (کرده‌اند) is part of the word; one written apart (کرده است) is not.
  const pastEnding = '(?:ه(?:ام|ای|ایم|اید|اند|است)?|یم|ید|ند|م|ی|ن)?'
  const presentEnding = '(?:یم|ید|ند|م|ی|د)'
  // گفت‌وگو "conversation" is a noun made of two verb stems, not a verb.
  return `${future}${prefix}(?:${past}${pastEnding}|${present}${presentEnding})(?! ?و ?گو)`
}

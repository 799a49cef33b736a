import type NSpell from 'nspell'

/** A misspelled word in the English text, with where it is. */
export interface Misspelling {
  word: string
  from: number
  to: number
}

/** The English the translation is spelt in (the QA setting); the editor underlines by it. */
export type SpellingVariant = 'en-US' | 'en-GB'

const spellers = new Map<SpellingVariant, Promise<NSpell>>()
let variant: SpellingVariant = 'en-US'
const listeners = new Set<() => void>()

/**
 * The English spelling dictionary of a variant, loaded once when first needed. It is bundled
 * with Hamta, so spelling works offline (Electron's own spellchecker downloads its dictionaries).
 */
export function loadSpeller(which: SpellingVariant = variant): Promise<NSpell> {
  let speller = spellers.get(which)
  if (!speller) {
    const files =
      which === 'en-GB'
        ? Promise.all([import('hamta-dictionary-en-gb/index.aff?raw'), import('hamta-dictionary-en-gb/index.dic?raw')])
        : Promise.all([import('hamta-dictionary-en/index.aff?raw'), import('hamta-dictionary-en/index.dic?raw')])
    speller = Promise.all([import('nspell'), files]).then(([nspell, [aff, dic]]) => nspell.default({ aff: aff.default, dic: dic.default }))
    spellers.set(which, speller)
  }
  return speller
}

export function spellingVariant(): SpellingVariant {
  return variant
}

/** Changes the variant the editor spells by; open editors check their English again. */
export function setSpellingVariant(next: SpellingVariant): void {
  if (next === variant) return
  variant = next
  for (const listener of listeners) listener()
}

/** Called whenever the variant changes; returns the unsubscribe function (useSyncExternalStore's shape). */
export function onSpellingVariant(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

const WORD = /[A-Za-z][A-Za-z'’]*[A-Za-z]|[A-Za-z]/g

/**
 * Words the dictionary does not know. Capitalized words are left alone: in translations of news
 * they are mostly names (Vaezi, Aliyev, Astara) that no dictionary has.
 */
export function findMisspellings(text: string, spell: NSpell, offset = 0): Misspelling[] {
  const found: Misspelling[] = []
  for (const match of text.matchAll(WORD)) {
    const word = match[0].replace(/’/g, "'")
    if (/^[A-Z]/.test(word)) continue
    if (spell.correct(word)) continue
    found.push({ word: match[0], from: offset + match.index!, to: offset + match.index! + match[0].length })
  }
  return found
}

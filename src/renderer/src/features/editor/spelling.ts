import type NSpell from 'nspell'

/** A misspelled word in the English text, with where it is. */
export interface Misspelling {
  word: string
  from: number
  to: number
}

let speller: Promise<NSpell> | null = null

/**
 * The English spelling dictionary, loaded once when first needed. It is bundled with Hamta, so
 * spelling works offline (Electron's own spellchecker downloads its dictionaries).
 */
export function loadSpeller(): Promise<NSpell> {
  speller ??= Promise.all([import('nspell'), import('hamta-dictionary-en/index.aff?raw'), import('hamta-dictionary-en/index.dic?raw')]).then(
    ([nspell, aff, dic]) => nspell.default({ aff: aff.default, dic: dic.default })
  )
  return speller
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

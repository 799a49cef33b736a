/**
 * The English dictionaries for the QA spelling check in Node (the command line and the main
 * process): the same Hunspell dictionaries the editor bundles, US (`dictionary-en`) or UK
 * (`dictionary-en-gb`), loaded once each.
 */
import type { Speller } from '../../core/qa/finding'
import type { SpellingVariant } from '../store/termbase-store'

const loaded = new Map<SpellingVariant, Promise<Speller>>()

async function load(variant: SpellingVariant): Promise<Speller> {
  const [{ default: nspell }, dictionary] = await Promise.all([
    import('nspell'),
    variant === 'en-GB' ? import('dictionary-en-gb') : import('dictionary-en')
  ])
  const decode = (data: Uint8Array): string => new TextDecoder('utf-8').decode(data)
  const spell = nspell({ aff: decode(dictionary.default.aff), dic: decode(dictionary.default.dic) })
  // Suggestions are slow (milliseconds a word); a document repeats its misspellings.
  const suggestions = new Map<string, string[]>()
  const known = new Map<string, boolean>()
  return {
    correct: (word) => {
      let correct = known.get(word)
      if (correct === undefined) {
        correct = spell.correct(word)
        if (known.size > 200_000) known.clear()
        known.set(word, correct)
      }
      return correct
    },
    suggest: (word) => {
      let found = suggestions.get(word)
      if (!found) {
        found = spell.suggest(word)
        suggestions.set(word, found)
      }
      return found
    }
  }
}

export function loadEnglishSpeller(variant: SpellingVariant = 'en-US'): Promise<Speller> {
  let speller = loaded.get(variant)
  if (!speller) {
    speller = load(variant)
    speller.catch(() => loaded.delete(variant))
    loaded.set(variant, speller)
  }
  return speller
}

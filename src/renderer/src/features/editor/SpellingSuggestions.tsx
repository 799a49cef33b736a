import type { Editor } from '@tiptap/core'
import { useEffect, useState, useSyncExternalStore } from 'react'
import { loadSpeller, onSpellingVariant, spellingVariant, type Misspelling } from './spelling'

const SHOWN = 3

/** Corrections for the first few misspelled words of the row, one click to apply. */
export function SpellingSuggestions({ editor, misspellings }: { editor: Editor; misspellings: Misspelling[] }): React.JSX.Element | null {
  const [suggestions, setSuggestions] = useState<Map<string, string[]>>(new Map())
  const words = [...new Set(misspellings.map((item) => item.word))].slice(0, SHOWN)
  const variant = useSyncExternalStore(onSpellingVariant, spellingVariant)
  const key = `${variant}\u0000${words.join('\u0000')}`
  useEffect(() => {
    let cancelled = false
    void loadSpeller().then((spell) => {
      if (!cancelled) setSuggestions(new Map(words.map((word) => [word, spell.suggest(word).slice(0, 3)])))
    })
    return () => {
      cancelled = true
    }
    // The words are what matter, not the array's identity.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key])

  const replace = (word: string, correction: string): void => {
    const place = misspellings.find((item) => item.word === word)
    if (!place || editor.state.doc.textBetween(place.from, place.to) !== word) return
    editor.chain().focus().insertContentAt({ from: place.from, to: place.to }, correction).run()
  }

  return (
    <div className="spelling" aria-label="Spelling suggestions">
      <span className="spelling-label">Spelling</span>
      {words.map((word) => (
        <span key={word} className="spelling-word">
          <s>{word}</s>
          {(suggestions.get(word) ?? []).map((correction) => (
            <button
              key={correction}
              type="button"
              className="link"
              // Keep the caret in the editor.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => replace(word, correction)}
            >
              {correction}
            </button>
          ))}
          {suggestions.has(word) && (suggestions.get(word) ?? []).length === 0 && <span className="spelling-none">no suggestion</span>}
        </span>
      ))}
    </div>
  )
}

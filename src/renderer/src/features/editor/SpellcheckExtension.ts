import { Extension } from '@tiptap/core'
import { Plugin, PluginKey } from '@tiptap/pm/state'
import { Decoration, DecorationSet } from '@tiptap/pm/view'
import type NSpell from 'nspell'
import { findMisspellings, loadSpeller, onSpellingVariant, type Misspelling } from './spelling'

const spellcheckKey = new PluginKey<DecorationSet>('hamtaSpellcheck')

/** Misspelled words of the English, underlined; the list goes to `onChange` for suggestions. */
export const Spellcheck = Extension.create<{ onChange: (misspellings: Misspelling[]) => void }>({
  name: 'hamtaSpellcheck',
  addOptions() {
    return { onChange: () => undefined }
  },
  addProseMirrorPlugins() {
    const options = this.options
    let spell: NSpell | null = null
    return [
      new Plugin<DecorationSet>({
        key: spellcheckKey,
        state: {
          init: () => DecorationSet.empty,
          apply: (transaction, decorations) => transaction.getMeta(spellcheckKey) ?? decorations.map(transaction.mapping, transaction.doc)
        },
        props: {
          decorations: (state) => spellcheckKey.getState(state)
        },
        view: (view) => {
          let timer: ReturnType<typeof setTimeout> | undefined
          const check = (): void => {
            if (!spell || view.isDestroyed) return
            const misspellings: Misspelling[] = []
            view.state.doc.descendants((node, position) => {
              if (node.isText && node.text) misspellings.push(...findMisspellings(node.text, spell!, position))
            })
            const decorations = DecorationSet.create(
              view.state.doc,
              misspellings.map((item) => Decoration.inline(item.from, item.to, { class: 'misspelled' }))
            )
            view.dispatch(view.state.tr.setMeta(spellcheckKey, decorations).setMeta('addToHistory', false))
            options.onChange(misspellings)
          }
          // Checking waits for a pause in typing, so it never slows a keystroke.
          const schedule = (): void => {
            clearTimeout(timer)
            timer = setTimeout(check, 300)
          }
          // The dictionary is built when the page is idle, not while the document opens.
          const idle = window.requestIdleCallback ?? ((run: () => void) => window.setTimeout(run, 200))
          const load = (): void =>
            void loadSpeller().then((loaded) => {
              spell = loaded
              check()
            })
          idle(load, { timeout: 3000 })
          // British or American spelling chosen while the row is open: checked again at once.
          const unsubscribe = onSpellingVariant(load)
          return {
            update: (_view, previous) => {
              if (!previous.doc.eq(view.state.doc)) schedule()
            },
            destroy: () => {
              clearTimeout(timer)
              unsubscribe()
            }
          }
        }
      })
    ]
  }
})

import type { Editor } from '@tiptap/core'
import { useCallback, useState, type RefObject } from 'react'

export interface TermDraft {
  fa: string
  en: string
}

/**
 * "Add a term" from what is selected: words of a Persian sentence (the page's selection) and of
 * the English being edited (the editor keeps its selection while the Persian is selected), with
 * one shortcut. The Terms tab then shows the two, to check and add.
 */
export function useTermCapture(editorRef: RefObject<Editor | null>, openTab: () => void) {
  const [draft, setDraft] = useState<TermDraft | null>(null)
  const capture = useCallback(() => {
    const selection = window.getSelection()
    const anchor = selection?.anchorNode
    const inPersian = (anchor instanceof Element ? anchor : anchor?.parentElement)?.closest('.sentence[data-sentence-id]')
    const fa = inPersian ? (selection?.toString() ?? '').trim() : ''
    const editor = editorRef.current
    const en =
      editor && !editor.state.selection.empty ? editor.state.doc.textBetween(editor.state.selection.from, editor.state.selection.to, ' ').trim() : ''
    setDraft({ fa, en })
    openTab()
  }, [editorRef, openTab])
  return { draft, setDraft, capture }
}

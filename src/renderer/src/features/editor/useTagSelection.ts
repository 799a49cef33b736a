import type { Editor } from '@tiptap/core'
import { useCallback, type RefObject } from 'react'
import type { HamtaApi } from '../../../../shared/contract'
import { selectionInElement } from './tagging'
import type { DocumentSession } from './useDocumentSession'

/**
 * Tags what the user selected: words of a Persian sentence, or of the English being edited;
 * with nothing selected, the whole active row.
 */
export function useTagSelection(api: HamtaApi, documentId: string, session: DocumentSession, editorRef: RefObject<Editor | null>) {
  const { rowsRef, activeRef, rowEdit } = session
  return useCallback(
    (tagId: string) => {
      const selection = window.getSelection()
      const anchor = selection?.anchorNode
      const sentenceElement = (anchor instanceof Element ? anchor : anchor?.parentElement)?.closest('.sentence[data-sentence-id]')
      const rowElement = sentenceElement?.closest('.row[data-row-id]')
      const range = sentenceElement ? selectionInElement(sentenceElement, selection) : null
      if (sentenceElement && rowElement && range) {
        const rowId = rowElement.getAttribute('data-row-id')!
        const sentenceId = sentenceElement.getAttribute('data-sentence-id')!
        selection?.removeAllRanges()
        void rowEdit(() => api.addSourceSpan({ documentId, rowId, sentenceId, start: range.start, end: range.end, tagId }))
        return
      }
      const editor = editorRef.current
      if (editor && !editor.state.selection.empty) {
        const spanId = `t${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`
        editor.chain().focus().setMark('tag', { tag: tagId, spanId }).run()
        return
      }
      const row = rowsRef.current[activeRef.current]
      if (row) void rowEdit(() => api.toggleRowTag({ documentId, rowId: row.id, tagId }))
    },
    [api, documentId, rowEdit, editorRef, rowsRef, activeRef]
  )
}

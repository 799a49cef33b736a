import type { Editor } from '@tiptap/core'
import { closeHistory } from '@tiptap/pm/history'
import { useCallback, useRef, type RefObject } from 'react'
import { statusAfterEdit, type Row, type RowStatus, type SpanTag } from '../../../../core/model'
import { editorContentFor, textAndSpansOf, type EditorSpan } from './tagging'
import type { DocumentSession } from './useDocumentSession'

interface RowAtEntry {
  /** The editor's key: a new one means the editor was opened anew (another row, or reloaded). */
  key: string
  rowId: string
  text: string
  spans: readonly SpanTag[]
  status: RowStatus
}

const sameSpans = (a: readonly EditorSpan[], b: readonly SpanTag[]): boolean =>
  a.length === b.length && a.every((span, k) => span.tag === b[k].tag && span.start === b[k].start && span.end === b[k].end)

/**
 * Escape in the English editor: the row gets back the English and the status it had when the
 * translator came into it. The change is one step of the editor's own history, so Ctrl+Z brings
 * the typing back; false (the key left to others) when the editor is not focused or nothing changed.
 */
export function useRowRevert(
  editorRef: RefObject<Editor | null>,
  session: Pick<DocumentSession, 'rowsRef' | 'activeRef' | 'setStatus' | 'queue'>,
  activeRow: Row | undefined,
  editorKey: string,
  textAtEntry: string
): () => boolean {
  const entry = useRef<RowAtEntry | null>(null)
  if (activeRow && entry.current?.key !== editorKey) {
    entry.current = { key: editorKey, rowId: activeRow.id, text: textAtEntry, spans: activeRow.targetSpans, status: activeRow.status }
  }
  const { rowsRef, activeRef, setStatus, queue } = session
  return useCallback(() => {
    const editor = editorRef.current
    const start = entry.current
    if (!editor || editor.isDestroyed || !start || !editor.view.dom.contains(document.activeElement)) return false
    const index = activeRef.current
    const row = rowsRef.current[index]
    if (!row || row.id !== start.rowId) return false
    const now = textAndSpansOf(editor.getJSON())
    const sameText = now.text === start.text && sameSpans(now.spans, start.spans)
    if (sameText && row.status === start.status) return false
    // The status the row will have once the English is back, unless set again after it.
    const statusAfter = sameText ? row.status : statusAfterEdit(row, start.text)
    if (!sameText) {
      editor
        .chain()
        // Its own step of the editor's history, even straight after typing (which groups by time).
        .command(({ tr }) => {
          closeHistory(tr)
          return true
        })
        .setContent(editorContentFor(start.text, start.spans))
        .run()
    }
    if (statusAfter !== start.status) {
      // Once the English is saved back, and only if it is still what the editor holds: an undo
      // straight after (Ctrl+Z) brings the typing back, and its row stays a draft.
      void queue.flush().then(() => {
        if (editor.isDestroyed || rowsRef.current[index]?.id !== start.rowId) return
        const held = textAndSpansOf(editor.getJSON())
        if (held.text === start.text && sameSpans(held.spans, start.spans)) void setStatus(index, start.status)
      })
    }
    return true
  }, [editorRef, rowsRef, activeRef, queue, setStatus])
}

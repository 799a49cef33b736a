import { useMemo } from 'react'
import type { Row } from '../../../../core/model'
import type { HamtaApi } from '../../../../shared/contract'
import type { RowPanelActions } from './RowPanel'
import { caretInElement } from './tagging'
import type { DocumentSession } from './useDocumentSession'

/** What the Row tab can do to the active row: status, tags, links, comments, sentences. */
export function useRowActions(
  api: HamtaApi,
  documentId: string,
  session: DocumentSession,
  activeRow: Row | undefined,
  handlers: { openReject: () => void; setAuthorName: (name: string) => void }
): RowPanelActions | null {
  const { activeIndex, setStatus, rowEdit, runStructuralEdit, setNotice } = session
  const { openReject, setAuthorName } = handlers
  return useMemo(() => {
    if (!activeRow) return null
    const rowId = activeRow.id
    return {
      setStatus: (status) => void setStatus(activeIndex, status),
      reject: openReject,
      toggleRowTag: (tagId) => void rowEdit(() => api.toggleRowTag({ documentId, rowId, tagId })),
      removeSpan: (spanId) => void rowEdit(() => api.removeSpan({ documentId, rowId, spanId })),
      linkSpans: (sourceSpanId, targetSpanId) => void rowEdit(() => api.linkSpans({ documentId, rowId, sourceSpanId, targetSpanId })),
      unlinkSpan: (spanId) => void rowEdit(() => api.unlinkSpan({ documentId, rowId, spanId })),
      addComment: (text) => rowEdit(() => api.addComment({ documentId, rowId, text })),
      resolveComment: (commentId) => void rowEdit(() => api.resolveComment({ documentId, rowId, commentId })),
      reopenComment: (commentId) => void rowEdit(() => api.reopenComment({ documentId, rowId, commentId })),
      deleteComment: (commentId) => void rowEdit(() => api.deleteComment({ documentId, rowId, commentId })),
      setDoNotTranslate: (value) => void rowEdit(() => api.setDoNotTranslate({ documentId, rowId, doNotTranslate: value })),
      splitSentenceAtCaret: () => {
        const selection = window.getSelection()
        const anchor = selection?.anchorNode
        const sentenceElement = (anchor instanceof Element ? anchor : anchor?.parentElement)?.closest('.sentence[data-sentence-id]')
        const offset = sentenceElement ? caretInElement(sentenceElement, selection) : null
        const caretRowId = sentenceElement?.closest('.row[data-row-id]')?.getAttribute('data-row-id')
        if (!sentenceElement || offset === null || !caretRowId) return setNotice('First click in a Persian sentence where it should be split.')
        const sentenceId = sentenceElement.getAttribute('data-sentence-id')!
        void runStructuralEdit(() => api.splitSentence({ documentId, rowId: caretRowId, sentenceId, offset }))
      },
      mergeSentenceWithNext: (sentenceId) => void runStructuralEdit(() => api.mergeSentence({ documentId, rowId, sentenceId })),
      setAuthorName,
      resolveConflict: (conflictId, choice) => void runStructuralEdit(() => api.resolveConflict({ documentId, rowId, conflictId, choice }))
    }
  }, [activeRow, activeIndex, api, documentId, openReject, rowEdit, runStructuralEdit, setAuthorName, setNotice, setStatus])
}

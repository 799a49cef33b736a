import { useCallback } from 'react'
import type { AlignmentEdit } from '../../../../core/align/document-alignment'
import type { Row } from '../../../../core/model'
import type { HamtaApi } from '../../../../shared/contract'
import type { DocumentSession } from './useDocumentSession'

/** The reviewer's edits of the pairing: each acts on the active row and can be undone. */
export function useAlignmentEdits(api: HamtaApi, documentId: string, session: DocumentSession) {
  const { rowsRef, activeRef, runStructuralEdit } = session

  const editActive = useCallback(
    (build: (row: Row) => AlignmentEdit) => {
      const row = rowsRef.current[activeRef.current]
      if (row) void runStructuralEdit(() => api.editAlignment({ documentId, edit: build(row) }))
    },
    [api, documentId, rowsRef, activeRef, runStructuralEdit]
  )

  /** Confirms the active pairing and goes on to the next one nobody confirmed. */
  const confirmAndNext = useCallback(() => {
    const start = activeRef.current
    const row = rowsRef.current[start]
    if (!row) return
    const nextUnconfirmed = rowsRef.current.findIndex((candidate, index) => index > start && candidate.alignment?.status !== 'confirmed')
    const focus = nextUnconfirmed >= 0 ? rowsRef.current[nextUnconfirmed].id : row.id
    void runStructuralEdit(() => api.editAlignment({ documentId, edit: { kind: 'setAlignmentStatus', rowId: row.id, status: 'confirmed' } }), focus)
  }, [api, documentId, rowsRef, activeRef, runStructuralEdit])

  return { editActive, confirmAndNext }
}

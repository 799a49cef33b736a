import { useEffect, useRef } from 'react'
import type { HamtaApi } from '../../../../shared/contract'
import type { DocumentSession } from '../editor/useDocumentSession'
import { useTeamStatus } from './useTeamStatus'

/**
 * The sync state for the editor's header, and the open document reloaded when a sync changed it
 * (its number in `revisions` grows): what is typed is saved first, so the reload includes it.
 */
export function useTeamInEditor(api: HamtaApi, documentId: string, session: DocumentSession, onError: (message: string) => void) {
  const team = useTeamStatus(api)
  const revision = team.status ? (team.status.revisions[documentId] ?? 0) : null
  const seen = useRef<number | null>(null)
  const { queue, receiveDocument } = session
  useEffect(() => {
    if (revision === null) return
    if (seen.current === null || revision === seen.current) {
      seen.current = revision
      return
    }
    seen.current = revision
    void (async () => {
      try {
        await queue.flush()
        receiveDocument(await api.getDocument({ documentId }))
      } catch (error) {
        onError(error instanceof Error ? error.message : String(error))
      }
    })()
  }, [revision, api, documentId, queue, receiveDocument, onError])
  return team
}

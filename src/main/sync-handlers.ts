import type { HamtaApi } from '../shared/contract'
import type { LibraryService } from './services/library'
import { TeamService } from './sync/team-service'

type TeamMethods = 'teamStatus' | 'teamShare' | 'teamJoin' | 'teamSyncNow' | 'teamUnshare' | 'rowHistory' | 'restoreRowVersion' | 'resolveConflict'

/** The team library's part of the API (see TeamService); without a service, one that syncs only on demand. */
export function createSyncHandlers(library: LibraryService, team: TeamService = new TeamService({ library })): Pick<HamtaApi, TeamMethods> {
  return {
    teamStatus: async () => team.status(),
    teamShare: async (input) => team.share(input),
    teamJoin: async (input) => team.join(input),
    teamSyncNow: async () => team.syncNow(),
    teamUnshare: async () => team.unshare(),
    rowHistory: async ({ documentId, rowId }) => team.history(documentId, rowId),
    restoreRowVersion: async ({ documentId, rowId, commit }) => team.restore(documentId, rowId, commit),
    resolveConflict: async ({ documentId, rowId, conflictId, choice }) => team.resolve(documentId, rowId, conflictId, choice)
  }
}

/**
 * The team library's part of the API: sharing, joining, syncing, a row's history and conflicts.
 * Spread into the contract's schemas and results (contract.ts).
 */
import { z } from 'zod'
import type { Row } from '../core/model'
import type { DocumentEditState } from './contract'

const id = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9_.-]+$/, 'must be letters, digits, dot, dash or underscore')

/** Where the team library lives and how to sign in; the secret is kept outside the library. */
const remote = z
  .object({
    /** An https:// (or http://) address, or a folder (a shared drive) given as a path or file:// URL. */
    url: z.string().trim().min(1).max(2000),
    username: z.string().max(200).optional(),
    /** A password or an access token. */
    password: z.string().max(2000).optional(),
    /** Keep the credentials on this computer (the OS keychain) instead of for this session only. */
    remember: z.boolean().optional()
  })
  .strict()

export const teamInputSchemas = {
  teamStatus: z.object({}).strict(),
  teamShare: remote,
  teamJoin: remote,
  teamSyncNow: z.object({}).strict(),
  teamUnshare: z.object({}).strict(),
  rowHistory: z.object({ documentId: id, rowId: id }).strict(),
  restoreRowVersion: z.object({ documentId: id, rowId: id, commit: z.string().regex(/^[0-9a-f]{40}$/, 'must be a commit id') }).strict(),
  resolveConflict: z.object({ documentId: id, rowId: id, conflictId: id, choice: z.enum(['ours', 'theirs']) }).strict()
}

export type TeamSyncState = 'unshared' | 'synced' | 'ahead' | 'behind' | 'offline' | 'conflict' | 'error'

export interface TeamStatusInfo {
  state: TeamSyncState
  /** The team library's address (without any password). */
  remote?: string
  syncing: boolean
  lastSyncAt?: string
  /** Why the last sync did not finish, in words. */
  message?: string
  openConflicts: number
  /** Where the credentials are kept: the OS keychain, this session's memory, the environment, or none given. */
  credentials: 'keychain' | 'session' | 'environment' | 'none'
  /** Per document, how many syncs changed it here: an open document reloads when its number grows. */
  revisions: Record<string, number>
}

/** What a sync did, with the state after it. */
export interface TeamSyncReport {
  pulled: number
  pushed: number
  conflicts: number
  status: TeamStatusInfo
}

/** One version of a row in the team library's history. */
export interface RowVersionInfo {
  commit: string
  author: string
  at: string
  target: string
  status: Row['status']
  tags: string[]
  /** What this version changed compared with the one before it ('created' for the first). */
  changed: string[]
}

export interface TeamApiResults {
  teamStatus: TeamStatusInfo
  teamShare: TeamSyncReport
  teamJoin: TeamSyncReport
  teamSyncNow: TeamSyncReport
  teamUnshare: TeamStatusInfo
  /** `shared` is false when the library has no history yet (not shared with a team). */
  rowHistory: { shared: boolean; versions: RowVersionInfo[] }
  restoreRowVersion: DocumentEditState
  resolveConflict: DocumentEditState
}

import { UserError } from '../../core/errors'

/** Turns a failed write into a message a translator can act on; their edits stay in memory. */
export function describeWriteError(error: unknown, path: string, { kept: retried = true } = {}): UserError {
  const code = (error as NodeJS.ErrnoException)?.code
  // Only promise a retry where the store really retries; a failed import is simply not stored.
  const kept = retried ? 'Your changes are kept in memory and Hamta keeps trying to save them.' : 'Nothing was stored.'
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return new UserError(`The disk is full: Hamta could not save ${path}. Free some space. ${kept}`, 'disk-full')
    case 'EROFS':
      return new UserError(`The library folder is read-only: Hamta could not save ${path}. ${kept}`, 'read-only')
    case 'EACCES':
    case 'EPERM':
      return new UserError(`Permission denied: Hamta may not write ${path}. ${kept}`, 'permission-denied')
    default:
      return new UserError(`Hamta could not save ${path} (${(error as Error)?.message ?? String(error)}). ${kept}`, 'write-failed')
  }
}

/**
 * Credentials for the team library. They never enter the library or its history: the desktop app
 * keeps them in the OS keychain (Electron's safeStorage), the command line reads them from the
 * environment.
 */
import type { GitAuth } from 'isomorphic-git'
import type { Credentials } from './repository'

/** HAMTA_GIT_TOKEN (with HAMTA_GIT_USERNAME if the host wants one), or HAMTA_GIT_USERNAME and HAMTA_GIT_PASSWORD. */
export function credentialsFromEnv(env: Record<string, string | undefined>): Credentials {
  return () => {
    const token = env.HAMTA_GIT_TOKEN?.trim()
    const username = env.HAMTA_GIT_USERNAME?.trim()
    // Hosts take a token as the password; the user name is then any non-empty word.
    if (token) return { username: username || 'x-access-token', password: token } satisfies GitAuth
    if (username) return { username, password: env.HAMTA_GIT_PASSWORD ?? '' } satisfies GitAuth
    return undefined
  }
}

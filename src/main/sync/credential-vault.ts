/**
 * Where the app keeps the team library's user name and password (or token): never in the library
 * or its history. The desktop app encrypts them with the OS keychain (Electron's safeStorage) in a
 * file of its own data folder; browser mode keeps them in memory for the session. Either falls
 * back to the command line's environment variables.
 */
import { mkdir, open, readFile, rename } from 'node:fs/promises'
import { dirname } from 'node:path'
import type { GitAuth } from 'isomorphic-git'

export interface CredentialVault {
  /** 'keychain' when saved credentials outlive the process, 'session' when they do not. */
  readonly kind: 'keychain' | 'session'
  get(url: string): Promise<GitAuth | undefined>
  set(url: string, auth: GitAuth, remember: boolean): Promise<void>
}

/** Credentials for this process only (browser mode, or a desktop without a keychain). */
export class SessionVault implements CredentialVault {
  readonly kind = 'session' as const
  private readonly entries = new Map<string, GitAuth>()

  async get(url: string): Promise<GitAuth | undefined> {
    return this.entries.get(url)
  }

  async set(url: string, auth: GitAuth): Promise<void> {
    this.entries.set(url, auth)
  }
}

/** What Electron's safeStorage offers (passed in, so this file needs no Electron). */
export interface Encryption {
  isEncryptionAvailable(): boolean
  encryptString(text: string): Buffer
  decryptString(data: Buffer): string
}

/**
 * Credentials encrypted by the OS keychain, one file in the app's data folder (outside the
 * library). Without a keychain (some Linux desktops) nothing is written: the session keeps them.
 */
export class KeychainVault implements CredentialVault {
  private readonly session = new SessionVault()

  constructor(
    private readonly file: string,
    private readonly encryption: Encryption
  ) {}

  get kind(): 'keychain' | 'session' {
    return this.encryption.isEncryptionAvailable() ? 'keychain' : 'session'
  }

  private async readAll(): Promise<Record<string, string>> {
    try {
      const parsed = JSON.parse(await readFile(this.file, 'utf8')) as { entries?: Record<string, string> }
      return parsed.entries ?? {}
    } catch {
      return {}
    }
  }

  async get(url: string): Promise<GitAuth | undefined> {
    const inSession = await this.session.get(url)
    if (inSession || this.kind !== 'keychain') return inSession
    const sealed = (await this.readAll())[url]
    if (!sealed) return undefined
    try {
      return JSON.parse(this.encryption.decryptString(Buffer.from(sealed, 'base64'))) as GitAuth
    } catch {
      // Sealed by another user or keychain: asked for again.
      return undefined
    }
  }

  async set(url: string, auth: GitAuth, remember: boolean): Promise<void> {
    await this.session.set(url, auth)
    if (!remember || this.kind !== 'keychain') return
    const entries = await this.readAll()
    entries[url] = this.encryption.encryptString(JSON.stringify({ username: auth.username, password: auth.password })).toString('base64')
    await mkdir(dirname(this.file), { recursive: true })
    const temporary = `${this.file}.${process.pid}.tmp`
    const handle = await open(temporary, 'w', 0o600)
    try {
      await handle.writeFile(JSON.stringify({ entries }))
      await handle.sync()
    } finally {
      await handle.close()
    }
    await rename(temporary, this.file)
  }
}

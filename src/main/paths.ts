import { homedir } from 'node:os'
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** Where Electron keeps app data on each system (its `userData`), for processes without Electron. */
export function defaultUserDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Hamta')
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Hamta')
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'Hamta')
}

/** The library folder: HAMTA_LIBRARY if set, else `library` under the app's data folder. */
export function resolveLibraryDir(userDataDir: string, env: NodeJS.ProcessEnv = process.env): string {
  return env.HAMTA_LIBRARY && env.HAMTA_LIBRARY.trim() ? env.HAMTA_LIBRARY : join(userDataDir, 'library')
}

let cachedRoot: string | undefined

/**
 * The folder holding package.json and resources/: found by walking up from this module, which
 * may be a source file, a built entry or a built chunk.
 */
export function appRoot(): string {
  if (cachedRoot) return cachedRoot
  let folder = dirname(fileURLToPath(import.meta.url))
  while (!(existsSync(join(folder, 'package.json')) && existsSync(join(folder, 'resources')))) {
    const parent = dirname(folder)
    if (parent === folder) throw new Error('Hamta cannot find its resources folder.')
    folder = parent
  }
  cachedRoot = folder
  return folder
}

export function projectPath(...parts: string[]): string {
  return join(appRoot(), ...parts)
}

export const samplesDir = (): string => projectPath('resources', 'samples')
export const rendererDir = (): string => projectPath('out', 'renderer')
export const importWorkerPath = (): string => projectPath('out', 'main', 'import-worker.js')

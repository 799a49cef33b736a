import { readFile } from 'node:fs/promises'
import { parseArgs, type ParseArgsConfig } from 'node:util'
import { UserError } from '../core/errors'
import { defaultUserDataDir, resolveLibraryDir } from '../main/paths'

/** Reads a file named on the command line, turning every way it can fail into a one-line UserError. */
export async function readInputBytes(path: string): Promise<Uint8Array> {
  try {
    return await readFile(path)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') throw new UserError(`${path}: no such file.`, 'not-found')
    if (code === 'EISDIR') throw new UserError(`${path} is a folder, not a file.`, 'not-file')
    throw new UserError(`${path} cannot be read (${code ?? 'unknown error'}).`, 'unreadable')
  }
}

/** Node's own argument parser, with its errors turned into one-line usage messages. */
export function parseCommandArgs<T extends ParseArgsConfig['options']>(command: string, args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true })
  } catch (error) {
    throw new UserError(`${(error as Error).message.split('\n')[0]} Run 'hamta ${command} --help'.`, 'usage')
  }
}

/** --library DIR, else HAMTA_LIBRARY, else the desktop app's own library. */
export function libraryDirFrom(option: string | undefined, env: Record<string, string | undefined>): string {
  return option && option.trim() ? option : resolveLibraryDir(defaultUserDataDir(env as NodeJS.ProcessEnv), env as NodeJS.ProcessEnv)
}

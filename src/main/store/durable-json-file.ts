import { open, readFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import type { Adapter } from 'lowdb'
import writeFileAtomic from 'write-file-atomic'

/**
 * A lowdb adapter that survives power loss: each write goes to a temporary file that is fsynced
 * and renamed over the old one, then the folder is fsynced so the rename itself is durable.
 * (lowdb's own JSONFile renames without fsync.)
 */
export class DurableJsonFile<T> implements Adapter<T> {
  constructor(readonly path: string) {}

  async read(): Promise<T | null> {
    let text: string
    try {
      text = await readFile(this.path, 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
      throw error
    }
    return JSON.parse(text) as T
  }

  async write(data: T): Promise<void> {
    await writeFileAtomic(this.path, JSON.stringify(data), { fsync: true })
    await fsyncFolder(dirname(this.path))
  }
}

async function fsyncFolder(folder: string): Promise<void> {
  // Windows cannot open folders for fsync; there the rename is already durable enough.
  if (process.platform === 'win32') return
  const handle = await open(folder, 'r')
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}

import { open, readFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import type { Adapter } from 'lowdb'
import writeFileAtomic from 'write-file-atomic'

/** How a file reaches the disk; tests swap in one that fails like a full or read-only disk. */
export type DurableWrite = (path: string, content: string | Uint8Array) => Promise<void>

/**
 * Writes a temporary file, fsyncs it, renames it over the old one, then fsyncs the folder so the
 * rename itself survives power loss. A failed write leaves the old file as it was.
 */
export const writeDurably: DurableWrite = async (path, content) => {
  await writeFileAtomic(path, typeof content === 'string' ? content : Buffer.from(content.buffer, content.byteOffset, content.byteLength), {
    fsync: true
  })
  await fsyncFolder(dirname(path))
}

export async function fsyncFolder(folder: string): Promise<void> {
  // Windows cannot open folders for fsync; there the rename is already durable enough.
  if (process.platform === 'win32') return
  const handle = await open(folder, 'r')
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}

/** A lowdb adapter over durable writes (lowdb's own JSONFile renames without fsync). */
export class DurableJsonFile<T> implements Adapter<T> {
  constructor(
    readonly path: string,
    private readonly write_: DurableWrite = writeDurably
  ) {}

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
    await this.write_(this.path, JSON.stringify(data))
  }
}

import { copyFile, mkdir, readdir, rm, stat } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { fsyncFolder } from './durable-json-file'

export interface BackupPolicy {
  /** A new backup is taken before a save only if the newest one is at least this old. */
  minIntervalMs: number
  /** The newest backups kept regardless of age. */
  keepRecent: number
  /** Besides those, the newest backup of each of this many recent days. */
  keepDays: number
}

export const DEFAULT_BACKUP_POLICY: BackupPolicy = { minIntervalMs: 60_000, keepRecent: 10, keepDays: 14 }

/** Backup file names sort by time: 2026-01-02T03-04-05-678Z.json */
function backupName(now: Date): string {
  return `${now.toISOString().replace(/:/g, '-').replace('.', '-')}.json`
}

function timeOfBackup(name: string): number {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z(?:-\d+)?\.json$/.exec(name)
  return match ? Date.parse(`${match[1]}T${match[2]}:${match[3]}:${match[4]}.${match[5]}Z`) : Number.NaN
}

/** Rotating copies of each document file: the last few saves plus one per day, bounded. */
export class DocumentBackups {
  constructor(
    private readonly backupsDir: string,
    private readonly policy: BackupPolicy = DEFAULT_BACKUP_POLICY
  ) {}

  folder(documentId: string): string {
    return join(this.backupsDir, documentId)
  }

  /** Newest first. */
  async list(documentId: string): Promise<string[]> {
    let names: string[]
    try {
      names = await readdir(this.folder(documentId))
    } catch {
      return []
    }
    return names
      .filter((name) => !Number.isNaN(timeOfBackup(name)))
      .sort()
      .reverse()
      .map((name) => join(this.folder(documentId), name))
  }

  /** Copies the current file aside before it is replaced, unless a recent copy exists. */
  async beforeWrite(documentId: string, currentFile: string, now = new Date()): Promise<void> {
    try {
      await stat(currentFile)
    } catch {
      return
    }
    const existing = await this.list(documentId)
    const newest = existing[0] ? timeOfBackup(basename(existing[0])) : Number.NaN
    if (!Number.isNaN(newest) && now.getTime() - newest < this.policy.minIntervalMs) return
    await mkdir(this.folder(documentId), { recursive: true })
    await copyFile(currentFile, join(this.folder(documentId), backupName(now)))
    await fsyncFolder(this.folder(documentId))
    await this.prune(documentId)
  }

  async prune(documentId: string): Promise<void> {
    const all = await this.list(documentId)
    const keep = new Set(all.slice(0, this.policy.keepRecent))
    const days = new Set<string>()
    for (const path of all) {
      const day = new Date(timeOfBackup(basename(path))).toISOString().slice(0, 10)
      if (days.has(day)) continue
      days.add(day)
      if (days.size <= this.policy.keepDays) keep.add(path)
    }
    await Promise.all(all.filter((path) => !keep.has(path)).map((path) => rm(path, { force: true })))
  }
}

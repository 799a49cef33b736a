/**
 * When the app syncs by itself: a little after saves stop (debounced), every few minutes, and at
 * once when asked. Syncs never overlap and never block an edit; after a failure (offline, say)
 * the next try waits longer, up to the regular interval.
 */
export interface SchedulerOptions {
  sync: () => Promise<unknown>
  /** Quiet time after the last save before syncing. */
  afterSaveMs?: number
  /** Regular sync, to receive the team's work when nothing changes here. */
  everyMs?: number
  onError?: (error: unknown) => void
}

export class SyncScheduler {
  private saveTimer: NodeJS.Timeout | undefined
  private intervalTimer: NodeJS.Timeout | undefined
  private running: Promise<void> | null = null
  private again = false
  private failures = 0
  private stopped = false

  constructor(private readonly options: SchedulerOptions) {}

  private get afterSaveMs(): number {
    return this.options.afterSaveMs ?? 5_000
  }

  private get everyMs(): number {
    return this.options.everyMs ?? 3 * 60_000
  }

  start(): void {
    this.stopped = false
    this.scheduleRegular(this.everyMs)
  }

  stop(): void {
    this.stopped = true
    clearTimeout(this.saveTimer)
    clearTimeout(this.intervalTimer)
  }

  /** A document was saved: sync once saving has been quiet for a moment. */
  saved(): void {
    if (this.stopped) return
    clearTimeout(this.saveTimer)
    this.saveTimer = setTimeout(() => void this.now(), this.afterSaveMs)
    this.saveTimer.unref?.()
  }

  /** Syncs now (or right after the sync that is running). */
  now(): Promise<void> {
    if (this.running) {
      this.again = true
      return this.running
    }
    const run = (async () => {
      try {
        await this.options.sync()
        this.failures = 0
      } catch (error) {
        this.failures += 1
        this.options.onError?.(error)
      } finally {
        this.running = null
      }
      if (this.again && !this.stopped) {
        this.again = false
        await this.now()
      }
    })()
    this.running = run
    // Failing syncs back off (30 s, 1 min, 2 min …) but never wait past the regular interval.
    this.scheduleRegular(this.failures > 0 ? Math.min(this.everyMs, 15_000 * 2 ** this.failures) : this.everyMs)
    return run
  }

  private scheduleRegular(delay: number): void {
    if (this.stopped) return
    clearTimeout(this.intervalTimer)
    this.intervalTimer = setTimeout(() => void this.now(), delay)
    this.intervalTimer.unref?.()
  }
}

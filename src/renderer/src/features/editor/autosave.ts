export type SaveState = 'saved' | 'pending' | 'saving' | 'error'

export interface AutosaveOptions<V> {
  save: (key: string, value: V) => Promise<void>
  /** How long typing may pause before a save starts. */
  delayMs?: number
  /** First wait before retrying a failed save; doubles up to maxRetryMs. */
  retryMs?: number
  maxRetryMs?: number
  onStateChange?: (state: SaveState, error?: unknown) => void
  setTimer?: (callback: () => void, ms: number) => unknown
  clearTimer?: (handle: unknown) => void
}

/**
 * Debounced, ordered saving of edits keyed by row. The newest value of each key is kept until
 * the store has confirmed it; failed saves are retried, so an edit is never dropped.
 */
export class AutosaveQueue<V> {
  private readonly waiting = new Map<string, V>()
  private inFlight: Promise<void> | null = null
  private timer: unknown = null
  private retryDelay: number
  private state: SaveState = 'saved'
  private readonly setTimer: (callback: () => void, ms: number) => unknown
  private readonly clearTimer: (handle: unknown) => void

  constructor(private readonly options: AutosaveOptions<V>) {
    this.retryDelay = options.retryMs ?? 1000
    this.setTimer = options.setTimer ?? ((callback, ms) => setTimeout(callback, ms))
    this.clearTimer = options.clearTimer ?? ((handle) => clearTimeout(handle as ReturnType<typeof setTimeout>))
  }

  get saveState(): SaveState {
    return this.state
  }

  get hasUnsaved(): boolean {
    return this.waiting.size > 0 || this.inFlight !== null
  }

  /** The value waiting to be saved for a key, so a re-opened row shows the latest text. */
  unsavedValue(key: string): V | undefined {
    return this.waiting.get(key)
  }

  schedule(key: string, value: V): void {
    this.waiting.set(key, value)
    if (this.state !== 'error') this.setState('pending')
    this.restartTimer(this.options.delayMs ?? 500)
  }

  /** Saves everything now; resolves when the store has every value or a save failed. */
  async flush(): Promise<void> {
    this.cancelTimer()
    while (this.inFlight || this.waiting.size > 0) {
      if (this.inFlight) {
        await this.inFlight
        continue
      }
      const ok = await this.runOnce()
      if (!ok) return
    }
  }

  private restartTimer(ms: number): void {
    this.cancelTimer()
    this.timer = this.setTimer(() => {
      this.timer = null
      void this.flush()
    }, ms)
  }

  private cancelTimer(): void {
    if (this.timer !== null) this.clearTimer(this.timer)
    this.timer = null
  }

  private async runOnce(): Promise<boolean> {
    const batch = [...this.waiting.entries()]
    this.waiting.clear()
    this.setState('saving')
    let failure: unknown = null
    this.inFlight = (async () => {
      for (let i = 0; i < batch.length; i++) {
        const [key, value] = batch[i]
        try {
          await this.options.save(key, value)
        } catch (error) {
          failure = error
          // Put back what was not saved, unless a newer edit of that key already arrived.
          for (const [laterKey, laterValue] of batch.slice(i)) {
            if (!this.waiting.has(laterKey)) this.waiting.set(laterKey, laterValue)
          }
          return
        }
      }
    })()
    await this.inFlight
    this.inFlight = null
    if (failure !== null) {
      this.setState('error', failure)
      const delay = this.retryDelay
      this.retryDelay = Math.min(this.retryDelay * 2, this.options.maxRetryMs ?? 30_000)
      this.restartTimer(delay)
      return false
    }
    this.retryDelay = this.options.retryMs ?? 1000
    this.setState(this.waiting.size > 0 ? 'pending' : 'saved')
    return true
  }

  private setState(state: SaveState, error?: unknown): void {
    if (state === this.state && state !== 'error') return
    this.state = state
    this.options.onStateChange?.(state, error)
  }
}

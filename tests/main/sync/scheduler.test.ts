import { afterEach, describe, expect, it, vi } from 'vitest'
import { SyncScheduler } from '../../../src/main/sync/scheduler'

afterEach(() => vi.useRealTimers())

describe('SyncScheduler', () => {
  it('syncs once saves go quiet, every few minutes, and never twice at once', async () => {
    vi.useFakeTimers()
    let calls = 0
    let release: () => void = () => undefined
    const sync = () => {
      calls++
      return new Promise<void>((resolve) => (release = resolve))
    }
    const scheduler = new SyncScheduler({ sync, afterSaveMs: 1000, everyMs: 60_000 })
    scheduler.start()
    scheduler.saved()
    await vi.advanceTimersByTimeAsync(500)
    scheduler.saved()
    await vi.advanceTimersByTimeAsync(900)
    expect(calls).toBe(0)
    await vi.advanceTimersByTimeAsync(200)
    expect(calls).toBe(1)
    // Asked again while running: one more sync after this one, not two at once.
    void scheduler.now()
    void scheduler.now()
    expect(calls).toBe(1)
    release()
    await vi.advanceTimersByTimeAsync(0)
    expect(calls).toBe(2)
    release()
    await vi.advanceTimersByTimeAsync(60_000)
    expect(calls).toBe(3)
    release()
    scheduler.stop()
  })
})

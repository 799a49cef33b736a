import { describe, expect, it, vi } from 'vitest'
import { AutosaveQueue, type SaveState } from '../../src/renderer/src/features/editor/autosave'

function setup(save: (key: string, value: string) => Promise<void>) {
  const states: SaveState[] = []
  const queue = new AutosaveQueue<string>({ save, delayMs: 400, retryMs: 100, onStateChange: (state) => states.push(state) })
  return { queue, states }
}

describe('AutosaveQueue', () => {
  it('saves only the newest value of a row once typing pauses', async () => {
    vi.useFakeTimers()
    try {
      const saved: Array<[string, string]> = []
      const { queue, states } = setup(async (key, value) => void saved.push([key, value]))
      queue.schedule('r1', 'H')
      queue.schedule('r1', 'He')
      await vi.advanceTimersByTimeAsync(300)
      queue.schedule('r1', 'Hello')
      await vi.advanceTimersByTimeAsync(399)
      expect(saved).toEqual([])
      await vi.advanceTimersByTimeAsync(1)
      expect(saved).toEqual([['r1', 'Hello']])
      expect(states).toEqual(['pending', 'saving', 'saved'])
      expect(queue.hasUnsaved).toBe(false)
    } finally {
      vi.useRealTimers()
    }
  })

  it('flush saves every row at once, in order', async () => {
    const saved: string[] = []
    const { queue } = setup(async (key, value) => void saved.push(`${key}=${value}`))
    queue.schedule('r1', 'one')
    queue.schedule('r2', 'two')
    await queue.flush()
    expect(saved).toEqual(['r1=one', 'r2=two'])
  })

  it('keeps failed edits and retries them until the store accepts them', async () => {
    vi.useFakeTimers()
    try {
      let failuresLeft = 2
      const saved: string[] = []
      const { queue, states } = setup(async (key, value) => {
        if (failuresLeft-- > 0) throw new Error('disk full')
        saved.push(`${key}=${value}`)
      })
      queue.schedule('r1', 'kept')
      await queue.flush()
      expect(queue.saveState).toBe('error')
      expect(queue.unsavedValue('r1')).toBe('kept')
      await vi.advanceTimersByTimeAsync(100)
      expect(saved).toEqual([])
      await vi.advanceTimersByTimeAsync(200)
      expect(saved).toEqual(['r1=kept'])
      expect(states.at(-1)).toBe('saved')
    } finally {
      vi.useRealTimers()
    }
  })

  it('does not overwrite a newer edit with an older failed one', async () => {
    let fail = true
    const saved: string[] = []
    const queue = new AutosaveQueue<string>({
      retryMs: 1_000_000,
      save: async (_key, value) => {
        if (fail) {
          fail = false
          queue.schedule('r1', 'newer')
          throw new Error('offline')
        }
        saved.push(value)
      }
    })
    queue.schedule('r1', 'older')
    await queue.flush()
    expect(queue.unsavedValue('r1')).toBe('newer')
    await queue.flush()
    expect(saved).toEqual(['newer'])
  })
})

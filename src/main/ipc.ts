import { isUserError } from '../core/errors'
import { parseInput, type HamtaApi } from '../shared/contract'
import { API_METHODS, apiChannel } from '../shared/methods'

/** The parts of Electron's ipcMain and its event that the adapter needs: tests pass fakes. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => unknown): void
  removeHandler(channel: string): void
}
export interface IpcEventLike {
  senderFrame: { url: string } | null
}

/** What crosses IPC: Electron strips custom error fields, so results and errors are wrapped. */
export type IpcReply = { ok: true; result: unknown } | { ok: false; error: { code: string; message: string } }

/** Tracks calls in flight so the app can finish writes before it quits. */
export class PendingWork {
  private readonly pending = new Set<Promise<unknown>>()
  track<T>(work: Promise<T>): Promise<T> {
    this.pending.add(work)
    void work.finally(() => this.pending.delete(work)).catch(() => undefined)
    return work
  }
  get size(): number {
    return this.pending.size
  }
  async settle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending])
  }
}

/**
 * Serves every contract method on `api:<method>`. Calls from any frame other than Hamta's own
 * page are refused, and every input is validated before a handler sees it.
 */
export function registerApi(
  ipcMain: IpcMainLike,
  handlers: HamtaApi,
  isTrustedSender: (url: string) => boolean,
  pending = new PendingWork()
): () => void {
  for (const method of API_METHODS) {
    ipcMain.handle(apiChannel(method), async (event, input): Promise<IpcReply> => {
      if (!event.senderFrame || !isTrustedSender(event.senderFrame.url)) {
        return { ok: false, error: { code: 'forbidden-sender', message: 'This window may not call Hamta.' } }
      }
      try {
        const parsed = parseInput(method, input)
        const result = await pending.track((handlers[method] as (input: unknown) => Promise<unknown>)(parsed))
        return { ok: true, result }
      } catch (error) {
        if (isUserError(error)) return { ok: false, error: { code: (error as { code?: string }).code ?? 'invalid-input', message: error.message } }
        console.error(error)
        return { ok: false, error: { code: 'internal', message: 'Something went wrong inside Hamta; the error was logged.' } }
      }
    })
  }
  return () => API_METHODS.forEach((method) => ipcMain.removeHandler(apiChannel(method)))
}

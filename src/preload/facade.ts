import type { HamtaApi } from '../shared/contract'
import { API_METHODS, apiChannel } from '../shared/methods'

type Invoke = (channel: string, input: unknown) => Promise<unknown>

interface IpcReplyShape {
  ok: boolean
  result?: unknown
  error?: { code: string; message: string }
}

/** Error thrown in the page when a call fails; `code` tells kinds apart. */
export class HamtaApiError extends Error {
  constructor(
    readonly code: string,
    message: string
  ) {
    super(message)
    this.name = 'HamtaApiError'
  }
}

/** One named method per contract method; the page never sees channel names or ipcRenderer. */
export function buildApiFacade(invoke: Invoke): HamtaApi {
  const facade: Record<string, (input: unknown) => Promise<unknown>> = {}
  for (const method of API_METHODS) {
    facade[method] = async (input: unknown) => {
      const reply = (await invoke(apiChannel(method), input ?? {})) as IpcReplyShape
      if (!reply.ok) throw new HamtaApiError(reply.error?.code ?? 'internal', reply.error?.message ?? 'Unknown error')
      return reply.result
    }
  }
  return facade as unknown as HamtaApi
}

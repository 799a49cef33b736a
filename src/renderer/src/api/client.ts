import type { ApiErrorBody, ApiMethod, HamtaApi } from '../../../shared/contract'
import { API_METHODS } from '../../../shared/methods'

/** Error from a failed call, in either transport; `code` tells kinds apart. */
export class ApiCallError extends Error {
  constructor(
    readonly code: string,
    message: string
  ) {
    super(message)
    this.name = 'ApiCallError'
  }
}

const TOKEN_KEY = 'hamta-session-token'

/** Browser mode's session token: from the URL Hamta printed (#token=…), kept for reloads. */
export function sessionToken(location: Location = window.location, storage: Storage = window.sessionStorage): string | null {
  const fromUrl = new URLSearchParams(location.hash.replace(/^#/, '')).get('token')
  if (fromUrl) {
    storage.setItem(TOKEN_KEY, fromUrl)
    return fromUrl
  }
  return storage.getItem(TOKEN_KEY)
}

type Fetch = typeof fetch

/** The contract over HTTP, for browser mode. `keepalive` lets saves finish while a page unloads. */
export function createHttpApi(token: string, fetchImpl: Fetch = (...args) => fetch(...args), baseUrl = ''): HamtaApi {
  const api: Record<string, (input: unknown) => Promise<unknown>> = {}
  for (const method of API_METHODS) {
    api[method] = async (input: unknown) => {
      const body = JSON.stringify(input ?? {})
      let response: Response
      try {
        response = await fetchImpl(`${baseUrl}/api/${method}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-hamta-token': token },
          body,
          keepalive: body.length < 60_000
        })
      } catch {
        throw new ApiCallError('offline', 'Hamta’s browser-mode server is not answering. Is `npm run web` still running?')
      }
      const payload = (await response.json().catch(() => null)) as ({ result: unknown } & Partial<ApiErrorBody>) | null
      if (!response.ok || !payload || payload.error) {
        throw new ApiCallError(payload?.error?.code ?? `http-${response.status}`, payload?.error?.message ?? `Request failed (${response.status}).`)
      }
      return payload.result
    }
  }
  return api as unknown as HamtaApi
}

export type { ApiMethod, HamtaApi }

/** The API for this page: IPC through the preload in the desktop app, HTTP in browser mode. */
export function createApi(): HamtaApi {
  if (window.hamta) return window.hamta.api
  const token = sessionToken()
  if (!token) {
    throw new ApiCallError('no-token', 'Open Hamta with the address printed by `npm run web` (it ends in #token=…).')
  }
  return createHttpApi(token)
}

import { timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import sirv from 'sirv'
import { isUserError } from '../core/errors'
import { isApiMethod, parseInput, type ApiErrorBody, type HamtaApi } from '../shared/contract'
import { CONTENT_SECURITY_POLICY } from '../shared/security'

export interface WebServerOptions {
  handlers: HamtaApi
  token: string
  /** Folder of the built renderer; omitted in tests that only exercise the API. */
  rendererDir?: string
  maxBodyBytes?: number
}

export const TOKEN_HEADER = 'x-hamta-token'

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store'
  })
  response.end(text)
}

function sendError(response: ServerResponse, status: number, code: string, message: string): void {
  const body: ApiErrorBody = { error: { code, message } }
  sendJson(response, status, body)
}

function tokenMatches(expected: string, given: string | undefined): boolean {
  if (!given) return false
  const a = Buffer.from(expected)
  const b = Buffer.from(given)
  return a.length === b.length && timingSafeEqual(a, b)
}

function requestToken(request: IncomingMessage): string | undefined {
  const header = request.headers[TOKEN_HEADER]
  if (typeof header === 'string') return header
  const authorization = request.headers.authorization
  return authorization?.startsWith('Bearer ') ? authorization.slice('Bearer '.length) : undefined
}

/** Only pages addressed to this machine by the loopback name may talk to the server (no DNS rebinding). */
function hostAllowed(request: IncomingMessage): boolean {
  const host = (request.headers.host ?? '').replace(/:\d+$/, '')
  return host === '127.0.0.1' || host === 'localhost' || host === '[::1]'
}

async function readBody(request: IncomingMessage, limit: number): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request) {
    size += (chunk as Buffer).length
    if (size > limit) throw Object.assign(new Error('Request too large'), { status: 413 })
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks).toString('utf8')
}

/**
 * Browser mode: the same services the desktop app uses, served over HTTP on the loopback
 * interface. Every /api/ call must carry the session token printed with the URL.
 */
export function createWebServer(options: WebServerOptions): Server {
  const maxBody = options.maxBodyBytes ?? 100 * 1024 * 1024
  const serveStatic = options.rendererDir
    ? sirv(options.rendererDir, {
        dev: false,
        etag: true,
        setHeaders: (response) => {
          response.setHeader('content-security-policy', CONTENT_SECURITY_POLICY)
          response.setHeader('x-content-type-options', 'nosniff')
          response.setHeader('referrer-policy', 'no-referrer')
        }
      })
    : undefined

  return createServer(async (request, response) => {
    if (!hostAllowed(request)) return sendError(response, 403, 'forbidden-host', 'Hamta answers only on 127.0.0.1.')
    const url = new URL(request.url ?? '/', 'http://127.0.0.1')
    if (url.pathname.startsWith('/api/')) {
      if (!tokenMatches(options.token, requestToken(request))) {
        return sendError(response, 401, 'unauthorized', 'This request needs the session token from the URL Hamta printed.')
      }
      const method = url.pathname.slice('/api/'.length)
      if (!isApiMethod(method)) return sendError(response, 404, 'unknown-method', `There is no API method ${method}.`)
      if (request.method !== 'POST') return sendError(response, 405, 'method-not-allowed', 'API calls use POST.')
      try {
        const body = await readBody(request, maxBody)
        let parsed: unknown
        try {
          parsed = body ? JSON.parse(body) : {}
        } catch {
          return sendError(response, 400, 'invalid-json', 'The request body is not JSON.')
        }
        const input = parseInput(method, parsed)
        const result = await (options.handlers[method] as (input: unknown) => Promise<unknown>)(input)
        return sendJson(response, 200, { result })
      } catch (error) {
        const status = (error as { status?: number }).status
        if (status === 413) return sendError(response, 413, 'too-large', 'The request is too large.')
        if (isUserError(error)) return sendError(response, 400, (error as { code?: string }).code ?? 'invalid-input', error.message)
        console.error(error)
        return sendError(response, 500, 'internal', 'Something went wrong inside Hamta; the error was logged.')
      }
    }
    if (serveStatic && (request.method === 'GET' || request.method === 'HEAD')) {
      return serveStatic(request, response, () => sendError(response, 404, 'not-found', 'Not found.'))
    }
    return sendError(response, 404, 'not-found', 'Not found.')
  })
}

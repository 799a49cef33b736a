import { timingSafeEqual } from 'node:crypto'
import { once } from 'node:events'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import sirv from 'sirv'
import { isUserError } from '../core/errors'
import {
  importTooLargeMessage,
  isApiMethod,
  MAX_IMPORT_BASE64_LENGTH,
  parseInput,
  type ApiErrorBody,
  type ApiMethod,
  type HamtaApi
} from '../shared/contract'
import { CONTENT_SECURITY_POLICY } from '../shared/security'

export interface WebServerOptions {
  handlers: HamtaApi
  token: string
  /** Folder of the built renderer; omitted in tests that only exercise the API. */
  rendererDir?: string
  /** Largest request body; by default room for the two largest files an import takes (importPair). */
  maxBodyBytes?: number
  /** Connection time limits; tests shorten them. */
  timeouts?: Partial<ServerTimeouts>
  /** Files too large to pass as one string, streamed (GET /download/memory.tmx, with the token). */
  downloads?: Downloads
}

export interface Downloads {
  /** The translation memory (or one document's part of it) as TMX, in pieces. */
  memoryTmx: (documentId?: string) => Promise<{ fileName: string; pieces: AsyncIterable<string> }>
}

/** Streams pieces of text as a download; waits for the socket when it is full, so memory stays flat. */
async function sendDownload(response: ServerResponse, file: { fileName: string; pieces: AsyncIterable<string> }, mimeType: string): Promise<void> {
  response.writeHead(200, {
    'content-type': `${mimeType}; charset=utf-8`,
    'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
    'cache-control': 'no-store'
  })
  for await (const piece of file.pieces) {
    if (response.destroyed) return
    if (!response.write(piece)) await once(response, 'drain')
  }
  response.end()
}

/**
 * How long the server waits on a client, so idle and half-sent connections do not stay open. On
 * loopback a 100 MB upload (133 MB as base64) arrives in a second or two; two minutes leave room
 * for a busy machine.
 */
export interface ServerTimeouts {
  /** To receive a request's headers (a client that sends them slowly, or nothing at all). */
  headersMs: number
  /** To receive a whole request, body included. */
  requestMs: number
  /** An idle keep-alive connection between requests. */
  keepAliveMs: number
  /** How often Node checks the first two; its default of 30 s would let a stalled client stay that much longer. */
  checkIntervalMs: number
}

export const DEFAULT_TIMEOUTS: ServerTimeouts = { headersMs: 10_000, requestMs: 120_000, keepAliveMs: 5_000, checkIntervalMs: 1_000 }

/** Room for importPair with two files at the size limit, plus the JSON around them. */
const DEFAULT_MAX_BODY = 2 * MAX_IMPORT_BASE64_LENGTH + 1024 * 1024

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

/** A refusal in words for the user, anything else logged and reported as Hamta's own fault. */
function sendFailure(response: ServerResponse, error: unknown): void {
  if (isUserError(error)) return sendError(response, 400, (error as { code?: string }).code ?? 'invalid-input', error.message)
  console.error(error)
  sendError(response, 500, 'internal', 'Something went wrong inside Hamta; the error was logged.')
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

class BodyTooLarge extends Error {
  constructor(readonly size: number) {
    super('Request too large')
  }
}

/**
 * The request body as text. A body over the limit is refused before it is read when its length
 * is declared (Node discards the rest once the answer is sent), and otherwise read to the end
 * without keeping it, so the client is always there to receive the answer.
 */
async function readBody(request: IncomingMessage, limit: number): Promise<string> {
  const declared = Number(request.headers['content-length'])
  if (Number.isFinite(declared) && declared > limit) throw new BodyTooLarge(declared)
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request) {
    size += (chunk as Buffer).length
    if (size <= limit) chunks.push(chunk as Buffer)
  }
  if (size > limit) throw new BodyTooLarge(size)
  return Buffer.concat(chunks).toString('utf8')
}

/** The size message for a request too large to read: the file inside is about 3/4 of the base64 request. */
function tooLargeMessage(method: ApiMethod, size: number): string {
  const fileBytes = Math.floor((size * 3) / 4)
  if (method === 'importPair') return importTooLargeMessage(fileBytes, 'The two files are together', true)
  if (method === 'importDocument' || method === 'importTranslation') return importTooLargeMessage(fileBytes, 'The file is', true)
  return 'The request is too large.'
}

/**
 * Browser mode: the same services the desktop app uses, served over HTTP on the loopback
 * interface. Every /api/ call must carry the session token printed with the URL.
 */
export function createWebServer(options: WebServerOptions): Server {
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY
  const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts }
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

  const server = createServer(
    {
      headersTimeout: timeouts.headersMs,
      requestTimeout: timeouts.requestMs,
      keepAliveTimeout: timeouts.keepAliveMs,
      connectionsCheckingInterval: timeouts.checkIntervalMs
    },
    async (request, response) => {
      if (!hostAllowed(request)) return sendError(response, 403, 'forbidden-host', 'Hamta answers only on 127.0.0.1.')
      const url = new URL(request.url ?? '/', 'http://127.0.0.1')
      const download = url.pathname === '/download/memory.tmx' && options.downloads
      if ((url.pathname.startsWith('/api/') || download) && !tokenMatches(options.token, requestToken(request))) {
        return sendError(response, 401, 'unauthorized', 'This request needs the session token from the URL Hamta printed.')
      }
      if (url.pathname.startsWith('/api/')) {
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
          if (error instanceof BodyTooLarge) return sendError(response, 413, 'too-large', tooLargeMessage(method, error.size))
          return sendFailure(response, error)
        }
      }
      if (download) {
        try {
          const file = await download.memoryTmx(url.searchParams.get('documentId') ?? undefined)
          return await sendDownload(response, file, 'application/x-tmx+xml')
        } catch (error) {
          // Once the file has begun, a failure can only cut it short: the browser shows it failed.
          if (response.headersSent) return void response.destroy(error as Error)
          return sendFailure(response, error)
        }
      }
      if (serveStatic && (request.method === 'GET' || request.method === 'HEAD')) {
        return serveStatic(request, response, () => sendError(response, 404, 'not-found', 'Not found.'))
      }
      return sendError(response, 404, 'not-found', 'Not found.')
    }
  )
  // No socket inactivity limit: a handler may work for minutes (a large alignment) while its
  // connection is rightly silent; the limits above cover clients that stall.
  server.timeout = 0
  return server
}

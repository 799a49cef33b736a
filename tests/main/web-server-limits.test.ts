/** Browser mode under slow, silent and oversized clients: connection time limits and the import size limit. */
import type { Server } from 'node:http'
import { connect, type AddressInfo, type Socket } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { registerApi, type IpcEventLike } from '../../src/main/ipc'
import { createWebServer, DEFAULT_TIMEOUTS, type ServerTimeouts } from '../../src/main/web-server'
import { base64Bytes, MAX_IMPORT_BYTES, type HamtaApi } from '../../src/shared/contract'
import { apiChannel } from '../../src/shared/methods'

const TOKEN = 'secret-token'
let server: Server | undefined
afterEach(async () => {
  server?.closeAllConnections()
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)))
  server = undefined
})

/** Handlers that only answer importDocument, with the size of what arrived. */
function fakeHandlers(): HamtaApi {
  return {
    importDocument: async ({ dataBase64 }: { dataBase64: string }) => ({ bytes: base64Bytes(dataBase64) })
  } as unknown as HamtaApi
}

async function start(options: { timeouts?: Partial<ServerTimeouts>; maxBodyBytes?: number } = {}): Promise<number> {
  server = createWebServer({ handlers: fakeHandlers(), token: TOKEN, ...options })
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve))
  return (server!.address() as AddressInfo).port
}

/** Opens a raw connection, sends `text`, and resolves with what came back and how long until the server closed it. */
function rawExchange(port: number, text: string, giveUpMs = 5_000): Promise<{ closedAfterMs: number; received: string }> {
  return new Promise((resolve, reject) => {
    const socket: Socket = connect(port, '127.0.0.1')
    const started = Date.now()
    let received = ''
    const timer = setTimeout(() => {
      socket.destroy()
      reject(new Error(`the server kept the connection open for ${giveUpMs} ms`))
    }, giveUpMs)
    socket.on('connect', () => socket.write(text))
    socket.on('data', (chunk) => (received += chunk.toString('utf8')))
    socket.on('error', () => undefined) // a reset is a close too
    socket.on('close', () => {
      clearTimeout(timer)
      resolve({ closedAfterMs: Date.now() - started, received })
    })
  })
}

const SHORT: ServerTimeouts = { headersMs: 300, requestMs: 600, keepAliveMs: 200, checkIntervalMs: 50 }
const SLACK_MS = 400

describe('browser-mode server connection limits', () => {
  it('has defaults that close stalled clients in seconds and still take a 100 MB upload', () => {
    expect(DEFAULT_TIMEOUTS).toEqual({ headersMs: 10_000, requestMs: 120_000, keepAliveMs: 5_000, checkIntervalMs: 1_000 })
  })

  it('closes a connection whose request headers never finish', async () => {
    const port = await start({ timeouts: SHORT })
    const { closedAfterMs } = await rawExchange(port, 'POST /api/importDocument HTTP/1.1\r\nHost: 127.0.0.1\r\n')
    expect(closedAfterMs).toBeGreaterThanOrEqual(SHORT.headersMs - 50)
    expect(closedAfterMs).toBeLessThan(SHORT.headersMs + SLACK_MS)
  })

  it('closes a connection that sends nothing at all', async () => {
    const port = await start({ timeouts: SHORT })
    const { closedAfterMs } = await rawExchange(port, '')
    expect(closedAfterMs).toBeLessThan(SHORT.headersMs + SLACK_MS)
  })

  it('closes a connection whose request body stops halfway', async () => {
    const port = await start({ timeouts: SHORT })
    const head = `POST /api/importDocument HTTP/1.1\r\nHost: 127.0.0.1\r\nx-hamta-token: ${TOKEN}\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n`
    const { closedAfterMs } = await rawExchange(port, `${head}{"fileName":"a.txt","dataBase64":"`)
    expect(closedAfterMs).toBeGreaterThanOrEqual(SHORT.requestMs - 50)
    expect(closedAfterMs).toBeLessThan(SHORT.requestMs + SLACK_MS)
  })

  it('closes an idle keep-alive connection after its answer', async () => {
    const port = await start({ timeouts: SHORT })
    const { closedAfterMs, received } = await rawExchange(port, 'GET /nothing HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n')
    expect(received).toMatch(/^HTTP\/1\.1 404/)
    // Node keeps the socket a second longer than keepAliveTimeout, so a client whose own limit equals it never races the close.
    expect(closedAfterMs).toBeLessThan(SHORT.keepAliveMs + 1_000 + SLACK_MS)
  })
})

const MB = 1024 * 1024

/** Base64 text of exactly `bytes` bytes, made without allocating the bytes. */
function base64Of(bytes: number): string {
  const padding = (3 - (bytes % 3)) % 3
  return 'A'.repeat(Math.ceil(bytes / 3) * 4 - padding) + '='.repeat(padding)
}

function post(port: number, body: string): Promise<Response> {
  return fetch(`http://127.0.0.1:${port}/api/importDocument`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-hamta-token': TOKEN },
    body
  })
}

describe('the import size limit', () => {
  it('takes a file of 100 MB over HTTP with the default limits', async () => {
    const port = await start()
    const response = await post(port, JSON.stringify({ fileName: 'big.txt', dataBase64: base64Of(MAX_IMPORT_BYTES) }))
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ result: { bytes: MAX_IMPORT_BYTES } })
  }, 60_000)

  it('refuses a 140 MB file over HTTP with its size and the limit, not a schema message', async () => {
    const port = await start()
    const response = await post(port, JSON.stringify({ fileName: 'big.txt', dataBase64: base64Of(140 * MB) }))
    expect(response.status).toBe(400)
    expect(await response.json()).toEqual({ error: { code: 'too-large', message: 'big.txt is 140 MB; Hamta imports files up to 100 MB.' } })
  }, 60_000)

  it('refuses a request too large to read, from its declared length, with the estimated file size', async () => {
    const port = await start()
    const length = Math.ceil((300 * MB * 4) / 3)
    const head = `POST /api/importDocument HTTP/1.1\r\nHost: 127.0.0.1\r\nx-hamta-token: ${TOKEN}\r\ncontent-type: application/json\r\ncontent-length: ${length}\r\nConnection: close\r\n\r\n`
    const { received } = await rawExchange(port, `${head}{"fileName":"huge.txt","dataBase64":"AAAA`)
    expect(received).toMatch(/^HTTP\/1\.1 413/)
    expect(JSON.parse(received.slice(received.indexOf('\r\n\r\n') + 4))).toEqual({
      error: { code: 'too-large', message: 'The file is about 300 MB; Hamta imports files up to 100 MB.' }
    })
  })

  it('refuses an oversized body sent without a declared length once it has read it, and answers', async () => {
    const port = await start({ maxBodyBytes: 4096 })
    const response = await fetch(`http://127.0.0.1:${port}/api/importDocument`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hamta-token': TOKEN },
      body: new Blob([JSON.stringify({ fileName: 'a.txt', dataBase64: base64Of(6000) })]).stream(),
      duplex: 'half'
    } as RequestInit)
    expect(response.status).toBe(413)
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('too-large')
  })

  it('refuses a 140 MB file through the desktop (IPC) adapter with the same message', async () => {
    const listeners = new Map<string, (event: IpcEventLike, ...args: unknown[]) => unknown>()
    registerApi({ handle: (channel, listener) => void listeners.set(channel, listener), removeHandler: () => undefined }, fakeHandlers(), () => true)
    const call = (input: unknown) => listeners.get(apiChannel('importDocument'))!({ senderFrame: { url: 'app://hamta' } }, input)
    expect(await call({ fileName: 'big.txt', dataBase64: base64Of(140 * MB) })).toEqual({
      ok: false,
      error: { code: 'too-large', message: 'big.txt is 140 MB; Hamta imports files up to 100 MB.' }
    })
    expect(await call({ fileName: 'just-over.txt', dataBase64: base64Of(MAX_IMPORT_BYTES + 1) })).toMatchObject({
      error: { message: 'just-over.txt is 100.1 MB; Hamta imports files up to 100 MB.' }
    })
    expect(await call({ fileName: 'ok.txt', dataBase64: base64Of(MAX_IMPORT_BYTES) })).toEqual({ ok: true, result: { bytes: MAX_IMPORT_BYTES } })
    expect(await call({ fileName: 'ok.txt', dataBase64: 'AAAA', evil: true })).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
    expect(await call({ fileName: 'ok.txt', dataBase64: 'AAAA', jobId: 'job-1' })).toMatchObject({ ok: true })
  })
})

/**
 * A real smart-HTTP Git server for tests: Debian's `git http-backend` run as a CGI behind a
 * loopback node:http server, serving bare repositories from a folder. Can ask for a password,
 * refuse pushes, stall, or go away, to test how a sync behaves when things go wrong.
 */
import { spawn, spawnSync } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'

export interface GitServerOptions {
  /** Required for every request when set (HTTP Basic). */
  user?: { name: string; password: string }
  /** Answer pushes with 403. */
  refusePush?: boolean
}

export interface GitServer {
  /** URL of a repository on this server (created bare with `createRepository`). */
  url(name: string): string
  createRepository(name: string): string
  options: GitServerOptions
  /** Requests served so far, as "METHOD path?query". */
  log: string[]
  /** Runs before each request is answered; may delay it, or destroy the socket. */
  hook?: (req: IncomingMessage, res: ServerResponse) => Promise<'continue' | 'handled'>
  close(): Promise<void>
  /** The bare repository's folder. */
  path(name: string): string
}

export function gitAvailable(): boolean {
  return spawnSync('git', ['--version']).status === 0
}

const BACKEND = process.env.GIT_HTTP_BACKEND ?? '/usr/lib/git-core/git-http-backend'

export async function startGitServer(root: string, options: GitServerOptions = {}, port = 0): Promise<GitServer> {
  mkdirSync(root, { recursive: true })
  const server: Server = createServer()
  const state: GitServer = {
    options,
    log: [],
    url: (name) => `http://127.0.0.1:${(server.address() as AddressInfo).port}/${name}.git`,
    path: (name) => join(root, `${name}.git`),
    createRepository(name) {
      const path = join(root, `${name}.git`)
      const init = spawnSync('git', ['init', '--bare', '--quiet', '--initial-branch=main', path])
      if (init.status !== 0) throw new Error(`git init failed: ${init.stderr}`)
      spawnSync('git', ['-C', path, 'config', 'http.receivepack', 'true'])
      return path
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
  server.on('request', (req, res) => {
    void serve(state, root, req, res).catch((error) => {
      if (!res.headersSent) res.writeHead(500)
      res.end(String(error))
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', resolve)
  })
  return state
}

async function serve(state: GitServer, root: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost')
  state.log.push(`${req.method} ${url.pathname}${url.search}`)
  if (state.hook && (await state.hook(req, res)) === 'handled') return
  let remoteUser = 'anonymous'
  const { user, refusePush } = state.options
  if (user) {
    const header = req.headers.authorization ?? ''
    const given = header.startsWith('Basic ') ? Buffer.from(header.slice(6), 'base64').toString('utf8') : ''
    if (given !== `${user.name}:${user.password}`) {
      req.resume()
      res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="git"', 'Content-Type': 'text/plain' })
      res.end('Unauthorized')
      return
    }
    remoteUser = user.name
  }
  const isPush = url.searchParams.get('service') === 'git-receive-pack' || url.pathname.endsWith('/git-receive-pack')
  if (refusePush && isPush) {
    req.resume()
    res.writeHead(403, { 'Content-Type': 'text/plain' })
    res.end('Pushes are not allowed here')
    return
  }
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  const body = Buffer.concat(chunks)
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    GIT_PROJECT_ROOT: root,
    GIT_HTTP_EXPORT_ALL: '1',
    PATH_INFO: decodeURIComponent(url.pathname),
    REQUEST_METHOD: req.method ?? 'GET',
    QUERY_STRING: url.search.slice(1),
    CONTENT_TYPE: req.headers['content-type'] ?? '',
    CONTENT_LENGTH: String(body.length),
    REMOTE_USER: remoteUser,
    REMOTE_ADDR: '127.0.0.1',
    GIT_CONFIG_NOSYSTEM: '1',
    HOME: root
  }
  if (req.headers['content-encoding']) env.HTTP_CONTENT_ENCODING = req.headers['content-encoding']
  if (req.headers['git-protocol']) env.GIT_PROTOCOL = String(req.headers['git-protocol'])
  const child = spawn(BACKEND, [], { env, stdio: ['pipe', 'pipe', 'pipe'] })
  // The backend may answer without reading the body (a refusal, a GET): that is not an error here.
  child.stdin.on('error', () => undefined)
  child.stdin.end(body)
  const out: Buffer[] = []
  child.stdout.on('data', (chunk: Buffer) => out.push(chunk))
  child.stderr.resume()
  await new Promise<void>((resolve, reject) => {
    child.on('error', reject)
    child.on('close', () => resolve())
  })
  const output = Buffer.concat(out)
  let split = output.indexOf('\r\n\r\n')
  let gap = 4
  if (split < 0) {
    split = output.indexOf('\n\n')
    gap = 2
  }
  const head = split < 0 ? output.toString('latin1') : output.subarray(0, split).toString('latin1')
  const payload = split < 0 ? Buffer.alloc(0) : output.subarray(split + gap)
  let status = 200
  const headers: Record<string, string> = {}
  for (const line of head.split(/\r?\n/)) {
    const colon = line.indexOf(':')
    if (colon < 0) continue
    const name = line.slice(0, colon).trim()
    const value = line.slice(colon + 1).trim()
    if (name.toLowerCase() === 'status') status = parseInt(value, 10)
    else headers[name] = value
  }
  headers['Content-Length'] = String(payload.length)
  res.writeHead(status, headers)
  res.end(payload)
}

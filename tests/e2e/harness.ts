import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'

export const SCREENSHOT_DIR = join(process.cwd(), 'test-results', 'e2e')

/** Debian's Chromium, or the one HAMTA_CHROMIUM names. End-to-end tests fail, never skip, without it. */
export function chromiumPath(): string {
  const candidates = [process.env.HAMTA_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean) as string[]
  const found = candidates.find((path) => existsSync(path))
  if (!found) throw new Error(`No Chromium found (looked at ${candidates.join(', ')}). Install it: apt-get install -y chromium`)
  return found
}

export async function launchBrowser(): Promise<Browser> {
  await mkdir(SCREENSHOT_DIR, { recursive: true })
  return chromium.launch({
    executablePath: chromiumPath(),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic'
    ]
  })
}

export interface WebMode {
  url: string
  origin: string
  process: ChildProcess
  stop: () => Promise<void>
}

/** Starts `node out/main/web.js` (browser mode) on a free port with its own library folder. */
export async function startWebMode(libraryDir: string): Promise<WebMode> {
  const entry = join(process.cwd(), 'out', 'main', 'web.js')
  if (!existsSync(entry)) throw new Error('out/main/web.js is missing: run `npm run build` (npm test does) before the end-to-end tests.')
  const child = spawn(process.execPath, [entry], {
    env: { ...process.env, HAMTA_LIBRARY: libraryDir, HAMTA_PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let output = ''
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Browser mode did not print its URL in time. Output:\n${output}`)), 20_000)
    const onData = (chunk: Buffer): void => {
      output += chunk.toString()
      const match = /Open (http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+)/.exec(output)
      if (match) {
        clearTimeout(timer)
        resolve(match[1])
      }
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', onData)
    child.on('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`Browser mode exited with code ${code}. Output:\n${output}`))
    })
  })
  return {
    url,
    origin: new URL(url).origin,
    process: child,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      })
  }
}

export interface Session {
  web: WebMode
  browser: Browser
  page: Page
  libraryDir: string
  close: () => Promise<void>
}

/**
 * A fresh library, browser mode serving it, and a Chromium page on it: what each end-to-end
 * file starts from. `prepare` may fill the library before the server opens it.
 */
export async function openSession(
  options: { viewport?: { width: number; height: number }; prepare?: (libraryDir: string) => Promise<void> } = {}
): Promise<Session> {
  const libraryDir = await mkdtemp(join(tmpdir(), 'hamta-e2e-'))
  await options.prepare?.(libraryDir)
  const web = await startWebMode(libraryDir)
  const browser = await launchBrowser()
  const page = await browser.newPage({ viewport: options.viewport ?? { width: 1400, height: 900 } })
  page.on('pageerror', (error) => console.error('page error:', error.message))
  return {
    web,
    browser,
    page,
    libraryDir,
    close: async () => {
      await browser.close()
      await web.stop()
      await rm(libraryDir, { recursive: true, force: true })
    }
  }
}

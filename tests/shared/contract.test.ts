import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { inputSchemas, parseInput } from '../../src/shared/contract'
import { API_METHODS, apiChannel } from '../../src/shared/methods'
import { createHandlers } from '../../src/main/handlers'
import { registerApi, type IpcEventLike } from '../../src/main/ipc'
import { LibraryService } from '../../src/main/services/library'
import { createWebServer } from '../../src/main/web-server'
import { buildApiFacade } from '../../src/preload/facade'
import { SAMPLES_DIR, withTempDir } from '../helpers/temp'

type Listener = (event: IpcEventLike, ...args: unknown[]) => unknown

function fakeIpcMain() {
  const handlers = new Map<string, Listener>()
  return {
    handlers,
    handle: (channel: string, listener: Listener) => void handlers.set(channel, listener),
    removeHandler: (channel: string) => void handlers.delete(channel)
  }
}

describe('the API contract', () => {
  it('has an input schema for every method and nothing else', () => {
    expect(Object.keys(inputSchemas).sort()).toEqual([...API_METHODS].sort())
  })

  it('has a main handler, an IPC channel, a preload method and an HTTP route for every method', async () => {
    await withTempDir(async (dir) => {
      const library = await LibraryService.open({ libraryDir: join(dir, 'lib'), samplesDir: SAMPLES_DIR })
      const handlers = createHandlers({ library, mode: 'desktop' })
      expect(Object.keys(handlers).sort()).toEqual([...API_METHODS].sort())

      const ipc = fakeIpcMain()
      registerApi(ipc, handlers, () => true)
      expect([...ipc.handlers.keys()].sort()).toEqual(API_METHODS.map(apiChannel).sort())

      const invoked: string[] = []
      const facade = buildApiFacade(async (channel) => {
        invoked.push(channel)
        return { ok: true, result: null }
      })
      for (const method of API_METHODS) await facade[method]({} as never)
      expect(invoked).toEqual(API_METHODS.map(apiChannel))

      const server = createWebServer({ handlers, token: 't' })
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
      try {
        const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
        for (const method of API_METHODS) {
          // A route exists when the server gets past "unknown method" to validate or answer.
          const response = await fetch(`${base}/api/${method}`, { method: 'POST', headers: { 'x-hamta-token': 't' }, body: '{"__probe":1}' })
          expect(response.status, method).not.toBe(404)
        }
      } finally {
        await new Promise((resolve) => server.close(resolve))
        await library.close()
      }
    })
  })

  it('validates inputs strictly', () => {
    expect(() => parseInput('getDocument', { documentId: '../../etc/passwd' })).toThrow(/documentId/)
    expect(() => parseInput('setRowStatus', { documentId: 'a', rowId: 'r1', status: 'finished' })).toThrow(/status/)
    expect(parseInput('setRowStatus', { documentId: 'a', rowId: 'r1', status: 'translated' })).toEqual({
      documentId: 'a',
      rowId: 'r1',
      status: 'translated'
    })
  })
})

describe('the IPC adapter', () => {
  it('refuses calls from frames other than Hamta’s page and validates input', async () => {
    await withTempDir(async (dir) => {
      const library = await LibraryService.open({ libraryDir: join(dir, 'lib'), samplesDir: SAMPLES_DIR })
      const ipc = fakeIpcMain()
      registerApi(ipc, createHandlers({ library, mode: 'desktop' }), (url) => url === 'file:///app/index.html')
      const listDocuments = ipc.handlers.get('api:listDocuments')!
      expect(await listDocuments({ senderFrame: { url: 'https://evil.example/' } }, {})).toMatchObject({
        ok: false,
        error: { code: 'forbidden-sender' }
      })
      expect(await listDocuments({ senderFrame: null }, {})).toMatchObject({ ok: false })
      expect(await listDocuments({ senderFrame: { url: 'file:///app/index.html' } }, {})).toEqual({ ok: true, result: [] })
      const getDocument = ipc.handlers.get('api:getDocument')!
      expect(await getDocument({ senderFrame: { url: 'file:///app/index.html' } }, { documentId: 42 })).toMatchObject({
        ok: false,
        error: { code: 'invalid-input' }
      })
      await library.close()
    })
  })

  it('turns failures into errors with their message in the page', async () => {
    const facade = buildApiFacade(async () => ({ ok: false, error: { code: 'not-found', message: 'There is no document x.' } }))
    await expect(facade.getDocument({ documentId: 'x' })).rejects.toMatchObject({ code: 'not-found', message: 'There is no document x.' })
  })
})

import { randomBytes } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import { createHandlers } from './handlers'
import { workerAlignRunner, workerImportRunner } from './import/import-runner'
import { defaultUserDataDir, importWorkerPath, rendererDir, resolveLibraryDir, samplesDir } from './paths'
import { LibraryService } from './services/library'
import { loadWordList } from './word-list'
import { SessionVault } from './sync/credential-vault'
import { TeamService } from './sync/team-service'
import { createWebServer } from './web-server'

/** `npm run web`: Hamta in a browser, on 127.0.0.1 only, for machines where Electron cannot start. */
async function main(): Promise<void> {
  const libraryDir = resolveLibraryDir(defaultUserDataDir())
  const library = await LibraryService.open({
    libraryDir,
    samplesDir: samplesDir(),
    tool: 'the Hamta browser mode',
    runImport: workerImportRunner({ workerPath: importWorkerPath() }),
    runAlign: workerAlignRunner({ workerPath: importWorkerPath() }),
    wordList: loadWordList
  })
  const token = randomBytes(24).toString('base64url')
  // Team credentials live in this process's memory only (or come from HAMTA_GIT_TOKEN …).
  const team = new TeamService({ library, vault: new SessionVault() })
  void team.start()
  const server = createWebServer({
    handlers: createHandlers({ library, mode: 'browser', team }),
    token,
    rendererDir: rendererDir(),
    downloads: { memoryTmx: (documentId) => library.memoryTmx(documentId) }
  })
  const requestedPort = Number.parseInt(process.env.HAMTA_PORT ?? '', 10)
  const port = Number.isInteger(requestedPort) && requestedPort >= 0 && requestedPort < 65536 ? requestedPort : 0
  server.on('error', (error) => {
    console.error(`Hamta could not start its browser mode: ${error.message}`)
    process.exit(1)
  })
  server.listen(port, '127.0.0.1', () => {
    const address = server.address() as AddressInfo
    console.log(`Hamta browser mode, library: ${libraryDir}`)
    console.log(`Open http://127.0.0.1:${address.port}/#token=${token}`)
  })
  // Check every document in the background: damaged files are restored and reported early.
  void library.verify()
  let stopping = false
  const stop = (): void => {
    if (stopping) return
    stopping = true
    server.close()
    server.closeAllConnections()
    void team
      .stop()
      .then(() => library.close())
      .finally(() => process.exit(0))
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

void main().catch((error) => {
  console.error(`Hamta could not start: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
})

import { readFile, writeFile } from 'node:fs/promises'
import { basename, extname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { app, BrowserWindow, dialog, ipcMain, Menu, safeStorage, session, shell, type MenuItemConstructorOptions } from 'electron'
import { z } from 'zod'
import { isUserError } from '../core/errors'
import { DESKTOP_CHANNELS, type MenuCommand } from '../shared/methods'
import { CONTENT_SECURITY_POLICY } from '../shared/security'
import { APP_NAME } from '../shared/version'
import { createHandlers } from './handlers'
import { PendingWork, registerApi } from './ipc'
import { workerAlignRunner, workerImportRunner } from './import/import-runner'
import { importWorkerPath, resolveLibraryDir, samplesDir } from './paths'
import { LibraryService } from './services/library'
import { writeTmxFile } from './services/translation-memory'
import { loadWordList } from './word-list'
import { KeychainVault } from './sync/credential-vault'
import { TeamService } from './sync/team-service'

const rendererHtml = fileURLToPath(new URL('../renderer/index.html', import.meta.url))
const preloadScript = fileURLToPath(new URL('../preload/index.cjs', import.meta.url))
const devServerUrl = process.env.ELECTRON_RENDERER_URL

let mainWindow: BrowserWindow | null = null
const pending = new PendingWork()

/** Only Hamta's own page, loaded from disk (or the dev server while developing), may call main. */
function isTrustedPage(url: string): boolean {
  if (devServerUrl && url.startsWith(devServerUrl)) return true
  try {
    const page = new URL(url)
    page.search = ''
    page.hash = ''
    return page.href === pathToFileURL(rendererHtml).href
  } catch {
    return false
  }
}

function sendMenuCommand(command: MenuCommand): void {
  mainWindow?.webContents.send(DESKTOP_CHANNELS.menuCommand, command)
}

function buildMenu(): void {
  const isMac = process.platform === 'darwin'
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        { label: 'Import Persian Text…', accelerator: 'CmdOrCtrl+O', click: () => sendMenuCommand('import') },
        { type: 'separator' },
        { label: 'Export as Hamta JSON…', click: () => sendMenuCommand('export-json') },
        { label: 'Export English Text…', accelerator: 'CmdOrCtrl+Shift+E', click: () => sendMenuCommand('export-txt') },
        { type: 'separator' },
        { label: 'Library', accelerator: 'CmdOrCtrl+L', click: () => sendMenuCommand('library') },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' }
      ]
    },
    { role: 'editMenu' },
    {
      label: '&Navigate',
      submenu: [
        { label: 'Next Row', accelerator: 'Alt+Down', registerAccelerator: false, click: () => sendMenuCommand('next-row') },
        { label: 'Previous Row', accelerator: 'Alt+Up', registerAccelerator: false, click: () => sendMenuCommand('previous-row') }
      ]
    },
    { role: 'viewMenu' },
    { role: 'windowMenu' }
  ]
  Menu.setApplicationMenu(Menu.buildFromTemplate(template))
}

function hardenSessions(): void {
  session.defaultSession.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false))
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } })
  })
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(({ url }) => {
      // Links to the web open in the user's browser, never inside Hamta.
      if (/^https:\/\//.test(url)) void shell.openExternal(url)
      return { action: 'deny' }
    })
    contents.on('will-navigate', (event, url) => {
      if (!isTrustedPage(url)) event.preventDefault()
    })
    contents.on('will-attach-webview', (event) => event.preventDefault())
  })
}

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 860,
    minWidth: 720,
    minHeight: 480,
    title: APP_NAME,
    show: false,
    webPreferences: {
      preload: preloadScript,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false
    }
  })
  window.once('ready-to-show', () => window.show())
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null
  })
  if (devServerUrl) void window.loadURL(devServerUrl)
  else void window.loadFile(rendererHtml)
  return window
}

const saveMemoryInput = z.object({ documentId: z.string().min(1).max(200).optional() }).strict()
const saveFileInput = z.object({ fileName: z.string().min(1).max(300), content: z.string(), encoding: z.enum(['utf8', 'base64']) }).strict()

function registerDesktopChannels(library: LibraryService): void {
  const fromTrustedPage = (event: Electron.IpcMainInvokeEvent): boolean =>
    event.sender === mainWindow?.webContents && !!event.senderFrame && isTrustedPage(event.senderFrame.url)

  ipcMain.handle(DESKTOP_CHANNELS.importWithDialog, async (event) => {
    if (!fromTrustedPage(event) || !mainWindow) return { imported: [], errors: ['This window may not import files.'] }
    const choice = await dialog.showOpenDialog(mainWindow, {
      title: 'Import Persian text',
      properties: ['openFile', 'multiSelections'],
      filters: [
        { name: 'Documents', extensions: ['txt', 'md', 'html', 'htm', 'docx', 'pdf', 'xlf', 'xliff', 'tmx', 'json'] },
        { name: 'All files', extensions: ['*'] }
      ]
    })
    const imported = []
    const errors: string[] = []
    const notices: string[] = []
    for (const path of choice.canceled ? [] : choice.filePaths) {
      try {
        if (extname(path).toLowerCase() === '.tmx') {
          // A TMX file is usually a memory to reuse; reviewing it as a document is the other use.
          const use = await dialog.showMessageBox(mainWindow, {
            type: 'question',
            buttons: ['Add to translation memory', 'Open as document', 'Cancel'],
            defaultId: 0,
            cancelId: 2,
            message: `${basename(path)} is a translation memory file (TMX).`,
            detail: 'Add its units to the library’s translation memory, or open it as a document to review.'
          })
          if (use.response === 2) continue
          if (use.response === 0) {
            const memory = await pending.track((await library.memory()).importMemoryFile(path))
            notices.push(
              `${basename(path)}: ${memory.units.toLocaleString('en')} ${memory.units === 1 ? 'unit' : 'units'} added to the translation memory.`
            )
            continue
          }
        }
        imported.push(await pending.track(library.importFile(basename(path), await readFile(path))))
      } catch (error) {
        errors.push(isUserError(error) ? error.message : `${basename(path)}: ${(error as Error).message}`)
      }
    }
    return { imported, errors, notices }
  })

  ipcMain.handle(DESKTOP_CHANNELS.saveFile, async (event, input: unknown) => {
    if (!fromTrustedPage(event) || !mainWindow) return { saved: false }
    const { fileName, content, encoding } = saveFileInput.parse(input)
    // The path comes from the user's own choice in the save dialog, never from the page.
    const choice = await dialog.showSaveDialog(mainWindow, { title: 'Export', defaultPath: basename(fileName) })
    if (choice.canceled || !choice.filePath) return { saved: false }
    await pending.track(writeFile(choice.filePath, Buffer.from(content, encoding)))
    return { saved: true, path: choice.filePath }
  })

  // The memory is streamed to the file the user chose: a large one never becomes one string.
  ipcMain.handle(DESKTOP_CHANNELS.saveMemoryTmx, async (event, input: unknown) => {
    if (!fromTrustedPage(event) || !mainWindow) return { saved: false }
    const { documentId } = saveMemoryInput.parse(input ?? {})
    const { fileName, pieces } = await library.memoryTmx(documentId)
    const choice = await dialog.showSaveDialog(mainWindow, { title: 'Export the translation memory', defaultPath: fileName })
    if (choice.canceled || !choice.filePath) return { saved: false }
    const { units } = await pending.track(writeTmxFile(choice.filePath, pieces))
    return { saved: true, path: choice.filePath, units }
  })
}

async function start(): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    app.quit()
    return
  }
  app.on('second-instance', () => {
    if (!mainWindow) return
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.focus()
  })

  await app.whenReady()
  hardenSessions()
  const library = await LibraryService.open({
    libraryDir: resolveLibraryDir(app.getPath('userData')),
    samplesDir: samplesDir(),
    tool: 'the Hamta desktop app',
    runImport: workerImportRunner({ workerPath: importWorkerPath() }),
    runAlign: workerAlignRunner({ workerPath: importWorkerPath() }),
    wordList: loadWordList
  })
  // Team credentials are sealed by the OS keychain in the app's data folder, outside the library.
  const team = new TeamService({ library, vault: new KeychainVault(join(app.getPath('userData'), 'team-credentials.json'), safeStorage) })
  void team.start()
  registerApi(ipcMain, createHandlers({ library, mode: 'desktop', team }), isTrustedPage, pending)
  registerDesktopChannels(library)
  buildMenu()
  mainWindow = createWindow()

  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) mainWindow = createWindow()
  })
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
  // Let saves that are still being written finish, then release the library, before exiting.
  let closed = false
  app.on('before-quit', (event) => {
    if (closed) return
    event.preventDefault()
    void pending
      .settle()
      .then(() => team.stop())
      .then(() => library.close())
      .finally(() => {
        closed = true
        app.quit()
      })
  })
  mainWindow.webContents.once('did-finish-load', () => void library.verify())
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => app.quit())
  }
}

void start().catch((error) => {
  dialog.showErrorBox('Hamta could not start', error instanceof Error ? error.message : String(error))
  app.exit(1)
})

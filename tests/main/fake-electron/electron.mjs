// A stand-in for the electron module, recording what the main process asks of it, so the
// built main entry can boot under plain Node in tests (no Electron binary on test machines).
const record = { windows: [], ipcChannels: [], appEvents: [], menu: null, headerHooks: 0, permissionHandler: false, singleInstance: false }
globalThis.__fakeElectron = record

class EventSource {
  constructor() {
    this.listeners = {}
  }
  on(name, listener) {
    ;(this.listeners[name] ??= []).push(listener)
    return this
  }
  once(name, listener) {
    return this.on(name, listener)
  }
  emit(name, ...args) {
    for (const listener of this.listeners[name] ?? []) listener(...args)
  }
}

export const app = new (class extends EventSource {
  requestSingleInstanceLock() {
    record.singleInstance = true
    return true
  }
  whenReady() {
    return Promise.resolve()
  }
  getPath() {
    return process.env.FAKE_USER_DATA
  }
  on(name, listener) {
    record.appEvents.push(name)
    return super.on(name, listener)
  }
  quit() {}
  exit() {}
})()

export class BrowserWindow extends EventSource {
  static all = []
  static getAllWindows() {
    return BrowserWindow.all
  }
  constructor(options) {
    super()
    this.options = options
    this.webContents = new EventSource()
    this.webContents.send = () => {}
    record.windows.push({ options, loaded: null })
    BrowserWindow.all.push(this)
  }
  loadFile(path) {
    record.windows.at(-1).loaded = { file: path }
    return Promise.resolve()
  }
  loadURL(url) {
    record.windows.at(-1).loaded = { url }
    return Promise.resolve()
  }
  show() {}
  isMinimized() {
    return false
  }
}

/** The handlers themselves, for boot.mjs to call (kept out of the printed record). */
export const handlers = {}
globalThis.__fakeElectronHandlers = handlers

export const ipcMain = {
  handle(channel, handler) {
    record.ipcChannels.push(channel)
    handlers[channel] = handler
  },
  removeHandler() {}
}

export const session = {
  defaultSession: {
    setPermissionRequestHandler() {
      record.permissionHandler = true
    },
    webRequest: {
      onHeadersReceived(listener) {
        record.headerHooks++
        record.headerListener = listener
      }
    }
  }
}

export const Menu = {
  buildFromTemplate(template) {
    return template
  },
  setApplicationMenu(menu) {
    record.menu = menu.map((item) => item.label ?? item.role)
  }
}

export const dialog = {
  showErrorBox(title, message) {
    record.startError = `${title}: ${message}`
  },
  // The user "chooses" a file in the test's data folder, named as the dialog proposed.
  showSaveDialog(_window, options) {
    ;(record.saveDialogs ??= []).push(options)
    return Promise.resolve({ canceled: false, filePath: `${process.env.FAKE_USER_DATA}/chosen-${options.defaultPath}` })
  }
}
export const shell = { openExternal() {} }
// No keychain here: team credentials stay in the session.
export const safeStorage = {
  isEncryptionAvailable: () => false,
  encryptString: (text) => Buffer.from(text),
  decryptString: (data) => data.toString()
}
export default { app, BrowserWindow, ipcMain, session, Menu, dialog, shell, safeStorage }

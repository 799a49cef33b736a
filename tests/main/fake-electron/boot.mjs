// Boots the built main entry against the fake electron module and prints what it recorded.
await import(process.argv[2])
await new Promise((resolve) => setTimeout(resolve, 300))
const record = globalThis.__fakeElectron
const { app, BrowserWindow } = await import('electron')
const headers = await new Promise((resolve) => record.headerListener?.({ responseHeaders: {} }, (result) => resolve(result.responseHeaders)))

// Probe the navigation guards with a fake web contents.
const listeners = {}
let openHandler = null
app.emit(
  'web-contents-created',
  {},
  {
    on: (name, listener) => (listeners[name] = listener),
    setWindowOpenHandler: (handler) => (openHandler = handler)
  }
)
const navigation = (url) => {
  let prevented = false
  listeners['will-navigate']?.({ preventDefault: () => (prevented = true) }, url)
  return prevented
}
const guards = {
  blocksExternalNavigation: navigation('https://example.com/'),
  allowsOwnPage: !navigation(new URL(record.windows[0].loaded.file, 'file://').href + '?doc=abc'),
  newWindow: openHandler?.({ url: 'https://example.com/' })?.action
}
// The page asks for a sample, translates a row and exports the memory through the save dialog.
const handlers = globalThis.__fakeElectronHandlers
const page = { sender: BrowserWindow.all[0].webContents, senderFrame: { url: new URL(record.windows[0].loaded.file, 'file://').href } }
const samples = await handlers['api:listSamples'](page, {})
const sample = await handlers['api:importSample'](page, { sampleId: samples.result[0].id })
await handlers['api:saveTarget'](page, { documentId: sample.result.id, rowId: 'r1', target: 'Exported through the dialog.' })
await handlers['api:setRowStatus'](page, { documentId: sample.result.id, rowId: 'r1', status: 'translated' })
const memoryExport = await handlers['desktop:saveMemoryTmx'](page, {})
const strangerExport = await handlers['desktop:saveMemoryTmx']({ sender: {}, senderFrame: { url: 'https://example.com/' } }, {})
process.stdout.write(JSON.stringify({ ...record, headers, guards, memoryExport, strangerExport }))
process.exit(0)

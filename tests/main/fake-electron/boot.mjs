// Boots the built main entry against the fake electron module and prints what it recorded.
await import(process.argv[2])
await new Promise((resolve) => setTimeout(resolve, 300))
const record = globalThis.__fakeElectron
const { app } = await import('electron')
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
process.stdout.write(JSON.stringify({ ...record, headers, guards }))
process.exit(0)

import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'

export default defineConfig({
  main: {
    build: {
      // The desktop app, the browser-mode server and the command line share one build of the
      // main-process services.
      rollupOptions: {
        input: {
          index: resolve('src/main/index.ts'),
          web: resolve('src/main/web.ts'),
          cli: resolve('src/cli/index.ts'),
          // Imports are parsed here, off the thread that serves the app.
          'import-worker': resolve('src/main/import-worker.ts')
        }
      }
    }
  },
  preload: {
    build: {
      // A sandboxed preload cannot require anything but electron: bundle it into one CJS file.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve('src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' }
      }
    }
  },
  renderer: {
    root: resolve('src/renderer'),
    plugins: [react()],
    resolve: {
      // The English dictionary's files are read as text; the package itself exports only a Node loader.
      alias: { 'hamta-dictionary-en': resolve('node_modules/dictionary-en'), 'hamta-dictionary-en-gb': resolve('node_modules/dictionary-en-gb') }
    },
    build: {
      minify: true,
      rollupOptions: { input: { index: resolve('src/renderer/index.html') } }
    }
  }
})

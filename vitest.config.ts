import { resolve } from 'node:path'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: ['tests/core/**/*.test.ts', 'tests/main/**/*.test.ts', 'tests/cli/**/*.test.ts', 'tests/shared/**/*.test.ts']
        }
      },
      {
        resolve: {
          alias: { 'hamta-dictionary-en': resolve('node_modules/dictionary-en'), 'hamta-dictionary-en-gb': resolve('node_modules/dictionary-en-gb') }
        },
        test: {
          name: 'renderer',
          environment: 'jsdom',
          setupFiles: ['tests/renderer/setup.ts'],
          include: ['tests/renderer/**/*.test.tsx', 'tests/renderer/**/*.test.ts']
        }
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['tests/e2e/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false
        }
      }
    ]
  }
})

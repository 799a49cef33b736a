#!/usr/bin/env node
// The `hamta` command: runs the built command line (npm run build makes out/main/cli.js).
import { existsSync } from 'node:fs'
import { fileURLToPath, pathToFileURL } from 'node:url'

const built = fileURLToPath(new URL('../out/main/cli.js', import.meta.url))
if (!existsSync(built)) {
  process.stderr.write('hamta: not built yet. Run `npm run build` in the Hamta folder first.\n')
  process.exit(1)
}
await import(pathToFileURL(built).href)

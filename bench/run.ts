// Runs every bench/*.bench.ts in turn, each in its own process so one's memory does not skew
// the next; each prints its own figures.
import { spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const folder = fileURLToPath(new URL('.', import.meta.url))
const only = process.argv.slice(2)
const files = readdirSync(folder)
  .filter((name) => name.endsWith('.bench.ts'))
  .filter((name) => only.length === 0 || only.some((word) => name.includes(word)))
  .sort()
let failed = 0
for (const file of files) {
  process.stdout.write(`\n== ${file}\n`)
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', `${folder}${file}`], { stdio: 'inherit' })
  if (result.status !== 0) failed++
}
process.exitCode = failed === 0 ? 0 : 1

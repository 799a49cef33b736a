// The long fault-injection run: many SIGKILLs of the saver, the browser-mode server and
// `hamta import` (npm test runs a short version). Needs `npm run build`.
// HAMTA_FAULT_ROUNDS and HAMTA_CRASH_KILLS set the counts.
import { spawnSync } from 'node:child_process'

const env = {
  ...process.env,
  HAMTA_FAULT_ROUNDS: process.env.HAMTA_FAULT_ROUNDS ?? '20',
  HAMTA_CRASH_KILLS: process.env.HAMTA_CRASH_KILLS ?? '200'
}
const started = Date.now()
const result = spawnSync(
  process.execPath,
  ['node_modules/vitest/vitest.mjs', 'run', '--project', 'node', 'tests/main/fault-injection.test.ts', 'tests/main/crash.test.ts'],
  { env, encoding: 'utf8' }
)
const output = `${result.stdout}\n${result.stderr}`
const plain = output.replace(/\x1b\[[0-9;]*m/g, '')
for (const line of plain.split('\n')) if (/^(fault injection|crash test):|^\s*(×|FAIL)|AssertionError|Error:/.test(line.trim())) console.log(line.trim())
const summary = /Tests\s+(.*)/.exec(plain)
console.log(`${summary?.[1] ?? 'no summary'} in ${((Date.now() - started) / 1000).toFixed(0)} s`)
process.exitCode = result.status ?? 1

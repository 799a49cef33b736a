import { runCli } from './main'

const exitCode = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env
})
// Let pending stdout writes drain before exiting.
process.exitCode = exitCode

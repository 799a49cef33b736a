import { isUserError } from '../core/errors'
import { APP_VERSION } from '../shared/version'
import { loadCommand, type CliIO, type ListedCommand } from './command'
import { commands as defaultCommands } from './commands'

function helpText(commands: ListedCommand[]): string {
  const width = Math.max(8, ...commands.map((command) => command.name.length))
  const lines = [
    `hamta ${APP_VERSION}: Persian–English translation workbench, command line`,
    '',
    'Usage: hamta COMMAND [ARGS...]',
    '       hamta COMMAND --help',
    '',
    'Commands:',
    ...commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
    '',
    'Options:',
    '  --help, -h     show this help',
    '  --version, -v  print the version',
    '',
    'Start the desktop app with `npm start`, or the browser mode with `npm run web`.'
  ]
  return lines.join('\n') + '\n'
}

/** Runs `hamta ARGS` and returns the exit code; never calls process.exit itself. */
export async function runCli(argv: string[], io: CliIO, commands: ListedCommand[] = defaultCommands): Promise<number> {
  const [first, ...rest] = argv
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    io.stdout(helpText(commands))
    return first === undefined ? 1 : 0
  }
  if (first === '--version' || first === '-v') {
    io.stdout(`${APP_VERSION}\n`)
    return 0
  }
  const listed = commands.find((candidate) => candidate.name === first)
  if (!listed) {
    io.stderr(`hamta: unknown command '${first}'. Run 'hamta --help' for the list.\n`)
    return 2
  }
  const command = await loadCommand(listed)
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(command.usage.endsWith('\n') ? command.usage : `${command.usage}\n`)
    return 0
  }
  try {
    return await command.run(rest, io)
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    io.stderr(`hamta ${command.name}: ${(isUserError(error) ? message : `unexpected error: ${message}`).replace(/\s*\n\s*/g, ' ')}\n`)
    return 1
  }
}

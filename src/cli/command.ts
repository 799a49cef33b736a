/** Where a command writes; tests pass their own to capture output. */
export interface CliIO {
  stdout: (text: string) => void
  stderr: (text: string) => void
  /** Library folder given by --library, HAMTA_LIBRARY, or the app's default. */
  env: Record<string, string | undefined>
}

export interface CliCommand {
  name: string
  /** One line for `hamta --help`. */
  summary: string
  /** Full usage text for `hamta COMMAND --help`. */
  usage: string
  /** Returns the exit code. Throwing a UserError prints its message on one line and exits 1. */
  run(args: string[], io: CliIO): Promise<number>
}

/** A command listed by name and summary, whose code loads only when it runs (fast start-up). */
export interface LazyCliCommand {
  name: string
  summary: string
  load: () => Promise<CliCommand>
}

export type ListedCommand = CliCommand | LazyCliCommand

export async function loadCommand(command: ListedCommand): Promise<CliCommand> {
  return 'load' in command ? command.load() : command
}

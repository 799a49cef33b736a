import type { CliIO } from '../../src/cli/command'
import { runCli } from '../../src/cli/main'

/** A command line's output streams, kept in memory. */
export function captureIo(env: Record<string, string | undefined> = {}): { io: CliIO; out: string[]; err: string[] } {
  const out: string[] = []
  const err: string[] = []
  return { io: { stdout: (text: string) => void out.push(text), stderr: (text: string) => void err.push(text), env }, out, err }
}

/** Runs `hamta ARGS` in this process: its exit code and what it wrote. */
export async function runHamta(args: string[], env: Record<string, string | undefined> = {}): Promise<{ code: number; out: string; err: string }> {
  const { io, out, err } = captureIo(env)
  const code = await runCli(args, io)
  return { code, out: out.join(''), err: err.join('') }
}

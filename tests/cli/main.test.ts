import { describe, expect, it } from 'vitest'
import packageJson from '../../package.json'
import { runCli } from '../../src/cli/main'
import type { CliCommand } from '../../src/cli/command'
import { UserError } from '../../src/core/errors'
import { captureIo } from '../helpers/cli'

describe('hamta command line', () => {
  it('prints its version', async () => {
    const { io, out } = captureIo()
    expect(await runCli(['--version'], io)).toBe(0)
    expect(out.join('')).toBe(`${packageJson.version}\n`)
  })

  it('prints help listing every command', async () => {
    const fake: CliCommand = { name: 'frobnicate', summary: 'does a thing', usage: 'hamta frobnicate', run: async () => 0 }
    const { io, out } = captureIo()
    expect(await runCli(['--help'], io, [fake])).toBe(0)
    expect(out.join('')).toMatch(/Usage: hamta COMMAND/)
    expect(out.join('')).toMatch(/frobnicate\s+does a thing/)
  })

  it('rejects unknown commands', async () => {
    const { io, err } = captureIo()
    expect(await runCli(['nope'], io, [])).toBe(2)
    expect(err.join('')).toMatch(/unknown command 'nope'/)
  })

  it('prints a user error on one line and exits 1', async () => {
    const failing: CliCommand = {
      name: 'fail',
      summary: '',
      usage: '',
      run: async () => {
        throw new UserError('the file\nis missing')
      }
    }
    const { io, err } = captureIo()
    expect(await runCli(['fail'], io, [failing])).toBe(1)
    expect(err.join('')).toBe('hamta fail: the file is missing\n')
  })
})

import type { CliCommand } from '../command'
import { alignCommand } from './align'
import { exportCommand } from './export'
import { inspectCommand } from './inspect'
import { importCommand, listCommand } from './library'
import { normalizeCommand } from './normalize'
import { segmentCommand } from './segment'

/** Every `hamta` command, in the order `hamta --help` lists them. */
export const commands: CliCommand[] = [segmentCommand, normalizeCommand, inspectCommand, alignCommand, exportCommand, importCommand, listCommand]

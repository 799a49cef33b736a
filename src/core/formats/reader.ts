/** Reads an interchange file made by Hamta or another tool, telling TMX, XLIFF 1.2 and XLIFF 2 apart by the root element. */
import { isUserError, UserError } from '../errors'
import type { BilingualDocument } from './bilingual'
import { tmxToBilingual } from './tmx'
import { xliff12ToBilingual } from './xliff12'
import { xliff2ToBilingual } from './xliff2'
import { parseXml, type XmlReadOptions } from './xml'

export const INTERCHANGE_EXTENSIONS = ['.tmx', '.xlf', '.xliff', '.sdlxliff', '.mqxliff'] as const

/**
 * Every failure is a UserError whose message starts with `options.fileName`, so whoever imports
 * several files knows which one failed; the XML reader adds the line.
 */
export function readInterchange(input: string | Uint8Array, options: XmlReadOptions = {}): BilingualDocument {
  const prefix = options.fileName ? `${options.fileName}: ` : ''
  try {
    return readRoot(input, options)
  } catch (error) {
    if (isUserError(error)) {
      if (error.message.startsWith(prefix)) throw error
      throw new UserError(`${prefix}${error.message}`, (error as UserError).code)
    }
    // Anything else (a structure no reader expects, nesting deeper than the stack) is still about this file.
    const detail = error instanceof Error ? error.message : String(error)
    throw new UserError(`${prefix}this file cannot be read as TMX or XLIFF (${detail}).`, 'invalid-xml')
  }
}

function readRoot(input: string | Uint8Array, options: XmlReadOptions): BilingualDocument {
  const root = parseXml(input, options)
  if (root.name === 'tmx') return tmxToBilingual(root, options)
  if (root.name === 'xliff') {
    return String(root.attributes.version ?? '').startsWith('2.') ? xliff2ToBilingual(root, options) : xliff12ToBilingual(root, options)
  }
  throw new UserError(
    `${options.fileName ? `${options.fileName}: ` : ''}this is neither TMX nor XLIFF (the root element is <${root.name}>).`,
    'wrong-format'
  )
}

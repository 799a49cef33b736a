/** A reader that fails in a way nobody foresaw, or forgets the file name, still yields a message naming the file. */
import { describe, expect, it, vi } from 'vitest'
import { UserError } from '../../../src/core/errors'
import { readInterchange } from '../../../src/core/formats/index'

const failure = vi.hoisted(() => ({ error: new Error('unset') as Error }))
vi.mock('../../../src/core/formats/tmx', async (original) => ({
  ...(await original<typeof import('../../../src/core/formats/tmx')>()),
  tmxToBilingual: () => {
    throw failure.error
  }
}))

const TMX = '<tmx version="1.4"><header/><body/></tmx>'

function messageOf(read: () => unknown): { message: string; code?: string } {
  try {
    read()
  } catch (error) {
    expect(error).toBeInstanceOf(UserError)
    return error as UserError
  }
  throw new Error('expected the read to fail')
}

describe('readInterchange failures', () => {
  it('turns an unexpected error into a UserError about the file', () => {
    failure.error = new TypeError("Cannot read properties of undefined (reading 'children')")
    expect(messageOf(() => readInterchange(TMX, { fileName: 'odd.tmx' }))).toMatchObject({
      message: "odd.tmx: this file cannot be read as TMX or XLIFF (Cannot read properties of undefined (reading 'children')).",
      code: 'invalid-xml'
    })
  })

  it('puts the file name on a UserError that lacks it, keeping its code, and leaves one that has it alone', () => {
    failure.error = new UserError('a unit has no source.', 'invalid-unit')
    expect(messageOf(() => readInterchange(TMX, { fileName: 'odd.tmx' }))).toMatchObject({
      message: 'odd.tmx: a unit has no source.',
      code: 'invalid-unit'
    })
    failure.error = new UserError('odd.tmx: line 3: bad.', 'invalid-xml')
    expect(messageOf(() => readInterchange(TMX, { fileName: 'odd.tmx' })).message).toBe('odd.tmx: line 3: bad.')
  })
})

import { describe, expect, it } from 'vitest'
import { isUserError } from '../../../src/core/errors'
import { readDocument } from '../../../src/core/import'

const PNG = new Uint8Array([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0
])
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1])
const OLE = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0])
const ZIP = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 20, 0, 0, 0, 8, 0])

async function failure(name: string, bytes: Uint8Array): Promise<Error> {
  try {
    await readDocument(name, bytes)
  } catch (error) {
    expect(isUserError(error)).toBe(true)
    // One sentence for the user: no stack trace or parser jargon in the message.
    expect((error as Error).message).not.toMatch(/\n|at .*\(|Error:/)
    return error as Error
  }
  throw new Error(`${name} was accepted`)
}

describe('refusing what cannot be imported', () => {
  it('refuses an empty file', async () => {
    expect((await failure('empty.txt', new Uint8Array())).message).toBe('empty.txt is empty.')
    expect((await failure('blank.md', new TextEncoder().encode(' \n\n '))).message).toMatch(/blank\.md has no text/)
  })

  it('refuses binary data', async () => {
    expect((await failure('data.txt', new Uint8Array([0x41, 0x00, 0x42, 0x00, 0x00, 0x01, 0x02, 0x03]))).message).toMatch(
      /data\.txt .*binary|data\.txt is not/
    )
  })

  it('refuses images whatever their name', async () => {
    expect((await failure('photo.png', PNG)).message).toMatch(/photo\.png is an image; Hamta cannot read text from images/)
    expect((await failure('scan.txt', JPEG)).message).toMatch(/scan\.txt is an image/)
  })

  it('names unsupported formats and what to do instead', async () => {
    expect((await failure('x.odt', ZIP)).message).toBe('x.odt: Hamta cannot import .odt files; save it as .docx or .txt.')
    expect((await failure('x.rtf', new TextEncoder().encode('{\\rtf1 hello}'))).message).toBe(
      'x.rtf: Hamta cannot import .rtf files; save it as .docx or .txt.'
    )
    expect((await failure('old.doc', OLE)).message).toMatch(/old\.doc is an old-style Office document \(\.doc\).*Save it as \.docx or \.txt/)
    expect((await failure('notes.txt', ZIP)).message).toMatch(/notes\.txt is a compressed \(zip\) file/)
  })

  it('refuses a file that is not what its .pdf name says', async () => {
    expect((await failure('paper.pdf', new TextEncoder().encode('سلام'))).message).toMatch(/paper\.pdf is not a PDF file/)
  })

  it('uses only the file name from a path in messages', async () => {
    expect((await failure('/home/user/docs/x.odt', ZIP)).message).toMatch(/^x\.odt:/)
  })
})

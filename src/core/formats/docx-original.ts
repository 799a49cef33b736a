import { UserError } from '../errors'
import type { HamtaDocument } from '../model'

/** Word documents are not yet saved back into their original. */
export async function writeOriginalDocx(doc: HamtaDocument, original: Uint8Array): Promise<Uint8Array> {
  void original
  throw new UserError(`“${doc.title}” cannot be saved as its original Word document yet.`, 'not-supported')
}

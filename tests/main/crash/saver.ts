// Child process for the crash test: saves edits as fast as it can and says "ack N" once edit N
// is on disk. The test kills it with SIGKILL at random moments.
import { LibraryService } from '../../../src/main/services/library'

const [libraryDir, documentId, firstEdit] = process.argv.slice(2)
const library = await LibraryService.open({ libraryDir, samplesDir: libraryDir, tool: 'the crash-test saver', lockWaitMs: 5000 })
process.stdout.write('ready\n')
for (let edit = Number(firstEdit); ; edit++) {
  const rowId = `r${(edit % 5) + 1}`
  await library.saveTarget(documentId, rowId, `edit ${edit}`)
  if (edit % 7 === 0) await library.setRowStatus(documentId, rowId, 'translated')
  process.stdout.write(`ack ${edit}\n`)
}

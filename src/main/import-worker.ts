import { parentPort } from 'node:worker_threads'
import { isUserError } from '../core/errors'
import { prepareImport, type ImportJob } from './import/prepare-import'

/** One import, off the thread that serves the app: see workerImportRunner. */
parentPort?.once('message', (job: ImportJob) => {
  const port = parentPort!
  prepareImport(job, (stage) => port.postMessage({ type: 'stage', stage }))
    .then((result) => {
      const { buffer, byteOffset, byteLength } = result.fileBytes
      // Hand the file's bytes over rather than copy them, when they own their buffer.
      const transfer = byteOffset === 0 && byteLength === buffer.byteLength ? [buffer as ArrayBuffer] : []
      port.postMessage({ type: 'done', result }, transfer)
    })
    .catch((error: unknown) => {
      const err = error instanceof Error ? error : new Error(String(error))
      port.postMessage({ type: 'error', message: err.message, code: (err as { code?: string }).code, userError: isUserError(err) })
    })
})

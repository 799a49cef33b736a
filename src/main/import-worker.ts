import { parentPort } from 'node:worker_threads'
import { isUserError } from '../core/errors'
import type { WorkerJob } from './import/import-runner'
import { prepareAlignment, prepareImport } from './import/prepare-import'

/** One import, or one translation to align, off the thread that serves the app: see import-runner.ts. */
parentPort?.once('message', (message: WorkerJob) => {
  const port = parentPort!
  const work =
    message.kind === 'align'
      ? prepareAlignment(message.job).then((result) => port.postMessage({ type: 'done', result }))
      : prepareImport(message.job, (stage) => port.postMessage({ type: 'stage', stage })).then((result) => {
          const { buffer, byteOffset, byteLength } = result.fileBytes
          // Hand the file's bytes over rather than copy them, when they own their buffer.
          const transfer = byteOffset === 0 && byteLength === buffer.byteLength ? [buffer as ArrayBuffer] : []
          port.postMessage({ type: 'done', result }, transfer)
        })
  work.catch((error: unknown) => {
    const err = error instanceof Error ? error : new Error(String(error))
    port.postMessage({ type: 'error', message: err.message, code: (err as { code?: string }).code, userError: isUserError(err) })
  })
})

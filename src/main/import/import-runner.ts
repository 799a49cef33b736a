import { Worker } from 'node:worker_threads'
import { UserError } from '../../core/errors'
import { prepareImport, type ImportJob, type ImportStage, type PreparedImport } from './prepare-import'

export interface RunImportOptions {
  onStage?: (stage: ImportStage) => void
  signal?: AbortSignal
}

/** Turns an import job into the library file to write; where it runs is the runner's choice. */
export type RunImport = (job: ImportJob, options?: RunImportOptions) => Promise<PreparedImport>

export function importCancelled(fileName: string): UserError {
  return new UserError(`The import of ${fileName} was cancelled; nothing was stored.`, 'cancelled')
}

/** In this thread: for the command line (which serves nobody meanwhile) and tests. */
export const runImportHere: RunImport = async (job, options = {}) => {
  options.signal?.throwIfAborted?.()
  const prepared = await prepareImport(job, options.onStage)
  if (options.signal?.aborted) throw importCancelled(job.source.fileName)
  return prepared
}

type WorkerMessage =
  | { type: 'stage'; stage: ImportStage }
  | { type: 'done'; result: PreparedImport }
  | { type: 'error'; message: string; code?: string; userError: boolean }

export interface WorkerRunnerOptions {
  /** The built worker entry (out/main/import-worker.js). */
  workerPath: string
  /** Heap ceiling of one import: a hostile file ends its worker, not the app. */
  maxHeapMb?: number
}

/**
 * In a worker thread of its own for each import, so the thread that serves the app keeps
 * answering while a large file is parsed and segmented, a cancel ends the work at once, and all
 * of the import's memory is returned when its worker exits.
 */
export function workerImportRunner({ workerPath, maxHeapMb = 3072 }: WorkerRunnerOptions): RunImport {
  return (job, options = {}) =>
    new Promise<PreparedImport>((resolve, reject) => {
      const name = job.source.fileName
      if (options.signal?.aborted) return reject(importCancelled(name))
      const worker = new Worker(workerPath, { resourceLimits: { maxOldGenerationSizeMb: maxHeapMb } })
      let settled = false
      const finish = (outcome: () => void): void => {
        if (settled) return
        settled = true
        options.signal?.removeEventListener('abort', onAbort)
        void worker.terminate()
        outcome()
      }
      const onAbort = (): void => finish(() => reject(importCancelled(name)))
      options.signal?.addEventListener('abort', onAbort, { once: true })
      worker.on('message', (message: WorkerMessage) => {
        if (message.type === 'stage') options.onStage?.(message.stage)
        else if (message.type === 'done') finish(() => resolve(message.result))
        else
          finish(() =>
            reject(message.userError ? new UserError(message.message, message.code) : new Error(`The import of ${name} failed: ${message.message}`))
          )
      })
      worker.on('error', (error: Error & { code?: string }) =>
        finish(() =>
          reject(
            error.code === 'ERR_WORKER_OUT_OF_MEMORY'
              ? new UserError(`${name} needs more memory than Hamta gives one import (${maxHeapMb} MB). Split it into smaller files.`, 'too-large')
              : new Error(`The import of ${name} failed: ${error.message}`)
          )
        )
      )
      worker.on('exit', (code) => finish(() => reject(new Error(`The import of ${name} stopped unexpectedly (exit ${code}).`))))
      worker.postMessage(job)
    })
}

import { Worker } from 'node:worker_threads'
import { UserError } from '../../core/errors'
import type { HamtaDocument } from '../../core/model'
import { prepareAlignment, prepareImport, type AlignJob, type ImportJob, type ImportStage, type PreparedImport } from './prepare-import'

export interface RunImportOptions {
  onStage?: (stage: ImportStage) => void
  signal?: AbortSignal
}

/** Turns an import job into the library file to write; where it runs is the runner's choice. */
export type RunImport = (job: ImportJob, options?: RunImportOptions) => Promise<PreparedImport>

export function importCancelled(fileName: string): UserError {
  return new UserError(`The import of ${fileName} was cancelled; nothing was stored.`, 'cancelled')
}

/** Aligns a translation with a document already in the library; where it runs is the runner's choice. */
export type RunAlign = (job: AlignJob) => Promise<HamtaDocument>

/** In this thread: for the command line (which serves nobody meanwhile) and tests. */
export const runImportHere: RunImport = async (job, options = {}) => {
  options.signal?.throwIfAborted?.()
  const prepared = await prepareImport(job, options.onStage)
  if (options.signal?.aborted) throw importCancelled(job.source.fileName)
  return prepared
}

export const runAlignHere: RunAlign = (job) => prepareAlignment(job)

/** What the worker is sent: one job of either kind (see import-worker.ts). */
export type WorkerJob = { kind: 'import'; job: ImportJob } | { kind: 'align'; job: AlignJob }

type WorkerMessage<Result> =
  { type: 'stage'; stage: ImportStage } | { type: 'done'; result: Result } | { type: 'error'; message: string; code?: string; userError: boolean }

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
  return (job, options = {}) => inWorker<PreparedImport>({ kind: 'import', job }, job.source.fileName, { workerPath, maxHeapMb }, options)
}

/** Aligning a book-length translation takes seconds: in a worker too, for the same reasons. */
export function workerAlignRunner({ workerPath, maxHeapMb = 3072 }: WorkerRunnerOptions): RunAlign {
  return (job) => inWorker<HamtaDocument>({ kind: 'align', job }, job.translation.fileName, { workerPath, maxHeapMb })
}

function inWorker<Result>(
  message: WorkerJob,
  name: string,
  { workerPath, maxHeapMb }: Required<WorkerRunnerOptions>,
  options: RunImportOptions = {}
): Promise<Result> {
  return new Promise<Result>((resolve, reject) => {
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
    worker.on('message', (reply: WorkerMessage<Result>) => {
      if (reply.type === 'stage') options.onStage?.(reply.stage)
      else if (reply.type === 'done') finish(() => resolve(reply.result))
      else
        finish(() => reject(reply.userError ? new UserError(reply.message, reply.code) : new Error(`The import of ${name} failed: ${reply.message}`)))
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
    worker.postMessage(message)
  })
}

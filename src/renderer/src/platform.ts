import type { DocumentSummary } from '../../core/model'
import { importTooLargeMessage, MAX_IMPORT_BYTES, type ApiErrorBody, type ExportedFile, type HamtaApi } from '../../shared/contract'
import { ApiCallError, sessionToken } from './api/client'
import type { MenuCommand } from '../../shared/methods'

export interface ImportOutcome {
  imported: DocumentSummary[]
  errors: string[]
  /** What else happened (a TMX file added to the translation memory). */
  notices?: string[]
}

/** What to do with a TMX file: add it to the translation memory (the usual) or open it as a document. */
export type TmxUse = 'memory' | 'document' | null

/** What an import is doing, for the progress bar: reading the file, then Hamta processing it. */
export interface ImportProgress {
  fileName: string
  bytes: number
  phase: 'reading' | 'processing'
  /** 0..1 while reading, and while processing from the stage the import has reached. */
  fraction?: number
  /** The stage Hamta is at while processing (reading, segmenting, aligning, saving). */
  stage?: string
  /** Stops the import; nothing of it is stored. */
  cancel?: () => void
}

/** How far along each stage of an import puts it, for the bar. */
const STAGE_FRACTION: Record<string, number> = { queued: 0.02, reading: 0.1, segmenting: 0.4, aligning: 0.7, saving: 0.9 }

/**
 * Runs an import while asking the services, a few times a second, where it is; the import runs
 * off the thread that serves these questions, so they are answered at once.
 */
async function trackImport<T>(
  api: HamtaApi,
  base: Pick<ImportProgress, 'fileName' | 'bytes'>,
  run: (jobId: string) => Promise<T>,
  onProgress?: (progress: ImportProgress | null) => void
): Promise<T> {
  const jobId = `import-${crypto.randomUUID()}`
  const cancel = (): void => void api.cancelImport({ jobId }).catch(() => undefined)
  onProgress?.({ ...base, phase: 'processing', fraction: STAGE_FRACTION.queued, stage: 'queued', cancel })
  let done = false
  const poll = async (): Promise<void> => {
    while (!done) {
      await new Promise((resolve) => setTimeout(resolve, 250))
      const info = await api.importProgress({ jobId }).catch(() => null)
      if (info && !done) onProgress?.({ ...base, phase: 'processing', fraction: STAGE_FRACTION[info.stage], stage: info.stage, cancel })
    }
  }
  void poll()
  try {
    return await run(jobId)
  } finally {
    done = true
  }
}

/** Reads a dropped or picked file as base64 without blocking the page on large files. */
export function readFileAsBase64(file: Blob, onProgress?: (fraction: number) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onprogress = (event) => {
      if (event.lengthComputable && onProgress) onProgress(event.loaded / event.total)
    }
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'))
    reader.onload = () => {
      const url = String(reader.result)
      resolve(url.slice(url.indexOf(',') + 1))
    }
    reader.readAsDataURL(file)
  })
}

export async function importFiles(
  api: HamtaApi,
  files: Iterable<File>,
  onProgress?: (progress: ImportProgress | null) => void,
  chooseTmxUse: (file: File) => Promise<TmxUse> = async () => 'memory'
): Promise<ImportOutcome> {
  const outcome: ImportOutcome = { imported: [], errors: [], notices: [] }
  for (const file of files) {
    const base = { fileName: file.name, bytes: file.size }
    // Said at once, before reading a file that would be refused anyway.
    if (file.size > MAX_IMPORT_BYTES) {
      outcome.errors.push(importTooLargeMessage(file.size, `${file.name} is`))
      continue
    }
    try {
      if (/\.tmx$/i.test(file.name)) {
        const use = await chooseTmxUse(file)
        if (use === null) continue
        if (use === 'memory') {
          onProgress?.({ ...base, phase: 'reading', fraction: 0 })
          const dataBase64 = await readFileAsBase64(file, (fraction) => onProgress?.({ ...base, phase: 'reading', fraction }))
          onProgress?.({ ...base, phase: 'processing' })
          const memory = await api.tmImportMemory({ fileName: file.name, dataBase64 })
          outcome.notices!.push(
            `${file.name}: ${memory.units.toLocaleString('en')} ${memory.units === 1 ? 'unit' : 'units'} added to the translation memory.`
          )
          continue
        }
      }
      onProgress?.({ ...base, phase: 'reading', fraction: 0 })
      const dataBase64 = await readFileAsBase64(file, (fraction) => onProgress?.({ ...base, phase: 'reading', fraction }))
      outcome.imported.push(await trackImport(api, base, (jobId) => api.importDocument({ fileName: file.name, dataBase64, jobId }), onProgress))
    } catch (error) {
      outcome.errors.push(error instanceof Error ? error.message : String(error))
    }
  }
  onProgress?.(null)
  return outcome
}

/** UTF-8 text as base64, the way files travel to the services. */
export function textToBase64(text: string): string {
  const bytes = new TextEncoder().encode(text)
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(binary)
}

/** Pasted text becomes a document like an imported file. */
export async function importPastedText(api: HamtaApi, text: string): Promise<ImportOutcome> {
  try {
    return { imported: [await api.importDocument({ fileName: 'Pasted text.txt', dataBase64: textToBase64(text) })], errors: [] }
  } catch (error) {
    return { imported: [], errors: [error instanceof Error ? error.message : String(error)] }
  }
}

/** The page's own file chooser (a native dialog in the desktop app too); empty when cancelled. */
export function pickFiles(accept: string, multiple = false): Promise<File[]> {
  return new Promise<File[]>((resolve) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.accept = accept
    input.multiple = multiple
    input.addEventListener('change', () => resolve(Array.from(input.files ?? [])))
    input.addEventListener('cancel', () => resolve([]))
    input.click()
  })
}

/** Opens the system's file chooser: the desktop app's import dialog, or the browser's. */
export async function chooseAndImport(
  api: HamtaApi,
  onProgress?: (progress: ImportProgress | null) => void,
  chooseTmxUse?: (file: File) => Promise<TmxUse>
): Promise<ImportOutcome> {
  if (window.hamta) return window.hamta.desktop.importWithDialog()
  return importFiles(api, await pickFiles(IMPORT_ACCEPT, true), onProgress, chooseTmxUse)
}

/** A new document from a Persian article and its English translation, aligned sentence by sentence. */
export async function importPair(api: HamtaApi, persian: File, english: File): Promise<ImportOutcome> {
  try {
    const summary = await api.importPair({
      source: { fileName: persian.name, dataBase64: await readFileAsBase64(persian) },
      target: { fileName: english.name, dataBase64: await readFileAsBase64(english) }
    })
    return { imported: [summary], errors: [] }
  } catch (error) {
    return { imported: [], errors: [error instanceof Error ? error.message : String(error)] }
  }
}

/** Files Hamta can import, for file choosers. */
export const IMPORT_ACCEPT = '.txt,.md,.markdown,.html,.htm,.docx,.pdf,.xlf,.xliff,.tmx,.json,text/plain'

function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}

/** Saves an exported file: the native save dialog in the desktop app, a download otherwise. */
export async function saveExport(file: ExportedFile): Promise<boolean> {
  if (window.hamta) return (await window.hamta.desktop.saveFile(file.fileName, file.content, file.encoding)).saved
  const body = file.encoding === 'base64' ? base64ToBytes(file.content) : file.content
  download(new Blob([body], { type: file.mimeType }), file.fileName)
  return true
}

/** Hands a file to the browser's downloads. */
function download(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/**
 * Saves the translation memory (or one document's part) as TMX, streamed: the desktop app writes
 * it to the file the user picks; browser mode downloads it from the server without the page ever
 * holding it as one string. False when the user cancelled.
 */
export async function saveMemoryTmx(documentId?: string): Promise<boolean> {
  if (window.hamta) return (await window.hamta.desktop.saveMemoryTmx(documentId)).saved
  const query = documentId === undefined ? '' : `?documentId=${encodeURIComponent(documentId)}`
  const response = await fetch(`/download/memory.tmx${query}`, { headers: { 'x-hamta-token': sessionToken() ?? '' } }).catch(() => {
    throw new ApiCallError('offline', 'Hamta’s browser-mode server is not answering. Is `npm run web` still running?')
  })
  if (!response.ok) {
    const payload = (await response.json().catch(() => null)) as Partial<ApiErrorBody> | null
    throw new ApiCallError(payload?.error?.code ?? `http-${response.status}`, payload?.error?.message ?? `The export failed (${response.status}).`)
  }
  const named = /filename\*=UTF-8''([^;]+)/.exec(response.headers.get('content-disposition') ?? '')?.[1]
  download(await response.blob(), named ? decodeURIComponent(named) : 'memory.tmx')
  return true
}

export function onMenuCommand(listener: (command: MenuCommand) => void): () => void {
  return window.hamta ? window.hamta.desktop.onMenuCommand(listener) : () => undefined
}

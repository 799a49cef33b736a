import type { DocumentSummary } from '../../core/model'
import type { HamtaApi } from '../../shared/contract'
import type { MenuCommand } from '../../shared/methods'

export interface ImportOutcome {
  imported: DocumentSummary[]
  errors: string[]
}

/** Reads a dropped or picked file as base64 without blocking the page on large files. */
export function readFileAsBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'))
    reader.onload = () => {
      const url = String(reader.result)
      resolve(url.slice(url.indexOf(',') + 1))
    }
    reader.readAsDataURL(file)
  })
}

export async function importFiles(api: HamtaApi, files: Iterable<File>): Promise<ImportOutcome> {
  const outcome: ImportOutcome = { imported: [], errors: [] }
  for (const file of files) {
    try {
      outcome.imported.push(await api.importDocument({ fileName: file.name, dataBase64: await readFileAsBase64(file) }))
    } catch (error) {
      outcome.errors.push(error instanceof Error ? error.message : String(error))
    }
  }
  return outcome
}

/** Opens the system's file chooser: the native dialog in the desktop app, the browser's otherwise. */
export async function chooseAndImport(api: HamtaApi): Promise<ImportOutcome> {
  if (window.hamta) return window.hamta.desktop.importWithDialog()
  const files = await new Promise<File[]>((resolve) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.accept = '.txt,text/plain'
    input.multiple = true
    input.addEventListener('change', () => resolve(Array.from(input.files ?? [])))
    input.addEventListener('cancel', () => resolve([]))
    input.click()
  })
  return importFiles(api, files)
}

/** Saves an exported file: the native save dialog in the desktop app, a download otherwise. */
export async function saveExport(file: { fileName: string; mimeType: string; content: string }): Promise<boolean> {
  if (window.hamta) return (await window.hamta.desktop.saveFile(file.fileName, file.content)).saved
  const url = URL.createObjectURL(new Blob([file.content], { type: file.mimeType }))
  const link = document.createElement('a')
  link.href = url
  link.download = file.fileName
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
  return true
}

export function onMenuCommand(listener: (command: MenuCommand) => void): () => void {
  return window.hamta ? window.hamta.desktop.onMenuCommand(listener) : () => undefined
}

import type { HamtaApi } from '../shared/contract'
import type { MenuCommand } from '../shared/methods'

export interface DesktopImportResult {
  imported: import('../core/model').DocumentSummary[]
  errors: string[]
  /** What else happened (a TMX file added to the translation memory). */
  notices?: string[]
}

/** What the desktop preload exposes to the page as `window.hamta`. */
export interface HamtaBridge {
  api: HamtaApi
  desktop: {
    importWithDialog(): Promise<DesktopImportResult>
    saveFile(fileName: string, content: string, encoding: 'utf8' | 'base64'): Promise<{ saved: boolean; path?: string }>
    /** Streams the translation memory (or one document's part) to a file the user chooses. */
    saveMemoryTmx(documentId?: string): Promise<{ saved: boolean; path?: string; units?: number }>
    onMenuCommand(listener: (command: MenuCommand) => void): () => void
  }
}

declare global {
  interface Window {
    hamta?: HamtaBridge
  }
}

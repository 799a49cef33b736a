import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { DESKTOP_CHANNELS, MENU_COMMANDS, type MenuCommand } from '../shared/methods'
import type { HamtaBridge } from './api'
import { buildApiFacade } from './facade'

const bridge: HamtaBridge = {
  api: buildApiFacade((channel, input) => ipcRenderer.invoke(channel, input)),
  desktop: {
    importWithDialog: () => ipcRenderer.invoke(DESKTOP_CHANNELS.importWithDialog),
    saveFile: (fileName, content, encoding) => ipcRenderer.invoke(DESKTOP_CHANNELS.saveFile, { fileName, content, encoding }),
    saveMemoryTmx: (documentId) => ipcRenderer.invoke(DESKTOP_CHANNELS.saveMemoryTmx, documentId === undefined ? {} : { documentId }),
    onMenuCommand(listener) {
      const forward = (_event: IpcRendererEvent, command: unknown): void => {
        if ((MENU_COMMANDS as readonly unknown[]).includes(command)) listener(command as MenuCommand)
      }
      ipcRenderer.on(DESKTOP_CHANNELS.menuCommand, forward)
      return () => ipcRenderer.removeListener(DESKTOP_CHANNELS.menuCommand, forward)
    }
  }
}

contextBridge.exposeInMainWorld('hamta', bridge)

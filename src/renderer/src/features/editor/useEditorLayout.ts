import { useCallback, useState } from 'react'

/** How the editor uses the window: row density, and which bars and panels are open. */
export interface EditorLayout {
  density: 'compact' | 'comfortable'
  sidePanel: boolean
  toolbars: boolean
}

const DEFAULT_LAYOUT: EditorLayout = { density: 'compact', sidePanel: true, toolbars: true }
const STORAGE_KEY = 'hamta.editorLayout'

function load(): EditorLayout {
  try {
    const stored = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}') as Partial<EditorLayout>
    return {
      density: stored.density === 'comfortable' ? 'comfortable' : 'compact',
      sidePanel: typeof stored.sidePanel === 'boolean' ? stored.sidePanel : DEFAULT_LAYOUT.sidePanel,
      toolbars: typeof stored.toolbars === 'boolean' ? stored.toolbars : DEFAULT_LAYOUT.toolbars
    }
  } catch {
    return DEFAULT_LAYOUT
  }
}

/**
 * The layout, kept per machine (it follows the screen, not the document). Compact by default,
 * so that a laptop screen shows many rows.
 */
export function useEditorLayout() {
  const [layout, setLayout] = useState<EditorLayout>(load)
  const change = useCallback((update: (current: EditorLayout) => Partial<EditorLayout>) => {
    setLayout((current) => {
      const next = { ...current, ...update(current) }
      try {
        localStorage.setItem(STORAGE_KEY, JSON.stringify(next))
      } catch {
        // Storage refused: the layout holds until the page closes.
      }
      return next
    })
  }, [])
  return {
    layout,
    toggleSidePanel: useCallback(() => change((current) => ({ sidePanel: !current.sidePanel })), [change]),
    toggleToolbars: useCallback(() => change((current) => ({ toolbars: !current.toolbars })), [change]),
    toggleDensity: useCallback(() => change((current) => ({ density: current.density === 'compact' ? 'comfortable' : 'compact' })), [change])
  }
}

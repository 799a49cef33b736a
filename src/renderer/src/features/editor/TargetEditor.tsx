import { Extension, type JSONContent } from '@tiptap/core'
import { Selection } from '@tiptap/pm/state'
import { EditorContent, useEditor } from '@tiptap/react'
import StarterKit from '@tiptap/starter-kit'
import { useLayoutEffect, useRef } from 'react'

export interface TargetEditorCallbacks {
  onChange: (text: string) => void
  onConfirm: () => void
  onMove: (step: 1 | -1) => void
  /** Ctrl+Z / Ctrl+Shift+Z when the editor has no typing of its own to undo or redo. */
  onUndoElsewhere?: () => void
  onRedoElsewhere?: () => void
}

/** Plain text in, ProseMirror document out: one paragraph per line. */
export function textToEditorContent(text: string): JSONContent {
  return {
    type: 'doc',
    content: text.split('\n').map((line) => (line ? { type: 'paragraph', content: [{ type: 'text', text: line }] } : { type: 'paragraph' }))
  }
}

/** Row shortcuts win over the editor's own (StarterKit binds Mod-Enter to a hard break). */
const RowShortcuts = Extension.create<{ callbacks: { current: TargetEditorCallbacks | null } }>({
  name: 'rowShortcuts',
  priority: 1000,
  addOptions() {
    return { callbacks: { current: null } }
  },
  addKeyboardShortcuts() {
    const callbacks = (): TargetEditorCallbacks | null => this.options.callbacks.current
    return {
      'Mod-Enter': () => {
        callbacks()?.onConfirm()
        return true
      },
      'Alt-ArrowDown': () => {
        callbacks()?.onMove(1)
        return true
      },
      'Alt-ArrowUp': () => {
        callbacks()?.onMove(-1)
        return true
      },
      // The row's own typing is undone first; past that, undo reaches the alignment edits.
      'Mod-z': () => {
        if (this.editor.can().undo() || !callbacks()?.onUndoElsewhere) return false
        callbacks()!.onUndoElsewhere!()
        return true
      },
      'Shift-Mod-z': () => {
        if (this.editor.can().redo() || !callbacks()?.onRedoElsewhere) return false
        callbacks()!.onRedoElsewhere!()
        return true
      },
      'Mod-y': () => {
        if (this.editor.can().redo() || !callbacks()?.onRedoElsewhere) return false
        callbacks()!.onRedoElsewhere!()
        return true
      }
    }
  }
})

interface TargetEditorProps extends TargetEditorCallbacks {
  initialText: string
  label: string
}

/**
 * The English editor, mounted only in the active row: one TipTap instance for the whole document
 * keeps typing fast in long articles and gives each row its own clean undo history.
 */
export function TargetEditor({ initialText, label, ...callbacks }: TargetEditorProps): React.JSX.Element {
  const callbackRef = useRef<TargetEditorCallbacks | null>(callbacks)
  callbackRef.current = callbacks
  const editor = useEditor({
    extensions: [
      StarterKit.configure({
        // Translations are stored as plain text for now: offer no formatting that would be lost.
        heading: false,
        blockquote: false,
        bulletList: false,
        orderedList: false,
        listItem: false,
        listKeymap: false,
        codeBlock: false,
        horizontalRule: false,
        hardBreak: false,
        bold: false,
        italic: false,
        strike: false,
        underline: false,
        code: false,
        link: false
      }),
      RowShortcuts.configure({ callbacks: callbackRef })
    ],
    content: textToEditorContent(initialText),
    immediatelyRender: true,
    editorProps: {
      attributes: { 'aria-label': label, dir: 'ltr', lang: 'en', spellcheck: 'true', class: 'target-editor', 'data-testid': 'target-editor' }
    },
    onUpdate: ({ editor: current }) => callbackRef.current?.onChange(current.getText({ blockSeparator: '\n' }))
  })
  // Focus before the browser handles the next key press: a translator who confirms a row with
  // Ctrl+Enter and keeps typing must not lose the first letters to the row being replaced.
  // (TipTap's focus command waits for the next animation frame, which can undo a Ctrl+A made
  // in between; the view is focused and the caret placed at once instead.)
  useLayoutEffect(() => {
    if (!editor || editor.isDestroyed) return
    const { view, state } = editor
    view.dispatch(state.tr.setSelection(Selection.atEnd(state.doc)))
    view.focus()
  }, [editor])
  return <EditorContent editor={editor} className="target-editor-host" />
}

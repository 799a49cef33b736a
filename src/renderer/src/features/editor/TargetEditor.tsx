import type { Editor } from '@tiptap/core'
import { Selection } from '@tiptap/pm/state'
import { EditorContent, useEditor } from '@tiptap/react'
import StarterKit from '@tiptap/starter-kit'
import { useEffect, useLayoutEffect, useRef, useState } from 'react'
import type { SpanTag } from '../../../../core/model'
import type { TagDefinition } from '../../../../core/review/palette'
import { SpellingSuggestions } from './SpellingSuggestions'
import { Spellcheck } from './SpellcheckExtension'
import type { Misspelling } from './spelling'
import { TagMark } from './TagMark'
import { InlineCodeNode } from './InlineCodeNode'
import { missingCodes, type InlineCode } from '../../../../core/formats/inline-codes'
import { editorContentFor, textAndSpansOf, type EditorSpan } from './tagging'

const NO_CODES: readonly InlineCode[] = []

export interface TargetEditorCallbacks {
  /** The English and its tagged spans, after every change. */
  onChange: (text: string, spans: EditorSpan[]) => void
  /**
   * Every key press with a modifier or a function key goes to the editor's commands before the
   * editor's own keys, so that no shortcut is swallowed here (ProseMirror takes every Enter and
   * Escape); `local` tells whether the editor has typing of its own to undo or redo. True when
   * the key ran a command.
   */
  onKey: (event: KeyboardEvent, local: { canUndo: boolean; canRedo: boolean }) => boolean
}

interface TargetEditorProps extends TargetEditorCallbacks {
  initialText: string
  initialSpans: readonly SpanTag[]
  palette: readonly TagDefinition[]
  label: string
  /** Hands the editor to the page, so tag buttons can mark its selection. */
  onReady?: (editor: Editor | null) => void
  /** Inline codes of the row (from an XLIFF or Word original) and the Persian holding them, for F9. */
  codes?: readonly InlineCode[]
  sourceText?: string
}

/**
 * Puts the next inline code of the Persian that the English lacks at the cursor (the
 * `insertNextCode` command, F9 by default); false when every code is there.
 */
export function insertNextMissingCode(editor: Editor, sourceText: string): boolean {
  const next = missingCodes(sourceText, textAndSpansOf(editor.getJSON()).text)[0]
  if (next === undefined) return false
  editor
    .chain()
    .focus()
    .insertContent({ type: 'inlineCode', attrs: { index: next } })
    .run()
  return true
}

/**
 * The English editor, mounted only in the active row: one TipTap instance for the whole document
 * keeps typing fast in long articles and gives each row its own clean undo history.
 */
export function TargetEditor({
  initialText,
  initialSpans,
  palette,
  label,
  onReady,
  codes = NO_CODES,
  sourceText = '',
  ...callbacks
}: TargetEditorProps): React.JSX.Element {
  const [misspellings, setMisspellings] = useState<Misspelling[]>([])
  const callbackRef = useRef<TargetEditorCallbacks | null>(callbacks)
  callbackRef.current = callbacks
  const editorRef = useRef<Editor | null>(null)
  const editor = useEditor({
    extensions: [
      StarterKit.configure({
        // Translations are stored as text with tag spans: offer no formatting that would be lost.
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
      Spellcheck.configure({ onChange: (found) => setMisspellings(found) }),
      InlineCodeNode.configure({ codes }),
      TagMark.configure({
        colorOf: (tagId) => palette.find((tag) => tag.id === tagId)?.color ?? '#888888',
        nameOf: (tagId) => palette.find((tag) => tag.id === tagId)?.name ?? tagId
      })
    ],
    content: editorContentFor(initialText, initialSpans),
    immediatelyRender: true,
    editorProps: {
      attributes: { 'aria-label': label, dir: 'ltr', lang: 'en', spellcheck: 'true', class: 'target-editor', 'data-testid': 'target-editor' },
      // Runs before every keymap of the editor (StarterKit binds Mod-Enter, for one).
      handleKeyDown: (view, event) => {
        // Function keys (F9 puts the next inline code in), Escape (gives the row's English back)
        // and modified keys go to the editor's commands first.
        if (!event.ctrlKey && !event.metaKey && !event.altKey && !/^F\d/.test(event.key) && event.key !== 'Escape') return false
        const current = editorRef.current
        const local = current ? { canUndo: current.can().undo(), canRedo: current.can().redo() } : { canUndo: false, canRedo: false }
        return callbackRef.current?.onKey(event, local) ?? false
      }
    },
    onUpdate: ({ editor: current }) => {
      const { text, spans } = textAndSpansOf(current.getJSON())
      callbackRef.current?.onChange(text, spans)
    }
  })
  editorRef.current = editor
  useEffect(() => {
    onReady?.(editor)
    return () => onReady?.(null)
  }, [editor, onReady])
  // Focus before the browser handles the next key press: a translator who confirms a row with
  // Ctrl+Enter and keeps typing must not lose the first letters to the row being replaced.
  // (TipTap's focus command waits for the next animation frame, which can undo a Ctrl+A made
  // in between; the view is focused and the caret placed at once instead.)
  useLayoutEffect(() => {
    if (!editor || editor.isDestroyed) return
    const { view, state } = editor
    view.dispatch(state.tr.setSelection(Selection.atEnd(state.doc)))
    // A row reloaded under the user (a cleanup fix accepted in the side panel, a map mark clicked)
    // leaves their focus where it is; from the grid, or nowhere, the caret comes here.
    const focused = document.activeElement
    if (focused && focused !== document.body && !focused.closest('.grid')) return
    view.focus()
  }, [editor])
  return (
    <>
      <EditorContent editor={editor} className="target-editor-host" />
      {editor && misspellings.length > 0 && <SpellingSuggestions editor={editor} misspellings={misspellings} />}
    </>
  )
}

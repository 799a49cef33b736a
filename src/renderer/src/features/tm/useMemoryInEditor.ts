import type { Editor } from '@tiptap/core'
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react'
import type { HamtaDocument } from '../../../../core/model'
import type { TmMatch } from '../../../../core/tm/types'
import type { HamtaApi, LibrarySettings } from '../../../../shared/contract'
import type { DocumentSession } from '../editor/useDocumentSession'
import { useTmMatches } from './useTmMatches'

interface MemoryInEditorOptions {
  api: HamtaApi
  documentId: string
  session: DocumentSession
  settings: LibrarySettings
  editorRef: RefObject<Editor | null>
  /** Shows the memory's tab (for a concordance search asked for by key). */
  openTab: () => void
}

/**
 * The translation memory as the editor uses it: the active row's matches, putting a match into
 * the English (by key or click, and an exact match on entering an empty row when the setting
 * asks for it), and concordance searches of the selected words.
 */
export function useMemoryInEditor({ api, documentId, session, settings, editorRef, openTab }: MemoryInEditorOptions) {
  const { rows, activeIndex, rowsRef, activeRef, changeActiveText, showDocumentState, setNotice } = session
  const activeRow = rows[activeIndex]
  const [revision, setRevision] = useState(0)
  const state = useTmMatches(api, documentId, activeRow?.id, settings, revision)
  const [concordanceText, setConcordanceText] = useState('')
  const [searchSerial, setSearchSerial] = useState(0)

  /** Replaces the active row's English with a match's (its numbers adapted where only they differ). */
  const insert = useCallback(
    (match: TmMatch) => {
      const text = match.adaptedTarget ?? match.target
      const editor = editorRef.current
      if (editor) {
        // setContent reports the change like typing does, so it is saved the same way.
        editor.chain().setContent(text).focus('end').run()
      } else if (rowsRef.current[activeRef.current]) {
        changeActiveText(text, [])
      }
    },
    [editorRef, rowsRef, activeRef, changeActiveText]
  )

  const insertMatch = useCallback(
    (n: number) => {
      const row = rowsRef.current[activeRef.current]
      const match = row && state.rowId === row.id ? state.matches[n - 1] : undefined
      if (match) insert(match)
      else setNotice(`There is no translation memory match ${n} for this row.`)
    },
    [insert, state, rowsRef, activeRef, setNotice]
  )

  // An exact match goes into an empty row by itself, once, when the user asked for that.
  const autoInserted = useRef(new Set<string>())
  useEffect(() => {
    const row = rowsRef.current[activeRef.current]
    const best = state.matches[0]
    if (!settings.tmAutoInsertExact || !row || state.rowId !== row.id || !best || best.score < 100) return
    if (row.target.trim() || autoInserted.current.has(row.id) || row.doNotTranslate) return
    autoInserted.current.add(row.id)
    insert(best)
  }, [state, settings.tmAutoInsertExact, insert, rowsRef, activeRef])

  const searchSelection = useCallback(() => {
    const editor = editorRef.current
    const inEditor =
      editor && !editor.state.selection.empty ? editor.state.doc.textBetween(editor.state.selection.from, editor.state.selection.to, ' ') : ''
    const selected = (inEditor || window.getSelection()?.toString() || '').trim()
    if (selected) setConcordanceText(selected.slice(0, 500))
    openTab()
    setSearchSerial((serial) => serial + 1)
  }, [editorRef, openTab])

  /** A confirmed row's English goes into the empty rows with the same sentence (repetitions). */
  const propagate = useCallback(
    (rowId: string) => {
      void api.tmPropagate({ documentId, rowId }).then(
        ({ rowIds, document }) => {
          if (rowIds.length === 0) return
          showDocumentState({ document, canUndo: false, canRedo: false })
          setRevision((value) => value + 1)
          const numbers = rowIds.map((id) => document.rows.findIndex((row) => row.id === id) + 1).join(', ')
          setNotice(
            `The same sentence in ${rowIds.length === 1 ? 'row' : 'rows'} ${numbers} took this English as a draft (the TM tab can take it back there).`
          )
        },
        (error: Error) => setNotice(error.message)
      )
    },
    [api, documentId, showDocumentState, setNotice]
  )

  const occurrenceDiffers = useCallback(
    (rowId: string) => {
      void api.tmOccurrenceDiffers({ documentId, rowId }).then(
        ({ document }) => {
          showDocumentState({ document, canUndo: false, canRedo: false })
          setRevision((value) => value + 1)
        },
        (error: Error) => setNotice(error.message)
      )
    },
    [api, documentId, showDocumentState, setNotice]
  )

  const onPretranslated = useCallback(
    (document: HamtaDocument, filled: number) => {
      showDocumentState({ document, canUndo: false, canRedo: false })
      setRevision((value) => value + 1)
      setNotice(filled === 0 ? 'No empty row had a match at that level.' : `${filled} empty rows were filled from the memory, as drafts.`)
    },
    [showDocumentState, setNotice]
  )

  return {
    insertMatch,
    searchSelection,
    propagate,
    panel: {
      state,
      revision,
      activeRowId: activeRow?.id,
      onOccurrenceDiffers: occurrenceDiffers,
      onInsert: insert,
      concordanceText,
      onConcordanceText: setConcordanceText,
      searchSerial,
      onPretranslated
    }
  }
}

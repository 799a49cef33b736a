import type { Editor } from '@tiptap/core'
import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react'
import type { ExportFormat, ExportOptionName } from '../../../../core/formats/catalog'
import { computeProgress, type HamtaDocument } from '../../../../core/model'
import type { TagDefinition } from '../../../../core/review/palette'
import { DEFAULT_SETTINGS, type HamtaApi, type LibrarySettings } from '../../../../shared/contract'
import type { MenuCommand } from '../../../../shared/methods'
import { readFileAsBase64, saveExport, textToBase64 } from '../../platform'
import { AlignmentMap } from './AlignmentMap'
import { AlignmentToolbar } from './AlignmentToolbar'
import { reshapingRefusal, type ReshapingEdit } from '../../../../core/align/original-rows'
import { CleanupPanel } from './CleanupPanel'
import { EditorHeader } from './EditorHeader'
import { ExportDialog } from './ExportDialog'
import { FilterBar, NO_FILTER } from './FilterBar'
import { GoToRowDialog } from './GoToRowDialog'
import { OverviewPanel } from './OverviewPanel'
import { RejectDialog } from './RejectDialog'
import { RowGrid } from './RowGrid'
import { RowPanel } from './RowPanel'
import { loadKeyBindings, saveKeyBindings, type EditorAction, type KeyBindings } from './shortcuts'
import { ShortcutsDialog } from './ShortcutsDialog'
import { SidePanel, type SideTab } from './SidePanel'
import { proposeSplit, SplitRowPanel } from './SplitRowPanel'
import { TagBar } from './TagBar'
import { insertNextMissingCode, TargetEditor } from './TargetEditor'
import { TranslationImportDialog } from './TranslationImportDialog'
import { TmPanel } from '../tm/TmPanel'
import { useMemoryInEditor } from '../tm/useMemoryInEditor'
import { useAlignmentEdits } from './useAlignmentEdits'
import { errorMessage, useDocumentSession } from './useDocumentSession'
import { useEditorCommands } from './useEditorCommands'
import { useEditorLayout } from './useEditorLayout'
import { useRowActions } from './useRowActions'
import { useRowFilter } from './useRowFilter'
import { useTagSelection } from './useTagSelection'
import { QaPanel } from './QaPanel'
import { TermsPanel } from './TermsPanel'
import { useQa, useQaFilter } from './useQa'
import { nextTermEnglish, useTermbase } from './useTermbase'
import { useTermCapture } from './useTermCapture'
import { useRowRevert } from './useRowRevert'
import { RowHistory } from '../team/RowHistory'
import { SyncIndicator } from '../team/SyncIndicator'
import { useTeamInEditor } from '../team/useTeamInEditor'

/** Toolbar actions that reshape rows, as the edits a kept original may refuse. */
const RESHAPING_ACTIONS: Partial<Record<EditorAction, ReshapingEdit>> = {
  mergeWithNext: { kind: 'mergeWithNext' },
  splitRow: { kind: 'splitRow' },
  englishToPrevious: { kind: 'moveSentence', direction: 'previous' },
  persianToPrevious: { kind: 'moveSentence', direction: 'previous' },
  englishToNext: { kind: 'moveSentence', direction: 'next' },
  persianToNext: { kind: 'moveSentence', direction: 'next' }
}

/** The side tab `step` places after (or before) the current one, round the end. */
function stepTab(ids: readonly string[], current: string, step: 1 | -1): string {
  const at = Math.max(0, ids.indexOf(current))
  return ids[(at + step + ids.length) % ids.length] ?? current
}

interface EditorViewProps {
  api: HamtaApi
  documentId: string
  onClose: () => void
  onError: (message: string) => void
  menuCommand: { command: MenuCommand; serial: number } | null
}

/**
 * The editor of one document: the grid of aligned rows with the English editor in the active
 * row, the toolbars, and the side panel. Each concern lives in its own hook or component:
 * useDocumentSession (loading, saving, edits), useRowFilter, useEditorCommands (commands and
 * keys), useAlignmentEdits, useTagSelection, useRowActions, RowGrid, SidePanel.
 */
export function EditorView({ api, documentId, onClose, onError, menuCommand }: EditorViewProps): React.JSX.Element {
  const [sideTab, setSideTab] = useState('row')
  // Reviewers of an aligned document start with the map in view.
  const onLoaded = useCallback((loaded: HamtaDocument) => {
    if (loaded.rows.some((row) => row.alignment)) setSideTab('map')
  }, [])
  const session = useDocumentSession({ api, documentId, onError, onClose, onLoaded })
  const { doc, rows, rowsRef, activeIndex, activate, queue, notice, history } = session
  const team = useTeamInEditor(api, documentId, session, onError)

  const [palette, setPalette] = useState<TagDefinition[]>([])
  const [settings, setSettings] = useState<LibrarySettings>(DEFAULT_SETTINGS)
  useEffect(() => {
    void api.getPalette({}).then(setPalette, (error: Error) => onError(error.message))
    void api.getSettings({}).then(setSettings, (error: Error) => onError(error.message))
  }, [api, onError])
  const changeSettings = useCallback(
    (change: Partial<LibrarySettings>) => {
      setSettings((current) => ({ ...current, ...change }))
      void api.updateSettings(change).then(setSettings, (error: Error) => onError(error.message))
    },
    [api, onError]
  )
  const saveAuthorName = useCallback((name: string) => changeSettings({ authorName: name }), [changeSettings])

  const [reviewing, setReviewing] = useState(false)
  /** In review mode the English is read-only unless the reviewer chooses to edit this row. */
  const [editingRowId, setEditingRowId] = useState<string | null>(null)
  /** The split panel, open with its proposed split point. */
  const [splitting, setSplitting] = useState<{ source: number; target: number } | null>(null)
  const [rejecting, setRejecting] = useState(false)
  const [exporting, setExporting] = useState(false)
  const [importingTranslation, setImportingTranslation] = useState(false)
  const openSplit = useCallback(() => {
    const row = session.rowsRef.current[session.activeRef.current]
    if (row) setSplitting(proposeSplit(row))
  }, [session.rowsRef, session.activeRef])
  const splitAt = useCallback(
    (index: number, at: { side: 'source' | 'target'; count: number }) => {
      activate(index)
      setSplitting(proposeSplit(session.rowsRef.current[index], at))
    },
    [activate, session.rowsRef]
  )
  const openReject = useCallback(() => setRejecting(true), [])
  const [showingKeys, setShowingKeys] = useState(false)
  const [goingToRow, setGoingToRow] = useState(false)
  const [bindings, setBindings] = useState<KeyBindings>(loadKeyBindings)
  const changeBindings = useCallback((next: KeyBindings) => {
    setBindings(next)
    saveKeyBindings(next)
  }, [])
  const { layout, toggleSidePanel, toggleToolbars, toggleDensity } = useEditorLayout()
  const sideTabIds = useRef<string[]>([])
  const view = useMemo(
    () => ({
      toggleSidePanel,
      toggleToolbars,
      toggleDensity,
      showShortcuts: () => setShowingKeys(true),
      goToRow: () => setGoingToRow(true),
      exportDocument: () => setExporting(true),
      toggleReview: () => {
        setReviewing((on) => !on)
        setEditingRowId(null)
      },
      focusSearch: () => {
        if (!layout.toolbars) toggleToolbars()
        // After the toolbars are drawn, when they were hidden.
        requestAnimationFrame(() => document.querySelector<HTMLInputElement>('.filter-bar input[type="search"]')?.focus())
      },
      nextSideTab: () => setSideTab((current) => stepTab(sideTabIds.current, current, 1)),
      previousSideTab: () => setSideTab((current) => stepTab(sideTabIds.current, current, -1))
    }),
    [toggleSidePanel, toggleToolbars, toggleDensity, layout.toolbars]
  )

  const editorRef = useRef<Editor | null>(null)
  const onEditorReady = useCallback((editor: Editor | null) => {
    editorRef.current = editor
  }, [])

  const aligned = rows.some((row) => row.alignment)
  // The side panels and the figures follow typing at low priority: a keystroke never waits for
  // the map or the overview of a long document to redraw.
  const deferredRows = useDeferredValue(rows)
  const rowFilter = useRowFilter(doc, rows, activeIndex, activate)
  const memory = useMemoryInEditor({ api, documentId, session, settings, editorRef, openTab: () => setSideTab('tm') })
  const alignment = useAlignmentEdits(api, documentId, session)
  const applyTag = useTagSelection(api, documentId, session, editorRef)
  const qa = useQa(api, documentId, onError)
  const qaFilter = useQaFilter(qa, rowFilter)
  const termbase = useTermbase(api, onError)
  const termCapture = useTermCapture(editorRef, () => setSideTab('terms'))
  const { matcher: termMatcher } = termbase
  const { activeRef, setNotice } = session
  const insertTerm = useCallback(() => {
    const row = rowsRef.current[activeRef.current]
    const editor = editorRef.current
    if (!row || !editor || editor.isDestroyed) return setNotice('Click the English of a row to put a term into it.')
    const english = nextTermEnglish(termMatcher, row.source.map((sentence) => sentence.text).join(' '), editor.getText())
    if (english === null) return setNotice(termMatcher ? 'The English has every term of this row.' : 'The termbase has no terms yet (Terms tab).')
    setNotice(null)
    // A word typed up to the cursor, or going on after it, keeps a space from the term.
    const { from, to } = editor.state.selection
    const before = editor.state.doc.textBetween(Math.max(0, from - 1), from)
    const after = editor.state.doc.textBetween(to, Math.min(editor.state.doc.content.size, to + 1))
    const text = `${/[\p{L}\p{N}]/u.test(before) ? ' ' : ''}${english}${/[\p{L}\p{N}]/u.test(after) ? ' ' : ''}`
    editor.chain().focus().insertContent(text).run()
  }, [rowsRef, activeRef, setNotice, termMatcher])
  const insertNextCode = useCallback(() => {
    const row = rowsRef.current[activeRef.current]
    const editor = editorRef.current
    if (!row?.codes?.length) return setNotice('This row has no inline codes.')
    if (!editor || editor.isDestroyed) return setNotice('Click the English of the row to put a code into it.')
    if (!insertNextMissingCode(editor, row.source.map((sentence) => sentence.text).join(' ')))
      return setNotice('The English has every code of this row.')
    setNotice(null)
  }, [rowsRef, activeRef, setNotice])
  const activeRow = rows[activeIndex]
  const unsaved = activeRow ? queue.unsavedValue(activeRow.id) : undefined
  const editorKey = activeRow ? `${activeRow.id}:${session.rowsVersion}` : ''
  const revertRow = useRowRevert(editorRef, session, activeRow, editorKey, unsaved?.text ?? activeRow?.target ?? '')
  const { perform, move, handleKey } = useEditorCommands({
    api,
    documentId,
    session,
    alignment,
    rowMatches: rowFilter.rowMatches,
    aligned,
    reviewing,
    palette,
    applyTag,
    openSplit,
    openReject,
    insertMatch: memory.insertMatch,
    searchConcordance: memory.searchSelection,
    onConfirmed: (rowId: string) => {
      memory.propagate(rowId)
      void qa.runRow(rowId)
    },
    addTerm: termCapture.capture,
    insertTerm,
    insertNextCode,
    revertRow,
    hasQaFinding: qa.hasFinding,
    bindings,
    view
  })

  const exportAs = useCallback(
    async (format: ExportFormat, options: Partial<Record<ExportOptionName, boolean>> = {}) => {
      try {
        await queue.flush()
        await saveExport(await api.exportDocument({ documentId, format, options }))
        setExporting(false)
      } catch (error) {
        onError(errorMessage(error))
      }
    },
    [api, documentId, onError, queue]
  )

  const importTranslation = useCallback(
    async (source: { file: File } | { text: string }) => {
      const hasEnglish = rowsRef.current.some((row) => row.target.trim())
      const fileName = 'file' in source ? source.file.name : 'Pasted translation.txt'
      const dataBase64 = 'file' in source ? await readFileAsBase64(source.file) : textToBase64(source.text)
      await session.runStructuralEdit(() => api.importTranslation({ documentId, fileName, dataBase64, replace: hasEnglish }))
      setImportingTranslation(false)
      rowFilter.setFilter(NO_FILTER)
      setSideTab('map')
    },
    [api, documentId, rowsRef, session, rowFilter]
  )

  useEffect(() => {
    if (!menuCommand) return
    if (menuCommand.command === 'export-json') void exportAs('json')
    else if (menuCommand.command === 'export-txt') void exportAs('txt')
    else if (menuCommand.command === 'next-row') move(1)
    else if (menuCommand.command === 'previous-row') move(-1)
  }, [menuCommand, exportAs, move])

  const rowActions = useRowActions(api, documentId, session, activeRow, { openReject, setAuthorName: saveAuthorName })
  const toggleStatus = useCallback(
    (index: number) => {
      const row = rowsRef.current[index]
      if (!row.target.trim()) return
      void session.setStatus(index, row.status === 'translated' ? 'draft' : 'translated')
    },
    [rowsRef, session]
  )

  // One object per version of the rows, so the (memoised) overview counts once per version.
  const overviewDoc = useMemo(() => (doc ? { ...doc, rows: deferredRows } : null), [doc, deferredRows])

  if (!doc || !overviewDoc) return <div className="loading">Opening the document…</div>

  const editable = activeRow && !activeRow.doNotTranslate && (!reviewing || editingRowId === activeRow.id)
  const editor =
    activeRow && editable ? (
      <TargetEditor
        key={editorKey}
        initialText={unsaved?.text ?? activeRow.target}
        initialSpans={activeRow.targetSpans}
        codes={activeRow.codes}
        sourceText={activeRow.source.map((sentence) => sentence.text).join(' ')}
        palette={palette}
        label={`English translation of row ${activeIndex + 1}`}
        onChange={session.changeActiveText}
        onKey={handleKey}
        onReady={onEditorReady}
      />
    ) : null

  const sideTabs: SideTab[] = [
    {
      id: 'row',
      label: 'Row',
      render: () =>
        activeRow &&
        rowActions && (
          <>
            {reviewing && !activeRow.doNotTranslate && (
              <button
                type="button"
                className="secondary edit-english"
                onClick={() => setEditingRowId(editingRowId === activeRow.id ? null : activeRow.id)}
              >
                {editingRowId === activeRow.id ? 'Stop editing the English' : 'Edit the English of this row'}
              </button>
            )}
            <RowPanel
              row={activeRow}
              rowNumber={activeIndex + 1}
              palette={palette}
              authorName={settings.authorName}
              actions={rowActions}
              nextRowHasPersian={(rows[activeIndex + 1]?.source.length ?? 0) > 0}
              mergeRowsRefusal={doc ? reshapingRefusal({ rows, origin: doc.origin }, activeIndex, { kind: 'mergeWithNext' }) : null}
            />
            <RowHistory
              api={api}
              documentId={documentId}
              row={activeRow}
              onRestore={(commit) => session.runStructuralEdit(() => api.restoreRowVersion({ documentId, rowId: activeRow.id, commit }))}
            />
          </>
        )
    },
    {
      id: 'tm',
      label: 'TM',
      render: () => (
        <TmPanel api={api} documentId={documentId} settings={settings} onChangeSettings={changeSettings} onError={onError} {...memory.panel} />
      )
    },
    {
      id: 'qa',
      label: 'QA',
      render: () => (
        <QaPanel
          api={api}
          documentId={documentId}
          qa={qa}
          gridCheck={qaFilter.check}
          onFilterGrid={qaFilter.show}
          onError={onError}
          onJump={(rowId) => activate(rowsRef.current.findIndex((row) => row.id === rowId))}
          onFix={(finding) =>
            void session
              .rowEdit(() => api.saveTarget({ documentId, rowId: finding.rowId, target: finding.fix!.target }))
              .then(() => qa.runRow(finding.rowId))
          }
        />
      )
    },
    {
      id: 'terms',
      label: 'Terms',
      render: () => (
        <TermsPanel
          api={api}
          row={activeRow}
          draft={termCapture.draft}
          onDraft={termCapture.setDraft}
          onError={onError}
          onTermsChanged={termbase.setTerms}
          onInsert={(text) => void editorRef.current?.chain().focus().insertContent(text).run()}
        />
      )
    },
    {
      id: 'cleanup',
      label: 'Cleanup',
      render: () => (
        <CleanupPanel
          api={api}
          documentId={documentId}
          revision={session.cleanupRevision}
          rows={deferredRows}
          onApplied={(state) => session.showDocumentState(state)}
          onJump={(rowId) => activate(rowsRef.current.findIndex((row) => row.id === rowId))}
        />
      )
    },
    {
      id: 'overview',
      label: 'Overview',
      render: () => <OverviewPanel doc={overviewDoc} palette={palette} onFilter={(custom) => rowFilter.setFilter({ ...NO_FILTER, custom })} />
    },
    ...(aligned
      ? [{ id: 'map', label: 'Map', render: () => <AlignmentMap rows={deferredRows} activeIndex={activeIndex} onSelect={activate} /> }]
      : [])
  ]

  sideTabIds.current = sideTabs.map((tab) => tab.id)
  const unconfirmed = deferredRows.filter((row) => row.alignment && row.alignment.status !== 'confirmed').length

  return (
    <div className={`editor-view density-${layout.density}`}>
      <EditorHeader
        title={doc.title}
        progress={computeProgress(rows)}
        saveState={session.saveState}
        reviewing={reviewing}
        onToggleReview={() => {
          setReviewing((on) => !on)
          setEditingRowId(null)
        }}
        onImportTranslation={() => setImportingTranslation(true)}
        onExport={() => setExporting(true)}
        onClose={onClose}
        layout={layout}
        onToggleSidePanel={toggleSidePanel}
        onToggleToolbars={toggleToolbars}
        onToggleDensity={toggleDensity}
        onShowShortcuts={() => setShowingKeys(true)}
        sync={<SyncIndicator api={api} status={team.status} onStatus={team.setStatus} onError={onError} />}
      />
      {layout.toolbars && (
        <section className="toolbars" id="editor-toolbars" aria-label="Toolbars">
          {aligned && (
            <AlignmentToolbar
              unconfirmed={unconfirmed}
              canUndo={history.canUndo}
              canRedo={history.canRedo}
              perform={perform}
              bindings={bindings}
              refusal={(action) => {
                const edit = RESHAPING_ACTIONS[action]
                return doc && edit ? reshapingRefusal({ rows, origin: doc.origin }, activeIndex, edit) : null
              }}
            />
          )}
          <div className="work-bar">
            <FilterBar
              state={rowFilter.filter}
              onChange={rowFilter.setFilter}
              palette={palette}
              aligned={aligned}
              shown={rowFilter.matchCount}
              total={rows.length}
            />
            <TagBar palette={palette} onTag={applyTag} />
          </div>
        </section>
      )}
      {splitting && activeRow && (
        <SplitRowPanel
          key={`${activeRow.id}:${splitting.source}:${splitting.target}`}
          row={activeRow}
          initial={splitting}
          onCancel={() => setSplitting(null)}
          onSplit={(sourceCount, targetCount) => {
            setSplitting(null)
            alignment.editActive((row) => ({ kind: 'splitRow', rowId: row.id, sourceCount, targetCount }))
          }}
        />
      )}
      {importingTranslation && (
        <TranslationImportDialog
          replaces={rows.some((row) => row.target.trim())}
          onCancel={() => setImportingTranslation(false)}
          onImport={importTranslation}
        />
      )}
      {exporting && (
        <ExportDialog original={doc?.origin.original ? doc.origin.fileName : undefined} onCancel={() => setExporting(false)} onExport={exportAs} />
      )}
      {notice && (
        <div className="notice" role="alert">
          {notice}
        </div>
      )}
      <div className="editor-body">
        <main className="grid-main">
          <RowGrid
            rows={rows}
            activeIndex={activeIndex}
            shown={rowFilter}
            editor={editor}
            palette={palette}
            search={rowFilter.filter.text.trim()}
            termMatcher={termMatcher}
            onActivate={activate}
            onToggleStatus={toggleStatus}
            onSplitAt={aligned ? splitAt : undefined}
            canSplit={(index) => !doc || reshapingRefusal({ rows, origin: doc.origin }, index, { kind: 'splitRow' }) === null}
          />
        </main>
        {layout.sidePanel && <SidePanel tabs={sideTabs} selected={sideTab} onSelect={setSideTab} />}
      </div>
      {rejecting && activeRow && (
        <RejectDialog
          rowNumber={activeIndex + 1}
          onCancel={() => setRejecting(false)}
          onReject={(reason) => {
            setRejecting(false)
            void session.setStatus(activeIndex, 'rejected', reason)
          }}
        />
      )}
      {showingKeys && (
        <ShortcutsDialog
          context={{ aligned, reviewing }}
          palette={palette}
          bindings={bindings}
          onChangeBindings={changeBindings}
          onClose={() => setShowingKeys(false)}
        />
      )}
      {goingToRow && (
        <GoToRowDialog
          count={rows.length}
          onCancel={() => setGoingToRow(false)}
          onGo={(index) => {
            setGoingToRow(false)
            // The row is shown whatever the filter: the user asked for it by number.
            if (!rowFilter.rowMatches(index)) rowFilter.setFilter(NO_FILTER)
            activate(index)
          }}
        />
      )}
    </div>
  )
}

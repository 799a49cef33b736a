import { Fragment, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react'
import type { Row } from '../../../../core/model'
import { CLEANUP_KIND_LABEL, type CleanupKind, type CleanupProposal } from '../../../../core/text/cleanup'
import type { DocumentEditState, HamtaApi } from '../../../../shared/contract'

interface CleanupPanelProps {
  api: HamtaApi
  documentId: string
  /** Bumped by the editor after any structural change: the proposals are fetched again. */
  revision: number
  /** The document's rows, for the sentence around each proposal. */
  rows: Row[]
  onApplied: (state: DocumentEditState) => void
  onJump: (rowId: string) => void
}

const ZWNJ = '\u200c'
/** Characters of sentence shown on each side of a change. */
const CONTEXT_CHARS = 28
/** Longest original or replacement spelled out in a button's label. */
const LABEL_CHARS = 40
const KIND_ORDER = Object.keys(CLEANUP_KIND_LABEL) as CleanupKind[]

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

function fixes(count: number): string {
  return `${count} ${count === 1 ? 'fix' : 'fixes'}`
}

function shorten(text: string, max = LABEL_CHARS): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text
}

/** What accepting does, in words: boilerplate is not rewritten but marked not for translation. */
function describeChange(proposal: CleanupProposal): string {
  if (proposal.kind === 'boilerplate') return `${shorten(proposal.original)} → mark not for translation`
  return `${shorten(proposal.original)} → ${shorten(proposal.replacement)}`
}

interface Context {
  before: string
  after: string
}

/**
 * A little of the sentence on each side of the change, cut at a word boundary. Null when the
 * rows no longer hold the text the proposal was made for (they are about to be refreshed).
 */
function contextOf(proposal: CleanupProposal, rows: readonly Row[]): Context | null {
  const sentence = rows.find((row) => row.id === proposal.rowId)?.source.find((item) => item.id === proposal.sentenceId)
  if (!sentence || sentence.text.slice(proposal.start, proposal.end) !== proposal.original) return null
  let before = sentence.text.slice(Math.max(0, proposal.start - CONTEXT_CHARS), proposal.start)
  let after = sentence.text.slice(proposal.end, proposal.end + CONTEXT_CHARS)
  if (proposal.start > CONTEXT_CHARS) {
    const space = before.indexOf(' ')
    before = `…${space >= 0 ? before.slice(space) : before}`
  }
  if (proposal.end + CONTEXT_CHARS < sentence.text.length) {
    const space = after.lastIndexOf(' ')
    after = `${space > 0 ? after.slice(0, space + 1) : after}…`
  }
  return { before, after }
}

/** The replacement with a visible marker after each ZWNJ, which on its own cannot be seen. */
function withVisibleZwnj(text: string): React.ReactNode {
  if (!text.includes(ZWNJ)) return text
  const parts = text.split(ZWNJ)
  return parts.map((part, index) => (
    <Fragment key={index}>
      {part}
      {index < parts.length - 1 && (
        <>
          {ZWNJ}
          <span className="zwnj-mark" title="zero-width non-joiner" aria-hidden="true" />
        </>
      )}
    </Fragment>
  ))
}

interface ProposalItemProps {
  proposal: CleanupProposal
  rowNumber: number | null
  context: Context | null
  busy: boolean
  onAccept: (proposal: CleanupProposal) => void
  onDismiss: (proposal: CleanupProposal) => void
  onJump: (rowId: string) => void
}

function ProposalItem({ proposal, rowNumber, context, busy, onAccept, onDismiss, onJump }: ProposalItemProps) {
  const change = describeChange(proposal)
  return (
    <li className="cleanup-item" data-proposal-id={proposal.id}>
      <button
        type="button"
        className="cleanup-change"
        title={proposal.message}
        aria-label={`${rowNumber !== null ? `Row ${rowNumber}: ` : ''}${change}. Go to the row.`}
        onClick={() => onJump(proposal.rowId)}
      >
        <span className="cleanup-text" dir="rtl" lang="fa">
          {context?.before}
          <del>{proposal.original}</del>
          {/* Also keeps the two words from joining into one shape. */}
          <span className="cleanup-arrow" aria-hidden="true">
            {' ← '}
          </span>
          {proposal.kind === 'boilerplate' ? (
            <ins className="cleanup-action" lang="en" dir="ltr">
              not for translation
            </ins>
          ) : (
            <ins>{withVisibleZwnj(proposal.replacement)}</ins>
          )}
          {context?.after}
        </span>
        {rowNumber !== null && <span className="cleanup-meta">Row {rowNumber}</span>}
      </button>
      <div className="cleanup-item-actions">
        <button type="button" className="secondary" disabled={busy} aria-label={`Accept fix: ${change}`} onClick={() => onAccept(proposal)}>
          Accept
        </button>
        <button type="button" className="secondary" disabled={busy} aria-label={`Dismiss fix: ${change}`} onClick={() => onDismiss(proposal)}>
          Dismiss
        </button>
      </div>
    </li>
  )
}

/**
 * Problems found in the Persian text and the fix for each, grouped by kind. Nothing changes until
 * the user accepts a fix; accepted fixes go through the editor's undo history.
 */
export function CleanupPanel({ api, documentId, revision, rows, onApplied, onJump }: CleanupPanelProps) {
  const [proposals, setProposals] = useState<CleanupProposal[] | null>(null)
  /** The last failure; `reload` when it was the check itself, which can simply be tried again. */
  const [error, setError] = useState<{ message: string; reload: boolean } | null>(null)
  const [busy, setBusy] = useState(false)
  /** Kinds the user opened or closed; the rest follow the default (see `isExpanded`). */
  const [expanded, setExpanded] = useState<Partial<Record<CleanupKind, boolean>>>({})
  const request = useRef(0)
  const listRef = useRef<HTMLDivElement>(null)
  /** Position in the list of the proposal just accepted or dismissed, so focus can stay there. */
  const focusAfterUpdate = useRef<{ kind: CleanupKind; index: number } | null>(null)

  const load = useCallback(async () => {
    // Only the newest request may update the list: an older answer describes an older text.
    const current = ++request.current
    try {
      const next = await api.proposeCleanup({ documentId })
      if (current !== request.current) return
      setProposals(next)
      setError(null)
    } catch (failure) {
      if (current !== request.current) return
      setError({ message: `Could not check the Persian text: ${errorMessage(failure)}`, reload: true })
    }
  }, [api, documentId])

  useEffect(() => {
    void load()
  }, [load, revision])

  // Invalidate answers still on their way when the panel goes.
  useEffect(() => () => void (request.current += 1), [])

  const groups = useMemo(() => {
    const byKind = new Map<CleanupKind, CleanupProposal[]>()
    for (const proposal of proposals ?? []) {
      const group = byKind.get(proposal.kind)
      if (group) group.push(proposal)
      else byKind.set(proposal.kind, [proposal])
    }
    return KIND_ORDER.filter((kind) => byKind.has(kind)).map((kind) => ({ kind, proposals: byKind.get(kind)! }))
  }, [proposals])

  const rowNumbers = useMemo(() => new Map(rows.map((row, index) => [row.id, index + 1])), [rows])

  // A single kind is shown open; several start closed so the kinds and counts are seen first.
  const isExpanded = (kind: CleanupKind): boolean => expanded[kind] ?? groups.length === 1

  const accept = async (ids: string[], focus: { kind: CleanupKind; index: number } | null) => {
    setBusy(true)
    setError(null)
    try {
      const state = await api.applyCleanup({ documentId, proposalIds: ids })
      onApplied(state)
      focusAfterUpdate.current = focus
      await load()
    } catch (failure) {
      setError({ message: `Could not apply the ${ids.length === 1 ? 'fix' : 'fixes'}: ${errorMessage(failure)}`, reload: false })
    } finally {
      setBusy(false)
    }
  }

  const dismiss = async (ids: string[], focus: { kind: CleanupKind; index: number } | null) => {
    setBusy(true)
    setError(null)
    try {
      const remaining = await api.dismissCleanup({ documentId, proposalIds: ids })
      // A reload started meanwhile would be older than this answer.
      request.current += 1
      focusAfterUpdate.current = focus
      setProposals(remaining)
    } catch (failure) {
      setError({ message: `Could not dismiss the ${ids.length === 1 ? 'fix' : 'fixes'}: ${errorMessage(failure)}`, reload: false })
    } finally {
      setBusy(false)
    }
  }

  const positionOf = (proposal: CleanupProposal) => ({
    kind: proposal.kind,
    index: groups.find((group) => group.kind === proposal.kind)?.proposals.indexOf(proposal) ?? 0
  })

  // The item acted on is gone from the list: keep keyboard users where they were, on the next
  // item of the same kind, else the group's heading, else the panel.
  useLayoutEffect(() => {
    const target = focusAfterUpdate.current
    if (!target || busy || !listRef.current) return
    focusAfterUpdate.current = null
    const group = listRef.current.querySelector<HTMLElement>(`[data-kind="${target.kind}"]`)
    const items = group?.querySelectorAll<HTMLElement>('.cleanup-item .cleanup-change')
    const next = items && items.length > 0 ? items[Math.min(target.index, items.length - 1)] : null
    ;(next ?? group?.querySelector<HTMLElement>('.cleanup-group-toggle') ?? listRef.current).focus()
  }, [proposals, busy])

  const total = proposals?.length ?? 0
  return (
    <section className="cleanup-panel" aria-labelledby="cleanup-panel-title" aria-busy={proposals === null || busy}>
      <h2 id="cleanup-panel-title" className="panel-title">
        Cleanup {proposals !== null && total > 0 && <span className="panel-count">{total}</span>}
      </h2>
      <p className="cleanup-note">
        Fixes change only the working text; the imported original is kept. Undo with the editor’s Undo (<kbd>Ctrl</kbd>+<kbd>Z</kbd>).
      </p>
      {error && (
        <div className="cleanup-error" role="alert">
          <span>{error.message}</span>
          {error.reload ? (
            <button type="button" className="link" aria-label="Check again" onClick={() => void load()}>
              Retry
            </button>
          ) : (
            <button type="button" className="link cleanup-error-close" aria-label="Close the message" onClick={() => setError(null)}>
              ×
            </button>
          )}
        </div>
      )}
      <div className="cleanup-list" ref={listRef} tabIndex={-1}>
        {proposals === null && !error && <p className="cleanup-status">Checking the Persian text…</p>}
        {proposals !== null && total === 0 && <p className="cleanup-status cleanup-empty">No problems found in the Persian text.</p>}
        {groups.map(({ kind, proposals: items }) => {
          const open = isExpanded(kind)
          const label = CLEANUP_KIND_LABEL[kind]
          const ids = items.map((proposal) => proposal.id)
          const bodyId = `cleanup-group-${kind}`
          return (
            <section key={kind} className="cleanup-group" data-kind={kind} aria-label={`${label}: ${fixes(items.length)}`}>
              <div className="cleanup-group-header">
                <button
                  type="button"
                  className="cleanup-group-toggle"
                  aria-expanded={open}
                  aria-controls={bodyId}
                  onClick={() => setExpanded((state) => ({ ...state, [kind]: !open }))}
                >
                  <span className="cleanup-chevron" aria-hidden="true">
                    {open ? '▾' : '▸'}
                  </span>
                  <span className="cleanup-group-label">{label}</span>
                  <span className="panel-count">{items.length}</span>
                </button>
                <div className="cleanup-group-actions">
                  <button
                    type="button"
                    className="secondary"
                    disabled={busy}
                    aria-label={`Accept all ${fixes(items.length)}: ${label}`}
                    onClick={() => void accept(ids, { kind, index: 0 })}
                  >
                    Accept all
                  </button>
                  <button
                    type="button"
                    className="secondary"
                    disabled={busy}
                    aria-label={`Dismiss all ${fixes(items.length)}: ${label}`}
                    onClick={() => void dismiss(ids, { kind, index: 0 })}
                  >
                    Dismiss all
                  </button>
                </div>
              </div>
              {open && (
                <ul id={bodyId} className="cleanup-items">
                  {items.map((proposal) => (
                    <ProposalItem
                      key={proposal.id}
                      proposal={proposal}
                      rowNumber={rowNumbers.get(proposal.rowId) ?? null}
                      context={contextOf(proposal, rows)}
                      busy={busy}
                      onAccept={(item) => void accept([item.id], positionOf(item))}
                      onDismiss={(item) => void dismiss([item.id], positionOf(item))}
                      onJump={onJump}
                    />
                  ))}
                </ul>
              )}
            </section>
          )
        })}
      </div>
    </section>
  )
}

import { measureElement, useVirtualizer } from '@tanstack/react-virtual'
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
/** Height of an item before it is measured (a change with two lines of sentence, and its buttons). */
const ITEM_HEIGHT = 120
/** Items kept in the page beyond those in view, so Tab reaches the next one and scrolling shows no gap. */
const OVERSCAN = 6

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
function contextOf(proposal: CleanupProposal, row: Row | undefined): Context | null {
  const sentence = row?.source.find((item) => item.id === proposal.sentenceId)
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
  /** Place in its group, and the group's size, for the virtual list and for screen readers. */
  index: number
  count: number
  start: number
  measure: (element: HTMLElement | null) => void
  rowNumber: number | null
  context: Context | null
  busy: boolean
  onAccept: (proposal: CleanupProposal, index: number) => void
  onDismiss: (proposal: CleanupProposal, index: number) => void
  onJump: (rowId: string) => void
}

/** Proposals of a class measured right almost always on real news; older ones without the field count as sure. */
const sure = (proposal: CleanupProposal): boolean => proposal.certain !== false

function ProposalItem({ proposal, index, count, start, measure, rowNumber, context, busy, onAccept, onDismiss, onJump }: ProposalItemProps) {
  const change = describeChange(proposal)
  return (
    <li
      className="cleanup-item"
      data-proposal-id={proposal.id}
      data-index={index}
      aria-posinset={index + 1}
      aria-setsize={count}
      ref={measure}
      style={{ position: 'absolute', top: 0, left: 0, width: '100%', transform: `translateY(${start}px)` }}
    >
      <button
        type="button"
        className="cleanup-change"
        title={proposal.message}
        aria-label={`${rowNumber !== null ? `Row ${rowNumber}: ` : ''}${change}${sure(proposal) ? '' : ' (check before accepting)'}. Go to the row.`}
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
        {!sure(proposal) && (
          <span className="cleanup-meta cleanup-check" title="Fixes of this sort are often wrong on real text: read it before accepting">
            check
          </span>
        )}
      </button>
      <div className="cleanup-item-actions">
        <button type="button" className="secondary" disabled={busy} aria-label={`Accept fix: ${change}`} onClick={() => onAccept(proposal, index)}>
          Accept
        </button>
        <button type="button" className="secondary" disabled={busy} aria-label={`Dismiss fix: ${change}`} onClick={() => onDismiss(proposal, index)}>
          Dismiss
        </button>
      </div>
    </li>
  )
}

/** The nearest ancestor that scrolls: the virtual list follows its scrolling. */
function scrollParentOf(element: HTMLElement): HTMLElement {
  for (let parent = element.parentElement; parent; parent = parent.parentElement) {
    if (/(auto|scroll|overlay)/.test(getComputedStyle(parent).overflowY)) return parent
  }
  // Not laid out (or nothing scrolls): the panel itself.
  return element.closest<HTMLElement>('.cleanup-panel') ?? element.parentElement ?? element
}

/** A size of 0 means the item is not laid out (a hidden panel, a test page): keep the estimate. */
const measureItem: typeof measureElement = (element, entry, instance) => measureElement(element, entry, instance) || ITEM_HEIGHT

interface GroupItemsProps {
  id: string
  items: readonly CleanupProposal[]
  rowsById: ReadonlyMap<string, { row: Row; number: number }>
  busy: boolean
  onAccept: (proposal: CleanupProposal, index: number) => void
  onDismiss: (proposal: CleanupProposal, index: number) => void
  onJump: (rowId: string) => void
}

/**
 * The proposals of one kind. Only those in view (and a few around them) are in the page: a long
 * document has tens of thousands, and rendering them all freezes the editor for seconds.
 */
function GroupItems({ id, items, rowsById, busy, onAccept, onDismiss, onJump }: GroupItemsProps) {
  const listRef = useRef<HTMLUListElement>(null)
  const scrollerRef = useRef<HTMLElement | null>(null)
  /** Where the list starts in its scrolling ancestor's content: the groups and notes above it. */
  const [margin, setMargin] = useState(0)
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => (scrollerRef.current ??= listRef.current ? scrollParentOf(listRef.current) : null),
    estimateSize: () => ITEM_HEIGHT,
    measureElement: measureItem,
    overscan: OVERSCAN,
    scrollMargin: margin,
    getItemKey: (index) => items[index].id,
    // Until the page has been laid out, assume a screenful.
    initialRect: { width: 300, height: 800 }
  })

  const measureMargin = useCallback(() => {
    const list = listRef.current
    const scroller = scrollerRef.current
    if (!list || !scroller) return
    const offset = Math.round(list.getBoundingClientRect().top - scroller.getBoundingClientRect().top - scroller.clientTop + scroller.scrollTop)
    setMargin((current) => (current === offset ? current : offset))
  }, [])
  // Anything above the list may have moved it: the panel re-renders for its own changes, and a
  // group above that grows or shrinks resizes the whole list.
  useLayoutEffect(measureMargin)
  useEffect(() => {
    const whole = listRef.current?.closest('.cleanup-list')
    if (!whole || typeof ResizeObserver === 'undefined') return
    const observer = new ResizeObserver(() => measureMargin())
    observer.observe(whole)
    return () => observer.disconnect()
  }, [measureMargin])

  return (
    <ul id={id} className="cleanup-items" ref={listRef} style={{ position: 'relative', height: virtualizer.getTotalSize() }}>
      {virtualizer.getVirtualItems().map((item) => {
        const proposal = items[item.index]
        const row = rowsById.get(proposal.rowId)
        return (
          <ProposalItem
            key={item.key}
            proposal={proposal}
            index={item.index}
            count={items.length}
            start={item.start - margin}
            measure={virtualizer.measureElement}
            rowNumber={row?.number ?? null}
            context={contextOf(proposal, row?.row)}
            busy={busy}
            onAccept={onAccept}
            onDismiss={onDismiss}
            onJump={onJump}
          />
        )
      })}
    </ul>
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
  const focusAfterUpdate = useRef<{ kind: CleanupKind; index: number; before?: CleanupProposal[] | null } | null>(null)

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
    return KIND_ORDER.filter((kind) => byKind.has(kind)).map((kind) => {
      const items = byKind.get(kind)!
      return { kind, proposals: items, ids: items.map((proposal) => proposal.id), sureIds: items.filter(sure).map((proposal) => proposal.id) }
    })
  }, [proposals])

  const rowsById = useMemo(() => new Map(rows.map((row, index) => [row.id, { row, number: index + 1 }])), [rows])

  // A single kind is shown open; several start closed so the kinds and counts are seen first.
  const isExpanded = (kind: CleanupKind): boolean => expanded[kind] ?? groups.length === 1

  const accept = async (ids: string[], focus: { kind: CleanupKind; index: number } | null) => {
    setBusy(true)
    setError(null)
    try {
      const state = await api.applyCleanup({ documentId, proposalIds: ids })
      // Focus moves once the list without the accepted fixes is in: the reload the new revision
      // starts may answer after this one, and the list before it still holds the item acted on.
      focusAfterUpdate.current = focus && { ...focus, before: proposals }
      onApplied(state)
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

  const acceptOne = (proposal: CleanupProposal, index: number) => void accept([proposal.id], { kind: proposal.kind, index })
  const dismissOne = (proposal: CleanupProposal, index: number) => void dismiss([proposal.id], { kind: proposal.kind, index })

  // The item acted on is gone from the list: keep keyboard users where they were, on the next
  // item of the same kind (now at the same place, so in view), else the group's heading, else
  // the panel.
  useLayoutEffect(() => {
    const target = focusAfterUpdate.current
    if (!target || busy || !listRef.current || (target.before && target.before === proposals)) return
    focusAfterUpdate.current = null
    const group = listRef.current.querySelector<HTMLElement>(`[data-kind="${target.kind}"]`)
    const count = groups.find((candidate) => candidate.kind === target.kind)?.proposals.length ?? 0
    const next =
      count > 0 ? group?.querySelector<HTMLElement>(`.cleanup-item[data-index="${Math.min(target.index, count - 1)}"] .cleanup-change`) : null
    ;(next ?? group?.querySelector<HTMLElement>('.cleanup-group-toggle') ?? listRef.current).focus()
  }, [proposals, busy, groups])

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
        {groups.map(({ kind, proposals: items, ids, sureIds }) => {
          const open = isExpanded(kind)
          const label = CLEANUP_KIND_LABEL[kind]
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
                  {/* Accepting at once is offered only for the proposals that need no reading. */}
                  {sureIds.length === ids.length ? (
                    <button
                      type="button"
                      className="secondary"
                      disabled={busy}
                      aria-label={`Accept all ${fixes(items.length)}: ${label}`}
                      onClick={() => void accept(ids, { kind, index: 0 })}
                    >
                      Accept all
                    </button>
                  ) : (
                    sureIds.length > 0 && (
                      <button
                        type="button"
                        className="secondary"
                        disabled={busy}
                        title="The others are marked check: read them before accepting"
                        aria-label={`Accept ${sureIds.length} sure (the ${fixes(sureIds.length)} that need no check): ${label}`}
                        onClick={() => void accept(sureIds, { kind, index: 0 })}
                      >
                        Accept {sureIds.length} sure
                      </button>
                    )
                  )}
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
                <GroupItems id={bodyId} items={items} rowsById={rowsById} busy={busy} onAccept={acceptOne} onDismiss={dismissOne} onJump={onJump} />
              )}
            </section>
          )
        })}
      </div>
    </section>
  )
}

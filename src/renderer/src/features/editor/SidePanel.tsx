/** One tab of the side panel; a new tool adds one entry where the editor lists its tabs. */
export interface SideTab {
  id: string
  label: string
  render: () => React.ReactNode
}

/**
 * The tabbed panel beside the grid: the active row's details and the document's tools. Tabs
 * follow the ARIA tabs pattern: each names its panel, arrow keys move between them.
 */
export function SidePanel({ tabs, selected, onSelect }: { tabs: SideTab[]; selected: string; onSelect: (id: string) => void }): React.JSX.Element {
  const current = tabs.find((tab) => tab.id === selected) ?? tabs[0]
  const onKeyDown = (event: React.KeyboardEvent): void => {
    const at = tabs.findIndex((tab) => tab.id === current?.id)
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0
    const to = event.key === 'Home' ? 0 : event.key === 'End' ? tabs.length - 1 : step ? (at + step + tabs.length) % tabs.length : -1
    if (to < 0) return
    event.preventDefault()
    onSelect(tabs[to].id)
    document.getElementById(`side-tab-${tabs[to].id}`)?.focus()
  }
  return (
    <aside className="side-panel" aria-label="Row details and tools">
      <div className="side-tabs" role="tablist" aria-label="Side panel" onKeyDown={onKeyDown}>
        {tabs.map((tab) => (
          <button
            key={tab.id}
            id={`side-tab-${tab.id}`}
            type="button"
            role="tab"
            aria-selected={current?.id === tab.id}
            aria-controls={`side-panel-${tab.id}`}
            tabIndex={current?.id === tab.id ? 0 : -1}
            className={current?.id === tab.id ? 'selected' : ''}
            onClick={() => onSelect(tab.id)}
          >
            {tab.label}
          </button>
        ))}
      </div>
      {current && (
        <div className="side-content" role="tabpanel" id={`side-panel-${current.id}`} aria-labelledby={`side-tab-${current.id}`} tabIndex={0}>
          {/* Names the tab's content in the page's outline (the panels' own headings are h3). */}
          <h2 className="visually-hidden">{current.label}</h2>
          {current.render()}
        </div>
      )}
    </aside>
  )
}

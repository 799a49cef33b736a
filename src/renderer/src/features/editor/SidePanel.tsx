/** One tab of the side panel; a new tool adds one entry where the editor lists its tabs. */
export interface SideTab {
  id: string
  label: string
  render: () => React.ReactNode
}

/** The tabbed panel beside the grid: the active row's details and the document's tools. */
export function SidePanel({ tabs, selected, onSelect }: { tabs: SideTab[]; selected: string; onSelect: (id: string) => void }): React.JSX.Element {
  const current = tabs.find((tab) => tab.id === selected) ?? tabs[0]
  return (
    <aside className="side-panel" aria-label="Row details and tools">
      <div className="side-tabs" role="tablist">
        {tabs.map((tab) => (
          <button
            key={tab.id}
            type="button"
            role="tab"
            aria-selected={current?.id === tab.id}
            className={current?.id === tab.id ? 'selected' : ''}
            onClick={() => onSelect(tab.id)}
          >
            {tab.label}
          </button>
        ))}
      </div>
      <div className="side-content">{current?.render()}</div>
    </aside>
  )
}

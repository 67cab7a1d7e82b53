import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react'

export interface TabDef<K extends string> {
  id: K
  label: string
}

/**
 * WAI-ARIA tabs: a tablist of buttons (arrow keys, Home, End move between them and select),
 * and one tabpanel labelled by the selected tab. A view that selects a tab from inside a panel
 * ("Go to Tasks") counts `focusRequest` up with it: the selected tab takes the focus, as the
 * button that had it is gone with its panel.
 */
export function Tabs<K extends string>({
  label,
  tabs,
  selected,
  onSelect,
  focusRequest = 0,
  children
}: {
  label: string
  tabs: ReadonlyArray<TabDef<K>>
  selected: K
  onSelect: (id: K) => void
  focusRequest?: number
  children: ReactNode
}): ReactNode {
  const base = useId()
  const listRef = useRef<HTMLDivElement>(null)
  const tabId = (id: K) => `${base}-tab-${id}`
  const panelId = `${base}-panel`
  useEffect(() => {
    if (focusRequest > 0) listRef.current?.querySelector<HTMLButtonElement>('[role="tab"][aria-selected="true"]')?.focus()
  }, [focusRequest])

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = tabs.findIndex((t) => t.id === selected)
    let next = index
    if (event.key === 'ArrowRight') next = (index + 1) % tabs.length
    else if (event.key === 'ArrowLeft') next = (index - 1 + tabs.length) % tabs.length
    else if (event.key === 'Home') next = 0
    else if (event.key === 'End') next = tabs.length - 1
    else return
    event.preventDefault()
    const tab = tabs[next]
    if (!tab) return
    onSelect(tab.id)
    listRef.current?.querySelector<HTMLButtonElement>(`#${CSS.escape(tabId(tab.id))}`)?.focus()
  }

  return (
    <>
      <div className="tabs" role="tablist" aria-label={label} ref={listRef} onKeyDown={onKeyDown}>
        {tabs.map((t) => (
          <button
            key={t.id}
            id={tabId(t.id)}
            type="button"
            role="tab"
            className="tab"
            aria-selected={t.id === selected}
            aria-controls={panelId}
            tabIndex={t.id === selected ? 0 : -1}
            onClick={() => onSelect(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={panelId} aria-labelledby={tabId(selected)} className="tab-panel">
        {children}
      </div>
    </>
  )
}

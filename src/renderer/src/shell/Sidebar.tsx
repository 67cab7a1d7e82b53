import type { ReactNode } from 'react'
import { useStore } from '../store'
import type { ScreenId } from '../store/nav.slice'
import { DemoMenuItem } from '../features/demo/DemoControls'
import { SearchButton } from '../features/search/CommandPalette'

export interface NavItem {
  id: ScreenId
  label: string
}

export function NavButton({ item }: { item: NavItem }): ReactNode {
  const active = useStore((s) => s.screen.id === item.id)
  const navigate = useStore((s) => s.navigate)
  return (
    <button
      type="button"
      className={active ? 'nav-item active' : 'nav-item'}
      aria-current={active ? 'page' : undefined}
      onClick={() => navigate({ id: item.id })}
    >
      {item.label}
    </button>
  )
}

/** The left column: app name, the connection list (filled by the connections feature), navigation. */
export function Sidebar({ children }: { children?: ReactNode }): ReactNode {
  return (
    <nav className="sidebar" aria-label="Main">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          B
        </span>
        <span>Backdesk</span>
      </div>
      <div className="nav-group">
        <SearchButton />
        <NavButton item={{ id: 'home', label: 'Overview' }} />
        <NavButton item={{ id: 'customers', label: 'Customers' }} />
        <NavButton item={{ id: 'restores', label: 'Restore center' }} />
        <NavButton item={{ id: 'fleet', label: 'Fleet health' }} />
        <NavButton item={{ id: 'reports', label: 'Reports' }} />
        <NavButton item={{ id: 'workspace', label: 'Team workspace' }} />
      </div>
      <section className="nav-group" aria-labelledby="connections-heading">
        <h2 id="connections-heading" className="nav-heading">
          Connections
        </h2>
        {children ?? <p className="muted small">No connections yet.</p>}
      </section>
      <div className="nav-group nav-bottom">
        <DemoMenuItem />
        <NavButton item={{ id: 'settings', label: 'Settings' }} />
        <NavButton item={{ id: 'about', label: 'About' }} />
      </div>
    </nav>
  )
}

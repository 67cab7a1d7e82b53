import type { ReactNode } from 'react'
import { useStore } from '../store'
import type { ScreenId } from '../store/nav.slice'

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

/**
 * The left column: app name, navigation, and what App puts in its slots (the search button on
 * top, the connection list as children, the demo switch at the bottom). The shell knows no feature.
 */
export function Sidebar({ top, bottom, children }: { top?: ReactNode; bottom?: ReactNode; children?: ReactNode }): ReactNode {
  return (
    <nav className="sidebar" aria-label="Main">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          B
        </span>
        <span>Backdesk</span>
      </div>
      <div className="nav-group">
        {top}
        <NavButton item={{ id: 'home', label: 'Overview' }} />
        <NavButton item={{ id: 'customers', label: 'Customers' }} />
        <NavButton item={{ id: 'restores', label: 'Restore center' }} />
        <NavButton item={{ id: 'fleet', label: 'Fleet health' }} />
        <NavButton item={{ id: 'reports', label: 'Reports' }} />
        <NavButton item={{ id: 'activity', label: 'Activity' }} />
        <NavButton item={{ id: 'workspace', label: 'Team workspace' }} />
      </div>
      <section className="nav-group" aria-labelledby="connections-heading">
        <h2 id="connections-heading" className="nav-heading">
          Connections
        </h2>
        {children ?? <p className="muted small">No connections yet.</p>}
      </section>
      <div className="nav-group nav-bottom">
        {bottom}
        <NavButton item={{ id: 'settings', label: 'Settings' }} />
        <NavButton item={{ id: 'about', label: 'About' }} />
      </div>
    </nav>
  )
}

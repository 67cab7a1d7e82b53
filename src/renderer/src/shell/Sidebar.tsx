import { useEffect, useLayoutEffect, useRef, type ReactNode } from 'react'
import { modShortcut } from '../components/shortcut-keys'
import { useStore } from '../store'
import { NAV_SCREENS, type ScreenId } from '../store/nav.slice'

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

const SHORTCUT = modShortcut('B')

/**
 * The left column: app name, navigation, and what App puts in its slots (the search button on
 * top, the connection list as children, the demo switch at the bottom). The shell knows no feature.
 * It can be hidden (its button, or Ctrl/Cmd+B as in most editors) down to a rail holding the
 * button that shows it again; App keeps the choice.
 */
export function Sidebar({
  top,
  bottom,
  children,
  hidden,
  onToggle
}: {
  top?: ReactNode
  bottom?: ReactNode
  children?: ReactNode
  hidden: boolean
  onToggle: () => void
}): ReactNode {
  const nav = useRef<HTMLElement>(null)
  const toggleButton = useRef<HTMLButtonElement>(null)
  // The focus was on the sidebar when it flipped: it goes to the button that flips it back, as the
  // element that had it is gone (the focus would otherwise fall to the page's start).
  const refocus = useRef(false)
  useLayoutEffect(() => {
    if (!refocus.current) return
    refocus.current = false
    toggleButton.current?.focus()
  }, [hidden])
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'b') {
        event.preventDefault()
        refocus.current = !!nav.current?.contains(document.activeElement)
        onToggle()
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [onToggle])
  const toggle = (
    <button
      ref={toggleButton}
      type="button"
      className="sidebar-toggle"
      aria-expanded={!hidden}
      aria-keyshortcuts={SHORTCUT.aria}
      title={`${hidden ? 'Show' : 'Hide'} the sidebar (${SHORTCUT.label})`}
      onClick={() => {
        refocus.current = true
        onToggle()
      }}
    >
      <span aria-hidden="true">{hidden ? '»' : '«'}</span>
      <span className="visually-hidden">{hidden ? 'Show sidebar' : 'Hide sidebar'}</span>
    </button>
  )
  // Hidden, its contents stay mounted (out of view and out of the tab order): what they start on
  // mount, such as the connection list's load that the connection screens read, must not wait for
  // the sidebar to be shown.
  return (
    <nav className={hidden ? 'sidebar sidebar-rail' : 'sidebar'} aria-label="Main" ref={nav}>
      <div className="brand">
        {!hidden && (
          <>
            <span className="brand-mark" aria-hidden="true">
              B
            </span>
            <span>Backdesk</span>
          </>
        )}
        {toggle}
      </div>
      <div className="sidebar-body" hidden={hidden}>
        <div className="nav-group">
          {top}
          {NAV_SCREENS.main.map((item) => (
            <NavButton key={item.id} item={item} />
          ))}
        </div>
        <section className="nav-group" aria-labelledby="connections-heading">
          <h2 id="connections-heading" className="nav-heading">
            Connections
          </h2>
          {children ?? <p className="muted small">No connections yet.</p>}
        </section>
        <div className="nav-group nav-bottom">
          {bottom}
          {NAV_SCREENS.bottom.map((item) => (
            <NavButton key={item.id} item={item} />
          ))}
        </div>
      </div>
    </nav>
  )
}

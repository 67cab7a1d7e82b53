import { useState, type ReactNode } from 'react'
import { ConfirmDialog } from '../../components/Dialog'
import { useStore } from '../../store'
import { providerLabel } from '../../providers/registry'

/** "Explore with demo data": starts the built-in simulator and creates demo connections. */
export function ExploreDemoButton({ label = 'Explore with demo data', primary = true }: { label?: string; primary?: boolean }): ReactNode {
  const start = useStore((s) => s.startDemo)
  const busy = useStore((s) => s.demoBusy)
  const navigate = useStore((s) => s.navigate)
  return (
    <button
      type="button"
      className={primary ? 'btn btn-primary' : 'btn'}
      disabled={busy}
      onClick={() =>
        void start().then((status) => {
          if (status) navigate({ id: 'home' })
        })
      }
    >
      {busy ? 'Starting the demo…' : label}
    </button>
  )
}

/** Removes every demo connection and stops the simulator, after a confirmation. */
export function RemoveDemoButton(): ReactNode {
  const [confirming, setConfirming] = useState(false)
  const remove = useStore((s) => s.removeDemo)
  const busy = useStore((s) => s.demoBusy)
  const error = useStore((s) => s.demo.error)
  const demo = useStore((s) => s.demo.value)
  return (
    <>
      <button type="button" className="btn btn-danger" onClick={() => setConfirming(true)}>
        Remove demo…
      </button>
      {confirming && (
        <ConfirmDialog
          title="Remove the demo workspace?"
          confirmLabel="Remove demo"
          busy={busy}
          error={error}
          onCancel={() => setConfirming(false)}
          onConfirm={() =>
            void remove().then((ok) => {
              if (ok) setConfirming(false)
            })
          }
        >
          <p>This deletes the demo connections and their saved data, and stops the built-in simulator:</p>
          <ul>
            {demo?.connections.map((c) => (
              <li key={c.id}>
                {c.name} ({providerLabel(c.provider)})
              </li>
            ))}
          </ul>
          <p>Your own connections are not touched.</p>
        </ConfirmDialog>
      )}
    </>
  )
}

/** Above every screen while demo connections exist. */
export function DemoBanner(): ReactNode {
  const active = useStore((s) => s.demo.value?.active ?? false)
  const running = useStore((s) => s.demo.value?.running ?? false)
  const error = useStore((s) => s.demo.value?.error)
  if (!active) return null
  return (
    <div className="banner banner-info demo-banner" role="region" aria-label="Demo mode">
      <span className="badge badge-warn">Demo</span>
      {/* One flex item: loose text would be an item of its own, its ":" wrapping away from the name. */}
      <span className="demo-banner-text">
        <strong>Demo workspace</strong>: connections marked “demo” talk to Backdesk’s built-in simulator, not to real services.
        {running ? '' : ' The simulator is not running.'}
        {error ? <span className="error-text"> {error}</span> : null}
      </span>
      <span className="demo-banner-actions">
        <RemoveDemoButton />
      </span>
    </div>
  )
}

/** Sidebar entry: start the demo from the menu (hidden once it exists). */
export function DemoMenuItem(): ReactNode {
  const active = useStore((s) => s.demo.value?.active ?? false)
  const start = useStore((s) => s.startDemo)
  const busy = useStore((s) => s.demoBusy)
  if (active) return null
  return (
    <button type="button" className="nav-item" onClick={() => void start()} disabled={busy}>
      {busy ? 'Starting demo…' : 'Try the demo workspace'}
    </button>
  )
}

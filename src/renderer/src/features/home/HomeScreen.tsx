import type { ReactNode } from 'react'
import { hasAnswered, selectConnections, useStore } from '../../store'
import { providersInWords } from '../../providers/registry'
import { ExploreDemoButton, RemoveDemoButton } from '../demo/DemoControls'
import { OfflinePanel } from '../offline/OfflinePanel'
import { ChangesPanel } from '../watch/ChangesPanel'
import { OverviewDashboard } from './OverviewDashboard'
import { providerLabel } from '../../providers/registry'

/**
 * Overview: the dashboard once there is a connection (counts that link to their lists, the last
 * scan, the trend, what needs attention first); before that, the first-launch choices (demo data
 * or a first connection). Then what changed, the demo workspace and offline data.
 */
export function HomeScreen(): ReactNode {
  const connections = useStore(selectConnections)
  const loaded = useStore((s) => hasAnswered(s.connections))
  const demo = useStore((s) => s.demo.value)
  const demoError = useStore((s) => s.demo.error)
  const navigate = useStore((s) => s.navigate)
  const openSearch = useStore((s) => s.openSearch)
  const empty = loaded && connections.length === 0

  return (
    <>
      <section className="panel" aria-labelledby="home-heading">
        <h1 id="home-heading">Overview</h1>
        {empty && <p>Backdesk puts your customers&apos; {providersInWords((p) => p.holds)} in one window.</p>}
        {empty && (
          <div className="first-launch">
            <h2>Get started</h2>
            <p>
              No connections yet. Explore every screen with demo data from Backdesk&apos;s built-in simulator (no credentials needed), or add
              your first connection.
            </p>
            <div className="toolbar">
              <ExploreDemoButton />
              <button type="button" className="btn" onClick={() => navigate({ id: 'connectionEdit' })}>
                Add a connection
              </button>
            </div>
          </div>
        )}
        {demoError && (
          <p className="error-text" role="alert">
            {demoError}
          </p>
        )}
        {!empty && connections.length > 0 && (
          <div className="toolbar">
            <button type="button" className="btn" onClick={() => navigate({ id: 'customers' })}>
              Customers
            </button>
            <button type="button" className="btn" onClick={openSearch}>
              Search everywhere (Ctrl+K)
            </button>
          </div>
        )}
      </section>
      {loaded && connections.length > 0 && <OverviewDashboard />}
      {loaded && connections.length > 0 && <ChangesPanel />}
      {demo?.active && (
        <section className="panel" aria-labelledby="demo-heading">
          <div className="toolbar">
            <h2 id="demo-heading" className="inline-heading">
              Demo workspace
            </h2>
            <span className="badge badge-warn">Demo</span>
            <span className="spacer" />
            <RemoveDemoButton />
          </div>
          <p className="muted small">
            These connections talk to the built-in simulator{demo.running ? ', running on this computer' : ' (not running)'}. Their data is
            generated, and changes you make there affect nothing real.
          </p>
          <ul className="demo-connections">
            {demo.connections.map((c) => (
              <li key={c.id}>
                <button type="button" className="link" onClick={() => navigate({ id: 'connection', params: { id: c.id } })}>
                  {c.name}
                </button>{' '}
                <span className="muted small">
                  {providerLabel(c.provider)} · {c.customer}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {!empty && !demo?.active && loaded && (
        <section className="panel" aria-labelledby="demo-offer-heading">
          <h2 id="demo-offer-heading">Demo workspace</h2>
          <p className="muted small">Add demo connections to the built-in simulator beside your own, to try things safely.</p>
          <ExploreDemoButton primary={false} />
        </section>
      )}
      {loaded && connections.length > 0 && <OfflinePanel />}
    </>
  )
}

import { useEffect, useMemo, type ReactNode } from 'react'
import { hasAnswered, selectConnections, selectOffline, useStore } from '../../store'
import type { ConnectionSummary } from '../../../../shared/model/connection'
import { providerLabel } from '../../providers/registry'
import { HealthDot } from '../../components/HealthDot'

/** Sidebar list of connections, grouped by customer. */
export function ConnectionList(): ReactNode {
  const connections = useStore(selectConnections)
  const loaded = useStore((s) => hasAnswered(s.connections))
  const error = useStore((s) => s.connections.error)
  const load = useStore((s) => s.loadConnections)
  const navigate = useStore((s) => s.navigate)
  const currentId = useStore((s) => (s.screen.id === 'connection' ? s.screen.params?.['id'] : undefined))
  const loadOverview = useStore((s) => s.loadOverview)
  const health = useStore((s) => s.overview.value?.connections)
  const offline = useStore(selectOffline)
  const healthById = useMemo(() => new Map((health ?? []).map((h) => [h.connectionId, h])), [health])

  useEffect(() => {
    void load()
    // The dots come with the Overview's numbers (main computes both from the last scan).
    void loadOverview()
  }, [load, loadOverview])

  const groups = useMemo(() => {
    const byCustomer = new Map<string, ConnectionSummary[]>()
    for (const c of [...connections].sort((a, b) => a.name.localeCompare(b.name))) {
      const key = c.customer || 'No customer'
      byCustomer.set(key, [...(byCustomer.get(key) ?? []), c])
    }
    return [...byCustomer.entries()].sort(([a], [b]) => a.localeCompare(b))
  }, [connections])

  return (
    <div data-testid="connection-list">
      {error && <p className="error-text small">{error}</p>}
      {/* While the list is read, a line where "No connections yet." will be: + New connection below
          does not move under a click (a first run's click right after the vault opened missed it). */}
      {!loaded && !error && (
        <p className="muted small" data-testid="connection-list-loading">
          Loading…
        </p>
      )}
      {loaded && connections.length === 0 && <p className="muted small">No connections yet.</p>}
      {groups.map(([customer, items]) => (
        <div key={customer} className="connection-group">
          <div className="connection-group-name">{customer}</div>
          {items.map((c) => {
            const known = healthById.get(c.id)
            // Offline is live (the offline tracker's event); the rest comes from the last scan and tests.
            const down = offline[c.id]
            return (
              <div key={c.id} className="connection-row">
                <button
                  type="button"
                  className={currentId === c.id ? 'nav-item active' : 'nav-item'}
                  aria-current={currentId === c.id ? 'page' : undefined}
                  onClick={() => navigate({ id: 'connection', params: { id: c.id } })}
                >
                  {c.name}
                  <span className="sub">
                    {providerLabel(c.provider)}
                    {c.demo ? ' · demo' : ''}
                    {c.team ? ' · team' : ''}
                  </span>
                </button>
                <HealthDot name={c.name} health={down ? 'offline' : (known?.health ?? 'unchecked')} reason={down ? down.message : known?.reason} />
              </div>
            )
          })}
        </div>
      ))}
      <button type="button" className="nav-item" onClick={() => navigate({ id: 'connectionEdit' })}>
        + New connection
      </button>
    </div>
  )
}

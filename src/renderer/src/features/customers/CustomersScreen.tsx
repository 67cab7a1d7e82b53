import { useEffect, type ReactNode } from 'react'
import type { CustomerPart, Health } from '../../../../shared/model/customers'
import { useStore } from '../../store'
import { formatAgo } from '../../../../shared/format'
import { useNow } from '../offline/use-now'
import { providerLabel, providerUi } from '../../providers/registry'

export const HEALTH_LABEL: Record<Health, string> = { ok: 'OK', warning: 'Warning', error: 'Failing', unknown: 'Unknown' }
const HEALTH_CLASS: Record<Health, string> = { ok: 'badge-ok', warning: 'badge-warn', error: 'badge-error', unknown: 'badge-muted' }

export function HealthBadge({ health, label }: { health: Health | null; label?: string }): ReactNode {
  if (!health) return <span className="badge badge-muted">Not checked</span>
  return (
    <span className={`badge ${HEALTH_CLASS[health]}`} aria-label={label ? `${label}: ${HEALTH_LABEL[health]}` : undefined}>
      {HEALTH_LABEL[health]}
    </span>
  )
}

const customerName = (name: string) => name || 'No customer'

/** Every customer label with its connections and last combined status. */
export function CustomersScreen(): ReactNode {
  const customers = useStore((s) => s.customers)
  const loaded = useStore((s) => s.customersLoaded)
  const error = useStore((s) => s.customersError)
  const load = useStore((s) => s.loadCustomers)
  const navigate = useStore((s) => s.navigate)
  useEffect(() => {
    void load()
  }, [load])

  return (
    <section className="panel" aria-labelledby="customers-heading">
      <h1 id="customers-heading">Customers</h1>
      <p className="muted small">Connections grouped by their customer label. Open a customer for everything protected for them, with one combined status.</p>
      {error && <p className="error-text" role="alert">{error}</p>}
      {loaded && customers.length === 0 && <p className="muted">No connections yet.</p>}
      {customers.length > 0 && (
        <table className="data" aria-label="Customers">
          <thead>
            <tr>
              <th scope="col">Customer</th>
              <th scope="col">Status</th>
              <th scope="col">Connections</th>
              <th scope="col">Providers</th>
            </tr>
          </thead>
          <tbody>
            {customers.map((c) => (
              <tr key={c.name}>
                <td>
                  <button type="button" className="link" onClick={() => navigate({ id: 'customer', params: { name: c.name } })}>
                    {customerName(c.name)}
                  </button>
                  {c.demo && <span className="badge badge-warn"> Demo</span>}
                </td>
                <td>
                  <HealthBadge health={c.status} />
                </td>
                <td>{c.connectionCount}</td>
                <td>{c.providers.map((p) => providerLabel(p)).join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}

/** One customer: each provider's part (units, accounts, definitions…), worst status first. */
export function CustomerScreen(): ReactNode {
  const name = useStore((s) => String(s.screen.params?.['name'] ?? ''))
  const state = useStore((s) => s.customerPages[name])
  const load = useStore((s) => s.loadCustomer)
  const navigate = useStore((s) => s.navigate)
  const now = useNow()
  useEffect(() => {
    void load(name, true)
  }, [load, name])
  const page = state?.value

  return (
    <>
      <header className="panel" aria-labelledby="customer-heading">
        <div className="toolbar">
          <h1 id="customer-heading" className="inline-heading">
            {customerName(name)}
          </h1>
          {page && <HealthBadge health={page.status} label="Combined status" />}
          {page?.parts.some((p) => p.demo) && <span className="badge badge-warn">Demo data</span>}
          <span className="spacer" />
          <button type="button" className="btn" onClick={() => navigate({ id: 'customers' })}>
            All customers
          </button>
          <button type="button" className="btn" onClick={() => void load(name, true)} disabled={state?.loading}>
            {state?.loading ? 'Refreshing…' : 'Refresh'}
          </button>
        </div>
        {page && (
          <p className="muted small" data-testid="customer-summary">
            Combined status: <strong>{HEALTH_LABEL[page.status]}</strong> (the worst of {page.parts.length} connection{page.parts.length === 1 ? '' : 's'}) · checked{' '}
            {formatAgo(page.checkedAt, now)}
          </p>
        )}
        {!page && state?.loading && <p role="status">Loading…</p>}
        {state?.error && (
          <p className="error-text" role="alert">
            {state.error}
          </p>
        )}
      </header>
      {page?.parts.map((part) => <PartView key={part.connectionId} part={part} now={now} />)}
    </>
  )
}

/** Where the part's data comes from, and whether it could be checked now. */
function partState(part: CustomerPart, now: number): string {
  const known = part.items.length && part.asOf ? ` (last known data from ${formatAgo(part.asOf, now)})` : ''
  if (part.failure === 'cannot-check') return `Cannot check${known}`
  if (part.failure === 'offline' || part.source === 'snapshot') return part.asOf ? `Offline — last known data from ${formatAgo(part.asOf, now)}` : 'Offline'
  if (part.source === 'live') return part.asOf ? `up to date (${formatAgo(part.asOf, now)})` : 'up to date'
  return 'No data yet'
}

function PartView({ part, now }: { part: CustomerPart; now: number }): ReactNode {
  const navigate = useStore((s) => s.navigate)
  const headingId = `part-${part.connectionId}`
  const open = (businessUnitId?: number) => {
    if (businessUnitId !== undefined) providerUi(part.provider).revealCustomerItem?.(part.connectionId, businessUnitId)
    navigate({ id: 'connection', params: { id: part.connectionId } })
  }
  return (
    <section className="panel customer-part" aria-labelledby={headingId}>
      <div className="toolbar">
        <h2 id={headingId} className="inline-heading">
          {providerLabel(part.provider)}: {part.itemKind.toLowerCase()}
        </h2>
        <HealthBadge health={part.status} label={`${part.connectionName} status`} />
        {part.demo && <span className="badge badge-warn">Demo</span>}
        <span className="spacer" />
        <button type="button" className="btn" onClick={() => open()}>
          Open {part.connectionName}
        </button>
      </div>
      <p className="muted small" data-testid="customer-part-state">
        {part.connectionName} · {partState(part, now)}
        {part.error ? ` · ${part.error}` : ''}
      </p>
      {part.items.length === 0 ? (
        <p className="muted small">{providerUi(part.provider).emptyCustomerPart ?? 'Nothing to show.'}</p>
      ) : (
        <div className="table-scroll" tabIndex={0} role="group" aria-label={`${part.itemKind} of ${part.connectionName} (scrolls)`}>
          <table className="data" aria-label={`${part.connectionName}: ${part.itemKind}`}>
            <thead>
              <tr>
                <th scope="col">Status</th>
                <th scope="col">{part.itemKind.replace(/s$/, '')}</th>
                <th scope="col">Detail</th>
              </tr>
            </thead>
            <tbody>
              {part.items.map((item) => (
                <tr key={item.id}>
                  <td>
                    <HealthBadge health={item.status} />
                  </td>
                  <td>
                    {item.businessUnitId !== undefined ? (
                      <button type="button" className="link" onClick={() => open(item.businessUnitId)}>
                        {item.label}
                      </button>
                    ) : (
                      item.label
                    )}
                  </td>
                  <td className="small">{item.detail}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}

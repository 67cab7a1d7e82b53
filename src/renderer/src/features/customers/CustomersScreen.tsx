import { useEffect, useMemo, type ReactNode } from 'react'
import { CUSTOMER_ITEM_LIMIT, type CustomerItem, type CustomerPage, type CustomerPart, type CustomerListItem, type Health } from '../../../../shared/model/customers'
import { DataTable, type TableColumn } from '../../components/DataTable'
import { hasAnswered, selectCustomers, useStore } from '../../store'
import { formatAgo, formatNumber } from '../../../../shared/format'
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
const healthText = (health: Health | null) => (health ? HEALTH_LABEL[health] : 'Not checked')
// Worst first when sorted ascending.
const HEALTH_RANK: Record<Health, number> = { error: 0, warning: 1, unknown: 2, ok: 3 }
const customerKey = (c: CustomerListItem) => c.name
const itemKey = (item: CustomerItem) => item.id

/** How old a listed status is, and whether it is last known data: "· 2 hours ago · offline, last known data". */
function listStatusAge(c: CustomerListItem, now: number): string {
  const source = c.statusSource === 'fleet-scan' ? 'fleet scan' : 'customer page'
  return `· ${formatAgo(c.checkedAt, now)} (${source})${c.offline ? ' · offline, last known data' : ''}`
}

const listStatusText = (c: CustomerListItem, now: number) => (c.status ? `${HEALTH_LABEL[c.status]} ${listStatusAge(c, now)}` : healthText(null))

/** Every customer label with its connections and the newest combined status main has. */
export function CustomersScreen(): ReactNode {
  const customers = useStore(selectCustomers)
  const loaded = useStore((s) => hasAnswered(s.customers))
  const error = useStore((s) => s.customers.error)
  const load = useStore((s) => s.loadCustomers)
  const navigate = useStore((s) => s.navigate)
  const now = useNow()
  useEffect(() => {
    void load()
  }, [load])
  const columns = useMemo<Array<TableColumn<CustomerListItem>>>(
    () => [
      {
        id: 'customer',
        header: 'Customer',
        text: (c) => `${customerName(c.name)}${c.demo ? ' (Demo)' : ''}`,
        sortValue: (c) => customerName(c.name),
        cell: (c) => (
          <>
            <button type="button" className="link" onClick={() => navigate({ id: 'customer', params: { name: c.name } })}>
              {customerName(c.name)}
            </button>
            {c.demo && <span className="badge badge-warn"> Demo</span>}
          </>
        ),
        width: 220,
        grow: true
      },
      {
        id: 'status',
        header: 'Status',
        text: (c) => listStatusText(c, now),
        sortValue: (c) => (c.status ? HEALTH_RANK[c.status] : undefined),
        cell: (c) => (
          <>
            <HealthBadge health={c.status} />
            {c.status && <span className="small muted"> {listStatusAge(c, now)}</span>}
          </>
        ),
        // Fits "Failing · less than a minute ago (customer page)" at 1280 px; the four still sum to 920.
        width: 360
      },
      { id: 'connections', header: 'Connections', text: (c) => String(c.connectionCount), sortValue: (c) => c.connectionCount, align: 'end', width: 100 },
      { id: 'providers', header: 'Providers', text: (c) => c.providers.map((p) => providerLabel(p)).join(', '), width: 240 }
    ],
    [navigate, now]
  )

  return (
    <section className="panel" aria-labelledby="customers-heading">
      <h1 id="customers-heading">Customers</h1>
      <p className="muted small">
        Connections grouped by their customer label. Each status is the newest main has, from the last fleet scan or the customer's page. Open a customer for everything protected for them, checked now.
      </p>
      {error && <p className="error-text" role="alert">{error}</p>}
      {loaded && customers.length === 0 && <p className="muted">No connections yet.</p>}
      {customers.length > 0 && (
        <DataTable tableId="customers" rows={customers} columns={columns} rowKey={customerKey} label="Customers" />
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
            Combined status: <strong>{HEALTH_LABEL[page.status]}</strong> (the worst of {page.parts.length} connection{page.parts.length === 1 ? '' : 's'}) ·{' '}
            {freshness(page, now)}
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

/**
 * When the combined status was checked. A part that could not be reached (or was only read from
 * what was saved) did not take part in that check: its status is last known data, and the summary
 * says so, with the oldest age, rather than "checked just now".
 */
function freshness(page: CustomerPage, now: number): string {
  const checked = `checked ${formatAgo(page.checkedAt, now)}`
  const unreached = page.parts.filter((p) => p.failure === 'offline' || (!p.failure && p.source === 'snapshot'))
  if (!unreached.length) return checked
  const ages = unreached.map((p) => p.asOf).filter((at): at is string => !!at && !Number.isNaN(Date.parse(at)))
  const oldest = ages.sort((a, b) => Date.parse(a) - Date.parse(b))[0]
  const known = oldest ? `last known data from ${formatAgo(oldest, now)}` : 'nothing saved to show'
  const count = page.parts.length
  if (unreached.length === count) return `not checked now: ${count === 1 ? 'the connection' : `none of the ${count} connections`} could be reached (${known})`
  return `${checked}, but ${unreached.length} of ${count} connections could not be reached and count with their ${known}`
}

/** Where the part's data comes from, and whether it could be checked now. */
function partState(part: CustomerPart, now: number): string {
  const known = part.items.length && part.asOf ? ` (last known data from ${formatAgo(part.asOf, now)})` : ''
  if (part.failure === 'cannot-check') return `Cannot check${known}`
  if (part.failure === 'offline' || part.source === 'snapshot') return part.asOf ? `Offline — last known data from ${formatAgo(part.asOf, now)}` : 'Offline'
  if (part.source === 'live') return part.asOf ? `up to date (${formatAgo(part.asOf, now)})` : 'up to date'
  return 'No data yet'
}

/**
 * Main sends at most CUSTOMER_ITEM_LIMIT items per part (worst first): say so rather than let a
 * long list look complete. Last known data from an older version has no count: "the first 500".
 */
function capNote(part: CustomerPart): string | undefined {
  const shown = part.items.length
  const kind = part.itemKind.toLowerCase()
  if (part.itemCount !== undefined) return part.itemCount > shown ? `Showing ${formatNumber(shown)} of ${formatNumber(part.itemCount)} ${kind}, worst first` : undefined
  return shown >= CUSTOMER_ITEM_LIMIT ? `Showing the first ${formatNumber(shown)} ${kind}, worst first` : undefined
}

function PartView({ part, now }: { part: CustomerPart; now: number }): ReactNode {
  const navigate = useStore((s) => s.navigate)
  const headingId = `part-${part.connectionId}`
  const { provider, connectionId, itemKind } = part
  const columns = useMemo<Array<TableColumn<CustomerItem>>>(() => {
    const open = (businessUnitId: number) => {
      providerUi(provider).revealCustomerItem?.(connectionId, businessUnitId)
      navigate({ id: 'connection', params: { id: connectionId } })
    }
    return [
      { id: 'status', header: 'Status', text: (item) => healthText(item.status), cell: (item) => <HealthBadge health={item.status} />, width: 110 },
      {
        id: 'item',
        header: itemKind.replace(/s$/, ''),
        text: (item) => item.label,
        cell: (item) =>
          item.businessUnitId !== undefined ? (
            <button type="button" className="link" onClick={() => open(item.businessUnitId as number)}>
              {item.label}
            </button>
          ) : (
            item.label
          ),
        width: 280
      },
      { id: 'detail', header: 'Detail', text: (item) => item.detail ?? '', cell: (item) => <span className="small">{item.detail}</span>, width: 240, grow: true }
    ]
  }, [provider, connectionId, itemKind, navigate])
  const open = () => navigate({ id: 'connection', params: { id: part.connectionId } })
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
        <DataTable tableId="customers.part" rows={part.items} columns={columns} rowKey={itemKey} label={`${part.connectionName}: ${part.itemKind}`} />
      )}
      {capNote(part) && (
        <p className="muted small" data-testid="customer-part-cap">
          {capNote(part)} —{' '}
          <button type="button" className="link" onClick={() => open()}>
            open {part.connectionName}
          </button>{' '}
          for the rest.
        </p>
      )}
    </section>
  )
}

import { useCallback, useEffect, useId, useMemo, useState, type ReactNode } from 'react'
import { PROVIDERS, type ProviderKind } from '../../../../shared/model/connection'
import { FLEET_STATUSES, isReviewed, sortForReview, STALE_AFTER_HOURS, type FleetReview, type FleetRow, type FleetScope } from '../../../../shared/model/fleet'
import { useValueAfterPaint } from '../../components/use-value-after-paint'
import { DataTable, type TableColumn } from '../../components/DataTable'
import { hasAnswered, selectConnections, selectFleetScan, useStore } from '../../store'
import { screenHash } from '../../store/nav.slice'
import { providerLabel, providersInWords } from '../../providers/registry'
import { filterFleet, filtersFromParams, formatAge, STATUS_CLASS, STATUS_LABEL, type FleetFilters, type OwnerFilter, type StatusFilter } from './fleet-view'
import { ReviewDialog } from './ReviewDialog'
import { useDrill } from '../watch/use-drill'
import { CreateTicketDialog } from '../tickets/CreateTicketDialog'
import { ChangesPanel } from '../watch/ChangesPanel'
import { ATTENTION_STATUSES, type EarlierRows } from '../../../../shared/model/watch'
import { formatAgo, formatDate, formatDateTime, formatDayShort } from '../../../../shared/format'

/**
 * The review state in a few words, whole in the Review column: a snooze names its day without the
 * year ("Snoozed to Dec 12"; a snooze ends within weeks, and the badge's title has the full date).
 */
function reviewLabel(review: FleetReview, now: number): string {
  return review.state === 'acknowledged'
    ? 'Acknowledged'
    : review.state === 'snoozed'
      ? isReviewed(review, now)
        ? `Snoozed to ${formatDayShort(review.snoozedUntil ?? '')}`
        : 'Snooze ended'
      : 'Note'
}

function ticketLabel(ticket: NonNullable<FleetReview['ticket']>): string {
  return ticket.via === 'email' ? 'Ticket e-mailed' : ticket.via === 'manual' ? `Ticket ${ticket.reference ?? ''}` : ticket.reference ? `Ticket ${ticket.reference}` : ticket.state === 'sent' ? 'Ticket sent' : 'Ticket: outcome unknown'
}

/** The review cell as plain text, for its tooltip when the cell is cut off. */
function reviewText(review: FleetReview | undefined, now: number): string {
  if (!review) return ''
  const parts = review.state !== 'open' || review.note ? [reviewLabel(review, now)] : []
  if (review.by) parts.push(review.by)
  if (review.ticket) parts.push(ticketLabel(review.ticket))
  if (review.note) parts.push(review.note)
  return parts.join(' · ')
}

function ReviewCell({ review, now }: { review: FleetReview | undefined; now: number }): ReactNode {
  if (!review) return null
  const label = reviewLabel(review, now)
  const ticket = review.ticket
  // The state's badge keeps its width; who, the ticket and the note give way (the cell's title has them all).
  return (
    <span className="fleet-review">
      {(review.state !== 'open' || review.note) && (
        <span className="badge badge-muted fleet-review-state" title={review.state === 'snoozed' && review.snoozedUntil ? `Snoozed until ${formatDate(review.snoozedUntil)}` : undefined}>
          {label}
        </span>
      )}
      {review.by ? <span className="muted small"> · {review.by}</span> : null}
      {ticket ? (
        <span className="badge badge-muted" title={ticket.message}>
          {ticketLabel(ticket)}
        </span>
      ) : null}
      {review.note ? <span className="muted small fleet-note"> {review.note}</span> : null}
    </span>
  )
}

/** What a scan of part of the fleet covered, said above its rows; nothing for a scan of every connection. */
function scopeText(scope: FleetScope): string | undefined {
  if (scope.customer) return `A scan of ${scope.customer} only`
  const n = scope.connectionIds?.length ?? 0
  return n ? `A scan of ${n} connection${n === 1 ? '' : 's'} only` : undefined
}

const items = (n: number): string => `${n} item${n === 1 ? '' : 's'}`

/** When the earlier scans behind the other connections' rows ran: "3 hours ago", or "between 2 days and 3 hours ago". */
function scannedSpan(earlier: EarlierRows, now: number): string {
  const times = Object.values(earlier.scannedAt).map(Date.parse).filter((t) => !Number.isNaN(t))
  if (!times.length) return 'earlier'
  const [oldest, newest] = [Math.min(...times), Math.max(...times)]
  const [from, to] = [formatAgo(new Date(oldest).toISOString(), now), formatAgo(new Date(newest).toISOString(), now)]
  return from === to ? from : `between ${from.replace(/ ago$/, '')} and ${to}`
}

/** Fleet health across every connection: failures and stale backups first, with a review queue. */
export function FleetScreen(): ReactNode {
  const scan = useStore(selectFleetScan)
  const rows = useStore((s) => s.fleetRows)
  const reviews = useStore((s) => s.fleetReviews)
  const error = useStore((s) => s.fleetScan.error)
  const loaded = useStore((s) => hasAnswered(s.fleetScan))
  const connections = useStore(selectConnections)
  const loadFleet = useStore((s) => s.loadFleet)
  const followFleet = useStore((s) => s.followFleet)
  const start = useStore((s) => s.startFleetScan)
  const cancel = useStore((s) => s.cancelFleetScan)
  const [scopeCustomer, setScopeCustomer] = useState('')
  const earlierAnswer = useStore((s) => s.fleetEarlier.value)
  const loadEarlier = useStore((s) => s.loadFleetEarlier)
  // Changes each time a scan is kept: the other connections are read again for the newest one.
  const keptAt = useStore((s) => s.watchStatus.value?.lastScanAt)
  // A link (the Overview's counts) names filters in the address; a new address sets them again.
  const linkParams = useStore((s) => s.screen.params)
  const link = useStore((s) => screenHash(s.screen))
  const [filters, setFilters] = useState<FleetFilters>(() => filtersFromParams(linkParams))
  const [linked, setLinked] = useState(link)
  if (linked !== link) {
    setLinked(link)
    setFilters(filtersFromParams(linkParams))
  }
  const [reviewing, setReviewing] = useState<FleetRow | null>(null)
  const [ticketing, setTicketing] = useState<FleetRow | null>(null)
  const focus = useStore((s) => s.watchFocus)
  const setFocus = useStore((s) => s.setWatchFocus)
  const ids = { scope: useId(), provider: useId(), status: useId(), customer: useId(), text: useId(), reviewed: useId(), owner: useId() }

  useEffect(() => {
    void loadFleet()
  }, [loadFleet])
  // While shown, a running scan's rows are read as it finds them.
  useEffect(() => followFleet(), [followFleet])

  const customers = useMemo(() => [...new Set(connections.map((c) => c.customer).filter(Boolean))].sort(), [connections])
  const running = scan?.state === 'running'
  // After a scan of part of the fleet the other connections are listed as their last scan found
  // them, so the list holds what the Overview and the attention count read.
  const scopedScanId = scan && !running && scopeText(scan.scope) ? scan.scanId : undefined
  useEffect(() => {
    if (scopedScanId) void loadEarlier()
  }, [scopedScanId, keptAt, loadEarlier])
  const earlier = scopedScanId && earlierAnswer?.scanId === scopedScanId && earlierAnswer.rows.length ? earlierAnswer : null
  const listed = useMemo(() => (earlier ? rows.concat(earlier.rows) : rows), [rows, earlier])
  const scanAt = scan?.finishedAt ?? scan?.startedAt
  // One clock for the list (ages, snoozes), ticking each minute rather than on every render.
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000)
    return () => clearInterval(timer)
  }, [])
  const reviewMap = useMemo(() => new Map(Object.entries(reviews)), [reviews])
  const sorted = useMemo(() => sortForReview(listed, reviewMap, now), [listed, reviewMap, now])
  // The text filter applies as of the last painted frame, so a keystroke shows at once.
  const deferredText = useValueAfterPaint(filters.text)
  const { provider, status, customer, includeReviewed, owner } = filters
  const active = useMemo(() => ({ provider, status, customer, includeReviewed, owner, text: deferredText }), [provider, status, customer, includeReviewed, owner, deferredText])
  const focusKeys = useMemo(() => (focus ? new Set(focus.keys) : null), [focus])
  const shown = useMemo(() => {
    const filtered = filterFleet(sorted, active, reviews, now)
    return focusKeys ? filtered.filter((r) => focusKeys.has(r.key)) : filtered
  }, [sorted, active, reviews, now, focusKeys])
  // The banner counts as the Overview and reports do: failing or stale "need attention"; warnings
  // and unknowns are counted apart so the two numbers never read as one.
  const counts = useMemo(() => {
    let attention = 0
    let other = 0
    for (const r of rows) {
      if (ATTENTION_STATUSES.has(r.status)) attention++
      else if (r.status === 'warning' || r.status === 'unknown') other++
    }
    return { attention, other }
  }, [rows])

  const drill = useDrill()

  const columns = useMemo<Array<TableColumn<FleetRow>>>(
    () => [
      {
        id: 'status',
        header: 'Status',
        text: (r) => STATUS_LABEL[r.status],
        cell: (r) => <span className={`badge ${STATUS_CLASS[r.status]}`}>{STATUS_LABEL[r.status]}</span>,
        // Beside a scan of part of the fleet (whose rows are listed with older ones), each status says which scan found it.
        ...(earlier
          ? { title: (r: FleetRow) => `${STATUS_LABEL[r.status]}: as the scan of ${formatDateTime(earlier.scannedAt[r.connectionId] ?? scanAt)} found it` }
          : {}),
        // The words of a fixed set read whole: the longest badge ("Cannot check") is 116 px with the
        // cell's padding, and the longest provider ("Cloudback") 90 px. Names and details give way.
        width: 118
      },
      { id: 'age', header: 'Age', text: (r) => formatAge(r, now), width: 52, align: 'end' },
      { id: 'provider', header: 'Provider', text: (r) => providerLabel(r.provider), width: 92 },
      { id: 'customer', header: 'Customer', text: (r) => r.customer || '—', width: 90 },
      { id: 'connection', header: 'Connection', text: (r) => r.connectionName, width: 100 },
      {
        id: 'object',
        header: 'Object',
        text: (r) => (r.context ? `${r.object} · ${r.context}` : r.object),
        cell: (r) => (
          <span className="fleet-object">
            <button type="button" className="link" onClick={() => drill(r)} title="Open in its console">
              {r.object}
            </button>
            {r.context ? <span className="muted small fleet-object-context">{`\u00a0· ${r.context}`}</span> : null}
          </span>
        ),
        width: 118
      },
      { id: 'detail', header: 'Detail', text: (r) => r.detail, cell: (r) => <span className="small fleet-detail">{r.detail}</span>, width: 96, grow: true },
      // Wide enough for the longest state's badge ("Snoozed to May 28"). With the pinned actions the
      // columns add up to the 980 px a 1280 px window leaves the table, so every column is in view
      // and every header whole; Detail takes what a wider window adds.
      { id: 'review', header: 'Review', text: (r) => reviewText(reviews[r.key], now), cell: (r) => <ReviewCell review={reviews[r.key]} now={now} />, width: 150 },
      {
        id: 'actions',
        header: 'Actions',
        text: () => '',
        cell: (r) => (
          <span className="fleet-actions">
            <button type="button" className="btn btn-small" onClick={() => setReviewing(r)} aria-label={`Review ${r.object}`}>
              Review…
            </button>
            {ATTENTION_STATUSES.has(r.status) && (
              <button type="button" className="btn btn-small" onClick={() => setTicketing(r)} aria-label={`Create ticket for ${r.object}`}>
                Ticket…
              </button>
            )}
          </span>
        ),
        csv: [],
        // Its two buttons side by side with the cell's padding.
        width: 164,
        sticky: true
      }
    ],
    [drill, reviews, now, earlier, scanAt]
  )
  const rowKey = useCallback((r: FleetRow) => r.key, [])
  const set = <K extends keyof FleetFilters>(key: K, value: FleetFilters[K]) => setFilters((f) => ({ ...f, [key]: value }))
  const percent = scan && scan.total ? Math.round((scan.done / scan.total) * 100) : scan?.state === 'done' ? 100 : 0
  // The scan's end arrives before its last rows are read: until they are, the screen says it is
  // reading them (never "finished" over a partial list, nor "nothing found" over an unread one).
  const reading = !running && scan != null && rows.length < scan.rowCount

  return (
    <section aria-labelledby="fleet-heading" className="fleet-screen">
      <div className="toolbar">
        <h1 id="fleet-heading" className="inline-heading">
          Fleet health
        </h1>
        <span className="spacer" />
        <div className="inline-field">
          <label htmlFor={ids.scope}>Scan</label>
          <select id={ids.scope} value={scopeCustomer} onChange={(e) => setScopeCustomer(e.target.value)} disabled={running}>
            <option value="">All connections</option>
            {customers.map((c) => (
              <option key={c} value={c}>
                Customer: {c}
              </option>
            ))}
          </select>
        </div>
        {running ? (
          <button type="button" className="btn" onClick={() => void cancel()}>
            Cancel scan
          </button>
        ) : (
          <button type="button" className="btn btn-primary" onClick={() => void start(scopeCustomer ? { customer: scopeCustomer } : {})}>
            {scan ? 'Scan again' : 'Scan now'}
          </button>
        )}
      </div>

      {scan && (
        <div className="fleet-progress">
          <div className="progress" role="progressbar" aria-label="Scan progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}>
            <span style={{ width: `${percent}%` }} />
          </div>
          <p className="muted small" role="status" aria-live="polite">
            {running ? 'Scanning' : reading ? 'Reading the results' : scan.state === 'cancelled' ? 'Scan cancelled' : 'Scan finished'}: {scan.done} of {scan.total}{' '}
            connections, {reading ? `${rows.length} of ${items(scan.rowCount)}` : items(rows.length)}, {counts.attention} failing or stale
            {counts.other ? `, ${counts.other} with warnings or unknown` : ''}
            {scan.finishedAt ? ` · ${formatDateTime(scan.finishedAt)}` : ''}
          </p>
          {!running && scopeText(scan.scope) && (
            <p className="muted small" data-testid="fleet-scope">
              {scopeText(scan.scope)}
              {earlier
                ? `. The other connections are listed as their last scan found them: ${items(earlier.rows.length)}, scanned ${scannedSpan(earlier, now)} (a status's tooltip says when).`
                : ": the other connections' items are not listed here."}{' '}
              <button
                type="button"
                className="btn btn-small"
                onClick={() => {
                  setScopeCustomer('')
                  void start({})
                }}
              >
                Scan all connections
              </button>
            </p>
          )}
        </div>
      )}
      {error && (
        <p className="banner banner-error" role="alert">
          {error}
        </p>
      )}
      {scan && scan.notes.length > 0 && (
        <div className="banner banner-warn">
          <strong>Not every connection could be checked:</strong>
          <ul className="fleet-notes">
            {scan.notes.map((n) => (
              <li key={n.connectionId}>
                {n.connectionName}: {n.message}
              </li>
            ))}
          </ul>
        </div>
      )}

      <details className="fleet-changes">
        <summary>What changed since the last scan / since yesterday</summary>
        <ChangesPanel />
      </details>
      {focus && (
        <p className="banner banner-warn" role="status">
          Showing the {focus.keys.length} new failure{focus.keys.length === 1 ? '' : 's'} of the latest scan.{' '}
          <button type="button" className="btn btn-small" onClick={() => setFocus(null)}>
            Show everything
          </button>
        </p>
      )}

      <div className="toolbar">
        <div className="inline-field">
          <label htmlFor={ids.provider}>Provider</label>
          <select id={ids.provider} value={filters.provider} onChange={(e) => set('provider', e.target.value as ProviderKind | 'all')}>
            <option value="all">All</option>
            {PROVIDERS.map((p) => (
              <option key={p} value={p}>
                {providerLabel(p)}
              </option>
            ))}
          </select>
        </div>
        <div className="inline-field">
          <label htmlFor={ids.status}>Status</label>
          <select id={ids.status} value={filters.status} onChange={(e) => set('status', e.target.value as StatusFilter)}>
            <option value="all">All</option>
            <option value="problems">Not OK (incl. warnings)</option>
            <option value="attention">Failing or stale</option>
            <option value="failing">Failing (failed, missed, cannot check)</option>
            {FLEET_STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_LABEL[s]}
              </option>
            ))}
          </select>
        </div>
        <div className="inline-field">
          <label htmlFor={ids.customer}>Customer</label>
          <select id={ids.customer} value={filters.customer} onChange={(e) => set('customer', e.target.value)}>
            <option value="">All</option>
            {customers.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </div>
        <div className="inline-field filter-text">
          <label htmlFor={ids.text}>Filter</label>
          <input id={ids.text} type="search" spellCheck={false} autoComplete="off" value={filters.text} placeholder="Name, account, business unit" onChange={(e) => set('text', e.target.value)} />
        </div>
        <div className="inline-field">
          <label htmlFor={ids.owner}>Whose</label>
          <select id={ids.owner} value={filters.owner} onChange={(e) => set('owner', e.target.value as OwnerFilter)}>
            <option value="everyone">Everyone’s</option>
            <option value="mine">Mine</option>
            <option value="unassigned">Unassigned</option>
          </select>
        </div>
        <label className="inline-check" htmlFor={ids.reviewed}>
          <input id={ids.reviewed} type="checkbox" checked={filters.includeReviewed} onChange={(e) => set('includeReviewed', e.target.checked)} /> Include acknowledged
          and snoozed
        </label>
        <span className="spacer" />
        <span className="muted small" data-testid="fleet-shown">{listed.length ? `${shown.length} of ${listed.length}` : ''}</span>
      </div>

      {!scan && loaded ? (
        <p className="muted">
          No scan yet. A scan reads the status of every {providersInWords((p) => p.fleetItem)}. Stale means no successful backup for more than{' '}
          {STALE_AFTER_HOURS} hours.
        </p>
      ) : (
        <DataTable
          tableId="fleet.health"
          rows={shown}
          columns={columns}
          rowKey={rowKey}
          label="Fleet health"
          presorted
          scrollResetKey={active}
          height="calc(100vh - 17rem)"
          emptyText={running ? 'Waiting for the first results…' : reading ? 'Reading the results…' : listed.length ? 'No item matches the filters.' : 'Nothing found to check.'}
        />
      )}
      {reviewing && <ReviewDialog row={reviewing} review={reviews[reviewing.key]} onClose={() => setReviewing(null)} />}
      {ticketing && <CreateTicketDialog row={ticketing} review={reviews[ticketing.key]} onClose={() => setTicketing(null)} />}
    </section>
  )
}

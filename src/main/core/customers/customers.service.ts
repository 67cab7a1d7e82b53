// Customers: connections grouped by their customer label. A customer page joins, per connection,
// what it protects (each provider module's customer source says what and how: business units,
// accounts, definitions) and one combined status, the worst of its parts. A "light refresh" is
// one or two calls per connection; when a provider does not answer, the last part computed (kept
// in the encrypted snapshot cache) is shown instead, marked as such; when it answers and refuses
// (a wrong key or password), the part is failing: nothing behind it could be checked.

import type { ConnectionSummary } from '../../../shared/model/connection'
import type { FleetRow, FleetScanSummary, FleetStatus } from '../../../shared/model/fleet'
import { CUSTOMER_ITEM_LIMIT, customerHealthOfStatuses, worstHealth, type ConnectionCheck, type CustomerItem, type CustomerListItem, type CustomerPage, type CustomerPart, type Health } from '../../../shared/model/customers'
import { AppError } from '../../../shared/errors'
import type { ConnectionStore } from '../connections/connection-store'
import type { HandlerMap } from '../ipc/router'
import { silentLogger, type Logger } from '../log/logger'
import type { OfflineTracker } from '../offline/offline-tracker'
import type { SnapshotStore } from '../offline/snapshot-store'
import { isUnreachable } from '../offline/with-snapshots'
import { addedAt, lookBack, scanCovers, type KeptScanRef } from '../../../shared/model/kept-scans'

export const CUSTOMERS_PART_CHANNEL = 'customers.part'

/** What a provider contributes to a customer page (providers/<kind>/customers.ts). */
export interface CustomerSource {
  /** What the items are called ("Business units", "Accounts"…). */
  itemKind(connection: ConnectionSummary): string
  /**
   * Items Backdesk knows without a call (its own list): shown as live, never kept as a snapshot.
   * A source with `local` has no `read`. `index` hands search the list the items were made from
   * (as the channel that lists it answers), so search finds what the page shows.
   */
  local?(connection: ConnectionSummary, index: (channel: string, input: unknown, value: unknown) => void): Promise<{ items: CustomerItem[]; asOf?: string }>
  /** With `local`: one cheap call on a refresh that proves the connection's login is still accepted. */
  check?(connection: ConnectionSummary): Promise<void>
  /**
   * A light refresh: one or two calls. `keep` stores what else it learned (node names for search).
   * Items are judged as Fleet health judges their objects at `now` (stale counts).
   */
  read?(connection: ConnectionSummary, keep: (channel: string, value: unknown) => Promise<void>, now: number): Promise<CustomerItem[]>
}

export interface CustomersServiceOptions {
  connections: ConnectionStore
  /** The customer source of a connection's provider (none: the connection shows no items). */
  sourceOf: (provider: string) => CustomerSource | undefined
  store: SnapshotStore
  tracker: OfflineTracker
  /** Index what a page read (node names, a local list) for search. */
  onSnapshot?: (connectionId: string, channel: string, input: unknown, value: unknown) => void
  /**
   * The kept fleet scans, newest first: the latest as the Overview sees it, then the older ones
   * (none before the first; throws while the vault is locked). Each is decoded only when read.
   */
  keptScans?: () => Promise<KeptScanRef[]>
  /** Registers a listener for the vault locking: what was learned from kept scans is dropped. */
  onLock?: (listener: () => void) => () => void
  logger?: Logger
  now?: () => number
}

/** A customer's status as the list shows it, from one source. */
type ListStatus = Required<Pick<CustomerListItem, 'checkedAt' | 'statusSource' | 'offline'>> & { status: Health }

export class CustomersService {
  private readonly last = new Map<string, ListStatus>()
  private readonly checks = new Map<string, ConnectionCheck>()
  /**
   * What each kept scan of the last look back says per connection (null: unreadable). A kept scan
   * never changes, so a customer no recent scan covered costs its reads once, not on every list.
   */
  private digests = new Map<string, ScanDigest | null>()
  private readonly logger: Logger
  private readonly now: () => number

  constructor(private readonly options: CustomersServiceOptions) {
    this.logger = (options.logger ?? silentLogger).child('customers')
    this.now = options.now ?? (() => Date.now())
    options.onLock?.(() => {
      this.digests = new Map()
    })
  }

  /**
   * Every customer with the newest status main has for it: the newest kept fleet scan that covered
   * it or its last customer page, whichever is newer, with its age and whether it is last known
   * data (a connection offline).
   */
  async list(): Promise<CustomerListItem[]> {
    const groups = new Map<string, ConnectionSummary[]>()
    for (const c of this.options.connections.list()) groups.set(c.customer, [...(groups.get(c.customer) ?? []), c])
    const scanned = await this.scanStatuses(groups)
    return [...groups.entries()]
      .map(([name, cs]) => {
        const known = newest(this.last.get(name), scanned.get(name))
        const offlineNow = cs.some((c) => this.options.tracker.isOffline(c.id))
        return {
          name,
          connectionCount: cs.length,
          providers: [...new Set(cs.map((c) => c.provider))],
          demo: cs.every((c) => c.demo),
          status: known?.status ?? null,
          ...(known ? { checkedAt: known.checkedAt, statusSource: known.statusSource, offline: known.offline || offlineNow } : {})
        }
      })
      .sort((a, b) => (a.name === '' ? 1 : b.name === '' ? -1 : a.name.localeCompare(b.name)))
  }

  /**
   * Each customer's status from the newest kept scan that covered every one of its connections (a
   * scan of one connection or customer covers less; a connection it read and found empty counts as
   * covered). One pass over the kept scans, newest first,
   * for the whole list, ending once every customer has its scan (lookBack, which also bounds it).
   */
  private async scanStatuses(groups: ReadonlyMap<string, ConnectionSummary[]>): Promise<Map<string, ListStatus>> {
    const found = new Map<string, ListStatus>()
    const used = new Map<string, ScanDigest | null>()
    // A scan that finished before a customer's newest connection was added cannot cover it: a
    // connection not scanned yet ends the look back there instead of reading the whole history.
    const since = new Map([...groups].map(([name, cs]) => [name, Math.max(...cs.map(addedAt))]))
    try {
      for (const { scan, open } of lookBack((await this.options.keptScans?.()) ?? [], since, found)) {
        let digest = this.digests.get(scan.scanId)
        if (digest === undefined) {
          const kept = await scan.read()
          digest = kept ? digestOf(kept) : null
        }
        used.set(scan.scanId, digest)
        if (!digest) continue
        for (const name of open) {
          const cs = groups.get(name) as ConnectionSummary[]
          const status = statusIn(digest, cs)
          if (status) found.set(name, status)
        }
      }
    } catch (err) {
      // Locked or unreadable: the list still answers, from what was found and the customer pages.
      this.logger.warn('kept fleet scans not read', { code: (err as { code?: string }).code })
    }
    this.digests = used
    return found
  }

  async get(name: string, refresh: boolean): Promise<CustomerPage> {
    const connections = this.options.connections.list().filter((c) => c.customer === name)
    if (!connections.length) throw new AppError('NOT_FOUND', name ? `No connection has the customer “${name}”.` : 'Every connection has a customer.')
    const parts = await Promise.all(connections.map((c) => this.part(c, refresh)))
    const page: CustomerPage = {
      name,
      status: worstHealth(parts.map((p) => p.status)),
      parts,
      checkedAt: new Date(this.now()).toISOString()
    }
    this.last.set(name, pageStatus(page))
    if (refresh) for (const part of parts) this.noteCheck(part, page.checkedAt)
    return page
  }

  /** Each connection's newest check by a customer page refresh (see ConnectionCheck). */
  connectionChecks(): ReadonlyMap<string, ConnectionCheck> {
    return this.checks
  }

  /**
   * A part read now, or refused now (nothing behind it could be checked), is a check of its
   * connection; last known data (offline, a snapshot) is not: the offline tracker speaks for it.
   */
  private noteCheck(part: CustomerPart, at: string): void {
    if (part.failure === 'cannot-check') {
      this.checks.set(part.connectionId, { health: 'error', at, ...(part.error ? { reason: part.error } : {}) })
    } else if (!part.failure && part.source === 'live') {
      const worst = part.items.find((i) => i.status === part.status && part.status !== 'ok')
      this.checks.set(part.connectionId, { health: part.status, at, ...(worst ? { reason: `${worst.label}: ${worst.detail ?? ''}`.replace(/: $/, '') } : {}) })
    }
  }

  private async part(c: ConnectionSummary, refresh: boolean): Promise<CustomerPart> {
    const base = { connectionId: c.id, connectionName: c.name, provider: c.provider, demo: c.demo }
    const source = this.options.sourceOf(c.provider)
    const itemKind = source?.itemKind(c) ?? 'Items'
    if (source?.local) {
      const { items, asOf } = await source.local(c, (channel, input, value) => this.options.onSnapshot?.(c.id, channel, input, value))
      const part: CustomerPart = { ...base, itemKind, items, status: items.length ? worstHealth(items.map((i) => i.status)) : 'unknown', source: 'live', ...(asOf ? { asOf } : {}) }
      if (!refresh || !source.check) return part
      try {
        await source.check(c)
        this.options.tracker.markOnline(c.id)
        return part
      } catch (err) {
        return { ...part, ...this.failed(c, err) }
      }
    }
    if (refresh && source?.read) {
      try {
        const fresh = finish(await source.read(c, (channel, value) => this.keep(c.id, channel, value), this.now()))
        const part: CustomerPart = { ...base, itemKind, ...fresh, source: 'live', asOf: new Date(this.now()).toISOString() }
        this.options.tracker.markOnline(c.id)
        await this.keep(c.id, CUSTOMERS_PART_CHANNEL, part)
        return part
      } catch (err) {
        const snap = await this.snapshot(c.id)
        const failed = this.failed(c, err, snap?.at)
        if (snap) return { ...snap.value, ...base, source: 'snapshot', asOf: new Date(snap.at).toISOString(), ...failed }
        return { ...base, itemKind, items: [], status: failed.status ?? 'unknown', source: 'none', error: failed.error, failure: failed.failure }
      }
    }
    const snap = await this.snapshot(c.id)
    if (snap) return { ...snap.value, ...base, source: 'snapshot', asOf: new Date(snap.at).toISOString() }
    return { ...base, itemKind, items: [], status: 'unknown', source: 'none' }
  }

  /**
   * What a failed refresh makes of a part. Unreachable: offline, and the last known data keeps its
   * status. Anything else (the login refused, no permission, an unreadable answer) means nothing
   * could be checked: the part is `error`, like the connection's row in Fleet health.
   */
  private failed(c: ConnectionSummary, err: unknown, snapshotAt?: number): { error: string; failure: NonNullable<CustomerPart['failure']>; status?: Health } {
    const error = err instanceof AppError ? err.message : 'The provider could not be read.'
    if (!(err instanceof AppError) || err.code === 'INTERNAL') this.logger.warn('customer part failed', { connectionId: c.id, err })
    if (isUnreachable(err)) {
      this.options.tracker.markOffline(c.id, error, snapshotAt)
      return { error, failure: 'offline' }
    }
    return { error, failure: 'cannot-check', status: 'error' }
  }

  private async snapshot(connectionId: string) {
    try {
      return await this.options.store.get<CustomerPart>(connectionId, CUSTOMERS_PART_CHANNEL, {})
    } catch {
      return null
    }
  }

  private async keep(connectionId: string, channel: string, value: unknown): Promise<void> {
    try {
      await this.options.store.put(connectionId, channel, {}, value)
    } catch (err) {
      this.logger.warn('customer part not kept', { code: (err as { code?: string }).code })
    }
    this.options.onSnapshot?.(connectionId, channel, {}, value)
  }
}

function finish(items: CustomerItem[]): Pick<CustomerPart, 'items' | 'itemCount' | 'status'> {
  return {
    items: [...items].sort((a, b) => rank(a.status) - rank(b.status) || a.label.localeCompare(b.label)).slice(0, CUSTOMER_ITEM_LIMIT),
    itemCount: items.length,
    status: items.length ? worstHealth(items.map((i) => i.status)) : 'unknown'
  }
}

/**
 * A page's status for the list. Parts that could not be reached count with their last known data
 * (as the page's summary says): the status is as old as the oldest of them, and offline.
 */
function pageStatus(page: CustomerPage): ListStatus {
  const unreached = page.parts.filter((p) => p.failure === 'offline' || (!p.failure && p.source === 'snapshot'))
  const ages = unreached.map((p) => (p.asOf ? Date.parse(p.asOf) : NaN)).filter((t) => !Number.isNaN(t))
  const checkedAt = ages.length ? new Date(Math.min(...ages)).toISOString() : page.checkedAt
  return { status: page.status, checkedAt, statusSource: 'customer-page', offline: unreached.length > 0 }
}

/** What one kept scan says of each connection it has rows for, and what it covered. */
interface ScanDigest {
  checkedAt: string
  /** What the scan covered (scanCovers). */
  coverage: Pick<FleetScanSummary, 'state' | 'scope' | 'startedAt' | 'scanned'>
  /** Each scanned connection's objects judged as the customer page judges them. */
  health: Map<string, Health>
  /** Connections the scan could not read (its notes): not read empty even without rows. */
  noted: Set<string>
  /** Connections the scan could not reach (OFFLINE, TIMEOUT): the list marks their customers offline. */
  unreachable: Set<string>
}

/**
 * A fleet scan's connections judged as the customer page judges the same objects
 * (customerHealthOfStatuses: Fleet health's failing and warning statuses; a connection that could
 * not be scanned is failing, as in Fleet health).
 */
function digestOf(scan: { summary: FleetScanSummary; rows: readonly FleetRow[] }): ScanDigest {
  const byConnection = new Map<string, FleetStatus[]>()
  for (const row of scan.rows) {
    const statuses = byConnection.get(row.connectionId)
    if (statuses) statuses.push(row.status)
    else byConnection.set(row.connectionId, [row.status])
  }
  return {
    checkedAt: scan.summary.finishedAt ?? scan.summary.startedAt,
    coverage: { state: scan.summary.state, scope: scan.summary.scope, startedAt: scan.summary.startedAt, ...(scan.summary.scanned ? { scanned: scan.summary.scanned } : {}) },
    noted: new Set(scan.summary.notes.map((n) => n.connectionId)),
    health: new Map([...byConnection].map(([id, statuses]) => [id, customerHealthOfStatuses(statuses)])),
    unreachable: new Set(scan.summary.notes.filter((n) => n.code === 'OFFLINE' || n.code === 'TIMEOUT').map((n) => n.connectionId))
  }
}

/**
 * A customer's status in one scan, only when the scan covered every one of its connections. One it
 * read and found empty counts as the customer page counts a part with no items: unknown.
 */
function statusIn(digest: ScanDigest, connections: ConnectionSummary[]): ListStatus | undefined {
  const healths: Health[] = []
  for (const c of connections) {
    const health = digest.health.get(c.id) ?? (scanCovers(digest.coverage, c) && !digest.noted.has(c.id) ? 'unknown' : undefined)
    if (!health) return undefined
    healths.push(health)
  }
  return { status: worstHealth(healths), checkedAt: digest.checkedAt, statusSource: 'fleet-scan', offline: connections.some((c) => digest.unreachable.has(c.id)) }
}

/** The newer of two statuses (the customer page on a tie: it is the closer look). */
function newest(page: ListStatus | undefined, scan: ListStatus | undefined): ListStatus | undefined {
  if (!page || !scan) return page ?? scan
  return Date.parse(scan.checkedAt) > Date.parse(page.checkedAt) ? scan : page
}

function rank(h: Health): number {
  return ['error', 'warning', 'unknown', 'ok'].indexOf(h)
}

export function createCustomersHandlers(service: CustomersService): Pick<HandlerMap, 'customers.list' | 'customers.get'> {
  return {
    'customers.list': () => service.list(),
    'customers.get': ({ name, refresh }) => service.get(name, refresh)
  }
}

// The Overview's numbers, computed from what main already knows: the latest kept scan (and the
// fleet as last seen, for the health dots), the review queue, the offline tracker, this session's
// Test connection results, the restore tracker and the kept trend. No provider is called, so it answers at once, offline too. `computeOverview` is pure
// (the tests feed it real scans of the simulator); the service gathers its inputs.

import type { ConnectionSummary, ProviderKind } from '../../../shared/model/connection'
import { isReviewed, sortForReview, type FleetReview, type FleetRow } from '../../../shared/model/fleet'
import type { OfflineStatus } from '../../../shared/model/offline'
import type { ConnectionCheck } from '../../../shared/model/customers'
import {
  healthOfCustomerStatus,
  healthOfStatus,
  OVERVIEW_ATTENTION,
  worseHealth,
  type ConnectionHealth,
  type ConnectionOverview,
  type Overview,
  type ProviderOverview,
  type TrendPoint,
  type UnitHealth
} from '../../../shared/model/overview'
import { ATTENTION_STATUSES, FAILING_STATUSES } from '../../../shared/model/watch'
import type { HandlerMap } from '../ipc/router'
import type { KeptScan } from '../schedule/scan-history'
import type { LastSeen } from '../schedule/watch.service'
import { isScoped } from '../schedule/scan-trend'

export interface OverviewInput {
  connections: readonly ConnectionSummary[]
  /** The latest kept scan, or null before the first. */
  scan: KeptScan | null
  /**
   * The fleet as last seen (watch's `lastSeen`): the counts, the queue and each connection's health
   * dot, as Fleet health lists it and the attention count reads it. After a scan of one customer
   * the other connections keep what their last scan found instead of dropping out or reading "not
   * checked"; `read` tells a connection read and found empty from one never read.
   */
  seen: LastSeen
  /**
   * Each connection's newest check by a customer page refresh: it stands for the connection when
   * newer than the scan its rows come from (or before any scan covered it), as the customer list
   * takes the newer of the page and the scan.
   */
  checks: ReadonlyMap<string, ConnectionCheck>
  reviews: readonly FleetReview[]
  offline: readonly OfflineStatus[]
  /** The last failed Test connection of a connection (none when none failed or one passed since). */
  failedTest(connectionId: string): { at: string; message: string } | undefined
  restoresInFlight: number
  trend: readonly TrendPoint[]
  now: number
}

export function computeOverview(input: OverviewInput): Overview {
  const { scan, now } = input
  const reviews = new Map(input.reviews.map((r) => [r.key, r]))
  const rows = scan ? input.seen.rows : []

  // Per connection: the worst object it had when last scanned, with the first reason seen for it.
  const byConnection = new Map<string, { health: ConnectionHealth; reason?: string }>()
  for (const row of input.seen.rows) {
    const health = healthOfStatus(row.status)
    const seen = byConnection.get(row.connectionId)
    if (!seen) byConnection.set(row.connectionId, { health, ...(health !== 'ok' ? { reason: `${row.object}: ${row.detail}` } : {}) })
    else if (worseHealth(health, seen.health) !== seen.health) byConnection.set(row.connectionId, { health, reason: `${row.object}: ${row.detail}` })
  }
  for (const note of scan?.summary.notes ?? []) byConnection.set(note.connectionId, { health: 'failing', reason: note.message })

  // When the rows a connection's dot comes from were scanned: the scan that read it (watch.earlier) or the latest.
  const scannedAt = (id: string): number | undefined => {
    const at = input.seen.earlierAt.get(id) ?? (scan ? (scan.summary.finishedAt ?? scan.summary.startedAt) : undefined)
    return at ? Date.parse(at) : undefined
  }

  const offline = new Map(input.offline.filter((s) => s.offline).map((s) => [s.connectionId, s]))
  const connections: ConnectionOverview[] = [...input.connections]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((c) => {
      const down = offline.get(c.id)
      const failed = input.failedTest(c.id)
      const scanned = newer(byConnection.get(c.id), scannedAt(c.id), input.checks.get(c.id))
      // What is true now first: offline, then a failed test of this session, then the scan.
      const [health, reason] = down
        ? (['offline', down.message] as const)
        : failed
          ? (['failing', `Test connection failed: ${failed.message}`] as const)
          : scanned
            ? ([scanned.health, scanned.reason] as const)
            : input.seen.read.has(c.id)
              ? (['unchecked', 'its last scan found no objects to check'] as const)
              : (['unchecked', undefined] as const)
      return {
        connectionId: c.id,
        name: c.name,
        provider: c.provider,
        customer: c.customer,
        health,
        ...(reason ? { reason } : {}),
        offline: !!down,
        testFailed: !!failed
      }
    })

  const providers = new Map<ProviderKind, ProviderOverview>()
  for (const c of input.connections) if (!providers.has(c.provider)) providers.set(c.provider, { provider: c.provider, failing: 0, stale: 0, total: 0 })
  let openReviews = 0
  for (const row of rows) {
    const p = providers.get(row.provider) ?? { provider: row.provider, failing: 0, stale: 0, total: 0 }
    providers.set(row.provider, p)
    p.total++
    if (FAILING_STATUSES.has(row.status)) p.failing++
    else if (row.status === 'stale') p.stale++
    if (ATTENTION_STATUSES.has(row.status) && !isReviewed(reviews.get(row.key), now)) openReviews++
  }

  // The review queue's order, and only what needs attention: an OK object is never "first".
  const attention = sortForReview(
    rows.filter((r) => ATTENTION_STATUSES.has(r.status)),
    reviews,
    now
  ).slice(0, OVERVIEW_ATTENTION)

  return {
    computedAt: new Date(now).toISOString(),
    ...(scan
      ? {
          lastScan: {
            scanId: scan.summary.scanId,
            finishedAt: scan.summary.finishedAt ?? scan.summary.startedAt,
            rowCount: scan.rows.length,
            scoped: isScoped(scan.summary.scope)
          }
        }
      : {}),
    providers: [...providers.values()].sort((a, b) => a.provider.localeCompare(b.provider)),
    openReviews,
    restoresInFlight: input.restoresInFlight,
    connections,
    attention,
    trend: [...input.trend]
  }
}

/**
 * The scan's judgement of a connection, or its customer page check when that is newer (or the scan
 * never read it); a page check that found nothing to judge leaves the dot not checked.
 */
function newer(
  scanned: { health: ConnectionHealth; reason?: string } | undefined,
  scannedAt: number | undefined,
  check: ConnectionCheck | undefined
): { health: ConnectionHealth; reason?: string } | undefined {
  if (!check || (scanned && scannedAt !== undefined && scannedAt >= Date.parse(check.at))) return scanned
  const health = healthOfCustomerStatus(check.health)
  if (health === 'unchecked') return scanned
  return { health, ...(check.reason ? { reason: `Customer page: ${check.reason}` } : {}) }
}

/**
 * The worst health of the objects under each business unit of one connection as last scanned
 * (`seen`, the fleet as last seen); null when no kept scan covered it.
 */
export function computeUnitHealth(scan: KeptScan | null, seen: readonly FleetRow[], connectionId: string): UnitHealth | null {
  if (!scan) return null
  const businessUnits: Record<string, ConnectionHealth> = {}
  let covered = false
  for (const row of seen) {
    if (row.connectionId !== connectionId) continue
    covered = true
    const id = row.ids.businessUnitId
    if (id === undefined) continue
    const health = healthOfStatus(row.status)
    const seen = businessUnits[id]
    businessUnits[id] = seen ? worseHealth(seen, health) : health
  }
  return covered ? { scanId: scan.summary.scanId, finishedAt: scan.summary.finishedAt ?? scan.summary.startedAt, businessUnits } : null
}

export interface OverviewSources {
  connections(): ConnectionSummary[]
  latestScan(): Promise<KeptScan | null>
  /** The fleet as last seen (see OverviewInput's `seen`). */
  lastSeen(): Promise<LastSeen>
  /** Each connection's newest customer page check (see OverviewInput's `checks`). */
  checks(): ReadonlyMap<string, ConnectionCheck>
  reviews(): Promise<FleetReview[]>
  offline(): OfflineStatus[]
  failedTest(connectionId: string): { at: string; message: string } | undefined
  restoresInFlight(): Promise<number>
  trend(): Promise<TrendPoint[]>
  now?: () => number
}

export class OverviewService {
  constructor(private readonly sources: OverviewSources) {}

  /** LOCKED while the vault is locked (the kept scans and reviews are sealed under it). */
  async get(): Promise<Overview> {
    const s = this.sources
    const [scan, seen, reviews, restoresInFlight, trend] = await Promise.all([s.latestScan(), s.lastSeen(), s.reviews(), s.restoresInFlight(), s.trend()])
    return computeOverview({
      connections: s.connections(),
      scan,
      seen,
      checks: s.checks(),
      reviews,
      offline: s.offline(),
      failedTest: (id) => s.failedTest(id),
      restoresInFlight,
      trend,
      now: (s.now ?? Date.now)()
    })
  }

  async unitHealth(connectionId: string): Promise<UnitHealth | null> {
    const [scan, seen] = await Promise.all([this.sources.latestScan(), this.sources.lastSeen()])
    return computeUnitHealth(scan, seen.rows, connectionId)
  }
}

export function createOverviewHandlers(service: OverviewService, requireUnlocked: () => void): Pick<HandlerMap, 'overview.get' | 'overview.unitHealth'> {
  return {
    'overview.get': () => {
      requireUnlocked()
      return service.get()
    },
    'overview.unitHealth': ({ connectionId }) => {
      requireUnlocked()
      return service.unitHealth(connectionId)
    }
  }
}


// The data of a customer report, across providers. Each of the customer's connections contributes
// through its provider's source (providers/<kind>/reports.ts): the objects as the provider sees them now, and its
// own history where it has one (Cloutility jobs). Everything else is judged from Backdesk's kept
// scans: the last kept scan of each UTC day says whether each object was fine that day. When a
// provider cannot be read, the newest kept scan that read the connection stands in for it and the
// report says so.

import { AppError } from '../../../shared/errors'
import type { ConnectionSummary } from '../../../shared/model/connection'
import { compareRows, FLEET_STATUS_LABEL, REPOSITORY_KINDS, type FleetReview, type FleetRow, type FleetStatus } from '../../../shared/model/fleet'
import type { CustomerReport, ReportDay, ReportIssue, ReportObject, ReportPeriod } from '../../../shared/model/reports'
import { ATTENTION_STATUSES, FAILING_STATUSES } from '../../../shared/model/watch'
import type { KeptScan } from '../schedule/scan-history'
import { dayOf, type ReportSource, type SourceObject, type SourceResult } from './report-source'

const DAY_MS = 86_400_000
/** Days a kept scan can judge (the others say nothing about backups working). */
const JUDGED: ReadonlySet<FleetStatus> = new Set(['ok', 'warning', 'failed', 'missed', 'stale', 'error'])
const GOOD: ReadonlySet<FleetStatus> = new Set(['ok', 'warning'])

/** Per object key: its status on each UTC day of the period, from the last kept scan of that day. */
export type DailyStatus = Map<string, Map<string, FleetStatus>>

export interface ReportHistory {
  each(fromMs: number, toMs: number, visit: (scan: KeptScan, finishedAt: number) => void): Promise<void>
  /**
   * Each connection as the newest kept scan that read it found it, by id; one no kept scan read is
   * left out (watch's `connectionsAsLastRead`: one look back for all of them).
   */
  connectionsAsLastRead(connections: readonly ConnectionSummary[]): Promise<ReadonlyMap<string, { finishedAt: string; rows: FleetRow[] }>>
}

export interface ReportDataDeps {
  connections: { list(): ConnectionSummary[] }
  /** The report source of each provider, by kind. */
  sources: ReadonlyMap<string, ReportSource>
  history: ReportHistory
  reviews: () => Promise<FleetReview[]>
  companyName: () => string
  now?: () => number
}

export function periodMs(period: ReportPeriod): { fromMs: number; toMs: number } {
  return { fromMs: Date.parse(`${period.from}T00:00:00.000Z`), toMs: Date.parse(`${period.to}T00:00:00.000Z`) + DAY_MS }
}

/** Reads the kept scans of the period once (a batch shares it between every customer). */
export async function collectDaily(history: ReportHistory, period: ReportPeriod, keep: (row: FleetRow) => boolean): Promise<DailyStatus> {
  const { fromMs, toMs } = periodMs(period)
  const daily: DailyStatus = new Map()
  await history.each(fromMs, toMs - 1, (scan, finishedAt) => {
    const day = dayOf(finishedAt)
    for (const r of scan.rows) {
      if (!keep(r)) continue
      let days = daily.get(r.key)
      if (!days) daily.set(r.key, (days = new Map()))
      days.set(day, r.status) // scans come oldest first: the day's last one wins
    }
  })
  return daily
}

export function customerConnections(connections: ConnectionSummary[], customer: string): ConnectionSummary[] {
  return connections.filter((c) => c.customer === customer)
}

export async function buildCustomerReport(deps: ReportDataDeps, customer: string, period: ReportPeriod, options: { daily?: DailyStatus; signal?: AbortSignal } = {}): Promise<CustomerReport> {
  const now = (deps.now ?? Date.now)()
  const connections = customerConnections(deps.connections.list(), customer)
  if (!connections.length) throw new AppError('NOT_FOUND', customer ? `No connection has the customer “${customer}”.` : 'No connection is without a customer.')
  const { fromMs, toMs } = periodMs(period)
  if (fromMs >= toMs) throw new AppError('VALIDATION', 'The report period ends before it starts.')
  const ids = new Set(connections.map((c) => c.id))
  const daily = options.daily ?? (await collectDaily(deps.history, period, (r) => ids.has(r.connectionId)))
  const notes: string[] = []

  const read = await Promise.all(
    connections.map(async (c): Promise<SourceResult | { unreadable: string }> => {
      try {
        const source = deps.sources.get(c.provider)
        if (!source) throw new AppError('NOT_SUPPORTED', 'This provider has no report data.')
        return await source({ connection: c, fromMs, toMs, now, ...(options.signal ? { signal: options.signal } : {}) })
      } catch (err) {
        if (options.signal?.aborted) throw err
        return { unreadable: err instanceof AppError ? err.message : 'it could not be read' }
      }
    })
  )
  // The providers that could not be read stand in with the kept scans, looked back through once
  // for all of them (each kept scan decoded once, however many connections are missing).
  const unreadable = connections.filter((_, i) => 'unreadable' in (read[i] as object))
  const lastRead = unreadable.length ? await deps.history.connectionsAsLastRead(unreadable).catch(() => new Map<string, never>()) : new Map<string, never>()
  const parts: SourceResult[] = read.map((part, i) => {
    if (!('unreadable' in part)) return part
    const c = connections[i] as ConnectionSummary
    const last = lastRead.get(c.id)
    const at = last && `${last.finishedAt.slice(0, 16).replace('T', ' ')} UTC`
    notes.push(
      !last
        ? `${c.name}: ${part.unreadable} Nothing is known of its objects.`
        : last.rows.length
          ? `${c.name}: ${part.unreadable} Objects and statuses are from the scan of ${at}.`
          : `${c.name}: ${part.unreadable} The last scan that read it (${at}) found no objects.`
    )
    return { objects: (last?.rows ?? []).map((row) => ({ row })), restores: [], figures: [] }
  })
  const reviews = new Map((await deps.reviews()).map((r) => [r.key, r]))
  const days = new Map<string, ReportDay>()
  for (let t = fromMs; t < toMs; t += DAY_MS) days.set(dayOf(t), { date: dayOf(t), successes: 0, attempts: 0 })

  const objects: ReportObject[] = []
  const issues: ReportIssue[] = []
  const all: SourceObject[] = parts.flatMap((p) => p.objects)
  all.sort((a, b) => compareRows(a.row, b.row))
  for (const { row, jobs, seats } of all) {
    let successes = 0
    let attempts = 0
    let rateSource: ReportObject['rateSource'] = 'none'
    if (jobs) {
      rateSource = 'jobs'
      for (const [day, d] of jobs) {
        successes += d.successes
        attempts += d.attempts
        const total = days.get(day)
        if (total) {
          total.successes += d.successes
          total.attempts += d.attempts
        }
      }
    } else {
      for (const [day, status] of daily.get(row.key) ?? []) {
        if (!JUDGED.has(status)) continue
        attempts++
        const good = GOOD.has(status)
        if (good) successes++
        const total = days.get(day)
        if (total) {
          total.attempts++
          if (good) total.successes++
        }
      }
      if (attempts) rateSource = 'scans'
    }
    const o: ReportObject = {
      key: row.key,
      provider: row.provider,
      connectionName: row.connectionName,
      kind: row.kind,
      object: row.object,
      status: row.status,
      statusText: FLEET_STATUS_LABEL[row.status],
      detail: row.detail,
      successes,
      attempts,
      rateSource
    }
    if (row.context) o.context = row.context
    if (row.lastSuccess) o.lastSuccess = row.lastSuccess
    if (row.storageBytes !== undefined) o.storageBytes = row.storageBytes
    if (seats !== undefined) o.seats = seats
    objects.push(o)
    const failing = ATTENTION_STATUSES.has(row.status)
    // An object that should back up and has no good backup in the period is as open an issue as
    // a failing one, whatever word its status has (not started, unknown).
    const unprotected = row.status !== 'disabled' && !successes && !within(row.lastSuccess, fromMs, toMs)
    if (failing || unprotected) {
      const review = reviews.get(row.key)
      const detail = failing ? row.detail : [NO_BACKUP, row.detail].filter(Boolean).join(' · ')
      const issue: ReportIssue = { key: row.key, provider: row.provider, object: row.object, status: row.status, statusText: FLEET_STATUS_LABEL[row.status], detail }
      const since = streakStart(daily.get(row.key), row.status)
      if (since) issue.since = since
      if (review) issue.review = { state: review.state, ...(review.note ? { note: review.note } : {}), ...(review.ticket ? { ticket: review.ticket } : {}) }
      issues.push(issue)
    }
  }
  const restores = parts.flatMap((p) => p.restores).sort((a, b) => a.at.localeCompare(b.at))
  // The objects and their statuses are read as they are now; only kept scans and the providers'
  // job history say anything about a month gone by. Without either, the report would present
  // today's figures as that month's.
  const kept = objects.some((o) => daily.has(o.key))
  const history = objects.some((o) => o.rateSource === 'jobs' && o.attempts > 0) || restores.length > 0
  if (toMs <= now && !kept && !history) {
    throw new AppError('NOT_FOUND', `There is no data for ${period.label}: no scan was kept in that period and the providers' history holds no backup from it.`)
  }
  // "Backed up" and "need attention" part the objects: one backed up now but without a good
  // backup in the period is an open issue, not both.
  const open = new Set(issues.map((i) => i.key))
  const totals = {
    objects: objects.length,
    ok: objects.filter((o) => GOOD.has(o.status) && !open.has(o.key)).length,
    attention: issues.length,
    successes: objects.reduce((s, o) => s + o.successes, 0),
    attempts: objects.reduce((s, o) => s + o.attempts, 0),
    storageBytes: objects.reduce((s, o) => s + (o.storageBytes ?? 0), 0),
    seats: objects.reduce((s, o) => s + (o.seats ?? 0), 0),
    repositories: objects.filter((o) => REPOSITORY_KINDS.includes(o.kind)).length
  }
  return {
    customer,
    period,
    generatedAt: new Date(now).toISOString(),
    companyName: deps.companyName(),
    objects,
    days: [...days.values()],
    restores,
    issues,
    figures: parts.flatMap((p) => p.figures),
    totals,
    notes
  }
}

const NO_BACKUP = 'No good backup in the period'

function within(iso: string | undefined, fromMs: number, toMs: number): boolean {
  const t = iso ? Date.parse(iso) : NaN
  return t >= fromMs && t < toMs
}

/** The first day of the run of days, up to the last one, with the same (or, failing, any failing) status. */
function streakStart(days: Map<string, FleetStatus> | undefined, status: FleetStatus): string | undefined {
  if (!days?.size) return undefined
  const same = (s: FleetStatus) => s === status || (FAILING_STATUSES.has(s) && FAILING_STATUSES.has(status))
  const ordered = [...days].sort((a, b) => a[0].localeCompare(b[0]))
  let start: string | undefined
  for (let i = ordered.length - 1; i >= 0; i--) {
    const [day, s] = ordered[i] as [string, FleetStatus]
    if (!same(s)) break
    start = day
  }
  return start
}

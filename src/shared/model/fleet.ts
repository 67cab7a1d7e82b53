// Fleet health: one row per protected object across every connection (Cloutility consumption
// units, CloudAlly tasks, Cloudback definitions), plus the technician's review state per row.
// Pure types and pure ordering helpers, shared by main (the scan) and the renderer (the screen).

import type { ConnectionSummary, ProviderKind } from './connection'
import type { TicketRef } from './tickets'
import { isoToMs } from '../iso-time'

/**
 * Health of one protected object, worst first:
 * - `error`: the connection could not be scanned (login, network…): everything behind it is unknown.
 * - `failed`: the last backup failed.
 * - `missed`: the schedule was missed (no backup activity at all in its window).
 * - `stale`: no successful backup for longer than STALE_AFTER_HOURS (the schedules seen are daily).
 * - `warning`: backed up, with warnings (failed files, storage over its limit).
 * - `unknown`: the provider said nothing we can judge.
 * - `pending`: never activated / never ran yet.
 * - `disabled`: backup switched off (Cloudback disabled, CloudAlly paused or archived).
 * - `ok`.
 */
export const FLEET_STATUSES = ['error', 'failed', 'missed', 'stale', 'warning', 'unknown', 'pending', 'disabled', 'ok'] as const

/** A status in words: the same on screen, in reports and in ticket payloads. */
export const FLEET_STATUS_LABEL: Readonly<Record<(typeof FLEET_STATUSES)[number], string>> = {
  error: 'Cannot check',
  failed: 'Failed',
  missed: 'Missed',
  stale: 'Stale',
  warning: 'Warning',
  unknown: 'Unknown',
  pending: 'Not started',
  disabled: 'Disabled',
  ok: 'OK'
}
export type FleetStatus = (typeof FLEET_STATUSES)[number]

/**
 * Stale: no successful backup for more than 26 hours. Every schedule the three providers report
 * here is daily (or more often); 26 h gives a daily job its day plus a 2-hour start window
 * before it counts as overdue.
 */
export const STALE_AFTER_HOURS = 26

export type FleetObjectKind = 'consumption-unit' | 'cloudally-task' | 'cloudback-definition' | 'connection'

/** Object kinds that are source repositories (a report's "Repositories" count). */
export const REPOSITORY_KINDS: readonly FleetObjectKind[] = ['cloudback-definition']

/** Ids the provider consoles need to open the object. */
export interface FleetRowIds {
  businessUnitId?: number
  consumerId?: number
  nodeId?: number
  taskId?: string
  /** Cloudback tracked-definition key. */
  definitionKey?: string
}

export interface FleetRow {
  /** Stable across scans and restarts: the review queue is keyed by it. */
  key: string
  connectionId: string
  connectionName: string
  provider: ProviderKind
  customer: string
  kind: FleetObjectKind
  /** What is protected: consumption unit name, task name, repository. */
  object: string
  /** Cloutility: the unit's backup node name (search finds the row by it too). */
  nodeName?: string
  /** Where it sits: business unit, account, source, schedule… */
  context?: string
  status: FleetStatus
  /** One line for the technician: why this status. */
  detail: string
  /** Most recent backup attempt (ISO). */
  lastBackup?: string
  /** Most recent successful backup (ISO); the row's age is counted from it. */
  lastSuccess?: string
  storageBytes?: number
  storageLimitBytes?: number
  ids: FleetRowIds
}

export const REVIEW_STATES = ['open', 'acknowledged', 'snoozed'] as const

export type ReviewState = (typeof REVIEW_STATES)[number]

/** Why a snooze date is refused: it has passed (a snooze ends at the start of its day). */
export const SNOOZE_IN_PAST = 'Choose a day after today: a snooze until then would have ended already.'

export interface FleetReview {
  key: string
  state: ReviewState
  /** For `snoozed`: the item comes back (sorts with the open ones) after this instant. */
  snoozedUntil?: string
  note?: string
  /** The ticket for the item: created through tickets/, or a reference the technician typed. */
  ticket?: TicketRef
  updatedAt: string
  /** Team workspace: the member who reviewed it last (their name). */
  by?: string
  /** Reviewed by this technician (always true outside a team workspace). */
  mine?: boolean
}

export interface FleetScope {
  /** Only this customer's connections (the connection's customer label). */
  customer?: string
  /** Only these connections. */
  connectionIds?: string[]
}

/** Whether a scan of `scope` reads connection `c` (the scan picks its connections by this, and a kept scan's coverage is read by it). */
export function inScope(c: Pick<ConnectionSummary, 'id' | 'customer'>, scope: FleetScope): boolean {
  if (scope.connectionIds && !scope.connectionIds.includes(c.id)) return false
  if (scope.customer !== undefined && c.customer.trim().toLowerCase() !== scope.customer.trim().toLowerCase()) return false
  return true
}

export type FleetScanState = 'running' | 'done' | 'cancelled'

/** A connection (or part of one) that could not be read; also present as an `error` row. */
export interface FleetNote {
  connectionId: string
  connectionName: string
  provider: ProviderKind
  code: string
  message: string
}

export interface FleetScanSummary {
  scanId: string
  state: FleetScanState
  scope: FleetScope
  startedAt: string
  finishedAt?: string
  /** Connections finished / to scan. */
  done: number
  total: number
  /**
   * The connections the scan set out to read, by id (its scope applied to the connections there
   * when it began). A finished scan read each one: rows, an error row, or none (read, nothing
   * there). Scans kept before this was recorded lack it; their coverage is judged by scope and date.
   */
  scanned?: string[]
  rowCount: number
  notes: FleetNote[]
}

export interface FleetScanResult extends FleetScanSummary {
  /** Sorted: failures and stale first (see compareRows). */
  rows: FleetRow[]
}

/**
 * `fleet.progress`: sent as each connection finishes, without rows. A screen that shows the rows
 * reads the new ones with `fleet.scan.rows`; a page that does not (a scheduled scan while the user
 * scrolls another table) is not made to receive and parse thousands of rows it never shows.
 */
export type FleetProgress = FleetScanSummary

/** `fleet.scan.rows`: the scan's rows from index `from` on, in the order they were found. */
export interface FleetRowsPage {
  scanId: string
  from: number
  rows: FleetRow[]
}

const RANK: Record<FleetStatus, number> = Object.fromEntries(FLEET_STATUSES.map((s, i) => [s, i])) as Record<FleetStatus, number>

/** Is this review currently pushing the row down (acknowledged, or snoozed until later)? */
export function isReviewed(review: FleetReview | undefined, now: number): boolean {
  if (!review) return false
  if (review.state === 'acknowledged') return true
  if (review.state === 'snoozed') return !review.snoozedUntil || Date.parse(review.snoozedUntil) > now
  return false
}

function time(iso: string | undefined): number {
  if (!iso) return Number.NEGATIVE_INFINITY
  const t = isoToMs(iso)
  return Number.isNaN(t) ? Number.NEGATIVE_INFINITY : t
}

function ordinal(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** Worst status first; within a status, the longest without a successful backup first; then by name. */
export function compareRows(a: FleetRow, b: FleetRow): number {
  return (
    RANK[a.status] - RANK[b.status] ||
    time(a.lastSuccess ?? a.lastBackup) - time(b.lastSuccess ?? b.lastBackup) ||
    ordinal(a.connectionName, b.connectionName) ||
    ordinal(a.object, b.object) ||
    ordinal(a.key, b.key)
  )
}

/**
 * Sorts in compareRows order (reviewed rows last when `reviewed` is given), computing each row's
 * sort key once, into typed arrays (no key object per row): with 10,000 rows, parsing dates inside
 * the comparator costs more than the scan.
 */
export function sortRows(rows: readonly FleetRow[], reviewed?: (row: FleetRow) => boolean): FleetRow[] {
  const n = rows.length
  const band = new Uint16Array(n) // reviewed rows after the others, then the status rank
  const t = new Float64Array(n)
  const order = new Array<number>(n)
  for (let i = 0; i < n; i++) {
    const row = rows[i] as FleetRow
    band[i] = (reviewed?.(row) ? FLEET_STATUSES.length : 0) + RANK[row.status]
    t[i] = time(row.lastSuccess ?? row.lastBackup)
    order[i] = i
  }
  order.sort((a, b) => {
    const ra = rows[a] as FleetRow
    const rb = rows[b] as FleetRow
    return (
      (band[a] as number) - (band[b] as number) ||
      (t[a] as number) - (t[b] as number) ||
      ordinal(ra.connectionName, rb.connectionName) ||
      ordinal(ra.object, rb.object) ||
      ordinal(ra.key, rb.key)
    )
  })
  return order.map((i) => rows[i] as FleetRow)
}

/** Rows a run holds before it is sorted: small enough that the last one's sort is cheap. */
const RUN_LENGTH = 256

/**
 * Rows kept in compareRows order as they are found (ties in the order they were added), so that
 * little is left to do when the last one arrives. Each row's sort key is computed once, when it is
 * added; every RUN_LENGTH rows are sorted into a run, and runs of like length are merged (a binary
 * counter), so the work of sorting is done while the report streams. Why: at 10,000 rows, sorting
 * after the last byte (keys, then 120,000 comparisons) was most of the time from the last byte to
 * the sorted rows; what is left here is sorting the last run and a few linear merges.
 */
export class FleetRowOrder {
  private found: FleetRow[] = []
  private rank: number[] = []
  private time: number[] = []
  /** Sorted runs of indices into `found`, each longer than the next; rows from `sortedUpTo` on are in none yet. */
  private runs: number[][] = []
  private sortedUpTo = 0

  static of(rows: readonly FleetRow[]): FleetRowOrder {
    const order = new FleetRowOrder()
    for (const row of rows) order.add(row)
    return order
  }

  /** The rows in the order they were added. */
  get rows(): readonly FleetRow[] {
    return this.found
  }

  add(row: FleetRow): void {
    this.found.push(row)
    this.rank.push(RANK[row.status])
    this.time.push(time(row.lastSuccess ?? row.lastBackup))
    if (this.found.length - this.sortedUpTo >= RUN_LENGTH) this.cut()
  }

  /** Adds another order's rows after this one's, with the keys and sorting already done. */
  append(other: FleetRowOrder): void {
    this.cut()
    const offset = this.found.length
    const sorted = other.merged()
    // concat and loops rather than push and map() callbacks: this runs about once per scan, before
    // the engine has optimized anything in it (a callback per row cost ~1 ms at 10,000 rows).
    this.found = this.found.concat(other.found)
    this.rank = this.rank.concat(other.rank)
    this.time = this.time.concat(other.time)
    this.sortedUpTo = this.found.length
    if (!sorted.length) return
    const run = new Array<number>(sorted.length)
    for (let i = 0; i < sorted.length; i++) run[i] = (sorted[i] as number) + offset
    this.push(run)
  }

  /** In compareRows order; with `reviewed`, the reviewed rows after the others (each group in that order). */
  sorted(reviewed?: (row: FleetRow) => boolean): FleetRow[] {
    const order = this.merged()
    const found = this.found
    if (!reviewed) {
      // A loop, not map(): see append().
      const rows = new Array<FleetRow>(order.length)
      for (let i = 0; i < order.length; i++) rows[i] = found[order[i] as number] as FleetRow
      return rows
    }
    const first: FleetRow[] = []
    const last: FleetRow[] = []
    for (const i of order) {
      const row = found[i] as FleetRow
      if (reviewed(row)) last.push(row)
      else first.push(row)
    }
    for (const row of last) first.push(row)
    return first
  }

  /** compareRows on indices, with keys computed once; ties go by the order of adding. */
  private readonly compare = (a: number, b: number): number => {
    const ta = this.time[a] as number
    const tb = this.time[b] as number
    const ra = this.found[a] as FleetRow
    const rb = this.found[b] as FleetRow
    return (
      (this.rank[a] as number) - (this.rank[b] as number) ||
      (ta < tb ? -1 : ta > tb ? 1 : 0) ||
      ordinal(ra.connectionName, rb.connectionName) ||
      ordinal(ra.object, rb.object) ||
      ordinal(ra.key, rb.key) ||
      a - b
    )
  }

  /** The rows not yet in a run become one. */
  private cut(): void {
    const from = this.sortedUpTo
    const to = this.found.length
    if (to === from) return
    const run = new Array<number>(to - from)
    for (let i = from; i < to; i++) run[i - from] = i
    run.sort(this.compare)
    this.sortedUpTo = to
    this.push(run)
  }

  private push(run: number[]): void {
    const runs = this.runs
    runs.push(run)
    while (runs.length > 1 && (runs[runs.length - 2] as number[]).length <= (runs[runs.length - 1] as number[]).length) this.mergeTop()
  }

  private mergeTop(): void {
    const b = this.runs.pop() as number[]
    const a = this.runs.pop() as number[]
    const out = new Array<number>(a.length + b.length)
    let i = 0
    let j = 0
    let k = 0
    while (i < a.length && j < b.length) {
      const x = a[i] as number
      const y = b[j] as number
      if (this.compare(x, y) <= 0) {
        out[k++] = x
        i++
      } else {
        out[k++] = y
        j++
      }
    }
    while (i < a.length) out[k++] = a[i++] as number
    while (j < b.length) out[k++] = b[j++] as number
    this.runs.push(out)
  }

  /** Every row in one run (kept: rows added later start new runs). */
  private merged(): number[] {
    this.cut()
    while (this.runs.length > 1) this.mergeTop()
    return this.runs[0] ?? []
  }
}

/** The queue order: unreviewed rows first, each group in compareRows order. */
export function sortForReview(rows: readonly FleetRow[], reviews: ReadonlyMap<string, FleetReview>, now: number): FleetRow[] {
  if (reviews.size === 0) return sortRows(rows)
  return sortRows(rows, (r) => isReviewed(reviews.get(r.key), now))
}

/** Hours since the row's last successful backup (or last attempt), or undefined when never. */
export function ageHours(row: Pick<FleetRow, 'lastSuccess' | 'lastBackup'>, now: number): number | undefined {
  const t = time(row.lastSuccess ?? row.lastBackup)
  return Number.isFinite(t) ? Math.max(0, (now - t) / 3_600_000) : undefined
}

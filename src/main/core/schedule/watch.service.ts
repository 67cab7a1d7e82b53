// Watch: ties the fleet scan to its schedule, its kept history, "what changed" and the new-failure
// alerts. Every finished scan (manual or scheduled) is kept, compared with the state before it,
// and new failures that no review pushes down raise ONE notification for the scan, grouped by
// customer, through the platform port (quiet hours respected), plus a `watch.alert` event for the
// renderer (in-app, and the browser's Notification in the web shell).

import type { ConnectionSummary } from '../../../shared/model/connection'
import { isReviewed, type FleetReview, type FleetRow, type FleetScanResult } from '../../../shared/model/fleet'
import { addedAt, lookBack, rowsByConnection, scanCovers, scanRead, type KeptScanRef } from '../../../shared/model/kept-scans'
import {
  ATTENTION_STATUSES,
  FAILING_STATUSES,
  groupedFailureText,
  inQuietHours,
  type ChangeBase,
  type ChangeSet,
  type EarlierRows,
  type FleetChange,
  type KeptScanInfo,
  type WatchAlert,
  type WatchStatus
} from '../../../shared/model/watch'
import type { ScanOptions } from '../fleet'
import type { HandlerMap } from '../ipc/router'
import { silentLogger, type Logger } from '../log/logger'
import type { PlatformServices } from '../platform/platform'
import { isLocked } from '../offline/snapshot-store'
import { diffScans, unreviewedFailures } from './changes'
import { ScanHistory, type KeptScan } from './scan-history'
import { heldNote, ScanScheduler } from './scan-scheduler'
import { isScoped, ScanTrend } from './scan-trend'
import { WatchSettingsFile } from './watch-settings'

/** The fleet as last seen: its rows, and every connection they were read from (read empty included). */
export interface LastSeen {
  rows: readonly FleetRow[]
  read: ReadonlySet<string>
  /** Each connection whose rows come from a scan before the latest (which left it out): when that scan finished (ISO). */
  earlierAt: ReadonlyMap<string, string>
}

/** A connection as a kept scan's coverage is judged (scanCovers); one since removed has only its id and the customer its rows carry. */
type Covered = Parameters<typeof scanCovers>[1]

export interface WatchFleet {
  run(scope: object, signal?: AbortSignal, options?: ScanOptions): Promise<FleetScanResult>
  isRunning(): boolean
  cancel(): boolean
  listReviews(): Promise<FleetReview[]>
}

export interface WatchServiceOptions {
  dataDir: string
  fleet: WatchFleet
  connections: { list(): ConnectionSummary[] }
  keys: { deriveKey(purpose: string): Buffer; onLock(listener: () => void): () => void }
  /** Registers a listener for the vault becoming unlocked; answers an unsubscribe. */
  onUnlock(listener: () => void): () => void
  /**
   * What must settle after an unlock before the schedule runs what fell due (the launch scan): the
   * demo's connections are re-pointed at its new simulator then, and a scan before that reads the
   * last run's ports. Its failure does not hold the schedule back.
   */
  beforeScheduledScans?: () => Promise<unknown>
  emit?: <T extends 'watch.status' | 'watch.alert' | 'watch.open'>(topic: T, payload: T extends 'watch.status' ? WatchStatus : T extends 'watch.alert' ? WatchAlert : { scanId: string; keys: string[] }) => void
  platform?: Pick<PlatformServices, 'notify' | 'setAttention'>
  logger?: Logger
  now?: () => number
  /** Local minutes since midnight (quiet hours); tests pass their own. */
  localMinutes?: (ms: number) => number
  /** The start of the local day `ms` falls in ("since yesterday"); tests pass their own. */
  startOfDay?: (ms: number) => number
}

export class WatchService {
  readonly settings: WatchSettingsFile
  readonly history: ScanHistory
  /** The Overview's failure trend over the last kept full-fleet scans. */
  readonly trend: ScanTrend
  readonly scheduler: ScanScheduler
  private readonly logger: Logger
  private readonly now: () => number
  private chain: Promise<void> = Promise.resolve()
  /** `seen`: the fleet as last seen (see `lastSeenFrom`), which the attention count is taken from. */
  private latest: { scan: KeptScan; seen: LastSeen; changes: ChangeSet; newFailureKeys: string[] } | undefined
  private attention = 0
  private readonly stops: Array<() => void> = []

  constructor(private readonly options: WatchServiceOptions) {
    this.logger = (options.logger ?? silentLogger).child('watch')
    this.now = options.now ?? Date.now
    this.settings = new WatchSettingsFile(options.dataDir, options.logger)
    this.history = new ScanHistory({ dataDir: options.dataDir, keys: options.keys, ...(options.logger ? { logger: options.logger } : {}), ...(options.now ? { now: options.now } : {}) })
    this.trend = new ScanTrend({ history: this.history, keys: options.keys, ...(options.logger ? { logger: options.logger } : {}) })
    this.scheduler = new ScanScheduler({
      settings: () => this.settings.get().schedule,
      isScanning: () => options.fleet.isRunning(),
      runScan: async (held) => {
        // Nothing to watch yet (a new vault): no empty scan in the history or on the Fleet screen.
        if (!options.connections.list().length) return
        const map = new Map([...held].map(([id, b]) => [id, heldNote(b)]))
        await options.fleet.run({}, undefined, { scheduled: true, held: map })
        await this.chain
      },
      ...(options.now ? { now: options.now } : {}),
      ...(options.logger ? { logger: options.logger } : {}),
      onChange: () => this.emitStatus()
    })
    this.stops.push(
      options.keys.onLock(() => {
        this.scheduler.pause()
        // A scan cut by the lock would read as "everything failed": it is cancelled, not kept.
        options.fleet.cancel()
        this.latest = undefined
      }),
      options.onUnlock(() => {
        const settled = Promise.resolve()
          .then(() => options.beforeScheduledScans?.())
          .catch(() => undefined)
        void Promise.all([this.settings.ready(), settled]).then(() => this.scheduler.resume())
        const run = () => this.restore()
        this.chain = this.chain.then(run, run).catch((err: unknown) => {
          if (!isLocked(err)) this.logger.warn('the latest kept scan could not be read', { err })
        })
      })
    )
  }

  /** FleetService's onFinished: keep, compare, alert. Runs one at a time, in scan order. */
  onScanFinished(result: FleetScanResult, options: ScanOptions): void {
    if (result.state !== 'done') return
    const { rows, ...summary } = result
    const scan: KeptScan = { summary, scheduled: options.scheduled === true, rows }
    const connectionIds = [...new Set(rows.map((r) => r.connectionId))]
    this.scheduler.noteScan({
      startedAt: Date.parse(result.startedAt),
      finishedAt: Date.parse(result.finishedAt ?? result.startedAt),
      connectionIds,
      notes: result.notes
    })
    const run = () => this.keep(scan)
    this.chain = this.chain.then(run, run).catch((err: unknown) => {
      if (!isLocked(err)) this.logger.error('a finished scan could not be kept', { err })
    })
  }

  private async keep(scan: KeptScan): Promise<void> {
    await this.history.put(scan)
    await this.trend.add(scan).catch((err: unknown) => {
      if (!isLocked(err)) this.logger.warn('the trend could not be updated', { err })
    })
    const fresh = await this.take(scan)
    if (fresh.length) this.alert(scan.summary.scanId, fresh)
    this.emitStatus()
  }

  /** Makes `scan` the latest: its changes, the fleet as last seen, the attention count. Returns its unreviewed new failures. */
  private async take(scan: KeptScan): Promise<FleetChange[]> {
    const changes = diffScans((await this.baseFor(scan, 'last-scan')).kept, scan, 'last-scan')
    const seen = await this.lastSeenFrom(scan)
    const reviews = new Map((await this.options.fleet.listReviews()).map((r) => [r.key, r]))
    const now = this.now()
    const fresh = unreviewedFailures(changes, (key) => isReviewed(reviews.get(key), now))
    this.latest = { scan, seen, changes, newFailureKeys: fresh.map((c) => c.key) }
    this.attention = countAttention(seen.rows, reviews, now)
    this.options.platform?.setAttention?.({ count: this.attention, newFailures: fresh.length })
    return fresh
  }

  /** After an unlock (a restart): the latest kept scan's counts and changes, without an alert. */
  private async restore(): Promise<void> {
    if (this.latest) return
    const scan = await this.history.latest()
    if (!scan || this.latest) return
    await this.take(scan)
    this.emitStatus()
  }

  /**
   * The fleet as last seen from `scan`: its rows, and for each connection a scan of one customer
   * left out, its rows in the newest earlier kept scan that read it (none if that scan read it
   * empty; connections since removed are left out). So scanning one customer does not take the
   * other customers' failures out of the count of what needs attention, nor bring back objects a
   * later scan found gone.
   */
  private async lastSeenFrom(scan: KeptScan): Promise<LastSeen> {
    const read = new Set(scan.rows.map((r) => r.connectionId))
    const others = new Map<string, Covered>()
    for (const c of this.options.connections.list()) {
      if (scanCovers(scan.summary, c)) read.add(c.id)
      else if (!read.has(c.id)) others.set(c.id, c)
    }
    if (!isScoped(scan.summary.scope) || !others.size) return { rows: scan.rows, read, earlierAt: new Map() }
    const earlier = await lastRead(await this.earlierScans(scan), others)
    for (const id of earlier.read) read.add(id)
    return { rows: earlier.rows.length ? [...scan.rows, ...earlier.rows] : scan.rows, read, earlierAt: earlier.at }
  }

  /** The kept scans that finished before `scan` (or with it), newest first, each decoded when read. */
  private async earlierScans(scan: KeptScan): Promise<Array<KeptScanRef<KeptScan>>> {
    const at = finishedAtMs(scan)
    return (await this.history.list())
      .filter((e) => e.scanId !== scan.summary.scanId && e.finishedAt <= at)
      .reverse()
      .map((e) => ({ scanId: e.scanId, finishedAt: e.finishedAt, read: () => this.history.get(e.scanId) }))
  }

  private alert(scanId: string, fresh: ChangeSet['changes']): void {
    const byCustomer = new Map<string, number>()
    for (const c of fresh) byCustomer.set(c.customer, (byCustomer.get(c.customer) ?? 0) + 1)
    const groups = [...byCustomer].map(([customer, count]) => ({ customer, count }))
    const n = this.settings.get().notifications
    const minutes = (this.options.localMinutes ?? localMinutes)(this.now())
    const quiet = !n.enabled || inQuietHours(n.quietHours, minutes)
    const keys = fresh.map((c) => c.key)
    const alert: WatchAlert = {
      scanId,
      title: fresh.length === 1 ? 'Backdesk: a new backup failure' : `Backdesk: ${fresh.length} new backup failures`,
      body: groupedFailureText(groups),
      groups,
      keys,
      quiet
    }
    if (!quiet) {
      try {
        this.options.platform?.notify?.(alert.title, alert.body, { onClick: () => this.options.emit?.('watch.open', { scanId, keys }) })
      } catch (err) {
        this.logger.warn('desktop notification failed', { err })
      }
    }
    this.options.emit?.('watch.alert', alert)
  }

  /**
   * What `scan` is compared with: for `last-scan` the kept scans before it, for `yesterday` those
   * finished before the local midnight that began its day, the fleet as it was at the end of the
   * day before (else the earliest kept one of that day, said so with `fromSameDay`). Scoped scans
   * cover part of the fleet, so each connection `scan` read takes its rows from the newest such
   * scan that read it (none if it read it empty: its objects are then new), through the look back
   * the customer list and search share.
   */
  private async baseFor(scan: KeptScan, base: ChangeBase): Promise<{ kept: KeptScan | null; fromSameDay: boolean }> {
    let candidates = await this.earlierScans(scan)
    let fromSameDay = false
    if (base === 'yesterday') {
      const dayStart = (this.options.startOfDay ?? startOfLocalDay)(finishedAtMs(scan))
      const before = candidates.filter((e) => e.finishedAt < dayStart)
      const earliest = candidates.at(-1)
      fromSameDay = !before.length && !!earliest
      candidates = fromSameDay && earliest ? [earliest] : before
    }
    const current = new Map(this.options.connections.list().map((c) => [c.id, c]))
    const wanted = new Map<string, Covered>()
    for (const r of scan.rows) if (!wanted.has(r.connectionId)) wanted.set(r.connectionId, current.get(r.connectionId) ?? { id: r.connectionId, customer: r.customer, createdAt: '' })
    for (const id of scan.summary.scanned ?? []) if (!wanted.has(id)) wanted.set(id, current.get(id) ?? { id, customer: '', createdAt: '' })
    const { rows, read, newest } = await lastRead(candidates, wanted)
    if (!newest) return { kept: null, fromSameDay: false }
    return { kept: { summary: { ...newest.summary, scanned: [...read] }, scheduled: newest.scheduled, rows }, fromSameDay }
  }

  /**
   * Since when `key` has had `status` (or, for any failing status, been failing), from the kept
   * scans: the first scan of the current run of them. A scan that did not read the object's
   * connection (a scan of another customer, or one that could not reach it) says nothing of it and
   * is passed over; one that read it without the object, or with another status, ends the run.
   * Reads back at most 48 scans.
   */
  async since(key: string, status: FleetRow['status']): Promise<string | undefined> {
    await this.chain
    const same = (s: FleetRow['status']) => s === status || (FAILING_STATUSES.has(s) && FAILING_STATUSES.has(status))
    const list = await this.history.list()
    let first: string | undefined
    let connection: Covered | undefined
    for (let i = list.length - 1, read = 0; i >= 0 && read < 48; i--, read++) {
      const kept = await this.history.get((list[i] as (typeof list)[number]).scanId)
      if (!kept) break
      const row = kept.rows.find((r) => r.key === key)
      if (row) {
        if (!same(row.status)) break
        connection ??= this.options.connections.list().find((c) => c.id === row.connectionId) ?? { id: row.connectionId, customer: row.customer, createdAt: '' }
        first = kept.summary.finishedAt ?? kept.summary.startedAt
        continue
      }
      // No row: the newest scan, or one that read the object's connection, ends the run.
      if (!connection || scanRead(kept.summary, connection)) break
    }
    return first
  }

  /** The latest kept scan (the one the Overview and the tray count from), or null before the first. */
  async latestScan(): Promise<KeptScan | null> {
    await this.chain
    return this.latest?.scan ?? (await this.history.latest())
  }

  /**
   * The fleet as last seen (the latest scan's rows, and for each connection a scan of one customer
   * left out, those of the newest earlier scan that read it), with the connections read: what the
   * Overview's health dots read, so that scanning one customer leaves the others as their last scan
   * found them, and a connection read and found empty is told from one never read.
   */
  async lastSeen(): Promise<LastSeen> {
    await this.chain
    return (await this.latestSeen())?.seen ?? { rows: [], read: new Set(), earlierAt: new Map() }
  }

  /**
   * After a scan of part of the fleet, the other connections as the newest earlier kept scan that
   * read each found them, with that scan's time; no rows after a scan of every connection. Null
   * before the first kept scan.
   */
  async earlier(): Promise<EarlierRows | null> {
    const latest = await this.latestSeen()
    if (!latest) return null
    const { scan, seen } = latest
    const scannedAt = Object.fromEntries(seen.earlierAt)
    return { scanId: scan.summary.scanId, rows: seen.rows.filter((r) => seen.earlierAt.has(r.connectionId)), scannedAt }
  }

  /** The latest kept scan with the fleet as last seen from it (kept since the last one finished, else read back after an unlock). */
  private async latestSeen(): Promise<{ scan: KeptScan; seen: LastSeen } | null> {
    await this.chain
    if (this.latest) return this.latest
    const scan = await this.history.latest()
    return scan ? { scan, seen: await this.lastSeenFrom(scan) } : null
  }

  /**
   * Each of `connections` as the newest kept scan that read it found it: its objects' rows, none if
   * it was read and found empty; a scan that could only note the connection could not be read is
   * passed over. A connection no kept scan within the look back read is not in the answer. A
   * customer report stands in with this for the providers it cannot read now (the latest scan may
   * be of another customer): one look back for all of them, so each kept scan is decoded once.
   */
  async connectionsAsLastRead(connections: readonly ConnectionSummary[]): Promise<Map<string, { finishedAt: string; rows: FleetRow[] }>> {
    const found = new Map<string, { finishedAt: string; rows: FleetRow[] }>()
    const byId = new Map(connections.map((c) => [c.id, c]))
    if (!byId.size) return found
    const since = new Map([...byId].map(([id, c]) => [id, addedAt(c)]))
    for (const { scan, open } of lookBack(await this.keptScans(), since, found)) {
      const kept = await scan.read()
      if (!kept) continue
      const rowsOf = rowsByConnection(kept.rows, open)
      for (const id of open) {
        const rows = rowsOf.get(id) ?? []
        const objects = rows.filter((r) => r.kind !== 'connection')
        const readEmpty = !rows.length && scanRead(kept.summary, byId.get(id) as ConnectionSummary)
        if (objects.length || readEmpty) found.set(id, { finishedAt: kept.summary.finishedAt ?? kept.summary.startedAt, rows: objects })
      }
    }
    return found
  }

  /**
   * Every kept scan, newest first, starting with `latestScan`'s (so a scan being kept is waited
   * for and seen), then those before it (`earlierScans`); each is decoded only when read, so a look
   * back stops reading when it has enough.
   */
  async keptScans(): Promise<Array<KeptScanRef<KeptScan>>> {
    const latest = await this.latestScan()
    if (!latest) return []
    return [{ scanId: latest.summary.scanId, finishedAt: finishedAtMs(latest), read: async () => latest }, ...(await this.earlierScans(latest))]
  }

  /** The latest kept scan compared with its base; null before the first kept scan. */
  async changes(base: ChangeBase): Promise<ChangeSet | null> {
    await this.chain
    const scan = this.latest?.scan ?? (await this.history.latest())
    if (!scan) return null
    if (base === 'last-scan' && this.latest?.scan === scan) return this.latest.changes
    const { kept, fromSameDay } = await this.baseFor(scan, base)
    const set = diffScans(kept, scan, base)
    if (fromSameDay) set.baseFromSameDay = true
    return set
  }

  async status(): Promise<WatchStatus> {
    const next = this.scheduler.nextRunAt
    const last = this.latest?.scan.summary.finishedAt
    return {
      state: this.scheduler.state,
      ...(next !== undefined ? { nextRunAt: new Date(next).toISOString() } : {}),
      ...(last ? { lastScanAt: last } : {}),
      attention: this.attention,
      newFailures: this.latest?.newFailureKeys.length ?? 0,
      backoff: this.scheduler.backoffList()
    }
  }

  /** Kept scans, newest first. */
  async historyList(): Promise<KeptScanInfo[]> {
    const out: KeptScanInfo[] = []
    for (const e of (await this.history.list()).reverse()) {
      const kept = await this.history.get(e.scanId)
      if (!kept) continue
      out.push({
        scanId: e.scanId,
        startedAt: kept.summary.startedAt,
        finishedAt: new Date(e.finishedAt).toISOString(),
        rowCount: kept.rows.length,
        scheduled: kept.scheduled
      })
    }
    return out
  }

  /** The tray's "Scan now": a full scan unless one is running. */
  scanNow(): boolean {
    if (this.options.fleet.isRunning()) return false
    void this.options.fleet.run({}).catch((err: unknown) => this.logger.warn('scan failed', { err }))
    return true
  }

  /** Recounts after a review changed (the tray and the page title follow). */
  async refreshAttention(): Promise<void> {
    const rows = this.latest?.seen.rows
    if (!rows) return
    const reviews = new Map((await this.options.fleet.listReviews()).map((r) => [r.key, r]))
    const now = this.now()
    this.attention = countAttention(rows, reviews, now)
    this.latest = { ...this.latest!, newFailureKeys: this.latest!.newFailureKeys.filter((k) => !isReviewed(reviews.get(k), now)) }
    this.options.platform?.setAttention?.({ count: this.attention, newFailures: this.latest.newFailureKeys.length })
    this.emitStatus()
  }

  private emitStatus(): void {
    if (!this.options.emit) return
    void this.status().then((s) => this.options.emit?.('watch.status', s))
  }

  /** Waits for every finished scan to be kept and compared. */
  settle(): Promise<void> {
    return this.chain
  }

  async dispose(): Promise<void> {
    for (const stop of this.stops) stop()
    this.scheduler.dispose()
    await this.chain
    await this.trend.dispose()
    await this.history.dispose()
  }
}

/**
 * Each of `wanted`'s connections as the newest of `scans` (newest first) that read it found it: its
 * rows, or none if it was read empty (scanCovers; rows of it prove a read as well). `read` lists
 * the connections found, `newest` is the newest scan any was found in. The shared look back
 * (lookBack) bounds it: a connection no kept scan read is not looked for past LOOK_BACK_SCANS scans.
 */
async function lastRead(
  scans: ReadonlyArray<KeptScanRef<KeptScan>>,
  wanted: ReadonlyMap<string, Covered>
): Promise<{ rows: FleetRow[]; read: Set<string>; at: Map<string, string>; newest: KeptScan | null }> {
  const rows: FleetRow[] = []
  const read = new Set<string>()
  const at = new Map<string, string>()
  let newest: KeptScan | null = null
  const since = new Map([...wanted].map(([id, c]) => [id, addedAt(c)]))
  for (const { scan, open } of lookBack(scans, since, read)) {
    const kept = await scan.read()
    if (!kept) continue
    const looking = new Set(open)
    const found = new Set<string>()
    for (const r of kept.rows) {
      if (!looking.has(r.connectionId)) continue
      found.add(r.connectionId)
      rows.push(r)
    }
    for (const id of open) {
      if (!found.has(id) && !scanCovers(kept.summary, wanted.get(id) as Covered)) continue
      read.add(id)
      at.set(id, kept.summary.finishedAt ?? kept.summary.startedAt)
    }
    if (read.size && !newest) newest = kept
  }
  return { rows, read, at, newest }
}

function finishedAtMs(scan: KeptScan): number {
  return Date.parse(scan.summary.finishedAt ?? scan.summary.startedAt)
}

function countAttention(rows: readonly FleetRow[], reviews: ReadonlyMap<string, FleetReview>, now: number): number {
  let n = 0
  for (const r of rows) if (ATTENTION_STATUSES.has(r.status) && !isReviewed(reviews.get(r.key), now)) n++
  return n
}

function startOfLocalDay(ms: number): number {
  const d = new Date(ms)
  d.setHours(0, 0, 0, 0)
  return d.getTime()
}

function localMinutes(ms: number): number {
  const d = new Date(ms)
  return d.getHours() * 60 + d.getMinutes()
}

export type WatchHandlers = Pick<HandlerMap, 'watch.settings.get' | 'watch.settings.set' | 'watch.status' | 'watch.scanNow' | 'watch.changes' | 'watch.history' | 'watch.earlier'>

export function createWatchHandlers(service: WatchService, requireUnlocked: () => void): WatchHandlers {
  return {
    'watch.settings.get': async () => {
      await service.settings.ready()
      return service.settings.get()
    },
    'watch.settings.set': async (input) => {
      const next = await service.settings.set({
        ...(input.schedule ? { schedule: stripUndefined(input.schedule) } : {}),
        ...(input.notifications
          ? {
              notifications: {
                ...(input.notifications.enabled !== undefined ? { enabled: input.notifications.enabled } : {}),
                ...(input.notifications.quietHours ? { quietHours: stripUndefined(input.notifications.quietHours) as never } : {})
              }
            }
          : {})
      })
      service.scheduler.reconfigure()
      return next
    },
    'watch.status': () => service.status(),
    'watch.scanNow': () => {
      requireUnlocked()
      return { started: service.scanNow() }
    },
    'watch.changes': ({ base }) => {
      requireUnlocked()
      return service.changes(base)
    },
    'watch.history': () => {
      requireUnlocked()
      return service.historyList()
    },
    'watch.earlier': () => {
      requireUnlocked()
      return service.earlier()
    }
  }
}

function stripUndefined<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as { [K in keyof T]: Exclude<T[K], undefined> }
}

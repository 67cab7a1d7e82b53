// The Overview's trend: failing and stale counts of the last kept full-fleet scans, a few numbers
// per scan, so the chart never opens the scans themselves. Sealed under a key derived from the
// vault (like the kept scans, whose folder it lives in: a vault reset clears both), bounded to
// TREND_SCANS points. When the file is missing (the first run of this version, or it was damaged)
// it is rebuilt once from the kept scans.

import { join } from 'node:path'
import { FAILING_STATUSES } from '../../../shared/model/watch'
import { TREND_SCANS, type TrendPoint } from '../../../shared/model/overview'
import type { FleetScope } from '../../../shared/model/fleet'
import { silentLogger, type Logger } from '../log/logger'
import { SealedJsonFile } from '../storage/sealed-json-file'
import type { KeptScan, ScanHistory } from './scan-history'

export const SCAN_TREND_KEY_PURPOSE = 'backdesk/scan-trend/seal/v1'
export const SCAN_TREND_FILE = 'trend.sealed.json'
/** A rebuild reads at most this many kept scans (scoped ones are read and skipped). */
const REBUILD_READS = TREND_SCANS * 3

/** A scan of one customer or a few connections says nothing of the fleet's trend. */
export function isScoped(scope: FleetScope): boolean {
  return !!scope.customer || (scope.connectionIds?.length ?? 0) > 0
}

export function trendPointOf(scan: KeptScan): TrendPoint {
  let failing = 0
  let stale = 0
  for (const row of scan.rows) {
    if (FAILING_STATUSES.has(row.status)) failing++
    else if (row.status === 'stale') stale++
  }
  const { scanId, finishedAt, startedAt } = scan.summary
  return { scanId, finishedAt: finishedAt ?? startedAt, failing, stale, total: scan.rows.length }
}

function validPoints(value: unknown): TrendPoint[] | undefined {
  if (!Array.isArray(value)) return undefined
  const ok = value.every(
    (p: Partial<TrendPoint> | null) =>
      typeof p === 'object' && p !== null && typeof p.scanId === 'string' && typeof p.finishedAt === 'string' && [p.failing, p.stale, p.total].every((n) => typeof n === 'number')
  )
  return ok ? (value as TrendPoint[]).slice(-TREND_SCANS) : undefined
}

export interface ScanTrendOptions {
  history: ScanHistory
  keys: { deriveKey(purpose: string): Buffer; onLock(listener: () => void): () => void }
  logger?: Logger
}

export class ScanTrend {
  private readonly file: SealedJsonFile<TrendPoint[]>
  private cache: TrendPoint[] | undefined
  private chain: Promise<unknown> = Promise.resolve()
  private readonly stopLock: () => void

  constructor(private readonly options: ScanTrendOptions) {
    const logger = (options.logger ?? silentLogger).child('scan-trend')
    this.file = new SealedJsonFile(join(options.history.dir, SCAN_TREND_FILE), { keys: options.keys, purpose: SCAN_TREND_KEY_PURPOSE, logger })
    this.stopLock = options.keys.onLock(() => {
      this.cache = undefined
    })
  }

  /** The points, oldest first. LOCKED while locked. */
  list(): Promise<TrendPoint[]> {
    return this.serial(() => this.load())
  }

  /** Adds a finished full-fleet scan (a scoped one is left out), keeping the last TREND_SCANS. */
  add(scan: KeptScan): Promise<TrendPoint[]> {
    return this.serial(async () => {
      const points = await this.load()
      if (isScoped(scan.summary.scope) || points.some((p) => p.scanId === scan.summary.scanId)) return points
      const next = [...points, trendPointOf(scan)].sort((a, b) => Date.parse(a.finishedAt) - Date.parse(b.finishedAt)).slice(-TREND_SCANS)
      await this.file.write(next)
      this.cache = next
      return next
    })
  }

  private serial<T>(run: () => Promise<T>): Promise<T> {
    const next = this.chain.then(run, run)
    this.chain = next.catch(() => undefined)
    return next
  }

  private async load(): Promise<TrendPoint[]> {
    if (this.cache) return this.cache
    const absent: TrendPoint[] = []
    const stored = await this.file.read(() => absent, validPoints)
    const points = stored === absent ? await this.rebuild() : stored
    this.cache = points
    return points
  }

  /** Newest kept scans first, until TREND_SCANS full-fleet ones are found. */
  private async rebuild(): Promise<TrendPoint[]> {
    const { history } = this.options
    const entries = (await history.list()).reverse()
    const points: TrendPoint[] = []
    for (let i = 0; i < entries.length && i < REBUILD_READS && points.length < TREND_SCANS; i++) {
      const kept = await history.get((entries[i] as (typeof entries)[number]).scanId)
      if (kept && !isScoped(kept.summary.scope)) points.unshift(trendPointOf(kept))
    }
    if (points.length) await this.file.write(points)
    return points
  }

  async dispose(): Promise<void> {
    this.stopLock()
    await this.chain
    await this.file.flush()
    this.cache = undefined
  }
}

// The fleet scan: the health of everything protected, across every connection (or one customer's).
//
// Each provider module says how its connection's rows are read (providers/<kind>/fleet.ts), with
// the fewest calls that answer the question.
// Connections run side by side (each one's own HTTP concurrency limit applies underneath).
// Progress reaches the renderer as each connection finishes (`fleet.progress`, counts only; a
// screen that shows the rows reads the new ones with `fleet.scan.rows`); a cancel aborts
// every HTTP call in flight through one AbortSignal; a connection that fails becomes an `error`
// row and a note, never a failed scan.

import { randomUUID } from 'node:crypto'
import { AppError } from '../../../shared/errors'
import type { ConnectionSummary } from '../../../shared/model/connection'
import {
  FleetRowOrder,
  inScope,
  isReviewed,
  type FleetNote,
  type FleetProgress,
  type FleetReview,
  type FleetRow,
  type FleetRowsPage,
  type FleetScanResult,
  type FleetScanSummary,
  type FleetScope
} from '../../../shared/model/fleet'
import { silentLogger, type Logger } from '../log/logger'
import type { TicketRef } from '../../../shared/model/tickets'
import { connectionErrorRow } from './health'
import type { VaultKeys } from '../storage/vault-keys'
import { mergeReviews, ReviewStore, type ReviewInput, type SharedReviewQueue } from './review-store'

/**
 * The rows of one connection, from its provider module (undefined: the provider has no fleet rows);
 * a FleetRowOrder when the provider sorted them as they arrived.
 */
export type FleetRowsOf = (connection: ConnectionSummary, signal: AbortSignal, now: number) => Promise<FleetRow[] | FleetRowOrder> | undefined

export interface FleetServiceOptions {
  dataDir: string
  /** The review queue is sealed under a key from the vault. */
  keys: VaultKeys
  connections: { list(): ConnectionSummary[] }
  /** Each connection's rows, asked of its provider module. */
  rowsOf: FleetRowsOf
  /** `fleet.progress` events. */
  emit?: (progress: FleetProgress) => void
  logger?: Logger
  now?: () => number
  /** Connections scanned at once. Default 8. */
  connectionConcurrency?: number
  /** The team workspace's review queue (shared with every member). */
  shared?: SharedReviewQueue
  /** Each connection's rows as it finishes (its one error row when it could not be scanned): search indexes them. */
  onRows?: (connection: ConnectionSummary, rows: readonly FleetRow[]) => void
  /** Every scan that ends (done or cancelled), with all its rows (the watch module keeps it). */
  onFinished?: (result: FleetScanResult, options: ScanOptions) => void
}

/** How a scan was asked for (the schedule passes these; the renderer never does). */
export interface ScanOptions {
  /** Started by the schedule rather than by a person. */
  scheduled?: boolean
  /** Connections left out for now (provider backoff): each becomes an error row with this message. */
  held?: ReadonlyMap<string, { code: string; message: string }>
}

interface Scan {
  summary: FleetScanSummary
  options: ScanOptions
  /** The rows, in the order they were found (`order.rows`) and in queue order, as each connection finishes. */
  order: FleetRowOrder
  controller: AbortController
  finished: Promise<void>
}

function messageOf(err: unknown): { code: string; message: string } {
  if (err instanceof AppError) return { code: err.code, message: err.message }
  return { code: 'INTERNAL', message: err instanceof Error ? err.message : String(err) }
}

function isCancel(err: unknown, signal: AbortSignal): boolean {
  return signal.aborted || (err instanceof AppError && err.code === 'CANCELLED')
}

export class FleetService {
  private current: Scan | undefined
  private readonly reviews: ReviewStore
  private readonly logger: Logger
  private readonly now: () => number

  constructor(private readonly options: FleetServiceOptions) {
    this.reviews = new ReviewStore({
      dataDir: options.dataDir,
      keys: options.keys,
      ...(options.logger ? { logger: options.logger } : {}),
      ...(options.now ? { now: options.now } : {})
    })
    this.logger = (options.logger ?? silentLogger).child('fleet')
    this.now = options.now ?? Date.now
  }

  /** Starts a scan and answers at once (a running scan is cancelled first). */
  start(scope: FleetScope = {}, options: ScanOptions = {}): FleetScanSummary {
    return this.begin(scope, options).summary
  }

  isRunning(): boolean {
    return this.current?.summary.state === 'running'
  }

  /** Starts a scan and waits for its end (benchmarks, tests). */
  async run(scope: FleetScope = {}, signal?: AbortSignal, options: ScanOptions = {}): Promise<FleetScanResult> {
    const scan = this.begin(scope, options)
    const onAbort = () => scan.controller.abort()
    signal?.addEventListener('abort', onAbort, { once: true })
    try {
      await scan.finished
    } finally {
      signal?.removeEventListener('abort', onAbort)
    }
    return this.resultOf(scan, new Map())
  }

  cancel(scanId?: string): boolean {
    const scan = this.current
    if (!scan || scan.summary.state !== 'running' || (scanId && scan.summary.scanId !== scanId)) return false
    scan.controller.abort()
    return true
  }

  /** The latest scan, rows in queue order (unreviewed first). */
  async status(): Promise<FleetScanResult | null> {
    const scan = this.current
    if (!scan) return null
    return this.resultOf(scan, await this.reviewMap())
  }

  /** The latest scan's rows from `from` on, unsorted; another scan than `scanId` starts again at 0. */
  rowsSince(scanId: string | undefined, from: number): FleetRowsPage | null {
    const scan = this.current
    if (!scan) return null
    const found = scan.order.rows
    const start = scan.summary.scanId === scanId ? Math.min(from, found.length) : 0
    return { scanId: scan.summary.scanId, from: start, rows: found.slice(start) }
  }

  async listReviews(): Promise<FleetReview[]> {
    return [...(await this.reviewMap()).values()]
  }

  /** In a team workspace the action goes to the shared queue; otherwise to this computer's file. */
  async setReview(input: ReviewInput): Promise<FleetReview | null> {
    const shared = await this.options.shared?.record(input)
    if (shared !== undefined && shared !== null) return shared.state === 'open' && !shared.note && !shared.ticket ? null : shared
    return this.reviews.set(input)
  }

  /**
   * Keeps a ticket with the item. In a team workspace its reference is recorded in the shared queue
   * too (with the item's current state and note), so every member sees it.
   */
  async setTicket(key: string, ticket: TicketRef): Promise<FleetReview> {
    const stored = await this.reviews.setTicket(key, ticket)
    if (this.options.shared && ticket.reference) {
      const current = (await this.reviewMap()).get(key)
      await this.options.shared.record({
        key,
        state: current?.state ?? 'open',
        ...(current?.snoozedUntil ? { snoozedUntil: current.snoozedUntil } : {}),
        ...(current?.note ? { note: current.note } : {}),
        ticket: ticket.reference
      })
    }
    return stored
  }

  private async reviewMap(): Promise<Map<string, FleetReview>> {
    return mergeReviews(await this.reviews.map(), (await this.options.shared?.reviews()) ?? null)
  }

  /** Waits for the running scan (if any) to end. */
  async settle(): Promise<void> {
    await this.current?.finished
  }

  async dispose(): Promise<void> {
    this.cancel()
    await this.current?.finished.catch(() => undefined)
    await this.reviews.dispose()
  }

  // --- internals ---------------------------------------------------------------------------------

  /** The rows in the queue order of sortForReview (unreviewed first, each group in compareRows order). */
  private resultOf(scan: Scan, reviews: ReadonlyMap<string, FleetReview>): FleetScanResult {
    const now = this.now()
    const rows = reviews.size === 0 ? scan.order.sorted() : scan.order.sorted((r) => isReviewed(reviews.get(r.key), now))
    return { ...scan.summary, notes: [...scan.summary.notes], rows }
  }

  private begin(scope: FleetScope, options: ScanOptions): Scan {
    this.cancel()
    const connections = this.options.connections.list().filter((c) => inScope(c, scope))
    const controller = new AbortController()
    const summary: FleetScanSummary = {
      scanId: randomUUID(),
      state: 'running',
      scope,
      startedAt: new Date(this.now()).toISOString(),
      done: 0,
      total: connections.length,
      scanned: connections.map((c) => c.id),
      rowCount: 0,
      notes: []
    }
    const scan: Scan = { summary, options, order: new FleetRowOrder(), controller, finished: Promise.resolve() }
    this.current = scan
    this.emit(scan)
    scan.finished = this.execute(scan, connections).catch((err: unknown) => {
      // execute() handles every per-connection failure; anything here is a bug: end the scan.
      this.logger.error('fleet scan ended unexpectedly', { err })
      summary.state = controller.signal.aborted ? 'cancelled' : 'done'
      summary.finishedAt = new Date(this.now()).toISOString()
      this.emit(scan)
    }).then(() => this.finished(scan))
    return scan
  }

  private async execute(scan: Scan, connections: ConnectionSummary[]): Promise<void> {
    const signal = scan.controller.signal
    const limit = Math.max(1, this.options.connectionConcurrency ?? 8)
    let next = 0
    const worker = async () => {
      while (next < connections.length && !signal.aborted) {
        const c = connections[next++] as ConnectionSummary
        let found: FleetRowOrder
        let note: FleetNote | undefined
        const held = scan.options.held?.get(c.id)
        try {
          if (held) throw new AppError(held.code as AppError['code'], held.message)
          const rows = (await this.options.rowsOf(c, signal, this.now())) ?? []
          found = rows instanceof FleetRowOrder ? rows : FleetRowOrder.of(rows)
        } catch (err) {
          if (isCancel(err, signal)) break
          const { code, message } = messageOf(err)
          if (!held) this.logger.warn('fleet: connection could not be scanned', { connectionId: c.id, code })
          note = { connectionId: c.id, connectionName: c.name, provider: c.provider, code, message }
          found = FleetRowOrder.of([connectionErrorRow(c, message)])
        }
        if (signal.aborted) break
        try {
          this.options.onRows?.(c, found.rows)
        } catch (err) {
          this.logger.warn('fleet: a rows listener failed', { err })
        }
        // Kept sorted as it grows: status() only sets the reviewed rows apart (the renderer sorts
        // again with the review state it holds).
        scan.order.append(found)
        if (note) scan.summary.notes.push(note)
        scan.summary.done++
        scan.summary.rowCount = scan.order.rows.length
        this.emit(scan)
      }
    }
    await Promise.all(Array.from({ length: Math.min(limit, Math.max(1, connections.length)) }, worker))
    scan.summary.state = signal.aborted ? 'cancelled' : 'done'
    scan.summary.finishedAt = new Date(this.now()).toISOString()
    this.emit(scan)
  }

  private finished(scan: Scan): void {
    try {
      // Unsorted: the listener keeps or compares rows by key, and a sort of 10,000 rows is not free.
      this.options.onFinished?.({ ...scan.summary, notes: [...scan.summary.notes], rows: scan.order.rows.slice() }, scan.options)
    } catch (err) {
      this.logger.warn('fleet: a finished-scan listener failed', { err })
    }
  }

  private emit(scan: Scan): void {
    try {
      // Without the list of connections scanned: sent as each connection finishes, and no screen reads it.
      const { scanned: _scanned, ...summary } = scan.summary
      this.options.emit?.({ ...summary, notes: [...scan.summary.notes] })
    } catch (err) {
      this.logger.warn('fleet: progress event could not be sent', { err })
    }
  }
}

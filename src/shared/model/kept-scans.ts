// The look back over the kept fleet scans that the customer list, search and watch (the fleet as
// last seen, the base of "what changed") share: newest first, each scan decoded only when the
// caller reads it, and only as far back as something is still missing. What counts as found (a
// customer covered whole, a connection read) is the caller's. A connection a scan read and found
// empty has no rows in it, like one the scan left out: what the scan set out to read (scanCovers)
// tells them apart, so an empty connection is found in the newest scan that read it instead of
// being looked back for.

import type { ConnectionSummary } from './connection'
import { inScope, type FleetRow, type FleetScanSummary } from './fleet'

/** One kept fleet scan, read only when asked for (a look back that has what it needs reads no more). */
export interface KeptScanRef<T extends { summary: FleetScanSummary; rows: readonly FleetRow[] } = { summary: FleetScanSummary; rows: readonly FleetRow[] }> {
  scanId: string
  /** When the scan finished (ms): a connection added after it cannot be in it. */
  finishedAt: number
  read(): Promise<T | null>
}

/**
 * How many kept scans, newest first, a look back goes through for what the newer ones left out (a
 * scan of one connection or customer covers less, a connection it could not reach has only its
 * error row in it); a day of hourly scans.
 */
export const LOOK_BACK_SCANS = 24

/** When a connection was added (ms); one with no readable date may be in any scan. */
export function addedAt(connection: Pick<ConnectionSummary, 'createdAt'>): number {
  return Date.parse(connection.createdAt) || Number.NEGATIVE_INFINITY
}

/**
 * Did this finished scan read the connection, objects or not. A scan that lists what it set out to
 * read (`scanned`) answers by id: a connection added on another computer and synced here keeps its
 * first creation date, so only the list tells that an older scan never saw it. An older kept scan
 * answers by its scope (`inScope`, the rule the fleet scan picks its connections by) and whether the
 * connection existed when the scan began. A covered connection with no rows and no note was read
 * and has no objects; one with a note (its error row) could not be read.
 */
export function scanCovers(summary: Pick<FleetScanSummary, 'state' | 'scope' | 'startedAt' | 'scanned'>, connection: Pick<ConnectionSummary, 'id' | 'customer' | 'createdAt'>): boolean {
  if (summary.state !== 'done') return false
  if (summary.scanned) return summary.scanned.includes(connection.id)
  return addedAt(connection) <= Date.parse(summary.startedAt) && inScope(connection, summary.scope)
}

/** Did this finished scan read the connection and get an answer: covered (scanCovers) and no note says it could not be read. */
export function scanRead(summary: Pick<FleetScanSummary, 'state' | 'scope' | 'startedAt' | 'scanned' | 'notes'>, connection: Pick<ConnectionSummary, 'id' | 'customer' | 'createdAt'>): boolean {
  return scanCovers(summary, connection) && !summary.notes.some((n) => n.connectionId === connection.id)
}

/**
 * The kept scans (newest first) a look back reads, each with the keys still open in it. A key is
 * open until `found` has it, and only in scans that finished at or after its time in `since` (a
 * scan that finished before a connection was added cannot have it). Ends once no key is open, or
 * after LOOK_BACK_SCANS scans: a connection that no scan covered (or none could reach) is never
 * found, and would otherwise have every kept scan decoded. `found` is asked again before each
 * scan, so what the caller took from one scan closes its keys for the next.
 */
export function* lookBack<R extends KeptScanRef>(scans: readonly R[], since: ReadonlyMap<string, number>, found: { has(key: string): boolean }): Generator<{ scan: R; open: string[] }> {
  for (const scan of scans.slice(0, LOOK_BACK_SCANS)) {
    const open = [...since].filter(([key, at]) => !found.has(key) && at <= scan.finishedAt).map(([key]) => key)
    if (open.length === 0) return
    yield { scan, open }
  }
}

/** A kept scan's rows of the connections still open in a look back, by connection (one pass over the scan). */
export function rowsByConnection(rows: readonly FleetRow[], open: readonly string[]): Map<string, FleetRow[]> {
  const wanted = new Set(open)
  const byConnection = new Map<string, FleetRow[]>()
  for (const row of rows) {
    if (!wanted.has(row.connectionId)) continue
    const list = byConnection.get(row.connectionId)
    if (list) list.push(row)
    else byConnection.set(row.connectionId, [row])
  }
  return byConnection
}

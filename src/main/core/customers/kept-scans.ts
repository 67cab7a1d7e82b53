// The look back over the kept fleet scans that the customer list and search share: newest first,
// each scan decoded only when the caller reads it, and only as far back as something is still
// missing. What counts as found (a customer covered whole, a connection read) is the caller's.
// A connection a scan read and found empty has no rows in it, like one the scan left out: the
// scan's scope (scanCovers) tells them apart, so an empty connection is found in the newest scan
// that covered it instead of being looked back for.

import type { ConnectionSummary } from '../../../shared/model/connection'
import { inScope, type FleetRow, type FleetScanSummary } from '../../../shared/model/fleet'

/** One kept fleet scan, read only when asked for (a look back that has what it needs reads no more). */
export interface KeptScanRef {
  scanId: string
  /** When the scan finished (ms): a connection added after it cannot be in it. */
  finishedAt: number
  read(): Promise<{ summary: FleetScanSummary; rows: readonly FleetRow[] } | null>
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
 * Did this finished scan read the connection, objects or not: its scope takes the connection in
 * (`inScope`, the rule the fleet scan picks its connections by) and the connection existed when the scan began (the scan lists
 * its connections then). A covered connection with no rows and no note was read and has no
 * objects; one with a note (its error row) could not be read.
 */
export function scanCovers(summary: Pick<FleetScanSummary, 'state' | 'scope' | 'startedAt'>, connection: Pick<ConnectionSummary, 'id' | 'customer' | 'createdAt'>): boolean {
  return summary.state === 'done' && addedAt(connection) <= Date.parse(summary.startedAt) && inScope(connection, summary.scope)
}

/**
 * The kept scans (newest first) a look back reads, each with the keys still open in it. A key is
 * open until `found` has it, and only in scans that finished at or after its time in `since` (a
 * scan that finished before a connection was added cannot have it). Ends once no key is open, or
 * after LOOK_BACK_SCANS scans: a connection that no scan covered (or none could reach) is never
 * found, and would otherwise have every kept scan decoded. `found` is asked again before each
 * scan, so what the caller took from one scan closes its keys for the next.
 */
export function* lookBack(scans: readonly KeptScanRef[], since: ReadonlyMap<string, number>, found: { has(key: string): boolean }): Generator<{ scan: KeptScanRef; open: string[] }> {
  for (const scan of scans.slice(0, LOOK_BACK_SCANS)) {
    const open = [...since].filter(([key, at]) => !found.has(key) && at <= scan.finishedAt).map(([key]) => key)
    if (open.length === 0) return
    yield { scan, open }
  }
}

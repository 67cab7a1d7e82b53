// Judging health: what every provider's row builder shares (providers/<p>/health.ts turn provider
// answers into fleet rows). Pure functions (no I/O), so the rules are tested on their own and the
// scan only fetches. The statuses and the stale rule are documented in
// src/shared/model/fleet.ts. Details carry no relative times ("3 h ago" goes stale with the scan):
// the screen's Age column counts from lastSuccess.

import type { ConnectionSummary } from '../../../shared/model/connection'
import { isoToMs } from '../../../shared/iso-time'
import { STALE_AFTER_HOURS, type FleetRow } from '../../../shared/model/fleet'

const HOUR_MS = 3_600_000
export const GIB = 1024 ** 3

type Base = Pick<FleetRow, 'connectionId' | 'connectionName' | 'provider' | 'customer'>

export function baseOf(c: ConnectionSummary): Base {
  return { connectionId: c.id, connectionName: c.name, provider: c.provider, customer: c.customer }
}

/**
 * A row's key: `<provider>:<connection id>:<object>`. Stable across scans and restarts (the review
 * queue is keyed by it), so a provider's object part (`cu:12`, `task:abc`) never changes.
 */
export function rowKey(c: Pick<ConnectionSummary, 'id' | 'provider'>, object: string): string {
  return `${c.provider}:${c.id}:${object}`
}

export function isStale(lastSuccess: string | undefined, now: number): boolean {
  if (!lastSuccess) return false
  const t = isoToMs(lastSuccess)
  return !Number.isNaN(t) && now - t > STALE_AFTER_HOURS * HOUR_MS
}

/** A connection that could not be scanned: one `error` row. */
export function connectionErrorRow(c: ConnectionSummary, message: string): FleetRow {
  return {
    ...baseOf(c),
    key: rowKey(c, 'connection'),
    kind: 'connection',
    object: c.name,
    context: 'Connection',
    status: 'error',
    detail: message,
    ids: {}
  }
}

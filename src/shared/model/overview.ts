// The Overview: the numbers a technician looks at first, computed in main from what is already
// known (the latest kept scan, the review queue, the offline tracker, Test connection results, the
// restore tracker) and a short trend of failures over the last kept scans. Pure types and labels,
// shared by main (the aggregation) and the renderer (the dashboard and the sidebar's health dots).

import type { ProviderKind } from './connection'
import type { Health } from './customers'
import type { FleetRow, FleetStatus } from './fleet'

/** A connection's health dot: worst of its objects in the latest scan, or offline, or not checked. */
export const CONNECTION_HEALTHS = ['failing', 'offline', 'warnings', 'ok', 'unchecked'] as const
export type ConnectionHealth = (typeof CONNECTION_HEALTHS)[number]

/** The dot's words (its text alternative: the colour is never the only sign). */
export const CONNECTION_HEALTH_LABEL: Readonly<Record<ConnectionHealth, string>> = {
  failing: 'Failing',
  offline: 'Offline',
  warnings: 'Warnings',
  ok: 'OK',
  unchecked: 'Not checked'
}

/** Statuses that make an object's dot "failing" (the scan could not check it, or its backup failed or was missed). */
export const FAILING_HEALTH_STATUSES: ReadonlySet<FleetStatus> = new Set(['error', 'failed', 'missed'])
/** Statuses that make a dot "warnings". */
export const WARNING_HEALTH_STATUSES: ReadonlySet<FleetStatus> = new Set(['stale', 'warning'])

/** The worse of two healths (failing > offline > warnings > ok > not checked). */
export function worseHealth(a: ConnectionHealth, b: ConnectionHealth): ConnectionHealth {
  return CONNECTION_HEALTHS.indexOf(a) <= CONNECTION_HEALTHS.indexOf(b) ? a : b
}

/**
 * A connection's health from a customer page's part for it (its combined status), so the dot and
 * the page say the same: nothing to judge (unknown) reads as not checked.
 */
export function healthOfCustomerStatus(health: Health): ConnectionHealth {
  return health === 'error' ? 'failing' : health === 'warning' ? 'warnings' : health === 'ok' ? 'ok' : 'unchecked'
}

/** The health one object's status gives. */
export function healthOfStatus(status: FleetStatus): ConnectionHealth {
  return FAILING_HEALTH_STATUSES.has(status) ? 'failing' : WARNING_HEALTH_STATUSES.has(status) ? 'warnings' : 'ok'
}

export interface ConnectionOverview {
  connectionId: string
  name: string
  provider: ProviderKind
  customer: string
  health: ConnectionHealth
  /** Why, in one line: the scan's note, the offline message, the failed test's message. */
  reason?: string
  /** Offline (reads answer snapshots). */
  offline: boolean
  /** The last Test connection of this session failed (and none passed since). */
  testFailed: boolean
}

export interface ProviderOverview {
  provider: ProviderKind
  /** Objects that failed, missed their schedule or could not be checked. */
  failing: number
  stale: number
  total: number
}

/** One kept scan in the trend chart. */
export interface TrendPoint {
  scanId: string
  finishedAt: string
  /** Objects failing (failed, missed, cannot check). */
  failing: number
  stale: number
  total: number
}

/** How many kept scans the trend shows (and keeps). */
export const TREND_SCANS = 14
/** How many objects the Overview lists as needing attention first. */
export const OVERVIEW_ATTENTION = 5

export interface Overview {
  /** When main computed it (ISO). */
  computedAt: string
  /** The latest kept scan the numbers come from; absent before the first scan. */
  lastScan?: { scanId: string; finishedAt: string; rowCount: number; scoped: boolean }
  /** One per provider that has a connection. */
  providers: ProviderOverview[]
  /** Objects of the latest scan that need attention (failing or stale) and no review pushes down. */
  openReviews: number
  /** Restore and download requests not finished yet. */
  restoresInFlight: number
  /** Every connection with its health dot. */
  connections: ConnectionOverview[]
  /** The objects to look at first, in the review queue's order. */
  attention: FleetRow[]
  /** Failures over the last kept scans, oldest first (at most TREND_SCANS). */
  trend: TrendPoint[]
}

/**
 * Health per group of a connection's objects in the latest scan that covered it, keyed by the
 * business unit holding them (`FleetRow.ids.businessUnitId`): the worst object of each. A tree
 * rolls it up to the units above.
 */
export interface UnitHealth {
  scanId: string
  finishedAt: string
  /** Business unit id → the worst health of the objects directly under it. */
  businessUnits: Record<string, ConnectionHealth>
}

import type { ProviderKind } from './connection'
import type { FleetStatus } from './fleet'
import { FAILING_HEALTH_STATUSES, WARNING_HEALTH_STATUSES } from './overview'

// Customers: connections grouped by their customer label; a customer page joins what each of
// that customer's connections protects, with one combined status (the worst of its parts).

export const HEALTH_ORDER = ['error', 'warning', 'unknown', 'ok'] as const
export type Health = (typeof HEALTH_ORDER)[number]

/** The worst of `values` (error > warning > unknown > ok); `unknown` for none. */
export function worstHealth(values: Iterable<Health>): Health {
  let worst: Health | undefined
  for (const v of values) if (worst === undefined || HEALTH_ORDER.indexOf(v) < HEALTH_ORDER.indexOf(worst)) worst = v
  return worst ?? 'unknown'
}

/**
 * What one Fleet health status counts as on a customer page: the same judgement as Fleet health
 * and the Overview (failing, then stale or warnings). Not started and disabled objects count
 * neither way (undefined), like a new node that has not run yet.
 */
export function customerHealthOfStatus(status: FleetStatus): Health | undefined {
  if (FAILING_HEALTH_STATUSES.has(status)) return 'error'
  if (WARNING_HEALTH_STATUSES.has(status)) return 'warning'
  if (status === 'unknown') return 'unknown'
  return status === 'ok' ? 'ok' : undefined
}

/** The health of objects judged by Fleet health: the worst that counts; 'ok' when none counts. */
export function customerHealthOfStatuses(statuses: Iterable<FleetStatus>): Health {
  const counted: Health[] = []
  for (const s of statuses) {
    const h = customerHealthOfStatus(s)
    if (h) counted.push(h)
  }
  return counted.length ? worstHealth(counted) : 'ok'
}

/**
 * What a customer page's refresh found for one connection (its part's status, and the first of
 * its worst items as the reason): the health dot takes it when it is newer than the connection's
 * last scan, so the dot and the customer list answer from the same newest look.
 */
export interface ConnectionCheck {
  health: Health
  at: string
  reason?: string
}

export interface CustomerListItem {
  /** The customer label ('' = connections without one). */
  name: string
  connectionCount: number
  providers: ProviderKind[]
  demo: boolean
  /**
   * The newest judgement main has: the newest kept fleet scan that covered every one of the
   * customer's connections, or the last customer page computed, whichever is newer (null: neither).
   */
  status: Health | null
  /** How old `status` is: when the scan finished or the page was checked (its oldest last known data when part of it could not be reached). */
  checkedAt?: string
  /** Where `status` comes from. */
  statusSource?: 'fleet-scan' | 'customer-page'
  /** A connection could not be reached (now, or when the page was checked): `status` is last known data. */
  offline?: boolean
}

/** The most items a customer page shows per connection (worst first); the provider's console has the rest. */
export const CUSTOMER_ITEM_LIMIT = 500

export interface CustomerItem {
  /** Provider id (business unit id, account or task id, definition key). */
  id: string
  label: string
  detail?: string
  status: Health
  /** Cloutility: the business unit id, for drill-in. */
  businessUnitId?: number
}

export interface CustomerPart {
  connectionId: string
  connectionName: string
  provider: ProviderKind
  demo: boolean
  /** What kind of thing `items` lists, e.g. "Business units", "Accounts", "Definitions". */
  itemKind: string
  items: CustomerItem[]
  /**
   * How many items the provider had before `items` was cut to CUSTOMER_ITEM_LIMIT (absent: not
   * counted, e.g. last known data kept by an older version).
   */
  itemCount?: number
  status: Health
  /** Where `items` came from: 'live' = refreshed now (or Backdesk's own list); 'snapshot' = last known data; 'none' = nothing known. */
  source: 'live' | 'snapshot' | 'none'
  asOf?: string
  /** Why the refresh failed, in plain words (with `failure`). */
  error?: string
  /**
   * How the refresh failed: 'offline' = the provider could not be reached (the last known data keeps
   * its status); 'cannot-check' = it answered and refused (a wrong or revoked key or password, no
   * permission…), so nothing could be checked and the part is `error` whatever `items` last showed.
   */
  failure?: 'offline' | 'cannot-check'
}

export interface CustomerPage {
  name: string
  status: Health
  parts: CustomerPart[]
  checkedAt: string
}

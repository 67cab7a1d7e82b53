// Pure helpers for the fleet screen: filters, labels, the age column. Cheap: they run over every
// row per keystroke.
import type { ProviderKind } from '../../../../shared/model/connection'
import { ageHours, FLEET_STATUS_LABEL, FLEET_STATUSES, isReviewed, type FleetReview, type FleetRow, type FleetStatus } from '../../../../shared/model/fleet'
import { PROVIDERS } from '../../../../shared/model/connection'
import { ATTENTION_STATUSES, FAILING_STATUSES } from '../../../../shared/model/watch'
import { formatAgeShort } from '../../../../shared/format'

/**
 * `failing`: what the Overview counts as failing (failed, missed, cannot check); `attention`: what
 * it counts as open review items with `includeReviewed` off (failing or stale).
 */
export type StatusFilter = 'problems' | 'failing' | 'attention' | 'all' | FleetStatus

export interface FleetFilters {
  provider: ProviderKind | 'all'
  status: StatusFilter
  customer: string
  text: string
  includeReviewed: boolean
  /** Whose items: reviewed by me, not reviewed by anyone, or all (a team workspace shares the queue). */
  owner: OwnerFilter
}

export type OwnerFilter = 'everyone' | 'mine' | 'unassigned'

export const DEFAULT_FILTERS: FleetFilters = { provider: 'all', status: 'all', customer: '', text: '', includeReviewed: true, owner: 'everyone' }

function ownerMatches(owner: OwnerFilter, review: FleetReview | undefined): boolean {
  if (owner === 'everyone') return true
  const taken = review !== undefined && (review.state !== 'open' || !!review.note || !!review.ticket)
  return owner === 'unassigned' ? !taken : taken && review?.mine !== false
}

export const STATUS_LABEL = FLEET_STATUS_LABEL

export const STATUS_CLASS: Record<FleetStatus, string> = {
  error: 'badge-error',
  failed: 'badge-error',
  missed: 'badge-error',
  stale: 'badge-warn',
  warning: 'badge-warn',
  unknown: 'badge-muted',
  pending: 'badge-muted',
  disabled: 'badge-muted',
  ok: 'badge-ok'
}

const PROBLEMS: ReadonlySet<FleetStatus> = new Set(['error', 'failed', 'missed', 'stale', 'warning'])

export function filterFleet(rows: readonly FleetRow[], f: FleetFilters, reviews: Readonly<Record<string, FleetReview>>, now: number): readonly FleetRow[] {
  const needle = f.text.trim().toLowerCase()
  const customer = f.customer.trim().toLowerCase()
  if (f.provider === 'all' && f.status === 'all' && !customer && !needle && f.includeReviewed && f.owner === 'everyone') return rows
  return rows.filter(
    (r) =>
      (f.provider === 'all' || r.provider === f.provider) &&
      (f.status === 'all' || (f.status === 'problems' ? PROBLEMS.has(r.status) : f.status === 'failing' ? FAILING_STATUSES.has(r.status) : f.status === 'attention' ? ATTENTION_STATUSES.has(r.status) : r.status === f.status)) &&
      (!customer || r.customer.toLowerCase() === customer) &&
      (f.includeReviewed || !isReviewed(reviews[r.key], now)) &&
      ownerMatches(f.owner, reviews[r.key]) &&
      (!needle || r.object.toLowerCase().includes(needle) || (r.context?.toLowerCase().includes(needle) ?? false) || r.connectionName.toLowerCase().includes(needle))
  )
}

/** How long since the row's last good backup, for a narrow column ("5h", "3d"). */
export function formatAge(row: FleetRow, now: number): string {
  const h = ageHours(row, now)
  return formatAgeShort(h === undefined ? undefined : h * 3_600_000)
}

/** Nav params for a row's drill-in (the connection screen reads `id`; consoles may read the rest). */
export function drillParams(row: Pick<FleetRow, 'connectionId' | 'ids'>): Record<string, string | number> {
  const p: Record<string, string | number> = { id: row.connectionId }
  if (row.ids.businessUnitId !== undefined) p.bu = row.ids.businessUnitId
  if (row.ids.consumerId !== undefined) p.cu = row.ids.consumerId
  if (row.ids.taskId) p.task = row.ids.taskId
  if (row.ids.definitionKey) p.definition = row.ids.definitionKey
  return p
}

/**
 * Filters named by a link (`#/fleet?provider=…&status=…&reviewed=hide`, as the Overview's counts
 * make them): what the address says, over the defaults; anything unknown is ignored.
 */
export function filtersFromParams(params: Readonly<Record<string, string | number>> | undefined): FleetFilters {
  const f: FleetFilters = { ...DEFAULT_FILTERS }
  const provider = String(params?.['provider'] ?? '')
  const status = String(params?.['status'] ?? '')
  if ((PROVIDERS as readonly string[]).includes(provider)) f.provider = provider as ProviderKind
  if (status === 'problems' || status === 'failing' || status === 'attention' || (FLEET_STATUSES as readonly string[]).includes(status)) f.status = status as StatusFilter
  if (params?.['reviewed'] === 'hide') f.includeReviewed = false
  return f
}

import { describe, expect, it } from 'vitest'
import { DEFAULT_FILTERS, drillParams, filterFleet, filtersFromParams, formatAge } from '../../../../src/renderer/src/features/fleet/fleet-view'
import type { FleetReview, FleetRow } from '../../../../src/shared/model/fleet'
import { formatAgeShort } from '../../../../src/shared/format'

// The fleet screen's pure helpers (filters, age, drill-in params).
const NOW = Date.parse('2026-06-10T12:00:00Z')
const base = { connectionName: 'C', customer: 'Acme', detail: '', kind: 'consumption-unit' as const }
const rows: FleetRow[] = [
  { ...base, key: 'a', connectionId: 'c1', provider: 'cloutility', object: 'WS-1', context: 'Finance', status: 'failed', lastSuccess: new Date(NOW - 50 * 3_600_000).toISOString(), ids: { businessUnitId: 4, consumerId: 9 } },
  { ...base, key: 'b', connectionId: 'c2', provider: 'cloudally', object: 'Mailbox', customer: 'Globex', status: 'ok', lastSuccess: new Date(NOW - 2 * 3_600_000).toISOString(), ids: { taskId: 't1' } },
  { ...base, key: 'c', connectionId: 'c3', provider: 'cloudback', object: 'repo', status: 'disabled', ids: { definitionKey: 'github|x|repository|repo' } }
]

describe('fleet view helpers', () => {
  it('filters by provider, status, customer, text and review state', () => {
    const reviews: Record<string, FleetReview> = { a: { key: 'a', state: 'acknowledged', updatedAt: '' } }
    expect(filterFleet(rows, DEFAULT_FILTERS, {}, NOW)).toBe(rows)
    expect(filterFleet(rows, { ...DEFAULT_FILTERS, provider: 'cloudally' }, {}, NOW).map((r) => r.key)).toEqual(['b'])
    expect(filterFleet(rows, { ...DEFAULT_FILTERS, status: 'problems' }, {}, NOW).map((r) => r.key)).toEqual(['a'])
    expect(filterFleet(rows, { ...DEFAULT_FILTERS, customer: 'globex' }, {}, NOW).map((r) => r.key)).toEqual(['b'])
    expect(filterFleet(rows, { ...DEFAULT_FILTERS, text: 'finance' }, {}, NOW).map((r) => r.key)).toEqual(['a'])
    expect(filterFleet(rows, { ...DEFAULT_FILTERS, includeReviewed: false }, reviews, NOW).map((r) => r.key)).toEqual(['b', 'c'])
  })

  it("filters whose items: mine, unassigned (no review yet) or everyone's", () => {
    const reviews: Record<string, FleetReview> = {
      a: { key: 'a', state: 'acknowledged', updatedAt: '', by: 'Alice', mine: true },
      b: { key: 'b', state: 'snoozed', snoozedUntil: '2026-07-01T00:00:00Z', updatedAt: '', by: 'Bob', mine: false }
    }
    expect(filterFleet(rows, { ...DEFAULT_FILTERS, owner: 'mine' }, reviews, NOW).map((r) => r.key)).toEqual(['a'])
    expect(filterFleet(rows, { ...DEFAULT_FILTERS, owner: 'unassigned' }, reviews, NOW).map((r) => r.key)).toEqual(['c'])
    expect(filterFleet(rows, { ...DEFAULT_FILTERS, owner: 'everyone' }, reviews, NOW).map((r) => r.key)).toEqual(['a', 'b', 'c'])
    // Outside a workspace a review carries no owner: it is this technician's.
    expect(filterFleet(rows, { ...DEFAULT_FILTERS, owner: 'mine' }, { c: { key: 'c', state: 'acknowledged', updatedAt: '' } }, NOW).map((r) => r.key)).toEqual(['c'])
  })

  it('shows the age since the last success, and the params a console needs', () => {
    expect(formatAge(rows[0] as FleetRow, NOW)).toBe(formatAgeShort(50 * 3_600_000))
    expect(formatAge(rows[1] as FleetRow, NOW)).toBe(formatAgeShort(2 * 3_600_000))
    expect(formatAge(rows[2] as FleetRow, NOW)).toBe('—')
    expect(drillParams(rows[0] as FleetRow)).toEqual({ id: 'c1', bu: 4, cu: 9 })
    expect(drillParams(rows[1] as FleetRow)).toEqual({ id: 'c2', task: 't1' })
    expect(drillParams(rows[2] as FleetRow)).toEqual({ id: 'c3', definition: 'github|x|repository|repo' })
  })

  it('reads the filters a link names (the Overview\'s counts), ignoring anything unknown', () => {
    expect(filtersFromParams({ provider: 'cloudally', status: 'failing' })).toEqual({ ...DEFAULT_FILTERS, provider: 'cloudally', status: 'failing' })
    expect(filtersFromParams({ status: 'attention', reviewed: 'hide' })).toEqual({ ...DEFAULT_FILTERS, status: 'attention', includeReviewed: false })
    expect(filtersFromParams({ status: 'stale', id: 'x' })).toEqual({ ...DEFAULT_FILTERS, status: 'stale' })
    expect(filtersFromParams({ provider: 'nowhere', status: 'broken', reviewed: 'yes' })).toEqual(DEFAULT_FILTERS)
    expect(filtersFromParams(undefined)).toEqual(DEFAULT_FILTERS)
  })

  it('failing: failed, missed and cannot check; attention: those and stale', () => {
    const more: FleetRow[] = [
      ...rows,
      { ...base, key: 'd', connectionId: 'c1', provider: 'cloutility', object: 'WS-2', status: 'stale', ids: {} },
      { ...base, key: 'e', connectionId: 'c1', provider: 'cloutility', object: 'C1', status: 'error', ids: {} },
      { ...base, key: 'f', connectionId: 'c1', provider: 'cloutility', object: 'WS-3', status: 'warning', ids: {} }
    ]
    expect(filterFleet(more, { ...DEFAULT_FILTERS, status: 'failing' }, {}, NOW).map((r) => r.key)).toEqual(['a', 'e'])
    expect(filterFleet(more, { ...DEFAULT_FILTERS, status: 'attention' }, {}, NOW).map((r) => r.key)).toEqual(['a', 'd', 'e'])
  })
})

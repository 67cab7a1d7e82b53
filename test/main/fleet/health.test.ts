import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { cloudAllyBackupTaskRows } from '../../../src/main/core/providers/cloudally/health'
import { consumptionUnitRow } from '../../../src/main/core/providers/cloutility/health'
import type { NodeReport } from '../../../src/shared/providers/cloutility/model'
import { compareRows, isReviewed, sortForReview, sortRows, type FleetReview, type FleetRow } from '../../../src/shared/model/fleet'
import { summary } from './harness'
import { fleetRowOf, sortFields } from '../../shared/model/fleet-arbitraries'

const NOW = Date.parse('2026-06-10T12:00:00Z')
const hoursAgo = (h: number) => new Date(NOW - h * 3_600_000).toISOString()
const conn = summary('c1', 'cloutility', 'Portal', 'Acme')

function report(over: Partial<NodeReport>): NodeReport {
  return { id: 1, consumerId: 7, consumerName: 'WS-7', businessUnitId: 3, businessUnitName: 'Acme', status: 'ok', warnings: [], ...over }
}

describe('health rules', () => {
  it('judges a node report: failed, missed, stale (> 26 h), warning, pending, ok', () => {
    const row = (r: Partial<NodeReport>) => consumptionUnitRow(conn, report(r), NOW) as FleetRow
    expect(row({ lastBackupStatus: 'Failed', lastBackupDate: hoursAgo(2), lastSuccessfulBackupDate: hoursAgo(50) }).status).toBe('failed')
    expect(row({ lastBackupStatus: 'Missed', lastSuccessfulBackupDate: hoursAgo(80) }).status).toBe('missed')
    expect(row({ lastBackupStatus: 'Completed', lastSuccessfulBackupDate: hoursAgo(27) }).status).toBe('stale')
    expect(row({ lastBackupStatus: 'Completed', lastSuccessfulBackupDate: hoursAgo(25) }).status).toBe('ok')
    expect(row({ status: 'warning', lastBackupStatus: 'Completed', lastSuccessfulBackupDate: hoursAgo(3), warnings: [{ typeName: 'Failed files' }] }).status).toBe('warning')
    const storage = row({ lastSuccessfulBackupDate: hoursAgo(3), storageBytes: 5e9, warnings: [{ typeName: 'High storage', limit: 2 }] })
    expect(storage).toMatchObject({ status: 'warning', storageLimitBytes: 2 * 1024 ** 3 })
    expect(row({ pending: true, status: 'pending' }).status).toBe('pending')
    expect(row({ lastSuccessfulBackupDate: hoursAgo(1), warnings: [{ typeName: 'Node locked' }] }).status).toBe('failed')
  })

  it('judges a CloudAlly backup task', () => {
    const c = summary('ca', 'cloudally', 'CA', 'Acme')
    const rows = cloudAllyBackupTaskRows(
      c,
      [
        { id: 'a', status: 'failed', lastBackup: hoursAgo(30), schemaIssues: [], extra: {} },
        { id: 'b', status: 'success', lastBackup: hoursAgo(40), schemaIssues: [], extra: {} },
        { id: 'c', status: 'paused', lastBackup: hoursAgo(400), schemaIssues: [], extra: {} },
        { id: 'd', status: 'success', lastBackup: hoursAgo(2), schemaIssues: [], extra: {} }
      ],
      NOW
    )
    expect(rows.map((r) => r.status)).toEqual(['failed', 'stale', 'disabled', 'ok'])
  })

  it('orders failures and the oldest first, reviewed items below', () => {
    const base = { connectionId: 'c', connectionName: 'C', provider: 'cloutility' as const, customer: '', kind: 'consumption-unit' as const, detail: '', ids: {} }
    const rows: FleetRow[] = [
      { ...base, key: 'ok', object: 'ok', status: 'ok', lastSuccess: hoursAgo(1) },
      { ...base, key: 'stale', object: 'stale', status: 'stale', lastSuccess: hoursAgo(30) },
      { ...base, key: 'failed-new', object: 'f1', status: 'failed', lastSuccess: hoursAgo(30) },
      { ...base, key: 'failed-old', object: 'f2', status: 'failed', lastSuccess: hoursAgo(300) }
    ]
    expect([...rows].sort(compareRows).map((r) => r.key)).toEqual(['failed-old', 'failed-new', 'stale', 'ok'])
    const reviews = new Map<string, FleetReview>([['failed-old', { key: 'failed-old', state: 'acknowledged', updatedAt: hoursAgo(1) }]])
    expect(sortForReview(rows, reviews, NOW).map((r) => r.key)).toEqual(['failed-new', 'stale', 'ok', 'failed-old'])
    expect(isReviewed({ key: 'x', state: 'snoozed', snoozedUntil: hoursAgo(-5), updatedAt: '' }, NOW)).toBe(true)
    expect(isReviewed({ key: 'x', state: 'snoozed', snoozedUntil: hoursAgo(5), updatedAt: '' }, NOW)).toBe(false)
    expect(isReviewed({ key: 'x', state: 'open', note: 'n', updatedAt: '' }, NOW)).toBe(false)
  })

  it('sortRows (keys computed once) orders exactly as compareRows, reviewed rows last', () => {
    // Times that tie, times missing, unreadable or only a last attempt, duplicate names: every
    // case of the comparator, over small and large lists.
    const row = fc.record({
      ...sortFields(NOW),
      reviewed: fc.boolean()
    })
    const check = (specs: Array<{ status: FleetRow['status']; lastSuccess: string | undefined; lastBackup: string | undefined; connectionName: string; object: string; reviewed: boolean }>) => {
      const rows: FleetRow[] = specs.map((x, i) => fleetRowOf({ ...x, key: `k${String(i).padStart(4, '0')}` }))
      const reviewed = new Set(rows.filter((_, i) => specs[i]?.reviewed).map((r) => r.key))
      const expected = [...rows.filter((r) => !reviewed.has(r.key)).sort(compareRows), ...rows.filter((r) => reviewed.has(r.key)).sort(compareRows)]
      expect(sortRows(rows, (r) => reviewed.has(r.key)).map((r) => r.key)).toEqual(expected.map((r) => r.key))
      expect(sortRows(rows).map((r) => r.key)).toEqual([...rows].sort(compareRows).map((r) => r.key))
    }
    fc.assert(fc.property(fc.array(row, { maxLength: 40 }), check), { numRuns: 300 })
    fc.assert(fc.property(fc.array(row, { minLength: 1000, maxLength: 3000 }), check), { numRuns: 10 })
  })
})

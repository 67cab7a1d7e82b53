import { describe, expect, it } from 'vitest'
import { diffScans, unreviewedFailures } from '../../../src/main/core/schedule/changes'
import type { KeptScan } from '../../../src/main/core/schedule/scan-history'
import type { FleetRow, FleetStatus } from '../../../src/shared/model/fleet'
import { groupedFailureText, inQuietHours } from '../../../src/shared/model/watch'

function row(connectionId: string, id: string, status: FleetStatus, customer = 'Contoso'): FleetRow {
  return {
    key: `x:${connectionId}:${id}`,
    connectionId,
    connectionName: connectionId,
    provider: 'cloutility',
    customer,
    kind: 'consumption-unit',
    object: id,
    status,
    detail: status,
    ids: {}
  }
}
function unread(connectionId: string): FleetRow {
  return { ...row(connectionId, 'connection', 'error'), key: `x:${connectionId}:connection`, kind: 'connection' }
}
function scan(id: string, rows: FleetRow[]): KeptScan {
  return { summary: { scanId: id, state: 'done', scope: {}, startedAt: '2026-03-01T00:00:00.000Z', finishedAt: '2026-03-01T00:01:00.000Z', done: 1, total: 1, rowCount: rows.length, notes: [] }, scheduled: false, rows }
}
const kinds = (rows: Array<{ kind: string; object: string }>) => rows.map((c) => `${c.kind}:${c.object}`).sort()

describe('what changed between two scans', () => {
  it('finds new failures, new stale, recoveries, new and disappeared objects', () => {
    const before = scan('a', [row('c1', 'ok-to-failed', 'ok'), row('c1', 'warn-to-missed', 'warning'), row('c1', 'ok-to-stale', 'ok'), row('c1', 'failed-to-ok', 'failed'), row('c1', 'stale-to-warning', 'stale'), row('c1', 'failed-to-stale', 'failed'), row('c1', 'failed-still', 'failed'), row('c1', 'gone', 'ok')])
    const after = scan('b', [row('c1', 'ok-to-failed', 'failed'), row('c1', 'warn-to-missed', 'missed'), row('c1', 'ok-to-stale', 'stale'), row('c1', 'failed-to-ok', 'ok'), row('c1', 'stale-to-warning', 'warning'), row('c1', 'failed-to-stale', 'stale'), row('c1', 'failed-still', 'failed'), row('c1', 'new-ok', 'ok'), row('c1', 'new-failing', 'failed')])
    const set = diffScans(before, after, 'last-scan')
    expect(kinds(set.changes)).toEqual(
      ['new-failure:ok-to-failed', 'new-failure:warn-to-missed', 'new-failure:new-failing', 'new-stale:ok-to-stale', 'recovered:failed-to-ok', 'recovered:stale-to-warning', 'new-object:new-ok', 'disappeared:gone'].sort()
    )
    expect(set.counts).toEqual({ 'new-failure': 3, 'new-stale': 1, recovered: 2, 'new-object': 1, disappeared: 1 })
    expect(set.changes.find((c) => c.object === 'ok-to-failed')).toMatchObject({ previous: 'ok', status: 'failed' })
    expect(set.baseScanId).toBe('a')
  })

  it('compares only connections in both scans, and says nothing of objects behind an unreadable connection', () => {
    const before = scan('a', [row('c1', 'one', 'ok'), row('c2', 'two', 'ok'), unread('c3')])
    const after = scan('b', [unread('c1'), row('c3', 'three', 'ok'), row('c4', 'four', 'failed')])
    const set = diffScans(before, after, 'last-scan')
    // c1 cannot be read now: its connection row is a new failure, "one" did not disappear.
    // c3 can be read again: recovered, and "three" is not a new object. c2 and c4: not compared.
    expect(kinds(set.changes)).toEqual(['new-failure:connection', 'recovered:connection'])
    expect(set.comparedConnections).toBe(2)
  })

  it('has no base before the first scan, and review filters new failures', () => {
    const first = diffScans(null, scan('a', [row('c1', 'x', 'failed')]), 'yesterday')
    expect(first.changes).toEqual([])
    expect(first.baseScanId).toBeUndefined()
    const set = diffScans(scan('a', [row('c1', 'x', 'ok'), row('c1', 'y', 'ok')]), scan('b', [row('c1', 'x', 'failed'), row('c1', 'y', 'failed')]), 'last-scan')
    expect(unreviewedFailures(set, (key) => key === 'x:c1:x').map((c) => c.object)).toEqual(['y'])
  })

  it('words the grouped notification and knows quiet hours across midnight', () => {
    expect(groupedFailureText([{ customer: 'Northwind', count: 1 }, { customer: 'Contoso', count: 3 }])).toBe('3 new failures at Contoso, 1 at Northwind')
    expect(groupedFailureText([{ customer: 'Contoso', count: 1 }])).toBe('1 new failure at Contoso')
    const q = { enabled: true, start: '22:00', end: '07:00' }
    expect(inQuietHours(q, 23 * 60)).toBe(true)
    expect(inQuietHours(q, 6 * 60 + 59)).toBe(true)
    expect(inQuietHours(q, 7 * 60)).toBe(false)
    expect(inQuietHours({ ...q, enabled: false }, 23 * 60)).toBe(false)
    expect(inQuietHours({ enabled: true, start: '12:00', end: '13:00' }, 12 * 60 + 30)).toBe(true)
  })
})

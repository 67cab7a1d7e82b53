import { afterEach, describe, expect, it } from 'vitest'
import type { ConnectionSummary } from '../../../src/shared/model/connection'
import { CUSTOMER_ITEM_LIMIT, type CustomerItem } from '../../../src/shared/model/customers'
import type { FleetNote, FleetRow, FleetScanSummary, FleetStatus } from '../../../src/shared/model/fleet'
import { AppError } from '../../../src/shared/errors'
import { CustomersService, type CustomerSource } from '../../../src/main/core/customers/customers.service'
import type { ConnectionStore } from '../../../src/main/core/connections/connection-store'
import { OfflineTracker } from '../../../src/main/core/offline/offline-tracker'
import { SnapshotStore } from '../../../src/main/core/offline/snapshot-store'
import { cleanupDirs, openVault, PASS, tmpDir } from '../vault/helpers'

// The customers service on its own: a real snapshot store and offline tracker, connections from a
// plain list, and a provider source that answers what each test sets.

afterEach(cleanupDirs)

const NOW = Date.parse('2026-12-05T12:00:00Z')
const conn = (id: string, customer: string): ConnectionSummary => ({ id, name: `Conn ${id}`, provider: 'cloutility', customer, demo: false }) as ConnectionSummary

type Scan = { summary: FleetScanSummary; rows: FleetRow[] }

async function serviceWith(connections: ConnectionSummary[], read: () => Promise<CustomerItem[]>, more: { latestScan?: () => Promise<Scan | null>; now?: () => number } = {}) {
  const dir = tmpDir()
  const { vault } = await openVault(dir)
  await vault.setup(PASS)
  const store = new SnapshotStore({ dataDir: dir, keys: vault, maxAgeMs: () => 60_000, writeDelayMs: 1, now: () => NOW })
  const source: CustomerSource = { itemKind: () => 'Business units', read }
  const service = new CustomersService({
    connections: { list: () => connections } as unknown as ConnectionStore,
    sourceOf: () => source,
    store,
    tracker: new OfflineTracker({ now: () => NOW }),
    now: more.now ?? (() => NOW),
    ...(more.latestScan ? { latestScan: more.latestScan } : {})
  })
  return service
}

describe('a customer part with more items than a page shows', () => {
  it('keeps the worst items first and says how many the provider had', async () => {
    const items: CustomerItem[] = Array.from({ length: CUSTOMER_ITEM_LIMIT + 123 }, (_, i) => ({ id: String(i), label: `Unit ${String(i).padStart(4, '0')}`, status: i === 600 ? 'error' : 'ok' }))
    const service = await serviceWith([conn('c1', 'Acme')], async () => items)
    const [part] = (await service.get('Acme', true)).parts
    expect(part?.items).toHaveLength(CUSTOMER_ITEM_LIMIT)
    expect(part?.items[0]?.label).toBe('Unit 0600')
    expect(part?.itemCount).toBe(CUSTOMER_ITEM_LIMIT + 123)
  })

  it('counts the items of a part under the limit too', async () => {
    const service = await serviceWith([conn('c1', 'Acme')], async () => [{ id: '1', label: 'One', status: 'ok' }])
    expect((await service.get('Acme', true)).parts[0]).toMatchObject({ itemCount: 1, items: [{ id: '1' }] })
  })
})

const HOUR = 3_600_000
const iso = (ms: number) => new Date(ms).toISOString()
const row = (connectionId: string, object: string, status: FleetStatus): FleetRow =>
  ({ key: `cloutility:${connectionId}:${object}`, connectionId, connectionName: connectionId, provider: 'cloutility', customer: 'Acme', kind: 'consumption-unit', object, status, detail: '', ids: {} }) as FleetRow
const scanAt = (finishedAt: number, rows: FleetRow[], notes: FleetNote[] = []): Scan => ({
  summary: { scanId: 's', state: 'done', scope: {}, startedAt: iso(finishedAt - 60_000), finishedAt: iso(finishedAt), done: 1, total: 1, rowCount: rows.length, notes },
  rows
})

describe('the customer list\'s status', () => {
  it('comes from the last fleet scan for a customer whose page was never opened, judged as the page judges', async () => {
    const scan = scanAt(NOW - 2 * HOUR, [row('c1', 'a', 'ok'), row('c1', 'b', 'stale'), row('c2', 'c', 'pending'), row('c3', 'd', 'failed')])
    const connections = [conn('c1', 'Acme'), conn('c2', 'Acme'), conn('c3', 'Globex'), conn('c4', 'Initech')]
    const service = await serviceWith(connections, async () => [], { latestScan: async () => scan })
    const list = await service.list()
    // Stale counts as a warning, a new (pending) unit not at all, a failed backup as failing.
    expect(list.find((c) => c.name === 'Acme')).toMatchObject({ status: 'warning', checkedAt: iso(NOW - 2 * HOUR), statusSource: 'fleet-scan', offline: false })
    expect(list.find((c) => c.name === 'Globex')).toMatchObject({ status: 'error', statusSource: 'fleet-scan' })
    // Not in the scan: nothing known yet.
    expect(list.find((c) => c.name === 'Initech')).toMatchObject({ status: null })
    expect(list.find((c) => c.name === 'Initech')).not.toHaveProperty('checkedAt')
  })

  it('does not judge a customer from a scan that left one of its connections out', async () => {
    const scan = scanAt(NOW - HOUR, [row('c1', 'a', 'ok')])
    const service = await serviceWith([conn('c1', 'Acme'), conn('c2', 'Acme')], async () => [], { latestScan: async () => scan })
    expect((await service.list())[0]).toMatchObject({ name: 'Acme', status: null })
  })

  it('is the newer of the last scan and the last customer page', async () => {
    let now = NOW - 3 * HOUR
    let scan: Scan | null = scanAt(NOW - 4 * HOUR, [row('c1', 'a', 'failed')])
    const service = await serviceWith([conn('c1', 'Acme')], async () => [{ id: '1', label: 'Unit', status: 'ok' }], { latestScan: async () => scan, now: () => now })
    expect((await service.list())[0]).toMatchObject({ status: 'error', statusSource: 'fleet-scan' })
    await service.get('Acme', true)
    expect((await service.list())[0]).toMatchObject({ status: 'ok', statusSource: 'customer-page', checkedAt: iso(NOW - 3 * HOUR), offline: false })
    scan = scanAt(NOW - HOUR, [row('c1', 'a', 'missed')])
    now = NOW
    expect((await service.list())[0]).toMatchObject({ status: 'error', statusSource: 'fleet-scan', checkedAt: iso(NOW - HOUR) })
  })

  it('says a status is last known data, as old as that data, when the connection could not be reached', async () => {
    let now = NOW
    const failures: AppError[] = []
    const service = await serviceWith([conn('c1', 'Acme')], async () => {
      if (failures[0]) throw failures[0]
      return [{ id: '1', label: 'Unit', status: 'error' }]
    }, { now: () => now })
    await service.get('Acme', true)
    now = NOW + 5 * HOUR
    failures.push(new AppError('OFFLINE', 'The server could not be reached.'))
    const page = await service.get('Acme', true)
    expect(page.parts[0]).toMatchObject({ failure: 'offline', source: 'snapshot' })
    // The snapshot store's clock is NOW: the last known data is from then, not from the failed refresh.
    expect((await service.list())[0]).toMatchObject({ status: 'error', checkedAt: iso(NOW), statusSource: 'customer-page', offline: true })
  })

  it('marks the last scan\'s status offline while a connection of the customer is offline now', async () => {
    const scan = scanAt(NOW - HOUR, [row('c1', 'a', 'ok')])
    const service = await serviceWith([conn('c1', 'Acme'), conn('c2', 'Globex')], async () => {
      throw new AppError('OFFLINE', 'The server could not be reached.')
    }, { latestScan: async () => ({ ...scan, rows: [...scan.rows, { ...row('c2', 'b', 'ok'), customer: 'Globex' }] }), now: () => NOW - 2 * HOUR })
    await service.get('Acme', true)
    const list = await service.list()
    // The page (2 h ago, nothing saved) is older than the scan; the connection is offline now.
    expect(list.find((c) => c.name === 'Acme')).toMatchObject({ status: 'ok', statusSource: 'fleet-scan', offline: true })
    expect(list.find((c) => c.name === 'Globex')).toMatchObject({ status: 'ok', offline: false })
  })
})

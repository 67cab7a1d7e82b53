import { afterEach, describe, expect, it } from 'vitest'
import type { ConnectionSummary } from '../../../src/shared/model/connection'
import { CUSTOMER_ITEM_LIMIT, type CustomerItem } from '../../../src/shared/model/customers'
import type { FleetNote, FleetRow, FleetScanSummary, FleetStatus } from '../../../src/shared/model/fleet'
import { AppError } from '../../../src/shared/errors'
import { CustomersService, type CustomerSource } from '../../../src/main/core/customers/customers.service'
import { LOOK_BACK_SCANS } from '../../../src/shared/model/kept-scans'
import type { ConnectionStore } from '../../../src/main/core/connections/connection-store'
import { OfflineTracker } from '../../../src/main/core/offline/offline-tracker'
import { SnapshotStore } from '../../../src/main/core/offline/snapshot-store'
import { cleanupDirs, openVault, PASS, tmpDir } from '../vault/helpers'
import { scriptedWatch } from '../schedule/scripted-watch'

// The customers service on its own: a real snapshot store and offline tracker, connections from a
// plain list, and a provider source that answers what each test sets.

const disposers: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const dispose of disposers.splice(0)) await dispose()
  cleanupDirs()
})

const NOW = Date.parse('2026-12-05T12:00:00Z')
const conn = (id: string, customer: string): ConnectionSummary => ({ id, name: `Conn ${id}`, provider: 'cloutility', customer, demo: false }) as ConnectionSummary

type Scan = { summary: FleetScanSummary; rows: FleetRow[] }

async function serviceWith(connections: ConnectionSummary[], read: () => Promise<CustomerItem[]>, more: { latestScan?: () => Promise<Scan | null>; now?: () => number } = {}) {
  const latest = more.latestScan
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
    // The one kept scan each test sets.
    ...(latest
      ? {
          keptScans: async () => {
            const scan = await latest()
            return scan ? [{ scanId: scan.summary.scanId, finishedAt: Date.parse(scan.summary.finishedAt ?? scan.summary.startedAt), read: async () => scan }] : []
          }
        }
      : {})
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
const scanAt = (finishedAt: number, rows: FleetRow[], notes: FleetNote[] = [], scope: FleetScanSummary['scope'] = {}): Scan => ({
  summary: { scanId: `s-${finishedAt}`, state: 'done', scope, startedAt: iso(finishedAt - 60_000), finishedAt: iso(finishedAt), done: 1, total: 1, rowCount: rows.length, notes },
  rows
})

describe('the customer list\'s status', () => {
  it('comes from the last fleet scan for a customer whose page was never opened, judged as the page judges', async () => {
    const scan = scanAt(NOW - 2 * HOUR, [row('c1', 'a', 'ok'), row('c1', 'b', 'stale'), row('c2', 'c', 'pending'), row('c3', 'd', 'failed')], [], { connectionIds: ['c1', 'c2', 'c3'] })
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
    const scan = scanAt(NOW - HOUR, [row('c1', 'a', 'ok')], [], { connectionIds: ['c1'] })
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

/**
 * The customers service as core wires it to the kept scans: a real fleet scan (each connection's
 * rows as the test sets them, an offline provider as a thrown OFFLINE), kept by the watch service
 * in the sealed scan history, read back through `watch.keptScans`. Each scan moves the clock an hour.
 */
async function withKeptScans(connections: ConnectionSummary[]) {
  const { dir, vault, clock, now, watch, scan, dispose } = await scriptedWatch(connections, { startMs: NOW - 24 * HOUR })
  disposers.push(dispose)
  const reads: string[] = []
  const store = new SnapshotStore({ dataDir: dir, keys: vault, maxAgeMs: () => 60_000, writeDelayMs: 1, now })
  const service = new CustomersService({
    connections: { list: () => connections } as unknown as ConnectionStore,
    sourceOf: () => undefined,
    store,
    tracker: new OfflineTracker({ now }),
    // Every kept scan decoded for the list is counted.
    keptScans: async () =>
      (await watch.keptScans()).map((ref) => ({
        scanId: ref.scanId,
        finishedAt: ref.finishedAt,
        read: () => {
          reads.push(ref.scanId)
          return ref.read()
        }
      })),
    onLock: (listener) => vault.onLock(listener),
    now
  })
  return { service, watch, vault, scan, reads, clock }
}

describe('the customer list\'s status from the kept fleet scans', () => {
  const acme = [conn('c1', 'Acme'), conn('c2', 'Acme'), conn('c3', 'Globex')]

  it('comes from the newest kept scan that covered the customer when newer scans left it out', async () => {
    const { service, scan, watch } = await withKeptScans(acme)
    const full = await scan({ c1: [row('c1', 'a', 'ok')], c2: [row('c2', 'b', 'failed')], c3: [row('c3', 'c', 'ok')] })
    // Then two scans of Globex's connection alone.
    await scan({ c3: [row('c3', 'c', 'stale')] }, { connectionIds: ['c3'] })
    const last = await scan({ c3: [row('c3', 'c', 'failed')] }, { connectionIds: ['c3'] })
    await watch.settle()
    const list = await service.list()
    expect(list.find((c) => c.name === 'Acme')).toMatchObject({ status: 'error', checkedAt: full.finishedAt, statusSource: 'fleet-scan', offline: false })
    expect(list.find((c) => c.name === 'Globex')).toMatchObject({ status: 'error', checkedAt: last.finishedAt, statusSource: 'fleet-scan' })
  })

  it('sees a scan that just ended, as the Overview does, while the scans before it are still being kept', async () => {
    const { service, scan } = await withKeptScans(acme)
    await scan({ c1: [row('c1', 'a', 'ok')], c2: [row('c2', 'b', 'ok')], c3: [row('c3', 'c', 'ok')] })
    const next = await scan({ c2: [row('c2', 'b', 'failed')] })
    // Listed at once, not after the test waits for the keeping.
    expect((await service.list()).find((c) => c.name === 'Acme')).toMatchObject({ status: 'error', checkedAt: next.finishedAt })
  })

  it('keeps a scan that could not reach a connection: its status is that scan\'s, marked offline', async () => {
    const { service, scan } = await withKeptScans(acme)
    await scan({ c1: [row('c1', 'a', 'ok')], c2: [row('c2', 'b', 'ok')], c3: [row('c3', 'c', 'ok')] })
    const unreachable = await scan({ c2: new AppError('OFFLINE', 'The server could not be reached.') })
    expect((await service.list()).find((c) => c.name === 'Acme')).toMatchObject({ status: 'error', checkedAt: unreachable.finishedAt, statusSource: 'fleet-scan', offline: true })
  })

  it('reads the kept scans once for the whole list, newest first, only as far back as it needs', async () => {
    const connections = [...acme, conn('c4', 'Initech')]
    const { service, scan, watch, reads } = await withKeptScans(connections)
    // c4 is left out of every scan but the last, so Initech is not judged from one before it.
    const first = await scan({ c1: [row('c1', 'a', 'ok')], c2: [row('c2', 'b', 'ok')], c3: [row('c3', 'c', 'ok')] }, { connectionIds: ['c1', 'c2', 'c3'] })
    const scoped = await scan({ c3: [row('c3', 'c', 'ok')] }, { connectionIds: ['c3'] })
    await watch.settle()
    expect((await service.list()).find((c) => c.name === 'Initech')).toMatchObject({ status: null })
    expect(reads).toEqual([scoped.scanId, first.scanId])
    // Nothing kept since: nothing is decoded again.
    await service.list()
    expect(reads).toHaveLength(2)
    // A new scan covering Acme and Globex: only it is decoded, and their status comes from it.
    const next = await scan({ c1: [row('c1', 'a', 'missed')] })
    expect((await service.list()).find((c) => c.name === 'Acme')).toMatchObject({ status: 'error', checkedAt: next.finishedAt })
    expect(reads).toEqual([scoped.scanId, first.scanId, next.scanId])
  })

  it('stops looking back at the scans that finished before a customer\'s newest connection was added', async () => {
    const connections = [...acme, conn('c4', 'Initech')]
    const { service, scan, watch, reads, clock } = await withKeptScans(connections)
    await scan({ c1: [row('c1', 'a', 'ok')], c2: [row('c2', 'b', 'ok')], c3: [row('c3', 'c', 'ok')] })
    await scan({ c1: [row('c1', 'a', 'ok')], c2: [row('c2', 'b', 'ok')], c3: [row('c3', 'c', 'ok')] })
    const scoped = await scan({ c3: [row('c3', 'c', 'ok')] }, { connectionIds: ['c3'] })
    await watch.settle()
    // Initech's connection was added after every kept scan: none can have it, none is decoded for it.
    connections[3] = { ...connections[3]!, createdAt: new Date(clock.ms + 1).toISOString() }
    const list = await service.list()
    expect(list.find((c) => c.name === 'Initech')).toMatchObject({ status: null })
    expect(list.find((c) => c.name === 'Acme')).toMatchObject({ status: 'ok' })
    expect(reads).toHaveLength(2)
    expect(reads[0]).toBe(scoped.scanId)
  })

  it('looks back through the newest ' + LOOK_BACK_SCANS + ' kept scans at most', async () => {
    const connections = [...acme, conn('c4', 'Initech')]
    const { service, scan, watch, reads } = await withKeptScans(connections)
    // No scan covers Initech's c4; more scans are kept than the look back reads.
    for (let i = 0; i < LOOK_BACK_SCANS + 3; i++) await scan({ c1: [row('c1', 'a', 'ok')], c2: [row('c2', 'b', 'ok')], c3: [row('c3', 'c', 'ok')] }, { connectionIds: ['c1', 'c2', 'c3'] })
    await watch.settle()
    expect((await service.list()).find((c) => c.name === 'Initech')).toMatchObject({ status: null })
    expect(reads).toHaveLength(LOOK_BACK_SCANS)
  })

  it('takes a connection the newest full scan read and found empty as covered, with no objects, without looking further back', async () => {
    const connections = [conn('c1', 'Acme'), conn('c2', 'Acme'), conn('c3', 'Globex')]
    const { service, scan, watch, reads } = await withKeptScans(connections)
    await scan({ c1: [row('c1', 'a', 'ok')], c2: [row('c2', 'b', 'failed')], c3: [row('c3', 'c', 'failed')] })
    // c2 and c3 have no objects now; a scan of Acme alone does not cover Globex's c3.
    const full = await scan({ c2: [], c3: [] })
    const acmeOnly = await scan({}, { connectionIds: ['c1', 'c2'] })
    await watch.settle()
    const list = await service.list()
    // Counted as the customer page counts a part with no items (unknown, worse than ok).
    expect(list.find((c) => c.name === 'Acme')).toMatchObject({ status: 'unknown', checkedAt: acmeOnly.finishedAt, statusSource: 'fleet-scan', offline: false })
    expect(list.find((c) => c.name === 'Globex')).toMatchObject({ status: 'unknown', checkedAt: full.finishedAt, statusSource: 'fleet-scan', offline: false })
    expect(reads).toEqual([acmeOnly.scanId, full.scanId])
  })

  it('does not take a connection synced in after a scan as read by it, whatever its creation date', async () => {
    const connections = [conn('c1', 'Acme')]
    const { service, scan, watch } = await withKeptScans(connections)
    const full = await scan({ c1: [row('c1', 'a', 'ok')] })
    // A teammate's connection arrives with the date it was first created, long before that scan.
    connections.push({ ...conn('c9', 'Globex'), createdAt: '2025-01-01T00:00:00.000Z' })
    await watch.settle()
    const list = await service.list()
    expect(list.find((c) => c.name === 'Acme')).toMatchObject({ status: 'ok', checkedAt: full.finishedAt })
    // Not scanned yet: nothing known, not "read, no objects".
    expect(list.find((c) => c.name === 'Globex')).toMatchObject({ status: null })
  })

  it('forgets what it read of the kept scans when the vault locks, and answers from the customer pages alone while locked', async () => {
    const { service, scan, vault, reads } = await withKeptScans(acme)
    const full = await scan({ c1: [row('c1', 'a', 'ok')], c2: [row('c2', 'b', 'ok')], c3: [row('c3', 'c', 'ok')] })
    expect((await service.list())[0]).toMatchObject({ name: 'Acme', status: 'ok' })
    vault.lock('user')
    await vault.unlock({ passphrase: PASS })
    // Read again from the sealed file: nothing learned from it outlived the lock.
    expect((await service.list())[0]).toMatchObject({ name: 'Acme', status: 'ok', checkedAt: full.finishedAt })
    expect(reads).toEqual([full.scanId, full.scanId])
    vault.lock('user')
    expect((await service.list())[0]).toMatchObject({ name: 'Acme', status: null })
  })
})

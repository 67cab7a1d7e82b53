import { readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { OfflineTracker } from '../../../src/main/core/offline/offline-tracker'
import { OverviewService } from '../../../src/main/core/overview/overview.service'
import { WatchService } from '../../../src/main/core/schedule/watch.service'
import { SCAN_TREND_FILE, ScanTrend } from '../../../src/main/core/schedule/scan-trend'
import { vaultKeys } from '../../../src/main/core/storage/vault-keys'
import { isReviewed, type FleetStatus } from '../../../src/shared/model/fleet'
import { healthOfCustomerStatus, TREND_SCANS, worseHealth, type ConnectionHealth, type Overview } from '../../../src/shared/model/overview'
import type { CustomerListItem, CustomerPage } from '../../../src/shared/model/customers'
import { ATTENTION_STATUSES, FAILING_STATUSES } from '../../../src/shared/model/watch'
import type { Simulator } from '../../../src/simulator'
import { startSimulator } from '../../simulator/helpers'
import { simFleet, summary, type SimFleet } from '../fleet/harness'
import { cleanupDirs, makeDemoCore, openVault, PASS, tmpDir } from '../vault/helpers'

// The Overview's numbers from real scans of the simulator (over HTTP), on a clock the test moves:
// each count must be what Fleet health lists for the filters of the link the count carries (the
// E2E spec follows the links in the renderer).

let sim: Simulator
beforeAll(async () => {
  sim = await startSimulator({ scale: 'small', seed: 17 })
})
afterAll(() => sim.stop())

const open: Array<{ fleet: SimFleet; watch: WatchService }> = []
afterEach(async () => {
  sim.faults.clear()
  for (const { fleet, watch } of open.splice(0)) {
    await watch.dispose()
    await fleet.close()
  }
  cleanupDirs()
})

async function setup() {
  const dir = tmpDir('backdesk-overview-')
  const v = await openVault(dir)
  await v.vault.setup(PASS)
  // Fake time: every scan and the Overview read this clock; a scan moves it on by an hour.
  const clock = { ms: Date.now() }
  const now = () => clock.ms
  const late: { watch?: WatchService } = {}
  const fleet = simFleet(sim, {
    dataDir: dir,
    keys: vaultKeys(v.vault),
    connections: [summary('clu-1', 'cloutility', 'Portal', 'Contoso'), summary('ca-1', 'cloudally', 'CloudAlly partner', 'Northwind', { mode: 'partner' })],
    tracked: [],
    now,
    service: { onFinished: (result, o) => late.watch?.onScanFinished(result, o) }
  })
  const watch = new WatchService({ dataDir: dir, fleet: fleet.service, connections: { list: () => fleet.connections }, keys: v.vault, onUnlock: () => () => undefined, now })
  late.watch = watch
  await watch.settings.set({ schedule: { mode: 'off' } })
  open.push({ fleet, watch })
  const tracker = new OfflineTracker({ now })
  const failedTests = new Map<string, { at: string; message: string }>()
  const restores = { inFlight: 0 }
  const overview = new OverviewService({
    connections: () => fleet.connections,
    latestScan: () => watch.latestScan(),
    lastSeen: () => watch.lastSeen(),
    // No customer page is opened here: the dots come from the scans alone.
    checks: () => new Map(),
    reviews: () => fleet.service.listReviews(),
    offline: () => tracker.list(),
    failedTest: (id) => failedTests.get(id),
    restoresInFlight: () => Promise.resolve(restores.inFlight),
    trend: () => watch.trend.list(),
    now
  })
  const scan = async (scope = {}) => {
    clock.ms += 3_600_000
    await fleet.service.run(scope)
    await watch.settle()
  }
  return { dir, vault: v.vault, fleet, watch, tracker, failedTests, restores, overview, scan, clock }
}

/** What Fleet health lists (its rows of the latest scan) for a link's filters: provider, statuses, reviewed hidden. */
async function fleetShows(fleet: SimFleet, filters: { provider?: string; statuses?: ReadonlySet<FleetStatus>; hideReviewed?: boolean }, now: number): Promise<number> {
  const rows = (await fleet.service.status())?.rows ?? []
  const reviews = new Map((await fleet.service.listReviews()).map((r) => [r.key, r]))
  return rows.filter(
    (r) =>
      (!filters.provider || r.provider === filters.provider) &&
      (!filters.statuses || filters.statuses.has(r.status)) &&
      (!filters.hideReviewed || !isReviewed(reviews.get(r.key), now))
  ).length
}

const STALE: ReadonlySet<FleetStatus> = new Set(['stale'])

/** Makes `count` healthy Cloutility units fail from now on. */
function breakUnits(count: number): void {
  const d = sim.cloutility.data
  const picked = [...d.consumers.values()].filter((c) => c.profile === 'healthy' && c.node?.activatedMs && c.buId !== d.otherProviderBusinessUnitId).slice(0, count)
  for (const c of picked) {
    c.profile = 'failing'
    c.troubleSinceDay = d.anchorDay - 2
  }
  d.revision++
}

describe('overview', () => {
  it('before any scan: every connection not checked, no counts, no trend', async () => {
    const { overview } = await setup()
    const o = await overview.get()
    expect(o.lastScan).toBeUndefined()
    expect(o.connections.map((c) => [c.connectionId, c.health])).toEqual([
      ['ca-1', 'unchecked'],
      ['clu-1', 'unchecked']
    ])
    expect(o.providers).toEqual([
      { provider: 'cloudally', failing: 0, stale: 0, total: 0 },
      { provider: 'cloutility', failing: 0, stale: 0, total: 0 }
    ])
    expect([o.openReviews, o.attention, o.trend]).toEqual([0, [], []])
  })

  it('counts per provider and the open reviews are what Fleet health shows behind their links; the five first are the queue’s', async () => {
    const { fleet, overview, scan, clock, restores } = await setup()
    await scan()
    restores.inFlight = 2
    const o = await overview.get()
    expect(o.lastScan).toMatchObject({ rowCount: (await fleet.service.status())?.rows.length, scoped: false })
    expect(o.restoresInFlight).toBe(2)
    const cloutility = o.providers.find((p) => p.provider === 'cloutility')
    // The seed has failing and missed units: the numbers below are not zeros compared with zeros.
    expect(cloutility?.failing).toBeGreaterThan(0)
    for (const p of o.providers) {
      expect(p.failing).toBe(await fleetShows(fleet, { provider: p.provider, statuses: FAILING_STATUSES }, clock.ms))
      expect(p.stale).toBe(await fleetShows(fleet, { provider: p.provider, statuses: STALE }, clock.ms))
      expect(p.total).toBe(await fleetShows(fleet, { provider: p.provider }, clock.ms))
    }
    expect(o.openReviews).toBe(await fleetShows(fleet, { statuses: ATTENTION_STATUSES, hideReviewed: true }, clock.ms))
    expect(o.openReviews).toBeGreaterThan(5)

    const queue = (await fleet.service.status())?.rows ?? []
    expect(o.attention.map((r) => r.key)).toEqual(queue.slice(0, 5).map((r) => r.key))
    expect(o.attention.every((r) => ATTENTION_STATUSES.has(r.status))).toBe(true)

    // Acknowledged: one open review fewer, and it leaves the five first.
    const first = o.attention[0]!
    await fleet.service.setReview({ key: first.key, state: 'acknowledged', note: 'Known' })
    const after = await overview.get()
    expect(after.openReviews).toBe(o.openReviews - 1)
    expect(after.attention.map((r) => r.key)).not.toContain(first.key)
    expect(after.attention[0]?.key).toBe(o.attention[1]?.key)
    expect(after.openReviews).toBe(await fleetShows(fleet, { statuses: ATTENTION_STATUSES, hideReviewed: true }, clock.ms))
  })

  it('health dots: failing from the scan (a provider answering 503), offline from the tracker, a failed Test connection', async () => {
    const { overview, scan, tracker, failedTests } = await setup()
    sim.faults.add({ provider: 'cloudally', kind: '503' })
    await scan()
    let o = await overview.get()
    const ca = o.connections.find((c) => c.connectionId === 'ca-1')
    expect(ca).toMatchObject({ health: 'failing', offline: false, testFailed: false })
    expect(ca?.reason).toMatch(/HTTP 503/)
    // The Cloutility connection has the seed's failing units.
    expect(o.connections.find((c) => c.connectionId === 'clu-1')?.health).toBe('failing')

    sim.faults.clear()
    await scan()
    tracker.markOffline('ca-1', 'CloudAlly cannot be reached.')
    failedTests.set('clu-1', { at: new Date().toISOString(), message: 'The password was not accepted.' })
    o = await overview.get()
    expect(o.connections.find((c) => c.connectionId === 'ca-1')).toMatchObject({ health: 'offline', offline: true, reason: 'CloudAlly cannot be reached.' })
    expect(o.connections.find((c) => c.connectionId === 'clu-1')).toMatchObject({
      health: 'failing',
      testFailed: true,
      reason: 'Test connection failed: The password was not accepted.'
    })

    tracker.markOnline('ca-1')
    o = await overview.get()
    // Back online: the scan's word again (the scan read it fine this time).
    expect(['ok', 'warnings', 'failing']).toContain(o.connections.find((c) => c.connectionId === 'ca-1')?.health)
    expect(o.connections.find((c) => c.connectionId === 'ca-1')?.offline).toBe(false)
  })

  it('after a scan of one customer, the other customers keep the health and the counts their last scan found', async () => {
    const { overview, scan } = await setup()
    await scan()
    const whole = await overview.get()
    const cluHealth = whole.connections.find((c) => c.connectionId === 'clu-1')?.health
    expect(cluHealth).toBe('failing')
    const cluUnits = await overview.unitHealth('clu-1')
    expect(Object.keys(cluUnits?.businessUnits ?? {}).length).toBeGreaterThan(0)

    await scan({ customer: 'Northwind' })
    const o = await overview.get()
    expect(o.lastScan?.scoped).toBe(true)
    // Contoso's connection was not in this scan: its dot and its units' dots are the full scan's, not "not checked".
    expect(o.connections.find((c) => c.connectionId === 'clu-1')).toMatchObject({ health: cluHealth })
    expect((await overview.unitHealth('clu-1'))?.businessUnits).toEqual(cluUnits?.businessUnits)
    // The counts and the queue are of the fleet as last seen, as Fleet health lists it behind their
    // links: Contoso's units stay counted (nothing changed at the provider between the scans).
    expect(o.providers.find((p) => p.provider === 'cloutility')?.total ?? 0).toBeGreaterThan(0)
    expect(o.providers).toEqual(whole.providers)
    expect(o.openReviews).toBe(whole.openReviews)
    expect(o.attention.map((r) => r.key)).toEqual(whole.attention.map((r) => r.key))
  })

  it('tells a connection its last scan read and found empty from one never scanned, after a scan of another customer too', async () => {
    const { overview, scan, fleet } = await setup()
    // A Cloudback connection that tracks nothing: a scan reads it and finds no objects.
    fleet.connections.push(summary('cb-1', 'cloudback', 'Cloudback', 'Fabrikam'))
    expect((await overview.get()).connections.find((c) => c.connectionId === 'cb-1')).toEqual(expect.not.objectContaining({ reason: expect.anything() }))
    await scan()
    const empty = { health: 'unchecked', reason: 'its last scan found no objects to check' }
    expect((await overview.get()).connections.find((c) => c.connectionId === 'cb-1')).toMatchObject(empty)
    await scan({ customer: 'Northwind' })
    expect((await overview.get()).connections.find((c) => c.connectionId === 'cb-1')).toMatchObject(empty)
  })

  it('unit health: the worst object under each business unit of a connection, null before a scan covers it', async () => {
    const { fleet, overview, scan } = await setup()
    expect(await overview.unitHealth('clu-1')).toBeNull()
    await scan()
    const units = await overview.unitHealth('clu-1')
    const rows = ((await fleet.service.status())?.rows ?? []).filter((r) => r.connectionId === 'clu-1' && r.ids.businessUnitId !== undefined)
    const failingUnit = rows.find((r) => FAILING_STATUSES.has(r.status))?.ids.businessUnitId
    expect(failingUnit).toBeDefined()
    expect(units?.businessUnits[String(failingUnit)]).toBe('failing')
    // A unit whose every object is OK is OK.
    const byUnit = new Map<number, FleetStatus[]>()
    for (const r of rows) byUnit.set(r.ids.businessUnitId!, [...(byUnit.get(r.ids.businessUnitId!) ?? []), r.status])
    const healthy = [...byUnit].find(([, statuses]) => statuses.every((st) => st === 'ok'))?.[0]
    expect(healthy).toBeDefined()
    expect(units?.businessUnits[String(healthy)]).toBe('ok')
    expect(Object.keys(units?.businessUnits ?? {}).sort()).toEqual([...byUnit.keys()].map(String).sort())
    // CloudAlly's objects have no business unit; a connection the scan did not cover has none.
    expect(await overview.unitHealth('ca-1')).toMatchObject({ businessUnits: {} })
    expect(await overview.unitHealth('elsewhere')).toBeNull()
  })

  it('trend: one point per full-fleet scan, sealed, rebuilt from the kept scans, bounded', async () => {
    const { vault, watch, overview, scan } = await setup()
    await scan()
    breakUnits(3)
    await scan()
    // A scan of one customer says nothing of the fleet's trend.
    await scan({ customer: 'Contoso' })
    const o = await overview.get()
    expect(o.trend).toHaveLength(2)
    expect(o.trend[1]!.failing).toBe(o.trend[0]!.failing + 3)
    expect(Date.parse(o.trend[0]!.finishedAt)).toBeLessThan(Date.parse(o.trend[1]!.finishedAt))

    const file = join(watch.history.dir, SCAN_TREND_FILE)
    const stored = await readFile(file, 'utf8')
    expect(stored).toContain('backdesk-sealed-json')
    expect(stored).not.toContain(o.trend[0]!.scanId)

    // Gone (a first run of this version): rebuilt from the kept scans.
    await rm(file)
    const rebuilt = new ScanTrend({ history: watch.history, keys: vaultKeys(vault) })
    expect(await rebuilt.list()).toEqual(o.trend)
    await rebuilt.dispose()

    // Bounded: the newest TREND_SCANS scans.
    const latest = (await watch.latestScan())!
    const base = Date.parse(latest.summary.finishedAt!)
    const bounded = new ScanTrend({ history: watch.history, keys: vaultKeys(vault) })
    for (let i = 1; i <= TREND_SCANS + 3; i++) {
      const finishedAt = new Date(base + i * 60_000).toISOString()
      await bounded.add({ ...latest, summary: { ...latest.summary, scope: {}, scanId: `extra-${i}`, finishedAt } })
    }
    const points = await bounded.list()
    expect(points).toHaveLength(TREND_SCANS)
    expect(points.at(-1)?.scanId).toBe(`extra-${TREND_SCANS + 3}`)
    expect(points[0]?.scanId).toBe('extra-4')
    await bounded.dispose()
  })
})

describe('health dots and the customer list (through the core, Demo workspace)', () => {
  const cores: Array<{ dispose(): Promise<void> }> = []
  afterEach(async () => {
    for (const core of cores.splice(0)) await core.dispose()
  })

  /** Each customer's worst dot, as the sidebar groups the connections under it. */
  const worstDots = (overview: Overview): Map<string, ConnectionHealth> => {
    const out = new Map<string, ConnectionHealth>()
    for (const c of overview.connections) out.set(c.customer, worseHealth(out.get(c.customer) ?? 'unchecked', c.health))
    return out
  }

  it('the dots say what the customer list says: from a customer page before any scan, from the scan once it is newer', async () => {
    const made = await makeDemoCore(tmpDir('backdesk-overview-core-'))
    cores.push(made.core)
    const { ok, core } = made

    // Before any scan the Demo's warm-up has read the customer pages: the list says Northwind is failing.
    const page = (await ok('customers.get', { name: 'Demo: Northwind', refresh: true })) as CustomerPage
    const listed = (await ok('customers.list')) as CustomerListItem[]
    expect(listed.find((c) => c.name === 'Demo: Northwind')).toMatchObject({ status: 'error', statusSource: 'customer-page' })
    let overview = (await ok('overview.get')) as Overview
    // Each connection's dot is its part of the page; the customer's worst dot is the list's status.
    for (const part of page.parts) {
      expect(overview.connections.find((c) => c.connectionId === part.connectionId)?.health, part.connectionName).toBe(healthOfCustomerStatus(part.status))
    }
    expect(worstDots(overview).get('Demo: Northwind')).toBe('failing')
    expect(overview.connections.find((c) => c.health === 'failing')?.reason).toMatch(/^Customer page: /)

    // A scan is newer than the page: the dots and the list both come from it, and agree.
    const done = new Promise<void>((resolve) => {
      const stop = core.events.subscribe((topic, payload) => {
        if (topic === 'watch.status' && (payload as { lastScanAt?: string }).lastScanAt) {
          stop()
          resolve()
        }
      })
    })
    await ok('fleet.scan.start')
    await done
    overview = (await ok('overview.get')) as Overview
    const dots = worstDots(overview)
    for (const customer of (await ok('customers.list')) as CustomerListItem[]) {
      expect(customer.statusSource, customer.name).toBe('fleet-scan')
      expect(dots.get(customer.name), customer.name).toBe(healthOfCustomerStatus(customer.status ?? 'unknown'))
    }
  })
})

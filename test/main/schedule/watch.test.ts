import { afterAll, afterEach, beforeAll, describe, expect, it, onTestFinished } from 'vitest'
import type { PlatformServices } from '../../../src/main/core/platform/platform'
import { AppError } from '../../../src/shared/errors'
import type { ConnectionSummary } from '../../../src/shared/model/connection'
import type { FleetRow, FleetStatus } from '../../../src/shared/model/fleet'
import { WatchService } from '../../../src/main/core/schedule/watch.service'
import type { WatchAlert, WatchStatus } from '../../../src/shared/model/watch'
import type { Simulator } from '../../../src/simulator'
import { vaultKeys } from '../../../src/main/core/storage/vault-keys'
import { startSimulator } from '../../simulator/helpers'
import { simFleet, summary, type SimFleet } from '../fleet/harness'
import { scriptedWatch } from './scripted-watch'
import { cleanupDirs, openVault, PASS, tmpDir } from '../vault/helpers'

// Scans over real HTTP against the simulator; failures are made by changing the simulator's data
// between two scans. Notifications are read from the platform port they go through.

let sim: Simulator
beforeAll(async () => {
  sim = await startSimulator({ scale: 'small', seed: 11 })
})
afterAll(() => sim.stop())

interface Recorded {
  notes: Array<{ title: string; body: string; click?: () => void }>
  attention: Array<{ count: number; newFailures: number }>
}

const open: Array<{ fleet: SimFleet; watch: WatchService }> = []
afterEach(async () => {
  for (const { fleet, watch } of open.splice(0)) {
    await watch.dispose()
    await fleet.close()
  }
  cleanupDirs()
})

async function setup(options: { quiet?: boolean; startOfDay?: (ms: number) => number; now?: () => number } = {}) {
  const dir = tmpDir('backdesk-watch-')
  const v = await openVault(dir)
  await v.vault.setup(PASS)
  const recorded: Recorded = { notes: [], attention: [] }
  const platform: Pick<PlatformServices, 'notify' | 'setAttention'> = {
    notify: (title, body, o) => recorded.notes.push({ title, body, ...(o?.onClick ? { click: o.onClick } : {}) }),
    setAttention: (s) => recorded.attention.push(s)
  }
  const events: Array<{ topic: string; payload: unknown }> = []
  const late: { watch?: WatchService } = {}
  const fleet = simFleet(sim, {
    dataDir: dir,
    keys: vaultKeys(v.vault),
    connections: [summary('clu-1', 'cloutility', 'Portal', 'Contoso'), summary('ca-1', 'cloudally', 'CloudAlly partner', 'Northwind', { mode: 'partner' })],
    tracked: [],
    service: { onFinished: (result, o) => late.watch?.onScanFinished(result, o) },
    ...(options.now ? { now: options.now } : {})
  })
  const watch = new WatchService({
    dataDir: dir,
    fleet: fleet.service,
    connections: { list: () => fleet.connections },
    keys: v.vault,
    onUnlock: () => () => undefined,
    emit: (topic, payload) => events.push({ topic, payload }),
    platform,
    localMinutes: () => (options.quiet ? 23 * 60 : 12 * 60),
    ...(options.startOfDay ? { startOfDay: options.startOfDay } : {}),
    ...(options.now ? { now: options.now } : {})
  })
  late.watch = watch
  if (options.quiet) await watch.settings.set({ notifications: { quietHours: { enabled: true, start: '22:00', end: '07:00' } } })
  open.push({ fleet, watch })
  return { fleet, watch, recorded, events, vault: v.vault, dir }
}

/** Makes `count` healthy Cloutility units of the home subtree fail from now on. */
function breakUnits(count: number): number[] {
  const d = sim.cloutility.data
  const picked = [...d.consumers.values()].filter((c) => c.profile === 'healthy' && c.node?.activatedMs && c.buId !== d.otherProviderBusinessUnitId).slice(0, count)
  for (const c of picked) {
    c.profile = 'failing'
    c.troubleSinceDay = d.anchorDay - 2
  }
  d.revision++
  return picked.map((c) => c.id)
}

function breakTask(): string {
  const task = sim.cloudally.data.tasks.find((t) => t.status === 'ACTIVE' && t.outcome === 'SUCCESS')
  if (!task) throw new Error('no healthy task')
  task.outcome = 'FAILED'
  task.error = 'Mailbox not reachable'
  return task.id
}

describe('watch: kept scans, changes, notifications', () => {
  it('keeps each scan, finds the new failures and raises ONE grouped notification per scan', async () => {
    const { fleet, watch, recorded, events } = await setup()
    await fleet.service.run()
    await watch.settle()
    // The first scan has nothing to compare with: no alert.
    expect(recorded.notes).toEqual([])
    expect((await watch.changes('last-scan'))?.baseScanId).toBeUndefined()

    const units = breakUnits(3)
    const taskId = breakTask()
    await fleet.service.run()
    await watch.settle()

    const changes = await watch.changes('last-scan')
    const failures = changes?.changes.filter((c) => c.kind === 'new-failure') ?? []
    expect(failures.map((c) => c.key).sort()).toEqual([...units.map((id) => `cloutility:clu-1:cu:${id}`), `cloudally:ca-1:task:${taskId}`].sort())
    expect(failures.find((c) => c.provider === 'cloudally')).toMatchObject({ customer: 'Northwind', status: 'failed', previous: 'ok' })
    expect(recorded.notes).toHaveLength(1)
    expect(recorded.notes[0]).toMatchObject({ title: 'Backdesk: 4 new backup failures', body: '3 new failures at Contoso, 1 at Northwind' })
    const alert = events.find((e) => e.topic === 'watch.alert')?.payload as WatchAlert
    expect(alert).toMatchObject({ quiet: false, groups: expect.arrayContaining([{ customer: 'Contoso', count: 3 }]) })
    // Clicking the notification asks the renderer to show exactly those items.
    recorded.notes[0]?.click?.()
    expect(events.find((e) => e.topic === 'watch.open')?.payload).toEqual({ scanId: alert.scanId, keys: alert.keys })
    const status = events.filter((e) => e.topic === 'watch.status').at(-1)?.payload as WatchStatus
    expect(status.newFailures).toBe(4)
    expect(recorded.attention.at(-1)?.count).toBe(status.attention)
    expect(status.attention).toBeGreaterThanOrEqual(4)

    // The same failures in the next scan are not new: no second notification.
    await fleet.service.run()
    await watch.settle()
    expect(recorded.notes).toHaveLength(1)
    expect((await watch.history.list()).length).toBe(3)
    // Since yesterday (no scan before today yet): compared with today's earliest kept scan, and said so.
    const sinceYesterday = await watch.changes('yesterday')
    expect(sinceYesterday?.counts['new-failure']).toBe(4)
    expect(sinceYesterday?.baseFromSameDay).toBe(true)
    expect((await watch.changes('last-scan'))?.baseFromSameDay).toBeUndefined()
  })

  it('since yesterday compares with the last scan kept before today began, not with an earlier scan of today', async () => {
    const day: { start: number } = { start: 0 }
    const { fleet, watch } = await setup({ startOfDay: () => day.start })
    await fleet.service.run()
    await watch.settle()
    breakUnits(2)
    await fleet.service.run()
    await watch.settle()
    const [, lastBeforeToday] = await watch.history.list()
    // The day begins after the second scan: the third is today's first.
    day.start = (lastBeforeToday?.finishedAt ?? 0) + 1
    breakUnits(1)
    await fleet.service.run()
    await watch.settle()
    const sinceYesterday = await watch.changes('yesterday')
    expect(sinceYesterday?.baseScanId).toBe(lastBeforeToday?.scanId)
    expect(sinceYesterday?.baseFromSameDay).toBeUndefined()
    expect(sinceYesterday?.counts['new-failure']).toBe(1)
  })

  it('since yesterday is the fleet at the end of the day before: the newest scan kept before local midnight', async () => {
    // A zone whose midnight is not UTC's, so a day counted in UTC (or 24 hours back) picks another scan.
    const zoneBefore = process.env.TZ
    process.env.TZ = 'Europe/Stockholm'
    onTestFinished(() => {
      if (zoneBefore === undefined) delete process.env.TZ
      else process.env.TZ = zoneBefore
    })
    const midnight = new Date()
    midnight.setHours(0, 0, 0, 0)
    const at = (minutesFromMidnight: number) => midnight.getTime() + minutesFromMidnight * 60_000
    // The scans' clock (their start and finish times); the real local day of the latest decides.
    const clock = { now: 0 }
    const { fleet, watch } = await setup({ now: () => clock.now })
    const scanAt = async (minutesFromMidnight: number) => {
      clock.now = at(minutesFromMidnight)
      await fleet.service.run()
      await watch.settle()
      return (await watch.history.list()).at(-1)
    }
    await scanAt(-120) // 22:00 the day before
    const lastBeforeMidnight = await scanAt(-30) // 23:30, 22:30 UTC
    await scanAt(30) // 00:30, still the day before in UTC
    const latest = await scanAt(8 * 60) // 08:00

    const sinceYesterday = await watch.changes('yesterday')
    expect(sinceYesterday?.scanId).toBe(latest?.scanId)
    expect(sinceYesterday?.baseScanId).toBe(lastBeforeMidnight?.scanId)
    expect(sinceYesterday?.baseFromSameDay).toBeUndefined()
  })

  it('a scan of one customer leaves the other customers\' items in the count of what needs attention', async () => {
    const { fleet, watch, recorded } = await setup()
    breakUnits(2)
    await fleet.service.run()
    await watch.settle()
    const whole = (await watch.status()).attention
    // Contoso's broken units need attention; nothing changes before the next scan.
    expect(whole).toBeGreaterThanOrEqual(2)
    await fleet.service.run({ customer: 'Northwind' })
    await watch.settle()
    expect((await watch.latestScan())?.summary.scope).toEqual({ customer: 'Northwind' })
    expect((await watch.status()).attention).toBe(whole)
    expect(recorded.attention.at(-1)?.count).toBe(whole)
    await watch.refreshAttention()
    expect((await watch.status()).attention).toBe(whole)
  })

  it('after a restart, the latest kept scan gives the count and the changes again, without an alert', async () => {
    const first = await setup()
    await first.fleet.service.run()
    await first.watch.settle()
    breakUnits(2)
    await first.fleet.service.run()
    await first.watch.settle()
    const before = await first.watch.status()
    expect(before.newFailures).toBe(2)
    // A new WatchService on the same data folder and vault, as after a restart and an unlock.
    const unlocks: Array<() => void> = []
    const recorded: Recorded = { notes: [], attention: [] }
    const again = new WatchService({
      dataDir: first.dir,
      fleet: first.fleet.service,
      connections: { list: () => first.fleet.connections },
      keys: first.vault,
      onUnlock: (l) => {
        unlocks.push(l)
        return () => undefined
      },
      platform: { notify: (title, body) => recorded.notes.push({ title, body }), setAttention: (s) => recorded.attention.push(s) }
    })
    await again.settings.set({ schedule: { mode: 'off' } })
    for (const l of unlocks) l()
    await again.settle()
    expect(await again.status()).toMatchObject({ attention: before.attention, newFailures: 2 })
    expect((await again.changes('last-scan'))?.counts['new-failure']).toBe(2)
    expect(recorded.notes).toEqual([])
    expect(recorded.attention.at(-1)).toEqual({ count: before.attention, newFailures: 2 })
    await again.dispose()
  })

  it('does not notify a failure already acknowledged or snoozed, nor inside quiet hours', async () => {
    const { fleet, watch, recorded, events } = await setup()
    await fleet.service.run()
    await watch.settle()
    const [acked, snoozed, fresh] = breakUnits(3)
    await fleet.service.setReview({ key: `cloutility:clu-1:cu:${acked}`, state: 'acknowledged', note: 'Known' })
    await fleet.service.setReview({ key: `cloutility:clu-1:cu:${snoozed}`, state: 'snoozed', snoozedUntil: new Date(Date.now() + 86_400_000).toISOString() })
    await fleet.service.run()
    await watch.settle()
    expect(recorded.notes).toHaveLength(1)
    expect(recorded.notes[0]?.body).toBe('1 new failure at Contoso')
    expect((events.find((e) => e.topic === 'watch.alert')?.payload as WatchAlert).keys).toEqual([`cloutility:clu-1:cu:${fresh}`])

    const quiet = await setup({ quiet: true })
    await quiet.fleet.service.run()
    await quiet.watch.settle()
    breakUnits(1)
    await quiet.fleet.service.run()
    await quiet.watch.settle()
    expect(quiet.recorded.notes).toEqual([])
    // The app still hears of it (in-app only).
    expect(quiet.events.find((e) => e.topic === 'watch.alert')?.payload).toMatchObject({ quiet: true })
  })

  it('keeps nothing of a cancelled scan, and a lock cancels a running one', async () => {
    const { fleet, watch, vault } = await setup()
    sim.setLatency('cloutility', { ms: 400 })
    try {
      const started = fleet.service.start()
      expect(started.state).toBe('running')
      vault.lock('user')
      await fleet.service.settle()
      await watch.settle()
      // Nothing of a scan is read while locked (the review queue is sealed): look after an unlock.
      await vault.unlock({ passphrase: PASS })
      expect((await fleet.service.status())?.state).toBe('cancelled')
      expect(await watch.history.list()).toEqual([])
    } finally {
      sim.setLatency('all', null)
    }
  })
})

// The same watch over a fleet whose rows each test sets per connection, so that a connection can be
// read and found empty (no rows, no note) between two scans that found objects in it.
async function scripted(connections: ConnectionSummary[]) {
  const alerts: WatchAlert[] = []
  const base = await scriptedWatch(connections, { startMs: Date.parse('2026-12-05T08:00:00Z'), emit: (topic, payload) => topic === 'watch.alert' && alerts.push(payload as WatchAlert) })
  onTestFinished(base.dispose)
  /** As base.scan, answering once the scan is kept. */
  const scan = async (...args: Parameters<typeof base.scan>) => {
    const result = await base.scan(...args)
    await base.watch.settle()
    return result
  }
  return { watch: base.watch, scan, alerts }
}

const conn = (id: string, customer: string): ConnectionSummary => summary(id, 'cloutility', `Portal ${id}`, customer)
const row = (connectionId: string, object: string, status: FleetStatus): FleetRow =>
  ({ key: `cloutility:${connectionId}:cu:${object}`, connectionId, connectionName: connectionId, provider: 'cloutility', customer: 'Acme', kind: 'consumption-unit', object, status, detail: '', ids: {} }) as FleetRow

describe('watch: a connection a scan read and found empty', () => {
  it('does not bring back its older failures into the fleet as last seen after a scan of another connection', async () => {
    const { watch, scan } = await scripted([conn('c1', 'Acme'), conn('c2', 'Globex')])
    await scan({ c1: [row('c1', 'a', 'ok')], c2: [row('c2', 'b', 'failed'), row('c2', 'c', 'missed')] })
    expect((await watch.status()).attention).toBe(2)
    // Globex's units are gone; the next full scan reads c2 and finds nothing.
    await scan({ c2: [] })
    expect((await watch.status()).attention).toBe(0)
    // A scan of Acme alone: Globex stays as the last scan that read it found it, empty.
    await scan({}, { connectionIds: ['c1'] })
    expect((await watch.status()).attention).toBe(0)
    expect((await watch.lastSeen()).rows.map((r) => r.key)).toEqual(['cloutility:c1:cu:a'])
  })

  it('compares with that empty reading: objects found again are new, and objects found gone have disappeared', async () => {
    const { watch, scan, alerts } = await scripted([conn('c1', 'Acme'), conn('c2', 'Globex')])
    await scan({ c1: [row('c1', 'a', 'ok')], c2: [row('c2', 'b', 'failed')] })
    await scan({ c2: [] })
    expect((await watch.changes('last-scan'))?.changes.map((c) => [c.kind, c.key])).toEqual([['disappeared', 'cloutility:c2:cu:b']])
    // A scan of Acme alone between them changes nothing of Globex.
    await scan({}, { connectionIds: ['c1'] })
    const back = await scan({ c2: [row('c2', 'b', 'failed')] })
    // Compared with the scan that read Globex empty, not with the one before it that saw b failing.
    expect((await watch.changes('last-scan'))?.changes.map((c) => [c.kind, c.key])).toEqual([['new-failure', 'cloutility:c2:cu:b']])
    expect(alerts.map((a) => [a.scanId, a.keys])).toEqual([[back.scanId, ['cloutility:c2:cu:b']]])
  })

  it('says an object has failed since the first scan of the run, past scans of other customers, and not past the empty reading', async () => {
    const { watch, scan } = await scripted([conn('c1', 'Acme'), conn('c2', 'Globex')])
    await scan({ c1: [row('c1', 'a', 'ok')], c2: [row('c2', 'b', 'failed')] })
    await scan({ c2: [] })
    const again = await scan({ c2: [row('c2', 'b', 'missed')] })
    await scan({}, { connectionIds: ['c1'] })
    await scan({ c2: [row('c2', 'b', 'failed')] })
    // Failing (failed or missed) since the scan after the one that found it gone; the scan of
    // Acme between did not read Globex.
    expect(await watch.since('cloutility:c2:cu:b', 'failed')).toBe(again.finishedAt)
  })

  it('answers connections as the newest scan that read each found it, for a report that cannot read them now', async () => {
    const connections = [conn('c1', 'Acme'), conn('c2', 'Globex')]
    const { watch, scan } = await scripted(connections)
    const asLastRead = async (c: ConnectionSummary) => (await watch.connectionsAsLastRead([c])).get(c.id) ?? null
    const first = await scan({ c1: [row('c1', 'a', 'ok')], c2: [row('c2', 'b', 'failed')] })
    // Could not be read, then a scan of the other customer: neither says what c1 holds.
    await scan({ c1: new AppError('OFFLINE', 'unreachable') })
    const globex = await scan({}, { connectionIds: ['c2'] })
    expect(await asLastRead(connections[0] as ConnectionSummary)).toEqual({ finishedAt: first.finishedAt, rows: [expect.objectContaining({ key: 'cloutility:c1:cu:a' })] })
    // Both in one look back: each from its own newest scan that read it.
    expect(await watch.connectionsAsLastRead(connections)).toEqual(
      new Map([
        ['c1', { finishedAt: first.finishedAt, rows: [expect.objectContaining({ key: 'cloutility:c1:cu:a' })] }],
        ['c2', { finishedAt: globex.finishedAt, rows: [expect.objectContaining({ key: 'cloutility:c2:cu:b' })] }]
      ])
    )
    const empty = await scan({ c1: [] })
    expect(await asLastRead(connections[0] as ConnectionSummary)).toEqual({ finishedAt: empty.finishedAt, rows: [] })
    // Added after every kept scan: none read it.
    const later = { ...conn('c3', 'Initech'), createdAt: new Date(Date.parse(empty.finishedAt ?? '') + 1).toISOString() }
    connections.push(later)
    expect(await asLastRead(later)).toBeNull()
    expect([...(await watch.connectionsAsLastRead(connections)).keys()]).toEqual(['c1', 'c2'])
  })
})

describe('watch: the connections a scan of one customer left out', () => {
  it('answers them as the newest earlier scan that read each found them, with its time; nothing after a scan of every connection', async () => {
    const { watch, scan } = await scripted([conn('c1', 'Acme'), conn('c2', 'Globex'), conn('c3', 'Initech')])
    expect(await watch.earlier()).toBeNull()
    const full = await scan({ c1: [row('c1', 'a', 'ok')], c2: [row('c2', 'b', 'failed'), row('c2', 'c', 'ok')], c3: [row('c3', 'd', 'missed')] })
    expect(await watch.earlier()).toEqual({ scanId: full.scanId, rows: [], scannedAt: {} })
    // Initech read again alone, then Acme alone: Globex from the full scan, Initech from its own.
    const initech = await scan({ c3: [row('c3', 'd', 'ok')] }, { connectionIds: ['c3'] })
    const acme = await scan({ c1: [row('c1', 'a', 'failed')] }, { customer: 'Acme' })
    const earlier = await watch.earlier()
    expect(earlier?.scanId).toBe(acme.scanId)
    expect(earlier?.rows.map((r) => [r.key, r.status]).sort()).toEqual([
      ['cloutility:c2:cu:b', 'failed'],
      ['cloutility:c2:cu:c', 'ok'],
      ['cloutility:c3:cu:d', 'ok']
    ])
    expect(earlier?.scannedAt).toEqual({ c2: full.finishedAt, c3: initech.finishedAt })
    // What the list then holds is what the attention count reads: Acme's failure and Globex's.
    expect((await watch.status()).attention).toBe(2)
    const all = await scan({})
    expect(await watch.earlier()).toEqual({ scanId: all.scanId, rows: [], scannedAt: {} })
  })
})

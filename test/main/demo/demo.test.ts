import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { DemoStatus } from '../../../src/shared/contract/demo.contract'
import type { ConnectionSummary } from '../../../src/shared/model/connection'
import { ConnectionStore } from '../../../src/main/core/connections/connection-store'
import { DemoService } from '../../../src/main/core/demo/demo.service'
import { createLogger } from '../../../src/main/core/log/logger'
import { PROVIDER_MODULES } from '../../../src/main/core/providers/registry'
import type { Overview } from '../../../src/shared/model/overview'
import type { FleetProgress } from '../../../src/shared/model/fleet'
import { startSimulator, type Simulator } from '../../../src/simulator'
import { cleanupDirs, makeCore, openVault, PASS, testRecords, tmpDir } from '../vault/helpers'

const cores: Array<{ dispose(): Promise<void> }> = []
afterEach(async () => {
  for (const core of cores.splice(0)) await core.dispose()
  cleanupDirs()
})

async function coreWithVault(dir: string, setup = true) {
  const made = await makeCore(dir)
  cores.push(made.core)
  if (setup) await made.ok('vault.setup', { passphrase: PASS, confirm: PASS })
  return made
}

/** Resolves on the next `demo.status` event that satisfies `test`. */
function nextDemoStatus(core: Awaited<ReturnType<typeof makeCore>>['core'], test: (s: DemoStatus) => boolean): Promise<DemoStatus> {
  return new Promise((resolve) => {
    const off = core.events.subscribe((topic, payload) => {
      if (topic === 'demo.status' && test(payload as DemoStatus)) {
        off()
        resolve(payload as DemoStatus)
      }
    })
  })
}

describe('Demo workspace', () => {
  it('starts the simulator and creates demo connections for every provider, each of which works', async () => {
    const { ok, call, core } = await coreWithVault(tmpDir())
    expect(await ok('demo.status')).toEqual({ active: false, running: false, connections: [] })
    const status = (await ok('demo.start')) as DemoStatus
    expect(status.active).toBe(true)
    expect(status.running).toBe(true)
    const list = (await ok('connections.list')) as ConnectionSummary[]
    expect(list.length).toBeGreaterThanOrEqual(3)
    expect(list.every((c) => c.demo)).toBe(true)
    expect(new Set(list.map((c) => c.provider))).toEqual(new Set(['cloutility', 'cloudally', 'cloudback']))
    expect(list.filter((c) => c.customer === 'Demo: Northwind').map((c) => c.provider).sort()).toEqual(['cloudally', 'cloudback', 'cloutility'])
    expect(list.find((c) => c.provider === 'cloudally')?.mode).toBe('partner')
    // Secrets went through the vault: the summaries carry flags only.
    expect(JSON.stringify(list)).not.toContain(core.demo.simulator?.cloutility.credentials.password)

    const sim = core.demo.simulator
    expect(sim).toBeDefined()
    for (const c of list) expect(c.baseUrl).toBe(sim?.[c.provider].url)
    const clu = list.find((c) => c.name === 'Demo Cloutility') as ConnectionSummary
    const tree = await ok('cloutility.tree', { connectionId: clu.id })
    expect(tree.root.id).toBe(sim?.cloutility.credentials.homeBusinessUnitId)
    const ca = list.find((c) => c.provider === 'cloudally') as ConnectionSummary
    expect((await ok('cloudally.tasks.list', { connectionId: ca.id })).length).toBeGreaterThan(0)
    const cb = list.find((c) => c.provider === 'cloudback') as ConnectionSummary
    const tracked = await ok('cloudback.tracked.list', { connectionId: cb.id })
    expect(tracked.length).toBeGreaterThan(3)
    expect(tracked.every((d: { settings?: unknown }) => d.settings !== undefined)).toBe(true)
    // Starting again does not duplicate anything.
    await ok('demo.start')
    expect(((await ok('connections.list')) as ConnectionSummary[]).length).toBe(list.length)
    expect(await call('demo.remove', {})).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
  })

  it('after a restart, unlocking starts the simulator again and re-points the demo connections', async () => {
    const dir = tmpDir()
    const first = await coreWithVault(dir)
    await first.ok('demo.start')
    const before = (await first.ok('connections.list')) as ConnectionSummary[]
    const oldUrl = first.core.demo.simulator?.cloutility.url
    await first.core.dispose()
    cores.splice(cores.indexOf(first.core), 1)

    const second = await coreWithVault(dir, false)
    expect((await second.ok('demo.status')).running).toBe(false)
    const resumed = nextDemoStatus(second.core, (s) => s.running)
    await second.ok('vault.unlock', { passphrase: PASS })
    const status = await resumed
    expect(status.active).toBe(true)
    const sim = second.core.demo.simulator
    expect(sim?.cloutility.url).not.toBe(oldUrl)
    const after = (await second.ok('connections.list')) as ConnectionSummary[]
    expect(after.map((c) => c.id).sort()).toEqual(before.map((c) => c.id).sort())
    for (const c of after) expect(c.baseUrl).toBe(sim?.[c.provider].url)
    const clu = after.find((c) => c.name === 'Demo Cloutility') as ConnectionSummary
    expect((await second.ok('cloutility.tree', { connectionId: clu.id })).root.name).toEqual(expect.any(String))
  })

  it('after a restart or an unlock, warms the customer pages once before it tells the renderer, as a start does', async () => {
    const dir = tmpDir()
    const first = await coreWithVault(dir)
    // No scan at launch: the dots below come from the customer pages alone.
    await first.ok('watch.settings.set', { schedule: { mode: 'off' } })
    await first.ok('demo.start')
    await first.core.dispose()
    cores.splice(cores.indexOf(first.core), 1)

    const second = await coreWithVault(dir, false)
    /** Unlocks and answers, from the moment `demo.status` says the demo runs, what the simulator had been asked and what the Overview says. */
    const unlockAndWatch = async () => {
      const told = new Promise<{ requests: number; overview: Promise<Overview> }>((resolve) => {
        const off = second.core.events.subscribe((topic, payload) => {
          if (topic !== 'demo.status' || !(payload as DemoStatus).running) return
          off()
          // What the renderer reads again on this event (the Overview, the customer list).
          resolve({ requests: second.core.demo.simulator?.stats.count() ?? 0, overview: second.ok('overview.get') as Promise<Overview> })
        })
      })
      await second.ok('vault.unlock', { passphrase: PASS })
      const at = await told
      return { requests: at.requests, overview: await at.overview }
    }
    const demoHealth = (overview: Overview) => overview.connections.map((c) => c.health)

    const afterRestart = await unlockAndWatch()
    // The warm-up read every demo connection before the event: the dots have their checks.
    expect(afterRestart.requests).toBeGreaterThan(0)
    expect(afterRestart.overview.connections.length).toBeGreaterThanOrEqual(3)
    expect(demoHealth(afterRestart.overview)).not.toContain('unchecked')
    // Resuming again in the same unlock warms nothing more.
    await second.core.demo.resume()
    const sim = second.core.demo.simulator as Simulator
    expect(sim.stats.count()).toBe(afterRestart.requests)

    // A lock and an unlock (the simulator still running) warm the pages again, once, before the event.
    await second.ok('vault.lock')
    sim.stats.reset()
    const afterUnlock = await unlockAndWatch()
    expect(afterUnlock.requests).toBe(afterRestart.requests)
    await second.core.demo.resume()
    expect(sim.stats.count()).toBe(afterUnlock.requests)
  })

  it('after a restart, the scan at launch waits for the demo and reads it at its new simulator', async () => {
    const dir = tmpDir()
    const first = await coreWithVault(dir)
    await first.ok('demo.start')
    const oldUrls = new Set(((await first.ok('connections.list')) as ConnectionSummary[]).map((c) => c.baseUrl))
    await first.core.dispose()
    cores.splice(cores.indexOf(first.core), 1)

    // The default schedule scans when the vault is unlocked after a start.
    const second = await coreWithVault(dir, false)
    const scanned = new Promise<FleetProgress>((resolve) => {
      const off = second.core.events.subscribe((topic, payload) => {
        if (topic === 'fleet.progress' && (payload as FleetProgress).state === 'done') {
          off()
          resolve(payload as FleetProgress)
        }
      })
    })
    await second.ok('vault.unlock', { passphrase: PASS })
    const scan = await scanned
    // Every demo connection answered: none was read at the last run's ports, which nothing serves now.
    expect(scan.notes).toEqual([])
    expect(scan.rowCount).toBeGreaterThan(0)
    const after = (await second.ok('connections.list')) as ConnectionSummary[]
    expect(after.some((c) => oldUrls.has(c.baseUrl))).toBe(false)
  })

  it('logs a warm-up that fails on resume, and still says the demo runs', async () => {
    const { vault, events, sink, secrets } = await openVault(tmpDir())
    await vault.setup(PASS)
    const connections = new ConnectionStore(vault, testRecords())
    let warmUps = 0
    const demo = new DemoService({
      connections,
      providers: PROVIDER_MODULES,
      startSimulator,
      events,
      logger: createLogger({ sinks: [sink], secrets, level: 'debug' }),
      afterStart: () => {
        warmUps++
        throw new Error('customer pages not read')
      }
    })
    cores.push(demo)
    const told: DemoStatus[] = []
    events.subscribe((topic, payload) => {
      if (topic === 'demo.status') told.push(payload as DemoStatus)
    })
    const failures = () => sink.records.filter((r) => r.message === 'demo warm-up failed').length

    expect(await demo.start()).toMatchObject({ active: true, running: true })
    expect([warmUps, failures(), told.length]).toEqual([1, 1, 1])
    // As after a restart: the simulator is not running, the connections are there.
    await demo.stopSimulator()
    expect(await demo.resume()).toMatchObject({ active: true, running: true })
    expect([warmUps, failures(), told.length]).toEqual([2, 2, 2])
  })

  it('removes the demo in one confirmed step: connections, their snapshots and the simulator', async () => {
    const dir = tmpDir()
    const { ok, core } = await coreWithVault(dir)
    const real = await ok('connections.create', { provider: 'cloudback', name: 'Real Cloudback', baseUrl: 'https://cloudback.example', apiKey: 'k-123456' })
    await ok('demo.start')
    const list = (await ok('connections.list')) as ConnectionSummary[]
    const clu = list.find((c) => c.name === 'Demo Cloutility') as ConnectionSummary
    await ok('cloutility.tree', { connectionId: clu.id })
    await core.offline.store.flush()
    expect(readdirSync(join(dir, 'snapshots')).length).toBeGreaterThan(0)
    const sim = core.demo.simulator
    const status = (await ok('demo.remove', { confirm: 'remove-demo' })) as DemoStatus
    expect(status).toEqual({ active: false, running: false, connections: [] })
    expect(((await ok('connections.list')) as ConnectionSummary[]).map((c) => c.id)).toEqual([real.id])
    const left = existsSync(join(dir, 'snapshots')) ? readdirSync(join(dir, 'snapshots')) : []
    expect(left).toEqual([])
    // The simulator no longer answers.
    await expect(fetch(`${sim?.cloutility.url}/v1/fullVersion`)).rejects.toThrow()
  })
})

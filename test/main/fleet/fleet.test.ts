import { mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { FLEET_STATUSES, type FleetProgress, type FleetRow, type FleetStatus } from '../../../src/shared/model/fleet'
import type { Simulator } from '../../../src/simulator'
import { startSimulator } from '../../simulator/helpers'
import { vaultIn, type KeyedVaultHandle } from '../storage/vault-keys'
import { until } from '../../support/until'
import { defaultConnections, simFleet, summary, trackedFrom, type SimFleet } from './harness'

// The fleet engine against the simulator, over real HTTP. Nothing here asserts on time.

let sim: Simulator
let dir: string
const fleets: SimFleet[] = []
const vaults: KeyedVaultHandle[] = []

/** The vault in `dir`, unlocked (the review queue is sealed under it). */
async function unlockedVault(): Promise<KeyedVaultHandle> {
  const v = await vaultIn(dir)
  await v.unlock()
  vaults.push(v)
  return v
}

beforeAll(async () => {
  sim = await startSimulator({ scale: 'demo', seed: 5 })
})
afterAll(() => sim.stop())

afterEach(async () => {
  sim.faults.clear()
  sim.setLatency('all', null)
  await Promise.all(fleets.splice(0).map((f) => f.close()))
  for (const v of vaults.splice(0)) v.vault.dispose()
  if (dir) await rm(dir, { recursive: true, force: true })
})

async function make(options: Partial<Parameters<typeof simFleet>[1]> = {}): Promise<SimFleet> {
  dir = await mkdtemp(join(tmpdir(), 'backdesk-fleet-'))
  const fleet = simFleet(sim, { dataDir: dir, keys: (await unlockedVault()).keys, ...options })
  fleets.push(fleet)
  return fleet
}

function expectFailuresFirst(rows: readonly FleetRow[]): void {
  const statusRank = (status: FleetStatus) => FLEET_STATUSES.indexOf(status)
  for (let i = 1; i < rows.length; i++) {
    expect(statusRank((rows[i - 1] as FleetRow).status)).toBeLessThanOrEqual(statusRank((rows[i] as FleetRow).status))
  }
}

describe('fleet scan', () => {
  it('reads every provider, one business-unit report per Cloutility connection, failures first', async () => {
    const fleet = await make()
    sim.stats.reset()
    const result = await fleet.service.run()

    expect(result.state).toBe('done')
    expect(result.done).toBe(3)
    expect(result.total).toBe(3)
    expect(result.notes).toEqual([])
    const byProvider = (p: string) => result.rows.filter((r) => r.provider === p)

    // Cloutility: every consumption unit of the home subtree, from ONE status-report call.
    const cus = byProvider('cloutility')
    const home = sim.cloutility.credentials.homeBusinessUnitId
    expect(sim.stats.count({ provider: 'cloutility', path: `/v1/bunits/${home}/reports/latest` })).toBe(1)
    expect(sim.stats.requests.filter((r) => r.provider === 'cloutility' && /\/consumers\//.test(r.path))).toHaveLength(0)
    const reachable = [...sim.cloutility.data.consumers.values()].filter((c) => c.buId !== sim.cloutility.credentials.outsideBusinessUnitId)
    expect(cus.length).toBeGreaterThan(reachable.length * 0.9)
    expect(cus.length).toBeLessThanOrEqual(sim.cloutility.data.consumers.size)
    for (const row of cus) {
      expect(row.ids.consumerId).toBeTypeOf('number')
      expect(row.ids.businessUnitId).toBeTypeOf('number')
      expect(row.key).toBe(`cloutility:clu-1:cu:${row.ids.consumerId}`)
    }
    // The simulator seeds failing and missed nodes: they are found and come first.
    expect(cus.some((r) => r.status === 'failed')).toBe(true)
    expect(cus.some((r) => r.status === 'missed')).toBe(true)
    expect(cus.some((r) => r.status === 'ok')).toBe(true)
    const failing = [...sim.cloutility.data.consumers.values()].filter((c) => c.profile === 'failing')
    for (const c of failing) {
      const row = cus.find((r) => r.ids.consumerId === c.id)
      if (row) expect(['failed', 'missed', 'stale']).toContain(row.status)
    }
    expectFailuresFirst(result.rows)

    // CloudAlly: one row per partner task; Cloudback: one row per tracked definition.
    expect(byProvider('cloudally')).toHaveLength(sim.cloudally.data.tasks.length)
    expect(byProvider('cloudally').some((r) => r.status === 'failed')).toBe(true)
    expect(byProvider('cloudback')).toHaveLength(trackedFrom(sim).length)
    for (const r of byProvider('cloudback')) expect(['ok', 'disabled', 'warning']).toContain(r.status)
  })

  it('sends progress without rows as connections finish; a follower reads the new rows, each once', async () => {
    // A screen following the scan: on every progress event it asks for the rows since its last count.
    const followed: string[] = []
    let scanId: string | undefined
    const reads: Array<Promise<void>> = []
    const events: FleetProgress[] = []
    const fleet = await make({
      service: {
        emit: (p) => {
          events.push(p)
          reads.push(
        Promise.resolve().then(() => {
          const page = fleet.service.rowsSince(scanId, followed.length)
          if (!page) return
          if (page.scanId !== scanId) followed.length = 0
          scanId = page.scanId
          expect(page.from).toBe(followed.length)
          for (const r of page.rows) followed.push(r.key)
            })
          )
        }
      }
    })
    const result = await fleet.service.run()
    await Promise.all(reads)
    expect(events[0]?.done).toBe(0)
    expect(events.at(-1)?.state).toBe('done')
    const dones = events.map((e) => e.done)
    expect([...dones].sort((a, b) => a - b)).toEqual(dones)
    expect(events.every((e) => !('rows' in e))).toBe(true)
    // Nor the list of connections scanned, which the kept scan has.
    expect(events.every((e) => !('scanned' in e))).toBe(true)
    expect(result.scanned?.length).toBe(3)
    expect(events.filter((e) => e.state === 'running' && e.done > 0 && e.done < 3).length).toBeGreaterThan(0)
    expect(new Set(followed).size).toBe(followed.length)
    expect([...followed].sort()).toEqual(result.rows.map((r) => r.key).sort())
    // Asking about an older scan starts over at the latest one.
    expect(fleet.service.rowsSince('an-older-scan', 5)).toMatchObject({ scanId: result.scanId, from: 0 })
    expect(fleet.service.rowsSince(result.scanId, 10_000)?.rows).toEqual([])
  })

  it('reads a status report sent gzipped exactly as one sent plain', async () => {
    // Two simulators of the same data and clock, one compressing its answers.
    const at = Date.now()
    const sims = await Promise.all([false, true].map((compress) => startSimulator({ scale: 'demo', seed: 5, now: () => at, compress })))
    dir = await mkdtemp(join(tmpdir(), 'backdesk-fleet-'))
    const dirs = await Promise.all(sims.map(() => mkdtemp(join(dir, 'scan-'))))
    try {
      const keys = (await unlockedVault()).keys
      const [plain, packed] = await Promise.all(
        sims.map(async (s, i) => {
          const fleet = simFleet(s, { dataDir: dirs[i] as string, keys })
          fleets.push(fleet)
          return (await fleet.service.run()).rows
        })
      )
      expect(plain?.filter((r) => r.provider === 'cloutility').length).toBeGreaterThan(0)
      expect(packed).toEqual(plain)
      const reports = (s: (typeof sims)[number]) => s.stats.requests.filter((r) => r.path.endsWith('/reports/latest'))
      expect(reports(sims[0] as Simulator).map((r) => r.encoding)).toEqual([undefined])
      expect(reports(sims[1] as Simulator).map((r) => r.encoding)).toEqual(['gzip'])
    } finally {
      await Promise.all(sims.map((s) => s.stop()))
    }
  })

  it('scans one customer only', async () => {
    const fleet = await make()
    const result = await fleet.service.run({ customer: 'globex' })
    expect(result.total).toBe(1)
    expect(new Set(result.rows.map((r) => r.connectionId))).toEqual(new Set(['cb-1']))
    const byId = await fleet.service.run({ connectionIds: ['ca-1'] })
    expect(new Set(byId.rows.map((r) => r.connectionId))).toEqual(new Set(['ca-1']))
  })

  it('reads a CloudAlly portal login from its backup-task list', async () => {
    const fleet = await make({ connections: [summary('ca-user', 'cloudally', 'Portal user', 'Acme', { mode: 'user' })] })
    const result = await fleet.service.run()
    expect(result.notes).toEqual([])
    expect(result.rows.length).toBeGreaterThan(0)
    expect(result.rows.every((r) => r.kind === 'cloudally-task' && r.ids.taskId)).toBe(true)
  })

  it('reports a connection that fails as an error row and a note, and scans the others', async () => {
    const fleet = await make({
      connections: [...defaultConnections(), summary('clu-bad', 'cloutility', 'Wrong password', 'Acme')],
      cloutility: {}
    })
    // Only the extra connection gets a wrong password: rebuild its client through the same harness hook.
    const original = fleet.sessions.cloutility
    fleet.sessions.cloutility = async (id: string) => {
      if (id !== 'clu-bad') return original(id)
      const { createCloutilityClient } = await import('../../../src/main/core/providers/cloutility/client')
      const { SecretRegistry } = await import('../../../src/main/core/log/redact')
      const { silentLogger } = await import('../../../src/main/core/log/logger')
      const c = sim.cloutility.credentials
      const client = createCloutilityClient({ baseUrl: sim.cloutility.url, clientId: c.clientId, origin: c.origin, username: c.username, password: 'wrong-password', logger: silentLogger, secrets: new SecretRegistry() })
      fleet.clients.cloutility.set('clu-bad', client)
      return client
    }
    const result = await fleet.service.run()
    expect(result.state).toBe('done')
    expect(result.done).toBe(4)
    expect(result.notes).toHaveLength(1)
    expect(result.notes[0]).toMatchObject({ connectionId: 'clu-bad', code: 'AUTH_FAILED' })
    expect(result.rows[0]).toMatchObject({ connectionId: 'clu-bad', status: 'error', kind: 'connection' })
    expect(result.rows.filter((r) => r.connectionId === 'clu-1').length).toBeGreaterThan(100)
  })

  it('reports an unreachable provider (5xx on the report) without failing the scan', async () => {
    const fleet = await make()
    sim.faults.add({ provider: 'cloutility', path: '/v1/bunits/*/reports/latest', kind: '503' })
    const result = await fleet.service.run()
    expect(result.state).toBe('done')
    expect(result.notes.map((n) => n.connectionId)).toEqual(['clu-1'])
    expect(result.rows[0]).toMatchObject({ connectionId: 'clu-1', status: 'error' })
    expect(result.rows.some((r) => r.provider === 'cloudally')).toBe(true)
  })

  it('reads a status report cut off mid-transfer again from its start, with no unit twice', async () => {
    const fleet = await make()
    const clean = await fleet.service.run()
    const ids = (rows: FleetRow[]) => rows.filter((r) => r.connectionId === 'clu-1').map((r) => r.ids.consumerId)
    const home = sim.cloutility.credentials.homeBusinessUnitId
    sim.stats.reset()
    // Half the report arrives (node reports among it, visited as they came), then the connection drops.
    sim.faults.add({ provider: 'cloutility', path: `/v1/bunits/${home}/reports/latest`, kind: 'truncated', times: 1 })
    const result = await fleet.service.run()
    expect(result.notes).toEqual([])
    expect(sim.stats.count({ provider: 'cloutility', path: `/v1/bunits/${home}/reports/latest` })).toBe(2)
    expect(ids(result.rows).sort()).toEqual(ids(clean.rows).sort())
    expect(new Set(ids(result.rows)).size).toBe(ids(result.rows).length)
  })

  it('refuses a status report found malformed after its node reports were read: an error row and a note, no unit rows from any attempt', async () => {
    // A proxy in front of the simulator spoils the report's very last byte, so every node report
    // has been parsed and mapped (and a row built from it) before the body is found broken.
    const home = sim.cloutility.credentials.homeBusinessUnitId
    let spoiled = 0
    const proxy = createServer((req, res) => {
      const chunks: Buffer[] = []
      req.on('data', (c: Buffer) => chunks.push(c))
      req.on('end', () => {
        const headers = Object.fromEntries(Object.entries(req.headers).filter(([k]) => k !== 'host' && k !== 'content-length' && k !== 'connection')) as Record<string, string>
        const body = chunks.length ? Buffer.concat(chunks) : undefined
        fetch(`${sim.cloutility.url}${req.url ?? '/'}`, { method: req.method ?? 'GET', headers, ...(body ? { body } : {}) })
          .then(async (up) => {
            let bytes = Buffer.from(await up.arrayBuffer())
            if (req.url?.startsWith(`/v1/bunits/${home}/reports/latest`)) {
              spoiled++
              bytes = Buffer.concat([bytes.subarray(0, -1), Buffer.from(']')])
            }
            res.writeHead(up.status, { 'content-type': up.headers.get('content-type') ?? 'application/json' })
            res.end(bytes)
          })
          .catch(() => res.destroy())
      })
    })
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve))
    try {
      const { port } = proxy.address() as AddressInfo
      const fleet = await make({ connections: [summary('clu-1', 'cloutility', 'Backup portal', 'Acme')], cloutility: { baseUrl: `http://127.0.0.1:${port}` } })
      const result = await fleet.service.run()
      // Read again (an unreadable answer to a GET is retried), refused each time; no attempt's rows survive.
      expect(spoiled).toBeGreaterThan(1)
      expect(result.notes).toHaveLength(1)
      expect(result.notes[0]).toMatchObject({ connectionId: 'clu-1', code: 'UNREADABLE' })
      expect(result.notes[0]?.message).toMatch(/malformed or incomplete/)
      expect(result.rows).toHaveLength(1)
      expect(result.rows[0]).toMatchObject({ connectionId: 'clu-1', kind: 'connection', status: 'error' })
    } finally {
      await new Promise<void>((resolve) => proxy.close(() => resolve()))
    }
  })

  it('cancel aborts the HTTP calls in flight and sends no more', async () => {
    const tracked = trackedFrom(sim, 25)
    const fleet = await make({ connections: [summary('cb-1', 'cloudback', 'Cloudback', 'Globex')], tracked })
    // Lookups never answer: the scan is still running, whatever the machine's speed, when it is cancelled.
    sim.faults.add({ provider: 'cloudback', kind: 'hang' })
    const summaryOut = fleet.service.start()
    await until(() => (fleet.requests.get('cb-1')?.length ?? 0) > 0)
    expect(fleet.service.cancel(summaryOut.scanId)).toBe(true)
    await fleet.service.settle()
    const sent = () => fleet.requests.get('cb-1') ?? []
    const sentAtEnd = sent().length
    // The HTTP layer's limit (6) means most lookups were still queued: they were never sent.
    expect(sentAtEnd).toBeGreaterThan(0)
    expect(sentAtEnd).toBeLessThan(tracked.length)
    // Every request that was sent ends (aborted), and nothing is left queued to be sent later.
    const ended = (e: { requestId: string; attempt: number }) => (fleet.responses.get('cb-1') ?? []).some((r) => r.requestId === e.requestId && r.attempt === e.attempt)
    await until(() => sent().every(ended))
    const outcomes = fleet.responses.get('cb-1') ?? []
    expect(outcomes.some((e) => e.errorCode === 'CANCELLED')).toBe(true)
    const limiter = fleet.clients.cloudback.get('cb-1')?.http.limiter
    expect({ active: limiter?.active, waiting: limiter?.waiting }).toEqual({ active: 0, waiting: 0 })
    expect(sent()).toHaveLength(sentAtEnd)
    const status = await fleet.service.status()
    expect(status?.state).toBe('cancelled')
    expect(status?.rows).toEqual([])
    expect(fleet.progress.at(-1)?.state).toBe('cancelled')
  })

  it('a new scan cancels the running one', async () => {
    const fleet = await make({ connections: [summary('cb-1', 'cloudback', 'Cloudback', 'Globex')], tracked: trackedFrom(sim, 20) })
    sim.setLatency('cloudback', { ms: 300, jitterMs: 0 })
    const first = fleet.service.start()
    const second = fleet.service.start()
    expect(second.scanId).not.toBe(first.scanId)
    sim.setLatency('cloudback', null)
    await fleet.service.settle()
    // The cancelled scan reports its end on its own schedule.
    await until(() => fleet.progress.some((p) => p.scanId === first.scanId && p.state === 'cancelled'))
    const status = await fleet.service.status()
    expect(status?.scanId).toBe(second.scanId)
    expect(status?.state).toBe('done')
  })
})

describe('review queue', () => {
  it('persists acknowledge, snooze and notes across a new service, and sorts reviewed items below', async () => {
    const fleet = await make({ connections: [summary('clu-1', 'cloutility', 'Backup portal', 'Acme')] })
    const result = await fleet.service.run()
    const [first, second, third] = result.rows as [FleetRow, FleetRow, FleetRow]
    expect(first.status).not.toBe('ok')
    await fleet.service.setReview({ key: first.key, state: 'acknowledged', note: 'Customer is moving this server' })
    const until = new Date(Date.now() + 3 * 86_400_000).toISOString()
    await fleet.service.setReview({ key: second.key, state: 'snoozed', snoozedUntil: until })
    await fleet.service.setReview({ key: third.key, state: 'open', note: 'Called the customer' })
    const pastSnooze = result.rows[3] as FleetRow
    await fleet.service.setReview({ key: pastSnooze.key, state: 'snoozed', snoozedUntil: new Date(Date.now() - 1000).toISOString() })

    const status = await fleet.service.status()
    const keys = status?.rows.map((r) => r.key) ?? []
    // Acknowledged and (still) snoozed go below every open row; an expired snooze is open again.
    expect(keys.indexOf(first.key)).toBeGreaterThan(keys.indexOf(third.key))
    expect(keys.indexOf(second.key)).toBeGreaterThan(keys.indexOf(pastSnooze.key))
    const openCount = (status?.rows.length ?? 0) - 2
    expect(keys.indexOf(first.key)).toBeGreaterThanOrEqual(openCount)
    expect(keys.indexOf(second.key)).toBeGreaterThanOrEqual(openCount)
    expect(keys[0]).toBe(third.key)

    // A new service instance over the same data folder and vault (an app restart).
    vaults[0]?.vault.dispose()
    const again = simFleet(sim, { dataDir: dir, keys: (await unlockedVault()).keys, connections: fleet.connections })
    fleets.push(again)
    const reviews = new Map((await again.service.listReviews()).map((r) => [r.key, r]))
    expect(reviews.get(first.key)).toMatchObject({ state: 'acknowledged', note: 'Customer is moving this server' })
    expect(reviews.get(second.key)).toMatchObject({ state: 'snoozed', snoozedUntil: until })
    expect(reviews.get(third.key)).toMatchObject({ state: 'open', note: 'Called the customer' })

    // Open with no note clears the item.
    expect(await again.service.setReview({ key: first.key, state: 'open' })).toBeNull()
    expect((await again.service.listReviews()).some((r) => r.key === first.key)).toBe(false)
  })
})

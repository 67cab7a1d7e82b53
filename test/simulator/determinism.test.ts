import { describe, expect, it } from 'vitest'
import { SCALES } from '../../src/simulator'
import { startSimulator } from './helpers'
import { call, cloutilityLogin, fakeClock } from './helpers'

const NOW = Date.parse('2026-11-22T12:00:00.000Z')

/** What a client sees: tree, full status report, CloudAlly tasks, a Cloudback definition. */
async function snapshot(seed: number) {
  const sim = await startSimulator({ scale: 'small', seed, now: fakeClock().now })
  try {
    const s = await cloutilityLogin(sim)
    const home = sim.cloutility.credentials.homeBusinessUnitId
    const tree = (await s.api('/v1/bunits')).json
    const report = (await s.api(`/v1/bunits/${home}/reports/latest`)).json
    const strip = (text: string) => text.replaceAll(sim.cloutility.url, 'BASE')
    const c = sim.cloudally.credentials
    const token = (await call(`${sim.cloudally.url}/auth/partner`, { method: 'POST', headers: { 'client-id': c.clientId, 'client-secret': c.clientSecret }, json: { email: c.partnerEmail, password: c.partnerPassword } })).json.accessToken
    const tasks = (await call(`${sim.cloudally.url}/v1/partners/tasks?pageSize=1000`, { headers: { authorization: `Bearer ${token}` } })).json
    const repo = sim.cloudback.data.knownRepos['octo-labs']![0]!
    const def = (await call(`${sim.cloudback.url}/ops/definition/get`, { method: 'POST', headers: { 'x-api-key': sim.cloudback.credentials.apiKey }, json: { platform: 'GitHub', account: 'octo-labs', subjectName: repo } })).json
    return {
      tree: strip(JSON.stringify(tree)),
      report: strip(JSON.stringify(report)),
      tasks: JSON.stringify(tasks),
      def: JSON.stringify(def),
      creds: JSON.stringify([sim.cloutility.credentials, sim.cloudally.credentials, sim.cloudback.credentials])
    }
  } finally {
    await sim.stop()
  }
}

describe('determinism and size', () => {
  it('the same seed (and clock) gives identical data; another seed gives different data', async () => {
    const a = await snapshot(7)
    const b = await snapshot(7)
    expect(b).toEqual(a)
    const c = await snapshot(8)
    expect(c.tree).not.toBe(a.tree)
    expect(c.report).not.toBe(a.report)
    expect(c.tasks).not.toBe(a.tasks)
    expect(c.creds).not.toBe(a.creds)
  })

  it('jobs are derived lazily but identically (same job list twice, across instances)', async () => {
    const jobsOf = async () => {
      const sim = await startSimulator({ scale: 'tiny', seed: 3, now: () => NOW })
      try {
        const s = await cloutilityLogin(sim)
        const c = [...sim.cloutility.data.consumers.values()].find((x) => x.node?.activatedMs && x.buId !== sim.cloutility.credentials.outsideBusinessUnitId)!
        const first = (await s.api(`/v1/bunits/${c.buId}/consumers/${c.id}/jobs/first`)).json
        const jobs = (await s.api(`/v1/bunits/${c.buId}/consumers/${c.id}/jobs?startTime=${first.completed}`)).json
        return JSON.stringify(jobs.items).replaceAll(sim.cloutility.url, 'BASE')
      } finally {
        await sim.stop()
      }
    }
    expect(await jobsOf()).toBe(await jobsOf())
  })

  it('starts tiny in well under 200 ms of CPU time and honours explicit sizes and presets', async () => {
    // CPU time, not wall time: other processes on a loaded machine do not count against it.
    const cpu = process.cpuUsage()
    const sim = await startSimulator({ scale: 'tiny' })
    const used = process.cpuUsage(cpu)
    await sim.stop()
    expect((used.user + used.system) / 1000).toBeLessThan(200)
    expect(sim.cloutility.data.consumers.size).toBe(SCALES.tiny.nodes)
    const sized = await startSimulator({ nodes: 123, businessUnits: 17 })
    try {
      expect(sized.cloutility.data.consumers.size).toBe(123)
      expect(sized.cloutility.data.businessUnits.size).toBe(17)
    } finally {
      await sized.stop()
    }
    const demo = await startSimulator({ scale: 'demo', basePort: 0 })
    try {
      expect(demo.cloutility.data.consumers.size).toBe(200)
      const depthOf = (id: number): number => {
        const b = demo.cloutility.data.businessUnits.get(id)!
        return 1 + Math.max(0, ...b.childIds.map(depthOf))
      }
      expect(depthOf(demo.cloutility.credentials.homeBusinessUnitId)).toBeGreaterThanOrEqual(4) // provider → reseller → customer → department
      const os = new Set([...demo.cloutility.data.consumers.values()].map((c) => c.node?.osId).filter(Boolean))
      expect(os).toEqual(new Set([2, 3, 4]))
      expect([...demo.cloutility.data.consumers.values()].some((c) => c.node && c.node.proxyAgentIds.length > 0)).toBe(true)
    } finally {
      await demo.stop()
    }
  })

  it('listens on base, base+1, base+2 when basePort is given', async () => {
    const base = 20000 + Math.floor(Math.random() * 20000)
    const sim = await startSimulator({ basePort: base })
    try {
      expect(sim.cloutility.url).toBe(`http://127.0.0.1:${base}`)
      expect(sim.cloudally.url).toBe(`http://127.0.0.1:${base + 1}`)
      expect(sim.cloudback.url).toBe(`http://127.0.0.1:${base + 2}`)
    } finally {
      await sim.stop()
    }
    await expect(sim.stop()).resolves.toBeUndefined() // idempotent
  })
})

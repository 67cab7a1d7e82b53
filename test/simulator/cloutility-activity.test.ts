import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Simulator } from '../../src/simulator'
import { activatedConsumer, cloutilityLogin, fakeClock, withSim, type CloutilitySession } from './helpers'

const SP_EVENT_STATUSES = ['Completed', 'Failed', 'Failed - no restart', 'Future', 'In Progress', 'Missed', 'Severed', 'Started']

describe('Cloutility jobs, reports and audit logs', () => {
  const clock = fakeClock('2026-11-22T12:00:00.000Z')
  let sim: Simulator
  let s: CloutilitySession
  beforeAll(async () => {
    sim = await withSim({ scale: 'demo', now: clock.now })
    s = await cloutilityLogin(sim)
  })
  afterAll(() => sim.stop())

  const base = (c: { buId: number; id: number }) => `/v1/bunits/${c.buId}/consumers/${c.id}`

  it('events: the schedule events of the last 7 days with SP event statuses, then the next one (Future)', async () => {
    const c = activatedConsumer(sim)
    const events = (await s.api(`${base(c)}/events`)).json
    expect(events).toMatchObject({ total: events.items.length, items: expect.any(Array) })
    expect(events.items.length).toBeGreaterThanOrEqual(6)
    for (const e of events.items) {
      expect(SP_EVENT_STATUSES).toContain(e.status.name)
      expect(e).toMatchObject({ id: expect.any(Number), scheduledStart: expect.any(String), schedule: { name: 'DAILY_INCR' }, node: { name: c.node.tsmName } })
    }
    const last = events.items.at(-1)
    expect(last.status.name).toBe('Future')
    expect(Date.parse(last.scheduledStart)).toBeGreaterThan(clock.now())
    const withoutNode = [...sim.cloutility.data.consumers.values()].find((x) => !x.node)
    if (withoutNode) expect((await s.api(`/v1/bunits/${withoutNode.buId}/consumers/${withoutNode.id}/events`)).status).toBe(404)
  })

  it('jobs/first returns the true first completed date with placeholder values elsewhere', async () => {
    const c = activatedConsumer(sim)
    const first = await s.api(`${base(c)}/jobs/first`)
    expect(first.status).toBe(200)
    expect(first.json.completed).toMatch(/^\d{4}-\d{2}-\d{2}T/)
    expect(first.json).toMatchObject({ id: 0, consumerId: 0, businessUnitId: 0, examinedFiles: 0, name: '', scheduledStart: '0001-01-01T00:00:00Z', actualStart: '0001-01-01T00:00:00Z' })
    expect(Date.parse(first.json.completed)).toBeGreaterThanOrEqual(clock.now() - 91 * 86_400_000)
    const all = (await s.api(`${base(c)}/jobs?startTime=${first.json.completed}&endTime=${new Date(clock.now()).toISOString()}`)).json
    const completedTimes = all.items.filter((j: { completed: string | null }) => j.completed).map((j: { completed: string }) => Date.parse(j.completed))
    expect(Math.min(...completedTimes)).toBe(Date.parse(first.json.completed))
  })

  it('a consumer without an activated node has no first job (404)', async () => {
    const bu = sim.cloutility.credentials.subUnit.homeBusinessUnitId
    const cu = (await s.api(`/v1/bunits/${bu}/consumers`, { method: 'POST', json: { name: 'no-jobs' } })).json
    expect((await s.api(`/v1/bunits/${bu}/consumers/${cu.id}/jobs/first`)).status).toBe(404)
    expect((await s.api(`/v1/bunits/${bu}/consumers/${cu.id}/jobs`)).json.items).toEqual([])
  })

  it('the jobs list defaults to the last 24 hours and enforces the startTime rule, at both paths', async () => {
    const c = activatedConsumer(sim)
    const recent = (await s.api(`${base(c)}/jobs`)).json
    expect(recent).toMatchObject({ href: expect.any(String), total: recent.items.length, offset: 0 })
    for (const j of recent.items) expect(Date.parse(j.completed ?? j.actualStart ?? j.scheduledStart)).toBeGreaterThanOrEqual(clock.now() - 86_400_000)
    const first = (await s.api(`${base(c)}/jobs/first`)).json
    const early = new Date(Date.parse(first.completed) - 1000).toISOString()
    const tooEarly = await s.api(`${base(c)}/jobs?startTime=${early}`)
    expect(tooEarly.status).toBe(400)
    expect(tooEarly.json.developerMessage).toContain('first job')
    expect((await s.api(`${base(c)}/jobs/first?startTime=${early}`)).status).toBe(400)
    expect((await s.api(`${base(c)}/jobs?startTime=yesterday`)).status).toBe(400)
    const start = first.completed
    const end = new Date(Date.parse(start) + 20 * 86_400_000).toISOString()
    const a = (await s.api(`${base(c)}/jobs?startTime=${start}&endTime=${end}`)).json
    const b = (await s.api(`${base(c)}/jobs/first?startTime=${start}&endTime=${end}`)).json
    expect(a.items.length).toBeGreaterThanOrEqual(18)
    expect(b.items).toEqual(a.items)
    expect((await s.api(`${base(c)}/jobs?startTime=${end}&endTime=${start}`)).status).toBe(400)
  })

  it('jobs carry the documented fields and SP event statuses; the fleet has healthy, failed and missed runs', async () => {
    const statuses = new Set<string>()
    let checked = 0
    for (const c of sim.cloutility.data.consumers.values()) {
      if (!c.node?.activatedMs || c.buId === sim.cloutility.credentials.outsideBusinessUnitId || checked >= 40) continue
      checked++
      const first = (await s.api(`${base(c)}/jobs/first`)).json
      const list = (await s.api(`${base(c)}/jobs?startTime=${first.completed}`)).json
      for (const j of list.items) {
        statuses.add(j.status.name)
        expect(SP_EVENT_STATUSES).toContain(j.status.name)
      }
      const j = list.items[0]
      expect(j).toMatchObject({
        businessUnitId: c.buId,
        consumerId: c.id,
        type: { id: expect.any(Number), name: expect.any(String) },
        severity: { name: expect.any(String) },
        serverType: { id: 1, name: 'IBM Storage Protect' },
        scheduled: expect.any(Boolean),
        examinedFiles: expect.any(Number),
        transferredMegaBytes: expect.any(Number),
        duration: expect.stringMatching(/^\d\d:\d\d:\d\d$/)
      })
    }
    expect(statuses).toContain('Completed')
    expect([...statuses].some((x) => x.startsWith('Failed') || x === 'Severed')).toBe(true)
    expect(statuses).toContain('Missed')
  })

  it('consumer reports honour startDate/endDate/status/warnings; latest includes both; warning types exist', async () => {
    const c = activatedConsumer(sim)
    const plain = (await s.api(`${base(c)}/reports?startDate=2026-11-15&endDate=2026-11-21T23:59:59Z`)).json
    expect(plain.items).toHaveLength(7)
    expect(plain.items[0].status).toBeUndefined()
    expect(plain.items[0].warnings).toBeUndefined()
    const rich = (await s.api(`${base(c)}/reports?startDate=2026-11-15&endDate=2026-11-21T23:59:59Z&status=true&warnings=true`)).json
    expect(rich.items[0]).toMatchObject({ status: { name: expect.any(String) }, warnings: expect.any(Array), consumerId: c.id, megaBytes: expect.any(Number) })
    // storage grows over time for a healthy node
    const growth = rich.items.map((r: { megaBytes: number }) => r.megaBytes)
    expect(growth[0]).toBeGreaterThanOrEqual(growth[growth.length - 1])
    const latest = (await s.api(`${base(c)}/reports/latest`)).json
    expect(latest).toMatchObject({ consumerId: c.id, nodeId: c.node.id, status: { name: expect.any(String) }, warnings: expect.any(Array) })
    expect((await s.api(`${base(c)}/reports/latest?userId=abc`)).status).toBe(400)
    expect((await s.api(`${base(c)}/reports?status=maybe`)).status).toBe(400)
    expect((await s.api(`${base(c)}/reports?startDate=2026-11-20&endDate=2026-11-10`)).status).toBe(400)
    const types = (await s.api('/v1/nodewarningtypes')).json.items
    const warned = [...sim.cloutility.data.consumers.values()].find((x) => x.profile === 'missed' && x.node?.activatedMs && x.buId !== sim.cloutility.credentials.outsideBusinessUnitId)!
    const warnedReport = (await s.api(`${base(warned)}/reports/latest`)).json
    expect(warnedReport.warnings.length).toBeGreaterThan(0)
    for (const w of warnedReport.warnings) expect(types.map((t: { id: number }) => t.id)).toContain(w.type.id)
  })

  it('the BU status report covers every consumer of the subtree in one call', async () => {
    const home = sim.cloutility.credentials.homeBusinessUnitId
    const report = (await s.api(`/v1/bunits/${home}/reports/latest`)).json
    const data = sim.cloutility.data
    const expected: number[] = []
    const walk = (id: number) => {
      const b = data.businessUnits.get(id)!
      expected.push(...b.consumerIds)
      b.childIds.forEach(walk)
    }
    walk(home)
    expect(report.nodeReports.map((n: { consumerId: number }) => n.consumerId).sort()).toEqual(expected.sort())
    const n = report.nodeReports.find((x: { nodeId: number | null; lastBackupStatus: string | null }) => x.lastBackupStatus)
    expect(n).toMatchObject({ consumerId: expect.any(Number), nodeId: expect.any(Number), businessUnitId: expect.any(Number), name: expect.any(String), status: { name: expect.any(String) }, lastBackupDate: expect.any(String), megaBytes: expect.any(Number), warnings: expect.any(Array) })
    expect(report.status.name).toBe('Error') // at demo scale some node always fails
    expect(report.summaries.reduce((sum: number, x: { count: number }) => sum + x.count, 0)).toBe(expected.length)
    expect(report.childReports.length).toBe(data.businessUnits.get(home)!.childIds.length)
    const list = (await s.api(`/v1/bunits/${home}/reports?startDate=2026-11-20&endDate=2026-11-22`)).json
    expect(list.items).toHaveLength(3)
    expect((await s.api(`/v1/bunits/${home}/reports?type=combined`)).json.items).toHaveLength(1)
    expect((await s.api(`/v1/bunits/${home}/reports?type=weird`)).status).toBe(400)
    expect((await s.api(`/v1/bunits/${sim.cloutility.credentials.outsideBusinessUnitId}/reports/latest`)).status).toBe(403)
  })

  it('the latest status report is stored: served as built until a write, a new day or a minute old', async () => {
    const home = sim.cloutility.credentials.homeBusinessUnitId
    const latest = () => s.api(`/v1/bunits/${home}/reports/latest`)
    const built = await latest()
    expect(built.json.updateTime).toBe(new Date(clock.now()).toISOString())
    clock.advance(30_000)
    await cloutilityLogin(sim) // a login changes no data
    expect((await latest()).text).toBe(built.text)

    const c = activatedConsumer(sim)
    expect((await s.api(base(c), { method: 'PUT', json: { name: 'renamed-for-the-report' } })).status).toBe(200)
    const afterWrite = (await latest()).json
    expect(afterWrite.nodeReports.find((n: { consumerId: number }) => n.consumerId === c.id).name).toBe('renamed-for-the-report')
    expect(afterWrite.updateTime).toBe(new Date(clock.now()).toISOString())

    clock.advance(59_000)
    expect((await latest()).json.updateTime).toBe(afterWrite.updateTime)
    clock.advance(1_000)
    expect((await latest()).json.updateTime).toBe(new Date(clock.now()).toISOString())
  })

  it('audit logs filter by types, time, paging, order and includeDescendants', async () => {
    const home = sim.cloutility.credentials.homeBusinessUnitId
    const c = activatedConsumer(sim)
    const all = (await s.api(`${base(c)}/auditlogs`)).json
    expect(all.total).toBeGreaterThanOrEqual(2)
    expect(all.items[0]).toMatchObject({ type: expect.any(Number), message: expect.any(String), createdDate: expect.any(String), consumerId: c.id })
    const creates = (await s.api(`${base(c)}/auditlogs?types=100`)).json
    expect(creates.items.every((e: { type: number }) => e.type === 100)).toBe(true)
    const two = (await s.api(`${base(c)}/auditlogs?types=0&types=100`)).json
    expect(two.total).toBe(all.items.filter((e: { type: number }) => e.type === 0 || e.type === 100).length)
    const asc = (await s.api(`${base(c)}/auditlogs?orderDesc=false`)).json.items.map((e: { createdDate: string }) => Date.parse(e.createdDate))
    expect([...asc].sort((a, b) => a - b)).toEqual(asc)
    const bu = (await s.api(`/v1/bunits/${home}/auditlogs`)).json
    const deep = (await s.api(`/v1/bunits/${home}/auditlogs?includeDescendants=true&limit=5&offset=2`)).json
    expect(deep.total).toBeGreaterThan(bu.total)
    expect(deep.items).toHaveLength(5)
    expect(deep.offset).toBe(2)
    const windowed = (await s.api(`/v1/bunits/${home}/auditlogs?includeDescendants=true&startTime=2026-01-01T00:00:00Z&endTime=2026-06-30T23:59:59Z&limit=1000`)).json
    for (const e of windowed.items) expect(e.createdDate >= '2026-01-01' && e.createdDate < '2026-07').toBe(true)
    expect((await s.api(`${base(c)}/auditlogs?types=7`)).status).toBe(400)
    expect((await s.api(`${base(c)}/auditlogs?limit=-1`)).status).toBe(400)
    expect((await s.api(`${base(c)}/auditlogs?startTime=notadate`)).status).toBe(400)
  })
})

// Measures start time, memory and a few request timings at a given size.
// Usage: node --expose-gc --import tsx src/simulator/measure.ts [nodes] [businessUnits]
import { startSimulator } from './index'

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now()
  const value = await fn()
  return [value, Math.round(performance.now() - t0)]
}

const mb = (n: number) => Math.round(n / 1024 / 1024)
const nodes = Number(process.argv[2] ?? 50_000)
const businessUnits = process.argv[3] ? Number(process.argv[3]) : undefined
const gc = (globalThis as { gc?: () => void }).gc

gc?.()
const before = process.memoryUsage()
const [sim, startMs] = await timed(() => startSimulator({ nodes, ...(businessUnits ? { businessUnits } : { scale: 'huge' }) }))
gc?.()
const after = process.memoryUsage()
const c = sim.cloutility.credentials
const token = (await (await fetch(`${sim.cloutility.url}/v1/oauth`, { method: 'POST', headers: { origin: c.origin }, body: new URLSearchParams({ client_id: c.clientId, grant_type: 'password', username: c.username, password: c.password }) })).json()) as { access_token: string }
const headers = { authorization: `Bearer ${token.access_token}`, origin: c.origin }
const get = async (path: string) => {
  const res = await fetch(`${sim.cloutility.url}${path}`, { headers })
  const body = await res.arrayBuffer()
  return { status: res.status, bytes: body.byteLength }
}
const [tree, treeMs] = await timed(() => get('/v1/bunits'))
const [report, reportMs] = await timed(() => get(`/v1/bunits/${c.homeBusinessUnitId}/reports/latest`))
const first = [...sim.cloutility.data.consumers.values()].find((x) => x.node?.activatedMs && x.buId !== c.outsideBusinessUnitId)
const [jobs, jobsMs] = first ? await timed(() => get(`/v1/bunits/${first.buId}/consumers/${first.id}/jobs?startTime=${new Date(Date.now() - 30 * 86_400_000).toISOString()}`)) : [{ status: 0, bytes: 0 }, 0]
gc?.()
const peak = process.memoryUsage()
await sim.stop()
console.log(
  JSON.stringify(
    {
      node: process.version,
      nodes: sim.cloutility.data.consumers.size,
      businessUnits: sim.cloutility.data.businessUnits.size,
      startMs,
      rssBeforeMB: mb(before.rss),
      rssAfterStartMB: mb(after.rss),
      heapUsedAfterStartMB: mb(after.heapUsed),
      bunitsTree: { ...tree, ms: treeMs },
      statusReportWholeFleet: { ...report, ms: reportMs },
      jobs30Days: { ...jobs, ms: jobsMs },
      rssAfterRequestsMB: mb(peak.rss)
    },
    null,
    2
  )
)

// 8.5 Memory.
//  - Main process: the heap with 50,000 nodes loaded and cached the way the app holds them: every
//    business unit's consumption-unit list with its status (as `cloutility.consumptionUnits.list`
//    builds it: the list joined with the status report), plus a finished fleet scan (its 50,000
//    rows stay in the FleetService for the screen). Heap measured after a full GC, before and after.
//  - The simulator at 50,000 nodes, in its own process: start time and resident memory, after start
//    and after serving all of the above.
import { cloutilityFleetRows } from '../../src/main/core/providers/cloutility/fleet'
import { fork } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { runInNewContext } from 'node:vm'
import { setFlagsFromString } from 'node:v8'
import { FleetService } from '../../src/main/core/fleet'
import { createLogger } from '../../src/main/core/log/logger'
import { SecretRegistry } from '../../src/main/core/log/redact'
import { createCloutilityClient, type CloutilityClient } from '../../src/main/core/providers/cloutility/client'
import { allNodeReports, withReport } from '../../src/main/core/providers/cloutility/map'
import type { BusinessUnitNode, ConsumptionUnit, NodeReport } from '../../src/shared/providers/cloutility/model'
import { atSlowerCpu, median, summarise, type Figure } from './harness'
import { startSimProcess } from './sim-process'
import { vaultIn } from '../main/storage/vault-keys'

// --expose-gc in the child; the flag also works set at run time for a direct run.
setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as () => void

function heapMB(): number {
  gc()
  gc()
  return process.memoryUsage().heapUsed / 2 ** 20
}

/** Every business unit's list with status, as the app caches them (locals die here, as in the app). */
async function loadAllLists(client: CloutilityClient): Promise<Map<number, ConsumptionUnit[]>> {
  const cache = new Map<number, ConsumptionUnit[]>()
  const tree = await client.businessUnitTree()
  const report = await client.businessUnitStatusReport(tree.id)
  const byConsumer = new Map<number, NodeReport>()
  for (const r of allNodeReports(report)) if (r.consumerId !== undefined) byConsumer.set(r.consumerId, r)
  const ids: number[] = []
  const walk = (n: BusinessUnitNode) => {
    ids.push(n.id)
    for (const child of n.children) walk(child)
  }
  walk(tree)
  await Promise.all(
    ids.map(async (id) => {
      const list = await client.consumers(id)
      cache.set(id, list.map((cu) => withReport(cu, byConsumer.get(cu.id))))
    })
  )
  return cache
}

interface Rep {
  simStartMs: number
  simRssMB: number
  simRssAfterMB: number
  heapAddedMB: number
  fleetMB: number
  nodes: number
  lists: number
}

/** One measurement in a fresh process, so that nothing of a previous repetition is still on the heap. */
function runChild(): Promise<Rep> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), ['--memory-child'], { execArgv: ['--import', 'tsx', '--expose-gc'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
    child.once('message', (m) => resolve(m as Rep))
    child.once('error', reject)
    child.once('exit', (code) => (code ? reject(new Error(`memory child exited ${code}`)) : undefined))
  })
}

export async function benchMemory(reps = 3, cpuThrottle?: number): Promise<Figure[]> {
  const runs: Rep[] = []
  for (let i = 0; i < reps; i++) runs.push(await runChild())
  const last = runs.at(-1) as Rep
  const heapAdded = runs.map((r) => r.heapAddedMB)
  const fleetPart = runs.map((r) => r.fleetMB)
  return [
    summarise('8.5 Main process: heap added with 50,000 nodes loaded', 'MB', heapAdded, undefined, `${last.nodes.toLocaleString('en-US')} consumption units with status in ${last.lists.toLocaleString('en-US')} cached lists (${Math.round(median(heapAdded) - median(fleetPart))} MB) + the fleet scan's rows (${Math.round(median(fleetPart))} MB); after full GC, one fresh process per repetition`),
    atSlowerCpu(summarise('8.5 Simulator at 50,000 nodes: start', 's', runs.map((r) => r.simStartMs / 1000), { text: '< 5 s', ok: (m) => m < 5 }, '3,000 business units'), cpuThrottle, runs.map((r) => ({ value: r.simStartMs / 1000, cpu: r.simStartMs / 1000 }))),
    summarise('8.5 Simulator at 50,000 nodes: resident memory after start', 'MB', runs.map((r) => r.simRssMB), { text: '< 1 GB', ok: (m) => m < 1024 }),
    summarise('8.5 Simulator at 50,000 nodes: resident memory after serving the load above', 'MB', runs.map((r) => r.simRssAfterMB), { text: '< 1 GB', ok: (m) => m < 1024 }, '3,000 consumer lists and the 50,000-node status report')
  ]
}

async function measureOnce(): Promise<Rep> {
  const sim = await startSimProcess({ scale: 'huge', seed: 3 })
  const dataDir = mkdtempSync(join(tmpdir(), 'backdesk-bench-memory-'))
  try {
    const secrets = new SecretRegistry()
    const c = sim.info.cloutility.credentials
    const client = createCloutilityClient({
      baseUrl: sim.info.cloutility.url,
      clientId: c.clientId,
      origin: c.origin,
      username: c.username,
      password: c.password,
      logger: createLogger({ sinks: [], secrets, level: 'error' }),
      secrets
    })
    await client.me() // the login's own allocations are not what is measured
    // The review queue is sealed under a key from an unlocked vault (opened before measuring).
    const vault = await vaultIn(dataDir)
    await vault.unlock()
    const before = heapMB()
    // A finished fleet scan (its rows stay for the screen), then every list.
    const fleet = new FleetService({
      dataDir,
      keys: vault.keys,
      connections: { list: () => [{ id: 'm', provider: 'cloutility', name: 'Memory', customer: '', tags: [], baseUrl: '', secretOrigin: '', secrets: {}, hasCustomCa: false, demo: true, createdAt: '', updatedAt: '' }] },
      rowsOf: cloutilityFleetRows(async () => client)
    })
    const scan = await fleet.run()
    const afterFleet = heapMB()
    const cache = await loadAllLists(client)
    const after = heapMB()
    const nodes = [...cache.values()].reduce((n, l) => n + l.length, 0)
    if (scan.rows.length < nodes * 0.9) throw new Error(`fleet scan found ${scan.rows.length} of ${nodes}`)
    return {
      simStartMs: sim.info.startMs,
      simRssMB: sim.info.rssMB,
      simRssAfterMB: await sim.rssMB(),
      heapAddedMB: after - before,
      fleetMB: afterFleet - before,
      nodes,
      lists: cache.size
    }
  } finally {
    await sim.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

if (process.argv.includes('--memory-child')) {
  const rep = await measureOnce()
  process.send?.(rep)
  process.disconnect?.()
}

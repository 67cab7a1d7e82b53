// `npm run bench [name…]`: runs the benchmarks against the simulator, prints one table and writes
// the figures to reports/bench.json. Budgets are judged here, never in timed unit tests.
import { mkdirSync, writeFileSync } from 'node:fs'
import { machine, parseBenchArgs, table, type Figure } from './harness'
import { compareTable, readRun } from './compare'
import { benchFleet } from './fleet.bench'
import { benchHttpDoor } from './http-door.bench'
import { benchIpc } from './ipc.bench'
import { benchMemory } from './memory.bench'
import { benchRenderer } from './renderer.bench'
import { benchReports } from './reports.bench'
import { benchTokenChurn } from './token-churn.bench'
import { vaultUnlockFigure } from './vault-unlock'
import { benchWorkspace } from './workspace.bench'

/** `cpuThrottle`: `--cpu-throttle <factor>`, for the figures that can show it (see harness.ts). */
type Bench = (cpuThrottle?: number) => Promise<Figure[]>

const benches: Record<string, Bench> = {
  fleet: (k) => benchFleet({ cpuThrottle: k }),
  // Backdesk's scan alone, for A/B rounds (the naive client takes minutes and does not change).
  'fleet-scan': (k) => benchFleet({ cpuThrottle: k, naive: false }),
  tokens: () => benchTokenChurn(),
  ipc: (k) => benchIpc(undefined, undefined, k),
  door: (k) => benchHttpDoor(undefined, undefined, k),
  renderer: (k) => benchRenderer(undefined, k),
  memory: (k) => benchMemory(undefined, k),
  reports: () => benchReports(),
  vault: (k) => vaultUnlockFigure(k),
  workspace: () => benchWorkspace()
}

async function main(): Promise<void> {
  const { names: wanted, cpuThrottle, compare } = parseBenchArgs(process.argv.slice(2))
  if (compare) {
    process.stdout.write(`${compareTable(compare.map(readRun))}\n`)
    return
  }
  const names = wanted.length ? wanted : Object.keys(benches).filter((name) => name !== 'fleet-scan')
  const figures: Figure[] = []
  for (const name of names) {
    const bench = benches[name]
    if (!bench) throw new Error(`Unknown benchmark "${name}". Known: ${Object.keys(benches).join(', ')}`)
    process.stderr.write(`running ${name}…\n`)
    figures.push(...(await bench(cpuThrottle)))
  }
  const report = { at: new Date().toISOString(), machine: machine(), ...(cpuThrottle ? { cpuThrottle } : {}), figures }
  mkdirSync('reports', { recursive: true })
  writeFileSync('reports/bench.json', JSON.stringify(report, null, 2))
  process.stdout.write(`${table(figures)}\n\nmachine: ${JSON.stringify(report.machine)}\n`)
  const missed = figures.filter((f) => f.pass === false)
  if (missed.length) process.stdout.write(`\nMISSED budgets: ${missed.map((f) => f.name).join('; ')}\n`)
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`)
  process.exit(1)
})

// `npm run bench [name…]`: runs the benchmarks against the simulator, prints one table and writes
// the figures to reports/bench.json. Budgets are judged here, never in timed unit tests.
import { mkdirSync, writeFileSync } from 'node:fs'
import { machine, table, type Figure } from './harness'
import { benchFleet } from './fleet.bench'
import { benchHttpDoor } from './http-door.bench'
import { benchIpc } from './ipc.bench'
import { benchMemory } from './memory.bench'
import { benchRenderer } from './renderer.bench'
import { benchReports } from './reports.bench'
import { benchTokenChurn } from './token-churn.bench'
import { vaultUnlockFigure } from './vault-unlock'
import { benchWorkspace } from './workspace.bench'

type Bench = () => Promise<Figure[]>

const benches: Record<string, Bench> = {
  fleet: () => benchFleet(),
  tokens: () => benchTokenChurn(),
  ipc: () => benchIpc(),
  door: () => benchHttpDoor(),
  renderer: () => benchRenderer(),
  memory: () => benchMemory(),
  reports: () => benchReports(),
  vault: () => vaultUnlockFigure(),
  workspace: () => benchWorkspace()
}

async function main(): Promise<void> {
  const wanted = process.argv.slice(2)
  const names = wanted.length ? wanted : Object.keys(benches)
  const figures: Figure[] = []
  for (const name of names) {
    const bench = benches[name]
    if (!bench) throw new Error(`Unknown benchmark "${name}". Known: ${Object.keys(benches).join(', ')}`)
    process.stderr.write(`running ${name}…\n`)
    figures.push(...(await bench()))
  }
  const report = { at: new Date().toISOString(), machine: machine(), figures }
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

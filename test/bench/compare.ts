// `npm run bench -- --compare <run.json> <run.json> …`: the README's side-by-side table of runs kept
// from different machines (each `reports/bench.json`, saved under docs/bench/). A budget is met only
// if it holds on every machine compared, so the last column is the verdict across all of them.
import { readFileSync } from 'node:fs'
import { fmt, type Figure } from './harness'

export interface BenchRun {
  at: string
  machine: Record<string, string | number>
  cpuThrottle?: number
  figures: Figure[]
}

export function readRun(path: string): BenchRun {
  let run: unknown
  try {
    run = JSON.parse(readFileSync(path, 'utf8'))
  } catch (err) {
    throw new Error(`${path} is not a bench report: ${err instanceof Error ? err.message : String(err)}`)
  }
  const r = run as Partial<BenchRun>
  if (!r || typeof r.at !== 'string' || !r.machine || !Array.isArray(r.figures)) {
    throw new Error(`${path} is not a bench report (no "at", "machine" and "figures")`)
  }
  return r as BenchRun
}

/**
 * "AMD EPYC, 2 cores, Node 24 (2026-12-04 08:55)": how a column names its machine, and when (UTC;
 * one machine is often run more than once a day). The Node major is named because the main-process
 * figures move with it (the app's main runs on Electron's Node, the bench on whichever started it).
 */
function label(run: BenchRun): string {
  const node = /^v?(\d+)\./.exec(String(run.machine.node ?? ''))?.[1]
  return `${String(run.machine.cpu ?? 'unknown CPU').trim()}, ${String(run.machine.cores ?? '?')} cores${node ? `, Node ${node}` : ''} (${run.at.slice(0, 16).replace('T', ' ')})`
}

function cell(f: Figure | undefined): string {
  if (!f) return '—'
  const verdict = f.pass === undefined ? '' : f.pass ? ' ok' : ' MISSED'
  const slower = f.slower ? `; ${fmt(f.slower.median, f.unit)} at ${f.slower.factor}× slower${f.slower.pass === false ? ' MISSED' : ''}` : ''
  return `${fmt(f.median, f.unit)}${verdict}${slower}`
}

/** One row per figure (in the first run's order, then figures only later runs have), one column per run. */
export function compareTable(runs: BenchRun[]): string {
  if (runs.length === 0) throw new Error('--compare needs at least one bench report')
  const names: string[] = []
  for (const run of runs) for (const f of run.figures) if (!names.includes(f.name)) names.push(f.name)
  const byName = runs.map((run) => new Map(run.figures.map((f) => [f.name, f])))
  const header = ['figure', 'budget', ...runs.map(label), 'held on all']
  const rows = names.map((name) => {
    const figures = byName.map((m) => m.get(name))
    // The newest run's budget: a budget tightened since an older run is the one that counts now.
    const budget = [...figures].reverse().find((f) => f?.budget)?.budget ?? ''
    const judged = figures.filter((f): f is Figure => f?.pass !== undefined)
    const all = !budget ? '' : judged.length < runs.length ? 'not on every machine' : judged.every((f) => f.pass) ? 'yes' : 'no'
    return [name, budget, ...figures.map(cell), all]
  })
  const widths = header.map((_, i) => Math.max(header[i]!.length, ...rows.map((r) => r[i]!.length)))
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n')
}

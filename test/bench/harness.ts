// A small benchmark harness: repetitions, median and spread, a budget per figure, one table.
import { cpus, totalmem } from 'node:os'

export interface Figure {
  /** What was measured, e.g. "IPC no-op: added per call". */
  name: string
  unit: 'ms' | 'MB' | 'KB' | 'x' | 'count' | 's'
  median: number
  min?: number
  max?: number
  /** Human-readable budget, e.g. "< 0.2 ms". */
  budget?: string
  pass?: boolean
  note?: string
  /** The same figure on a CPU `factor`× slower (`--cpu-throttle`): measured under Chromium's CPU
   *  throttling for the renderer, projected for the core (see `atSlowerCpu`). */
  slower?: { factor: number; median: number; pass?: boolean; how: 'measured' | 'projected' }
}

// Budgets by figure, so a slower-CPU figure is judged by the same rule as the figure itself.
const budgets = new WeakMap<Figure, (m: number) => boolean>()

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

export function summarise(name: string, unit: Figure['unit'], samples: number[], budget?: { text: string; ok: (m: number) => boolean }, note?: string): Figure {
  const m = median(samples)
  const figure: Figure = { name, unit, median: m, min: Math.min(...samples), max: Math.max(...samples) }
  if (budget) {
    figure.budget = budget.text
    figure.pass = budget.ok(m)
    budgets.set(figure, budget.ok)
  }
  if (note) figure.note = note
  return figure
}

/**
 * `--cpu-throttle <factor>`: how much margin a budget has on a CPU `factor`× slower.
 * Node has no CPU throttle, so a core figure is projected: the part of it that is this process's
 * own CPU work is multiplied by the factor, and what the figure spends waiting (the simulated wire,
 * the provider's own work, which a slower laptop does not slow) is kept. `cpuMs` of a sample is
 * that CPU part; a pure-CPU figure (scrypt, the IPC router) passes its whole value.
 */
export function atSlowerCpu(figure: Figure, factor: number | undefined, samples: { value: number; cpu: number }[], toFigure: (value: number) => number = (v) => v): Figure {
  if (!factor || factor === 1) return figure
  const projected = median(samples.map((s) => toFigure(s.value + (factor - 1) * s.cpu)))
  const ok = budgets.get(figure)
  figure.slower = { factor, median: projected, how: 'projected', ...(ok ? { pass: ok(projected) } : {}) }
  return figure
}

/** A figure measured again on a throttled CPU (Chromium's `Emulation.setCPUThrottlingRate`). */
export function measuredSlower(figure: Figure, factor: number, value: number): Figure {
  const ok = budgets.get(figure)
  figure.slower = { factor, median: value, how: 'measured', ...(ok ? { pass: ok(value) } : {}) }
  return figure
}

/**
 * Parses `--cpu-throttle <factor>` (or `--cpu-throttle=<factor>`) out of argv; the rest are bench
 * names. `--compare <run.json>…` takes every argument after it as a saved report to set side by side.
 */
export function parseBenchArgs(argv: string[]): { names: string[]; cpuThrottle?: number; compare?: string[] } {
  const names: string[] = []
  let cpuThrottle: number | undefined
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string
    const inline = /^--cpu-throttle=(.+)$/.exec(arg)
    if (arg === '--compare') {
      const files = argv.slice(i + 1)
      if (!files.length) throw new Error('--compare needs one or more saved bench reports (reports/bench.json, docs/bench/*.json)')
      if (names.length || cpuThrottle !== undefined) throw new Error('--compare reads saved reports: give it no bench names or --cpu-throttle')
      return { names: [], compare: files }
    }
    if (arg === '--cpu-throttle' || inline) {
      const raw = inline ? inline[1] : argv[++i]
      const factor = Number(raw)
      if (!Number.isFinite(factor) || factor < 1) throw new Error(`--cpu-throttle needs a factor of 1 or more (for example 2), not "${raw ?? ''}"`)
      cpuThrottle = factor
    } else if (arg.startsWith('--')) {
      throw new Error(`Unknown option "${arg}". Options: --cpu-throttle <factor>, --compare <run.json>…`)
    } else names.push(arg)
  }
  return cpuThrottle === undefined ? { names } : { names, cpuThrottle }
}

export function machine(): Record<string, string | number> {
  const cpu = cpus()
  return {
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpu: cpu[0]?.model ?? 'unknown',
    cores: cpu.length,
    memoryGiB: Math.round(totalmem() / 2 ** 30)
  }
}

export function fmt(value: number | undefined, unit: string): string {
  if (value === undefined) return ''
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : Math.abs(value) >= 1 ? 2 : 4
  return `${value.toFixed(digits)} ${unit}`
}

export function table(figures: Figure[]): string {
  const factor = figures.find((f) => f.slower)?.slower?.factor
  const rows = [['figure', 'median', 'spread (min–max)', 'budget', 'verdict', ...(factor ? [`at ${factor}× slower CPU`, 'verdict'] : [])]]
  for (const f of figures) {
    rows.push([
      f.name,
      fmt(f.median, f.unit),
      f.min === undefined ? '' : `${fmt(f.min, f.unit)} – ${fmt(f.max, f.unit)}`,
      f.budget ?? '',
      f.pass === undefined ? '' : f.pass ? 'ok' : 'MISSED',
      ...(factor
        ? [f.slower ? `${fmt(f.slower.median, f.unit)} (${f.slower.how})` : '', f.slower?.pass === undefined ? '' : f.slower.pass ? 'ok' : 'MISSED']
        : [])
    ])
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)))
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`
  return [line(rows[0]!), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.slice(1).map(line)].join('\n')
}

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
}

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
  }
  if (note) figure.note = note
  return figure
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

function fmt(value: number | undefined, unit: string): string {
  if (value === undefined) return ''
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : Math.abs(value) >= 1 ? 2 : 4
  return `${value.toFixed(digits)} ${unit}`
}

export function table(figures: Figure[]): string {
  const rows = [['figure', 'median', 'spread (min–max)', 'budget', 'verdict']]
  for (const f of figures) {
    rows.push([
      f.name,
      fmt(f.median, f.unit),
      f.min === undefined ? '' : `${fmt(f.min, f.unit)} – ${fmt(f.max, f.unit)}`,
      f.budget ?? '',
      f.pass === undefined ? '' : f.pass ? 'ok' : 'MISSED'
    ])
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)))
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`
  return [line(rows[0]!), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.slice(1).map(line)].join('\n')
}

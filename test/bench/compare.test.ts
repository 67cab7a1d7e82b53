import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { compareTable, readRun, type BenchRun } from './compare'
import { parseBenchArgs, summarise } from './harness'

const within = { text: '≤ 1.3×', ok: (m: number) => m <= 1.3 }

function run(cpu: string, at: string, figures: BenchRun['figures'], node?: string): BenchRun {
  return { at, machine: { cpu, cores: 2, ...(node ? { node } : {}) }, figures }
}

describe('bench --compare', () => {
  it('takes every argument after --compare as a saved report, and nothing else with it', () => {
    expect(parseBenchArgs(['--compare', 'a.json', 'b.json'])).toEqual({ names: [], compare: ['a.json', 'b.json'] })
    expect(() => parseBenchArgs(['--compare'])).toThrow(/one or more saved bench reports/)
    expect(() => parseBenchArgs(['fleet', '--compare', 'a.json'])).toThrow(/no bench names/)
  })

  it('sets machines side by side and holds a budget only if every machine met it', () => {
    const xeon = run('Intel Xeon', '2026-12-01T19:30:00Z', [summarise('scan ÷ floor', 'x', [1.28], within), summarise('unlock', 'ms', [293])])
    const epyc = run('AMD EPYC', '2026-12-04T02:00:00Z', [summarise('scan ÷ floor', 'x', [1.76], within), summarise('last byte → rows', 'ms', [9])])
    const text = compareTable([xeon, epyc])
    const lines = text.split('\n')
    expect(lines[0]).toMatch(/figure +\| budget \| Intel Xeon, 2 cores \(2026-12-01 19:30\) \| AMD EPYC, 2 cores \(2026-12-04 02:00\) \| held on all/)
    expect(lines.find((l) => l.startsWith('| scan ÷ floor'))).toMatch(/1\.28 x ok +\| 1\.76 x MISSED +\| no/)
    // A figure one machine never measured is shown as such, in the order the runs name them.
    expect(lines.find((l) => l.startsWith('| unlock'))).toMatch(/293 ms +\| — /)
    expect(lines.findIndex((l) => l.startsWith('| last byte'))).toBe(4)
  })

  it('names the Node a run was measured on, when the run says', () => {
    const runs = [run('AMD EPYC', '2026-12-05T09:00:00Z', [], 'v20.20.2'), run('AMD EPYC', '2026-12-05T09:10:00Z', [], 'v24.18.0')]
    expect(compareTable(runs).split('\n')[0]).toMatch(/\| AMD EPYC, 2 cores, Node 20 \(2026-12-05 09:00\) \| AMD EPYC, 2 cores, Node 24 \(2026-12-05 09:10\) \|/)
  })

  it('says which file is not a bench report', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-compare-'))
    writeFileSync(join(dir, 'notes.json'), '{"hello": 1}')
    writeFileSync(join(dir, 'broken.json'), '{')
    expect(() => readRun(join(dir, 'notes.json'))).toThrow(/notes\.json is not a bench report/)
    expect(() => readRun(join(dir, 'broken.json'))).toThrow(/broken\.json is not a bench report/)
  })
})

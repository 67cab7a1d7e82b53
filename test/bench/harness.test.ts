import { describe, expect, it } from 'vitest'
import { atSlowerCpu, parseBenchArgs, summarise, table } from './harness'

describe('bench harness: --cpu-throttle', () => {
  it('reads the factor in both spellings and keeps the bench names', () => {
    expect(parseBenchArgs(['fleet', '--cpu-throttle', '2', 'vault'])).toEqual({ names: ['fleet', 'vault'], cpuThrottle: 2 })
    expect(parseBenchArgs(['--cpu-throttle=1.5'])).toEqual({ names: [], cpuThrottle: 1.5 })
    expect(parseBenchArgs(['renderer'])).toEqual({ names: ['renderer'] })
  })

  it('refuses a factor below 1, a missing factor and an unknown option', () => {
    expect(() => parseBenchArgs(['--cpu-throttle', '0.5'])).toThrow(/factor of 1 or more/)
    expect(() => parseBenchArgs(['--cpu-throttle'])).toThrow(/factor of 1 or more/)
    expect(() => parseBenchArgs(['--cpu-trottle', '2'])).toThrow(/Unknown option "--cpu-trottle"/)
  })

  it('stretches only the CPU part of a sample and judges it by the figure’s own budget', () => {
    // 150 ms of wire + 40 ms of CPU: at 2× the CPU part doubles, the wire does not.
    const samples = [{ value: 190, cpu: 40 }, { value: 200, cpu: 50 }, { value: 180, cpu: 30 }]
    const ratio = summarise('scan ÷ floor', 'x', samples.map((s) => s.value / 150), { text: '≤ 1.3×', ok: (m) => m <= 1.3 })
    atSlowerCpu(ratio, 2, samples, (ms) => ms / 150)
    expect(ratio.pass).toBe(true)
    expect(ratio.slower).toEqual({ factor: 2, median: 230 / 150, how: 'projected', pass: false })
    expect(table([ratio])).toMatch(/at 2× slower CPU.*\n.*\n.*1\.53 x \(projected\) \| MISSED/)
  })

  it('leaves a figure alone without a factor', () => {
    const f = summarise('unlock', 'ms', [800], { text: '≤ 1000 ms', ok: (m) => m <= 1000 })
    expect(atSlowerCpu(f, undefined, [{ value: 800, cpu: 800 }]).slower).toBeUndefined()
    expect(table([f])).not.toMatch(/slower/)
  })
})

import { describe, expect, it } from 'vitest'
import { formatBytes, formatNumber } from '../../../src/shared/format'
import { chartAxes } from '../../../src/renderer/src/components/chart-axes'

const GiB = 1024 ** 3
const MiB = 1024 ** 2
const bytes = (name: string) => ({ name, format: (v: number) => formatBytes(v), bytes: true })
const texts = (axis: { ticks: ReadonlyArray<{ text: string }> } | undefined) => axis?.ticks.map((t) => t.text)

describe('chartAxes', () => {
  it('gives a second series of another size its own right-hand axis, named by it, in its unit', () => {
    const axes = chartAxes([bytes('Storage'), bytes('Transferred')], [5.73 * GiB, 300 * MiB])
    expect(axes.left.label).toBe('Storage')
    expect(texts(axes.left)).toEqual(['0 B', '5 GiB', '10 GiB'])
    expect(axes.right?.side).toBe('right')
    expect(axes.right?.label).toBe('Transferred')
    expect(texts(axes.right)).toEqual(['0 B', '250 MiB', '500 MiB'])
    // Each series' bars are scaled to the axis it reads on.
    expect(axes.tops).toEqual([10 * GiB, 500 * MiB])
    expect(axes.legend).toEqual(['Storage (left axis)', 'Transferred (right axis)'])
  })

  it('keeps one axis, and plain names in the legend, for series that share it or a single series', () => {
    const counts = [
      { name: 'Failing objects', format: (v: number) => formatNumber(v) },
      { name: 'Stale objects', format: (v: number) => formatNumber(v) }
    ]
    const shared = chartAxes(counts, [30, 6], { sharedScale: true, integers: true, axisLabel: 'Objects' })
    expect(shared.right).toBeUndefined()
    expect(shared.left.label).toBe('Objects')
    expect(texts(shared.left)).toEqual(['0', '25', '50'])
    expect(shared.legend).toEqual(['Failing objects', 'Stale objects'])
    const single = chartAxes([bytes('Storage')], [3 * GiB])
    expect(single.right).toBeUndefined()
    expect(single.left.label).toBeUndefined()
    expect(single.legend).toEqual(['Storage'])
  })

  it('tops a size axis at a round size, so every tick reads round', () => {
    const ticksFor = (high: number) => texts(chartAxes([bytes('Storage')], [high]).left)
    expect(ticksFor(900 * MiB)).toEqual(['0 B', '512 MiB', '1 GiB'])
    expect(ticksFor(1.5 * GiB)).toEqual(['0 B', '1 GiB', '2 GiB'])
    expect(ticksFor(1010)).toEqual(['0 B', '512 B', '1 KiB'])
    expect(ticksFor(7)).toEqual(['0 B', '5 B', '10 B'])
    expect(ticksFor(2)).toEqual(['0 B', '1 B', '2 B'])
  })

  it('gives a series with nothing above zero only its 0 tick, and says so in the legend', () => {
    const axes = chartAxes([bytes('Storage'), bytes('Transferred')], [3 * GiB, 0])
    expect(texts(axes.right)).toEqual(['0 B'])
    expect(axes.legend).toEqual(['Storage (left axis)', 'Transferred (right axis, none)'])
    expect(texts(chartAxes([bytes('Storage')], [0]).left)).toEqual(['0 B'])
  })
})

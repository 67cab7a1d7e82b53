import { render, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { BarChart } from '../../../src/renderer/src/components/BarChart'

describe('BarChart', () => {
  it('draws one bar per point and series, as a labelled image', () => {
    const points = Array.from({ length: 10 }, (_, i) => ({ label: `D${i}`, values: [i * 100, i % 3 ? 5 : undefined] }))
    const { container } = render(
      <BarChart
        title="Storage"
        points={points}
        series={[
          { name: 'Storage', format: (v) => `${v} B` },
          { name: 'Transferred', format: (v) => `${v} B` }
        ]}
      />
    )
    const img = screen.getByRole('img')
    expect(img.getAttribute('aria-labelledby')).toBeTruthy()
    expect(container.querySelector('desc')?.textContent).toContain('highest 900 B')
    expect(container.querySelectorAll('svg[role="img"] rect')).toHaveLength(20)
    const heights = [...container.querySelectorAll('rect.chart-series-0')].map((r) => Number(r.getAttribute('height')))
    expect(heights[9]).toBeGreaterThan(heights[1] as number)
    expect(container.querySelector('[style]')).toBeNull()
  })

  it('draws a second series of another size on a right-hand axis of its own, and the legend says which axis each reads on', () => {
    const series = [
      { name: 'Storage', format: (v: number) => `${v} B` },
      { name: 'Transferred', format: (v: number) => `${v} B` }
    ]
    const points = [
      { label: 'A', values: [100, 3] },
      { label: 'B', values: [100, 7] }
    ]
    const { container } = render(<BarChart title="Storage" points={points} series={series} />)
    const axisText = (side: string) => [...container.querySelectorAll(`.chart-value-axis-${side} text`)].map((t) => t.textContent)
    // Each axis named by its series, its ticks in the series' unit.
    expect(axisText('left')).toEqual(['Storage', '0 B', '50 B', '100 B'])
    expect(axisText('right')).toEqual(['Transferred', '0 B', '5 B', '10 B'])
    // The right axis stands at the plot's right edge, its name in the series' colour.
    const rightName = container.querySelector('.chart-value-axis-right text')
    expect(Number(rightName?.getAttribute('x'))).toBeGreaterThan(600)
    expect(rightName?.getAttribute('class')).toContain('chart-series-1')
    // A bar of 7 on the right axis (top 10) is 70 % as high as a bar of 100 on the left (top 100).
    const height = (selector: string) => [...container.querySelectorAll(selector)].map((r) => Number(r.getAttribute('height')))
    const [storageA] = height('svg[role="img"] rect.chart-series-0')
    const [, transferredB] = height('svg[role="img"] rect.chart-series-1')
    expect(transferredB).toBeCloseTo((storageA as number) * 0.7)
    expect([...container.querySelectorAll('.legend-item')].map((l) => l.textContent)).toEqual(['Storage (left axis)', 'Transferred (right axis)'])
    expect(container.textContent).not.toContain('scale up to')
    // The text alternative gives both series, each with its axis.
    const desc = container.querySelector('desc')?.textContent ?? ''
    expect(desc).toContain('Storage (left axis) from 100 B to 100 B, highest 100 B')
    expect(desc).toContain('Transferred (right axis) from 3 B to 7 B, highest 7 B')
  })

  it('on a shared scale, equal values of two series are equally high and the legend gives no second scale', () => {
    const points = [
      { label: 'A', values: [30, 6] },
      { label: 'B', values: [6, 6] }
    ]
    const series = [
      { name: 'Failing objects', format: String },
      { name: 'Stale objects', format: String }
    ]
    const { container } = render(<BarChart title="Trend" points={points} series={series} options={{ sharedScale: true, integers: true, axisLabel: 'Objects' }} />)
    const height = (selector: string) => [...container.querySelectorAll(selector)].map((r) => Number(r.getAttribute('height')))
    const [failingA, failingB] = height('svg[role="img"] rect.chart-series-0')
    const [staleA] = height('svg[role="img"] rect.chart-series-1')
    expect(staleA).toBe(failingB)
    expect(failingA).toBeCloseTo((staleA as number) * 5)
    expect(container.querySelector('figcaption')?.textContent).toBe('Failing objectsStale objects')
    // The axis says what it counts, and its values are whole objects (0, 25, 50 for a top of 30).
    const axis = [...container.querySelectorAll('svg[role="img"] text.chart-axis')].map((t) => t.textContent)
    expect(axis).toContain('Objects')
    expect(axis.slice(0, 4)).toEqual(['Objects', '0', '25', '50'])
  })

  it('counts never put a fraction on the axis', () => {
    const axisOf = (top: number) => {
      const { container, unmount } = render(<BarChart title="T" points={[{ label: 'A', values: [top] }]} series={[{ name: 'N', format: String }]} options={{ integers: true }} />)
      const values = [...container.querySelectorAll('svg[role="img"] text.chart-axis')].map((t) => t.textContent).slice(0, 3)
      unmount()
      return values
    }
    expect(axisOf(1)).toEqual(['0', '1', '2'])
    expect(axisOf(4)).toEqual(['0', '3', '6'])
    // All zero: the axis says 0 and nothing more (the point's label follows).
    expect(axisOf(0)).toEqual(['0', 'A'])
  })

  it('puts a point’s second line under its label, and only as many labels as the width has room for', () => {
    const points = Array.from({ length: 14 }, (_, i) => ({ label: `Dec ${i + 1}`, sublabel: `10:${String(i).padStart(2, '0')}`, values: [i] }))
    const { container } = render(<BarChart title="T" points={points} series={[{ name: 'N', format: String }]} options={{ width: 480 }} />)
    const labels = [...container.querySelectorAll('svg[role="img"] text.chart-axis')].filter((t) => t.querySelector('tspan'))
    expect(labels[0]?.querySelector('tspan')?.textContent).toBe('10:00')
    // 396 units of plot at 56 a label: 7 labels, every other point.
    expect(labels.map((t) => t.firstChild?.textContent)).toEqual(['Dec 1', 'Dec 3', 'Dec 5', 'Dec 7', 'Dec 9', 'Dec 11', 'Dec 13'])
    expect(container.querySelector('svg[role="img"]')?.getAttribute('viewBox')).toBe('0 0 480 220')
  })
})

import { render, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { TrendPoint } from '../../../../src/shared/model/overview'
import { formatDayShort, formatTime } from '../../../../src/shared/format'
import { TrendChart } from '../../../../src/renderer/src/features/home/TrendChart'

const point = (scanId: string, finishedAt: string, failing: number, stale: number): TrendPoint => ({ scanId, finishedAt, failing, stale, total: 200 })

describe('TrendChart', () => {
  it('names each series, labels its axis in objects on one scale, and tells scans of one day apart by time', () => {
    const trend = [point('s1', '2026-12-05T09:00:00.000Z', 30, 6), point('s2', '2026-12-05T13:00:00.000Z', 25, 6)]
    const { container } = render(<TrendChart trend={trend} />)
    expect(screen.getByRole('img').textContent).toContain('Failing and stale objects over the last 2 scans')
    const legend = [...container.querySelectorAll('figcaption .legend-item')].map((i) => i.textContent)
    expect(legend).toEqual(['Failing objects', 'Stale objects'])
    const texts = [...container.querySelectorAll('svg[role="img"] text.chart-axis')]
    expect(texts.map((t) => t.textContent)).toContain('Objects')
    // Each scan: its day and, under it, its time.
    const ticks = texts.filter((t) => t.querySelector('tspan')).map((t) => [t.firstChild?.textContent, t.querySelector('tspan')?.textContent])
    expect(ticks).toEqual(trend.map((p) => [formatDayShort(p.finishedAt), formatTime(p.finishedAt)]))
    // One scale: the two scans' 6 stale objects are as high as each other, a fifth of the 30 failing.
    const heights = (cls: string) => [...container.querySelectorAll(`rect.${cls}`)].filter((r) => r.closest('svg[role="img"]')).map((r) => Number(r.getAttribute('height')))
    const [failing] = heights('chart-series-0')
    const [stale] = heights('chart-series-1')
    expect(failing).toBeCloseTo((stale as number) * 5)
  })
})

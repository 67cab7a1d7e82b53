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
})

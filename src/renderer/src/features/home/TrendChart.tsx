import { useMemo, type ReactNode } from 'react'
import type { TrendPoint } from '../../../../shared/model/overview'
import { TREND_SCANS } from '../../../../shared/model/overview'
import { formatDateTime, formatDayShort, formatNumber } from '../../../../shared/format'
import { BarChart, type ChartSeries } from '../../components/BarChart'

const SERIES: readonly ChartSeries[] = [
  { name: 'Failing', className: 'chart-series-0', format: (v) => formatNumber(v) },
  { name: 'Stale', className: 'chart-series-1', format: (v) => formatNumber(v) }
]

/** Failing and stale objects over the last kept full-fleet scans (oldest left). */
export function TrendChart({ trend }: { trend: readonly TrendPoint[] }): ReactNode {
  const points = useMemo(
    () =>
      trend.map((p) => ({
        label: formatDayShort(p.finishedAt),
        values: [p.failing, p.stale],
        title: `${formatDateTime(p.finishedAt)}: ${p.failing} failing, ${p.stale} stale of ${p.total}`
      })),
    [trend]
  )
  if (trend.length < 2) return <p className="muted small">The trend appears after two full scans (it shows the last {TREND_SCANS}).</p>
  return (
    <div className="overview-trend">
      <BarChart title={`Failing and stale objects over the last ${trend.length} scans`} points={points} series={SERIES} />
    </div>
  )
}

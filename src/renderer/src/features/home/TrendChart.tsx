import { useMemo, type ReactNode } from 'react'
import type { TrendPoint } from '../../../../shared/model/overview'
import { TREND_SCANS } from '../../../../shared/model/overview'
import { formatDateTime, formatDayShort, formatNumber, formatTime } from '../../../../shared/format'
import { BarChart, type ChartOptions, type ChartSeries } from '../../components/BarChart'

const SERIES: readonly ChartSeries[] = [
  { name: 'Failing objects', className: 'chart-series-0', format: (v) => formatNumber(v) },
  { name: 'Stale objects', className: 'chart-series-1', format: (v) => formatNumber(v) }
]

// Both series count objects, so they share one axis (a stale bar as high as a failing one is as
// many objects); the drawing is about as wide as the Overview's column at 1280 px, so its text is
// read at its own size rather than scaled down.
const OPTIONS: ChartOptions = { sharedScale: true, integers: true, axisLabel: 'Objects', width: 480 }

/** Failing and stale objects over the last kept full-fleet scans (oldest left). */
export function TrendChart({ trend }: { trend: readonly TrendPoint[] }): ReactNode {
  const points = useMemo(
    () =>
      trend.map((p) => ({
        // Scans of one day are told apart by their time, under the day.
        label: formatDayShort(p.finishedAt),
        sublabel: formatTime(p.finishedAt),
        values: [p.failing, p.stale],
        title: `${formatDateTime(p.finishedAt)}: ${p.failing} failing, ${p.stale} stale of ${p.total}`
      })),
    [trend]
  )
  if (trend.length < 2) return <p className="muted small">The trend appears after two full scans (it shows the last {TREND_SCANS}).</p>
  return (
    <div className="overview-trend">
      <BarChart title={`Failing and stale objects over the last ${trend.length} scans`} points={points} series={SERIES} options={OPTIONS} />
    </div>
  )
}

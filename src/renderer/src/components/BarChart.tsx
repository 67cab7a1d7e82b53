import { useId, useMemo, type ReactNode } from 'react'

// A bar chart in inline SVG (no chart library; SVG attributes only, so the CSP is happy). One
// or two series share the x axis; each has its own scale and colour. The chart is an image with
// a summary for screen readers; the numbers themselves are in the table next to it.

export interface ChartPoint {
  /** Axis label (already formatted). */
  label: string
  values: ReadonlyArray<number | undefined>
  /** Tooltip text (already formatted). */
  title?: string
}

export interface ChartSeries {
  name: string
  /** CSS class for the fill colour (chart-series-0, chart-series-1). */
  className?: string
  format: (value: number) => string
}

const WIDTH = 720
const HEIGHT = 220
const PAD = { top: 12, right: 12, bottom: 34, left: 72 }

function niceMax(max: number): number {
  if (max <= 0) return 1
  const exp = Math.pow(10, Math.floor(Math.log10(max)))
  const f = max / exp
  const nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10
  return nice * exp
}

export function BarChart({ title, points, series }: { title: string; points: readonly ChartPoint[]; series: readonly ChartSeries[] }): ReactNode {
  const titleId = useId()
  const descId = useId()
  const geometry = useMemo(() => {
    const plotW = WIDTH - PAD.left - PAD.right
    const plotH = HEIGHT - PAD.top - PAD.bottom
    const maxes = series.map((_, s) => niceMax(Math.max(0, ...points.map((p) => p.values[s] ?? 0))))
    const slot = points.length ? plotW / points.length : plotW
    const barW = Math.max(1, (slot * 0.8) / Math.max(1, series.length))
    const bars = points.flatMap((p, i) =>
      series.map((_, s) => {
        const v = p.values[s] ?? 0
        const h = ((maxes[s] ?? 1) > 0 ? v / (maxes[s] ?? 1) : 0) * plotH
        return { key: `${i}-${s}`, s, x: PAD.left + i * slot + slot * 0.1 + s * barW, y: PAD.top + plotH - h, w: barW, h, title: p.title ?? p.label }
      })
    )
    const every = Math.max(1, Math.ceil(points.length / 8))
    const ticks = points.map((p, i) => ({ i, label: p.label, x: PAD.left + i * slot + slot / 2 })).filter((t) => t.i % every === 0)
    return { plotW, plotH, maxes, bars, ticks }
  }, [points, series])

  const summary = series
    .map((s, i) => {
      const values = points.map((p) => p.values[i]).filter((v): v is number => v !== undefined)
      if (!values.length) return `${s.name}: no data`
      return `${s.name} from ${s.format(values[0] as number)} to ${s.format(values[values.length - 1] as number)}, highest ${s.format(Math.max(...values))}`
    })
    .join('; ')

  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={`${titleId} ${descId}`} preserveAspectRatio="xMidYMid meet">
        <title id={titleId}>{title}</title>
        <desc id={descId}>{points.length ? `${points.length} points (${points[0]?.label} – ${points[points.length - 1]?.label}). ${summary}.` : 'No data.'}</desc>
        {[0, 0.5, 1].map((f) => {
          const y = PAD.top + geometry.plotH * (1 - f)
          return (
            <g key={f}>
              <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y} y2={y} className="chart-grid" />
              {series[0] && (
                <text x={PAD.left - 6} y={y + 4} textAnchor="end" className="chart-axis">
                  {series[0].format((geometry.maxes[0] ?? 0) * f)}
                </text>
              )}
            </g>
          )
        })}
        {geometry.bars.map((b) => (
          <rect key={b.key} x={b.x} y={b.y} width={b.w} height={Math.max(0, b.h)} className={series[b.s]?.className ?? `chart-series-${b.s}`}>
            <title>{`${series[b.s]?.name ?? ''} · ${b.title}`}</title>
          </rect>
        ))}
        {geometry.ticks.map((t) => (
          <text key={t.i} x={t.x} y={HEIGHT - PAD.bottom + 16} textAnchor="middle" className="chart-axis">
            {t.label}
          </text>
        ))}
      </svg>
      <figcaption className="chart-legend">
        {series.map((s, i) => (
          <span key={s.name} className="legend-item">
            <svg width="12" height="12" aria-hidden="true" focusable="false">
              <rect width="12" height="12" className={s.className ?? `chart-series-${i}`} />
            </svg>
            {s.name}
            {i > 0 ? ` (scale up to ${s.format(geometry.maxes[i] ?? 0)})` : ''}
          </span>
        ))}
      </figcaption>
    </figure>
  )
}

import { useId, useMemo, type ReactNode } from 'react'

// A bar chart in inline SVG (no chart library; SVG attributes only, so the CSP is happy). One
// or two series share the x axis; each has its own scale (the axis shows the first's, the legend
// the second's) unless they count the same thing, when they share the axis. The chart is an image
// with a summary for screen readers; the numbers themselves are in the table or list next to it.

export interface ChartPoint {
  /** Axis label (already formatted). */
  label: string
  /** A second line under the label (a time under its day). */
  sublabel?: string
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

export interface ChartOptions {
  /** Every series on the one axis (they count the same thing): bars of equal value are equally high. */
  sharedScale?: boolean
  /** Whole numbers only (counts): the axis's middle line is never a fraction. */
  integers?: boolean
  /** What the axis counts ("Objects"), written above it. */
  axisLabel?: string
  /**
   * The drawing's width in its own units (default 720); a chart in a narrow column draws narrower,
   * so its text is not scaled down below a readable size.
   */
  width?: number
}

const DEFAULT_WIDTH = 720
const HEIGHT = 220
const BASE_PAD = { top: 12, right: 12, bottom: 34, left: 72 }
/** With room above the plot for the axis's label, clear of its top value. */
const LABELLED_PAD = { ...BASE_PAD, top: BASE_PAD.top + 14 }
/** The room one axis label needs (a short day or time at 11 px), so neighbours never overlap. */
const TICK_ROOM = 56

function niceMax(max: number, integers: boolean): number {
  if (max <= 0) return integers ? 2 : 1
  const exp = Math.pow(10, Math.floor(Math.log10(max)))
  const f = max / exp
  const nice = (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * exp
  // The middle line is half the top: an odd count would put a fraction there.
  return integers && nice % 2 !== 0 ? Math.ceil(nice) + (Math.ceil(nice) % 2) : nice
}

export function BarChart({ title, points, series, options = {} }: { title: string; points: readonly ChartPoint[]; series: readonly ChartSeries[]; options?: ChartOptions }): ReactNode {
  const titleId = useId()
  const descId = useId()
  const { sharedScale = false, integers = false, axisLabel, width: WIDTH = DEFAULT_WIDTH } = options
  const PAD = axisLabel ? LABELLED_PAD : BASE_PAD
  const geometry = useMemo(() => {
    const plotW = WIDTH - PAD.left - PAD.right
    const plotH = HEIGHT - PAD.top - PAD.bottom
    const highest = (s: number) => Math.max(0, ...points.map((p) => p.values[s] ?? 0))
    const shared = niceMax(Math.max(0, ...series.map((_, s) => highest(s))), integers)
    const highs = series.map((_, s) => highest(s))
    const maxes = highs.map((h) => (sharedScale ? shared : niceMax(h, integers)))
    const slot = points.length ? plotW / points.length : plotW
    const barW = Math.max(1, (slot * 0.8) / Math.max(1, series.length))
    const bars = points.flatMap((p, i) =>
      series.map((_, s) => {
        const v = p.values[s] ?? 0
        const h = ((maxes[s] ?? 1) > 0 ? v / (maxes[s] ?? 1) : 0) * plotH
        return { key: `${i}-${s}`, s, x: PAD.left + i * slot + slot * 0.1 + s * barW, y: PAD.top + plotH - h, w: barW, h, title: p.title ?? p.label }
      })
    )
    const every = Math.max(1, Math.ceil(points.length / Math.max(1, Math.floor(plotW / TICK_ROOM))))
    const ticks = points.map((p, i) => ({ i, label: p.label, sublabel: p.sublabel, x: PAD.left + i * slot + slot / 2 })).filter((t) => t.i % every === 0)
    return { plotW, plotH, highs, maxes, bars, ticks }
  }, [points, series, sharedScale, integers, WIDTH, PAD])

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
        {axisLabel && (
          <text x={PAD.left - 6} y={BASE_PAD.top} textAnchor="end" className="chart-axis chart-axis-label">
            {axisLabel}
          </text>
        )}
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
            {t.sublabel && (
              <tspan x={t.x} dy={13}>
                {t.sublabel}
              </tspan>
            )}
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
            {/* A series of zeros draws no bar: a scale for it ("up to 1 B") would only puzzle. */}
            {i > 0 && !sharedScale && (geometry.highs[i] ?? 0) > 0 ? ` (scale up to ${s.format(geometry.maxes[i] ?? 0)})` : ''}
          </span>
        ))}
      </figcaption>
    </figure>
  )
}

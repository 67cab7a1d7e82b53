import { useId, useMemo, type ReactNode } from 'react'
import { chartAxes, type AxisOptions, type AxisSeries } from './chart-axes'

// A bar chart in inline SVG (no chart library; SVG attributes only, so the CSP is happy). One
// or two series share the x axis. The first reads on the left axis; a second that counts
// something else reads on a right-hand axis of its own, each axis named by its series and the
// legend saying which axis each series reads on (chart-axes.ts). The chart is an image with a
// summary of every series for screen readers; the numbers themselves are in the table or list
// next to it.

export interface ChartPoint {
  /** Axis label (already formatted). */
  label: string
  /** A second line under the label (a time under its day). */
  sublabel?: string
  values: ReadonlyArray<number | undefined>
  /** Tooltip text (already formatted). */
  title?: string
}

export interface ChartSeries extends AxisSeries {
  /** CSS class for the fill colour (chart-series-0, chart-series-1). */
  className?: string
}

export interface ChartOptions extends AxisOptions {
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
/** With a right-hand axis: room for its values ("512 MiB") beside the plot, as on the left. */
const TWO_AXES_PAD = { ...LABELLED_PAD, right: BASE_PAD.left }
/** The room one axis label needs (a short day or time at 11 px), so neighbours never overlap. */
const TICK_ROOM = 56

export function BarChart({ title, points, series, options = {} }: { title: string; points: readonly ChartPoint[]; series: readonly ChartSeries[]; options?: ChartOptions }): ReactNode {
  const titleId = useId()
  const descId = useId()
  const { sharedScale = false, integers = false, axisLabel, width: WIDTH = DEFAULT_WIDTH } = options
  const axes = useMemo(() => {
    const highs = series.map((_, s) => Math.max(0, ...points.map((p) => p.values[s] ?? 0)))
    return chartAxes(series, highs, { sharedScale, integers, ...(axisLabel !== undefined ? { axisLabel } : {}) })
  }, [points, series, sharedScale, integers, axisLabel])
  const PAD = axes.right ? TWO_AXES_PAD : axes.left.label ? LABELLED_PAD : BASE_PAD
  const geometry = useMemo(() => {
    const plotW = WIDTH - PAD.left - PAD.right
    const plotH = HEIGHT - PAD.top - PAD.bottom
    const slot = points.length ? plotW / points.length : plotW
    const barW = Math.max(1, (slot * 0.8) / Math.max(1, series.length))
    const bars = points.flatMap((p, i) =>
      series.map((_, s) => {
        const v = p.values[s] ?? 0
        const top = axes.tops[s] ?? 1
        const h = (top > 0 ? v / top : 0) * plotH
        return { key: `${i}-${s}`, s, x: PAD.left + i * slot + slot * 0.1 + s * barW, y: PAD.top + plotH - h, w: barW, h, title: p.title ?? p.label }
      })
    )
    const every = Math.max(1, Math.ceil(points.length / Math.max(1, Math.floor(plotW / TICK_ROOM))))
    const ticks = points.map((p, i) => ({ i, label: p.label, sublabel: p.sublabel, x: PAD.left + i * slot + slot / 2 })).filter((t) => t.i % every === 0)
    return { plotH, bars, ticks }
  }, [points, series, axes, WIDTH, PAD])
  // Each value axis at its side: its name above it (in its series' colour when the chart has two),
  // and its ticks beside the plot's grid lines.
  const valueAxes = [axes.left, ...(axes.right ? [axes.right] : [])].map((a) => {
    const right = a.side === 'right'
    const x = right ? WIDTH - PAD.right + 6 : PAD.left - 6
    const anchor = right ? 'start' : 'end'
    const colour = axes.right ? (series[a.series[0] ?? 0]?.className ?? `chart-series-${a.series[0] ?? 0}`) : ''
    return (
      <g key={a.side} className={`chart-value-axis chart-value-axis-${a.side}`}>
        {a.label && (
          <text x={x} y={BASE_PAD.top} textAnchor={anchor} className={`chart-axis chart-axis-label ${colour}`.trim()}>
            {a.label}
          </text>
        )}
        {a.ticks.map((t) => (
          <text key={t.at} x={x} y={PAD.top + geometry.plotH * (1 - t.at) + 4} textAnchor={anchor} className="chart-axis">
            {t.text}
          </text>
        ))}
      </g>
    )
  })

  const summary = series
    .map((s, i) => {
      const name = axes.legend[i] ?? s.name
      const values = points.map((p) => p.values[i]).filter((v): v is number => v !== undefined)
      if (!values.length) return `${name}: no data`
      return `${name} from ${s.format(values[0] as number)} to ${s.format(values[values.length - 1] as number)}, highest ${s.format(Math.max(...values))}`
    })
    .join('; ')

  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={`${titleId} ${descId}`} preserveAspectRatio="xMidYMid meet">
        <title id={titleId}>{title}</title>
        <desc id={descId}>{points.length ? `${points.length} points (${points[0]?.label} – ${points[points.length - 1]?.label}). ${summary}.` : 'No data.'}</desc>
        {[0, 0.5, 1].map((f) => {
          const y = PAD.top + geometry.plotH * (1 - f)
          return <line key={f} x1={PAD.left} x2={WIDTH - PAD.right} y1={y} y2={y} className="chart-grid" />
        })}
        {valueAxes}
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
            {axes.legend[i] ?? s.name}
          </span>
        ))}
      </figcaption>
    </figure>
  )
}

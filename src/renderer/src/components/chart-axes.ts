// The value axes of a BarChart (components/BarChart.tsx), worked out apart from the drawing so
// their ticks and names can be checked on their own. The first series reads on the left axis.
// Series that count the same thing share it; otherwise the others read on a right-hand axis with
// its own scale, ticks in their own unit and the series' name, and the legend says which axis
// each series reads on.

export interface AxisSeries {
  name: string
  format: (value: number) => string
  /** Sizes in bytes: the axis tops at a round number of B, KiB, MiB…, so its ticks read round. */
  bytes?: boolean
}

export interface AxisOptions {
  /** Every series on the one axis (they count the same thing). */
  sharedScale?: boolean
  /** Whole numbers only (counts): the axis's middle tick is never a fraction. */
  integers?: boolean
  /** What the left axis counts ("Objects"); a chart with two axes names each by its series. */
  axisLabel?: string
}

interface AxisTick {
  /** How far up the plot, 0 (bottom) to 1 (top). */
  at: number
  value: number
  text: string
}

interface ValueAxis {
  side: 'left' | 'right'
  /** The name written above the axis, if any. */
  label?: string
  /** The series that read on this axis, by index. */
  series: number[]
  top: number
  ticks: AxisTick[]
}

interface ChartAxes {
  left: ValueAxis
  right?: ValueAxis
  /** Each series' scale: the top of the axis it reads on. */
  tops: number[]
  /** What the legend calls each series: its name, and on a two-axis chart the axis it reads on. */
  legend: string[]
}

const TICK_FRACTIONS = [0, 0.5, 1] as const
// Round tops within one binary unit: half of each is round too (512 MiB under 1 GiB).
const BINARY_STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1024] as const

/** The top of an axis that shows `max`: 1, 2 or 5 times a power of ten (or of a binary unit for bytes). */
function niceTop(max: number, options: { integers?: boolean; bytes?: boolean } = {}): number {
  // Bytes are whole: no half byte on the middle tick.
  const integers = options.integers === true || options.bytes === true
  if (max <= 0) return integers ? 2 : 1
  if (options.bytes && max >= 1024) {
    const unit = Math.pow(1024, Math.min(6, Math.floor(Math.log(max) / Math.log(1024))))
    const inUnit = max / unit
    const step = BINARY_STEPS.find((s) => s >= inUnit) ?? 1024
    return step * unit
  }
  const exp = Math.pow(10, Math.floor(Math.log10(max)))
  const f = max / exp
  const nice = (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * exp
  // Just under 1 KiB: 1 KiB, not 2,000 B ("1.95 KiB").
  if (options.bytes && nice > 1024) return 1024
  // The middle tick is half the top: an odd count would put a fraction there.
  return integers && nice % 2 !== 0 ? Math.ceil(nice) + (Math.ceil(nice) % 2) : nice
}

function axis(side: 'left' | 'right', label: string | undefined, indexes: number[], series: readonly AxisSeries[], highs: readonly number[], integers: boolean): ValueAxis {
  const first = series[indexes[0] ?? 0]
  const high = Math.max(0, ...indexes.map((i) => highs[i] ?? 0))
  const top = niceTop(high, { integers, bytes: first?.bytes === true })
  return {
    side,
    ...(label !== undefined ? { label } : {}),
    series: indexes,
    top,
    // Nothing above zero: a scale would be made up ("0 B / 1 B / 2 B" over no bars), so the axis says only 0.
    ticks: (high > 0 ? TICK_FRACTIONS : [0]).map((at) => ({ at, value: top * at, text: first ? first.format(top * at) : String(top * at) }))
  }
}

/** The axes for series whose highest values are `highs`. */
export function chartAxes(series: readonly AxisSeries[], highs: readonly number[], options: AxisOptions = {}): ChartAxes {
  const { sharedScale = false, integers = false, axisLabel } = options
  const indexes = series.map((_, i) => i)
  const twoAxes = !sharedScale && series.length > 1
  if (!twoAxes) {
    const left = axis('left', axisLabel, indexes, series, highs, integers)
    return { left, tops: indexes.map(() => left.top), legend: series.map((s) => s.name) }
  }
  const left = axis('left', axisLabel ?? series[0]?.name, [0], series, highs, integers)
  const others = indexes.slice(1)
  // Several further series share the right axis, named after them all.
  const right = axis('right', others.map((i) => series[i]?.name).join(', '), others, series, highs, integers)
  return {
    left,
    right,
    tops: indexes.map((i) => (i === 0 ? left.top : right.top)),
    legend: series.map((s, i) => `${s.name} (${i === 0 ? 'left' : 'right'} axis${(highs[i] ?? 0) > 0 ? '' : ', none'})`)
  }
}

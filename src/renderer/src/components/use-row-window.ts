import { useCallback, useLayoutEffect, useRef, useState, type RefObject } from 'react'
import { flushSync } from 'react-dom'

// Which rows of a fixed-row-height list are in view. Every row has the same height, so the
// window is arithmetic on scrollTop: nothing is measured and nothing is kept per row (a
// general-purpose virtualizer builds one measurement object per row whenever the row count
// changes, 10,000 of them per keystroke in a filtered table).
//
// A fling is not drawn row by row. While the list moves so fast that a row would cross the view in
// under a tenth of a second (nobody reads it), and has for two scroll events running, the rows
// stay as they were and the spacer's ruled lines show through; the rows are drawn as soon as the
// scroll slows down or stops. Every row that enters costs its frame the style, layout and paint of
// its cells: on the slower 2-core machine about 1 ms a row, 15 ms a frame at 7 rows a frame
// (docs/performance.md), so a drawn fling misses the frame budget while the same list scrolled at
// reading speed keeps it.

export interface RowWindow {
  /** First row rendered (inclusive) and the row after the last one rendered. */
  start: number
  end: number
  /** Height of the rows before `start` and after `end`, for the spacers. */
  padTop: number
  padBottom: number
  scrollToIndex(index: number): void
}

export interface RowWindowOptions {
  count: number
  rowHeight: number
  /** Rows rendered beyond the view on each side, for a fast wheel. */
  overscan: number
  /** Height used before the element has a layout (first render, test DOMs without layout). */
  fallbackHeight: number
  /** When this changes, the list scrolls back to its first row (a new filter or sort). */
  resetKey?: unknown
}

interface Viewport {
  top: number
  height: number
}

/** A row crossing the view faster than this is not drawn while the scroll keeps that speed. */
const UNREADABLE_MS = 100
/** A scroll event after a longer pause starts a new gesture (always drawn at once). */
const GESTURE_GAP_MS = 100
/** The rows of a fling are drawn this long after its last scroll event, if no slower one came first. */
export const FLING_SETTLE_MS = 80

/**
 * Whether a scroll of `distance` px over `ms` since the previous scroll event is too fast to read:
 * a row would cross a view of `height` px in under UNREADABLE_MS. Events in one frame (`ms` 0) count as fast.
 */
export function tooFastToRead(distance: number, ms: number, height: number): boolean {
  if (ms >= GESTURE_GAP_MS) return false
  return Math.abs(distance) * UNREADABLE_MS > height * Math.max(ms, 1)
}

/** The rows to render for a viewport; pure, so the scroll handler can tell whether anything changes. */
export function rowRange(count: number, rowHeight: number, overscan: number, viewport: Viewport): { start: number; end: number } {
  const height = Math.max(rowHeight, viewport.height)
  // The browser clamps scrollTop when the list gets shorter; clamping here too renders the right
  // rows in the same frame, instead of after the scroll event that the clamp fires.
  const top = Math.min(Math.max(0, viewport.top), Math.max(0, count * rowHeight - height))
  const first = Math.floor(top / rowHeight)
  const visible = Math.ceil(height / rowHeight) + 1
  return { start: Math.max(0, first - overscan), end: Math.min(count, first + visible + overscan) }
}

export function useRowWindow(scrollRef: RefObject<HTMLElement | null>, options: RowWindowOptions): RowWindow {
  const { count, rowHeight, overscan, fallbackHeight, resetKey } = options
  const [state, setState] = useState<Viewport & { resetKey: unknown }>({ top: 0, height: fallbackHeight, resetKey })
  let viewport: Viewport = state
  if (!Object.is(state.resetKey, resetKey)) {
    // A new filter or sort starts at the first row, in this very render (not one render later).
    viewport = { top: 0, height: state.height }
    setState({ ...viewport, resetKey })
  }
  const range = rowRange(count, rowHeight, overscan, viewport)

  // What the scroll handler compares against, kept current after each commit.
  const latest = useRef({ count, rowHeight, overscan, range, viewport })
  useLayoutEffect(() => {
    latest.current = { count, rowHeight, overscan, range, viewport }
  })

  // The last scroll event (time, position, whether it came too fast to read), and whether the next
  // one is a jump asked for (Home, End), which is drawn at once whatever its speed.
  const motion = useRef({ at: Number.NEGATIVE_INFINITY, top: 0, fast: false, jump: false })

  useLayoutEffect(() => {
    const el = scrollRef.current
    if (!el) return
    let settle: ReturnType<typeof setTimeout> | undefined
    const viewHeight = () => el.clientHeight || latest.current.viewport.height
    const update = (sync: boolean) => {
      const l = latest.current
      const next = { top: el.scrollTop, height: viewHeight() }
      const r = rowRange(l.count, l.rowHeight, l.overscan, next)
      if (r.start === l.range.start && r.end === l.range.end && next.height === l.viewport.height) return
      const apply = () => setState((s) => ({ ...s, ...next }))
      // Rows entering on a scroll are rendered in the scroll event itself, so the frame that
      // scrolls also shows them (no blank spacer for a frame).
      if (sync) flushSync(apply)
      else apply()
    }
    const onScroll = () => {
      const m = motion.current
      const now = Date.now()
      const top = el.scrollTop
      const fast = tooFastToRead(top - m.top, now - m.at, viewHeight())
      const fling = fast && m.fast && !m.jump
      motion.current = { at: now, top, fast, jump: false }
      if (settle !== undefined) clearTimeout(settle)
      settle = undefined
      if (fling) settle = setTimeout(() => update(false), FLING_SETTLE_MS)
      else update(true)
    }
    el.addEventListener('scroll', onScroll, { passive: true })
    const resize = typeof ResizeObserver === 'undefined' ? undefined : new ResizeObserver(() => update(false))
    resize?.observe(el)
    update(false)
    return () => {
      el.removeEventListener('scroll', onScroll)
      resize?.disconnect()
      if (settle !== undefined) clearTimeout(settle)
    }
  }, [scrollRef])

  // The element follows the reset above (its scroll event then finds nothing new to render).
  useLayoutEffect(() => {
    const el = scrollRef.current
    if (el && el.scrollTop !== 0) el.scrollTop = 0
  }, [resetKey, scrollRef])

  const scrollToIndex = useCallback(
    (index: number) => {
      const el = scrollRef.current
      if (!el) return
      motion.current.jump = true
      el.scrollTop = Math.max(0, index) * latest.current.rowHeight
    },
    [scrollRef]
  )

  return {
    start: range.start,
    end: range.end,
    padTop: range.start * rowHeight,
    padBottom: (count - range.end) * rowHeight,
    scrollToIndex
  }
}

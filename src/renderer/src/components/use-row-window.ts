import { useCallback, useLayoutEffect, useRef, useState, type RefObject } from 'react'
import { flushSync } from 'react-dom'

// Which rows of a fixed-row-height list are in view. Every row has the same height, so the
// window is arithmetic on scrollTop: nothing is measured and nothing is kept per row (a
// general-purpose virtualizer builds one measurement object per row whenever the row count
// changes, 10,000 of them per keystroke in a filtered table).

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

  useLayoutEffect(() => {
    const el = scrollRef.current
    if (!el) return
    const update = (sync: boolean) => {
      const l = latest.current
      const next = { top: el.scrollTop, height: el.clientHeight || l.viewport.height }
      const r = rowRange(l.count, l.rowHeight, l.overscan, next)
      if (r.start === l.range.start && r.end === l.range.end && next.height === l.viewport.height) return
      const apply = () => setState((s) => ({ ...s, ...next }))
      // Rows entering on a scroll are rendered in the scroll event itself, so the frame that
      // scrolls also shows them (no blank spacer for a frame).
      if (sync) flushSync(apply)
      else apply()
    }
    const onScroll = () => update(true)
    el.addEventListener('scroll', onScroll, { passive: true })
    const resize = typeof ResizeObserver === 'undefined' ? undefined : new ResizeObserver(() => update(false))
    resize?.observe(el)
    update(false)
    return () => {
      el.removeEventListener('scroll', onScroll)
      resize?.disconnect()
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
      if (el) el.scrollTop = Math.max(0, index) * latest.current.rowHeight
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

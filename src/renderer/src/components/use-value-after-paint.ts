import { startTransition, useEffect, useState } from 'react'

/**
 * `value`, once the frame that shows its change has been painted. A keystroke in a filter box
 * paints the input at once; the expensive work it causes (filtering 10,000 rows, laying out a new
 * window of them) runs in the next frame instead of piling onto the same one. useDeferredValue
 * starts that work right after the keystroke's own render, so on a slow machine both land in one
 * frame. The update is a transition: a newer value interrupts an older render, and a value that
 * changes again before its frame is never rendered at all.
 */
export function useValueAfterPaint<T>(value: T): T {
  const [shown, setShown] = useState(value)
  useEffect(() => {
    if (Object.is(value, shown)) return
    let timer: ReturnType<typeof setTimeout> | undefined
    // rAF runs just before the next paint; a task queued from it runs just after that paint.
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => startTransition(() => setShown(value)), 0)
    })
    return () => {
      cancelAnimationFrame(frame)
      if (timer !== undefined) clearTimeout(timer)
    }
  }, [value, shown])
  return shown
}

import { useLayoutEffect, useRef, useState, type KeyboardEvent, type PointerEvent, type ReactNode, type RefObject } from 'react'
import { clampPaneWidth, paneMaxWidth, type PaneBounds } from './pane-width'

/** Left or Right moves the edge this far; with Shift, four times as far (as a table's column edges). */
const KEY_STEP = 16

interface PaneSplitterProps {
  /** What it resizes, in words: "Resize the business-unit tree". */
  label: string
  /** The pane on the splitter's left; its width on screen is the default's width. */
  pane: RefObject<HTMLElement | null>
  bounds: PaneBounds
  /** The width the user set; undefined: the pane's default from the stylesheet. */
  width: number | undefined
  /** A new width (undefined: back to the default); `done` when it is to be kept. */
  onWidthChange: (width: number | undefined, done: boolean) => void
}

function widthOf(element: Element | null | undefined): number {
  return element?.getBoundingClientRect().width ?? 0
}

interface Measured {
  pane: number
  container: number
}

/**
 * The draggable edge between a pane and the content on its right, in the grid that holds both
 * (its parent). Pointer drag, Left/Right (Shift: further), Home/End for the narrowest and widest,
 * and double-click, Enter or Escape for the default width. The widest is a share of the container,
 * so the content always keeps room.
 */
export function PaneSplitter({ label, pane, bounds, width, onWidthChange }: PaneSplitterProps): ReactNode {
  const self = useRef<HTMLDivElement>(null)
  const containerWidth = (): number => widthOf(self.current?.parentElement)
  const paneWidth = (): number => widthOf(pane.current)

  // The widths on screen, for aria-valuenow/max: the default's width is the stylesheet's, and the
  // widest depends on the window. Measured again after every change of width (the default's comes
  // back from the stylesheet), and whenever either box is resized.
  const [measured, setMeasured] = useState<Measured>({ pane: 0, container: 0 })
  useLayoutEffect(() => {
    const measure = () =>
      setMeasured((m) => {
        const next = { pane: Math.round(widthOf(pane.current)), container: Math.round(widthOf(self.current?.parentElement)) }
        return next.pane === m.pane && next.container === m.container ? m : next
      })
    measure()
    if (typeof ResizeObserver === 'undefined') return
    const observer = new ResizeObserver(measure)
    if (pane.current) observer.observe(pane.current)
    const container = self.current?.parentElement
    if (container) observer.observe(container)
    return () => observer.disconnect()
  }, [pane, width])

  const max = paneMaxWidth(bounds, measured.container)
  const now = width !== undefined ? clampPaneWidth(width, bounds, measured.container) : measured.pane || bounds.min

  const drag = useRef<{ startX: number; startWidth: number; container: number; width: number; moved: boolean } | null>(null)
  const [dragging, setDragging] = useState(false)
  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (event.button !== 0) return
    event.preventDefault() // no text selection while dragging
    const startWidth = paneWidth() || now
    drag.current = { startX: event.clientX, startWidth, container: containerWidth(), width: startWidth, moved: false }
    // The drag goes on when the pointer leaves the thin splitter.
    event.currentTarget.setPointerCapture?.(event.pointerId)
    setDragging(true)
  }
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    const d = drag.current
    if (!d) return
    const next = clampPaneWidth(d.startWidth + event.clientX - d.startX, bounds, d.container)
    if (next === d.width) return
    d.width = next
    d.moved = true
    onWidthChange(next, false)
  }
  const onPointerEnd = () => {
    const d = drag.current
    if (!d) return
    drag.current = null
    setDragging(false)
    // A click without a move (half of a double-click) keeps nothing: the default stays the default.
    if (d.moved) onWidthChange(d.width, true)
  }

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const container = containerWidth()
    const current = width !== undefined ? clampPaneWidth(width, bounds, container) : paneWidth() || now
    let next: number | undefined
    if (event.key === 'ArrowLeft' || event.key === 'ArrowRight') {
      const step = (event.shiftKey ? 4 : 1) * KEY_STEP
      next = clampPaneWidth(current + (event.key === 'ArrowLeft' ? -step : step), bounds, container)
    } else if (event.key === 'Home') next = bounds.min
    else if (event.key === 'End') next = paneMaxWidth(bounds, container)
    else if (event.key === 'Enter' || event.key === 'Escape') {
      event.preventDefault()
      onWidthChange(undefined, true)
      return
    } else return
    event.preventDefault()
    onWidthChange(next, true)
  }

  return (
    <div
      ref={self}
      className={dragging ? 'pane-splitter dragging' : 'pane-splitter'}
      role="separator"
      aria-orientation="vertical"
      aria-label={label}
      title={`${label}: drag, or the Left and Right arrow keys; double-click or Enter for the default width`}
      aria-valuemin={bounds.min}
      aria-valuemax={Math.max(max, now)}
      aria-valuenow={now}
      tabIndex={0}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerEnd}
      onPointerCancel={onPointerEnd}
      onDoubleClick={() => onWidthChange(undefined, true)}
      onKeyDown={onKeyDown}
    />
  )
}

import { useEffect, useLayoutEffect, useRef, type RefObject } from 'react'

// A body cell whose content is cut off gets its full plain text as a title (the tooltip), and a
// cell that fits again loses it. Reading whether a cell is cut off needs layout; done right after a
// render, it forced the table's layout inside the render's task (and on a scroll, inside the
// scroll event). So the check runs once the frame that shows the render is painted: layout is
// then already clean, the reads cost no extra layout, and several renders in one frame (a fast
// wheel) share one check. A tooltip needs a pointer resting on the cell, so it is set well before
// anyone can see it missing. The check waits for idle time after that paint: while a fast wheel
// keeps every frame busy it would otherwise cost each frame 1–2 ms of the slower machine's frame
// budget (measured); it then runs at the latest a second later, over the rows shown by then.

/** Runs `task` when the page is idle after this frame, within a second; a plain task where there is no idle callback. */
function whenIdle(task: () => void): () => void {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(task, { timeout: 1000 })
    return () => cancelIdleCallback(id)
  }
  const id = setTimeout(task, 0)
  return () => clearTimeout(id)
}

interface TitledColumn<T> {
  text: (row: T) => string
  title?: (row: T) => string
}

/**
 * Gives each rendered body cell whose content is cut off its full text as a title, and takes it
 * from one that fits again. Every read comes before every write. `checked` remembers which row data
 * each <tr> was checked with (a new WeakMap when the widths change), so only rows that entered are
 * read again.
 */
function markClippedCells<T>(table: HTMLTableElement, rows: readonly T[], columns: ReadonlyArray<TitledColumn<T>>, checked: WeakMap<Element, unknown>): void {
  const body = table.tBodies[0]
  if (!body) return
  const changes: Array<[HTMLElement, string | null]> = []
  const trs = body.children
  for (let r = 0; r < trs.length; r++) {
    const tr = trs[r] as HTMLElement
    const index = Number(tr.getAttribute('aria-rowindex')) - 2
    const row = rows[index]
    if (index < 0 || row === undefined) continue
    if (checked.get(tr) === row) continue
    checked.set(tr, row)
    const cells = tr.children
    for (let i = 0; i < cells.length; i++) {
      const td = cells[i] as HTMLElement
      const column = columns[i]
      if (!column || column.title) continue
      // A cell's only child may clip itself (a link button with an ellipsis): ask it too.
      const inner = td.childElementCount === 1 ? td.firstElementChild : null
      const cut = td.scrollWidth > td.clientWidth + 1 || (inner !== null && inner.scrollWidth > inner.clientWidth + 1)
      if (cut) {
        const text = column.text(row) || td.textContent || ''
        if (td.title !== text) changes.push([td, text])
      } else if (td.hasAttribute('title')) changes.push([td, null])
    }
  }
  for (const [td, text] of changes) {
    if (text === null) td.removeAttribute('title')
    else td.title = text
  }
}

/**
 * Keeps the titles of cut-off cells right: after every render (for the rows that entered or
 * changed), for every row again when `widths` or `columns` change, and when the table itself
 * changes size without a render (the window was resized).
 */
export function useClippedCellTitles<T>(tableRef: RefObject<HTMLTableElement | null>, rows: readonly T[], columns: ReadonlyArray<TitledColumn<T>>, widths: unknown): void {
  const latest = useRef({ rows, columns, checked: new WeakMap<Element, unknown>() })
  const pending = useRef<{ frame: number; cancel: (() => void) | undefined } | null>(null)

  const scheduleRef = useRef(() => {
    if (pending.current) return
    const p: { frame: number; cancel: (() => void) | undefined } = { frame: 0, cancel: undefined }
    pending.current = p
    // rAF runs just before the next paint; what it queues runs after that paint.
    p.frame = requestAnimationFrame(() => {
      p.cancel = whenIdle(() => {
        pending.current = null
        const table = tableRef.current
        const l = latest.current
        if (table) markClippedCells(table, l.rows, l.columns, l.checked)
      })
    })
  })

  useLayoutEffect(() => {
    // Other widths or other columns: every row is checked again.
    latest.current.checked = new WeakMap()
  }, [widths, columns])

  // Every commit: note what is shown and check once the frame is painted (no dependency list on purpose).
  useEffect(() => {
    latest.current.rows = rows
    latest.current.columns = columns
    scheduleRef.current()
  })

  useEffect(() => {
    const table = tableRef.current
    const observer = table && typeof ResizeObserver !== 'undefined' ? new ResizeObserver(() => {
      latest.current.checked = new WeakMap()
      scheduleRef.current()
    }) : undefined
    if (table) observer?.observe(table)
    return () => {
      observer?.disconnect()
      const p = pending.current
      pending.current = null
      if (p) {
        cancelAnimationFrame(p.frame)
        p.cancel?.()
      }
    }
  }, [tableRef])
}

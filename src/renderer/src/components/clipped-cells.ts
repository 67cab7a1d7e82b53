import { useCallback, type PointerEvent } from 'react'

// A body cell whose content is cut off gets its full plain text as a title (the tooltip), and a
// cell that fits again loses it. A tooltip shows only under a resting pointer, so each cell is
// checked when the pointer comes over it: one cell's layout read, in an event, when the page's
// layout is clean. Checking every cell a render brings in (after each paint) cost a scroll frame
// about 0.8 ms and a filter keystroke about 10 ms of CPU on the slower machine (docs/performance.md).
// Screen readers read the cell's whole text, cut off or not; the title is for the pointer.

interface TitledColumn<T> {
  text: (row: T) => string
  title?: (row: T) => string
}

/**
 * Whether a cell shows less than its content. A cell's only child may clip itself (a link button
 * with an ellipsis), or lay out parts that each do (Fleet health's object link and its context).
 */
function isCut(td: HTMLElement): boolean {
  const clips = (el: Element): boolean => el.scrollWidth > el.clientWidth + 1
  const inner = td.childElementCount === 1 ? td.firstElementChild : null
  return clips(td) || (inner !== null && (clips(inner) || Array.from(inner.children).some(clips)))
}

/**
 * The body's pointer-over handler: gives the cell under the pointer its full text as a title if it
 * is cut off, and takes the title from one that fits. Rows say their index (`aria-rowindex`, the
 * header being row 1); columns with a title of their own are left alone.
 */
export function useClippedCellTitles<T>(rows: readonly T[], columns: ReadonlyArray<TitledColumn<T>>): (event: PointerEvent<HTMLElement>) => void {
  return useCallback(
    (event: PointerEvent<HTMLElement>) => {
      const td = (event.target as Element).closest?.('td')
      const tr = td?.parentElement
      if (!td || !tr || !event.currentTarget.contains(td)) return
      const column = columns[td.cellIndex]
      const row = rows[Number(tr.getAttribute('aria-rowindex')) - 2]
      if (!column || column.title || row === undefined) return
      if (isCut(td)) {
        const text = column.text(row) || td.textContent || ''
        if (td.title !== text) td.title = text
      } else if (td.hasAttribute('title')) td.removeAttribute('title')
    },
    [rows, columns]
  )
}

/**
 * The header row's pointer-over handler: a header cut off (a sort button's label, or a plain
 * header's own text) gets its full text as a title, as a body cell does.
 */
export function titleClippedHeader(event: PointerEvent<HTMLElement>): void {
  const th = (event.target as Element).closest?.('th')
  if (!th || !event.currentTarget.contains(th)) return
  const label = th.querySelector('.th-label') ?? th
  const text = label.textContent ?? ''
  if (text && label.scrollWidth > label.clientWidth + 1) {
    if (th.title !== text) th.title = text
  } else if (th.hasAttribute('title')) th.removeAttribute('title')
}

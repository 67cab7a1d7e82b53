import { memo, useCallback, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react'
import { useRowWindow } from './use-row-window'

// A table that stays smooth at tens of thousands of rows: only the rows in view (plus a few) are
// in the DOM, between two spacer rows, so it stays a real <table> for screen readers
// (aria-rowcount / aria-rowindex say where a row is). Rows have one fixed height, so the window is
// arithmetic (use-row-window.ts). Sorting is memoised on (rows, sort); rows are memoised
// components whose props only change when their data does, so scrolling renders just the rows
// entering the view.

export type SortDirection = 'asc' | 'desc'

export interface Column<T> {
  id: string
  header: string
  /** Sort key; columns without one cannot be sorted. */
  sortValue?: (row: T) => string | number | undefined
  /** Cell content. Keep it cheap: it runs for every visible row. */
  cell: (row: T) => ReactNode
  numeric?: boolean
  /** CSS width (e.g. '12rem'). */
  width?: string
}

export interface SortState {
  columnId: string
  direction: SortDirection
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' })

export function sortRows<T>(rows: readonly T[], column: Column<T> | undefined, direction: SortDirection): readonly T[] {
  const key = column?.sortValue
  if (!key) return rows
  // Decorate once: the key function runs n times, not n log n.
  const decorated = rows.map((row, index) => ({ row, index, key: key(row) }))
  const sign = direction === 'asc' ? 1 : -1
  decorated.sort((a, b) => {
    const x = a.key
    const y = b.key
    // Missing values last, whatever the direction.
    if (x === undefined || x === '') return y === undefined || y === '' ? a.index - b.index : 1
    if (y === undefined || y === '') return -1
    const c = typeof x === 'number' && typeof y === 'number' ? x - y : collator.compare(String(x), String(y))
    return c === 0 ? a.index - b.index : c * sign
  })
  return decorated.map((d) => d.row)
}

interface RowProps<T> {
  row: T
  index: number
  columns: ReadonlyArray<Column<T>>
  selected: boolean
  onActivate: ((row: T) => void) | undefined
}

function RowImpl<T>({ row, index, columns, selected, onActivate }: RowProps<T>): ReactNode {
  return (
    <tr
      aria-rowindex={index + 2}
      aria-current={selected ? 'true' : undefined}
      className={selected ? 'row-selected' : undefined}
      onClick={onActivate ? () => onActivate(row) : undefined}
    >
      {columns.map((c) => (
        <td key={c.id} className={c.numeric ? 'num' : undefined}>
          {c.cell(row)}
        </td>
      ))}
    </tr>
  )
}

const Row = memo(RowImpl) as typeof RowImpl

function VirtualTableImpl<T>({
  rows,
  columns,
  rowKey,
  label,
  initialSort,
  selectedKey,
  onActivate,
  height = '60vh',
  rowHeight = 33,
  emptyText = 'Nothing to show.',
  sort: controlledSort,
  onSortChange,
  presorted = false,
  scrollResetKey
}: {
  rows: readonly T[]
  columns: ReadonlyArray<Column<T>>
  rowKey: (row: T) => string | number
  /** Accessible name of the table. */
  label: string
  initialSort?: SortState
  selectedKey?: string | number | undefined
  /** Click on a row (keep it stable: useCallback). */
  onActivate?: (row: T) => void
  height?: string
  rowHeight?: number
  emptyText?: string
  /** Controlled sort (e.g. so a CSV export can use the same order); otherwise the table keeps its own. */
  sort?: SortState | undefined
  onSortChange?: (sort: SortState) => void
  /**
   * The rows already come in `sort` order (the parent sorted the full list once and filters the
   * sorted list, so typing in a filter never re-sorts 10,000 rows).
   */
  presorted?: boolean
  /** When this changes (a new filter, say), the table scrolls back to its first row. A sort change does too. */
  scrollResetKey?: unknown
}): ReactNode {
  const [ownSort, setOwnSort] = useState<SortState | undefined>(initialSort)
  const sort = onSortChange ? controlledSort : ownSort
  const scrollRef = useRef<HTMLDivElement>(null)
  const sortColumn = useMemo(() => columns.find((c) => c.id === sort?.columnId), [columns, sort?.columnId])
  const sorted = useMemo(
    () => (presorted ? rows : sortRows(rows, sortColumn, sort?.direction ?? 'asc')),
    [presorted, rows, sortColumn, sort?.direction]
  )

  // A new object whenever the filter (the caller's key) or the sort changes: back to the first row.
  const resetKey = useMemo(() => ({ scrollResetKey, column: sort?.columnId, direction: sort?.direction }), [scrollResetKey, sort?.columnId, sort?.direction])
  const view = useRowWindow(scrollRef, {
    count: sorted.length,
    rowHeight,
    // Enough rows beyond the view for a fast wheel; each extra row is layout and paint every frame.
    overscan: 3,
    // The first paint (and a DOM without layout) has no height yet: render a first screenful anyway.
    fallbackHeight: 600,
    resetKey
  })

  const { scrollToIndex } = view
  const toggleSort = useCallback(
    (columnId: string) => {
      const next: SortState =
        sort?.columnId === columnId ? { columnId, direction: sort.direction === 'asc' ? 'desc' : 'asc' } : { columnId, direction: 'asc' }
      if (onSortChange) onSortChange(next)
      else setOwnSort(next)
    },
    [sort, onSortChange]
  )

  const onKeyDown = useCallback(
    (event: KeyboardEvent<HTMLDivElement>) => {
      const el = scrollRef.current
      if (!el || event.target !== el) return
      if (event.key === 'Home') {
        event.preventDefault()
        scrollToIndex(0)
      } else if (event.key === 'End') {
        event.preventDefault()
        scrollToIndex(sorted.length - 1)
      }
    },
    [scrollToIndex, sorted.length]
  )

  const { padTop, padBottom } = view
  const visible: ReactNode[] = []
  for (let index = view.start; index < view.end; index++) {
    const row = sorted[index] as T
    const key = rowKey(row)
    visible.push(<Row key={key} row={row} index={index} columns={columns} selected={key === selectedKey} onActivate={onActivate} />)
  }

  return (
    <div
      ref={scrollRef}
      className="virtual-scroll"
      style={{ height }}
      tabIndex={0}
      role="region"
      aria-label={`${label} (${sorted.length} rows, scrollable)`}
      onKeyDown={onKeyDown}
    >
      <table className="data virtual" aria-label={label} aria-rowcount={sorted.length + 1}>
        <thead>
          <tr aria-rowindex={1}>
            {columns.map((c) => (
              <th
                key={c.id}
                scope="col"
                className={c.numeric ? 'num' : undefined}
                style={c.width ? { width: c.width } : undefined}
                aria-sort={sort?.columnId === c.id ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined}
              >
                {c.sortValue ? (
                  <button type="button" className="th-sort" onClick={() => toggleSort(c.id)}>
                    {c.header}
                    <span aria-hidden="true" className="sort-mark">
                      {sort?.columnId === c.id ? (sort.direction === 'asc' ? ' ▲' : ' ▼') : ''}
                    </span>
                  </button>
                ) : (
                  c.header
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {padTop > 0 && (
            <tr aria-hidden="true" className="spacer-row" style={{ height: padTop }}>
              <td colSpan={columns.length} />
            </tr>
          )}
          {visible}
          {padBottom > 0 && (
            <tr aria-hidden="true" className="spacer-row" style={{ height: padBottom }}>
              <td colSpan={columns.length} />
            </tr>
          )}
          {sorted.length === 0 && (
            <tr>
              <td colSpan={columns.length} className="muted">
                {emptyText}
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  )
}

/** Memoised: a parent's keystroke that leaves the rows as they were does not re-render the table. */
export const VirtualTable = memo(VirtualTableImpl) as typeof VirtualTableImpl

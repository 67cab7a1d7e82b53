import {
  memo,
  useCallback,
  useMemo,
  useRef,
  useState,
  type CSSProperties,
  type KeyboardEvent,
  type PointerEvent,
  type Dispatch,
  type ReactNode,
  type SetStateAction
} from 'react'
import type { CsvColumn } from './csv'
import { loadColumnWidths, saveColumnWidths, type ColumnWidths } from './column-widths'
import { useRowWindow } from './use-row-window'
import { titleClippedHeader, useClippedCellTitles } from './clipped-cells'
import { hideableColumnIds, isLastDataColumn, loadHiddenColumns, saveHiddenColumns, shownColumns } from './hidden-columns'
import { ColumnChooser, type ColumnOption } from './ColumnChooser'

// The one table of the renderer. One column definition drives the header, the cells, the sort,
// the CSV export (`csvColumnsOf`) and the tooltip of a cut-off cell, so they cannot drift apart.
//
// Long lists (`height` given) stay smooth at tens of thousands of rows: only the rows in view (plus
// a few) are in the DOM, between two spacer rows, so it stays a real <table> for screen readers
// (aria-rowcount / aria-rowindex say where a row is). Rows have one fixed height, so the window is
// arithmetic (use-row-window.ts). Sorting is memoised on (rows, sort); rows are memoised
// components whose props only change when their data does, so scrolling renders just the rows
// entering the view. Short lists (no `height`) render every row in a scroll box.
//
// The user chooses the columns shown ("Columns", ColumnChooser.tsx); hidden ones are kept per
// table id (hidden-columns.ts) and simply left out of the columns passed down, so the windowed
// path does the same work per scroll as before, and the CSV, built from the caller's columns,
// keeps every one.
//
// Written here rather than taken from a table library: a headless one (TanStack Table and the like)
// builds a row model, objects per row on every data change, on the 10,000-row path the frame budget
// measures, and what this needs on top of the existing row window (widths, a title on cut-off
// cells, CSV from the columns) is a few dozen lines.

/** How many hideable columns make a table offer "Columns" by itself (five data columns and more). */
const CHOOSER_MIN_COLUMNS = 4

export type SortDirection = 'asc' | 'desc'

export interface TableColumn<T> {
  id: string
  header: string
  /**
   * What the header cell shows instead of `header` (a select-all checkbox). `header` still names
   * the column for CSV and the resize handle; such a column cannot be sorted by a click.
   */
  headerCell?: ReactNode
  /**
   * The cell as plain text: the tooltip when the cell is cut off, the cell itself when `cell` is
   * not given, and the CSV value when `csv` is not given. Keep it cheap.
   */
  text: (row: T) => string
  /**
   * A tooltip the cell always has (a provider's raw enum value beside its words). It holds the
   * full text too, so a cut-off cell keeps it instead of taking `text`.
   */
  title?: (row: T) => string
  /** Cell content when it is more than text (a link, a badge, buttons). Runs for every visible row. */
  cell?: (row: T) => ReactNode
  /** Sort key; columns without one cannot be sorted. */
  sortValue?: (row: T) => string | number | undefined
  /** The CSV columns this column exports, in order (default: its header and `text`; [] for none). */
  csv?: ReadonlyArray<CsvColumn<T>>
  /** Width in CSS pixels before the user resizes it. */
  width: number
  /** The narrowest a drag or a key can make it (default 48). */
  minWidth?: number
  align?: 'start' | 'end' | 'center'
  /** Takes the width the other columns leave (one per table: the one with the longest text). */
  grow?: boolean
  /** Stays in view at the right edge when the table scrolls sideways (the action buttons). */
  sticky?: boolean
  /**
   * Whether the user may hide it with "Columns". Default: yes for a data column with a header,
   * except the first (which names the row); no for a selection column (`headerCell`) and the
   * sticky action column.
   */
  hideable?: boolean
  /**
   * A class of the column's cells ("mono"): styles plain text without an element around it in
   * every cell (each element of a row is style, layout and paint for each row a scroll brings in).
   */
  className?: string
}

export interface SortState {
  columnId: string
  direction: SortDirection
}

/** The CSV columns of a table, from the same definitions as its header and cells. */
export function csvColumnsOf<T>(columns: ReadonlyArray<TableColumn<T>>): Array<CsvColumn<T>> {
  return columns.flatMap((c) => c.csv ?? [{ header: c.header, value: c.text }])
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' })

export function sortRows<T>(rows: readonly T[], column: Pick<TableColumn<T>, 'sortValue'> | undefined, direction: SortDirection): readonly T[] {
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

const DEFAULT_MIN_WIDTH = 48
const KEY_STEP = 16

function cellClass<T>(c: TableColumn<T>, body = false): string {
  let name = 'cell'
  if (c.align === 'end') name += ' num'
  else if (c.align === 'center') name += ' center'
  if (c.sticky) name += ' sticky-end'
  if (body && c.className) name += ` ${c.className}`
  return name
}

interface RowProps<T> {
  row: T
  index: number
  columns: ReadonlyArray<TableColumn<T>>
  selected: boolean
  onActivate: ((row: T) => void) | undefined
  testId: string | undefined
  /** The row and its cells say their roles (a windowed table, whose CSS is not a table's). */
  roles: boolean
}

function RowImpl<T>({ row, index, columns, selected, onActivate, testId, roles }: RowProps<T>): ReactNode {
  return (
    <tr
      role={roles ? 'row' : undefined}
      data-testid={testId}
      aria-rowindex={index + 2}
      aria-current={selected ? 'true' : undefined}
      className={selected ? 'row-selected' : undefined}
      onClick={onActivate ? () => onActivate(row) : undefined}
    >
      {columns.map((c) => (
        <td key={c.id} role={roles ? 'cell' : undefined} className={cellClass(c, true)} title={c.title?.(row)}>
          {c.cell ? c.cell(row) : c.text(row)}
        </td>
      ))}
    </tr>
  )
}

const Row = memo(RowImpl) as typeof RowImpl

/** A column's width: the user's, else its default; undefined for a growing column left as it is. */
function columnWidth<T>(widths: ColumnWidths, column: TableColumn<T>): number | undefined {
  return widths[column.id] ?? (column.grow ? undefined : column.width)
}

interface TableHeadProps<T> {
  tableId: string
  columns: ReadonlyArray<TableColumn<T>>
  widths: ColumnWidths
  setWidths: Dispatch<SetStateAction<ColumnWidths>>
  sort: SortState | undefined
  onSort: (columnId: string) => void
  windowed: boolean
}

/**
 * The column widths and the header row, with sorting and resizing. Memoised apart from the rows:
 * a scroll re-renders the table's body, and re-rendering the header with it was a fixed cost of
 * every frame in which a row enters (measured: docs/performance.md).
 */
function TableHeadImpl<T>({ tableId, columns, widths, setWidths, sort, onSort, windowed }: TableHeadProps<T>): ReactNode {
  const widthOf = (c: TableColumn<T>): number | undefined => columnWidth(widths, c)
  const role = (name: string): string | undefined => (windowed ? name : undefined)

  // --- resizing: a drag on a header's right edge, or Left/Right on that edge's handle ---------
  const setWidth = (column: TableColumn<T>, width: number, persist: boolean) => {
    const next = Math.max(column.minWidth ?? DEFAULT_MIN_WIDTH, Math.round(width))
    setWidths((w) => {
      const updated = { ...w, [column.id]: next }
      if (persist) saveColumnWidths(tableId, updated)
      return updated
    })
  }
  const drag = useRef<{ id: string; startX: number; startWidth: number; width: number } | null>(null)
  const onResizeStart = (column: TableColumn<T>, event: PointerEvent<HTMLSpanElement>) => {
    if (event.button !== 0) return
    event.preventDefault()
    event.stopPropagation()
    const th = event.currentTarget.parentElement
    const startWidth = th?.getBoundingClientRect().width || widthOf(column) || column.width
    drag.current = { id: column.id, startX: event.clientX, startWidth, width: startWidth }
    // The drag goes on when the pointer leaves the thin handle.
    event.currentTarget.setPointerCapture?.(event.pointerId)
  }
  const onResizeMove = (column: TableColumn<T>, event: PointerEvent<HTMLSpanElement>) => {
    const d = drag.current
    if (!d || d.id !== column.id) return
    d.width = d.startWidth + event.clientX - d.startX
    setWidth(column, d.width, false)
  }
  const onResizeEnd = (column: TableColumn<T>) => {
    const d = drag.current
    if (!d || d.id !== column.id) return
    drag.current = null
    setWidth(column, d.width, true)
  }
  const onResizeKey = (column: TableColumn<T>, event: KeyboardEvent<HTMLSpanElement>) => {
    const current = widthOf(column) ?? event.currentTarget.parentElement?.getBoundingClientRect().width ?? column.width
    if (event.key === 'ArrowLeft' || event.key === 'ArrowRight') {
      event.preventDefault()
      const step = (event.shiftKey ? 4 : 1) * KEY_STEP
      setWidth(column, current + (event.key === 'ArrowLeft' ? -step : step), true)
    } else if (event.key === 'Home' || event.key === 'Escape') {
      // Back to the default width.
      event.preventDefault()
      setWidths((w) => {
        const { [column.id]: _dropped, ...rest } = w
        saveColumnWidths(tableId, rest)
        return rest
      })
    }
  }

  return (
    <>
      <colgroup>
        {columns.map((c) => {
          const w = widthOf(c)
          return <col key={c.id} style={w === undefined ? undefined : { width: w }} />
        })}
      </colgroup>
      <thead role={role('rowgroup')} onPointerOver={titleClippedHeader}>
        <tr role={role('row')} aria-rowindex={1}>
          {columns.map((c) => (
            <th
              key={c.id}
              role={role('columnheader')}
              scope="col"
              className={cellClass(c)}
              aria-sort={sort?.columnId === c.id ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined}
            >
              {c.headerCell !== undefined ? (
                c.headerCell
              ) : c.sortValue ? (
                <button type="button" className="th-sort" onClick={() => onSort(c.id)}>
                  <span className="th-label">{c.header}</span>
                  <span aria-hidden="true" className="sort-mark">
                    {sort?.columnId === c.id ? (sort.direction === 'asc' ? ' ▲' : ' ▼') : ''}
                  </span>
                </button>
              ) : (
                c.header
              )}
              <span
                className="col-resize"
                role="separator"
                aria-orientation="vertical"
                // Named by its title, not aria-label, so a form field labelled like the column is still found by its label alone.
                title={`Resize ${c.header || c.id} (drag, or the Left and Right arrow keys)`}
                aria-valuemin={c.minWidth ?? DEFAULT_MIN_WIDTH}
                aria-valuenow={widthOf(c) ?? c.width}
                tabIndex={0}
                onPointerDown={(e) => onResizeStart(c, e)}
                onPointerMove={(e) => onResizeMove(c, e)}
                onPointerUp={() => onResizeEnd(c)}
                onPointerCancel={() => onResizeEnd(c)}
                onKeyDown={(e) => onResizeKey(c, e)}
              />
            </th>
          ))}
        </tr>
      </thead>
    </>
  )
}

const TableHead = memo(TableHeadImpl) as typeof TableHeadImpl

function DataTableImpl<T>({
  tableId,
  rows,
  columns,
  rowKey,
  label,
  initialSort,
  selectedKey,
  onActivate,
  height,
  rowHeight = 33,
  emptyText = 'Nothing to show.',
  sort: controlledSort,
  onSortChange,
  presorted = false,
  scrollResetKey,
  rowTestId,
  footer,
  chooseColumns
}: {
  /** Names the table for its remembered column widths ("cloutility.units"): one per kind of table. */
  tableId: string
  rows: readonly T[]
  columns: ReadonlyArray<TableColumn<T>>
  rowKey: (row: T) => string | number
  /** Accessible name of the table. */
  label: string
  initialSort?: SortState
  selectedKey?: string | number | undefined
  /** Click on a row (keep it stable: useCallback). */
  onActivate?: (row: T) => void
  /** A CSS height: the table becomes a windowed list of that height (long lists). */
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
  /** `data-testid` of every body row, for tests that count rows. */
  rowTestId?: string
  /**
   * Rows of a <tfoot> under the body (an invoice's totals): <tr> elements spanning the columns as
   * the caller likes. Never sorted, windowed or exported; best with short lists (no `height`).
   * Its cells line up with the columns the caller gave, so such a table offers no column choice.
   */
  footer?: ReactNode
  /**
   * Whether the table offers "Columns". By default a table with at least CHOOSER_MIN_COLUMNS columns
   * a user may hide: a narrower table fits its pane, and a button over it would be noise.
   */
  chooseColumns?: boolean
}): ReactNode {
  const windowed = height !== undefined
  const [ownSort, setOwnSort] = useState<SortState | undefined>(initialSort)
  const sort = onSortChange ? controlledSort : ownSort
  const scrollRef = useRef<HTMLDivElement>(null)
  const sortColumn = useMemo(() => columns.find((c) => c.id === sort?.columnId), [columns, sort?.columnId])
  const sorted = useMemo(
    () => (presorted ? rows : sortRows(rows, sortColumn, sort?.direction ?? 'asc')),
    [presorted, rows, sortColumn, sort?.direction]
  )

  const [widths, setWidths] = useState<ColumnWidths>(() => loadColumnWidths(tableId))
  const widthOf = (c: TableColumn<T>): number | undefined => columnWidth(widths, c)

  // The columns drawn: the caller's, less those the user hid. A new array only when either changes.
  const hideable = useMemo(() => hideableColumnIds(columns), [columns])
  const choosable = footer === undefined && (chooseColumns ?? hideable.size >= CHOOSER_MIN_COLUMNS)
  const [hidden, setHidden] = useState<ReadonlySet<string>>(() => (choosable ? loadHiddenColumns(tableId) : new Set()))
  const shown = useMemo(() => shownColumns(columns, hidden), [columns, hidden])
  const chooserOptions = useMemo((): ColumnOption[] => {
    if (!choosable) return []
    return columns
      .filter((c) => hideable.has(c.id))
      .map((c) => {
        const isShown = shown.includes(c)
        return { id: c.id, header: c.header || c.id, shown: isShown, locked: isShown && isLastDataColumn(columns, shown, c.id) }
      })
  }, [choosable, columns, hideable, shown])
  const setColumnShown = useCallback(
    (id: string, show: boolean) => {
      const next = new Set(hidden)
      if (show) next.delete(id)
      else next.add(id)
      setHidden(next)
      saveHiddenColumns(tableId, next)
    },
    [hidden, tableId]
  )
  const showAllColumns = useCallback(() => {
    setHidden(new Set())
    saveHiddenColumns(tableId, new Set())
  }, [tableId])
  // Never narrower than the columns' widths: a narrow window scrolls sideways instead of cutting every column.
  const minTableWidth = shown.reduce((sum, c) => sum + (widthOf(c) ?? c.width), 0)

  // A new object whenever the filter (the caller's key) or the sort changes: back to the first row.
  const resetKey = useMemo(() => ({ scrollResetKey, column: sort?.columnId, direction: sort?.direction }), [scrollResetKey, sort?.columnId, sort?.direction])
  const view = useRowWindow(scrollRef, {
    count: windowed ? sorted.length : 0,
    rowHeight,
    // Enough rows beyond the view for a fast wheel; each extra row is layout and paint every frame.
    overscan: 3,
    // The first paint (and a DOM without layout) has no height yet: render a first screenful anyway.
    fallbackHeight: 600,
    resetKey
  })
  const start = windowed ? view.start : 0
  const end = windowed ? view.end : sorted.length

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
      if (!windowed || !el || event.target !== el) return
      if (event.key === 'Home') {
        event.preventDefault()
        scrollToIndex(0)
      } else if (event.key === 'End') {
        event.preventDefault()
        scrollToIndex(sorted.length - 1)
      }
    },
    [windowed, scrollToIndex, sorted.length]
  )

  // A cut-off cell gets its full text as a tooltip when the pointer comes over it.
  const onPointerOver = useClippedCellTitles(sorted, shown)

  const { padTop, padBottom } = view
  const visible: ReactNode[] = []
  for (let index = start; index < end; index++) {
    const row = sorted[index] as T
    const key = rowKey(row)
    visible.push(<Row key={key} row={row} index={index} columns={shown} selected={key === selectedKey} onActivate={onActivate} testId={rowTestId} roles={windowed} />)
  }

  // A windowed table's rows are grids (styles.css): the same widths as one column template. The
  // growing column takes what is left; with none, every column grows in proportion, as a fixed
  // table layout shares out its extra width.
  const grows = shown.some((c) => widthOf(c) === undefined)
  const template = shown.map((c) => {
    const w = widthOf(c)
    return w === undefined ? `minmax(${c.width}px, 1fr)` : grows ? `${w}px` : `minmax(${w}px, ${w}fr)`
  })
  const tableStyle = (windowed ? { minWidth: minTableWidth, '--dt-columns': template.join(' '), '--dt-row': `${rowHeight}px` } : { minWidth: minTableWidth }) as CSSProperties
  const role = (name: string): string | undefined => (windowed ? name : undefined)
  return (
    <div className="data-table">
      {chooserOptions.length > 0 && <ColumnChooser label={label} options={chooserOptions} onToggle={setColumnShown} onShowAll={showAllColumns} />}
      <div
        ref={scrollRef}
        className={windowed ? 'virtual-scroll' : 'table-scroll'}
        // An empty list's box ends under its sentence: at the list's height it stood as a blank box.
        style={windowed && sorted.length > 0 ? { height } : undefined}
        tabIndex={0}
        // A long list is a landmark of its own; a short one sits inside its screen's section.
        role={windowed ? 'region' : 'group'}
        aria-label={`${label} (${sorted.length} rows, scrollable)`}
        onKeyDown={onKeyDown}
      >
        <table
          role={role('table')}
          className={windowed ? 'data grid virtual' : 'data grid'}
          style={tableStyle}
          aria-label={label}
          aria-rowcount={sorted.length + 1}
        >
          <TableHead tableId={tableId} columns={shown} widths={widths} setWidths={setWidths} sort={sort} onSort={toggleSort} windowed={windowed} />
          <tbody role={role('rowgroup')} onPointerOver={onPointerOver}>
            {windowed && padTop > 0 && (
              <tr aria-hidden="true" className="spacer-row" style={{ height: padTop }}>
                <td colSpan={shown.length} />
              </tr>
            )}
            {visible}
            {windowed && padBottom > 0 && (
              <tr aria-hidden="true" className="spacer-row" style={{ height: padBottom }}>
                <td colSpan={shown.length} />
              </tr>
            )}
            {sorted.length === 0 && (
              // The sentence wraps inside the part of the table in view (styles.css), never cut off.
              <tr role={role('row')} className="table-empty-row">
                <td role={role('cell')} colSpan={shown.length} className="muted table-empty">
                  <span className="table-empty-text">{emptyText}</span>
                </td>
              </tr>
            )}
          </tbody>
          {footer !== undefined && <tfoot>{footer}</tfoot>}
        </table>
      </div>
    </div>
  )
}

/** Memoised: a parent's keystroke that leaves the rows as they were does not re-render the table. */
export const DataTable = memo(DataTableImpl) as typeof DataTableImpl

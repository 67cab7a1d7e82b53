import { act, fireEvent, render, screen, within } from '@testing-library/react'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { cleanup } from '@testing-library/react'
import { csvColumnsOf, DataTable, sortRows, type TableColumn } from '../../../src/renderer/src/components/DataTable'
import { toCsv } from '../../../src/renderer/src/components/csv'
import { FLING_SETTLE_MS } from '../../../src/renderer/src/components/use-row-window'

interface Row {
  id: number
  name: string
  size?: number
}

const rows: Row[] = Array.from({ length: 10_000 }, (_, i) => ({ id: i + 1, name: `unit-${String(i + 1).padStart(5, '0')}`, ...(i % 7 ? { size: (i * 7919) % 10_007 } : {}) }))
const columns: Array<TableColumn<Row>> = [
  { id: 'name', header: 'Name', sortValue: (r) => r.name, text: (r) => r.name, width: 200 },
  { id: 'size', header: 'Size', align: 'end', sortValue: (r) => r.size, text: (r) => String(r.size ?? '—'), width: 80 }
]

// happy-dom does no layout: give the scroll box the size a browser would (600 × 1000 px).
const saved = ['clientHeight', 'clientWidth'].map((k) => [k, Object.getOwnPropertyDescriptor(HTMLElement.prototype, k)] as const)
beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get() { return (this as HTMLElement).classList.contains('virtual-scroll') ? 600 : 0 } })
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get() { return (this as HTMLElement).classList.contains('virtual-scroll') ? 1000 : 0 } })
})
afterAll(() => {
  for (const [k, d] of saved) if (d) Object.defineProperty(HTMLElement.prototype, k, d)
})

describe('DataTable, windowed', () => {
  it('renders only a window of 10,000 rows, as a real table with row counts', () => {
    render(<DataTable tableId="test.units" height="600px" rows={rows} columns={columns} rowKey={(r) => r.id} label="Units" />)
    const table = screen.getByRole('table', { name: 'Units' })
    expect(table.getAttribute('aria-rowcount')).toBe('10001')
    const bodyRows = within(table).getAllByRole('row').filter((r) => r.getAttribute('aria-rowindex') && r.getAttribute('aria-rowindex') !== '1')
    expect(bodyRows.length).toBeGreaterThan(5)
    expect(bodyRows.length).toBeLessThan(100)
    expect(bodyRows[0]?.getAttribute('aria-rowindex')).toBe('2')
    expect(screen.getByRole('columnheader', { name: /Name/ })).toBeTruthy()
  })

  it('sorts when a header is clicked, missing values last in both directions', () => {
    render(<DataTable tableId="test.units" height="600px" rows={rows} columns={columns} rowKey={(r) => r.id} label="Units" />)
    const sizeHeader = screen.getByRole('button', { name: /Size/ })
    act(() => fireEvent.click(sizeHeader))
    expect(screen.getByRole('columnheader', { name: /Size/ }).getAttribute('aria-sort')).toBe('ascending')
    const firstCells = () =>
      screen
        .getAllByRole('row')
        .filter((r) => r.getAttribute('aria-rowindex') === '2')
        .map((r) => within(r).getAllByRole('cell')[1]?.textContent)
    expect(Number(firstCells()[0])).toBe(Math.min(...rows.filter((r) => r.size !== undefined).map((r) => r.size as number)))
    act(() => fireEvent.click(sizeHeader))
    expect(screen.getByRole('columnheader', { name: /Size/ }).getAttribute('aria-sort')).toBe('descending')
    expect(Number(firstCells()[0])).toBe(Math.max(...rows.map((r) => r.size ?? 0)))
  })

  it('sortRows is stable and keeps missing values last', () => {
    const sorted = sortRows(rows, columns[1], 'desc')
    const missing = sorted.filter((r) => r.size === undefined)
    expect(sorted.slice(-missing.length).every((r) => r.size === undefined)).toBe(true)
    expect(missing.map((r) => r.id)).toEqual([...missing.map((r) => r.id)].sort((a, b) => a - b))
    expect(sortRows(rows, undefined, 'asc')).toBe(rows)
  })

  it('says so when there are no rows', () => {
    render(<DataTable tableId="test.units" height="600px" rows={[]} columns={columns} rowKey={(r) => r.id} label="Empty" emptyText="Nothing here." />)
    expect(screen.getByText('Nothing here.')).toBeTruthy()
  })

  it('renders the rows a scroll brings into view, and Home and End jump to the ends', () => {
    render(<DataTable tableId="test.units" height="600px" rows={rows} columns={columns} rowKey={(r) => r.id} label="Units" rowHeight={30} />)
    const region = screen.getByRole('region')
    const rowIndexes = () =>
      within(screen.getByRole('table', { name: 'Units' }))
        .getAllByRole('row')
        .map((r) => Number(r.getAttribute('aria-rowindex')))
        .filter((i) => i > 1)
    expect(rowIndexes()[0]).toBe(2)
    act(() => {
      region.scrollTop = 30 * 5_000
      fireEvent.scroll(region)
    })
    // Row 5,000 (aria-rowindex 5,002) is in the window, with the overscan before it.
    expect(rowIndexes()).toContain(5_002)
    expect(Math.min(...rowIndexes())).toBeGreaterThan(4_990)
    act(() => {
      fireEvent.keyDown(region, { key: 'End' })
      fireEvent.scroll(region)
    })
    expect(region.scrollTop).toBe(30 * 9_999)
    expect(rowIndexes()).toContain(10_001)
    act(() => {
      fireEvent.keyDown(region, { key: 'Home' })
      fireEvent.scroll(region)
    })
    expect(region.scrollTop).toBe(0)
    expect(rowIndexes()[0]).toBe(2)
  })

  it('does not draw a fling row by row: its rows come when it slows down or stops', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
    try {
      render(<DataTable tableId="test.units" height="600px" rows={rows} columns={columns} rowKey={(r) => r.id} label="Units" rowHeight={30} />)
      const region = screen.getByRole('region')
      const shown = () =>
        within(screen.getByRole('table', { name: 'Units' }))
          .getAllByRole('row')
          .map((r) => Number(r.getAttribute('aria-rowindex')) - 2)
          .filter((i) => i >= 0)
      // One frame (16 ms) after another, 600 px of a 600 px view each: a row crosses it in 16 ms.
      const scrollTo = (row: number, afterMs: number) =>
        act(() => {
          vi.advanceTimersByTime(afterMs)
          region.scrollTop = row * 30
          fireEvent.scroll(region)
        })
      scrollTo(100, 1_000) // a gesture's first event is drawn
      expect(shown()).toContain(100)
      scrollTo(120, 16) // fast, but the one before was not: drawn
      expect(shown()).toContain(120)
      scrollTo(200, 16) // fast twice running: a fling, the rows stay as they were
      expect(shown()).not.toContain(200)
      expect(shown()).toContain(120)
      scrollTo(300, 16)
      expect(shown()).not.toContain(300)
      act(() => vi.advanceTimersByTime(FLING_SETTLE_MS))
      expect(shown()).toContain(300) // it stopped: drawn
      scrollTo(400, 16)
      scrollTo(500, 16)
      expect(shown()).not.toContain(500)
      scrollTo(501, 16) // slowed to reading speed: drawn at once
      expect(shown()).toContain(501)
      scrollTo(600, 16)
      scrollTo(700, 16)
      expect(shown()).not.toContain(700)
      act(() => fireEvent.keyDown(region, { key: 'End' }))
      act(() => fireEvent.scroll(region)) // a jump asked for is drawn at once, fast or not
      expect(shown()).toContain(9_999)
    } finally {
      vi.useRealTimers()
    }
  })

  it('gives a cut-off cell its full text as a title when the pointer comes over it, and takes it away when it fits', () => {
    // happy-dom does no layout: a cell is "cut off" when its text is longer than its width allows (8 px a character).
    let cellWidth = 160
    const own = ['scrollWidth', 'clientWidth'].map((k) => [k, Object.getOwnPropertyDescriptor(HTMLElement.prototype, k)] as const)
    Object.defineProperty(HTMLElement.prototype, 'scrollWidth', { configurable: true, get() { return ((this as HTMLElement).textContent ?? '').length * 8 } })
    Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get() { return (this as HTMLElement).classList.contains('virtual-scroll') ? 1000 : cellWidth } })
    try {
      const long = rows.map((r, i) => (i === 7_000 ? { ...r, name: `${r.name}, a name longer than its column` } : r))
      render(<DataTable tableId="test.units" height="600px" rows={long} columns={columns} rowKey={(r) => r.id} label="Units" rowHeight={30} />)
      const region = screen.getByRole('region')
      act(() => {
        region.scrollTop = 30 * 7_000
        fireEvent.scroll(region)
      })
      const nameCell = (rowIndex: number) => within(screen.getByRole('table', { name: 'Units' })).getAllByRole('row').find((r) => r.getAttribute('aria-rowindex') === String(rowIndex))?.querySelector('td') as HTMLElement
      expect(nameCell(7_002).hasAttribute('title')).toBe(false) // nothing is read before a pointer asks
      fireEvent.pointerOver(nameCell(7_002))
      expect(nameCell(7_002).getAttribute('title')).toBe(long[7_000]?.name)
      fireEvent.pointerOver(nameCell(7_003))
      expect(nameCell(7_003).hasAttribute('title')).toBe(false) // it fits
      cellWidth = 1_000 // the column was widened: it fits now
      fireEvent.pointerOver(nameCell(7_002))
      expect(nameCell(7_002).hasAttribute('title')).toBe(false)
    } finally {
      for (const [k, d] of own) if (d) Object.defineProperty(HTMLElement.prototype, k, d)
    }
  })

  it('scrolls back to the first row when the filter key changes, not when the rows only reload', () => {
    const view = (list: Row[], key: string) => <DataTable tableId="test.units" height="600px" rows={list} columns={columns} rowKey={(r) => r.id} label="Units" rowHeight={30} scrollResetKey={key} />
    const { rerender } = render(view(rows, 'a'))
    const region = screen.getByRole('region')
    act(() => {
      region.scrollTop = 30 * 2_000
      fireEvent.scroll(region)
    })
    rerender(view([...rows], 'a'))
    expect(region.scrollTop).toBe(30 * 2_000)
    rerender(view(rows.filter((r) => r.id % 2 === 0), 'b'))
    expect(region.scrollTop).toBe(0)
    const first = within(screen.getByRole('table', { name: 'Units' }))
      .getAllByRole('row')
      .find((r) => r.getAttribute('aria-rowindex') === '2')
    expect(first?.textContent).toContain('unit-00002')
  })
})

interface Job {
  id: number
  name: string
  state: 'failed' | 'ok'
  bytes: number
}

const jobs: Job[] = [
  { id: 1, name: 'bravo', state: 'ok', bytes: 300 },
  { id: 2, name: 'alpha', state: 'failed', bytes: 100 },
  { id: 3, name: 'charlie with a name far too long for its column', state: 'ok', bytes: 200 }
]
const jobColumns: Array<TableColumn<Job>> = [
  { id: 'name', header: 'Job', text: (r) => r.name, sortValue: (r) => r.name, width: 120, csv: [{ header: 'Id', value: (r) => r.id }, { header: 'Job', value: (r) => r.name }] },
  { id: 'state', header: 'State', text: (r) => (r.state === 'failed' ? 'Failed' : 'OK'), cell: (r) => <b className="badge">{r.state === 'failed' ? '✕ Failed' : '✓ OK'}</b>, width: 80 },
  { id: 'bytes', header: 'Bytes', text: (r) => `${r.bytes} B`, sortValue: (r) => r.bytes, align: 'end', width: 80 },
  { id: 'actions', header: 'Actions', text: () => '', cell: (r) => <button type="button">Open {r.id}</button>, csv: [], width: 90, sticky: true }
]

function bodyTexts(columnIndex: number): string[] {
  return within(screen.getByRole('table', { name: 'Jobs' }))
    .getAllByRole('row')
    .filter((r) => Number(r.getAttribute('aria-rowindex')) > 1)
    .map((r) => within(r).getAllByRole('cell')[columnIndex]?.textContent ?? '')
}

describe('DataTable, one column definition', () => {
  afterEach(() => localStorage.clear())

  it('draws the header, the cells, the sort and the CSV from the same definitions', () => {
    render(<DataTable tableId="test.jobs" rows={jobs} columns={jobColumns} rowKey={(r) => r.id} label="Jobs" />)
    const table = screen.getByRole('table', { name: 'Jobs' })
    expect(within(table).getAllByRole('columnheader').map((th) => th.firstChild?.textContent)).toEqual(['Job', 'State', 'Bytes', 'Actions'])
    // Every row is in the DOM (no height: a short list), in the order given until a header is clicked.
    expect(bodyTexts(0)).toEqual(jobs.map((j) => j.name))
    expect(bodyTexts(1)).toEqual(['✓ OK', '✕ Failed', '✓ OK'])
    // Only columns with a sort key are buttons.
    expect(within(table).queryByRole('button', { name: /State/ })).toBeNull()
    act(() => fireEvent.click(within(table).getByRole('button', { name: /Bytes/ })))
    expect(within(table).getByRole('columnheader', { name: /Bytes/ }).getAttribute('aria-sort')).toBe('ascending')
    expect(bodyTexts(2)).toEqual(['100 B', '200 B', '300 B'])
    act(() => fireEvent.click(within(table).getByRole('button', { name: /Job/ })))
    expect(bodyTexts(0)).toEqual(['alpha', 'bravo', jobs[2]?.name])
    expect(within(table).getByRole('columnheader', { name: /Bytes/ }).getAttribute('aria-sort')).toBeNull()
    // The CSV: a column's own CSV columns, else its header and plain text; none for the buttons.
    expect(toCsv(jobs.slice(0, 2), csvColumnsOf(jobColumns))).toBe('Id,Job,State,Bytes\r\n1,bravo,OK,300 B\r\n2,alpha,Failed,100 B\r\n')
    // The action column stays at the right edge.
    expect(within(table).getAllByRole('cell')[3]?.className).toContain('sticky-end')
  })

  it('lays a windowed table out as grid rows from one column template, saying the table roles itself', () => {
    const growing: Array<TableColumn<Row>> = [{ ...(columns[0] as TableColumn<Row>), grow: true }, columns[1] as TableColumn<Row>]
    render(<DataTable tableId="test.units" height="600px" rows={rows} columns={growing} rowKey={(r) => r.id} label="Units" rowHeight={30} />)
    const table = screen.getByRole('table', { name: 'Units' })
    expect(table.style.getPropertyValue('--dt-columns')).toBe('minmax(200px, 1fr) 80px')
    expect(table.style.getPropertyValue('--dt-row')).toBe('30px')
    // Its CSS is not a table's, so the elements say what they are.
    expect(table.getAttribute('role')).toBe('table')
    const row = table.querySelector('tbody tr[aria-rowindex="2"]')
    expect(row?.getAttribute('role')).toBe('row')
    expect(row?.querySelector('td')?.getAttribute('role')).toBe('cell')
    expect(table.querySelector('thead th')?.getAttribute('role')).toBe('columnheader')
    cleanup()
    // A short table is laid out as a table: no template, no roles it already has.
    render(<DataTable tableId="test.units" rows={rows.slice(0, 3)} columns={columns} rowKey={(r) => r.id} label="Few" />)
    const few = screen.getByRole('table', { name: 'Few' })
    expect(few.style.getPropertyValue('--dt-columns')).toBe('')
    expect(few.hasAttribute('role')).toBe(false)
  })

  it('reads no cell layout until the pointer comes over a cell', () => {
    const saved = ['scrollWidth', 'clientWidth'].map((k) => [k, Object.getOwnPropertyDescriptor(HTMLElement.prototype, k)] as const)
    let reads = 0
    Object.defineProperty(HTMLElement.prototype, 'scrollWidth', { configurable: true, get() { reads++; return ((this as HTMLElement).textContent ?? '').length * 8 } })
    Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get() { return 160 } })
    try {
      const { rerender } = render(<DataTable tableId="test.jobs" rows={jobs} columns={jobColumns} rowKey={(r) => r.id} label="Jobs" />)
      rerender(<DataTable tableId="test.jobs" rows={[...jobs].reverse()} columns={jobColumns} rowKey={(r) => r.id} label="Jobs" />)
      expect(reads).toBe(0)
      const nameCell = () => within(screen.getByRole('table', { name: 'Jobs' })).getAllByRole('cell').find((c) => c.textContent === jobs[2]?.name) as HTMLElement
      fireEvent.pointerOver(nameCell())
      expect(reads).toBeGreaterThan(0)
      expect(nameCell().getAttribute('title')).toBe(jobs[2]?.name)
    } finally {
      for (const [k, d] of saved) if (d) Object.defineProperty(HTMLElement.prototype, k, d)
    }
  })

  it('gives a cut-off cell the plain text of its column as a title, and none to a cell that fits', () => {
    // happy-dom does no layout: a cell is "cut off" when its text is longer than 20 characters.
    const saved = ['scrollWidth', 'clientWidth'].map((k) => [k, Object.getOwnPropertyDescriptor(HTMLElement.prototype, k)] as const)
    Object.defineProperty(HTMLElement.prototype, 'scrollWidth', { configurable: true, get() { return ((this as HTMLElement).textContent ?? '').length * 8 } })
    Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get() { return 160 } })
    try {
      const badJobs = [...jobs, { id: 4, name: 'delta', state: 'failed' as const, bytes: 1 }]
      const stateColumn: TableColumn<Job> = { ...(jobColumns[1] as TableColumn<Job>), cell: (r) => <b>{r.state === 'failed' ? 'Failed, and a long badge text' : 'OK'}</b> }
      render(<DataTable tableId="test.jobs" rows={badJobs} columns={[jobColumns[0] as TableColumn<Job>, stateColumn]} rowKey={(r) => r.id} label="Jobs" />)
      const cells = within(screen.getByRole('table', { name: 'Jobs' })).getAllByRole('cell')
      const title = (row: number, col: number) => {
        const cell = cells[row * 2 + col] as HTMLElement
        // The pointer over what the cell draws (its badge) counts as over the cell.
        fireEvent.pointerOver(cell.firstElementChild ?? cell)
        return cell.getAttribute('title')
      }
      expect(title(2, 0)).toBe(jobs[2]?.name)
      expect(title(0, 0)).toBeNull()
      // The title is the column's plain text, not what the cell draws.
      expect(title(3, 1)).toBe('Failed')
      expect(title(3, 0)).toBeNull()
    } finally {
      for (const [k, d] of saved) if (d) Object.defineProperty(HTMLElement.prototype, k, d)
    }
  })

  it('resizes a column with the keyboard and remembers the width per table id', () => {
    const view = (tableId: string) => <DataTable tableId={tableId} rows={jobs} columns={jobColumns} rowKey={(r) => r.id} label="Jobs" />
    const { unmount } = render(view('test.jobs'))
    const handle = screen.getByRole('separator', { name: /^Resize Bytes/ })
    const col = () => screen.getByRole('table', { name: 'Jobs' }).querySelectorAll('col')[2] as HTMLTableColElement
    expect(col().style.width).toBe('80px')
    act(() => fireEvent.keyDown(handle, { key: 'ArrowRight' }))
    act(() => fireEvent.keyDown(handle, { key: 'ArrowRight', shiftKey: true }))
    expect(col().style.width).toBe(`${80 + 16 + 64}px`)
    expect(handle.getAttribute('aria-valuenow')).toBe('160')
    // Never below the column's minimum.
    for (let i = 0; i < 20; i++) act(() => fireEvent.keyDown(handle, { key: 'ArrowLeft' }))
    expect(col().style.width).toBe('48px')
    act(() => fireEvent.keyDown(handle, { key: 'ArrowRight' }))
    unmount()

    render(view('test.jobs'))
    expect(col().style.width).toBe('64px')
    cleanup()
    render(view('test.other'))
    expect(col().style.width).toBe('80px')
    cleanup()

    // Escape puts the default back, for good.
    render(view('test.jobs'))
    act(() => fireEvent.keyDown(screen.getByRole('separator', { name: /^Resize Bytes/ }), { key: 'Escape' }))
    expect(col().style.width).toBe('80px')
    cleanup()
    render(view('test.jobs'))
    expect(col().style.width).toBe('80px')
  })

  it('resizes a column by dragging its header edge, and keeps the width once the drag ends', () => {
    const { unmount } = render(<DataTable tableId="test.jobs" rows={jobs} columns={jobColumns} rowKey={(r) => r.id} label="Jobs" />)
    const handle = screen.getByRole('separator', { name: /^Resize Job/ })
    const col = () => screen.getByRole('table', { name: 'Jobs' }).querySelectorAll('col')[0] as HTMLTableColElement
    act(() => fireEvent.pointerDown(handle, { button: 0, clientX: 300, pointerId: 1 }))
    act(() => fireEvent.pointerMove(handle, { clientX: 340, pointerId: 1 }))
    expect(col().style.width).toBe('160px')
    act(() => fireEvent.pointerMove(handle, { clientX: 390, pointerId: 1 }))
    act(() => fireEvent.pointerUp(handle, { clientX: 390, pointerId: 1 }))
    expect(col().style.width).toBe('210px')
    // A move after the drag ended changes nothing.
    act(() => fireEvent.pointerMove(handle, { clientX: 500, pointerId: 1 }))
    expect(col().style.width).toBe('210px')
    unmount()
    render(<DataTable tableId="test.jobs" rows={jobs} columns={jobColumns} rowKey={(r) => r.id} label="Jobs" />)
    expect(col().style.width).toBe('210px')
  })

  it('ignores a stored width that is not a sane number', () => {
    localStorage.setItem('backdesk.columnWidths.test.jobs', JSON.stringify({ name: 'wide', bytes: -5, state: 1e9 }))
    render(<DataTable tableId="test.jobs" rows={jobs} columns={jobColumns} rowKey={(r) => r.id} label="Jobs" />)
    const cols = screen.getByRole('table', { name: 'Jobs' }).querySelectorAll('col')
    expect([...cols].map((c) => c.style.width)).toEqual(['120px', '80px', '80px', '90px'])
  })
})

describe('DataTable, a custom header cell', () => {
  interface Pick {
    id: number
    name: string
  }
  const picks: Pick[] = [
    { id: 1, name: 'alpha' },
    { id: 2, name: 'beta' }
  ]
  it('shows the header cell given (a select-all checkbox) and keeps the header for CSV and the resize handle', () => {
    let toggled = 0
    const pickColumns: Array<TableColumn<Pick>> = [
      {
        id: 'select',
        header: 'Selected',
        headerCell: <input type="checkbox" aria-label="Select all" onChange={() => toggled++} />,
        text: () => '',
        sortValue: (r) => r.id,
        width: 40
      },
      { id: 'name', header: 'Name', text: (r) => r.name, width: 120 }
    ]
    render(<DataTable tableId="test.picks" rows={picks} columns={pickColumns} rowKey={(r) => r.id} label="Picks" />)
    const box = screen.getByRole('checkbox', { name: 'Select all' })
    act(() => fireEvent.click(box))
    expect(toggled).toBe(1)
    // The header shows the checkbox, not a sort button, and the column is still named for the resize handle and CSV.
    expect(screen.queryByRole('button', { name: /Selected/ })).toBeNull()
    expect(screen.getByRole('separator', { name: /^Resize Selected/ })).toBeTruthy()
    expect(csvColumnsOf(pickColumns).map((c) => c.header)).toEqual(['Selected', 'Name'])
  })
})

import { act, fireEvent, render, screen, within } from '@testing-library/react'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { cleanup } from '@testing-library/react'
import { sortRows, VirtualTable, type Column } from '../../../src/renderer/src/components/VirtualTable'

interface Row {
  id: number
  name: string
  size?: number
}

const rows: Row[] = Array.from({ length: 10_000 }, (_, i) => ({ id: i + 1, name: `unit-${String(i + 1).padStart(5, '0')}`, ...(i % 7 ? { size: (i * 7919) % 10_007 } : {}) }))
const columns: Array<Column<Row>> = [
  { id: 'name', header: 'Name', sortValue: (r) => r.name, cell: (r) => r.name },
  { id: 'size', header: 'Size', numeric: true, sortValue: (r) => r.size, cell: (r) => String(r.size ?? '—') }
]

afterEach(cleanup)

// happy-dom does no layout: give the scroll box the size a browser would (600 × 1000 px).
const saved = ['clientHeight', 'clientWidth'].map((k) => [k, Object.getOwnPropertyDescriptor(HTMLElement.prototype, k)] as const)
beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get() { return (this as HTMLElement).classList.contains('virtual-scroll') ? 600 : 0 } })
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get() { return (this as HTMLElement).classList.contains('virtual-scroll') ? 1000 : 0 } })
})
afterAll(() => {
  for (const [k, d] of saved) if (d) Object.defineProperty(HTMLElement.prototype, k, d)
})

describe('VirtualTable', () => {
  it('renders only a window of 10,000 rows, as a real table with row counts', () => {
    render(<VirtualTable rows={rows} columns={columns} rowKey={(r) => r.id} label="Units" />)
    const table = screen.getByRole('table', { name: 'Units' })
    expect(table.getAttribute('aria-rowcount')).toBe('10001')
    const bodyRows = within(table).getAllByRole('row').filter((r) => r.getAttribute('aria-rowindex') && r.getAttribute('aria-rowindex') !== '1')
    expect(bodyRows.length).toBeGreaterThan(5)
    expect(bodyRows.length).toBeLessThan(100)
    expect(bodyRows[0]?.getAttribute('aria-rowindex')).toBe('2')
    expect(screen.getByRole('columnheader', { name: /Name/ })).toBeTruthy()
  })

  it('sorts when a header is clicked, missing values last in both directions', () => {
    render(<VirtualTable rows={rows} columns={columns} rowKey={(r) => r.id} label="Units" />)
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
    render(<VirtualTable rows={[]} columns={columns} rowKey={(r) => r.id} label="Empty" emptyText="Nothing here." />)
    expect(screen.getByText('Nothing here.')).toBeTruthy()
  })

  it('renders the rows a scroll brings into view, and Home and End jump to the ends', () => {
    render(<VirtualTable rows={rows} columns={columns} rowKey={(r) => r.id} label="Units" rowHeight={30} />)
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

  it('scrolls back to the first row when the filter key changes, not when the rows only reload', () => {
    const view = (list: Row[], key: string) => <VirtualTable rows={list} columns={columns} rowKey={(r) => r.id} label="Units" rowHeight={30} scrollResetKey={key} />
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


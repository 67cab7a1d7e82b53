import { act, fireEvent, render, screen, within } from '@testing-library/react'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { csvColumnsOf, DataTable, type TableColumn } from '../../../src/renderer/src/components/DataTable'
import { CsvExport } from '../../../src/renderer/src/components/CsvExport'

interface Job {
  id: number
  name: string
  state: string
  bytes: number
}

const jobs: Job[] = [
  { id: 1, name: 'bravo', state: 'OK', bytes: 300 },
  { id: 2, name: 'alpha', state: 'Failed', bytes: 100 }
]
const selectColumn: TableColumn<Job> = { id: 'select', header: 'Selected', headerCell: <input type="checkbox" aria-label="Select all" />, text: () => '', csv: [], width: 40 }
const jobColumns: Array<TableColumn<Job>> = [
  selectColumn,
  { id: 'name', header: 'Job', text: (r) => r.name, sortValue: (r) => r.name, width: 120 },
  { id: 'state', header: 'State', text: (r) => r.state, width: 80 },
  { id: 'bytes', header: 'Bytes', text: (r) => `${r.bytes} B`, sortValue: (r) => r.bytes, align: 'end', width: 80 },
  { id: 'actions', header: 'Actions', text: () => '', cell: (r) => <button type="button">Open {r.id}</button>, csv: [], width: 90, sticky: true }
]

const STORE_KEY = 'backdesk.hiddenColumns.test.jobs'

function renderJobs(columns: ReadonlyArray<TableColumn<Job>> = jobColumns, height?: string) {
  // The table is narrower than what offers "Columns" by itself: it asks for it.
  return render(<DataTable tableId="test.jobs" rows={jobs} columns={columns} rowKey={(r) => r.id} label="Jobs" chooseColumns {...(height ? { height } : {})} />)
}
const chooserButton = () => screen.getByRole('button', { name: /^Columns/ })
const headers = () => within(screen.getByRole('table', { name: 'Jobs' })).getAllByRole('columnheader').map((th) => th.textContent)
const firstRowCells = () =>
  within(screen.getByRole('table', { name: 'Jobs' }))
    .getAllByRole('row')
    .filter((r) => r.getAttribute('aria-rowindex') === '2')
    .flatMap((r) => within(r).getAllByRole('cell').map((td) => td.textContent))
function openChooser() {
  act(() => fireEvent.click(chooserButton()))
  return screen.getByRole('group', { name: 'Columns of Jobs' })
}

// happy-dom does no layout: give a windowed table's scroll box the size a browser would.
const saved = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientHeight')
beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get() { return (this as HTMLElement).classList.contains('virtual-scroll') ? 600 : 0 } })
})
afterAll(() => {
  if (saved) Object.defineProperty(HTMLElement.prototype, 'clientHeight', saved)
})
afterEach(() => localStorage.clear())

describe('DataTable, choosing the columns shown', () => {
  it('opens a labelled group with a checkbox per column that may be hidden, the first focused', () => {
    renderJobs()
    expect(chooserButton().getAttribute('aria-expanded')).toBe('false')
    expect(chooserButton().title).toBe('Choose the columns of Jobs')
    expect(screen.queryByRole('group', { name: 'Columns of Jobs' })).toBeNull()
    const group = openChooser()
    expect(chooserButton().getAttribute('aria-expanded')).toBe('true')
    expect(chooserButton().getAttribute('aria-controls')).toBe(group.id)
    // The selection column, the first data column (it names the row) and the action column stay.
    const boxes = within(group).getAllByRole('checkbox')
    expect(boxes.map((b) => b.closest('label')?.textContent)).toEqual(['State', 'Bytes'])
    expect(boxes.every((b) => (b as HTMLInputElement).checked)).toBe(true)
    expect(document.activeElement).toBe(boxes[0])
    expect(within(group).getByText('CSV export keeps every column.')).toBeTruthy()
    expect((within(group).getByRole('button', { name: 'Show all' }) as HTMLButtonElement).disabled).toBe(true)
  })

  it('hides a column from the header and every row, and shows it again', () => {
    renderJobs()
    expect(headers()).toEqual(['', 'Job', 'State', 'Bytes', 'Actions'])
    const group = openChooser()
    act(() => fireEvent.click(within(group).getByRole('checkbox', { name: 'State' })))
    expect(headers()).toEqual(['', 'Job', 'Bytes', 'Actions'])
    expect(firstRowCells()).toEqual(['', 'bravo', '300 B', 'Open 1'])
    expect(screen.getByRole('table', { name: 'Jobs' }).querySelectorAll('col')).toHaveLength(4)
    expect(chooserButton().textContent).toBe('Columns (1 hidden)')
    act(() => fireEvent.click(within(group).getByRole('checkbox', { name: 'State' })))
    expect(headers()).toEqual(['', 'Job', 'State', 'Bytes', 'Actions'])
  })

  it('leaves a hidden column out of a windowed table’s column template', () => {
    renderJobs(jobColumns, '600px')
    const table = screen.getByRole('table', { name: 'Jobs' })
    expect(table.style.getPropertyValue('--dt-columns')).toBe('minmax(40px, 40fr) minmax(120px, 120fr) minmax(80px, 80fr) minmax(80px, 80fr) minmax(90px, 90fr)')
    const group = openChooser()
    act(() => fireEvent.click(within(group).getByRole('checkbox', { name: 'Bytes' })))
    expect(table.style.getPropertyValue('--dt-columns')).toBe('minmax(40px, 40fr) minmax(120px, 120fr) minmax(80px, 80fr) minmax(90px, 90fr)')
    expect(firstRowCells()).toEqual(['', 'bravo', 'OK', 'Open 1'])
  })

  it('keeps the choice per table id across a remount, ids only; Show all brings every column back', () => {
    const { unmount } = renderJobs()
    const group = openChooser()
    act(() => fireEvent.click(within(group).getByRole('checkbox', { name: 'Bytes' })))
    expect(JSON.parse(localStorage.getItem(STORE_KEY) ?? 'null')).toEqual(['bytes'])
    unmount()
    renderJobs()
    expect(headers()).toEqual(['', 'Job', 'State', 'Actions'])
    const reopened = openChooser()
    expect((within(reopened).getByRole('checkbox', { name: 'Bytes' }) as HTMLInputElement).checked).toBe(false)
    act(() => fireEvent.click(within(reopened).getByRole('button', { name: 'Show all' })))
    expect(headers()).toEqual(['', 'Job', 'State', 'Bytes', 'Actions'])
    expect(localStorage.getItem(STORE_KEY)).toBeNull()
  })

  it('never hides the last data column shown', () => {
    // Both data columns opted in: once one is hidden, the other cannot be.
    const two: Array<TableColumn<Job>> = [
      { id: 'name', header: 'Job', text: (r) => r.name, width: 120, hideable: true },
      { id: 'state', header: 'State', text: (r) => r.state, width: 80 },
      { id: 'actions', header: 'Actions', text: () => '', csv: [], width: 90, sticky: true }
    ]
    renderJobs(two)
    const group = openChooser()
    act(() => fireEvent.click(within(group).getByRole('checkbox', { name: 'State' })))
    const job = within(group).getByRole('checkbox', { name: 'Job' }) as HTMLInputElement
    expect(job.disabled).toBe(true)
    act(() => fireEvent.click(job))
    expect(headers()).toEqual(['Job', 'Actions'])
  })

  it('ignores a stored choice it cannot use: not a list, not ids, unknown ids, or every data column', () => {
    for (const stored of ['{"bytes":true}', '"bytes"', 'not json', '[3, null, {"id":"bytes"}]', '["gone", "state"]']) {
      localStorage.setItem(STORE_KEY, stored)
      const { unmount } = renderJobs()
      expect(headers()).toEqual(stored.includes('"state"') ? ['', 'Job', 'Bytes', 'Actions'] : ['', 'Job', 'State', 'Bytes', 'Actions'])
      unmount()
    }
    // Columns that may not be hidden stay, whatever is stored.
    localStorage.setItem(STORE_KEY, JSON.stringify(['select', 'name', 'actions']))
    renderJobs()
    expect(headers()).toEqual(['', 'Job', 'State', 'Bytes', 'Actions'])
  })

  it('closes on Escape from a checkbox and gives focus back to the button', () => {
    renderJobs()
    const group = openChooser()
    const [state, bytes] = within(group).getAllByRole('checkbox')
    expect(document.activeElement).toBe(state)
    act(() => bytes?.focus())
    act(() => fireEvent.keyDown(bytes as HTMLElement, { key: 'Escape' }))
    expect(screen.queryByRole('group', { name: 'Columns of Jobs' })).toBeNull()
    expect(chooserButton().getAttribute('aria-expanded')).toBe('false')
    expect(document.activeElement).toBe(chooserButton())
  })

  it('closes when the pointer presses outside it', () => {
    renderJobs()
    openChooser()
    act(() => fireEvent.pointerDown(document.body))
    expect(screen.queryByRole('group', { name: 'Columns of Jobs' })).toBeNull()
  })

  it('exports every column to CSV, hidden ones too', async () => {
    const created: Blob[] = []
    const createObjectURL = vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      created.push(blob as Blob)
      return 'blob:test'
    })
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined)
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined)
    try {
      render(
        <>
          <CsvExport rows={jobs} columns={csvColumnsOf(jobColumns)} name={['jobs']} />
          <DataTable tableId="test.jobs" rows={jobs} columns={jobColumns} rowKey={(r) => r.id} label="Jobs" chooseColumns />
        </>
      )
      const group = openChooser()
      act(() => fireEvent.click(within(group).getByRole('checkbox', { name: 'Bytes' })))
      expect(headers()).not.toContain('Bytes')
      act(() => fireEvent.click(screen.getByRole('button', { name: 'Export CSV' })))
      expect(createObjectURL).toHaveBeenCalledTimes(1)
      const text = (await created[0]?.text())?.replace(/^\ufeff/, '')
      expect(text).toBe('Job,State,Bytes\r\nbravo,OK,300 B\r\nalpha,Failed,100 B\r\n')
    } finally {
      vi.restoreAllMocks()
    }
  })

  it('offers the choice by itself on a wide table only: a narrow one fits its pane', () => {
    const { unmount } = render(<DataTable tableId="test.jobs" rows={jobs} columns={jobColumns} rowKey={(r) => r.id} label="Jobs" />)
    expect(screen.queryByRole('button', { name: /^Columns/ })).toBeNull()
    unmount()
    const wide: Array<TableColumn<Job>> = [
      ...jobColumns.slice(0, 4),
      { id: 'owner', header: 'Owner', text: () => 'ops', width: 80 },
      { id: 'note', header: 'Note', text: () => '', width: 80 },
      ...jobColumns.slice(4)
    ]
    render(<DataTable tableId="test.jobs" rows={jobs} columns={wide} rowKey={(r) => r.id} label="Jobs" />)
    expect(screen.getByRole('button', { name: /^Columns/ })).toBeTruthy()
  })

  it('offers no choice on a table with totals under it, whose cells line up with every column', () => {
    localStorage.setItem(STORE_KEY, JSON.stringify(['state']))
    render(
      <DataTable
        tableId="test.jobs"
        rows={jobs}
        columns={jobColumns}
        rowKey={(r) => r.id}
        label="Jobs"
        chooseColumns
        footer={
          <tr>
            <td colSpan={5}>Total</td>
          </tr>
        }
      />
    )
    expect(screen.queryByRole('button', { name: /^Columns/ })).toBeNull()
    expect(headers()).toEqual(['', 'Job', 'State', 'Bytes', 'Actions'])
  })
})

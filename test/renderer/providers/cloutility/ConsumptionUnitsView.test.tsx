import { act,  fireEvent, render, screen, within } from '@testing-library/react'
import { afterAll,  beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest'
import type { BackupStatus, ConsumptionUnit } from '../../../../src/shared/providers/cloutility/model'
import { ConsumptionUnitsView, filterUnits } from '../../../../src/renderer/src/providers/cloutility/ConsumptionUnitsView'
import { useStore } from '../../../../src/renderer/src/store'
import { unitsKey } from '../../../../src/renderer/src/providers/cloutility/cloutility.slice'

const STATUSES: BackupStatus[] = ['ok', 'warning', 'error', 'pending']
const units: ConsumptionUnit[] = Array.from({ length: 10_000 }, (_, i) => ({
  id: 1000 + i,
  name: `WS-${String(i).padStart(5, '0')}`,
  businessUnitId: 7,
  tags: [],
  status: STATUSES[i % STATUSES.length] as BackupStatus,
  ...(i % 3 ? { nodeName: `NODE${i}` } : {}),
  storageBytes: (i * 104_729) % 5_000_000_000
}))

const saved = ['clientHeight', 'clientWidth'].map((k) => [k, Object.getOwnPropertyDescriptor(HTMLElement.prototype, k)] as const)
beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get() { return (this as HTMLElement).classList.contains('virtual-scroll') ? 600 : 0 } })
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get() { return (this as HTMLElement).classList.contains('virtual-scroll') ? 1000 : 0 } })
})
afterAll(() => {
  for (const [k, d] of saved) if (d) Object.defineProperty(HTMLElement.prototype, k, d)
})

describe('filterUnits', () => {
  it('matches name, node name or exact id, and status', () => {
    expect(filterUnits(units, '', 'all')).toBe(units)
    expect(filterUnits(units, 'ws-0999', 'all').map((u) => u.name)).toEqual(Array.from({ length: 10 }, (_, i) => `WS-0999${i}`))
    expect(filterUnits(units, 'node9998', 'all').map((u) => u.id)).toEqual([1000 + 9998])
    expect(filterUnits(units, '1005', 'all').map((u) => u.id)).toContain(1005)
    const errors = filterUnits(units, '', 'error')
    expect(errors).toHaveLength(2500)
    expect(errors.every((u) => u.status === 'error')).toBe(true)
  })
})

/** Paints the next frame and runs the tasks queued from it (filters apply as of the last painted frame). */
async function paintFrame(): Promise<void> {
  await act(async () => {
    vi.advanceTimersToNextFrame()
    vi.runOnlyPendingTimers()
  })
}

describe('ConsumptionUnitsView', () => {
  it('shows 10,000 units through a window of rows, and filters them', async () => {
    // Frames run on fake timers: the test paints them instead of waiting for them on the real clock.
    vi.useFakeTimers({ toFake: ['requestAnimationFrame', 'cancelAnimationFrame', 'setTimeout', 'clearTimeout'] })
    onTestFinished(() => void vi.useRealTimers())
    useStore.setState({ cloutilityUnits: { [unitsKey('c1', 7)]: { value: { businessUnitId: 7, items: units }, loading: false } } })
    render(<ConsumptionUnitsView connectionId="c1" businessUnitId={7} businessUnitName="Acme AB" />)
    const table = screen.getByRole('table', { name: 'Consumption units of Acme AB' })
    expect(table.getAttribute('aria-rowcount')).toBe('10001')
    expect(within(table).getAllByRole('row').length).toBeLessThan(100)
    expect(screen.getByText('10000 of 10000')).toBeTruthy()

    await act(async () => {
      fireEvent.change(screen.getByLabelText('Filter'), { target: { value: 'WS-0042' } })
    })
    await paintFrame()
    expect(screen.getByText('10 of 10000')).toBeTruthy()
    expect(table.getAttribute('aria-rowcount')).toBe('11')

    await act(async () => {
      fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'warning' } })
    })
    await paintFrame()
    expect(screen.getByText('3 of 10000')).toBeTruthy()
    for (const row of within(table).getAllByRole('row').slice(1)) expect(row.textContent).toContain('Warning')
  })
})

describe('ConsumptionUnitsView table', () => {
  it('draws its header, sorts and exports CSV from one column definition, the CSV keeping its columns', async () => {
    const few: ConsumptionUnit[] = [
      { id: 11, name: 'beta', businessUnitId: 7, tags: [], status: 'warning', nodeName: 'NODE-B', os: 'Linux', nodeType: 'Server', lastBackup: '2026-03-01T10:00:00Z', lastBackupStatus: 'Completed', storageBytes: 2048 },
      { id: 12, name: '=alpha', businessUnitId: 7, tags: [], status: 'ok', storageBytes: 1024 }
    ]
    useStore.setState({ cloutilityUnits: { [unitsKey('c1', 7)]: { value: { businessUnitId: 7, items: few }, loading: false } } })
    render(<ConsumptionUnitsView connectionId="c1" businessUnitId={7} businessUnitName="Acme AB" />)
    const table = screen.getByRole('table', { name: 'Consumption units of Acme AB' })
    expect(within(table).getAllByRole('columnheader').map((th) => th.firstChild?.textContent?.replace(/[▲▼\s]+$/, ''))).toEqual([
      'Name',
      'Node name',
      'OS',
      'Type',
      'Last backup',
      'Status',
      'Storage'
    ])
    act(() => fireEvent.click(within(table).getByRole('button', { name: /Storage/ })))
    expect(within(table).getByRole('columnheader', { name: /Storage/ }).getAttribute('aria-sort')).toBe('ascending')

    // The export is what the table shows, in its order, with the columns it always had.
    const blobs: Blob[] = []
    const create = vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      blobs.push(blob as Blob)
      return 'blob:test'
    })
    onTestFinished(() => create.mockRestore())
    act(() => fireEvent.click(screen.getByRole('button', { name: 'Export CSV' })))
    expect(blobs).toHaveLength(1)
    const text = (await (blobs[0] as Blob).text()).replace(/^\ufeff/, '')
    expect(text.split('\r\n')).toEqual([
      'Id,Name,Node name,OS,Type,Last backup,Last backup status,Status,Storage (bytes),Storage',
      "12,'=alpha,,,,,,OK,1024,1 KiB",
      '11,beta,NODE-B,Linux,Server,2026-03-01T10:00:00Z,Completed,Warning,2048,2 KiB',
      ''
    ])
  })
})

describe('ConsumptionUnitsView with no units', () => {
  const empty = (businessUnitId: number) => useStore.setState({ cloutilityUnits: { [unitsKey('c1', businessUnitId)]: { value: { businessUnitId, items: [] }, loading: false } } })

  it('points a unit above others to its sub-units, where the failures the tree shows on it are', () => {
    empty(5)
    render(<ConsumptionUnitsView connectionId="c1" businessUnitId={5} businessUnitName="Baltic Data Care" subUnits={5} />)
    expect(screen.getByText("This unit's 5 sub-units may hold consumption units: open one in the tree.")).toBeTruthy()
    expect(screen.getByRole('table', { name: 'Consumption units of Baltic Data Care' }).textContent).toContain('No consumption units in this business unit itself.')
  })

  it('says plainly that a unit with no sub-units has none', () => {
    empty(6)
    render(<ConsumptionUnitsView connectionId="c1" businessUnitId={6} businessUnitName="Glacier Dental BV" subUnits={0} />)
    expect(screen.getByText('This business unit has no consumption units.')).toBeTruthy()
    expect(screen.queryByText(/sub-unit/)).toBeNull()
  })
})

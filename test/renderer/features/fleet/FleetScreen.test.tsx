import { act, fireEvent, render, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { FleetRow, FleetRowsPage, FleetScanSummary } from '../../../../src/shared/model/fleet'
import { FleetScreen } from '../../../../src/renderer/src/features/fleet/FleetScreen'
import { useStore } from '../../../../src/renderer/src/store'
import { notLoaded } from '../../../../src/renderer/src/store/resource'
import { installFakeBridge } from '../../fake-bridge'
import { formatAgo, formatDateTime } from '../../../../src/shared/format'

const row = (i: number, status: FleetRow['status']): FleetRow => ({
  key: `k${i}`,
  connectionId: 'c1',
  connectionName: 'Acme Cloutility',
  provider: 'cloutility',
  customer: 'Acme',
  kind: 'consumption-unit',
  object: `WS-${i}`,
  status,
  detail: status === 'failed' ? 'Backup failed' : 'Backed up',
  ids: { businessUnitId: 7, consumerId: i }
})

describe('FleetScreen', () => {
  it('says it is reading the results while the finished scan’s rows are on their way, never "nothing found"', async () => {
    const rows = [row(1, 'ok'), row(2, 'failed'), row(3, 'warning')]
    let deliver: (page: FleetRowsPage) => void = () => {}
    const done: FleetScanSummary = { scanId: 's1', state: 'done', scope: {}, startedAt: '2026-12-04T10:00:00.000Z', finishedAt: '2026-12-04T10:00:01.000Z', done: 1, total: 1, rowCount: 3, notes: [] }
    installFakeBridge({
      'fleet.scan.status': () => null,
      'fleet.review.list': () => [],
      'fleet.scan.rows': () => new Promise<FleetRowsPage>((resolve) => (deliver = resolve))
    })
    useStore.setState({ fleetRows: [], fleetFollowers: 0 })
    render(<FleetScreen />)
    await screen.findByText(/No scan yet/)
    // The scan's end reaches the screen before its rows do.
    await act(async () => useStore.getState().applyFleetProgress(done))
    expect(screen.getByRole('status').textContent).toContain('Reading the results: 1 of 1 connections, 0 of 3 items')
    expect(screen.getByText('Reading the results…')).toBeTruthy()
    expect(screen.queryByText('Nothing found to check.')).toBeNull()
    expect(screen.queryByText(/Scan finished/)).toBeNull()

    await act(async () => deliver({ scanId: 's1', from: 0, rows }))
    expect(screen.getByRole('status').textContent).toContain('Scan finished: 1 of 1 connections, 3 items, 1 failing or stale, 1 with warnings or unknown')
    const cells = screen.getAllByRole('row').slice(1).map((r) => r.querySelector('td')?.textContent)
    expect(cells).toEqual(['Failed', 'Warning', 'OK'])
  })

  it('says a scan covered one customer only, and scans every connection from there', async () => {
    const scoped: FleetScanSummary = { scanId: 's2', state: 'done', scope: { customer: 'Acme' }, startedAt: '2026-12-04T10:00:00.000Z', finishedAt: '2026-12-04T10:00:01.000Z', done: 1, total: 1, rowCount: 1, notes: [] }
    const started: unknown[] = []
    installFakeBridge({
      'fleet.scan.status': () => ({ ...scoped, rows: [row(1, 'ok')] }),
      'fleet.review.list': () => [],
      'fleet.scan.rows': () => ({ scanId: 's2', from: 0, rows: [row(1, 'ok')] }),
      'fleet.scan.start': (input: unknown) => {
        started.push(input)
        return { ...scoped, scanId: 's3', state: 'running', scope: {}, done: 0, total: 2, rowCount: 0, finishedAt: undefined }
      }
    })
    useStore.setState({ fleetRows: [], fleetFollowers: 0 })
    render(<FleetScreen />)
    const note = await screen.findByTestId('fleet-scope')
    expect(note.textContent).toContain("A scan of Acme only: the other connections' items are not listed here")
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Scan all connections' })))
    expect(started).toEqual([{ scope: {} }])
    expect(screen.queryByTestId('fleet-scope')).toBeNull()
  })

  /** Fleet health after scan `scanId` of Acme only, with watch.earlier answering Globex's row as of the scan `earlierFor`. */
  function scopedScan(scanId: string, earlierFor: string): void {
    const scoped: FleetScanSummary = { scanId, state: 'done', scope: { customer: 'Acme' }, startedAt: '2026-12-04T10:00:00.000Z', finishedAt: '2026-12-04T10:00:01.000Z', done: 1, total: 1, rowCount: 1, notes: [] }
    const other: FleetRow = { ...row(9, 'failed'), key: 'k9', connectionId: 'c2', connectionName: 'Globex Cloutility', customer: 'Globex', object: 'GX-9' }
    installFakeBridge({
      'fleet.scan.status': () => ({ ...scoped, rows: [row(1, 'ok')] }),
      'fleet.review.list': () => [],
      'fleet.scan.rows': () => ({ scanId, from: 0, rows: [row(1, 'ok')] }),
      'watch.earlier': () => ({ scanId: earlierFor, rows: [other], scannedAt: { c2: '2026-12-04T08:00:00.000Z' } })
    })
    useStore.setState({ fleetRows: [], fleetFollowers: 0, fleetEarlier: notLoaded() })
    render(<FleetScreen />)
  }

  it('lists the other connections beside a scan of one customer as their last scan found them, with that scan’s time', async () => {
    scopedScan('s2', 's2')
    const note = await screen.findByTestId('fleet-scope')
    await screen.findByText('GX-9')
    expect(note.textContent).toContain(
      `A scan of Acme only. The other connections are listed as their last scan found them: 1 item, scanned ${formatAgo('2026-12-04T08:00:00.000Z')} (a status's tooltip says when).`
    )
    // Failing first: the other customer's failure heads the list; each status says which scan found it.
    const bodyRows = screen.getAllByRole('row').slice(1)
    const status = bodyRows.map((r) => r.querySelector('td'))
    expect(status.map((td) => td?.textContent)).toEqual(['Failed', 'OK'])
    expect(status[0]?.getAttribute('title')).toBe(`Failed: as the scan of ${formatDateTime('2026-12-04T08:00:00.000Z')} found it`)
    expect(status[1]?.getAttribute('title')).toBe(`OK: as the scan of ${formatDateTime('2026-12-04T10:00:01.000Z')} found it`)
    // The scan's own counts stay its own; the list counts both.
    expect(screen.getByRole('status').textContent).toContain('1 of 1 connections, 1 item, 0 failing or stale')
    expect(screen.getByTestId('fleet-shown').textContent).toBe('2 of 2')
  })

  it('does not list rows of an earlier answer beside another scan', async () => {
    // The watch has not kept s3 yet: its answer is for the scan before.
    scopedScan('s3', 's2')
    const note = await screen.findByTestId('fleet-scope')
    await act(async () => {
      await useStore.getState().loadFleetEarlier()
    })
    expect(note.textContent).toContain("the other connections' items are not listed here")
    expect(screen.queryByText('GX-9')).toBeNull()
    expect(screen.getAllByRole('row')[1]?.querySelector('td')?.hasAttribute('title')).toBe(false)
  })
})

import { render, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { ConnectionOverview, Overview } from '../../../../src/shared/model/overview'
import { OverviewDashboard } from '../../../../src/renderer/src/features/home/OverviewDashboard'
import { useStore } from '../../../../src/renderer/src/store'
import { notLoaded } from '../../../../src/renderer/src/store/resource'
import { installFakeBridge } from '../../fake-bridge'

const overviewOf = (scoped: boolean): Overview => ({
  computedAt: new Date().toISOString(),
  lastScan: { scanId: 's1', finishedAt: new Date().toISOString(), rowCount: 18, scoped },
  providers: [{ provider: 'cloutility', failing: 0, stale: 0, total: 18 }],
  openReviews: 0,
  restoresInFlight: 0,
  connections: [],
  attention: [],
  trend: []
})

describe('OverviewDashboard', () => {
  it('says when the latest scan was of one customer, and that the others are counted as their last scan found them', async () => {
    installFakeBridge({ 'overview.get': () => overviewOf(true) })
    useStore.setState({ overview: notLoaded(), watchStatus: notLoaded() })
    render(<OverviewDashboard />)
    const note = await screen.findByTestId('overview-scope')
    expect(note.textContent).toBe('The latest scan covered one customer: the other connections are counted as their last scan found them. Scan reads every connection.')
  })

  it('before any scan, counts no objects and says nothing needs a scan to list', async () => {
    const { lastScan: _none, ...unscanned } = overviewOf(false)
    installFakeBridge({ 'overview.get': () => ({ ...unscanned, providers: [{ provider: 'cloutility', failing: 0, stale: 0, total: 0 }] }) })
    useStore.setState({ overview: notLoaded(), watchStatus: notLoaded() })
    render(<OverviewDashboard />)
    expect(await screen.findByText("No scan yet: Scan reads the status of every connection's objects.")).toBeTruthy()
    expect(screen.queryByText('Nothing needs attention in the last scan.')).toBeNull()
    const tiles = screen.getByRole('list', { name: 'Failing and stale objects per provider' })
    expect(tiles.textContent).toContain('Not scanned yet')
    // A zero before any scan is of nothing read: no "0 failing" to read as a healthy fleet.
    expect(tiles.textContent).not.toContain('0 failing')
    expect(screen.queryByText('of 0 objects')).toBeNull()
  })

  it('before any scan, gives the connections the customer pages judged, as their dots show them', async () => {
    const { lastScan: _none, ...unscanned } = overviewOf(false)
    const connection = (id: string, health: ConnectionOverview['health'], extra: Partial<ConnectionOverview> = {}): ConnectionOverview => ({
      connectionId: id, name: id, provider: 'cloutility', customer: 'Contoso', health, offline: false, testFailed: false, ...extra
    })
    installFakeBridge({
      'overview.get': () => ({
        ...unscanned,
        providers: [
          { provider: 'cloudback', failing: 0, stale: 0, total: 0 },
          { provider: 'cloutility', failing: 0, stale: 0, total: 0 }
        ],
        connections: [
          connection('a', 'failing'),
          connection('b', 'ok'),
          connection('c', 'unchecked'),
          // A failed Test connection is said below the tiles, not counted as a page's judgement.
          connection('d', 'failing', { testFailed: true }),
          connection('e', 'unchecked', { provider: 'cloudback' })
        ]
      })
    })
    useStore.setState({ overview: notLoaded(), watchStatus: notLoaded() })
    render(<OverviewDashboard />)
    const link = await screen.findByRole('link', { name: '1 of 4 connections with failures in Cloutility' })
    expect(link.closest('li')?.textContent).toContain('2 checked on a customer page')
    // Cloudback's one connection was never judged: its tile says only that it was not scanned.
    expect(screen.queryByRole('link', { name: /connections? with failures in Cloudback/ })).toBeNull()
    expect(screen.getByText(/Meanwhile the customer pages opened found 1 connection with failed, missed or unchecked backups/)).toBeTruthy()
  })

  it('after a scan that found nothing to look at, says so and counts its objects', async () => {
    installFakeBridge({ 'overview.get': () => overviewOf(false) })
    useStore.setState({ overview: notLoaded(), watchStatus: notLoaded() })
    render(<OverviewDashboard />)
    expect(await screen.findByText('Nothing needs attention in the last scan.')).toBeTruthy()
    expect(screen.getByText('of 18 objects')).toBeTruthy()
  })

  it('says nothing of the kind after a scan of every connection', async () => {
    installFakeBridge({ 'overview.get': () => overviewOf(false) })
    useStore.setState({ overview: notLoaded(), watchStatus: notLoaded() })
    render(<OverviewDashboard />)
    await screen.findByText('Needs attention first')
    expect(screen.queryByTestId('overview-scope')).toBeNull()
  })
})

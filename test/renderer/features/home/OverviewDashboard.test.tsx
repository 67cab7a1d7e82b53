import { render, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { Overview } from '../../../../src/shared/model/overview'
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

  it('before any scan, says nothing was read rather than that nothing needs attention', async () => {
    const { lastScan: _none, ...unscanned } = overviewOf(false)
    installFakeBridge({ 'overview.get': () => ({ ...unscanned, providers: [{ provider: 'cloutility', failing: 0, stale: 0, total: 0 }] }) })
    useStore.setState({ overview: notLoaded(), watchStatus: notLoaded() })
    render(<OverviewDashboard />)
    expect(await screen.findByText("Nothing read yet: Scan reads the status of every connection's objects.")).toBeTruthy()
    expect(screen.queryByText('Nothing needs attention in the last scan.')).toBeNull()
    expect(screen.getByRole('list', { name: 'Failing and stale objects per provider' }).textContent).toContain('not scanned yet')
    expect(screen.queryByText('of 0 objects')).toBeNull()
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

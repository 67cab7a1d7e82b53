import { render, screen, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest'
import type { CustomerListItem } from '../../../../src/shared/model/customers'
import type { WatchStatus } from '../../../../src/shared/model/watch'
import { startIpcEvents } from '../../../../src/renderer/src/app/ipc-events'
import { CustomersScreen } from '../../../../src/renderer/src/features/customers/CustomersScreen'
import { useStore } from '../../../../src/renderer/src/store'
import { deferred } from '../../deferred'
import { installFakeBridge } from '../../fake-bridge'

const NOW = Date.parse('2026-12-05T12:00:00.000Z')
const hoursAgo = (h: number) => new Date(NOW - h * 3_600_000).toISOString()
const customer = (name: string, more: Partial<CustomerListItem>): CustomerListItem => ({ name, connectionCount: 1, providers: ['cloutility'], demo: false, status: null, ...more })

async function statusCellOf(name: string, list: CustomerListItem[]): Promise<string> {
  installFakeBridge({ 'customers.list': () => list })
  useStore.setState({ screen: { id: 'customers' } })
  render(<CustomersScreen />)
  const row = (await screen.findByRole('button', { name })).closest('tr') as HTMLElement
  const cells = [...row.querySelectorAll('td')]
  return cells.map((c) => c.textContent).find((t) => t?.match(/OK|Failing|Warning|Unknown|Not checked/)) ?? ''
}

describe('CustomersScreen status column', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(NOW)
  })
  afterEach(() => vi.useRealTimers())

  it('shows how old the status is and where it comes from', async () => {
    const text = await statusCellOf('Acme', [customer('Acme', { status: 'error', checkedAt: hoursAgo(2), statusSource: 'fleet-scan', offline: false })])
    expect(text).toBe('Failing · 2 hours ago (fleet scan)')
  })

  it('says a status is last known data when a connection is offline', async () => {
    const text = await statusCellOf('Acme', [customer('Acme', { status: 'ok', checkedAt: hoursAgo(30), statusSource: 'customer-page', offline: true })])
    expect(text).toBe('OK · 30 hours ago (customer page) · offline, last known data')
  })

  it('says "Not checked" when nothing is known', async () => {
    expect(await statusCellOf('Acme', [customer('Acme', {})])).toBe('Not checked')
  })
})

describe('CustomersScreen after a fleet scan is kept', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(NOW)
  })
  afterEach(() => vi.useRealTimers())

  const watchStatus = (lastScanAt: string, attention: number): WatchStatus => ({ state: 'scheduled', lastScanAt, attention, newFailures: attention, backoff: [] })
  const statusOf = (name: string) => within(screen.getByRole('button', { name }).closest('tr') as HTMLElement).getAllByRole('cell')[1]?.textContent

  it("shows the new scan's statuses while open, without a reopen and without taking the table away meanwhile", async () => {
    const answers = [deferred<CustomerListItem[]>(), deferred<CustomerListItem[]>()]
    const bridge = installFakeBridge({ 'customers.list': () => (answers[bridge.callsTo('customers.list').length - 1] as (typeof answers)[number]).promise })
    useStore.setState({ screen: { id: 'customers' } })
    onTestFinished(startIpcEvents(useStore))
    render(<CustomersScreen />)
    answers[0]?.resolve([customer('Acme', {})])
    await screen.findByRole('button', { name: 'Acme' })
    expect(statusOf('Acme')).toBe('Not checked')
    const table = screen.getByRole('table', { name: 'Customers' })

    // Main kept a scan: the list is read again in the background, the table staying as it was.
    bridge.emit('watch.status', watchStatus(hoursAgo(0), 1))
    expect(bridge.callsTo('customers.list')).toHaveLength(2)
    expect(screen.getByRole('table', { name: 'Customers' })).toBe(table)
    expect(statusOf('Acme')).toBe('Not checked')
    answers[1]?.resolve([customer('Acme', { status: 'error', checkedAt: hoursAgo(0), statusSource: 'fleet-scan', offline: false })])
    await vi.waitFor(() => expect(statusOf('Acme')).toMatch(/^Failing · .+ \(fleet scan\)$/))
    expect(screen.getByRole('table', { name: 'Customers' })).toBe(table)

    // A status that keeps no new scan (a review, the schedule moving) reads nothing again.
    bridge.emit('watch.status', watchStatus(hoursAgo(0), 0))
    expect(bridge.callsTo('customers.list')).toHaveLength(2)
  })
})

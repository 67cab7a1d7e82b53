import { render, screen } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { CUSTOMER_ITEM_LIMIT, type CustomerPage, type CustomerPart } from '../../../../src/shared/model/customers'
import { CustomerScreen } from '../../../../src/renderer/src/features/customers/CustomersScreen'
import { useStore } from '../../../../src/renderer/src/store'
import { installFakeBridge } from '../../fake-bridge'

const NOW = Date.parse('2026-12-05T12:00:00.000Z')
const minutesAgo = (m: number) => new Date(NOW - m * 60_000).toISOString()

const part = (id: string, more: Partial<CustomerPart>): CustomerPart => ({
  connectionId: id,
  connectionName: `Acme ${id}`,
  provider: 'cloutility',
  demo: false,
  itemKind: 'Business units',
  items: [{ id: `${id}-1`, label: 'Acme AS', status: 'ok' }],
  status: 'ok',
  source: 'live',
  asOf: minutesAgo(0),
  ...more
})

async function summaryOf(parts: CustomerPart[]): Promise<string> {
  const page: CustomerPage = { name: 'Acme', status: 'ok', parts, checkedAt: minutesAgo(0) }
  installFakeBridge({ 'customers.get': () => page })
  useStore.setState({ screen: { id: 'customer', params: { name: 'Acme' } }, customerPages: {} })
  render(<CustomerScreen />)
  return (await screen.findByTestId('customer-summary')).textContent ?? ''
}

describe('CustomerScreen summary', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(NOW)
  })
  afterEach(() => vi.useRealTimers())

  it('says the status was checked now when every connection answered', async () => {
    expect(await summaryOf([part('a', {}), part('b', {})])).toContain('(the worst of 2 connections) · checked less than a minute ago')
  })

  it('does not call last known data "checked now" when no connection could be reached, and gives its age', async () => {
    const offline = { source: 'snapshot' as const, failure: 'offline' as const, error: 'The server refused the connection.' }
    const text = await summaryOf([part('a', { ...offline, asOf: minutesAgo(5) }), part('b', { ...offline, asOf: minutesAgo(180) })])
    expect(text).not.toContain('checked less than a minute ago')
    expect(text).toContain('not checked now: none of the 2 connections could be reached (last known data from 3 hours ago)')
  })

  it('names how many connections count with last known data when only some could be reached', async () => {
    const text = await summaryOf([part('a', {}), part('b', { source: 'snapshot', failure: 'offline', asOf: minutesAgo(30) }), part('c', {})])
    expect(text).toContain('checked less than a minute ago, but 1 of 3 connections could not be reached and count with their last known data from 30 minutes ago')
  })

  it('counts a refused login as checked: its part is failing now, not last known data', async () => {
    const text = await summaryOf([part('a', { source: 'snapshot', failure: 'cannot-check', status: 'error', error: 'The key was refused.' })])
    expect(text).toContain('· checked less than a minute ago')
    expect(text).not.toContain('could not be reached')
  })
})

describe('CustomerScreen item lists', () => {
  async function capOf(more: Partial<CustomerPart>): Promise<HTMLElement | null> {
    const page: CustomerPage = { name: 'Acme', status: 'ok', parts: [part('a', more)], checkedAt: minutesAgo(0) }
    installFakeBridge({ 'customers.get': () => page })
    useStore.setState({ screen: { id: 'customer', params: { name: 'Acme' } }, customerPages: {} })
    render(<CustomerScreen />)
    await screen.findByTestId('customer-summary')
    return screen.queryByTestId('customer-part-cap')
  }
  const units = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `u${i}`, label: `Unit ${i}`, status: 'ok' as const }))

  it('says how many of how many items it shows when main cut the list, and where the rest are', async () => {
    const cap = await capOf({ items: units(CUSTOMER_ITEM_LIMIT), itemCount: 1234 })
    expect(cap?.textContent).toBe('Showing 500 of 1,234 business units, worst first — open Acme a for the rest.')
  })

  it('says "the first 500" when the count is not known (last known data without one)', async () => {
    const cap = await capOf({ items: units(CUSTOMER_ITEM_LIMIT), source: 'snapshot' })
    expect(cap?.textContent).toContain('Showing the first 500 business units')
  })

  it('adds no note to a complete list', async () => {
    expect(await capOf({ items: units(3), itemCount: 3 })).toBeNull()
  })
})

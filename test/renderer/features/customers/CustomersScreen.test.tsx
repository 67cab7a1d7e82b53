import { render, screen } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { CustomerListItem } from '../../../../src/shared/model/customers'
import { CustomersScreen } from '../../../../src/renderer/src/features/customers/CustomersScreen'
import { useStore } from '../../../../src/renderer/src/store'
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

import { act, fireEvent, render, screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { BillingData, Contract, Invoice } from '../../../../src/shared/providers/cloutility/model'
import { BillingView } from '../../../../src/renderer/src/providers/cloutility/BillingView'
import { installFakeBridge } from '../../fake-bridge'

// The invoice list comes without lines (as Cloutility's does); one invoice read by date has two.
const listed: Invoice[] = [
  { date: '2026-11-30', currency: 'SEK', total: 150, payingBusinessUnit: { id: 22, name: 'Glacier Transport Oy' } },
  { date: '2026-10-31', currency: 'SEK', total: 90, payingBusinessUnit: { id: 22, name: 'Glacier Transport Oy' } }
]
const withLines = (invoice: Invoice): Invoice => ({
  ...invoice,
  lines: [
    { id: 1, product: 'Storage', quantity: 1, unitPrice: 100, amount: 100 },
    { id: 2, product: 'Nodes', quantity: 1, unitPrice: 50, amount: 50 }
  ]
})
const billingMonths = (months: number): BillingData[] =>
  Array.from({ length: months + 1 }, (_, i) => ({ date: `2027-${String(i + 1).padStart(2, '0')}-01`, summary: [], invoices: [], simulated: i > 0 }))

function renderBilling(contract: Contract | null = null) {
  const bridge = installFakeBridge({
    'cloutility.contract': () => contract,
    'cloutility.invoices': () => listed,
    'cloutility.invoiceFiles.list': () => [],
    'cloutility.invoice': (input) => withLines(listed.find((i) => i.date === input.date) as Invoice),
    'cloutility.billing': (input) => billingMonths(input.includeNext ?? 0)
  })
  render(<BillingView connectionId="c1" businessUnitId={22} unitName="Glacier Transport Oy" />)
  return bridge
}

const linesCell = (date: string) => {
  const row = within(screen.getByRole('table', { name: 'Invoices' }))
    .getAllByRole('row')
    .find((r) => r.textContent?.includes(date)) as HTMLElement
  return within(row).getAllByRole('cell')[3] as HTMLElement
}

const billingCycleShown = async (billingCycle: Contract['billingCycle']): Promise<string | null | undefined> => {
  renderBilling({ billingCycle, subscriptions: [] })
  const label = await screen.findByText('Billing cycle')
  return label.nextElementSibling?.textContent
}

describe('BillingView', () => {
  it('words a one-month billing cycle by its name alone, not “(1 months)”', async () => {
    expect(await billingCycleShown({ name: 'Monthly', months: 1 })).toBe('Monthly')
  })

  it('says how many months a longer billing cycle spans', async () => {
    expect(await billingCycleShown({ name: 'Quarterly', months: 3 })).toBe('Quarterly (every 3 months)')
  })

  it('lists the contract’s subscriptions under a heading of their own, and says when it has none', async () => {
    renderBilling({ subscriptions: [] })
    const contract = await screen.findByRole('region', { name: 'Contract' })
    const subscriptions = await within(contract).findByRole('region', { name: 'Subscriptions' })
    expect(within(subscriptions).getByRole('heading', { name: 'Subscriptions' })).toBeTruthy()
    expect(within(subscriptions).getByRole('table', { name: 'Subscriptions' }).textContent).toContain('This contract has no subscriptions.')
  })

  it('counts an invoice’s lines in the table once they are read', async () => {
    renderBilling()
    await screen.findByRole('table', { name: 'Invoices' })
    expect(linesCell('11/30/2026').textContent).toBe('—')
    const row = within(screen.getByRole('table', { name: 'Invoices' })).getAllByRole('row')[1] as HTMLElement
    await act(async () => void fireEvent.click(within(row).getByRole('button', { name: 'Show lines' })))
    await screen.findByRole('table', { name: 'Lines of the invoice of 2026-11-30' })
    expect(within(screen.getByRole('table', { name: 'Lines of the invoice of 2026-11-30' })).getAllByRole('row')).toHaveLength(1 + 2 + 3)
    expect(linesCell('11/30/2026').textContent).toBe('2')
    // Hiding the lines keeps what was read; an invoice not read still has no count.
    await act(async () => void fireEvent.click(screen.getByRole('button', { name: 'Hide lines' })))
    expect(linesCell('11/30/2026').textContent).toBe('2')
    expect(linesCell('10/31/2026').textContent).toBe('—')
  })

  it('lets forecast months be typed: an emptied field waits, a valid number applies, one out of range is refused in words', async () => {
    const bridge = renderBilling()
    const months = await screen.findByLabelText<HTMLInputElement>('Forecast months')
    await screen.findByRole('table', { name: 'Billing data' })
    const asked = () => (bridge.callsTo('cloutility.billing') as Array<{ includeNext: number }>).map((q) => q.includeNext)
    expect(asked()).toEqual([1])

    fireEvent.change(months, { target: { value: '' } })
    expect(months.value).toBe('')
    expect(months.getAttribute('aria-invalid')).toBeNull()
    await act(async () => void fireEvent.change(months, { target: { value: '12' } }))
    expect(asked()).toEqual([1, 12])

    await act(async () => void fireEvent.change(months, { target: { value: '30' } }))
    expect(months.value).toBe('30')
    expect(months.getAttribute('aria-invalid')).toBe('true')
    expect(screen.getByText('Enter a whole number of months from 0 to 24.')).toBeTruthy()
    expect(asked()).toEqual([1, 12])

    await act(async () => void fireEvent.change(months, { target: { value: '' } }))
    fireEvent.blur(months)
    expect(months.value).toBe('12')
    expect(screen.queryByText('Enter a whole number of months from 0 to 24.')).toBeNull()
    expect(asked()).toEqual([1, 12])
  })
})

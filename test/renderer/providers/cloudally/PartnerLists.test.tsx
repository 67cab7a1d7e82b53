import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { formatMoney } from '../../../../src/shared/format'
import type { CloudAllyBill, CloudAllyReseller, CloudAllyUser } from '../../../../src/shared/providers/cloudally/model'
import { BillsView, ResellersView, UsersView } from '../../../../src/renderer/src/providers/cloudally/PartnerLists'
import { installFakeBridge } from '../../fake-bridge'

const reseller: CloudAllyReseller = { id: 'R1000', name: 'Contoso Reseller', status: 'ACTIVE', numOfUsers: 0, extra: {} }

describe('CloudAlly resellers', () => {
  it('the opened details take the focus, and closing them gives it back to their Details button', async () => {
    installFakeBridge({ 'cloudally.resellers.list': () => [reseller], 'cloudally.resellers.get': () => ({ reseller, users: [] }) })
    render(<ResellersView connectionId="c-resellers" />)
    const details = await screen.findByRole('button', { name: 'Details of Contoso Reseller' })
    details.focus()
    fireEvent.click(details)
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Contoso Reseller' })))
    fireEvent.click(screen.getByRole('button', { name: 'Close' }))
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Details of Contoso Reseller' }))
  })
})

describe('CloudAlly users', () => {
  it('shows since when a user is as the calendar day CloudAlly sent, without a time of day', async () => {
    // CloudAlly's 20260918, as main maps it.
    const user: CloudAllyUser = { id: 'U1', name: 'Fabrikam Inc.', date: '2026-09-18T00:00:00.000Z', reportEmails: [] }
    installFakeBridge({ 'cloudally.users.list': () => [user] })
    render(<UsersView connectionId="c-users" />)
    const row = (await screen.findByText('Fabrikam Inc.')).closest('tr') as HTMLElement
    expect(within(row).getByText('09/18/2026')).toBeTruthy()
    expect(row.textContent).not.toMatch(/AM|PM/)
  })
})

/** A month's bill as the simulator makes one: the lines at list price, the total less the partner's 20 %. */
function bill(total: string): CloudAllyBill {
  const line = (service: string, quantity: number, price: string, lineTotal: string) => ({ service, serviceType: service, quantity, price, total: lineTotal })
  return {
    name: 'Invoice 2026-11',
    period: '2026-11',
    discount: '20',
    total,
    paymentType: 'INVOICE',
    lines: [line('MS365', 3046, '2.50', '7615.00'), line('GOOGLE_WORKSPACE', 1674, '2.00', '3348.00'), line('BOX', 1, '1.50', '1.50')]
  }
}

async function openLines(total: string) {
  installFakeBridge({ 'cloudally.bills.list': () => [bill(total)], 'cloudally.partner.get': () => ({ partnerId: 'P1', currency: 'USD' }) })
  render(<BillsView connectionId={`c-bills-${total}`} />)
  fireEvent.click(await screen.findByRole('button', { name: 'Show the 3 lines of Invoice 2026-11' }))
  const lines = screen.getByRole('table', { name: 'Lines of Invoice 2026-11' })
  // The partner's currency arrives with its own read.
  await waitFor(() => expect(within(lines).getAllByText(formatMoney(7615, 'USD'))).toHaveLength(1))
  return lines
}

const footerRows = (table: HTMLElement) =>
  [...table.querySelectorAll('tfoot tr')].map((row) => [...row.children].map((cell) => cell.textContent?.trim()))

describe('CloudAlly bills', () => {
  it('a bill’s lines end in their sum, the bill’s discount and its total, so they add up to the total the list shows', async () => {
    const lines = await openLines('8771.60')
    expect(footerRows(lines)).toEqual([
      ['Sum of the lines', formatMoney(10964.5, 'USD')],
      ['Discount 20 %', formatMoney(-2192.9, 'USD')],
      ['Total', formatMoney(8771.6, 'USD')]
    ])
    expect(screen.queryByRole('note')).toBeNull()
  })

  it('says so when CloudAlly’s total is not the lines less the discount, and shows CloudAlly’s', async () => {
    const lines = await openLines('8772.00')
    expect(footerRows(lines).at(-1)).toEqual(['Total', formatMoney(8772, 'USD')])
    expect(screen.getByRole('note').textContent).toContain(`is ${formatMoney(0.4, 'USD')} more than the lines less the discount (${formatMoney(8771.6, 'USD')})`)
  })
})

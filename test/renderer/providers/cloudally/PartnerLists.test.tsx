import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { CloudAllyReseller } from '../../../../src/shared/providers/cloudally/model'
import { ResellersView } from '../../../../src/renderer/src/providers/cloudally/PartnerLists'
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

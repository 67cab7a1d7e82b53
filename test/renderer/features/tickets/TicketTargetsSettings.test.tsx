import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { TicketTargetSummary } from '../../../../src/shared/model/tickets'
import { TicketTargetsSettings } from '../../../../src/renderer/src/features/tickets/TicketTargetsSettings'
import { useStore } from '../../../../src/renderer/src/store'
import { notLoaded, received } from '../../../../src/renderer/src/store/resource'
import { contoso } from '../connections/connection-fixture'
import { installFakeBridge } from '../../fake-bridge'

const HOOK = 'https://tickets.example.com/hooks/backdesk'


afterEach(() => useStore.setState({ connections: notLoaded(), toasts: [] }))

describe('TicketTargetsSettings', () => {
  it('asks before removing the stored webhook secret, and keeps what is typed in the other fields', async () => {
    let stored: TicketTargetSummary = { customer: null, url: HOOK, hasSecret: true }
    const bridge = installFakeBridge({
      'tickets.targets.list': () => [stored],
      'tickets.targets.set': (input) => {
        if (input.secret === null) stored = { ...stored, hasSecret: false }
        return stored
      }
    })
    render(<TicketTargetsSettings />)
    const url = screen.getByLabelText('Webhook URL') as HTMLInputElement
    await waitFor(() => expect(url.value).toBe(HOOK))
    fireEvent.change(url, { target: { value: 'https://tickets.example.com/hooks/new-queue' } })

    // Cancel removes nothing.
    fireEvent.click(screen.getByRole('button', { name: 'Remove secret…' }))
    fireEvent.click(within(screen.getByRole('dialog', { name: 'Remove the webhook secret?' })).getByRole('button', { name: 'Cancel' }))
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(bridge.callsTo('tickets.targets.set')).toEqual([])

    fireEvent.click(screen.getByRole('button', { name: 'Remove secret…' }))
    fireEvent.click(within(screen.getByRole('dialog', { name: 'Remove the webhook secret?' })).getByRole('button', { name: 'Remove secret' }))
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
    expect(bridge.callsTo('tickets.targets.set')).toEqual([{ customer: null, secret: null }])
    expect(screen.getByLabelText('Webhook secret (optional)')).toBeTruthy()
    expect(screen.queryByRole('button', { name: /^Remove secret/ })).toBeNull()
    // The new address typed before is still there, to be saved or not.
    expect((screen.getByLabelText('Webhook URL') as HTMLInputElement).value).toBe('https://tickets.example.com/hooks/new-queue')
  })

  it('says that a customer cleared of its own target goes back to the one for all customers', async () => {
    let stored: TicketTargetSummary[] = [
      { customer: null, url: HOOK, hasSecret: false },
      { customer: 'Contoso', email: 'desk@contoso.example', hasSecret: false }
    ]
    installFakeBridge({
      'tickets.targets.list': () => stored,
      'tickets.targets.set': (input) => {
        // As main answers: a target left with neither a webhook nor an address is removed.
        stored = stored.filter((t) => t.customer !== input.customer)
        return { customer: input.customer, hasSecret: false }
      }
    })
    useStore.setState({ connections: received(notLoaded(), [contoso]), toasts: [] })
    render(<TicketTargetsSettings />)
    await waitFor(() => expect(screen.getByRole('option', { name: 'Contoso (own target)' })).toBeTruthy())
    fireEvent.change(screen.getByLabelText('For'), { target: { value: 'Contoso' } })
    expect((screen.getByLabelText('E-mail address when there is no webhook') as HTMLInputElement).value).toBe('desk@contoso.example')
    fireEvent.change(screen.getByLabelText('E-mail address when there is no webhook'), { target: { value: '' } })
    fireEvent.click(screen.getByRole('button', { name: 'Save ticket target' }))
    await waitFor(() => expect(screen.getByRole('option', { name: 'Contoso' })).toBeTruthy())
    expect(useStore.getState().toasts.map((t) => t.message)).toEqual(['Contoso has no target of its own now: its tickets go to the one for all customers.'])
  })
})

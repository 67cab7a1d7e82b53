import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { TicketTargetSummary } from '../../../../src/shared/model/tickets'
import { TicketTargetsSettings } from '../../../../src/renderer/src/features/tickets/TicketTargetsSettings'
import { useStore } from '../../../../src/renderer/src/store'
import { installFakeBridge } from '../../fake-bridge'

const HOOK = 'https://tickets.example.com/hooks/backdesk'

afterEach(() => useStore.setState({ toasts: [] }))

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
})

import { fireEvent, render, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { FleetRow } from '../../../../src/shared/model/fleet'
import type { TicketResult } from '../../../../src/shared/model/tickets'
import { CreateTicketDialog } from '../../../../src/renderer/src/features/tickets/CreateTicketDialog'
import { installFakeBridge } from '../../fake-bridge'

const row: FleetRow = {
  key: 'k1',
  connectionId: 'c1',
  connectionName: 'Acme CloudAlly',
  provider: 'cloudally',
  customer: 'Acme',
  kind: 'cloudally-task',
  object: 'Mailboxes',
  status: 'failed',
  detail: 'Mailbox not reachable',
  ids: {}
}
const unreachable = 'The ticket system could not be reached, so nothing was sent: Cannot find the server tickets.example.'

describe('CreateTicketDialog', () => {
  it('keeps the form and the typed note when the ticket was not created, and offers to try again', async () => {
    const answers: TicketResult[] = [
      { via: 'webhook', state: 'failed', scanId: 's1', at: '2026-12-05T10:00:00.000Z', message: unreachable },
      { via: 'webhook', state: 'sent', scanId: 's1', at: '2026-12-05T10:01:00.000Z', reference: 'INC-9' }
    ]
    const bridge = installFakeBridge({
      'tickets.create': () => answers.shift() as TicketResult,
      'fleet.scan.status': () => null,
      'fleet.review.list': () => []
    })
    render(<CreateTicketDialog row={row} review={undefined} onClose={() => {}} />)
    const note = screen.getByLabelText('Note for the ticket') as HTMLTextAreaElement
    fireEvent.change(note, { target: { value: 'Customer informed' } })
    fireEvent.click(screen.getByRole('button', { name: 'Create ticket' }))
    expect((await screen.findByRole('alert')).textContent).toBe(unreachable)
    expect((screen.getByLabelText('Note for the ticket') as HTMLTextAreaElement).value).toBe('Customer informed')
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }))
    expect((await screen.findByRole('status')).textContent).toBe('Ticket created: INC-9.')
    expect(bridge.callsTo('tickets.create')).toEqual([
      { key: 'k1', note: 'Customer informed' },
      { key: 'k1', note: 'Customer informed' }
    ])
  })
})

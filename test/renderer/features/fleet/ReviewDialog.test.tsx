import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { SNOOZE_IN_PAST, type FleetRow } from '../../../../src/shared/model/fleet'
import { ReviewDialog } from '../../../../src/renderer/src/features/fleet/ReviewDialog'
import { installFakeBridge, MainError } from '../../fake-bridge'

const row: FleetRow = {
  key: 'k1',
  connectionId: 'c1',
  connectionName: 'Acme Cloutility',
  provider: 'cloutility',
  customer: 'Acme',
  kind: 'consumption-unit',
  object: 'WS-1',
  status: 'failed',
  detail: 'Backup failed',
  ids: { businessUnitId: 7, consumerId: 1 }
}

describe('ReviewDialog', () => {
  it('opens with focus on the choice that is selected', () => {
    installFakeBridge({})
    render(<ReviewDialog row={row} review={undefined} onClose={() => {}} />)
    const acknowledged = screen.getByRole('radio', { name: 'Acknowledged' }) as HTMLInputElement
    expect(acknowledged.checked).toBe(true)
    expect(document.activeElement).toBe(acknowledged)
  })

  it('refuses a snooze day that has passed under the date, and sends nothing', () => {
    const bridge = installFakeBridge({ 'fleet.review.set': () => null })
    render(<ReviewDialog row={row} review={undefined} onClose={() => {}} />)
    fireEvent.click(screen.getByRole('radio', { name: 'Snoozed until a date' }))
    const until = screen.getByLabelText('Until') as HTMLInputElement
    fireEvent.change(until, { target: { value: '2020-01-01' } })
    expect(until.getAttribute('aria-invalid')).toBe('true')
    expect(document.getElementById(until.getAttribute('aria-describedby')!)?.textContent).toBe(SNOOZE_IN_PAST)
    expect((screen.getByRole('button', { name: 'Save' }) as HTMLButtonElement).disabled).toBe(true)
    fireEvent.submit(until.form as HTMLFormElement)
    expect(bridge.callsTo('fleet.review.set')).toEqual([])
  })

  it('shows main’s refusal of the date under the date', async () => {
    installFakeBridge({
      'fleet.review.set': () => {
        throw new MainError({ code: 'VALIDATION', message: SNOOZE_IN_PAST, retryable: false, details: { issues: [{ path: 'snoozedUntil', message: SNOOZE_IN_PAST }] } })
      }
    })
    render(<ReviewDialog row={row} review={undefined} onClose={() => {}} />)
    fireEvent.click(screen.getByRole('radio', { name: 'Snoozed until a date' }))
    fireEvent.click(screen.getByRole('button', { name: 'Save' }))
    const until = screen.getByLabelText('Until')
    await waitFor(() => expect(until.getAttribute('aria-invalid')).toBe('true'))
    expect(screen.getAllByText(SNOOZE_IN_PAST)).toHaveLength(1)
    expect(screen.queryByRole('alert')).toBeNull()
  })
})

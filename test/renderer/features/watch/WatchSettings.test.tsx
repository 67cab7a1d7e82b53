import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { WatchSettings } from '../../../../src/renderer/src/features/watch/WatchSettings'
import { DEFAULT_WATCH_SETTINGS } from '../../../../src/shared/model/watch'
import { installFakeBridge, MainError } from '../../fake-bridge'

const neverRuns = 'This schedule never runs: no date matches it.'

async function renderLoaded(answers: Parameters<typeof installFakeBridge>[0] = {}) {
  const bridge = installFakeBridge({ 'watch.settings.get': () => structuredClone(DEFAULT_WATCH_SETTINGS), ...answers })
  render(<WatchSettings />)
  await waitFor(() => expect((screen.getByRole('button', { name: 'Save schedule' }) as HTMLButtonElement).disabled).toBe(false))
  return bridge
}

const problemOf = (label: string) => {
  const control = screen.getByLabelText(label)
  return control.getAttribute('aria-invalid') === 'true' ? document.getElementById(`${control.id}-problem`)?.textContent : undefined
}

describe('WatchSettings', () => {
  it('says beside the minutes field what it needs, and a switch to cron takes that message away', async () => {
    const bridge = await renderLoaded()
    fireEvent.change(screen.getByLabelText('Minutes between scans'), { target: { value: '1' } })
    fireEvent.click(screen.getByRole('button', { name: 'Save schedule' }))
    await waitFor(() => expect(problemOf('Minutes between scans')).toBe('Enter whole minutes from 5 to 10080.'))
    expect(bridge.callsTo('watch.settings.set')).toEqual([])
    fireEvent.change(screen.getByLabelText('Scan the fleet'), { target: { value: 'cron' } })
    expect(screen.queryByText('Enter whole minutes from 5 to 10080.')).toBeNull()
    expect(screen.queryByRole('alert')).toBeNull()
  })

  it('puts main’s refusal of a cron schedule beside the cron field; editing it takes the message away', async () => {
    await renderLoaded({
      'watch.settings.set': () => {
        throw new MainError({ code: 'VALIDATION', message: neverRuns, retryable: false, details: { issues: [{ path: 'schedule.cron', message: neverRuns }] } })
      }
    })
    fireEvent.change(screen.getByLabelText('Scan the fleet'), { target: { value: 'cron' } })
    const cronLabel = 'Cron expression (minute hour day month weekday, local time)'
    fireEvent.change(screen.getByLabelText(cronLabel), { target: { value: '0 0 31 2 *' } })
    fireEvent.click(screen.getByRole('button', { name: 'Save schedule' }))
    await waitFor(() => expect(problemOf(cronLabel)).toBe(neverRuns))
    expect(screen.queryByRole('alert')).toBeNull()
    fireEvent.change(screen.getByLabelText(cronLabel), { target: { value: '0 7 * * *' } })
    expect(screen.queryByText(neverRuns)).toBeNull()
  })

  it('refuses quiet hours with no From time, or the same From and To, beside the field, without sending', async () => {
    const bridge = await renderLoaded()
    fireEvent.click(screen.getByLabelText('Quiet hours (no notification)'))
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '' } })
    fireEvent.click(screen.getByRole('button', { name: 'Save schedule' }))
    await waitFor(() => expect(problemOf('From')).toBe('Enter a time, like 22:00.'))
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '08:00' } })
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '08:00' } })
    fireEvent.click(screen.getByRole('button', { name: 'Save schedule' }))
    await waitFor(() => expect(problemOf('To')).toMatch(/would be empty/))
    expect(bridge.callsTo('watch.settings.set')).toEqual([])
    expect(screen.queryByText(/Invalid input|quietHours/)).toBeNull()
  })
})

import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it, onTestFinished } from 'vitest'
import { WatchSettings } from '../../../../src/renderer/src/features/watch/WatchSettings'
import { useStore } from '../../../../src/renderer/src/store'
import { notLoaded } from '../../../../src/renderer/src/store/resource'
import { DEFAULT_WATCH_SETTINGS, type WatchSettings as Settings } from '../../../../src/shared/model/watch'
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

  describe('leaving the Settings screen', () => {
    /** The Settings screen shown, nothing guarded or read, and so left after the test. */
    function onSettingsScreen() {
      const reset = () => useStore.setState({ screen: { id: 'settings' }, unsavedEdits: [], leaving: null, watchStatus: notLoaded(), toasts: [] })
      reset()
      onTestFinished(reset)
    }
    const goToFleet = () => act(() => useStore.getState().navigate({ id: 'fleet' }))
    const ask = 'Discard your changes to the scan schedule?'

    it('asks before leaving with a typed schedule not saved; Keep editing keeps it, Discard goes on', async () => {
      onSettingsScreen()
      await renderLoaded()
      fireEvent.change(screen.getByLabelText('Minutes between scans'), { target: { value: '30' } })
      goToFleet()
      const dialog = screen.getByRole('dialog', { name: ask })
      expect(useStore.getState().screen.id).toBe('settings')

      fireEvent.click(within(dialog).getByRole('button', { name: 'Keep editing' }))
      expect(screen.queryByRole('dialog')).toBeNull()
      expect(screen.getByLabelText('Minutes between scans')).toHaveProperty('value', '30')
      expect(useStore.getState().screen.id).toBe('settings')

      goToFleet()
      fireEvent.click(within(screen.getByRole('dialog', { name: ask })).getByRole('button', { name: 'Discard changes' }))
      expect(useStore.getState().screen.id).toBe('fleet')
    })

    it('leaves at once when the schedule was saved, or changed and typed back', async () => {
      onSettingsScreen()
      await renderLoaded({
        'watch.settings.set': (input) => {
          const saved: Settings = structuredClone(DEFAULT_WATCH_SETTINGS)
          Object.assign(saved.schedule, input.schedule)
          return saved
        },
        'watch.status': () => ({ state: 'scheduled', backoff: [], attention: 0, newFailures: 0 })
      })
      const minutes = screen.getByLabelText('Minutes between scans')
      fireEvent.change(minutes, { target: { value: '30' } })
      fireEvent.change(minutes, { target: { value: String(DEFAULT_WATCH_SETTINGS.schedule.everyMinutes) } })
      expect(useStore.getState().unsavedEdits).toEqual([])

      fireEvent.change(minutes, { target: { value: '30' } })
      fireEvent.click(screen.getByRole('button', { name: 'Save schedule' }))
      await waitFor(() => expect(useStore.getState().unsavedEdits).toEqual([]))
      expect(minutes).toHaveProperty('value', '30')
      goToFleet()
      expect(screen.queryByRole('dialog')).toBeNull()
      expect(useStore.getState().screen.id).toBe('fleet')
    })
  })
})

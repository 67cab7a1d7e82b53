import { act, fireEvent, render, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { JournalEntry, JournalPage, JournalVerdict } from '../../../../src/shared/contract/journal.contract'
import { ActivityScreen } from '../../../../src/renderer/src/features/activity/ActivityScreen'
import { useStore } from '../../../../src/renderer/src/store'
import { deferred, type Deferred } from '../../deferred'
import { installFakeBridge } from '../../fake-bridge'

const entry = (seq: number): JournalEntry => ({
  seq,
  at: '2026-12-05T10:00:00.000Z',
  user: 'tech',
  connectionId: 'c1',
  provider: 'cloudback',
  action: 'update',
  object: { type: 'definition', id: `d${seq}` },
  result: 'ok',
  prev: '0'.repeat(64),
  hash: '1'.repeat(64)
})

/** Main's journal, each read held until the test answers it. */
function heldJournal() {
  const reads: Array<Deferred<JournalPage>> = []
  const checks: Array<Deferred<JournalVerdict>> = []
  const bridge = installFakeBridge({
    'journal.list': () => {
      const read = deferred<JournalPage>()
      reads.push(read)
      return read.promise
    },
    'journal.verify': () => {
      const check = deferred<JournalVerdict>()
      checks.push(check)
      return check.promise
    }
  })
  useStore.setState({ screen: { id: 'activity' } })
  render(<ActivityScreen />)
  return { bridge, reads, checks }
}

/** Focuses `name`, presses it, and expects it to stay the focused, pressable (aria-disabled) button while its read runs. */
async function pressAndStayFocused(name: string) {
  const button = screen.getByRole('button', { name })
  button.focus()
  await act(async () => fireEvent.click(button))
  expect(button.hasAttribute('disabled')).toBe(false)
  expect(button.getAttribute('aria-disabled')).toBe('true')
  expect(document.activeElement).toBe(button)
  return button
}

describe('ActivityScreen', () => {
  it('keeps the keyboard focus on Refresh, Show older and Check the journal while they read', async () => {
    const { bridge, reads, checks } = heldJournal()
    await act(async () => reads[0]!.resolve({ entries: [entry(3), entry(2)], total: 3, offset: 0 }))

    const refresh = await pressAndStayFocused('Refresh')
    // A press while the read runs asks for nothing more.
    fireEvent.click(refresh)
    expect(bridge.callsTo('journal.list')).toHaveLength(2)
    await act(async () => reads[1]!.resolve({ entries: [entry(3), entry(2)], total: 3, offset: 0 }))

    await pressAndStayFocused('Show older')
    await act(async () => reads[2]!.resolve({ entries: [entry(1)], total: 3, offset: 2 }))
    expect(screen.getByText('3 shown of 3 read (3 in the journal).')).toBeTruthy()

    const check = await pressAndStayFocused('Check the journal')
    expect(check.textContent).toBe('Checking…')
    await act(async () => checks[0]!.resolve({ ok: true, entries: 3 }))
    expect(check.getAttribute('aria-disabled')).toBeNull()
  })
})

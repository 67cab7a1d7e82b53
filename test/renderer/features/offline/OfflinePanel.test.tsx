import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { SnapshotSummary } from '../../../../src/shared/model/offline'
import { OfflinePanel } from '../../../../src/renderer/src/features/offline/OfflinePanel'
import { useStore } from '../../../../src/renderer/src/store'
import { installFakeBridge } from '../../fake-bridge'

const summary = (connectionId: string): SnapshotSummary => ({ connectionId, entries: 3, bytes: 2048, newestAt: '2026-12-05T12:00:00.000Z' })

describe('OfflinePanel', () => {
  it('puts focus on the panel’s heading when clearing takes away the row whose button had it', async () => {
    let kept = [summary('a'), summary('b')]
    const bridge = installFakeBridge({
      'offline.snapshots': () => kept,
      'offline.settings.get': () => ({ maxAgeDays: 30 }),
      'offline.clear': ({ connectionId }) => {
        kept = kept.filter((s) => s.connectionId !== connectionId)
        return { cleared: 3 }
      }
    })
    useStore.setState({ toasts: [] })
    render(
      <main id="main" tabIndex={-1}>
        <OfflinePanel />
      </main>
    )
    // No connections in the store: both rows are named as deleted connections.
    const [clear] = await screen.findAllByRole('button', { name: 'Clear snapshots of A deleted connection' })
    if (!clear) throw new Error('no Clear button')
    clear.focus()
    fireEvent.click(clear)
    fireEvent.click(screen.getByRole('button', { name: 'Clear snapshots' }))
    await waitFor(() => expect(kept).toHaveLength(1))
    await waitFor(() => expect(screen.getAllByRole('button', { name: /^Clear snapshots of/ })).toHaveLength(1))
    expect(bridge.callsTo('offline.clear')).toHaveLength(1)
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Offline snapshots' }))
  })

  it('says beside the days field that it takes whole days from 1 to 90, and sends nothing until it does', async () => {
    const bridge = installFakeBridge({
      'offline.snapshots': () => [],
      'offline.settings.get': () => ({ maxAgeDays: 30 }),
      'offline.settings.set': ({ maxAgeDays }) => ({ maxAgeDays })
    })
    useStore.setState({ toasts: [] })
    render(<OfflinePanel />)
    const days = await screen.findByLabelText('Keep snapshots for (days)')
    for (const typed of ['2.5', '0', '91', '']) {
      fireEvent.change(days, { target: { value: typed } })
      fireEvent.click(screen.getByRole('button', { name: 'Save' }))
      expect(days.getAttribute('aria-invalid'), typed).toBe('true')
      expect(document.getElementById(days.getAttribute('aria-describedby')!)?.textContent, typed).toBe('Enter whole days from 1 to 90.')
    }
    expect(bridge.callsTo('offline.settings.set')).toEqual([])
    fireEvent.change(days, { target: { value: '14' } })
    expect(days.getAttribute('aria-invalid')).toBeNull()
    fireEvent.click(screen.getByRole('button', { name: 'Save' }))
    await waitFor(() => expect(bridge.callsTo('offline.settings.set')).toEqual([{ maxAgeDays: 14 }]))
  })

  it('asks before clearing with the count of saved answers, one in the singular', async () => {
    installFakeBridge({
      'offline.snapshots': () => [{ ...summary('a'), entries: 1 }, summary('b')],
      'offline.settings.get': () => ({ maxAgeDays: 30 })
    })
    useStore.setState({ toasts: [] })
    render(<OfflinePanel />)
    const [one, three] = await screen.findAllByRole('button', { name: 'Clear snapshots of A deleted connection' })
    fireEvent.click(one!)
    expect(screen.getByRole('dialog').textContent).toContain('This deletes the one saved answer of A deleted connection from this computer.')
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }))
    fireEvent.click(three!)
    expect(screen.getByRole('dialog').textContent).toContain('This deletes the 3 saved answers of A deleted connection from this computer.')
  })
})

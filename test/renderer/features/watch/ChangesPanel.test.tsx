import { fireEvent, render, screen, within } from '@testing-library/react'
import { describe, expect, it, onTestFinished } from 'vitest'
import { ChangesPanel } from '../../../../src/renderer/src/features/watch/ChangesPanel'
import { useStore } from '../../../../src/renderer/src/store'
import { notLoaded } from '../../../../src/renderer/src/store/resource'
import { installFakeBridge, MainError } from '../../fake-bridge'

const unreadable = 'The kept scans could not be read.'

/** The app's one store starts each test with nothing read, and is left so. */
function freshWatchState() {
  const empty = () => useStore.setState({ watchChanges: {}, watchStatus: notLoaded() })
  empty()
  onTestFinished(empty)
}

describe('ChangesPanel', () => {
  it('says why its first read failed with Try again, not an endless Loading, and shows what the retry read', async () => {
    let reads = 0
    const bridge = installFakeBridge({
      'watch.changes': () => {
        reads++
        if (reads === 1) throw new MainError({ code: 'INTERNAL', message: unreadable, retryable: true })
        return null
      }
    })
    freshWatchState()
    render(<ChangesPanel />)
    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toContain(unreadable)
    expect(screen.queryByText('Loading…')).toBeNull()

    fireEvent.click(within(alert).getByRole('button', { name: 'Try again' }))
    await screen.findByText(/No scan has been kept yet/)
    expect(screen.queryByRole('alert')).toBeNull()
    expect(screen.queryByText('Loading…')).toBeNull()
    expect(bridge.callsTo('watch.changes')).toEqual([{ base: 'last-scan' }, { base: 'last-scan' }])
  })
})

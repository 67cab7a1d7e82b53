import { fireEvent, render, screen, within } from '@testing-library/react'
import { describe, expect, it, onTestFinished } from 'vitest'
import { ChangesPanel } from '../../../../src/renderer/src/features/watch/ChangesPanel'
import { useStore } from '../../../../src/renderer/src/store'
import { notLoaded } from '../../../../src/renderer/src/store/resource'
import { formatDateTime } from '../../../../src/shared/format'
import type { ChangeBase, ChangeSet } from '../../../../src/shared/model/watch'
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

  it('says since yesterday compares with the last scan before midnight', async () => {
    const noChange = (base: ChangeBase, baseScanAt: string): ChangeSet => ({
      base,
      scanId: 's3',
      scanAt: '2026-12-05T07:00:00.000Z',
      baseScanId: 's1',
      baseScanAt,
      comparedConnections: 2,
      changes: [],
      counts: { 'new-failure': 0, 'new-stale': 0, recovered: 0, 'new-object': 0, disappeared: 0 }
    })
    installFakeBridge({ 'watch.changes': ({ base }) => noChange(base, base === 'yesterday' ? '2026-12-04T22:30:00.000Z' : '2026-12-05T06:00:00.000Z') })
    freshWatchState()
    render(<ChangesPanel />)
    expect((await screen.findByTestId('changes-base')).textContent).toBe(`Scan of ${formatDateTime('2026-12-05T07:00:00.000Z')} compared with ${formatDateTime('2026-12-05T06:00:00.000Z')} (2 connections).`)
    fireEvent.click(screen.getByRole('button', { name: 'Since yesterday' }))
    await screen.findByText(/the last scan before midnight/)
    expect(screen.getByTestId('changes-base').textContent).toBe(
      `Scan of ${formatDateTime('2026-12-05T07:00:00.000Z')} compared with the last scan before midnight, ${formatDateTime('2026-12-04T22:30:00.000Z')} (2 connections).`
    )
  })
})

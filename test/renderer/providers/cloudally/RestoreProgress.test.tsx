import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { formatDateTime } from '../../../../src/shared/format'
import type { RestoreRecord } from '../../../../src/shared/model/restore'
import { RestoreProgress } from '../../../../src/renderer/src/providers/cloudally/RestoreProgress'
import { installFakeBridge } from '../../fake-bridge'

const at = '2026-12-04T10:00:00.000Z'
const later = '2026-12-04T10:05:00.000Z'
const record = (over: Partial<RestoreRecord>): RestoreRecord => ({
  id: 'r1',
  requestKey: 'k-r1',
  connectionId: 'c1',
  provider: 'cloudally',
  taskId: 'T1',
  taskName: 'Northwind MS365',
  kind: 'restore',
  entities: [],
  items: [],
  status: 'running',
  progress: 40,
  createdAt: at,
  updatedAt: at,
  ...over
})

describe('RestoreProgress', () => {
  it('shows a request CloudAlly refused as not started: its own badge, no progress bar, the time it was refused', () => {
    installFakeBridge()
    render(<RestoreProgress record={record({ status: 'not-started', progress: 0, completedAt: later, message: 'Not started: CloudAlly refused it.' })} />)
    const card = screen.getByTestId('restore-progress')
    expect(within(card).getByText('Not started', { selector: '.badge' })).toBeTruthy()
    expect(within(card).queryByText('Failed')).toBeNull()
    expect(within(card).queryByRole('progressbar')).toBeNull()
    const times = within(card).getByTestId('restore-times').textContent ?? ''
    expect(times).toContain(`refused at ${formatDateTime(later)}`)
    expect(times).not.toMatch(/finished|%/)
  })

  it('still shows a job that ran and failed as failed, with its progress', () => {
    installFakeBridge()
    render(<RestoreProgress record={record({ status: 'failed', progress: 50, jobId: 'J1', completedAt: later, message: 'The restore failed.' })} />)
    expect(screen.getByText('Failed', { selector: '.badge' })).toBeTruthy()
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('50')
    expect(screen.getByTestId('restore-times').textContent).toContain(`finished ${formatDateTime(later)}`)
  })

  it('lets the technician settle an unknown outcome after checking CloudAlly, only once confirmed', async () => {
    const bridge = installFakeBridge({
      'restores.settle': ({ id, outcome }) => record({ id, status: outcome === 'started' ? 'started-unfollowed' : 'not-started', checkedAt: later, completedAt: later })
    })
    const { rerender } = render(<RestoreProgress record={record({ status: 'uncertain', progress: 0, message: 'The request may have reached CloudAlly…' })} />)
    fireEvent.click(screen.getByRole('button', { name: 'I checked in CloudAlly: it did not start' }))
    const dialog = await screen.findByRole('dialog', { name: 'Mark this restore as not started?' })
    // Cancelling sends nothing.
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }))
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
    expect(bridge.callsTo('restores.settle')).toEqual([])

    fireEvent.click(screen.getByRole('button', { name: 'I checked in CloudAlly: it did not start' }))
    fireEvent.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Mark as not started' }))
    await waitFor(() => expect(bridge.callsTo('restores.settle')).toEqual([{ id: 'r1', outcome: 'not-started' }]))
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
    // The settled record arrives (through main's event): its buttons go, the focus goes to its message.
    rerender(<RestoreProgress record={record({ status: 'not-started', progress: 0, checkedAt: later, completedAt: later, message: 'Not started: checked in CloudAlly.' })} />)
    expect(screen.queryByRole('button', { name: /I checked in CloudAlly/ })).toBeNull()
    expect(document.activeElement).toBe(screen.getByText('Not started: checked in CloudAlly.'))
  })

  it('shows a settled request with the time it was marked, and no progress', () => {
    installFakeBridge()
    const { rerender } = render(<RestoreProgress record={record({ status: 'not-started', progress: 0, checkedAt: later, completedAt: later })} />)
    expect(screen.getByTestId('restore-times').textContent).toContain(`marked not started at ${formatDateTime(later)}`)
    expect(screen.queryByRole('button', { name: /I checked in CloudAlly/ })).toBeNull()
    rerender(<RestoreProgress record={record({ status: 'started-unfollowed', progress: 0, checkedAt: later, completedAt: later })} />)
    expect(screen.getByText('Started (see CloudAlly)', { selector: '.badge' })).toBeTruthy()
    expect(screen.queryByRole('progressbar')).toBeNull()
    expect(screen.getByTestId('restore-times').textContent).toContain(`marked started at ${formatDateTime(later)}`)
  })
})

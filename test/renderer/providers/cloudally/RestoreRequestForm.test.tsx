import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { RestoreRecord } from '../../../../src/shared/model/restore'
import { RestoreRequestForm } from '../../../../src/renderer/src/providers/cloudally/RestoreRequestForm'
import { useStore } from '../../../../src/renderer/src/store'
import { installFakeBridge, MainError } from '../../fake-bridge'

const target = { taskId: 'T1', name: 'Northwind MS365', source: 'MS365', lastBackup: '2026-12-03T10:00:00.000Z' }
const choices = {
  taskId: 'T1',
  snapshots: ['2026-12-03T10:00:00.000Z', '2026-12-02T10:00:00.000Z', '2026-12-01T10:00:00.000Z'],
  entities: [
    { id: 'e1', name: 'alex.1@northwind.example', type: 'USER' },
    { id: 'e2', name: 'blake.2@northwind.example', type: 'USER' }
  ]
}
const record = (input: { requestKey: string; kind: 'restore' | 'download' }): RestoreRecord => ({
  id: 'r1',
  requestKey: input.requestKey,
  connectionId: 'c1',
  provider: 'cloudally',
  taskId: 'T1',
  kind: input.kind,
  entities: [],
  items: [],
  status: 'pending',
  progress: 0,
  createdAt: '2026-12-04T10:00:00.000Z',
  updatedAt: '2026-12-04T10:00:00.000Z'
})

describe('RestoreRequestForm', () => {
  it('offers the task\'s snapshots and entities, and sends the picked ones', async () => {
    const bridge = installFakeBridge({ 'cloudally.restore.choices': () => choices, 'cloudally.restore.start': (input) => record(input) })
    render(<RestoreRequestForm connectionId="c1" target={target} onClose={() => undefined} />)
    const snapshot = screen.getByLabelText('Snapshot')
    await waitFor(() => expect(within(snapshot).getAllByRole('option')).toHaveLength(3))
    fireEvent.change(snapshot, { target: { value: '2026-12-01T10:00:00.000Z' } })
    fireEvent.change(screen.getByLabelText('Find a user, site or group'), { target: { value: 'blake' } })
    const entities = screen.getByRole('group', { name: 'Entities of this task' })
    expect(within(entities).getAllByRole('checkbox')).toHaveLength(1)
    fireEvent.click(within(entities).getByRole('checkbox', { name: 'blake.2@northwind.example' }))
    fireEvent.click(screen.getByRole('radio', { name: /Restore into the source/ }))
    fireEvent.click(screen.getByRole('button', { name: 'Review…' }))
    expect(screen.getByTestId('restore-summary').textContent).toContain('blake.2@northwind.example')
    fireEvent.click(screen.getByRole('button', { name: 'Start restore' }))
    await waitFor(() => expect(bridge!.callsTo('cloudally.restore.start')).toHaveLength(1))
    expect(bridge.callsTo('cloudally.restore.choices')).toEqual([{ connectionId: 'c1', taskId: 'T1' }])
    expect(bridge.callsTo('cloudally.restore.start')[0]).toMatchObject({
      connectionId: 'c1',
      taskId: 'T1',
      kind: 'restore',
      snapshotDate: '2026-12-01T10:00:00.000Z',
      entities: ['blake.2@northwind.example'],
      items: []
    })
  })

  it('moves the focus to each new step\'s heading: the summary, then the sent request', async () => {
    installFakeBridge({ 'cloudally.restore.choices': () => choices, 'cloudally.restore.start': (input) => ({ ...record(input), id: 'r-focus' }) })
    render(<RestoreRequestForm connectionId="c1" target={target} onClose={() => undefined} />)
    await waitFor(() => expect(screen.getByRole('button', { name: 'Review…' })).toHaveProperty('disabled', false))
    fireEvent.click(screen.getByRole('button', { name: 'Review…' }))
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Check the download request' }))
    fireEvent.click(screen.getByRole('button', { name: 'Start download' }))
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Download requested' })))
  })

  it('says the request is followed while it runs, and how it ended once it has', async () => {
    installFakeBridge({ 'cloudally.restore.choices': () => choices, 'cloudally.restore.start': (input) => ({ ...record(input), id: 'r-end' }) })
    render(<RestoreRequestForm connectionId="c1" target={target} onClose={() => undefined} />)
    await waitFor(() => expect(screen.getByRole('button', { name: 'Review…' })).toHaveProperty('disabled', false))
    fireEvent.click(screen.getByRole('radio', { name: /Restore into the source/ }))
    fireEvent.click(screen.getByRole('button', { name: 'Review…' }))
    fireEvent.click(screen.getByRole('button', { name: 'Start restore' }))
    await waitFor(() => expect(screen.getByText(/Backdesk follows this request in the background/)).toBeTruthy())
    const sent = useStore.getState().restores.value?.['r-end'] as RestoreRecord
    act(() => useStore.getState().upsertRestore({ ...sent, status: 'completed', progress: 100, updatedAt: '2026-12-04T11:00:00.000Z' }))
    expect(screen.getByText('This restore has finished.')).toBeTruthy()
    expect(screen.queryByText(/You will be told when it finishes/)).toBeNull()
    act(() => useStore.getState().upsertRestore({ ...sent, status: 'failed', updatedAt: '2026-12-04T12:00:00.000Z' }))
    expect(screen.getByText(/This restore failed/)).toBeTruthy()
  })

  it('names the source as every screen does, not by its code', async () => {
    installFakeBridge({ 'cloudally.restore.choices': () => choices })
    render(<RestoreRequestForm connectionId="c1" target={target} onClose={() => undefined} />)
    const restore = screen.getByRole('radio', { name: 'Restore into the source (Microsoft 365 Exchange, non-destructive)' })
    await waitFor(() => expect(screen.getByRole('button', { name: 'Review…' })).toHaveProperty('disabled', false))
    fireEvent.click(restore)
    fireEvent.click(screen.getByRole('button', { name: 'Review…' }))
    const summary = screen.getByTestId('restore-summary')
    expect(summary.textContent).toContain('Restore into Microsoft 365 Exchange')
    expect(summary.textContent).not.toContain('into MS365')
  })

  it('claims a non-destructive restore only for a source CloudAlly documents it for', async () => {
    installFakeBridge({ 'cloudally.restore.choices': () => choices })
    render(<RestoreRequestForm connectionId="c1" target={{ ...target, source: 'SALESFORCE' }} onClose={() => undefined} />)
    expect(screen.getByRole('radio', { name: 'Restore into the source (Salesforce)' })).toBeTruthy()
    await waitFor(() => expect(screen.getByRole('button', { name: 'Review…' })).toHaveProperty('disabled', false))
  })

  it('without the task\'s lists, says why and lets the entities be typed; the latest snapshot is used', async () => {
    const bridge = installFakeBridge({
      'cloudally.restore.choices': () => {
        throw new MainError({ code: 'NOT_FOUND', message: 'CloudAlly does not know this route.', retryable: false })
      },
      'cloudally.restore.start': (input) => record(input)
    })
    render(<RestoreRequestForm connectionId="c1" target={target} onClose={() => undefined} />)
    await waitFor(() => expect(screen.getByText(/CloudAlly did not list this task’s backups \(CloudAlly does not know this route\.\)/)).toBeTruthy())
    fireEvent.change(screen.getByLabelText(/Entities \(one per line/), { target: { value: 'a@x.example\n\n b@x.example ' } })
    fireEvent.click(screen.getByRole('button', { name: 'Review…' }))
    fireEvent.click(screen.getByRole('button', { name: 'Start download' }))
    await waitFor(() => expect(bridge!.callsTo('cloudally.restore.start')).toHaveLength(1))
    const sent = bridge.callsTo('cloudally.restore.start')[0] as Record<string, unknown>
    expect(sent).toMatchObject({ kind: 'download', entities: ['a@x.example', 'b@x.example'] })
    expect(sent).not.toHaveProperty('snapshotDate')
  })
})

import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { CloudAllyBackupTask, CloudAllyTask } from '../../../../src/shared/providers/cloudally/model'
import { TasksView } from '../../../../src/renderer/src/providers/cloudally/TasksView'
import { installFakeBridge, MainError } from '../../fake-bridge'

const backupTask = (id: string, source: string, type: string): CloudAllyBackupTask => ({
  id,
  name: `Northwind ${source}`,
  source,
  type,
  status: 'success',
  lastBackup: '2026-12-03T10:00:00.000Z',
  schemaIssues: [],
  extra: {}
})
const partnerTask = (id: string, source: string, nextBackup: string): CloudAllyTask => ({ id, source, status: 'ACTIVE', alias: `Northwind ${source}`, backupTaskId: id, nextBackup, lastBackupDates: {} })

function renderTasks(connectionId: string) {
  installFakeBridge({
    'cloudally.backupTasks.list': () => [backupTask('T1', 'MS365', 'MS365'), backupTask('T2', 'GDRIVE', 'GOOGLE_WORKSPACE')],
    'cloudally.tasks.list': () => [partnerTask('T1', 'MS365', 'In 1 hours'), partnerTask('T2', 'GDRIVE', 'In 7 hours')]
  })
  render(<TasksView connectionId={connectionId} partnerMode />)
}

const rows = () => screen.queryAllByTestId('cloudally-task-row')

describe('CloudAlly tasks', () => {
  it('the search matches the source name shown as well as its code', async () => {
    renderTasks('c-search')
    await waitFor(() => expect(rows()).toHaveLength(2))
    const search = screen.getByLabelText('Search')
    fireEvent.change(search, { target: { value: 'Exchange' } })
    expect(rows()).toHaveLength(1)
    expect(rows()[0]?.textContent).toContain('Microsoft 365 Exchange')
    fireEvent.change(search, { target: { value: 'google drive' } })
    expect(rows().map((r) => r.textContent)).toEqual([expect.stringContaining('Google Drive')])
    fireEvent.change(search, { target: { value: 'gdrive' } })
    expect(rows()).toHaveLength(1)
    fireEvent.change(search, { target: { value: 'Google Workspace' } })
    expect(rows()).toHaveLength(1)
  })

  it('says when the next backup is due with the unit agreeing with the number', async () => {
    renderTasks('c-next')
    await waitFor(() => expect(rows()).toHaveLength(2))
    const [first, second] = rows()
    expect(within(first!).getByText('in 1 hour')).toBeTruthy()
    expect(within(second!).getByText('in 7 hours')).toBeTruthy()
  })

  it('a partner whose server has no backup-task list sees its tasks, with a note instead of an error', async () => {
    const missing = 'This CloudAlly server does not offer the backup-task list to this login (HTTP 404).'
    installFakeBridge({
      'cloudally.backupTasks.list': () => {
        throw new MainError({ code: 'NOT_FOUND', message: missing, retryable: false })
      },
      'cloudally.tasks.list': () => [partnerTask('T1', 'MS365', 'In 1 hours'), partnerTask('T2', 'GDRIVE', 'In 7 hours')]
    })
    render(<TasksView connectionId="c-no-backup-tasks" partnerMode />)
    await waitFor(() => expect(rows()).toHaveLength(2))
    expect(screen.getByText('2 of 2 tasks')).toBeTruthy()
    expect(screen.queryByRole('alert')).toBeNull()
    expect(screen.getByRole('note').textContent).toBe(`Schedules and workload types are left out: the backup-task list could not be read. ${missing}`)
  })

  it('a portal user, whose only list is the backup-task list, sees its failure as the list’s error', async () => {
    installFakeBridge({
      'cloudally.backupTasks.list': () => {
        throw new MainError({ code: 'OFFLINE', message: 'CloudAlly cannot be reached.', retryable: true })
      }
    })
    render(<TasksView connectionId="c-portal-offline" partnerMode={false} />)
    expect((await screen.findByRole('alert')).textContent).toBe('CloudAlly cannot be reached.')
    expect(screen.queryByRole('note')).toBeNull()
  })
})

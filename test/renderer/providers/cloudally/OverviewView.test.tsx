import { render, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { CloudAllyStatusEntry, CloudAllyTask } from '../../../../src/shared/providers/cloudally/model'
import { OverviewView } from '../../../../src/renderer/src/providers/cloudally/OverviewView'
import { installFakeBridge, MainError } from '../../fake-bridge'

// Two Box tasks whose last runs both failed; one has been paused since.
const entry = (taskId: string, entityName: string): CloudAllyStatusEntry => ({
  taskId,
  source: 'BOX',
  entityName,
  lastBackupDate: '2026-11-20T10:00:00.000Z',
  lastBackupAttemptDate: '2026-11-21T10:00:00.000Z',
  backupStatus: [{ subSource: 'BOX', status: 'FAILED', error: 'Token expired' }],
  overall: 'FAILED'
})
const task = (id: string, status: string): CloudAllyTask => ({ id, status, source: 'BOX', alias: id, lastBackupDates: {} })
const STATUS = [entry('T-paused', 'Paused box'), entry('T-active', 'Running box')]

const entityRows = () => within(screen.getByRole('table', { name: 'Backup status by entity' })).getAllByRole('row').slice(1)
const cellsOf = (row: HTMLElement) => within(row).getAllByRole('cell').map((c) => c.textContent)

describe('CloudAlly Overview', () => {
  it('an entity of a paused task whose last run failed reads Paused, not Failed, and is not counted failed', async () => {
    installFakeBridge({
      'cloudally.partner.get': () => ({ partnerId: 'P1' }),
      'cloudally.status.list': () => STATUS,
      'cloudally.tasks.list': () => [task('T-paused', 'PAUSED'), task('T-active', 'ACTIVE')]
    })
    render(<OverviewView connectionId="c-paused" />)
    await waitFor(() => expect(entityRows()).toHaveLength(2))
    // Failures first: the running task's failure, then the paused task's entity.
    expect(entityRows().map((r) => cellsOf(r).slice(0, 2))).toEqual([
      ['Failed', 'Running box'],
      ['Paused', 'Paused box']
    ])
    // Its last run is still told, in the status cell's title.
    expect(within(entityRows()[1]!).getAllByRole('cell')[0]!.title).toBe('Task paused; last run: Failed')
    const bySource = within(screen.getByRole('table', { name: 'Backup status by source' })).getAllByRole('row').slice(1)
    expect(cellsOf(bySource[0]!).slice(1)).toEqual(['2', '1', '0'])
  })

  it('without the task list, says so and shows each entity\'s last run', async () => {
    installFakeBridge({
      'cloudally.partner.get': () => ({ partnerId: 'P1' }),
      'cloudally.status.list': () => STATUS,
      'cloudally.tasks.list': () => {
        throw new MainError({ code: 'UPSTREAM', message: 'CloudAlly answered 500', retryable: true })
      }
    })
    render(<OverviewView connectionId="c-no-tasks" />)
    await waitFor(() => expect(entityRows()).toHaveLength(2))
    expect(screen.getByText(/Could not read the task list, so entities of a paused task show their last run/)).toBeTruthy()
    expect(entityRows().map((r) => cellsOf(r)[0])).toEqual(['Failed', 'Failed'])
  })
})

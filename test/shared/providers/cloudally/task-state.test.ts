import { describe, expect, it } from 'vitest'
import { cloudAllyTaskRows } from '../../../../src/main/core/providers/cloudally/health'
import type { ConnectionSummary } from '../../../../src/shared/model/connection'
import type { CloudAllyStatusEntry, CloudAllyTask } from '../../../../src/shared/providers/cloudally/model'
import { byEntityStateFailuresFirst, entityState, stoppedTaskState, type CloudAllyEntityState } from '../../../../src/shared/providers/cloudally/task-state'

const NOW = Date.parse('2026-06-10T12:00:00Z')
const hoursAgo = (h: number) => new Date(NOW - h * 3_600_000).toISOString()
const connection = { id: 'ca', provider: 'cloudally', name: 'CA', customer: 'Acme', tags: [] } as unknown as ConnectionSummary

/** An entity whose last run failed with an error text, before its task was (or was not) stopped. */
const failedEntry = (taskId: string): CloudAllyStatusEntry => ({
  taskId,
  source: 'BOX',
  entityName: `entity ${taskId}`,
  lastBackupDate: hoursAgo(200),
  lastBackupAttemptDate: hoursAgo(190),
  backupStatus: [{ subSource: 'BOX', status: 'FAILED', error: 'Token expired' }],
  overall: 'FAILED'
})

describe('CloudAlly task state', () => {
  it('a paused, suspended or archived task is stopped, in either spelling; a running one is not', () => {
    expect(stoppedTaskState('PAUSED')).toBe('PAUSED')
    expect(stoppedTaskState('paused')).toBe('PAUSED')
    expect(stoppedTaskState('SUSPENDED')).toBe('SUSPENDED')
    expect(stoppedTaskState('ARCHIVED')).toBe('ARCHIVED')
    for (const running of ['ACTIVE', 'TRIAL', '', undefined]) expect(stoppedTaskState(running)).toBeUndefined()
  })

  it('an entity whose last run failed reads as its task when the task is stopped, as failed when it runs', () => {
    expect(entityState(failedEntry('t'), 'PAUSED')).toBe('PAUSED')
    expect(entityState(failedEntry('t'), 'SUSPENDED')).toBe('SUSPENDED')
    expect(entityState(failedEntry('t'), 'ACTIVE')).toBe('FAILED')
    // No task known for it: the status list's outcome stands.
    expect(entityState(failedEntry('t'), undefined)).toBe('FAILED')
    // An entity the list calls archived stays archived under a paused task.
    expect(entityState({ ...failedEntry('t'), overall: 'ARCHIVED' }, 'PAUSED')).toBe('ARCHIVED')
  })

  it('orders failures first and stopped entities after the healthy ones', () => {
    const states: CloudAllyEntityState[] = ['PAUSED', 'OK', 'ARCHIVED', 'FAILED', 'IN_PROGRESS', 'UNKNOWN']
    expect([...states].sort(byEntityStateFailuresFirst)).toEqual(['FAILED', 'IN_PROGRESS', 'UNKNOWN', 'OK', 'PAUSED', 'ARCHIVED'])
  })

  it('Fleet health and the console agree: a stopped task is not failing in either, a running one fails in both', () => {
    const tasks: CloudAllyTask[] = ['ACTIVE', 'PAUSED', 'SUSPENDED', 'ARCHIVED'].map((status) => ({ id: status, status, source: 'BOX', lastBackupDates: {} }))
    const entries = tasks.map((t) => failedEntry(t.id))
    const rows = cloudAllyTaskRows(connection, tasks, entries, NOW)
    for (const task of tasks) {
      const row = rows.find((r) => r.ids.taskId === task.id)
      const state = entityState(entries.find((e) => e.taskId === task.id)!, task.status)
      expect({ task: task.status, row: row?.status, entity: state }).toEqual(
        task.status === 'ACTIVE' ? { task: 'ACTIVE', row: 'failed', entity: 'FAILED' } : { task: task.status, row: 'disabled', entity: task.status }
      )
    }
  })
})

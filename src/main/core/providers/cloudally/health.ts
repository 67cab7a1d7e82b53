// Judging CloudAlly health: its answers → fleet rows (pure; the rules shared by every provider are in
// fleet/health.ts).

import type { ConnectionSummary } from '../../../../shared/model/connection'
import type { CloudAllyBackupTask, CloudAllyStatusEntry, CloudAllyTask } from '../../../../shared/providers/cloudally/model'
import { STALE_AFTER_HOURS, type FleetRow, type FleetStatus } from '../../../../shared/model/fleet'
import { stoppedTaskState } from '../../../../shared/providers/cloudally/task-state'
import { baseOf, isStale, rowKey } from '../../fleet/health'

/** Partner login: one row per task, its outcome taken from the status list's entries for it. */
export function cloudAllyTaskRows(c: ConnectionSummary, tasks: readonly CloudAllyTask[], status: readonly CloudAllyStatusEntry[], now: number): FleetRow[] {
  const byTask = new Map<string, CloudAllyStatusEntry[]>()
  for (const s of status) {
    if (!s.taskId) continue
    const list = byTask.get(s.taskId)
    if (list) list.push(s)
    else byTask.set(s.taskId, [s])
  }
  const rows: FleetRow[] = []
  for (const t of tasks) {
    if (!t.id) continue
    const entries = byTask.get(t.id) ?? []
    const failed = entries.filter((e) => e.overall === 'FAILED')
    const lastSuccess = entries.map((e) => e.lastBackupDate).filter(Boolean).sort().at(-1) ?? t.lastBackup
    const lastAttempt = entries.map((e) => e.lastBackupAttemptDate).filter(Boolean).sort().at(-1) ?? lastSuccess
    const stopped = stoppedTaskState(t.status)
    let status: FleetStatus
    let detail: string
    // A stopped task runs nothing: its last run's failure is history (the console's Overview agrees).
    if (stopped) {
      status = 'disabled'
      detail = `Task ${stopped.toLowerCase()}`
    } else if (failed.length) {
      status = 'failed'
      const error = failed.flatMap((e) => e.backupStatus.map((s) => s.error)).find(Boolean)
      detail = `${failed.length === 1 ? 'Last backup failed' : `${failed.length} entities failed`}${error ? `: ${error}` : ''}`
    } else if (!lastSuccess) {
      status = 'pending'
      detail = entries.some((e) => e.overall === 'IN_PROGRESS') ? 'First backup running' : 'No backup yet'
    } else if (isStale(lastSuccess, now)) {
      status = 'stale'
      detail = `No successful backup for more than ${STALE_AFTER_HOURS} h`
    } else {
      status = 'ok'
      detail = entries.some((e) => e.overall === 'IN_PROGRESS') ? 'Backup running' : 'Backed up'
    }
    const row: FleetRow = {
      ...baseOf(c),
      key: rowKey(c, `task:${t.id}`),
      kind: 'cloudally-task',
      object: t.alias ?? t.userEmail ?? t.account ?? t.id,
      context: [t.source ?? t.type, t.userEmail ?? t.account].filter(Boolean).join(' · '),
      status,
      detail,
      ids: { taskId: t.id }
    }
    if (lastAttempt) row.lastBackup = lastAttempt
    if (lastSuccess) row.lastSuccess = lastSuccess
    if (t.size !== undefined) row.storageBytes = t.size
    rows.push(row)
  }
  return rows
}

/** Portal-user login: the seed's backup-task list (status word, last backup, schedule). */
export function cloudAllyBackupTaskRows(c: ConnectionSummary, tasks: readonly CloudAllyBackupTask[], now: number): FleetRow[] {
  return tasks
    .filter((t) => t.id)
    .map((t) => {
      const word = (t.status ?? '').toLowerCase()
      const last = t.lastBackup ?? undefined
      const frequency = t.schedule?.frequency
      let status: FleetStatus
      let detail: string
      if (word === 'failed') {
        status = 'failed'
        detail = 'Last backup failed'
      } else if (word === 'paused' || frequency === 'manual') {
        status = 'disabled'
        detail = word === 'paused' ? 'Task paused' : 'Manual schedule only'
      } else if (word === 'pending' || !last) {
        status = 'pending'
        detail = 'No backup yet'
      } else if (isStale(last, now)) {
        status = 'stale'
        detail = `No successful backup for more than ${STALE_AFTER_HOURS} h`
      } else {
        status = 'ok'
        detail = word === 'in_progress' ? 'Backup running' : 'Backed up'
      }
      const row: FleetRow = {
        ...baseOf(c),
        key: rowKey(c, `task:${t.id}`),
        kind: 'cloudally-task',
        object: t.name ?? t.id,
        context: [t.type, frequency].filter(Boolean).join(' · '),
        status,
        detail,
        ids: { taskId: t.id }
      }
      if (last) {
        row.lastBackup = last
        if (word !== 'failed') row.lastSuccess = last
      }
      if (typeof t.size === 'number') row.storageBytes = t.size
      return row
    })
}


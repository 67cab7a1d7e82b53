// CloudAlly on a customer page: accounts (partner) or backup tasks (portal user) with their status.

import type { ConnectionSummary } from '../../../../shared/model/connection'
import { customerHealthOfStatus, customerHealthOfStatuses, type CustomerItem } from '../../../../shared/model/customers'
import { FLEET_STATUS_LABEL, type FleetStatus } from '../../../../shared/model/fleet'
import type { CloudAllyBackupTask, CloudAllyStatusEntry, CloudAllyTask } from '../../../../shared/providers/cloudally/model'
import type { CustomerSource } from '../../customers/customers.service'
import { cloudAllyBackupTaskRows, cloudAllyTaskRows } from './health'
import type { CloudAllyClient } from './client'

/**
 * CloudAlly accounts (partner view): tasks grouped by account, each task judged as Fleet health
 * judges it (the same row builder: failed, stale, paused…), the account the worst of them.
 */
export function cloudAllyAccountItems(c: ConnectionSummary, tasks: CloudAllyTask[], status: CloudAllyStatusEntry[], now: number): CustomerItem[] {
  const statusOf = new Map<string, FleetStatus>()
  for (const row of cloudAllyTaskRows(c, tasks, status, now)) if (row.ids.taskId) statusOf.set(row.ids.taskId, row.status)
  const accounts = new Map<string, { tasks: CloudAllyTask[]; statuses: FleetStatus[] }>()
  for (const t of tasks) {
    const name = t.account || t.userEmail || t.domain || t.id
    const a = accounts.get(name) ?? { tasks: [], statuses: [] }
    a.tasks.push(t)
    const judged = statusOf.get(t.id)
    if (judged) a.statuses.push(judged)
    accounts.set(name, a)
  }
  return [...accounts.entries()].map(([name, a]) => {
    const sources = [...new Set(a.tasks.map((t) => t.source ?? t.type).filter(Boolean))].join(', ')
    const stale = a.statuses.filter((s) => s === 'stale').length
    return {
      id: name,
      label: name,
      detail: `${a.tasks.length} task${a.tasks.length === 1 ? '' : 's'}: ${sources}${stale ? ` · ${stale} stale` : ''}`,
      status: customerHealthOfStatuses(a.statuses)
    }
  })
}

/** CloudAlly portal user: one item per backup task, judged as Fleet health judges it. */
export function cloudAllyTaskItems(c: ConnectionSummary, tasks: CloudAllyBackupTask[], now: number): CustomerItem[] {
  const byId = new Map(tasks.map((t) => [t.id, t]))
  return cloudAllyBackupTaskRows(c, tasks, now).map((row) => {
    const t = byId.get(row.ids.taskId ?? '')
    return {
      id: row.ids.taskId ?? row.key,
      label: row.object,
      detail: [t?.source ?? t?.type, FLEET_STATUS_LABEL[row.status]].filter(Boolean).join(' · '),
      status: customerHealthOfStatus(row.status) ?? 'ok'
    }
  })
}

export function cloudAllyCustomers(clientFor: (connectionId: string) => Promise<CloudAllyClient>): CustomerSource {
  return {
    itemKind: (c: ConnectionSummary) => (c.mode === 'user' ? 'Backup tasks' : 'Accounts'),
    async read(c: ConnectionSummary, _keep, now) {
      const client = await clientFor(c.id)
      if (c.mode === 'user') return cloudAllyTaskItems(c, await client.backupTasks(), now)
      const [tasks, status] = await Promise.all([client.tasks(), client.status()])
      return cloudAllyAccountItems(c, tasks, status, now)
    }
  }
}

// CloudAlly on a customer page: accounts (partner) or backup tasks (portal user) with their status.

import type { ConnectionSummary } from '../../../../shared/model/connection'
import { worstHealth, type CustomerItem, type Health } from '../../../../shared/model/customers'
import type { CloudAllyBackupTask, CloudAllyStatusEntry, CloudAllyTask } from '../../../../shared/providers/cloudally/model'
import type { CustomerSource } from '../../customers/customers.service'
import type { CloudAllyClient } from './client'

const OVERALL_HEALTH: Record<CloudAllyStatusEntry['overall'], Health | undefined> = {
  FAILED: 'error',
  IN_PROGRESS: 'ok',
  OK: 'ok',
  UNKNOWN: 'unknown',
  ARCHIVED: undefined
}

/** CloudAlly accounts (partner view): tasks grouped by account, with the worst entity status. */
export function cloudAllyAccountItems(tasks: CloudAllyTask[], status: CloudAllyStatusEntry[]): CustomerItem[] {
  const byTask = new Map<string, Health[]>()
  for (const s of status) {
    const h = OVERALL_HEALTH[s.overall]
    if (!s.taskId || !h) continue
    byTask.set(s.taskId, [...(byTask.get(s.taskId) ?? []), h])
  }
  const accounts = new Map<string, { tasks: CloudAllyTask[]; healths: Health[] }>()
  for (const t of tasks) {
    const name = t.account || t.userEmail || t.domain || t.id
    const a = accounts.get(name) ?? { tasks: [], healths: [] }
    a.tasks.push(t)
    const archived = /archiv/i.test(t.status ?? '')
    const hs = byTask.get(t.id) ?? byTask.get(t.backupTaskId ?? '') ?? []
    if (!archived) a.healths.push(...(hs.length ? hs : ['unknown' as const]))
    accounts.set(name, a)
  }
  return [...accounts.entries()].map(([name, a]) => ({
    id: name,
    label: name,
    detail: `${a.tasks.length} task${a.tasks.length === 1 ? '' : 's'}: ${[...new Set(a.tasks.map((t) => t.source ?? t.type).filter(Boolean))].join(', ')}`,
    status: a.healths.length ? worstHealth(a.healths) : 'ok'
  }))
}

/** CloudAlly portal user: one item per backup task. */
export function cloudAllyTaskItems(tasks: CloudAllyBackupTask[]): CustomerItem[] {
  return tasks.map((t) => {
    const s = (t.status ?? '').toLowerCase()
    const status: Health = s === 'failed' ? 'error' : s === 'success' || s === 'in_progress' ? 'ok' : s === 'paused' ? 'warning' : 'unknown'
    return { id: t.id, label: t.name ?? t.id, detail: [t.source ?? t.type, t.status].filter(Boolean).join(' · '), status }
  })
}

export function cloudAllyCustomers(clientFor: (connectionId: string) => Promise<CloudAllyClient>): CustomerSource {
  return {
    itemKind: (c: ConnectionSummary) => (c.mode === 'user' ? 'Backup tasks' : 'Accounts'),
    async read(c: ConnectionSummary) {
      const client = await clientFor(c.id)
      if (c.mode === 'user') return cloudAllyTaskItems(await client.backupTasks())
      const [tasks, status] = await Promise.all([client.tasks(), client.status()])
      return cloudAllyAccountItems(tasks, status)
    }
  }
}

// What search indexes from CloudAlly answers: tasks, backup tasks and users; and the scan's task rows.

import type { CloudAllyBackupTask, CloudAllyTask, CloudAllyUser } from '../../../../shared/providers/cloudally/model'
import { FLEET_STATUS_LABEL, type FleetRow } from '../../../../shared/model/fleet'
import { FLEET_ROWS_SOURCE, type IndexedItem } from '../../search/search-index'

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null

/** Search items of a cloudAlly answer (none for channels it does not index). */
export function cloudAllySearchItems(channel: string, input: unknown, value: unknown): IndexedItem[] {
  switch (channel) {
    case 'cloudally.tasks.list':
      return Array.isArray(value)
        ? (value as CloudAllyTask[]).map((t) => ({
            key: `task:${t.id}`,
            kind: 'task' as const,
            label: t.alias || t.account || t.userEmail || t.id,
            detail: [t.source, t.domain ?? t.userEmail, t.status].filter(Boolean).join(' · '),
            params: { task: t.id }
          }))
        : []
    case 'cloudally.backupTasks.list':
    case 'cloudally.backupTasks.get': {
      const tasks = Array.isArray(value) ? (value as CloudAllyBackupTask[]) : value && isObject(value) ? [value as unknown as CloudAllyBackupTask] : []
      return tasks
        .filter((t) => typeof t.id === 'string')
        .map((t) => ({
          key: `task:${t.id}`,
          kind: 'task' as const,
          label: t.name || t.id,
          detail: [t.source ?? t.type, t.status].filter(Boolean).join(' · '),
          params: { task: t.id }
        }))
    }
    case 'cloudally.users.list':
    case 'cloudally.resellers.get': {
      const users = Array.isArray(value)
        ? (value as CloudAllyUser[])
        : isObject(value) && Array.isArray(value['users'])
          ? (value['users'] as CloudAllyUser[])
          : []
      return users
        .filter((u) => typeof u.id === 'string')
        .map((u) => ({
          key: `user:${u.id}`,
          kind: 'user' as const,
          label: u.name || u.email || u.id,
          ...(u.email && u.email !== u.name ? { detail: u.email } : {}),
          params: { user: u.id }
        }))
    }
    case FLEET_ROWS_SOURCE:
      // The scan's rows open what Fleet health opens: the task.
      return (Array.isArray(value) ? (value as FleetRow[]) : [])
        .filter((r) => r.kind === 'cloudally-task' && typeof r.ids.taskId === 'string')
        .map((r) => ({
          key: `task:${r.ids.taskId}`,
          kind: 'task' as const,
          label: r.object,
          detail: [r.context, FLEET_STATUS_LABEL[r.status]].filter(Boolean).join(' · '),
          params: { task: r.ids.taskId as string }
        }))
    default:
      return []
  }
}

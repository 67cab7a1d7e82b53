import type { HandlerMap } from '../../ipc/router'
import type { CloudAllyClientFor, RestoreTracker } from './restore-tracker'
import { sortStatusFailuresFirst } from './map'

export type CloudAllyHandlers = Pick<
  HandlerMap,
  | 'cloudally.partner.get'
  | 'cloudally.status.list'
  | 'cloudally.tasks.list'
  | 'cloudally.resellers.list'
  | 'cloudally.resellers.get'
  | 'cloudally.users.list'
  | 'cloudally.bills.list'
  | 'cloudally.backupTasks.list'
  | 'cloudally.backupTasks.get'
  | 'cloudally.restore.choices'
  | 'cloudally.restore.start'
>

/**
 * CloudAlly channels. `clientFor` gives the (cached, per-connection) client built from the
 * vault record; `tracker` starts and follows restore/download requests.
 */
export function createCloudAllyHandlers(deps: { clientFor: CloudAllyClientFor; tracker: RestoreTracker }): CloudAllyHandlers {
  const { clientFor, tracker } = deps
  return {
    'cloudally.partner.get': async ({ connectionId }) => (await clientFor(connectionId)).partner(),
    'cloudally.status.list': async ({ connectionId }) => sortStatusFailuresFirst(await (await clientFor(connectionId)).status()),
    'cloudally.tasks.list': async ({ connectionId }) => (await clientFor(connectionId)).tasks(),
    'cloudally.resellers.list': async ({ connectionId }) => (await clientFor(connectionId)).resellers(),
    'cloudally.resellers.get': async ({ connectionId, resellerId }) => {
      const client = await clientFor(connectionId)
      const [reseller, users] = await Promise.all([client.reseller(resellerId), client.users({ resellerId })])
      // A server that ignores the resellerId filter must not show other resellers' users here.
      return { reseller, users: users.filter((u) => u.resellerId === undefined || u.resellerId === resellerId) }
    },
    'cloudally.users.list': async ({ connectionId, resellerId }) =>
      (await clientFor(connectionId)).users(resellerId ? { resellerId } : {}),
    'cloudally.bills.list': async ({ connectionId }) => (await clientFor(connectionId)).bills(),
    'cloudally.backupTasks.list': async ({ connectionId }) => (await clientFor(connectionId)).backupTasks(),
    'cloudally.backupTasks.get': async ({ connectionId, taskId }) => (await clientFor(connectionId)).backupTask(taskId),
    'cloudally.restore.choices': async ({ connectionId, taskId }) => (await clientFor(connectionId)).restoreChoices(taskId),
    'cloudally.restore.start': (input) =>
      tracker.start({
        connectionId: input.connectionId,
        requestKey: input.requestKey,
        taskId: input.taskId,
        ...(input.taskName ? { taskName: input.taskName } : {}),
        ...(input.source ? { source: input.source } : {}),
        kind: input.kind,
        ...(input.snapshotDate ? { snapshotDate: input.snapshotDate } : {}),
        entities: input.entities,
        items: input.items
      })
  }
}

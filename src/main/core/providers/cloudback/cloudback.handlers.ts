import type { HandlerMap } from '../../ipc/router'
import type { CloudbackService } from './cloudback.service'

export type CloudbackHandlers = Pick<
  HandlerMap,
  | 'cloudback.definition.get'
  | 'cloudback.definition.update'
  | 'cloudback.tracked.list'
  | 'cloudback.tracked.remove'
  | 'cloudback.bulk.preview'
  | 'cloudback.bulk.apply'
>

/** Cloudback channels over the service (which holds `clientFor` and the tracked list). */
export function createCloudbackHandlers(deps: { service: CloudbackService }): CloudbackHandlers {
  const { service } = deps
  return {
    'cloudback.definition.get': ({ connectionId, platform, account, subjectName, subjectType }) =>
      service.lookup(connectionId, { platform, account, subjectName, subjectType }),
    'cloudback.definition.update': ({ connectionId, platform, account, subjectName, subjectType, settings }) =>
      service.update(connectionId, { platform, account, subjectName, subjectType }, settings),
    'cloudback.tracked.list': ({ connectionId }) => service.list(connectionId),
    'cloudback.tracked.remove': async ({ connectionId, keys }) => ({ removed: await service.untrack(connectionId, keys) }),
    'cloudback.bulk.preview': ({ connectionId, keys, change }) => {
      const c: Parameters<CloudbackService['preview']>[2] = {}
      if (change.enabled !== undefined) c.enabled = change.enabled
      if (change.schedule !== undefined) c.schedule = change.schedule
      if (change.storage !== undefined) c.storage = change.storage
      if (change.retention !== undefined) c.retention = change.retention
      return service.preview(connectionId, keys, c)
    },
    'cloudback.bulk.apply': ({ connectionId, previewId }) => service.apply(connectionId, previewId)
  }
}

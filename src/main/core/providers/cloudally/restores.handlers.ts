import type { HandlerMap } from '../../ipc/router'
import type { RestoreTracker } from './restore-tracker'

export type RestoreHandlers = Pick<HandlerMap, 'restores.list' | 'restores.get' | 'restores.refresh' | 'restores.settle' | 'restores.openDownload'>

export function createRestoreHandlers(deps: { tracker: RestoreTracker }): RestoreHandlers {
  const { tracker } = deps
  return {
    'restores.list': async (input) => {
      await tracker.init()
      return tracker.list(input?.connectionId ? { connectionId: input.connectionId } : {})
    },
    'restores.get': async ({ id }) => {
      await tracker.init()
      return tracker.get(id)
    },
    'restores.refresh': ({ id }) => tracker.refresh(id),
    'restores.settle': ({ id, outcome }) => tracker.settle(id, outcome),
    'restores.openDownload': ({ id }) => tracker.openDownload(id)
  }
}

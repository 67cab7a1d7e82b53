import type { StateCreator } from 'zustand'
import type { ChannelOutput } from '../../../../shared/contract'
import { call } from '../../api'
import { onDemandReader, perKey, type Loadable } from '../../store/resource'
import type { AppState } from '../../store/index'

// CloudAlly data per connection, loaded on demand by the console's tabs and kept while the app
// runs (a tab switch does not reload; "Reload" does).

const CHANNELS = {
  partner: 'cloudally.partner.get',
  status: 'cloudally.status.list',
  tasks: 'cloudally.tasks.list',
  backupTasks: 'cloudally.backupTasks.list',
  resellers: 'cloudally.resellers.list',
  users: 'cloudally.users.list',
  bills: 'cloudally.bills.list'
} as const

export type CloudAllyResource = keyof typeof CHANNELS

export type CloudAllyView = { [R in CloudAllyResource]?: Loadable<ChannelOutput<(typeof CHANNELS)[R]>> }

export interface CloudAllySlice {
  cloudally: Record<string, CloudAllyView>
  loadCloudAlly(connectionId: string, resource: CloudAllyResource, force?: boolean): Promise<void>
}

export const createCloudAllySlice: StateCreator<AppState, [], [], CloudAllySlice> = (set, get) => {
  // One reader per connection and resource: a reload asked for while one runs reads again after it.
  const reader = perKey(
    (connectionId: string, resource: CloudAllyResource) => `${connectionId}\u0000${resource}`,
    (connectionId, resource) =>
      onDemandReader<unknown>(
        {
          read: () => get().cloudally[connectionId]?.[resource],
          write: (next) => set((s) => ({ cloudally: { ...s.cloudally, [connectionId]: { ...s.cloudally[connectionId], [resource]: next } } }))
        },
        () => call(CHANNELS[resource], { connectionId })
      )
  )
  return {
    cloudally: {},
    loadCloudAlly: (connectionId, resource, force = false) => reader(connectionId, resource)(force)
  }
}

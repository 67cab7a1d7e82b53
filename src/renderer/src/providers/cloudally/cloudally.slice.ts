import type { StateCreator } from 'zustand'
import type { ChannelOutput } from '../../../../shared/contract'
import { call } from '../../api'
import { loadInto, type Loadable, type LoadableSlot } from '../../store/resource'
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

export const createCloudAllySlice: StateCreator<AppState, [], [], CloudAllySlice> = (set, get) => ({
  cloudally: {},
  async loadCloudAlly(connectionId, resource, force = false) {
    const slot: LoadableSlot<unknown> = {
      read: () => get().cloudally[connectionId]?.[resource],
      write: (next) => set((s) => ({ cloudally: { ...s.cloudally, [connectionId]: { ...s.cloudally[connectionId], [resource]: next } } }))
    }
    await loadInto(slot, () => call(CHANNELS[resource], { connectionId }), force)
  }
})

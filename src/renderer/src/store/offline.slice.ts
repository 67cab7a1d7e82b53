import type { StateCreator } from 'zustand'
import type { OfflineStatus } from '../../../shared/model/offline'
import { call } from '../api'
import type { AppState } from './index'

// Connections main reports offline (their reads answer the last snapshot), kept current by the
// `offline.status` topic (routed by app/ipc-events.ts).

export interface OfflineSlice {
  offline: Record<string, OfflineStatus>
  loadOffline(): Promise<void>
  applyOffline(status: OfflineStatus): void
}

export const createOfflineSlice: StateCreator<AppState, [], [], OfflineSlice> = (set) => ({
  offline: {},
  async loadOffline() {
    try {
      const list = await call('offline.status')
      set({ offline: Object.fromEntries(list.map((s) => [s.connectionId, s])) })
    } catch {
      // Locked or not reachable: the next event or load brings it.
    }
  },
  applyOffline: (status) =>
    set((s) => {
      const offline = { ...s.offline }
      if (status.offline) offline[status.connectionId] = status
      else delete offline[status.connectionId]
      return { offline }
    })
})

import type { StateCreator } from 'zustand'
import type { OfflineStatus } from '../../../shared/model/offline'
import { call } from '../api'
import type { AppState } from './index'
import { latestReader, notLoaded, received, type Loadable } from './resource'

// Connections main reports offline (their reads answer the last snapshot), kept current by the
// `offline.status` topic (routed by app/ipc-events.ts). A failed read (locked, not reachable) is
// not shown: the next event or load brings the state.

export interface OfflineSlice {
  /** The offline connections, by connection id. */
  offline: Loadable<Record<string, OfflineStatus>>
  loadOffline(): Promise<void>
  applyOffline(status: OfflineStatus): void
}

const NONE_OFFLINE: Record<string, OfflineStatus> = {}

/** The offline connections by id (one empty record until known, so a selector's answer stays the same). */
export const selectOffline = (s: AppState): Record<string, OfflineStatus> => s.offline.value ?? NONE_OFFLINE

export const createOfflineSlice: StateCreator<AppState, [], [], OfflineSlice> = (set, get) => ({
  offline: notLoaded(),
  loadOffline: latestReader({ read: () => get().offline, write: (offline) => set({ offline }) }, async () => {
    const list = await call('offline.status')
    return Object.fromEntries(list.map((s) => [s.connectionId, s]))
  }),
  applyOffline: (status) =>
    set((s) => {
      const offline = { ...selectOffline(s) }
      if (status.offline) offline[status.connectionId] = status
      else delete offline[status.connectionId]
      return { offline: received(s.offline, offline) }
    })
})

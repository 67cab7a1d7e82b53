import type { StateCreator } from 'zustand'
import type { ConnectionSummary } from '../../../shared/model/connection'
import { call } from '../api'
import type { AppState } from './index'
import { latestReader, notLoaded, received, type Loadable } from './resource'

export interface ConnectionsSlice {
  connections: Loadable<ConnectionSummary[]>
  /** Reads the list again (`connections.changed`, a save elsewhere); one read at a time. */
  loadConnections(): Promise<void>
  /** Puts a created or updated connection in place without a reload. */
  upsertConnection(connection: ConnectionSummary): void
  removeConnection(id: string): void
}

const NO_CONNECTIONS: ConnectionSummary[] = []

/** The connections as last read, or none yet (one empty list, so a selector's answer stays the same). */
export const selectConnections = (s: AppState): ConnectionSummary[] => s.connections.value ?? NO_CONNECTIONS

export const createConnectionsSlice: StateCreator<AppState, [], [], ConnectionsSlice> = (set, get) => {
  const replace = (next: ConnectionSummary[]) => set((s) => ({ connections: received(s.connections, next) }))
  return {
    connections: notLoaded(),
    loadConnections: latestReader(
      { read: () => get().connections, write: (connections) => set({ connections }) },
      () => call('connections.list')
    ),
    upsertConnection: (connection) => {
      const connections = [...selectConnections(get())]
      const index = connections.findIndex((c) => c.id === connection.id)
      if (index >= 0) connections[index] = connection
      else connections.push(connection)
      replace(connections)
    },
    removeConnection: (id) => replace(selectConnections(get()).filter((c) => c.id !== id))
  }
}

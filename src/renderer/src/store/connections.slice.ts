import type { StateCreator } from 'zustand'
import type { ConnectionSummary } from '../../../shared/model/connection'
import { call, errorMessage } from '../api'
import type { AppState } from './index'

export interface ConnectionsSlice {
  connections: ConnectionSummary[]
  connectionsLoaded: boolean
  connectionsError: string | null
  loadConnections(): Promise<void>
  /** Puts a created or updated connection in place without a reload. */
  upsertConnection(connection: ConnectionSummary): void
  removeConnection(id: string): void
}

export const createConnectionsSlice: StateCreator<AppState, [], [], ConnectionsSlice> = (set) => ({
  connections: [],
  connectionsLoaded: false,
  connectionsError: null,
  async loadConnections() {
    try {
      const connections = await call('connections.list')
      set({ connections, connectionsLoaded: true, connectionsError: null })
    } catch (error) {
      set({ connectionsError: errorMessage(error), connectionsLoaded: true })
    }
  },
  upsertConnection: (connection) =>
    set((state) => {
      const index = state.connections.findIndex((c) => c.id === connection.id)
      const connections = [...state.connections]
      if (index >= 0) connections[index] = connection
      else connections.push(connection)
      return { connections }
    }),
  removeConnection: (id) => set((state) => ({ connections: state.connections.filter((c) => c.id !== id) }))
})

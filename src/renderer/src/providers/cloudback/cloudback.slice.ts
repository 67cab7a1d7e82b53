import type { StateCreator } from 'zustand'
import type { TrackedDefinition } from '../../../../shared/providers/cloudback/model'
import { call, errorMessage } from '../../api'
import type { AppState } from '../../store/index'

// The definitions this connection has looked up (Cloudback has no list call; main keeps them).

export interface CloudbackSlice {
  cloudbackTracked: Record<string, TrackedDefinition[]>
  cloudbackError: Record<string, string | undefined>
  loadCloudbackTracked(connectionId: string): Promise<void>
  putCloudbackTracked(connectionId: string, definition: TrackedDefinition): void
  setCloudbackTracked(connectionId: string, list: TrackedDefinition[]): void
}

export const createCloudbackSlice: StateCreator<AppState, [], [], CloudbackSlice> = (set) => ({
  cloudbackTracked: {},
  cloudbackError: {},
  async loadCloudbackTracked(connectionId) {
    try {
      const list = await call('cloudback.tracked.list', { connectionId })
      set((s) => ({ cloudbackTracked: { ...s.cloudbackTracked, [connectionId]: list }, cloudbackError: { ...s.cloudbackError, [connectionId]: undefined } }))
    } catch (error) {
      set((s) => ({ cloudbackError: { ...s.cloudbackError, [connectionId]: errorMessage(error) } }))
    }
  },
  putCloudbackTracked: (connectionId, definition) =>
    set((s) => {
      const list = [...(s.cloudbackTracked[connectionId] ?? [])]
      const i = list.findIndex((d) => d.key === definition.key)
      if (i >= 0) list[i] = definition
      else list.push(definition)
      return { cloudbackTracked: { ...s.cloudbackTracked, [connectionId]: list } }
    }),
  setCloudbackTracked: (connectionId, list) => set((s) => ({ cloudbackTracked: { ...s.cloudbackTracked, [connectionId]: list } }))
})

import type { StateCreator } from 'zustand'
import type { TrackedDefinition } from '../../../../shared/providers/cloudback/model'
import { call } from '../../api'
import { latestReader, perKey, type Loadable, type LoadableSlot } from '../../store/resource'
import type { AppState } from '../../store/index'

// The definitions this connection has looked up (Cloudback has no list call; main keeps them).

export interface CloudbackSlice {
  cloudbackTracked: Record<string, Loadable<TrackedDefinition[]>>
  loadCloudbackTracked(connectionId: string): Promise<void>
  putCloudbackTracked(connectionId: string, definition: TrackedDefinition): void
  setCloudbackTracked(connectionId: string, list: TrackedDefinition[]): void
}

export const createCloudbackSlice: StateCreator<AppState, [], [], CloudbackSlice> = (set, get) => {
  const slot = (connectionId: string): LoadableSlot<TrackedDefinition[]> => ({
    read: () => get().cloudbackTracked[connectionId],
    write: (next) => set((s) => ({ cloudbackTracked: { ...s.cloudbackTracked, [connectionId]: next } }))
  })
  /** A list changed here (a lookup, a save, a removal): the value, as of now. */
  const replace = (connectionId: string, list: TrackedDefinition[]) =>
    slot(connectionId).write({ ...slot(connectionId).read(), value: list, loading: slot(connectionId).read()?.loading ?? false, loadedAt: new Date().toISOString() })
  // Always read again: main's list is the truth after a bulk apply or another window's change
  // (one read per connection at a time; a reload asked for during one reads again after it).
  const reader = perKey(
    (connectionId: string) => connectionId,
    (connectionId) => latestReader(slot(connectionId), () => call('cloudback.tracked.list', { connectionId }))
  )
  return {
    cloudbackTracked: {},
    loadCloudbackTracked: (connectionId) => reader(connectionId)(),
    putCloudbackTracked(connectionId, definition) {
      const list = [...(get().cloudbackTracked[connectionId]?.value ?? [])]
      const i = list.findIndex((d) => d.key === definition.key)
      if (i >= 0) list[i] = definition
      else list.push(definition)
      replace(connectionId, list)
    },
    setCloudbackTracked: replace
  }
}

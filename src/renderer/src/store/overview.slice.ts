import type { StateCreator } from 'zustand'
import type { Overview } from '../../../shared/model/overview'
import { call } from '../api'
import { hasAnswered, notLoaded, onDemandReader, type Loadable } from './resource'
import type { AppState } from './index'

// The Overview's numbers and every connection's health dot, from `overview.get` (computed in
// main from what it already knows, so it answers at once). Read again in the background when
// what it counts moves: a kept scan (`watch.status`), a connection going offline or back, a
// restore's progress, a connection added or removed (routed by app/ipc-events.ts).

export interface OverviewSlice {
  overview: Loadable<Overview>
  /** Reads the Overview; `force` reads again although a value is there. */
  loadOverview(force?: boolean): Promise<void>
  /** Reads again if it was read before (a read asked for during one runs after it). */
  refreshOverview(): void
}

export const createOverviewSlice: StateCreator<AppState, [], [], OverviewSlice> = (set, get) => {
  // A refresh that arrives while a read runs is not lost: the reader reads once more after it.
  const read = onDemandReader({ read: () => get().overview, write: (overview) => set({ overview }) }, () => call('overview.get'))
  return {
    overview: notLoaded(),
    loadOverview: read,
    refreshOverview() {
      if (hasAnswered(get().overview) || get().overview.loading) void read(true)
    }
  }
}

import type { StateCreator } from 'zustand'
import type { Overview } from '../../../shared/model/overview'
import { call } from '../api'
import { loadInto, type Loadable } from './resource'
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

// A refresh that arrives while a read runs must not be lost: the running read may predate it.
let again = false

export const createOverviewSlice: StateCreator<AppState, [], [], OverviewSlice> = (set, get) => ({
  overview: { loading: false },

  async loadOverview(force = false) {
    const slot = { read: () => get().overview, write: (next: Loadable<Overview>) => set({ overview: next }) }
    await loadInto(slot, () => call('overview.get'), force)
    if (again) {
      again = false
      await loadInto(slot, () => call('overview.get'), true)
    }
  },

  refreshOverview() {
    const { overview } = get()
    if (overview.loading) again = true
    else if (overview.value !== undefined || overview.error !== undefined) void get().loadOverview(true)
  }
})

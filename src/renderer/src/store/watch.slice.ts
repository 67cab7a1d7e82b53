import type { StateCreator } from 'zustand'
import type { ChangeBase, ChangeSet, WatchStatus } from '../../../shared/model/watch'
import { call, errorMessage } from '../api'
import type { AppState } from './index'

// Watch: the schedule's status (the page title and the tray count), what changed since the last
// scan / since yesterday, and the items a clicked notification asked to show.

export interface WatchSlice {
  watchStatus: WatchStatus | null
  watchChanges: Partial<Record<ChangeBase, ChangeSet | null>>
  watchError: string | null
  /** Set by a clicked notification: the Fleet screen shows only these items. */
  watchFocus: { scanId: string; keys: string[] } | null
  loadWatchStatus(): Promise<void>
  loadWatchChanges(base: ChangeBase): Promise<void>
  applyWatchStatus(status: WatchStatus): void
  setWatchFocus(focus: { scanId: string; keys: string[] } | null): void
}

export const createWatchSlice: StateCreator<AppState, [], [], WatchSlice> = (set) => ({
  watchStatus: null,
  watchChanges: {},
  watchError: null,
  watchFocus: null,
  async loadWatchStatus() {
    try {
      set({ watchStatus: await call('watch.status') })
    } catch (error) {
      set({ watchError: errorMessage(error) })
    }
  },
  async loadWatchChanges(base) {
    try {
      const changes = await call('watch.changes', { base })
      set((s) => ({ watchChanges: { ...s.watchChanges, [base]: changes }, watchError: null }))
    } catch (error) {
      set({ watchError: errorMessage(error) })
    }
  },
  applyWatchStatus: (status) => set({ watchStatus: status }),
  setWatchFocus: (focus) => set({ watchFocus: focus })
})

import type { StateCreator } from 'zustand'
import type { ChangeBase, ChangeSet, WatchStatus } from '../../../shared/model/watch'
import { call } from '../api'
import type { AppState } from './index'
import { latestReader, notLoaded, received, type Loadable, type LoadableSlot } from './resource'

// Watch: the schedule's status (the page title and the tray count), what changed since the last
// scan / since yesterday, and the items a clicked notification asked to show.

export interface WatchSlice {
  watchStatus: Loadable<WatchStatus>
  /** What changed, per base (null: no scan yet). */
  watchChanges: Partial<Record<ChangeBase, Loadable<ChangeSet | null>>>
  /** Set by a clicked notification: the Fleet screen shows only these items. */
  watchFocus: { scanId: string; keys: string[] } | null
  loadWatchStatus(): Promise<void>
  /** Reads the changes against `base` again (a newer scan may have been kept). */
  loadWatchChanges(base: ChangeBase): Promise<void>
  applyWatchStatus(status: WatchStatus): void
  setWatchFocus(focus: { scanId: string; keys: string[] } | null): void
}

export const createWatchSlice: StateCreator<AppState, [], [], WatchSlice> = (set, get) => {
  const changeReaders = new Map<ChangeBase, () => Promise<void>>()
  const changeReader = (base: ChangeBase) => {
    const slot: LoadableSlot<ChangeSet | null> = {
      read: () => get().watchChanges[base],
      write: (next) => set((s) => ({ watchChanges: { ...s.watchChanges, [base]: next } }))
    }
    const reader = changeReaders.get(base) ?? latestReader(slot, () => call('watch.changes', { base }))
    changeReaders.set(base, reader)
    return reader
  }
  return {
    watchStatus: notLoaded(),
    watchChanges: {},
    watchFocus: null,
    loadWatchStatus: latestReader({ read: () => get().watchStatus, write: (watchStatus) => set({ watchStatus }) }, () => call('watch.status')),
    loadWatchChanges: (base) => changeReader(base)(),
    applyWatchStatus: (status) => set((s) => ({ watchStatus: received(s.watchStatus, status) })),
    setWatchFocus: (focus) => set({ watchFocus: focus })
  }
}

import type { StateCreator } from 'zustand'
import type { AboutInfo } from '../../../shared/contract/app.contract'
import { call } from '../api'
import type { AppState } from './index'
import { latestReader, notLoaded, type Loadable } from './resource'

export interface ShellSlice {
  about: Loadable<AboutInfo>
  loadAbout(): Promise<void>
}

/** Whether main answered the last `app.about` at all (null: not asked yet); shown in the status bar. */
export const selectMainReachable = (s: AppState): boolean | null => (s.about.error !== undefined ? false : s.about.value !== undefined ? true : null)

export const createShellSlice: StateCreator<AppState, [], [], ShellSlice> = (set, get) => ({
  about: notLoaded(),
  loadAbout: latestReader({ read: () => get().about, write: (about) => set({ about }) }, () => call('app.about'))
})
